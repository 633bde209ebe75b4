/**
 * The receiving flow through core's own code, as the window drives it: listJobs across the regions, then
 * downloadManifest for the first delivered job, either once the listing is complete or (`early`) as soon as
 * a page holding one arrives (listJobs' onPage).
 */
import type { JobSummaryInfo, ManifestResultInfo } from '../electron/contract';
import { listJobs } from '../electron/core/jobs';
import { downloadManifest } from '../electron/core/manifest';
import type { AwsSession } from '../electron/core/session';

/** A job whose manifest can be fetched now: delivered, has a device, credentials not expired. */
function fetchable(job: JobSummaryInfo): boolean {
  return job.readyToUnlock && !job.credentials?.expired;
}

/** A download started from onPage can fail before it is awaited: keep its outcome, not a loose rejection. */
type Outcome = { ok: ManifestResultInfo } | { error: unknown };

export async function coreReceive(
  session: AwsSession,
  regions: readonly string[],
  folder: string,
  pageSize: number,
  early: boolean,
): Promise<void> {
  const pending: { download?: Promise<Outcome> } = {};
  const start = (job: JobSummaryInfo) =>
    downloadManifest(session, job, folder, { now: Date.now }).then(
      (ok): Outcome => ({ ok }),
      (error: unknown): Outcome => ({ error }),
    );
  const listing = await listJobs(session, regions, {
    now: Date.now(),
    pageSize,
    ...(early
      ? {
          onPage: (_region: string, jobs: JobSummaryInfo[]) => {
            const job = pending.download ? undefined : jobs.find(fetchable);
            if (job) pending.download = start(job);
          },
        }
      : {}),
  });
  if (listing.failures.length > 0) throw new Error(`regions failed: ${JSON.stringify(listing.failures)}`);
  if (!pending.download) {
    const job = listing.jobs.find(fetchable);
    if (!job) throw new Error('no delivered job to download');
    pending.download = start(job);
  }
  const outcome = await pending.download;
  if ('error' in outcome) throw outcome.error;
}
