/**
 * Every contract channel, called the way the window calls it (through the registry, with the app's
 * origin), onto the real composition: core's service, the demo account's emulator over HTTP, real files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessDemoAccount } from '../../electron/core/demo-account';
import { memoryClipboard } from '../../electron/core/ports';
import type { ComposedApp } from '../../electron/app/compose';
import { composeChannels, PLAIN_SHELL, type ChannelClient } from '../helpers/channels';
import { siteFolders } from '../helpers/temp-dirs';

const { root, dataDir, usb, laptop } = siteFolders('companion-handlers-');

const demo = new InProcessDemoAccount({ seed: 'handlers' });
const clipboard = memoryClipboard();
const events: [string, unknown][] = [];
const opened: string[] = [];
let app: ComposedApp;
let call: ChannelClient['call'];

beforeAll(async () => {
  ({ app, call } = await composeChannels({
    dataDir,
    clipboard,
    demo,
    home: root,
    send: (wire, payload) => events.push([wire, payload]),
    shell: {
      ...PLAIN_SHELL,
      appInfo: { ...PLAIN_SHELL.appInfo, platform: 'linux', nativeDialogs: true },
      dialogs: { chooseFolder: async () => usb, chooseFile: async () => null },
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
    },
  }));
});
afterAll(async () => {
  await app.service.close();
  await demo.stop();
});

interface Job {
  jobId: string;
  region: string;
  readyToUnlock: boolean;
  state: string;
}

describe('the channels, in the order the wizard uses them', () => {
  let job: Job;
  let manifestPath: string;
  let handleId: string;

  it('describes the app, the credential sources, the regions, and says when nothing is connected', async () => {
    expect(await call('getAppInfo')).toMatchObject({ shell: 'electron', nativeDialogs: true });
    expect(await call('listCredentialSources')).toMatchObject({ profiles: [], environmentKeys: false });
    const { regions } = await call<{ regions: { id: string; sharesViewWith?: string[] }[] }>('listRegions');
    expect(regions.map((r) => r.id)).toContain('eu-west-1');
    // The four US regions answer ListJobs for each other; the window explains it from this.
    expect(regions.find((r) => r.id === 'us-west-2')?.sharesViewWith).toEqual([
      'us-east-1',
      'us-east-2',
      'us-west-1',
    ]);
    expect(regions.find((r) => r.id === 'eu-west-1')?.sharesViewWith).toBeUndefined();
    expect(await call('getConnection')).toBeNull();
    await expect(call('listJobs', { regions: ['eu-west-1'] })).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
    });
  });

  it('connects the demo account and lists its jobs, streaming pages as events', async () => {
    const connection = await call<{ identity: { account: string }; defaultRegions: string[] }>('connect', {
      source: { kind: 'demo' },
    });
    expect(connection.identity.account).toBe('111122223333');
    expect(await call('getConnection')).toEqual(connection);
    const listing = await call<{ jobs: Job[]; failures: unknown[] }>('listJobs', {
      regions: connection.defaultRegions,
    });
    expect(listing.failures).toEqual([]);
    job = listing.jobs.find((j) => j.readyToUnlock && j.region === 'eu-west-1')!;
    expect(job).toBeDefined();
    expect(events.some(([wire]) => wire === 'companion-event:jobsPage')).toBe(true);
    const details = await call<{ jobId: string; outbound: unknown }>('describeJob', {
      jobId: job.jobId,
      region: job.region,
    });
    expect(details.jobId).toBe(job.jobId);
  });

  it('describes a cluster with its nodes', async () => {
    const emulator = await demo.emulator();
    const owner = emulator.job(emulator.demo.clusterJobIds[0]!)!.region;
    const cluster = await call<{ nodes: unknown[] }>('describeCluster', {
      clusterId: emulator.demo.clusterId,
      region: owner,
    });
    expect(cluster.nodes).toHaveLength(5);
  });

  it('marks the job received, downloads the manifest into the chosen folder, with progress events', async () => {
    await call('markReceived', { jobId: job.jobId, region: job.region });
    const folder = await call<{ available: boolean; path: string }>('chooseFolder', {
      title: 'Manifest folder',
    });
    expect(folder).toEqual({ available: true, path: usb });
    const result = await call<{ path: string; sha256: string }>('downloadManifest', {
      jobId: job.jobId,
      region: job.region,
      folder: usb,
    });
    manifestPath = result.path;
    const emulator = await demo.emulator();
    expect(result.sha256).toBe((await emulator.jobSecrets(job.jobId)).manifestSha256);
    expect(events.some(([wire]) => wire === 'companion-event:manifestProgress')).toBe(true);

    // Asked again into the same folder without saying "replace": a question, not a failed download.
    const before = (await call<{ entries: unknown[] }>('listAuditEntries')).entries.length;
    await expect(
      call('downloadManifest', { jobId: job.jobId, region: job.region, folder: usb }),
    ).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect((await call<{ entries: unknown[] }>('listAuditEntries')).entries).toHaveLength(before);
    await call('downloadManifest', { jobId: job.jobId, region: job.region, folder: usb, overwrite: true });
    const { entries } = await call<{ entries: { action: string; outcome: string }[] }>('listAuditEntries');
    expect(entries.slice(before).map((e) => `${e.action}:${e.outcome}`)).toEqual(['download-manifest:ok']);
  });

  it('fetches the code as a handle, reveals and copies it, and checks separation before saving', async () => {
    const handle = await call<{ id: string; jobId: string }>('fetchUnlockCode', {
      jobId: job.jobId,
      region: job.region,
    });
    handleId = handle.id;
    const { code } = await call<{ code: string }>('revealUnlockCode', { handleId });
    expect(code).toBe((await (await demo.emulator()).jobSecrets(job.jobId)).unlockCode);
    await call('copyUnlockCode', { handleId, jobId: job.jobId });
    expect(await clipboard.readText()).toBe(code);
    // Browser mode: the window copies to its own clipboard; main's is left alone, the copy recorded.
    await clipboard.writeText('something else');
    const inPage = await call<{ code: string; clearsAt: number }>('copyUnlockCode', {
      handleId,
      jobId: job.jobId,
      inPage: true,
    });
    expect(inPage.code).toBe(code);
    expect(inPage.clearsAt).toBeGreaterThan(Date.now());
    expect(await clipboard.readText()).toBe('something else');
    const copies = (
      await call<{ entries: { action: string; detail?: string }[] }>('listAuditEntries')
    ).entries
      .filter((e) => e.action === 'copy-unlock-code')
      .map((e) => e.detail ?? '');
    expect(copies.at(-1)).toMatch(/browser window/);
    expect(JSON.stringify(copies)).not.toContain(code);

    const same = await call<{ verdict: string }>('checkSeparation', {
      manifestPath,
      location: { kind: 'file', path: path.join(usb, 'code.txt') },
    });
    expect(same.verdict).toBe('block');
    await expect(
      call('saveUnlockCode', {
        handleId,
        jobId: job.jobId,
        path: path.join(usb, 'code.txt'),
        acceptWarnings: true,
      }),
    ).rejects.toMatchObject({ code: 'SEPARATION_BLOCKED' });
    const target = path.join(laptop, 'unlock-code.txt');
    await expect(
      call('saveUnlockCode', { handleId, jobId: job.jobId, path: target, acceptWarnings: false }),
    ).rejects.toMatchObject({
      code: 'SEPARATION_UNCONFIRMED',
    });
    const saved = await call<{ path: string }>('saveUnlockCode', {
      handleId,
      jobId: job.jobId,
      path: target,
      acceptWarnings: true,
    });
    expect(readFileSync(saved.path, 'utf8')).toBe(`${code}\n`);
    await call('forgetUnlockCode', { handleId });
    await expect(call('revealUnlockCode', { handleId })).rejects.toMatchObject({
      code: 'UNLOCK_CODE_EXPIRED',
    });
  });

  it('gets the return label and the software updates link', async () => {
    const label = await call<{ status: string; savedTo: string }>('getReturnLabel', {
      jobId: job.jobId,
      region: job.region,
      folder: laptop,
    });
    expect(label.status).toBe('Succeeded');
    expect(label.savedTo).toMatch(/_return-label\.pdf$/);
    const updates = await call<{ uri: string }>('getSoftwareUpdates', {
      jobId: job.jobId,
      region: job.region,
    });
    expect(updates.uri).toMatch(/^http/);
  }, 60_000);

  it('remembers folders and IPs, and keeps an audit log without the code', async () => {
    const settings = await call<{ jobs: Record<string, { deviceIps?: string[]; manifestFolder?: string }> }>(
      'rememberJob',
      {
        jobId: job.jobId,
        deviceIps: ['192.168.1.50'],
      },
    );
    expect(settings.jobs[job.jobId]).toMatchObject({
      deviceIps: ['192.168.1.50'],
      manifestFolder: usb,
      codeFolder: laptop,
    });
    expect(await call('getSettings')).toEqual(settings);
    const { entries } = await call<{ entries: { action: string; outcome: string }[] }>('listAuditEntries');
    expect(entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining([
        'connect:ok',
        'list-jobs:ok',
        'mark-received:ok',
        'download-manifest:ok',
        'fetch-unlock-code:ok',
        'copy-unlock-code:ok',
        'save-unlock-code:failed',
        'save-unlock-code:ok',
        'return-label:ok',
      ]),
    );
    const exportPath = path.join(laptop, 'audit-export.jsonl');
    const exported = await call<{ path: string; bytes: number }>('exportAuditLog', { path: exportPath });
    expect(exported.bytes).toBeGreaterThan(0);
    // An existing export is replaced only when the person says so.
    await expect(call('exportAuditLog', { path: exportPath })).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    const replaced = await call<{ bytes: number }>('exportAuditLog', { path: exportPath, overwrite: true });
    expect(readFileSync(exportPath, 'utf8')).toHaveLength(replaced.bytes);
    expect(replaced.bytes).toBeGreaterThan(exported.bytes);
  });

  it('remembers the regions to search, and the connection names them for the next listing', async () => {
    const chosen = await call<{ regions: string[] | null }>('rememberRegions', {
      regions: ['eu-west-1', 'us-west-2', 'eu-west-1', 'cn-north-1'],
    });
    expect(chosen.regions).toEqual(['eu-west-1', 'us-west-2', 'cn-north-1']);
    expect((await call<{ regions: string[] | null }>('getSettings')).regions).toEqual(chosen.regions);
    // Another partition's region is remembered but not searched by this connection.
    const connection = await call<{ defaultRegions: string[] }>('getConnection');
    expect(connection.defaultRegions).toEqual(['eu-west-1', 'us-west-2']);
    expect((await call<{ regions: string[] | null }>('rememberRegions', { regions: [] })).regions).toBeNull();
    expect((await call<{ defaultRegions: string[] }>('getConnection')).defaultRegions).toHaveLength(17);
  });

  it('opens only what the shell allows, picks files, and forgets the session on disconnect', async () => {
    expect(await call('openExternal', { url: 'https://docs.aws.amazon.com/snowball/' })).toEqual({
      opened: true,
    });
    expect(await call('chooseFile', { title: 'Manifest' })).toEqual({ available: true, path: null });
    await call('disconnect');
    expect(await call('getConnection')).toBeNull();
  });
});
