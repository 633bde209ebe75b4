/**
 * The regions the app offers are the regions where Snowball has an endpoint (botocore's endpoints data,
 * as the emulator keeps it): none without one (me-south-1 has none), none missing; the opt-in ones are
 * marked and not searched by default.
 */
import { describe, expect, it } from 'vitest';
import { listRegions, defaultRegions } from '../../electron/core/regions';
import { SNOWBALL_ENDPOINT_REGIONS } from '../../emulator/regions';

describe('the regions the app offers', () => {
  it('are exactly the regions with a Snowball endpoint', () => {
    const offered = listRegions().map((r) => r.id);
    expect(new Set(offered).size).toBe(offered.length);
    expect([...offered].sort()).toEqual([...SNOWBALL_ENDPOINT_REGIONS].sort());
    expect(offered).not.toContain('me-south-1');
  });

  it('marks the opt-in regions, which the default search leaves out', () => {
    const optIn = listRegions()
      .filter((r) => r.optIn)
      .map((r) => r.id);
    expect(optIn).toEqual(
      expect.arrayContaining([
        'af-south-1',
        'ap-east-1',
        'ap-southeast-3',
        'eu-south-1',
        'il-central-1',
        'me-central-1',
      ]),
    );
    for (const id of optIn) expect(defaultRegions()).not.toContain(id);
    expect(defaultRegions('aws-us-gov')).toEqual(['us-gov-west-1', 'us-gov-east-1']);
    expect(defaultRegions('aws-cn')).toEqual(['cn-north-1', 'cn-northwest-1']);
  });
});
