/**
 * The unlock code's channels trust the vault handle, not the caller: the separation check uses the
 * manifest of the job the handle belongs to, also after a restart; the audit log names that job and
 * records every reveal; a caller naming another job is refused.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireName, type ChannelName } from '../../electron/contract';
import { InProcessDemoAccount } from '../../electron/core/demo-account';
import { memoryClipboard } from '../../electron/core/ports';
import { composeApp, type ComposedApp } from '../../electron/main/compose';
import { registerChannels, type RawHandler } from '../../electron/main/ipc-registry';
import { tempDir } from '../helpers/temp-dirs';

const ORIGIN = 'app://companion';
const root = tempDir('companion-code-channels-');
const dataDir = path.join(root, 'data');
const usb = path.join(root, 'usb');
const laptop = path.join(root, 'laptop');
for (const dir of [dataDir, usb, laptop]) mkdirSync(dir, { mode: 0o700 });
const demo = new InProcessDemoAccount({ seed: 'code-channels' });

interface Running {
  app: ComposedApp;
  call<T = unknown>(name: ChannelName, input?: unknown): Promise<T>;
}
const running: Running[] = [];

/** One launch of the app over the same data folder (settings, audit log). */
async function launch(): Promise<Running> {
  const routes = new Map<string, RawHandler>();
  const app = await composeApp({
    dataDir,
    clipboard: memoryClipboard(),
    demo,
    env: {
      HOME: root,
      AWS_CONFIG_FILE: path.join(root, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'none'),
    },
    separationEnv: { platform: process.platform, sharedRoots: [] },
    send: () => undefined,
    shell: {
      appInfo: {
        name: 'Snowball Companion',
        version: '1.0.0',
        shell: 'electron',
        platform: process.platform,
        nativeDialogs: false,
        demoRequested: false,
      },
      dialogs: null,
      openExternal: async () => false,
    },
  });
  registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, app.handlers, { trustedOrigin: ORIGIN });
  const call = async <T>(name: ChannelName, input: unknown = {}): Promise<T> => {
    const result = await routes.get(wireName(name))!({ origin: ORIGIN, isMainFrame: true }, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  const launched = { app, call };
  running.push(launched);
  await call('connect', { source: { kind: 'demo' } });
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
  it('refuses a caller that names another job than the code’s, and writes nothing', async () => {
    const { call } = running[0]!;
    const handle = await call<{ id: string }>('fetchUnlockCode', { jobId: jobA.jobId, region: jobA.region });
    const target = path.join(usb, 'code-claimed-for-b.txt');
    await expect(
      call('saveUnlockCode', { handleId: handle.id, jobId: jobB.jobId, path: target, acceptWarnings: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`belongs to job ${jobA.jobId}, not ${jobB.jobId}`),
    });
    await expect(call('copyUnlockCode', { handleId: handle.id, jobId: jobB.jobId })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(existsSync(target)).toBe(false);
  });

  it('blocks the manifest’s folder after a restart, as before it', async () => {
    const { call } = await launch();
    const handle = await call<{ id: string }>('fetchUnlockCode', { jobId: jobA.jobId, region: jobA.region });
    const target = path.join(usb, 'code-after-restart.txt');
    await expect(
      call('saveUnlockCode', { handleId: handle.id, jobId: jobA.jobId, path: target, acceptWarnings: true }),
    ).rejects.toMatchObject({
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
