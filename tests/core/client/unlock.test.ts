/**
 * The unlock, end to end in core: the real launcher spawns the stand-in Snowball client (a Node program
 * on a temporary PATH) with a manifest the emulator served over HTTP and that job's unlock code.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyUnlockCode } from '../../../emulator';
import { AppError } from '../../../electron/core/app-error';
import type { UnlockRequest } from '../../../electron/core/client/launcher';
import {
  SnowballClientLauncher,
  type LauncherOptions,
} from '../../../electron/core/client/snowball-client-launcher';
import { downloadManifest } from '../../../electron/core/manifest';
import { REDACTED_CODE } from '../../../electron/core/unlock-code';
import { useEmulator } from '../../helpers/emulator';
import {
  installFakeSnowball,
  isRunning,
  killLeftovers,
  randomUnlockCode,
  unlockRecorder,
  writeManifest,
  type FakeSnowball,
} from '../../helpers/fake-snowball';
import { tempDir } from '../../helpers/temp-dirs';
import { walkFiles } from '../../helpers/secret-scan';

const ctx = useEmulator();
afterAll(killLeftovers);
const DEVICE = '192.0.2.10';
const FAST = { pollIntervalMs: 20, commandTimeoutMs: 10_000, unlockTimeoutMs: 10_000, killGraceMs: 1000 };

/** The job's manifest, downloaded by core into a folder with spaces in its name, and the job's code. */
let manifest: string;
let code: string;

beforeAll(async () => {
  const jobId = ctx.emulator.demo.withCustomer['us-west-2']![0]!;
  const folder = path.join(tempDir('companion-unlock-'), 'USB stick', 'Snowball manifests');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const result = await downloadManifest(ctx.session, { jobId, region: 'us-west-2' }, folder, {
    now: () => ctx.emulator.now(),
  });
  manifest = result.path;
  code = (await ctx.emulator.jobSecrets(jobId)).unlockCode;
});

function launcherFor(fake: FakeSnowball, mode = '', options: LauncherOptions = {}) {
  return new SnowballClientLauncher({
    env: fake.env(mode ? { FAKE_SNOWBALL_MODE: mode } : {}),
    ...FAST,
    ...options,
  });
}

/** Every text an unlock left behind must be free of the code. */
function expectNoCode(texts: string[]) {
  for (const text of texts) expect(text).not.toContain(code);
}

describe('unlocking a Snowball Edge device', () => {
  it('runs unlock-device, follows describe-device LOCKED → UNLOCKING → UNLOCKED, paths with spaces intact', async () => {
    const fake = installFakeSnowball();
    const launcher = launcherFor(fake);
    const run = unlockRecorder();
    expect(manifest).toContain(' ');

    const { runId, commandLine } = await launcher.start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    const final = await run.final;

    expect(final).toMatchObject({ runId, state: 'UNLOCKED' });
    expect(run.states()).toEqual(['starting', 'LOCKED', 'UNLOCKING', 'UNLOCKED']);
    expect(run.statuses.every((s) => s.runId === runId)).toBe(true);
    const flags = [
      '--endpoint',
      `https://${DEVICE}`,
      '--manifest-file',
      manifest,
      '--unlock-code',
      '[code-ok]',
    ];
    expect(fake.calls().map((c) => c.args)).toEqual([
      ['version'],
      ['unlock-device', ...flags],
      ['describe-device', ...flags],
      ['describe-device', ...flags],
      ['describe-device', ...flags],
    ]);
    expect(run.outputs).toContainEqual({
      runId,
      stream: 'stdout',
      line: expect.stringMatching(/^Your Snowball Edge device is unlocking\./),
    });
    // Each state's description is shown once; the JSON of the device reaches the window.
    expect(run.outputs.filter((o) => o.line.includes('"State" : "UNLOCKED"'))).toHaveLength(1);
    expect(commandLine).toBe(
      `${fake.edge} unlock-device --endpoint https://${DEVICE} --manifest-file '${manifest}' --unlock-code ${REDACTED_CODE}`,
    );
    expectNoCode([
      commandLine,
      ...run.outputs.map((o) => o.line),
      ...run.statuses.map((s) => s.message ?? ''),
    ]);
  });

  it('fails with the client’s own words when the code does not match the manifest', async () => {
    const fake = installFakeSnowball();
    const wrong = randomUnlockCode();
    expect(verifyUnlockCode(readFileSync(manifest), wrong)).toBe(false);
    const run = unlockRecorder();
    await launcherFor(fake).start(
      { code: wrong, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    const final = await run.final;

    expect(final.state).toBe('failed');
    expect(final.message).toMatch(/^The unlock code does not match this manifest\./);
    expect(final.message).toContain(
      'The client said: “Error: The unlock code is not valid for this manifest file.',
    );
    expect(run.outputs.map((o) => o.stream)).toContain('stderr');
    // Nothing is followed after a refusal.
    expect(fake.calls().map((c) => c.args[0])).toEqual(['version', 'unlock-device']);
    expect(fake.calls()[1]!.args).toContain('[code-wrong]');
    expect(JSON.stringify(run.statuses)).not.toContain(wrong);
  });

  it.each([
    [
      'exit-nonzero',
      /^`snowballEdge unlock-device` exited with code 3\. The client said: “Error: An internal error/,
    ],
    ['unreachable', /^The client could not reach the device\. Check the IP address on the device’s LCD/],
    ['relock', /^The device went back to LOCKED after UNLOCKING, so the unlock did not complete\. Check/],
  ])('fails clearly in mode %s', async (mode, message) => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    await launcherFor(fake, mode).start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    const final = await run.final;
    expect(final.state).toBe('failed');
    expect(final.message).toMatch(message);
    expectNoCode([final.message ?? '', ...run.outputs.map((o) => o.line)]);
  });

  it('rides out a status check that fails once, showing what the client said', async () => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    const launcher = new SnowballClientLauncher({
      env: fake.env({ FAKE_SNOWBALL_DESCRIBE_ERRORS: '1' }),
      ...FAST,
      statusFailuresAllowed: 1,
    });
    await launcher.start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    expect((await run.final).state).toBe('UNLOCKED');
    expect(run.outputs).toContainEqual(
      expect.objectContaining({
        stream: 'stderr',
        line: expect.stringMatching(/^Error: The device is busy/),
      }),
    );
  });

  it('fails when status checks keep failing, in the client’s words', async () => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    const launcher = new SnowballClientLauncher({
      env: fake.env({ FAKE_SNOWBALL_DESCRIBE_ERRORS: '99' }),
      ...FAST,
      statusFailuresAllowed: 1,
    });
    await launcher.start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    expect(await run.final).toMatchObject({
      state: 'failed',
      message:
        '`snowballEdge describe-device` exited with code 1. The client said: “Error: The device is busy and did not return its status. Try again.”',
    });
    expect(fake.calls().filter((c) => c.args[0] === 'describe-device')).toHaveLength(2);
  });

  it('times out when the device never reports UNLOCKED, and stops asking', async () => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    await launcherFor(fake, 'stuck', { unlockTimeoutMs: 600 }).start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    const final = await run.final;
    expect(final.state).toBe('timed-out');
    expect(final.message).toMatch(/^The device did not report UNLOCKED within 1 second\./);
    expect(run.states()).toContain('UNLOCKING');
    const calls = fake.calls().length;
    await sleep(200);
    expect(fake.calls()).toHaveLength(calls);
  });

  it('cancel stops the client and the process it started', async () => {
    const fake = installFakeSnowball();
    const launcher = launcherFor(fake, 'hang');
    const run = unlockRecorder();
    const { runId } = await launcher.start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    const pids = await waitFor(() => fake.pids());
    expect(isRunning(pids.client)).toBe(true);
    expect(isRunning(pids.child)).toBe(true);

    await launcher.cancel(runId);

    expect(isRunning(pids.client)).toBe(false);
    await until(() => !isRunning(pids.child));
    expect(isRunning(pids.child)).toBe(false);
    expect(await run.final).toMatchObject({ state: 'cancelled', message: 'Stopped at your request.' });
    expect(run.states().filter((s) => s === 'cancelled')).toHaveLength(1);
    expect(fake.calls().map((c) => c.args[0])).toEqual(['version', 'unlock-device']);
    // A second cancel, or one for an unknown run, is harmless.
    await launcher.cancel(runId);
    await launcher.cancel('no-such-run');
  });

  it('does not wait for a process the client left behind holding its output open', async () => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    const started = Date.now();
    await launcherFor(fake, 'linger').start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    expect((await run.final).state).toBe('UNLOCKED');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.outputs.map((o) => o.line)).toContainEqual(
      expect.stringMatching(/^Your Snowball Edge device is unlocking/),
    );
    killLeftovers(); // the lingering process is the fake's, not the app's, to clean up
  });

  it('a cancel right after start runs nothing at all', async () => {
    const fake = installFakeSnowball();
    const launcher = launcherFor(fake);
    const run = unlockRecorder();
    const { runId } = await launcher.start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    await launcher.cancel(runId);
    await sleep(100);
    expect(run.states()).toEqual(['cancelled']);
    expect(fake.calls().map((c) => c.args[0])).toEqual(['version']);
  });

  it('stopAll (the app is quitting) stops every running client', async () => {
    const fakes = [installFakeSnowball(), installFakeSnowball()];
    const launchers = fakes.map((fake) => launcherFor(fake, 'hang'));
    // One launcher runs both unlocks: the app has one.
    const launcher = launchers[0]!;
    const runs = fakes.map(() => unlockRecorder());
    for (const [i, fake] of fakes.entries()) {
      await launcher.start(
        { code, manifestPath: manifest, hosts: [`192.0.2.${20 + i}`], clientPath: fake.edge },
        runs[i]!.events,
      );
    }
    const pids = await Promise.all(fakes.map((fake) => waitFor(() => fake.pids())));
    await launcher.stopAll();
    for (const p of pids) {
      expect(isRunning(p.client)).toBe(false);
      await until(() => !isRunning(p.child));
    }
    for (const run of runs) expect((await run.final).state).toBe('cancelled');
  });

  it('never lets the code out: output, statuses, command line and every file written', async () => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    const { commandLine } = await launcherFor(fake, 'echo-code').start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge },
      run.events,
    );
    expect((await run.final).state).toBe('UNLOCKED');
    // The client printed the code (echo-code): the window got it redacted.
    expect(run.outputs).toContainEqual(
      expect.objectContaining({ stream: 'stderr', line: `Authenticating with unlock code ${REDACTED_CODE}` }),
    );
    const texts = [
      commandLine,
      ...run.outputs.map((o) => o.line),
      ...run.statuses.map((s) => s.message ?? ''),
    ];
    expectNoCode(texts);
    const written = [...walkFiles(fake.root), ...walkFiles(path.dirname(manifest))];
    expect(written.length).toBeGreaterThan(2);
    for (const file of written) expect(readFileSync(file, 'latin1'), file).not.toContain(code);
  });
});

describe('clusters and the legacy client', () => {
  it('unlocks a cluster with unlock-cluster and follows describe-cluster until every node is UNLOCKED', async () => {
    const fake = installFakeSnowball();
    const clusterCode = randomUnlockCode();
    const clusterManifest = writeManifest(path.join(fake.root, 'cluster manifest.bin'), clusterCode, {
      clusterId: 'CID11111111-2222-3333-4444-555555555555',
    });
    const hosts = ['192.0.2.31', '192.0.2.32', '192.0.2.33'];
    const run = unlockRecorder();
    const { commandLine } = await launcherFor(fake).start(
      { code: clusterCode, manifestPath: clusterManifest, hosts, clientPath: fake.edge },
      run.events,
    );
    const final = await run.final;
    expect(final).toMatchObject({ state: 'UNLOCKED', message: '3 of 3 devices report UNLOCKED.' });
    const flags = [
      '--endpoint',
      'https://192.0.2.31',
      '--manifest-file',
      clusterManifest,
      '--unlock-code',
      '[code-ok]',
      '--device-ip-addresses',
      ...hosts,
    ];
    const calls = fake.calls().map((c) => c.args);
    expect(calls[1]).toEqual(['unlock-cluster', ...flags]);
    expect(calls.slice(2)).toEqual(calls.slice(2).map(() => ['describe-cluster', ...flags]));
    expect(run.statuses.find((s) => s.state === 'UNLOCKING')?.message).toBe(
      '0 of 3 devices report UNLOCKED; the cluster is UNLOCKING.',
    );
    expect(commandLine).toContain(`--device-ip-addresses ${hosts.join(' ')}`);
    expect(commandLine).not.toContain(clusterCode);
  });

  it('unlocks a legacy Snowball with snowball start -i -m -u, then snowball status', async () => {
    const fake = installFakeSnowball();
    const run = unlockRecorder();
    const { commandLine } = await launcherFor(fake).start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.legacy },
      run.events,
    );
    expect(await run.final).toMatchObject({ state: 'UNLOCKED', message: 'The Snowball reports SUCCESS.' });
    expect(fake.calls().map((c) => c.args)).toEqual([
      ['version'],
      ['start', '-i', DEVICE, '-m', manifest, '-u', '[code-ok]'],
      ['status'],
    ]);
    expect(commandLine).toBe(`${fake.legacy} start -i ${DEVICE} -m '${manifest}' -u ${REDACTED_CODE}`);
  });

  it('refuses a cluster for the legacy client', async () => {
    const fake = installFakeSnowball();
    await expect(
      launcherFor(fake).start(
        { code, manifestPath: manifest, hosts: ['192.0.2.1', '192.0.2.2'], clientPath: fake.legacy },
        unlockRecorder().events,
      ),
    ).rejects.toMatchObject({ code: 'CLIENT_INVALID', message: expect.stringMatching(/snowballEdge/) });
  });
});

describe('what start() refuses before running anything', () => {
  const fake = installFakeSnowball();
  const start = (change: Partial<UnlockRequest>) =>
    launcherFor(fake).start(
      { code, manifestPath: manifest, hosts: [DEVICE], clientPath: fake.edge, ...change },
      unlockRecorder().events,
    );

  it.each<[Partial<UnlockRequest>, string, RegExp]>([
    [{ hosts: ['192.168.1.300'] }, 'INVALID_ADDRESS', /not an IP address or host name/],
    [{ hosts: ['$(reboot)'] }, 'INVALID_ADDRESS', /LCD display \(Connections tab\)/],
    [
      { manifestPath: '/nowhere/manifest.bin' },
      'UNLOCK_FAILED',
      /no manifest file at \/nowhere\/manifest\.bin/,
    ],
    [{ clientPath: '/nowhere/snowballEdge' }, 'CLIENT_NOT_FOUND', /no longer at \/nowhere\/snowballEdge/],
    [{ code: 'not-a-code' }, 'UNLOCK_CODE_MALFORMED', /five groups of five/],
  ])('%j → %s', async (change, errorCode, message) => {
    const error = await start(change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: errorCode, message: expect.stringMatching(message) });
    expect((error as AppError).message).not.toContain(code);
    // Nothing but (at most) the client's version command ran.
    expect(fake.calls().filter((c) => c.args[0] !== 'version')).toEqual([]);
  });

  it('refuses a file that is not the client, with CLIENT_INVALID', async () => {
    await expect(start({ clientPath: process.execPath })).rejects.toMatchObject({ code: 'CLIENT_INVALID' });
  });
});

async function waitFor<T>(read: () => T | null, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  await waitFor(() => (check() ? true : null), ms);
}
