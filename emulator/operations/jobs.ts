import { viewKeyOf } from '../regions';
import { jobListEntry, jobMetadata } from '../shapes';
import type { Operation } from './context';
import { pageOf, requireJob } from './context';

export const listJobs: Operation = (ctx, input) => {
  const page = pageOf(ctx, ctx.store.jobsInView(ctx.region), `ListJobs|${viewKeyOf(ctx.region)}`, input);
  return { JobListEntries: page.items.map(jobListEntry), NextToken: page.nextToken };
};

export const describeJob: Operation = (ctx, input) => {
  const job = requireJob(ctx, input);
  const out: Record<string, unknown> = { JobMetadata: jobMetadata(job) };
  // An export master describes its parts too: they are the jobs that carry devices.
  if (job.isMaster && job.partJobIds) {
    out.SubJobMetadata = job.partJobIds
      .map((id) => ctx.store.jobs.get(id))
      .filter((j) => j !== undefined)
      .map(jobMetadata);
  }
  return out;
};
