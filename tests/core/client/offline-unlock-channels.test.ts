/**
 * The offline path through the contract's channels onto the real composition (no AWS at all): a manifest
 * file, a typed code, the client found, looked at and vouched for (the shell asks the person), the device
 * probed, the unlock followed to UNLOCKED as events through a private profile, the audit log, and the
 * explicit `snowballEdge configure` option with its plaintext file (in the home the JVM is told).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWireName } from '../../../electron/contract';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';
import { InProcessDemoAccount } from '../../../electron/core/demo-account';
import { REDACTED_CODE } from '../../../electron/core/unlock-code';
import type { ComposedApp } from '../../../electron/app/compose';
import { composeChannels, PLAIN_SHELL, type ChannelClient } from '../../helpers/channels';
import { installFakeSnowball, randomUnlockCode, writeManifest } from '../../helpers/fake-snowball';
import { tempDir } from '../../helpers/temp-dirs';

const fake = installFakeSnowball();
const code = randomUnlockCode();
const manifest = writeManifest(path.join(fake.root, 'USB stick', 'JID manifest.bin'), code);
const demo = new InProcessDemoAccount({ seed: 'offline-unlock' });

/** What the shell showed the person before a client first ran (they said yes). */
const asked: unknown[] = [];

async function compose(dataDir: string, sent: [string, unknown][], fast: boolean) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return composeChannels({
    home: fake.home,
    dataDir,
    demo,
    env: fake.env(),
    send: (wire, payload) => sent.push([wire, payload]),
    shell: { ...PLAIN_SHELL, appInfo: { ...PLAIN_SHELL.appInfo, shell: 'browser' } },
    ...(fast
      ? {
          launcher: new SnowballClientLauncher({
            env: fake.env(),
            privateRoot: path.join(dataDir, 'client-homes'),
            pollIntervalMs: 20,
            killGraceMs: 500,
            probePort: closedPort,
          }),
          askToRunClient: async (facts) => {
            asked.push(facts);
            return true;
          },
        }
      : {}),
  });
}

/** A port the system gave out and that was closed again: nothing listens there (never a fixed port). */
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(port));
  });
});

const root = tempDir('companion-offline-');
const sent: [string, unknown][] = [];
let app: ComposedApp;
let call: ChannelClient['call'];

beforeAll(async () => {
  ({ app, call } = await compose(path.join(root, 'data'), sent, true));
});
afterAll(async () => {
  await app.service.close();
  await demo.stop();
});

describe('unlocking without AWS, through the channels', () => {
  let handleId: string;
  let runId: string;

  it('finds the client by default on PATH without running it; only the shell’s question lets it run', async () => {
    const defaults = await compose(path.join(root, 'defaults'), [], false);
    const found = await defaults.call<{
      clients: { path: string; source: string; trust: string; sha256: string }[];
    }>('findSnowballClient');
    expect(found.clients.map((c) => [c.path, c.source, c.trust])).toEqual([
      [fake.edge, 'path', 'unconfirmed'],
      [fake.legacy, 'path', 'unconfirmed'],
    ]);
    // A window's call alone runs nothing: this composition has no way to ask the person.
    await expect(
      defaults.call('confirmSnowballClient', { path: fake.edge, sha256: found.clients[0]!.sha256 }),
    ).rejects.toMatchObject({
      code: 'CLIENT_UNCONFIRMED',
      message: expect.stringMatching(/cannot confirm a Snowball client on its own/),
    });
    expect(fake.calls()).toEqual([]);
    await defaults.app.service.close();

    const chosen = await call<{ sha256: string; trust: string }>('chooseSnowballClient', { path: fake.edge });
    expect(chosen).toMatchObject({
      kind: 'snowballEdge',
      source: 'chosen',
      trust: 'unconfirmed',
      version: null,
    });
    expect(fake.calls()).toEqual([]);
    expect(await call('confirmSnowballClient', { path: fake.edge, sha256: chosen.sha256 })).toMatchObject({
      trust: 'confirmed',
      version: '1.2.0 Build 661',
    });
    expect(asked).toEqual([expect.objectContaining({ path: fake.edge, sha256: chosen.sha256 })]);
    expect(await call<{ clientPath: string; trustedClients: unknown[] }>('getSettings')).toMatchObject({
      clientPath: fake.edge,
      trustedClients: [
        expect.objectContaining({ path: fake.edge, sha256: chosen.sha256, version: '1.2.0 Build 661' }),
      ],
    });
    const again = await call<{ clients: { path: string; source: string; trust: string }[] }>(
      'findSnowballClient',
    );
    expect(again.clients[0]).toMatchObject({ path: fake.edge, source: 'settings', trust: 'confirmed' });
    await expect(call('chooseSnowballClient', { path: process.execPath })).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
    });
  });

  it('probes the device: nothing listens on its port here, so it is refused, with hints', async () => {
    const probe = await call<{ outcome: string; port: number; detail: string; hints: string[] }>(
      'probeDevice',
      {
        host: '127.0.0.1',
      },
    );
    expect(probe).toMatchObject({ outcome: 'refused', port: closedPort, detail: 'ECONNREFUSED' });
    expect(probe.hints.length).toBeGreaterThan(0);
    await expect(call('probeDevice', { host: '999.1.1.1' })).rejects.toMatchObject({
      code: 'INVALID_ADDRESS',
    });
  });

  it('unlocks with a typed code and follows the device to UNLOCKED as events', async () => {
    ({ id: handleId } = await call<{ id: string }>('holdUnlockCode', { code, jobId: null }));
    const started = await call<{ runId: string; commandLine: string }>('startUnlock', {
      handleId,
      manifestPath: manifest,
      hosts: ['192.0.2.40'],
      clientPath: fake.edge,
    });
    runId = started.runId;
    expect(started.commandLine).toBe(`${fake.edge} unlock-device --profile snowball-companion`);
    const statusWire = eventWireName('unlockStatus');
    await until(() =>
      sent.some(([wire, p]) => wire === statusWire && (p as { state: string }).state === 'UNLOCKED'),
    );
    const statuses = sent
      .filter(([wire]) => wire === statusWire)
      .map(([, p]) => p as { runId: string; state: string; phase: string });
    expect(statuses.map((st) => st.state)).toEqual([
      'starting',
      'starting',
      'starting',
      'LOCKED',
      'UNLOCKING',
      'UNLOCKED',
    ]);
    expect(statuses.at(-1)).toMatchObject({ phase: 'unlocked', simulated: false });
    expect(statuses.every((st) => st.runId === runId)).toBe(true);
    const lines = sent.filter(([wire]) => wire === eventWireName('unlockOutput'));
    expect(lines.length).toBeGreaterThan(3);
    expect(JSON.stringify(sent)).not.toContain(code);
  });

  it('records each attempt, the private profile’s creation and removal, and the client confirmed, never the code', async () => {
    // The entry is written just after the last status event: wait for the file, then for the entry.
    const audit = path.join(root, 'data', 'audit.jsonl');
    await until(() => existsSync(audit) && readFileSync(audit, 'utf8').includes('"unlock-device"'));
    const { entries } = await call<{
      entries: { action: string; outcome: string; detail?: string; path?: string; sha256?: string }[];
    }>('listAuditEntries');
    expect(entries.filter((e) => e.action === 'unlock-device')).toEqual([
      expect.objectContaining({
        outcome: 'ok',
        path: manifest,
        detail: expect.stringMatching(
          /^192\.0\.2\.40: UNLOCKED \(The device reports UNLOCKED\. Unlocked in \d+ seconds?\.\)$/,
        ),
      }),
    ]);
    const homes = entries.filter((e) => /client-profile$/.test(e.action));
    expect(homes.map((e) => e.action)).toEqual(['create-client-profile', 'remove-client-profile']);
    expect(homes[0]?.path).toBe(homes[1]?.path);
    expect(homes[0]?.path).toMatch(/client-homes\/home-/);
    expect(entries.filter((e) => e.action === 'choose-client')).toEqual([
      expect.objectContaining({
        outcome: 'ok',
        path: fake.edge,
        detail: expect.stringMatching(/: unconfirmed$/),
      }),
      expect.objectContaining({ outcome: 'failed', path: process.execPath, detail: 'CLIENT_INVALID' }),
    ]);
    expect(entries.find((e) => e.action === 'confirm-client')).toMatchObject({
      outcome: 'ok',
      path: fake.edge,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      detail: expect.stringMatching(/^snowballEdge 1\.2\.0 Build 661, \d+ bytes, owner /),
    });
    expect(readFileSync(path.join(root, 'data', 'audit.jsonl'), 'utf8')).not.toContain(code);
    await call('cancelUnlock', { runId }); // after the end: harmless
  });

  it('will not run a client the person has not confirmed', async () => {
    await expect(
      call('startUnlock', {
        handleId,
        manifestPath: manifest,
        hosts: ['192.0.2.40'],
        clientPath: fake.legacy,
      }),
    ).rejects.toMatchObject({
      code: 'CLIENT_UNCONFIRMED',
      message: expect.stringMatching(/have not confirmed/),
    });
  });

  it('configures the client only with the plaintext warning accepted, and says where the file is', async () => {
    const request = {
      handleId,
      manifestPath: manifest,
      host: '192.0.2.40',
      clientPath: fake.edge,
      profile: 'dock-7',
    };
    await expect(call('configureSnowballClient', request)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      call('configureSnowballClient', { ...request, acceptPlaintext: false }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });

    const result = await call<{ configFile: string; commandLine: string; output: string[] }>(
      'configureSnowballClient',
      { ...request, acceptPlaintext: true },
    );
    expect(result.configFile).toBe(
      path.join(fake.home, '.aws', 'snowball', 'config', 'snowball-edge.config'),
    );
    expect(result.commandLine).toBe(`${fake.edge} configure --profile dock-7`);
    expect(result.output).toContain(`Unlock Code: ${REDACTED_CODE}`);
    // The code went on standard input, not in the arguments.
    expect(fake.calls().at(-1)!.args).toEqual(['configure', '--profile', 'dock-7']);
    // What the client wrote is what the warning is about: path and code together, in plaintext.
    const stored = readFileSync(result.configFile, 'utf8');
    expect(stored).toContain(code);
    expect(stored).toContain(manifest);
    rmSync(result.configFile); // this test's own leftover: the run's secret scan would rightly flag it
    expect(existsSync(result.configFile)).toBe(false);

    const { entries } = await call<{ entries: { action: string; outcome: string; detail?: string }[] }>(
      'listAuditEntries',
    );
    expect(entries.at(-1)).toMatchObject({
      action: 'configure-client',
      outcome: 'ok',
      detail: `profile dock-7: manifest path and unlock code stored together in ${result.configFile}`,
    });
    expect(JSON.stringify(entries)).not.toContain(code);
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
