import { request as httpRequest } from 'node:http';
import {
  DescribeJobCommand,
  GetJobManifestCommand,
  GetSnowballUsageCommand,
  ListJobsCommand,
} from '@aws-sdk/client-snowball';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, start } from '../../emulator/index';
import type { Emulator, FaultSpec } from '../../emulator/index';
import { admin, must, rejectionOf, snowball, sts } from './helpers';

let emu: Emulator;

beforeAll(async () => {
  emu = await start({ seed: 'faults' });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.clearFaults();
  emu.resetRequests();
  emu.setLatency(0);
});

type Arm = (spec: string) => Promise<void>;
const ARMS: Array<[string, Arm]> = [
  [
    'in-process',
    async (spec) => {
      emu.addFault(spec);
    },
  ],
  [
    'admin route',
    async (spec) => {
      const res = await admin(emu, 'POST', '/faults', { spec });
      expect(res.status).toBe(200);
    },
  ],
];

const warehouse3 = (): string => must(emu.demo.jobs.warehouse3);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Reads a body to its end or to the connection dying; returns what arrived and what was promised. */
function download(url: string): Promise<{ promised: number; received: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      const promised = Number(res.headers['content-length']);
      let received = 0;
      res.on('data', (c: Buffer) => (received += c.length));
      res.on('end', () => resolve({ promised, received, complete: res.complete }));
      res.on('aborted', () => resolve({ promised, received, complete: false }));
      res.on('error', () => resolve({ promised, received, complete: false }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(ARMS)('faults armed via %s', (_how, arm) => {
  it('throttle: ThrottlingException (400 "Rate exceeded"); default retries recover and the log shows them', async () => {
    await arm('GetSnowballUsage:throttle:1');
    const err = await rejectionOf(
      snowball(emu, 'us-west-2', { maxAttempts: 1 }).send(new GetSnowballUsageCommand({})),
    );
    expect(err.name).toBe('ThrottlingException');
    expect(err.message).toBe('Rate exceeded');
    expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);

    await arm('GetSnowballUsage:throttle:2');
    emu.resetRequests();
    const ok = await snowball(emu, 'us-west-2').send(new GetSnowballUsageCommand({}));
    expect(ok.$metadata.attempts).toBe(3);
    expect(
      emu.requests({ operation: 'GetSnowballUsage' }).map((r) => [r.status, r.errorCode, r.fault]),
    ).toEqual([
      [400, 'ThrottlingException', 'throttle'],
      [400, 'ThrottlingException', 'throttle'],
      [200, undefined, undefined],
    ]);
  });

  it('500 and 503: InternalFailure and ServiceUnavailable, retried by the SDK', async () => {
    await arm('DescribeJob:500:1');
    const e500 = await rejectionOf(
      snowball(emu, 'us-east-1', { maxAttempts: 1 }).send(new DescribeJobCommand({ JobId: warehouse3() })),
    );
    expect([
      e500.name,
      (e500 as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    ]).toEqual(['InternalFailure', 500]);
    await arm('DescribeJob:503:1');
    const e503 = await rejectionOf(
      snowball(emu, 'us-east-1', { maxAttempts: 1 }).send(new DescribeJobCommand({ JobId: warehouse3() })),
    );
    expect([
      e503.name,
      (e503 as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    ]).toEqual(['ServiceUnavailable', 503]);
    await arm('DescribeJob:503:1');
    const ok = await snowball(emu, 'us-east-1').send(new DescribeJobCommand({ JobId: warehouse3() }));
    expect(ok.$metadata.attempts).toBe(2);
  });

  it('reset: the socket is destroyed without an answer', async () => {
    await arm('ListJobs:reset:1');
    const err = await rejectionOf(
      snowball(emu, 'us-west-2', { maxAttempts: 1 }).send(new ListJobsCommand({})),
    );
    expect(`${String(err.code)} ${err.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(emu.requests({ operation: 'ListJobs' }).map((r) => [r.status, r.fault])).toEqual([[0, 'reset']]);
  });

  it('slow: the response body is dribbled over the duration', async () => {
    const client = snowball(emu, 'us-east-1');
    const fast = await timed(() => client.send(new DescribeJobCommand({ JobId: warehouse3() })));
    await arm('DescribeJob:slow:1:700');
    const slow = await timed(() => client.send(new DescribeJobCommand({ JobId: warehouse3() })));
    expect(slow.value.JobMetadata?.JobId).toBe(warehouse3());
    expect(slow.ms).toBeGreaterThan(650);
    expect(fast.ms).toBeLessThan(300);
    const url = must((await client.send(new GetJobManifestCommand({ JobId: warehouse3() }))).ManifestURI);
    await arm('ManifestDownload:slow:1:500');
    const dl = await timed(() => download(url));
    expect(dl.value).toEqual({ promised: 48 * 1024, received: 48 * 1024, complete: true });
    expect(dl.ms).toBeGreaterThan(450);
  });

  it('truncate: Content-Length promises the whole manifest, fewer bytes arrive', async () => {
    const url = must(
      (await snowball(emu, 'us-east-1').send(new GetJobManifestCommand({ JobId: warehouse3() }))).ManifestURI,
    );
    await arm('ManifestDownload:truncate:1');
    const cut = await download(url);
    expect(cut.promised).toBe(48 * 1024);
    expect(cut.received).toBeLessThan(cut.promised);
    expect(cut.complete).toBe(false);
    await arm('ManifestDownload:truncate:1:1000');
    expect((await download(url)).received).toBe(1000);
    expect(await download(url)).toEqual({ promised: 48 * 1024, received: 48 * 1024, complete: true });
  });

  it('expire: GetJobManifest hands out a URL that is already expired', async () => {
    await arm('GetJobManifest:expire:1');
    const client = snowball(emu, 'us-east-1');
    const dead = must((await client.send(new GetJobManifestCommand({ JobId: warehouse3() }))).ManifestURI);
    expect(new URL(dead).searchParams.get('X-Amz-Expires')).toBe('3600');
    const res = await fetch(dead);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
    expect(emu.requests({ operation: 'GetJobManifest' })[0]?.fault).toBe('expire');
    const fresh = must((await client.send(new GetJobManifestCommand({ JobId: warehouse3() }))).ManifestURI);
    expect((await fetch(fresh)).status).toBe(200);
  });

  it('expired-token: ExpiredTokenException (400), not retried; STS answers ExpiredToken; downloads never', async () => {
    await arm('ListJobs:expired-token:1');
    const err = await rejectionOf(snowball(emu, 'us-west-2').send(new ListJobsCommand({})));
    expect([err.name, err.message]).toEqual([
      'ExpiredTokenException',
      'The security token included in the request is expired',
    ]);
    expect(emu.requests({ operation: 'ListJobs' }).map((r) => [r.status, r.fault])).toEqual([
      [400, 'expired-token'],
    ]);
    await arm('GetCallerIdentity:expired-token:1');
    const stsErr = await rejectionOf(sts(emu, 'us-east-1').send(new GetCallerIdentityCommand({})));
    expect(stsErr.name).toBe('ExpiredToken');
    expect(() => emu.addFault('ManifestDownload:expired-token')).toThrow(/not to ManifestDownload/);
    // Armed for everything, it leaves presigned downloads alone (and is not used up by them).
    const client = snowball(emu, 'us-east-1');
    const url = must((await client.send(new GetJobManifestCommand({ JobId: warehouse3() }))).ManifestURI);
    await arm('*:expired-token:1');
    expect((await fetch(url)).status).toBe(200);
    expect(emu.listFaults().map((f) => [f.kind, f.remaining])).toEqual([['expired-token', 1]]);
  });

  it('applies a region-scoped fault to that region only, and STS faults to STS', async () => {
    await arm('ListJobs@eu-west-1:throttle:1');
    await snowball(emu, 'us-west-2', { maxAttempts: 1 }).send(new ListJobsCommand({}));
    const eu = await rejectionOf(
      snowball(emu, 'eu-west-1', { maxAttempts: 1 }).send(new ListJobsCommand({})),
    );
    expect(eu.name).toBe('ThrottlingException');
    await arm('GetCallerIdentity:throttle:1');
    const throttled = await rejectionOf(
      sts(emu, 'us-east-1', undefined, 1).send(new GetCallerIdentityCommand({})),
    );
    expect(throttled.name).toBe('Throttling');
  });
});

describe('latency', () => {
  it('is applied to every request, in-process and via the admin route', async () => {
    const client = snowball(emu, 'us-west-2');
    const base = await timed(() => client.send(new ListJobsCommand({ MaxResults: 1 })));
    emu.setLatency(300);
    const slowed = await timed(() => client.send(new ListJobsCommand({ MaxResults: 1 })));
    expect(slowed.ms).toBeGreaterThanOrEqual(295);
    expect(base.ms).toBeLessThan(200);
    emu.setLatency(0);
    expect((await admin(emu, 'POST', '/latency', { ms: 250 })).json).toEqual({ latencyMs: 250 });
    const viaAdmin = await timed(() => client.send(new ListJobsCommand({ MaxResults: 1 })));
    expect(viaAdmin.ms).toBeGreaterThanOrEqual(245);
  });
});

describe('fault bookkeeping', () => {
  it('lists, counts down and clears faults through the admin route', async () => {
    await admin(emu, 'POST', '/faults', { operation: 'ListJobs', kind: '503', count: '*' });
    await admin(emu, 'POST', '/faults', { faults: ['DescribeJob@us-east-1:throttle:2'] });
    const listed = await admin(emu, 'GET', '/faults');
    expect(listed.json.faults).toEqual([
      expect.objectContaining({ operation: 'ListJobs', kind: '503', remaining: '*' }),
      expect.objectContaining({
        operation: 'DescribeJob',
        region: 'us-east-1',
        kind: 'throttle',
        remaining: 2,
      }),
    ]);
    for (let i = 0; i < 3; i++) {
      const err = await rejectionOf(
        snowball(emu, 'us-west-2', { maxAttempts: 1 }).send(new ListJobsCommand({})),
      );
      expect(err.name).toBe('ServiceUnavailable');
    }
    await rejectionOf(
      snowball(emu, 'us-east-1', { maxAttempts: 1 }).send(new DescribeJobCommand({ JobId: warehouse3() })),
    );
    expect(emu.listFaults().find((f) => f.operation === 'DescribeJob')?.remaining).toBe(1);
    expect((await admin(emu, 'DELETE', '/faults')).json).toEqual({ faults: [] });
    await snowball(emu, 'us-west-2', { maxAttempts: 1 }).send(new ListJobsCommand({}));
    const bad = await admin(emu, 'POST', '/faults', { spec: 'ListJobs:explode' });
    expect(bad.status).toBe(400);
    expect(String(bad.json.error)).toContain('kind must be one of');
  });

  it('lists requests with filters and resets the counters', async () => {
    await snowball(emu, 'us-west-2').send(new ListJobsCommand({ MaxResults: 1 }));
    await snowball(emu, 'eu-west-1').send(new ListJobsCommand({ MaxResults: 1 }));
    const all = await admin(emu, 'GET', '/requests');
    expect(all.json.count).toBe(2);
    const eu = await admin(emu, 'GET', '/requests?operation=ListJobs&region=eu-west-1');
    expect(eu.json.count).toBe(1);
    const [record] = eu.json.requests as Array<Record<string, unknown>>;
    expect(record).toMatchObject({
      method: 'POST',
      path: '/',
      operation: 'ListJobs',
      region: 'eu-west-1',
      protocol: 'json',
      status: 200,
    });
    expect(typeof record?.durationMs).toBe('number');
    expect(Date.parse(String(record?.time))).toBeGreaterThan(0);
    expect((await admin(emu, 'DELETE', '/requests')).json).toEqual({ cleared: 2 });
    expect(emu.requests()).toEqual([]);
  });

  it('parses the fault syntax and rejects bad specs', () => {
    expect(parseFaultSpec('GetJobManifest:throttle:3')).toEqual({
      operation: 'GetJobManifest',
      kind: 'throttle',
      count: 3,
    });
    expect(parseFaultSpec('ListJobs@eu-west-1:503:*')).toEqual<FaultSpec>({
      operation: 'ListJobs',
      region: 'eu-west-1',
      kind: '503',
      count: Infinity,
    });
    expect(parseFaultSpec('ManifestDownload:slow:1:3000')).toEqual({
      operation: 'ManifestDownload',
      kind: 'slow',
      count: 1,
      durationMs: 3000,
    });
    expect(parseFaultSpec('ManifestDownload:truncate:2:10')).toEqual({
      operation: 'ManifestDownload',
      kind: 'truncate',
      count: 2,
      bytes: 10,
    });
    expect(parseFaultSpec('*:reset')).toEqual({ operation: '*', kind: 'reset' });
    for (const bad of [
      'ListJobs',
      'ListJobs:boom',
      'ListJobs:throttle:x',
      'ListJobs:throttle:1:5',
      'a@:throttle',
      ':throttle',
    ]) {
      expect(() => parseFaultSpec(bad), bad).toThrow();
    }
    expect(() => emu.addFault('NoSuchOp:throttle')).toThrow(/unknown operation/);
    expect(() => emu.addFault('ListJobs:expire')).toThrow(/applies to GetJobManifest/);
  });
});
