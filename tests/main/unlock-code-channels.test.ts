/**
 * The unlock code's channels trust the vault handle, not the caller: the separation check uses the
 * manifest of the job the handle belongs to, also after a restart; the audit log names that job and
 * records every reveal; a caller naming another job is refused. A code file is read only if it is a small
 * ordinary file, and no path with a control character gets past the contract.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessDemoAccount } from '../../electron/core/demo-account';
import { composeChannels, type ChannelClient } from '../helpers/channels';
import { siteFolders } from '../helpers/temp-dirs';

const { root, dataDir, usb, laptop } = siteFolders('companion-code-channels-');
const demo = new InProcessDemoAccount({ seed: 'code-channels' });
const running: ChannelClient[] = [];

/** One launch of the app over the same data folder (settings, audit log), connected to the demo account. */
async function launch(): Promise<ChannelClient> {
  const launched = await composeChannels({ dataDir, demo, home: root });
  running.push(launched);
  await launched.call('connect', { source: { kind: 'demo' } });
  return launched;
}

afterAll(async () => {
  for (const { app } of running) await app.service.close();
  await demo.stop();
});

interface Job {
  jobId: string;
  region: string;
  readyToUnlock: boolean;
}

let jobA: Job;
let jobB: Job;
let manifestA: string;

beforeAll(async () => {
  const { call } = await launch();
  const { jobs } = await call<{ jobs: Job[] }>('listJobs', {
    regions: ['eu-west-1', 'us-west-2', 'us-east-1'],
  });
  [jobA, jobB] = jobs.filter((j) => j.readyToUnlock) as [Job, Job];
  expect(jobB).toBeDefined();
  manifestA = (
    await call<{ path: string }>('downloadManifest', { jobId: jobA.jobId, region: jobA.region, folder: usb })
  ).path;
});

describe('saving the code', () => {
  /** Fetches job A's code and saves it to `name` in the manifest's folder, naming `claimed` as its job. */
  async function saveBesideManifest({ call }: ChannelClient, claimed: Job, name: string) {
    const handle = await call<{ id: string }>('fetchUnlockCode', { jobId: jobA.jobId, region: jobA.region });
    const target = path.join(usb, name);
    const saving = call('saveUnlockCode', {
      handleId: handle.id,
      jobId: claimed.jobId,
      path: target,
      acceptWarnings: true,
    });
    return { handle, target, saving };
  }

  it('refuses a caller that names another job than the code’s, and writes nothing', async () => {
    const { handle, target, saving } = await saveBesideManifest(running[0]!, jobB, 'code-claimed-for-b.txt');
    await expect(saving).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`belongs to job ${jobA.jobId}, not ${jobB.jobId}`),
    });
    await expect(
      running[0]!.call('copyUnlockCode', { handleId: handle.id, jobId: jobB.jobId }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(existsSync(target)).toBe(false);
  });

  it('blocks the manifest’s folder after a restart, as before it', async () => {
    const { target, saving } = await saveBesideManifest(await launch(), jobA, 'code-after-restart.txt');
    await expect(saving).rejects.toMatchObject({
      code: 'SEPARATION_BLOCKED',
      message: expect.stringContaining(path.dirname(manifestA)),
    });
    expect(existsSync(target)).toBe(false);
    // Settings keep where the manifest went, and nothing secret.
    const settings = readFileSync(path.join(dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settings).jobs[jobA.jobId].manifestPath).toBe(manifestA);
  });
});

describe('the audit log', () => {
  it('records each reveal and names the job the code belongs to, never the code', async () => {
    const { call } = await launch();
    const handle = await call<{ id: string }>('fetchUnlockCode', { jobId: jobB.jobId, region: jobB.region });
    const { code } = await call<{ code: string }>('revealUnlockCode', { handleId: handle.id });
    await call('copyUnlockCode', { handleId: handle.id, jobId: jobB.jobId });
    await call('saveUnlockCode', {
      handleId: handle.id,
      jobId: jobB.jobId,
      path: path.join(laptop, 'code-b.txt'),
      acceptWarnings: true,
    });
    const { entries } = await call<{ entries: { action: string; outcome: string; jobId?: string }[] }>(
      'listAuditEntries',
    );
    const aboutB = entries.filter((e) => e.jobId === jobB.jobId).map((e) => `${e.action}:${e.outcome}`);
    expect(aboutB).toEqual(
      expect.arrayContaining(['reveal-unlock-code:ok', 'copy-unlock-code:ok', 'save-unlock-code:ok']),
    );
    // The refused calls of the first test named job B but held A's code: nothing about B came of them.
    expect(entries.filter((e) => e.jobId === jobB.jobId && e.outcome === 'failed')).toEqual([]);
    expect(readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8')).not.toContain(code);
  });
});

describe('reading a saved code file (offline)', () => {
  /** The call, or "froze" when main's file work does not answer within two seconds. */
  const readCode = (file: string) =>
    Promise.race([
      running[0]!.call<{ jobId: string }>('readUnlockCodeFile', { path: file, jobId: null }),
      new Promise((resolve) => setTimeout(() => resolve('froze'), 2000)),
    ]);

  it('reads a small ordinary file holding the code', async () => {
    const file = path.join(laptop, 'code-saved.txt');
    writeFileSync(file, 'a1b2c-3d4e5-f6g7h-8i9j0-klmno\n', { mode: 0o600 });
    await expect(readCode(file)).resolves.toMatchObject({ jobId: 'offline' });
  });

  it.runIf(process.platform !== 'win32')(
    'refuses a named pipe at once instead of waiting for a writer',
    async () => {
      const fifo = path.join(laptop, 'code-pipe');
      execFileSync('mkfifo', [fifo]);
      await expect(readCode(fifo)).rejects.toMatchObject({
        code: 'DESTINATION_UNUSABLE',
        message: `${fifo} is a named pipe, not an ordinary file, so it is not a saved unlock code. Choose the file you saved the unlock code in.`,
      });
    },
  );

  it.runIf(process.platform !== 'win32')('refuses a device without reading from it', async () => {
    await expect(readCode('/dev/zero')).rejects.toMatchObject({
      code: 'DESTINATION_UNUSABLE',
      message: expect.stringContaining('/dev/zero is a device, not an ordinary file'),
    });
  });

  it('refuses a file far larger than a code', async () => {
    const big = path.join(laptop, 'code-big.txt');
    writeFileSync(big, `a1b2c-3d4e5-f6g7h-8i9j0-klmno\n${'x'.repeat(4096)}`);
    await expect(readCode(big)).rejects.toMatchObject({
      code: 'DESTINATION_UNUSABLE',
      message: expect.stringContaining('is larger than 1024 bytes'),
    });
  });
});

describe('paths at the contract', () => {
  it.each([
    ['a line break', 'laptop\ncode.txt'],
    ['a carriage return', 'laptop\rcode.txt'],
    ['a tab', 'laptop\tcode.txt'],
    ['an escape', 'laptop\u001b[2Jcode.txt'],
    ['a C1 control', 'laptop\u0085code.txt'],
  ])('refuses a path with %s, saying how to fix it', async (_what, name) => {
    const { call } = running[0]!;
    const bad = path.join(root, name);
    for (const [channel, input] of [
      ['readUnlockCodeFile', { path: bad, jobId: null }],
      ['downloadManifest', { jobId: jobA.jobId, region: jobA.region, folder: bad }],
      ['exportAuditLog', { path: bad }],
    ] as const) {
      await expect(call(channel, input)).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining(
          'contains a line break, a tab or another invisible control character; type or paste the path again on one line',
        ),
      });
    }
  });
});
