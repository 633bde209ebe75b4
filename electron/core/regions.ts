/**
 * The regions where Snowball jobs can live, as data. A job list covers the regions of one partition;
 * the four US commercial regions share one view (ListJobs in any of them returns the jobs of all four).
 */
export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface SnowballRegion {
  id: string;
  name: string;
  partition: Partition;
  /** Opt-in regions answer only once enabled for the account; not searched unless chosen. */
  optIn?: true;
}

export const SNOWBALL_REGIONS: readonly SnowballRegion[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)', partition: 'aws' },
  { id: 'us-east-2', name: 'US East (Ohio)', partition: 'aws' },
  { id: 'us-west-1', name: 'US West (N. California)', partition: 'aws' },
  { id: 'us-west-2', name: 'US West (Oregon)', partition: 'aws' },
  { id: 'ca-central-1', name: 'Canada (Central)', partition: 'aws' },
  { id: 'sa-east-1', name: 'South America (São Paulo)', partition: 'aws' },
  { id: 'eu-west-1', name: 'Europe (Ireland)', partition: 'aws' },
  { id: 'eu-west-2', name: 'Europe (London)', partition: 'aws' },
  { id: 'eu-west-3', name: 'Europe (Paris)', partition: 'aws' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)', partition: 'aws' },
  { id: 'eu-north-1', name: 'Europe (Stockholm)', partition: 'aws' },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)', partition: 'aws' },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', partition: 'aws' },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', partition: 'aws' },
  { id: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', partition: 'aws' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', partition: 'aws' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', partition: 'aws' },
  { id: 'af-south-1', name: 'Africa (Cape Town)', partition: 'aws', optIn: true },
  { id: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', partition: 'aws', optIn: true },
  { id: 'eu-south-1', name: 'Europe (Milan)', partition: 'aws', optIn: true },
  { id: 'me-south-1', name: 'Middle East (Bahrain)', partition: 'aws', optIn: true },
  { id: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', partition: 'aws-us-gov' },
  { id: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', partition: 'aws-us-gov' },
  { id: 'cn-north-1', name: 'China (Beijing)', partition: 'aws-cn' },
  { id: 'cn-northwest-1', name: 'China (Ningxia)', partition: 'aws-cn' },
];

const BY_ID = new Map(SNOWBALL_REGIONS.map((r) => [r.id, r]));

/** The four US commercial regions: one ListJobs answers for all of them. */
export const US_SHARED_VIEW: readonly string[] = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];

/** Every region, each US commercial region naming the others whose jobs its ListJobs also returns. */
export function listRegions(): (SnowballRegion & { sharesViewWith?: string[] })[] {
  return SNOWBALL_REGIONS.map((r) =>
    US_SHARED_VIEW.includes(r.id)
      ? { ...r, sharesViewWith: US_SHARED_VIEW.filter((id) => id !== r.id) }
      : { ...r },
  );
}

export function regionInfo(id: string): SnowballRegion | undefined {
  return BY_ID.get(id);
}

export function partitionOf(region: string): Partition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** The regions searched when the user has not chosen: every region of the partition that needs no opt-in. */
export function defaultRegions(partition: Partition = 'aws'): string[] {
  return SNOWBALL_REGIONS.filter((r) => r.partition === partition && !r.optIn).map((r) => r.id);
}

/** A region to query and the chosen regions its answer covers. */
export interface RegionQuery {
  region: string;
  covers: string[];
}

/**
 * Which regions to actually call for a set of chosen regions: the US regions collapse into one query
 * (us-east-1 when chosen, else the first chosen US region); every other region is its own query.
 */
export function planRegionQueries(regions: readonly string[]): RegionQuery[] {
  const unique = [...new Set(regions)];
  const us = unique.filter((r) => US_SHARED_VIEW.includes(r));
  const queries: RegionQuery[] = [];
  const usQuery = us.includes('us-east-1') ? 'us-east-1' : us[0];
  if (usQuery) queries.push({ region: usQuery, covers: us });
  for (const region of unique)
    if (!US_SHARED_VIEW.includes(region)) queries.push({ region, covers: [region] });
  return queries;
}
