import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_REGION_CONCURRENCY,
  describeCluster,
  describeJob,
  listClusterJobs,
  listJobs,
} from '../../electron/core/jobs';
import { defaultRegions, planRegionQueries } from '../../electron/core/regions';
import { useEmulator } from '../helpers/emulator';

// 40 generated jobs in each of six regions on top of the demo jobs: every region needs several pages of 10.
const SCALE = ['us-east-1', 'us-west-2', 'us-east-2', 'eu-west-1', 'ap-southeast-2', 'ca-central-1'];
const ctx = useEmulator({ jobsPerRegion: 40, regions: SCALE });

beforeEach(() => {
  ctx.emulator.clearFaults();
  ctx.emulator.resetRequests();
});

describe('planRegionQueries', () => {
  it('asks one US region for all four and every other region once', () => {
    expect(planRegionQueries(['eu-west-1', 'us-west-2', 'us-east-2', 'eu-west-1'])).toEqual([
      { region: 'us-west-2', covers: ['us-west-2', 'us-east-2'] },
      { region: 'eu-west-1', covers: ['eu-west-1'] },
    ]);
    expect(planRegionQueries(defaultRegions())[0]).toEqual({
      region: 'us-east-1',
      covers: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'],
    });
  });

  it('calls every region of a partition at once by default, so one page each is one round trip', () => {
    for (const partition of ['aws', 'aws-us-gov', 'aws-cn'] as const)
      expect(planRegionQueries(defaultRegions(partition)).length).toBeLessThanOrEqual(
        DEFAULT_REGION_CONCURRENCY,
      );
  });
});

describe('listJobs against the emulator', () => {
  it('walks every page of every region, asks the US once, and de-duplicates', async () => {
    const { emulator, session } = ctx;
    const now = emulator.now();
    const listing = await listJobs(session, defaultRegions(), { now, pageSize: 10 });

    const counts = emulator.demo.jobCounts;
    const usTotal = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'].reduce(
      (n, r) => n + (counts[r] ?? 0),
      0,
    );
    const expected = Object.entries(counts)
      .filter(([r]) => !r.startsWith('us-'))
      .reduce((n, [, c]) => n + c, usTotal);
    expect(listing.jobs).toHaveLength(expected);
    expect(new Set(listing.jobs.map((j) => j.jobId)).size).toBe(expected);
    expect(listing.failures).toEqual([]);

    // Requests: exactly ceil(n/10) pages per region queried, US regions collapsed into us-east-1.
    const calls = emulator.requests({ operation: 'ListJobs' });
    const byRegion: Record<string, unknown[]> = {};
    for (const call of calls) (byRegion[call.region ?? '?'] ??= []).push(call);
    expect(Object.keys(byRegion).filter((r) => r.startsWith('us-'))).toEqual(['us-east-1']);
    expect(byRegion['us-east-1']).toHaveLength(Math.ceil(usTotal / 10));
    expect(byRegion['eu-west-1']).toHaveLength(Math.ceil(counts['eu-west-1']! / 10));
    // A region with no jobs still answers one empty page.
    expect(byRegion['eu-north-1']).toHaveLength(1);
    expect(calls).toHaveLength(
      Math.ceil(usTotal / 10) +
        Object.entries(counts)
          .filter(([r]) => !r.startsWith('us-'))
          .reduce((n, [, c]) => n + Math.max(1, Math.ceil(c / 10)), 0) +
        defaultRegions().filter((r) => !r.startsWith('us-') && !(r in counts)).length,
    );
  });

  it('marks ready-to-unlock jobs, puts them first, and carries the region to call', async () => {
    const { emulator, session } = ctx;
    const listing = await listJobs(session, ['us-west-2', 'eu-west-1'], { now: emulator.now() });
    const ready = listing.jobs.filter((j) => j.readyToUnlock);
    expect(ready.length).toBeGreaterThan(0);
    expect(listing.jobs.slice(0, ready.length).every((j) => j.readyToUnlock)).toBe(true);
    for (const job of ready) expect(job.state).toBe('WithCustomer');
    const master = listing.jobs.find((j) => j.jobId === emulator.demo.exportMasterJobId);
    if (master) expect(master.readyToUnlock).toBe(false);
    const eu = listing.jobs.filter((j) => j.region === 'eu-west-1');
    expect(eu.length).toBe(emulator.demo.jobCounts['eu-west-1']);
    expect(listing.jobs.every((j) => j.region === 'us-west-2' || j.region === 'eu-west-1')).toBe(true);
  });

  it('computes credential expiry: days left, soon, and expired', async () => {
    const { emulator, session } = ctx;
    const listing = await listJobs(session, defaultRegions(), { now: emulator.now() });
    const soon = listing.jobs.find((j) => j.jobId === emulator.demo.expiringSoonJobId)!;
    expect(soon.credentials!.daysLeft).toBeGreaterThanOrEqual(0);
    expect(soon.credentials!.daysLeft).toBeLessThan(7);
    expect(soon.credentials!.expired).toBe(false);
    const gone = listing.jobs.find((j) => j.jobId === emulator.demo.expiredJobId)!;
    expect(gone.credentials!.expired).toBe(true);
    expect(gone.credentials!.daysLeft).toBeLessThan(0);
  });

  it('reports a failing region beside the others, never a blank list', async () => {
    const { emulator, session } = ctx;
    emulator.addFault('ListJobs@eu-west-1:503:*');
    const listing = await listJobs(session, ['us-east-1', 'eu-west-1', 'ap-southeast-2'], {
      now: emulator.now(),
    });
    expect(listing.failures).toEqual([
      {
        region: 'eu-west-1',
        covers: ['eu-west-1'],
        code: 'SERVICE_ERROR',
        message: expect.stringContaining('in eu-west-1'),
        retryable: true,
      },
    ]);
    expect(listing.jobs.some((j) => j.region === 'us-east-1')).toBe(true);
    expect(listing.jobs.some((j) => j.region === 'ap-southeast-2')).toBe(true);
    expect(listing.jobs.some((j) => j.region === 'eu-west-1')).toBe(false);
    expect(listing.regions).toEqual(['ap-southeast-2', 'us-east-1']);
    // The SDK retried the 503s before giving up (3 attempts).
    expect(emulator.requests({ operation: 'ListJobs', region: 'eu-west-1' })).toHaveLength(3);
  });

  it('recovers from throttling by the SDK retries, and says so clearly beyond them', async () => {
    const { emulator, session } = ctx;
    emulator.addFault('ListJobs@ap-southeast-2:throttle:2');
    const ok = await listJobs(session, ['ap-southeast-2'], { now: emulator.now() });
    expect(ok.failures).toEqual([]);
    expect(ok.jobs.length).toBe(emulator.demo.jobCounts['ap-southeast-2']);

    emulator.addFault('ListJobs@ap-southeast-2:throttle:*');
    const throttled = await listJobs(session, ['ap-southeast-2'], { now: emulator.now() });
    expect(throttled.failures[0]).toMatchObject({ code: 'THROTTLED', retryable: true });
    expect(throttled.failures[0]!.message).toMatch(/limiting the request rate in ap-southeast-2/);
  });

  it('reports every page as it arrives', async () => {
    const { emulator, session } = ctx;
    const pages: [string, number][] = [];
    const listing = await listJobs(session, ['eu-west-1'], {
      now: emulator.now(),
      pageSize: 10,
      onPage: (region, jobs) => pages.push([region, jobs.length]),
    });
    expect(pages.reduce((n, [, c]) => n + c, 0)).toBe(listing.jobs.length);
    expect(pages.length).toBe(Math.ceil(listing.jobs.length / 10));
  });
});

describe('job details, exports and clusters', () => {
  it('describes a delivered job with the tracking number of its trip to the customer', async () => {
    const { emulator, session } = ctx;
    const jobId = emulator.demo.withCustomer['us-east-1']![0]!;
    const details = await describeJob(session, jobId, 'us-east-1', emulator.now());
    expect(details.jobId).toBe(jobId);
    expect(details.state).toBe('WithCustomer');
    expect(details.readyToUnlock).toBe(true);
    // Outbound is AWS → customer; inbound is the return trip, not started yet.
    expect(details.outbound?.trackingNumber).toMatch(/\S{6,}/);
  });

  it('lists an export job’s parts, each with a device', async () => {
    const { emulator, session } = ctx;
    const master = emulator.job(emulator.demo.exportMasterJobId)!;
    const details = await describeJob(session, master.jobId, master.region, emulator.now());
    expect(details.parts.map((p) => p.jobId).sort()).toEqual([...emulator.demo.exportPartJobIds].sort());
    expect(details.parts.every((p) => p.snowballType !== null)).toBe(true);
  });

  it('lists the five nodes of the cluster and describes it', async () => {
    const { emulator, session } = ctx;
    const owner = emulator.job(emulator.demo.clusterJobIds[0]!)!.region;
    const nodes = await listClusterJobs(session, emulator.demo.clusterId, owner, emulator.now());
    expect(nodes.map((n) => n.jobId).sort()).toEqual([...emulator.demo.clusterJobIds].sort());
    expect(nodes).toHaveLength(5);
    const cluster = await describeCluster(session, emulator.demo.clusterId, owner);
    expect(cluster.clusterId).toBe(emulator.demo.clusterId);
    expect(cluster.clusterId).toMatch(/^CID/);
  });

  it('explains an unknown job', async () => {
    const { emulator, session } = ctx;
    await expect(
      describeJob(session, 'JID00000000-0000-0000-0000-000000000000', 'us-east-1', emulator.now()),
    ).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
      message: expect.stringContaining('Refresh the job list'),
    });
  });
});
