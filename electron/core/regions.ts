/**
 * The regions where Snowball jobs can live, as data: the regions where the `snowball` service has an
 * endpoint (botocore's endpoints data, the one list the emulator keeps), each with its name and whether
 * it must be enabled for the account first. A job list covers the regions of one partition; the four US
 * commercial regions share one view (ListJobs in any of them returns the jobs of all four).
 */
import type { SnowballEndpointRegion } from '../../emulator/regions';
import type { RegionInfo } from '../contract';

export type Partition = RegionInfo['partition'];

/** A region as the contract shows it (opt-in ones answer only once enabled; not searched unless chosen). */
export type SnowballRegion = Omit<RegionInfo, 'sharesViewWith'>;

/** Every endpoint region's name, in the order the region picker shows them (the compiler holds both lists equal). */
const NAMES = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'ca-central-1': 'Canada (Central)',
  'sa-east-1': 'South America (São Paulo)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-north-1': 'Europe (Stockholm)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'eu-south-1': 'Europe (Milan)',
  'il-central-1': 'Israel (Tel Aviv)',
  'me-central-1': 'Middle East (UAE)',
  'us-gov-west-1': 'AWS GovCloud (US-West)',
  'us-gov-east-1': 'AWS GovCloud (US-East)',
  'cn-north-1': 'China (Beijing)',
  'cn-northwest-1': 'China (Ningxia)',
} satisfies Record<SnowballEndpointRegion, string>;

/** Regions AWS launched as opt-in (AWS account management: "Enable or disable AWS Regions"). */
const OPT_IN: ReadonlySet<SnowballEndpointRegion> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-southeast-3',
  'eu-south-1',
  'il-central-1',
  'me-central-1',
]);

export const SNOWBALL_REGIONS: readonly SnowballRegion[] = (
  Object.keys(NAMES) as SnowballEndpointRegion[]
).map((id) => ({
  id,
  name: NAMES[id],
  partition: partitionOf(id),
  ...(OPT_IN.has(id) ? { optIn: true as const } : {}),
}));

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
