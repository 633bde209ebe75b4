/** Region facts: which names are valid, which partition they belong to, and which share a job view. */

// prettier-ignore
const COMMERCIAL = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
] as const;
const GOVCLOUD = ['us-gov-west-1', 'us-gov-east-1'] as const;
const CHINA = ['cn-north-1', 'cn-northwest-1'] as const;

export const KNOWN_REGIONS: ReadonlySet<string> = new Set<string>([...COMMERCIAL, ...GOVCLOUD, ...CHINA]);

/** The four US commercial regions: ListJobs in any of them returns the jobs of all four. */
export const US_SHARED_VIEW_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);

/** Seventeen commercial regions where Snowball devices ship; `--regions snowball` expands to these. */
// prettier-ignore
export const SNOWBALL_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
];

/**
 * Regions where Snowball has an API endpoint: the `snowball` service's regions in botocore's endpoints.json
 * (commit 0e6e2404, the same snapshot as the service model), agreeing with the AWS General Reference page
 * "AWS Snow Family endpoints and quotas". Elsewhere `snowball.<region>.amazonaws.com` does not exist, so
 * the only way a request signed for such a region reaches a Snowball endpoint is signed for the wrong
 * region, and AWS's front end refuses that with InvalidSignatureException "Credential should be scoped to a
 * valid region, not '<region>'. " (the wording AWS's JSON and query services give for a scope naming
 * another region). The emulator, standing in for every regional endpoint at once, answers the same. The
 * app offers exactly these regions (electron/core/regions.ts names each).
 */
// prettier-ignore
export const SNOWBALL_ENDPOINT_REGION_IDS = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ca-central-1', 'eu-central-1', 'eu-north-1',
  'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'sa-east-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1',
] as const;
export type SnowballEndpointRegion = (typeof SNOWBALL_ENDPOINT_REGION_IDS)[number];
export const SNOWBALL_ENDPOINT_REGIONS: ReadonlySet<string> = new Set(SNOWBALL_ENDPOINT_REGION_IDS);

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.has(region);
}

export function partitionOf(region: string): Partition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** The key of the job view a region sees: `us` for the shared US view, else the region itself. */
export function viewKeyOf(region: string): string {
  return US_SHARED_VIEW_REGIONS.has(region) ? 'us' : region;
}

/** True when a job owned by `ownerRegion` is visible to a request made in `requestRegion`. */
export function isVisibleFrom(ownerRegion: string, requestRegion: string): boolean {
  return viewKeyOf(ownerRegion) === viewKeyOf(requestRegion);
}

/** Expands `snowball` and validates each name; throws with a readable message on an unknown region. */
export function parseRegionList(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (!name) continue;
    if (name === 'snowball') {
      out.push(...SNOWBALL_REGIONS);
      continue;
    }
    if (!isKnownRegion(name)) throw new Error(`unknown region '${name}'`);
    out.push(name);
  }
  return [...new Set(out)];
}
