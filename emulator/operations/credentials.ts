import { invalidJobState } from '../errors';
import type { JobRecord } from '../model';
import { CREDENTIAL_LIFETIME_MS } from '../model';
import { MANIFEST_URL_TTL_SECONDS } from '../presign';
import type { Operation, OperationContext } from './context';
import { issueObjectUrl, requireJob } from './context';

/**
 * The checks GetJobManifest and GetJobUnlockCode share: only a real device's job, only WithCustomer, and
 * only within 360 days of creation. The model offers InvalidJobStateException for all three.
 */
function requireUnlockable(ctx: OperationContext, job: JobRecord, what: string): void {
  if (job.isMaster) {
    throw invalidJobState(
      `Job ${job.jobId} is the master entry of an export job and has no device. Request the ${what} of one of its job parts.`,
    );
  }
  if (job.state !== 'WithCustomer') {
    throw invalidJobState(
      `The ${what} is available only while the job is in the WithCustomer state. Job ${job.jobId} is in the ${job.state} state.`,
    );
  }
  const expiresAt = job.createdAt + CREDENTIAL_LIFETIME_MS;
  if (ctx.clock.now() > expiresAt) {
    throw invalidJobState(
      `The credentials of job ${job.jobId} expired on ${new Date(expiresAt).toISOString()}, 360 days after the job was created.`,
    );
  }
}

export const getJobManifest: Operation = async (ctx, input) => {
  const job = requireJob(ctx, input);
  requireUnlockable(ctx, job, 'manifest');
  return { ManifestURI: await issueObjectUrl(ctx, 'manifest', job, MANIFEST_URL_TTL_SECONDS) };
};

export const getJobUnlockCode: Operation = (ctx, input) => {
  const job = requireJob(ctx, input);
  requireUnlockable(ctx, job, 'unlock code');
  return { UnlockCode: ctx.secrets.unlockCode(job.jobId) };
};
