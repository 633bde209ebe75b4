import { invalidJobState } from '../errors';
import { DEVICE_IN_USE_STATES } from '../model';
import { UPDATES_URL_TTL_SECONDS } from '../presign';
import type { Operation } from './context';
import { issueObjectUrl, requireJob } from './context';

/** The demo account's raised service limit (the default is 1 device). */
export const DEMO_SNOWBALL_LIMIT = 25;

export const getSnowballUsage: Operation = (ctx) => {
  let inUse = 0;
  for (const job of ctx.store.jobsInView(ctx.region)) {
    if (!job.isMaster && DEVICE_IN_USE_STATES.has(job.state)) inUse++;
  }
  return { SnowballLimit: Math.max(DEMO_SNOWBALL_LIMIT, inUse), SnowballsInUse: inUse };
};

export const getSoftwareUpdates: Operation = async (ctx, input) => {
  const job = requireJob(ctx, input);
  if (job.isMaster || job.state !== 'WithCustomer') {
    throw invalidJobState(
      `Software updates are available only for a device in the WithCustomer state. Job ${job.jobId} is in the ${job.state} state.`,
    );
  }
  return { UpdatesURI: await issueObjectUrl(ctx, 'update', job, UPDATES_URL_TTL_SECONDS) };
};
