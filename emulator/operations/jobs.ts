import { viewKeyOf } from '../regions';
import { jobListEntry, jobMetadata } from '../shapes';
import type { Operation } from './context';
import { optionalInt, optionalString, requireJob } from './context';

export const listJobs: Operation = (ctx, input) => {
  const view = ctx.store.jobsInView(ctx.region);
  const page = ctx.tokens.page(
    view,
    `ListJobs|${viewKeyOf(ctx.region)}`,
    optionalInt(input, 'MaxResults'),
    optionalString(input, 'NextToken'),
    ctx.defaultPageSize,
  );
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
