/**
 * The demo account's simulated site through the channels of the real composition: it exists only while
 * the demo account is connected, its devices answer the connection check, its client takes the code
 * through the same private profile and its output goes through the same parsing and following, for a
 * device and for the five-node cluster; the audit log marks it simulated.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_CLIENT_PATH } from '../../../electron/contract';
import { startSimulatedSite } from '../../../electron/core/client/simulated-program';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';
import { InProcessDemoAccount } from '../../../electron/core/demo-account';
import type { ChannelClient } from '../../helpers/channels';
import { composeDemoSite, unlockDemoJob as unlockDemoJob_ } from '../../helpers/demo-unlock';
import { tempDir } from '../../helpers/temp-dirs';

const demo = new InProcessDemoAccount({ seed: 'simulated-site' });
/** A loopback port the system gave out and closed again: where any real device address is checked. */
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(port));
  });
});
const root = tempDir('companion-simulated-');
const dataDir = path.join(root, 'data');
const sent: [string, unknown][] = [];
let app: ChannelClient['app'];
let call: ChannelClient['call'];

beforeAll(async () => {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ({ app, call } = await composeDemoSite(
    { root, dataDir, demo, sent },
    () => startSimulatedSite({ unlockMs: 1000, staggerMs: 2000, s3StartMs: 500, now: () => Date.now() }),
    // No packet leaves this computer: a device address that is not a simulated one is checked on loopback.
    new SnowballClientLauncher({
      env: { PATH: '/nonexistent', HOME: root },
      privateRoot: path.join(dataDir, 'client-homes'),
      probeTarget: () => ({ host: '127.0.0.1', port: closedPort }),
    }),
  ));
});
afterAll(async () => {
  await app.service.close();
  await demo.stop();
});

type Found = {
  clients: { path: string; trust: string }[];
  simulatedSite: { device: string; cluster: string[] } | null;
};

const unlockDemoJob = (jobKey: string, region: string, hosts: string[]) =>
  unlockDemoJob_({ call, sent, demo, root }, jobKey, region, hosts);

describe('the demo account’s simulated site', () => {
  it('is not there before the demo account is connected', async () => {
    expect((await call<Found>('findSnowballClient')).simulatedSite).toBeNull();
    await expect(call('probeDevice', { host: '192.0.2.10' })).resolves.toMatchObject({
      outcome: expect.not.stringMatching(/^open$/),
    });
  });

  it('comes with the demo account: a simulated client first, devices that answer the connection check', async () => {
    await call('connect', { source: { kind: 'demo' } });
    const found = await call<Found>('findSnowballClient');
    expect(found.simulatedSite).toEqual({
      device: '192.0.2.10',
      cluster: ['192.0.2.21', '192.0.2.22', '192.0.2.23', '192.0.2.24', '192.0.2.25'],
    });
    expect(found.clients[0]).toMatchObject({
      path: SIMULATED_CLIENT_PATH,
      trust: 'simulated',
      source: 'simulated',
      takesProfile: true,
    });
    expect(await call('probeDevice', { host: '192.0.2.10' })).toMatchObject({
      outcome: 'open',
      port: 9091,
      detail: 'HTTP 200',
    });
  });

  it('unlocks a demo job’s device to UNLOCKED through a private profile, marked simulated', async () => {
    const { statuses, jobId, code } = await unlockDemoJob('warehouse3', 'us-east-1', ['192.0.2.10']);
    expect(statuses.at(-1)).toMatchObject({ state: 'UNLOCKED', simulated: true });
    expect(statuses.map((st) => st.state)).toContain('UNLOCKING');
    const audit = readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8');
    const entries = audit
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; simulated?: boolean; jobId?: string });
    expect(entries.filter((e) => e.action === 'unlock-device')).toEqual([
      expect.objectContaining({ jobId, simulated: true }),
    ]);
    expect(entries.filter((e) => /client-profile/.test(e.action)).every((e) => e.simulated)).toBe(true);
    expect(audit).not.toContain(code);
    expect(JSON.stringify(sent)).not.toContain(code);
    const homes = path.join(dataDir, 'client-homes');
    expect(existsSync(homes) ? readdirSync(homes) : []).toEqual([]);
  });

  it('unlocks the five-node demo cluster node by node, recorded as unlock-cluster', async () => {
    const found = await call<Found>('findSnowballClient');
    const { statuses } = await unlockDemoJob('clusterNode1', 'us-west-2', found.simulatedSite!.cluster);
    expect(statuses.at(-1)).toMatchObject({ state: 'UNLOCKED', simulated: true });
    const partial = statuses.find(
      (st) => st.devices.some((d) => d.state === 'UNLOCKED') && st.state !== 'UNLOCKED',
    );
    expect(partial, JSON.stringify(statuses.map((st) => st.message))).toBeDefined();
    expect(partial?.message).toMatch(/^5 nodes: [1-4] UNLOCKED, [1-4] UNLOCKING\.$/);
    const audit = readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"action":"unlock-cluster","outcome":"ok"/);
  }, 45_000);

  it('goes away when the demo account does: its client is then refused', async () => {
    await call('disconnect');
    expect((await call<Found>('findSnowballClient')).simulatedSite).toBeNull();
    const { id } = await call<{ id: string }>('holdUnlockCode', {
      code: 'abcde-12345-fghij-67890-klmno',
      jobId: null,
    });
    const manifest = readdirSync(path.join(root, 'stick-warehouse3'))[0]!;
    await expect(
      call('startUnlock', {
        handleId: id,
        manifestPath: path.join(root, 'stick-warehouse3', manifest),
        hosts: ['192.0.2.10'],
        clientPath: SIMULATED_CLIENT_PATH,
      }),
    ).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(/belongs to the demo account/),
    });
  });
});
