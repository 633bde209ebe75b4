import type { Clock } from '../clock';
import { invalidResource } from '../errors';
import type { ActiveFault, FaultKind } from '../faults';
import type { JobSecrets } from '../job-secrets';
import type { JobRecord } from '../model';
import type { ObjectKind } from '../objects';
import { objectLocation } from '../objects';
import type { TokenCodec } from '../pagination';
import type { ObjectUrlSigner } from '../presign';
import type { Store } from '../store';

/** Everything an operation may touch. One per request. */
export interface OperationContext {
  store: Store;
  clock: Clock;
  /** Region of the credential scope. */
  region: string;
  /** Host header of the request: presigned URLs point back at the same address the client used. */
  host: string;
  secrets: JobSecrets;
  urls: ObjectUrlSigner;
  tokens: TokenCodec;
  defaultPageSize: number;
  /** Consumes a fault of `kind` aimed at this operation and region, if one is armed. */
  takeFault(kind: FaultKind): ActiveFault | undefined;
}

export type Operation = (
  ctx: OperationContext,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>> | Record<string, unknown>;

export function requireJob(ctx: OperationContext, input: Record<string, unknown>): JobRecord {
  const jobId = String(input.JobId);
  const job = ctx.store.findJob(jobId, ctx.region);
  if (!job) throw invalidResource(`The specified job ID ${jobId} does not exist.`, 'JOB');
  return job;
}

export function optionalInt(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  return typeof v === 'number' ? v : undefined;
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A presigned URL for one of the job's objects, signed for the job's own region. With an `expire` fault
 * armed it is signed far enough in the past to be dead on arrival.
 */
export async function issueObjectUrl(
  ctx: OperationContext,
  kind: ObjectKind,
  job: JobRecord,
  ttlSeconds: number,
): Promise<string> {
  const now = ctx.clock.now();
  const expired = ctx.takeFault('expire') !== undefined;
  const { bucket, key } = objectLocation(kind, job.region, job.jobId);
  return ctx.urls.presign({
    host: ctx.host,
    bucket,
    key,
    region: job.region,
    signingTime: expired ? now - (ttlSeconds + 1) * 1000 : now,
    expiresIn: ttlSeconds,
  });
}
