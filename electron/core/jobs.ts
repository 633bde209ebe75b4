/**
 * Jobs across regions: every page of every chosen region, regions in parallel (bounded), pages in order,
 * the US regions asked once, results de-duplicated by JobId. A region that fails is reported beside the
 * others' jobs, never as a blank list. Each job carries the region to use for later calls.
 */
import {
  DescribeClusterCommand,
  DescribeJobCommand,
  ListClusterJobsCommand,
  ListJobsCommand,
  type JobListEntry,
  type JobMetadata,
} from '@aws-sdk/client-snowball';
import type { ClusterInfo, JobDetailsInfo, JobListingInfo, JobSummaryInfo } from '../contract';
import { AppError } from './app-error';
import { toAppError } from './aws-errors';
import { planRegionQueries } from './regions';
import type { AwsSession } from './session';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Manifest and unlock code expire this long after the job was created. */
export const CREDENTIAL_LIFETIME_DAYS = 360;

type CredentialExpiry = NonNullable<JobSummaryInfo['credentials']>;

/**
 * Regions called at once by default: every region of a partition (the commercial one needs 14 calls).
 * Each region has its own endpoint and rate limit, and most accounts have one page per region, so a
 * smaller bound only adds round trips: 6 at a time made such a listing take three round trips, not one.
 */
export const DEFAULT_REGION_CONCURRENCY = 16;

export interface ListJobsOptions {
  now: number;
  /** Regions called at once (default DEFAULT_REGION_CONCURRENCY). */
  concurrency?: number;
  pageSize?: number;
  /** Called with each page as it arrives, so a window can show jobs before every region answered. */
  onPage?: (region: string, jobs: JobSummaryInfo[]) => void;
  signal?: AbortSignal;
}

export function credentialExpiry(createdAt: number | null, now: number): CredentialExpiry | null {
  if (createdAt === null) return null;
  const expiresAt = createdAt + CREDENTIAL_LIFETIME_DAYS * DAY_MS;
  return { expiresAt, daysLeft: Math.floor((expiresAt - now) / DAY_MS), expired: expiresAt <= now };
}

export function summarise(entry: JobListEntry, region: string, now: number): JobSummaryInfo {
  const createdAt = entry.CreationDate ? entry.CreationDate.getTime() : null;
  const isMaster = entry.IsMaster ?? false;
  const state = entry.JobState ?? 'Unknown';
  return {
    jobId: entry.JobId ?? '',
    state,
    jobType: entry.JobType ?? null,
    snowballType: entry.SnowballType ?? null,
    description: entry.Description ?? null,
    isMaster,
    createdAt,
    region,
    readyToUnlock: state === 'WithCustomer' && !isMaster,
    credentials: credentialExpiry(createdAt, now),
  };
}

export async function listJobs(
  session: AwsSession,
  regions: readonly string[],
  options: ListJobsOptions,
): Promise<JobListingInfo> {
  const queries = planRegionQueries(regions);
  const seen = new Map<string, JobSummaryInfo>();
  const failures: JobListingInfo['failures'] = [];
  const answered: string[] = [];
  const concurrency = options.concurrency ?? DEFAULT_REGION_CONCURRENCY;

  await forEachBounded(queries, concurrency, async ({ region, covers }) => {
    const client = session.snowball(region);
    let nextToken: string | undefined;
    try {
      do {
        const page = await client.send(
          new ListJobsCommand({ MaxResults: options.pageSize ?? 100, NextToken: nextToken }),
          options.signal ? { abortSignal: options.signal } : {},
        );
        const jobs = (page.JobListEntries ?? []).map((entry) => summarise(entry, region, options.now));
        const fresh = jobs.filter((job) => !seen.has(job.jobId));
        for (const job of fresh) seen.set(job.jobId, job);
        if (fresh.length > 0) options.onPage?.(region, fresh);
        nextToken = page.NextToken || undefined;
      } while (nextToken);
      answered.push(region);
    } catch (error) {
      const app = toAppError(error, { action: 'list the Snowball jobs', region, profile: session.profile });
      failures.push({ region, covers, code: app.code, message: app.message, retryable: app.retryable });
    }
  });

  return { jobs: sortJobs([...seen.values()]), failures, regions: answered.sort() };
}

/** Ready-to-unlock first, then the newest. */
export function sortJobs(jobs: JobSummaryInfo[]): JobSummaryInfo[] {
  return jobs.sort(
    (a, b) =>
      Number(b.readyToUnlock) - Number(a.readyToUnlock) ||
      (b.createdAt ?? 0) - (a.createdAt ?? 0) ||
      a.jobId.localeCompare(b.jobId),
  );
}

async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(lanes);
}

type Shipment = NonNullable<JobDetailsInfo['inbound']>;

export async function describeJob(
  session: AwsSession,
  jobId: string,
  region: string,
  now: number,
): Promise<JobDetailsInfo> {
  try {
    const out = await session.snowball(region).send(new DescribeJobCommand({ JobId: jobId }));
    if (!out.JobMetadata)
      throw new AppError('INTERNAL', `AWS returned no details for ${jobId}. Try again.`, { retryable: true });
    return {
      ...fromMetadata(out.JobMetadata, region, now),
      parts: (out.SubJobMetadata ?? []).map((sub) => fromMetadata(sub, region, now)),
    };
  } catch (error) {
    throw toAppError(error, { action: 'describe the job', region, jobId, profile: session.profile });
  }
}

function fromMetadata(meta: JobMetadata, region: string, now: number): JobDetailsInfo {
  const summary = summarise(
    {
      JobId: meta.JobId,
      JobState: meta.JobState,
      JobType: meta.JobType,
      SnowballType: meta.SnowballType,
      CreationDate: meta.CreationDate,
      Description: meta.Description,
      // DescribeJob has no IsMaster: a job with parts is the master.
      IsMaster: false,
    },
    region,
    now,
  );
  const shipment = (s: { Status?: string; TrackingNumber?: string } | undefined): Shipment | null =>
    s ? { status: s.Status ?? null, trackingNumber: s.TrackingNumber ?? null } : null;
  return {
    ...summary,
    clusterId: meta.ClusterId ?? null,
    capacity: meta.SnowballCapacityPreference ?? null,
    shippingOption: meta.ShippingDetails?.ShippingOption ?? null,
    inbound: shipment(meta.ShippingDetails?.InboundShipment),
    outbound: shipment(meta.ShippingDetails?.OutboundShipment),
    parts: [],
    addressId: meta.AddressId ?? null,
  };
}

export async function listClusterJobs(
  session: AwsSession,
  clusterId: string,
  region: string,
  now: number,
): Promise<JobSummaryInfo[]> {
  const out: JobSummaryInfo[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await session
        .snowball(region)
        .send(new ListClusterJobsCommand({ ClusterId: clusterId, MaxResults: 100, NextToken: token }));
      out.push(...(page.JobListEntries ?? []).map((e) => summarise(e, region, now)));
      token = page.NextToken || undefined;
    } while (token);
    return out;
  } catch (error) {
    throw toAppError(error, {
      action: `list the jobs of cluster ${clusterId}`,
      region,
      profile: session.profile,
    });
  }
}

export async function describeCluster(
  session: AwsSession,
  clusterId: string,
  region: string,
): Promise<Omit<ClusterInfo, 'nodes'>> {
  try {
    const { ClusterMetadata: c } = await session
      .snowball(region)
      .send(new DescribeClusterCommand({ ClusterId: clusterId }));
    return {
      clusterId: c?.ClusterId ?? clusterId,
      state: c?.ClusterState ?? 'Unknown',
      description: c?.Description ?? null,
      jobType: c?.JobType ?? null,
      snowballType: c?.SnowballType ?? null,
      createdAt: c?.CreationDate?.getTime() ?? null,
      region,
    };
  } catch (error) {
    throw toAppError(error, { action: `describe cluster ${clusterId}`, region, profile: session.profile });
  }
}
