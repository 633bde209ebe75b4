import {
  DescribeJobCommand,
  InvalidResourceException,
  ListJobsCommand,
  paginateListJobs,
} from '@aws-sdk/client-snowball';
import type { JobListEntry } from '@aws-sdk/client-snowball';
import { describe, expect, it } from 'vitest';
import { JOB_STATES, ManualClock, SNOWBALL_REGIONS, SNOWBALL_TYPES, start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { jsonCall, must, rejectionOf, snowball } from './helpers';

async function walk(
  emu: Emulator,
  region: string,
  pageSize: number,
): Promise<{ pages: number; jobs: JobListEntry[] }> {
  let pages = 0;
  const jobs: JobListEntry[] = [];
  for await (const page of paginateListJobs({ client: snowball(emu, region), pageSize }, {})) {
    pages++;
    expect(page.JobListEntries?.length ?? 0).toBeLessThanOrEqual(pageSize);
    jobs.push(...(page.JobListEntries ?? []));
  }
  return { pages, jobs };
}

describe('demo data', () => {
  it('covers every JobState and SnowballType, IMPORT/EXPORT/LOCAL_USE, and WithCustomer jobs in each demo region', async () => {
    const emu = await start({ seed: 'coverage' });
    try {
      const all = [...(await walk(emu, 'us-east-1', 100)).jobs];
      for (const r of ['eu-west-1', 'ap-southeast-2']) all.push(...(await walk(emu, r, 100)).jobs);
      expect(new Set(all.map((j) => j.JobState))).toEqual(new Set(JOB_STATES));
      expect(new Set(all.map((j) => j.SnowballType))).toEqual(new Set(SNOWBALL_TYPES));
      expect(new Set(all.map((j) => j.JobType))).toEqual(new Set(['IMPORT', 'EXPORT', 'LOCAL_USE']));
      for (const region of ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2']) {
        expect(emu.demo.withCustomer[region]?.length ?? 0, region).toBeGreaterThan(0);
      }
      expect(emu.demo.clusterJobIds).toHaveLength(5);
      expect(emu.demo.exportPartJobIds).toHaveLength(3);
    } finally {
      await emu.stop();
    }
  });
});

describe('regions', () => {
  it('shares one view across the four US regions, not with eu-west-1 or GovCloud', async () => {
    const emu = await start({
      seed: 'regions',
      jobsPerRegion: 3,
      regions: ['us-east-2', 'us-gov-west-1', 'eu-west-1'],
    });
    try {
      const views = new Map<string, string[]>();
      for (const r of [
        'us-east-1',
        'us-east-2',
        'us-west-1',
        'us-west-2',
        'eu-west-1',
        'us-gov-west-1',
        'ap-southeast-2',
      ]) {
        views.set(
          r,
          (await walk(emu, r, 7)).jobs.map((j) => must(j.JobId)),
        );
      }
      const us = must(views.get('us-east-1'));
      for (const r of ['us-east-2', 'us-west-1', 'us-west-2']) expect(views.get(r), r).toEqual(us);
      expect(us.length).toBe(emu.demo.jobCounts['us-east-1']! + emu.demo.jobCounts['us-west-2']! + 3);
      expect(us).toContain(emu.demo.jobs.warehouse3);
      expect(us).toContain(emu.demo.jobs.seismicSurvey);
      const eu = must(views.get('eu-west-1'));
      expect(eu.length).toBe(emu.demo.jobCounts['eu-west-1']);
      expect(eu).toContain(emu.demo.jobs.dublinShares);
      expect(eu.filter((id) => us.includes(id))).toEqual([]);
      expect(views.get('us-gov-west-1')).toHaveLength(3);
      expect(views.get('us-gov-west-1')?.filter((id) => us.includes(id))).toEqual([]);

      // A US job is visible from every US region and only there.
      const jobId = must(emu.demo.jobs.warehouse3);
      for (const r of ['us-east-1', 'us-west-2', 'us-west-1']) {
        expect(
          (await snowball(emu, r).send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata?.JobId,
        ).toBe(jobId);
      }
      for (const r of ['eu-west-1', 'us-gov-west-1']) {
        expect(
          await rejectionOf(snowball(emu, r).send(new DescribeJobCommand({ JobId: jobId }))),
        ).toBeInstanceOf(InvalidResourceException);
      }
      const gov = must(views.get('us-gov-west-1')?.[0]);
      const govJob = await snowball(emu, 'us-gov-west-1').send(new DescribeJobCommand({ JobId: gov }));
      expect(govJob.JobMetadata?.KmsKeyARN).toMatch(/^arn:aws-us-gov:kms:us-gov-west-1:/);
    } finally {
      await emu.stop();
    }
  });
});

describe('pagination', () => {
  it('walks every page of the US view with the SDK paginator', async () => {
    const emu = await start({ seed: 'pages', jobsPerRegion: 40, regions: ['us-west-1'] });
    try {
      const total = emu.demo.jobCounts['us-east-1']! + emu.demo.jobCounts['us-west-2']! + 40;
      const { pages, jobs } = await walk(emu, 'us-east-2', 10);
      expect(jobs).toHaveLength(total);
      expect(pages).toBe(Math.ceil(total / 10));
      expect(new Set(jobs.map((j) => j.JobId)).size).toBe(total);
      const times = jobs.map((j) => must(j.CreationDate).getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      // Without MaxResults a page holds up to 100 jobs.
      const first = await snowball(emu, 'us-east-1').send(new ListJobsCommand({}));
      expect(first.JobListEntries).toHaveLength(Math.min(100, total));
    } finally {
      await emu.stop();
    }
  });

  it('lists 10,000 jobs in one region quickly', async () => {
    const t0 = performance.now();
    const emu = await start({ seed: 'scale', jobsPerRegion: 10_000, regions: ['eu-central-1'] });
    const started = performance.now() - t0;
    try {
      const t1 = performance.now();
      const { pages, jobs } = await walk(emu, 'eu-central-1', 100);
      const listed = performance.now() - t1;
      expect(jobs).toHaveLength(10_000);
      expect(pages).toBe(100);
      expect(new Set(jobs.map((j) => j.JobId)).size).toBe(10_000);
      expect(started).toBeLessThan(3000);
      expect(listed).toBeLessThan(8000);
    } finally {
      await emu.stop();
    }
  });

  it('handles 17 regions x 300 jobs', async () => {
    const emu = await start({ seed: 'scale17', jobsPerRegion: 300, regions: SNOWBALL_REGIONS });
    try {
      expect(SNOWBALL_REGIONS).toHaveLength(17);
      expect((await walk(emu, 'ap-south-1', 100)).jobs).toHaveLength(300);
      const us = await walk(emu, 'us-west-2', 100);
      const c = emu.demo.jobCounts;
      expect(c['us-east-2']).toBe(300);
      expect(us.jobs).toHaveLength(c['us-east-1']! + c['us-east-2']! + c['us-west-1']! + c['us-west-2']!);
    } finally {
      await emu.stop();
    }
  });
});

describe('determinism', () => {
  it('gives byte-identical answers for the same seed and clock, different ones for another seed', async () => {
    const now = Date.now();
    const a = await start({ seed: 'same', clock: new ManualClock(now), jobsPerRegion: 20 });
    const b = await start({ seed: 'same', clock: new ManualClock(now), jobsPerRegion: 20 });
    const c = await start({ seed: 'other', clock: new ManualClock(now) });
    try {
      expect(b.demo).toEqual(a.demo);
      for (const region of ['us-west-2', 'eu-west-1', 'ap-southeast-2']) {
        let token: string | undefined;
        do {
          const input = token ? { MaxResults: 7, NextToken: token } : { MaxResults: 7 };
          const ra = await jsonCall(a, 'AWSIESnowballJobManagementService.ListJobs', input, region);
          const rb = await jsonCall(b, 'AWSIESnowballJobManagementService.ListJobs', input, region);
          expect(rb.body.equals(ra.body)).toBe(true);
          token = ra.json.NextToken as string | undefined;
        } while (token);
      }
      const jobId = must(a.demo.jobs.warehouse3);
      const da = await jsonCall(
        a,
        'AWSIESnowballJobManagementService.DescribeJob',
        { JobId: jobId },
        'us-east-1',
      );
      const db = await jsonCall(
        b,
        'AWSIESnowballJobManagementService.DescribeJob',
        { JobId: jobId },
        'us-east-1',
      );
      expect(db.body.equals(da.body)).toBe(true);
      expect(await b.jobSecrets(jobId)).toEqual(await a.jobSecrets(jobId));
      expect(c.demo.jobs.warehouse3).not.toBe(jobId);
      expect((await c.jobSecrets(must(c.demo.jobs.warehouse3))).unlockCode).not.toBe(
        (await a.jobSecrets(jobId)).unlockCode,
      );
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });
});
