/**
 * The unlock, end to end in core: the real launcher spawns the stand-in Snowball client (a Node program
 * on a temporary PATH, written from the developer guide) with a manifest the emulator served over HTTP
 * and that job's unlock code, which reaches the client only through a private profile. Every variant of
 * how a real client and device behave (issue 14) is driven here.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyUnlockCode } from '../../../emulator';
import { AppError } from '../../../electron/core/app-error';
import type { TrustedClientInfo } from '../../../electron/contract';
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
  vouch,
  writeManifest,
  type FakeSnowball,
} from '../../helpers/fake-snowball';
import { available as procAvailable, watchProcesses } from '../../helpers/proc-watch';
import { tempDir } from '../../helpers/temp-dirs';
import { walkFiles } from '../../../testkit/secret-scan';

const ctx = useEmulator();
afterAll(killLeftovers);
const DEVICE = '192.0.2.10';
const FAST = {
  pollIntervalMs: 20,
  commandTimeoutMs: 10_000,
  unlockTimeoutMs: 10_000,
  quietLimitMs: 5_000,
  killGraceMs: 1000,
};
const PROFILE = ['--profile', 'snowball-companion'];

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

interface Setup {
  fake: FakeSnowball;
  launcher: SnowballClientLauncher;
  client: TrustedClientInfo;
  /** Where the runs' private homes go (with a space, as a data folder often has). */
  privateRoot: string;
}

async function setUp(
  mode = '',
  options: LauncherOptions = {},
  env: Record<string, string> = {},
): Promise<Setup> {
  const fake = installFakeSnowball();
  const privateRoot = path.join(tempDir('companion-private-'), 'Snowball Companion', 'client-homes');
  const launcher = new SnowballClientLauncher({
    env: fake.env({ ...(mode ? { FAKE_SNOWBALL_MODE: mode } : {}), ...env }),
    privateRoot,
    ...FAST,
    ...options,
  });
  const client = await vouch(launcher, fake.edge);
  return { fake, launcher, client, privateRoot };
}

function request(s: Setup, change: Partial<UnlockRequest> = {}): UnlockRequest {
  return {
    code,
    manifestPath: manifest,
    hosts: [DEVICE],
    client: s.client,
    allowCodeInArguments: false,
    codeOrigin: { kind: 'aws' },
    jobId: null,
    ...change,
  };
}

/** Every text an unlock left behind must be free of the code. */
function expectNoCode(texts: string[]) {
  for (const text of texts) expect(text).not.toContain(code);
}

describe('unlocking a Snowball Edge device', () => {
  it('runs unlock-device and describe-device with a private profile, following LOCKED → UNLOCKING → UNLOCKED', async () => {
    const s = await setUp();
    const run = unlockRecorder();
    expect(manifest).toContain(' ');

    const { runId, commandLine } = await s.launcher.start(request(s), run.events);
    const final = await run.final;

    expect(final).toMatchObject({ runId, state: 'UNLOCKED', phase: 'unlocked' });
    expect(final.message).toMatch(/^The device reports UNLOCKED\. Unlocked in \d+ seconds?\.$/);
    expect(run.states()).toEqual(['starting', 'starting', 'starting', 'LOCKED', 'UNLOCKING', 'UNLOCKED']);
    expect(run.statuses.map((st) => st.phase)).toEqual([
      'client-started',
      'authenticating',
      'unlocking',
      'unlocking',
      'unlocking',
      'unlocked',
    ]);
    expect(final).toMatchObject({
      devices: [{ host: DEVICE, state: 'UNLOCKED', reachable: true, deviceId: expect.any(String) }],
      quietSince: null,
      simulated: false,
      expectedMs: 5 * 60_000,
    });
    const calls = s.fake.calls().slice(1);
    expect(calls.map((c) => c.args)).toEqual([
      ['unlock-device', ...PROFILE],
      ['describe-device', ...PROFILE],
      ['describe-device', ...PROFILE],
      ['describe-device', ...PROFILE],
    ]);
    // The code reached every command through the profile, never through the arguments.
    expect(calls.every((c) => c.code === '[code-ok]' && !c.codeInArgs)).toBe(true);
    const homes = new Set(calls.map((c) => c.home));
    expect(homes.size).toBe(1);
    const [home] = homes;
    expect(path.dirname(home!)).toBe(s.privateRoot);
    // Gone with the run.
    expect(existsSync(home!)).toBe(false);
    expect(run.outputs).toContainEqual({
      runId,
      stream: 'stdout',
      line: expect.stringMatching(/^Your Snowball Edge device is unlocking\./),
    });
    expect(run.outputs.filter((o) => o.line.includes('"State" : "UNLOCKED"'))).toHaveLength(1);
    expect(commandLine).toBe(`${s.fake.edge} unlock-device --profile snowball-companion`);
    expectNoCode([
      commandLine,
      ...run.outputs.map((o) => o.line),
      ...run.statuses.map((st) => st.message ?? ''),
    ]);
  });

  it.skipIf(!procAvailable)(
    'no child process ever has the code in its arguments or a credential in its environment',
    async () => {
      const s = await setUp(
        '',
        {},
        {
          FAKE_SNOWBALL_PAUSE_MS: '60',
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN',
          AWS_PROFILE: 'production',
          AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
          AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-token',
          AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token',
          ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/x',
          GITHUB_TOKEN: 'ghp_example',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-example',
          HTTPS_PROXY: 'http://site:proxy-password@proxy.example:3128',
          SITE_DB_PASSWORD: 'hunter2',
          LANG: 'en_US.UTF-8',
        },
      );
      const watch = watchProcesses((cmdline) => cmdline.includes(s.fake.bin));
      const run = unlockRecorder();
      await s.launcher.start(request(s), run.events);
      expect((await run.final).state).toBe('UNLOCKED');
      const seen = watch.stop();
      const pids = s.fake
        .calls()
        .slice(1)
        .map((c) => c.pid);
      // Every child was read while it ran: unlock-device and each describe-device.
      expect(seen.map((p) => p.pid).sort()).toEqual(expect.arrayContaining(pids.sort()));
      expect(pids.length).toBeGreaterThanOrEqual(4);
      for (const child of seen) {
        expect(child.cmdline).not.toContain(code);
        expect(child.cmdline).not.toMatch(/unlock-code/);
        expect(child.environ.join('\n')).not.toContain(code);
        const names = child.environ.map((e) => e.split('=')[0]);
        expect(names.filter((n) => /^AWS_|TOKEN|SECRET|PASSWORD|^ECS_|PROXY/i.test(n ?? ''))).toEqual([]);
        expect(names).toContain('LANG');
        expect(child.environ).toContainEqual(
          expect.stringMatching(/^JAVA_TOOL_OPTIONS="-Duser\.home=.*client-homes\/home-/),
        );
      }
    },
  );

  it('keeps the private home 0700 with its profile 0600 while the client runs, and removes it on cancel', async () => {
    const s = await setUp('hang');
    const run = unlockRecorder();
    const { runId } = await s.launcher.start(request(s), run.events);
    await waitFor(() => s.fake.pids());
    const [home] = readdirSync(s.privateRoot);
    const dir = path.join(s.privateRoot, home!);
    const file = path.join(dir, '.aws', 'snowball', 'config', 'snowball-edge.config');
    expect(statSync(s.privateRoot).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as {
      profiles: Record<string, Record<string, unknown>>;
    };
    expect(profile.profiles['snowball-companion']).toMatchObject({
      manifestPath: manifest,
      defaultEndpoint: `https://${DEVICE}`,
      isCluster: false,
    });
    await s.launcher.cancel(runId);
    expect(existsSync(dir)).toBe(false);
    expect(run.statuses.at(-1)).toMatchObject({ state: 'cancelled' });
  });

  it('quitting removes every private home at once; a start-up sweep removes what a crash left', async () => {
    const s = await setUp('hang');
    await s.launcher.start(request(s), unlockRecorder().events);
    await waitFor(() => s.fake.pids());
    expect(readdirSync(s.privateRoot)).toHaveLength(1);
    const stopping = s.launcher.stopAll();
    // Before the first await of stopAll: the homes are gone even if the app cannot wait.
    expect(homesIn(s.privateRoot)).toEqual([]);
    await stopping;

    // A crash: a home that no launcher removed. The next start sweeps it.
    mkdirSync(path.join(s.privateRoot, 'home-abc123-XYZ', '.aws'), { recursive: true });
    const next = new SnowballClientLauncher({ env: s.fake.env(), privateRoot: s.privateRoot });
    expect(await next.sweep()).toBe(1);
    expect(homesIn(s.privateRoot)).toEqual([]);
  });

  it('fails with advice about where the code came from when it does not match the manifest', async () => {
    const s = await setUp();
    const wrong = randomUnlockCode();
    expect(verifyUnlockCode(readFileSync(manifest), wrong)).toBe(false);
    const run = unlockRecorder();
    await s.launcher.start(
      request(s, {
        code: wrong,
        codeOrigin: { kind: 'file', path: '/media/laptop/unlock-code.txt', expectedIn: '/home/site/codes' },
      }),
      run.events,
    );
    const final = await run.final;
    expect(final).toMatchObject({ state: 'failed', phase: 'authenticating' });
    expect(final.message).toMatch(
      /^The unlock code does not match this manifest\. Check the file \/media\/laptop\/unlock-code\.txt: .* This job's code was saved in \/home\/site\/codes when it was received\./,
    );
    expect(final.message).not.toMatch(/AWS console/);
    expect(final.message).toContain(
      'The client said: “Error: The unlock code is not valid for this manifest file.',
    );
    expect(s.fake.calls().map((c) => c.args[0])).toEqual(['version', 'unlock-device']);
    expect(JSON.stringify(run.statuses)).not.toContain(wrong);
  });

  it.each([
    [
      'exit-nonzero',
      /^`snowballEdge unlock-device` exited with code 3, with words Snowball Companion does not recognise: “Error: An internal error/,
    ],
    [
      'silent-exit',
      /^`snowballEdge unlock-device` exited with code 7 without printing anything, so there is no reason to show\. Try again/,
    ],
    [
      'garbled-exit',
      /^`snowballEdge unlock-device` exited with code 5, with words Snowball Companion does not recognise: “E4711 ZX-ERR 0x1F”/,
    ],
    [
      'exit0-error',
      /^`snowballEdge unlock-device` ended without an error code, but what it printed is an error, not that the device is unlocking/,
    ],
    ['unreachable', /^The client could not reach the device\. Check the IP address on the device’s LCD/],
    [
      'refused',
      /^The device refused the client’s connection\. AWS’s troubleshooting names a wrong IP address, a wrong manifest or unlock code, and the network/,
    ],
    ['relock', /^The device went back to LOCKED after UNLOCKING, so the unlock did not complete\./],
  ])('fails clearly in mode %s', async (mode, message) => {
    const s = await setUp(mode);
    const run = unlockRecorder();
    await s.launcher.start(request(s), run.events);
    const final = await run.final;
    expect(final.state).toBe('failed');
    expect(final.message).toMatch(message);
    expectNoCode([final.message ?? '', ...run.outputs.map((o) => o.line)]);
    if (mode !== 'relock') expect(s.fake.calls().map((c) => c.args[0])).toEqual(['version', 'unlock-device']);
  });

  it('after a passing connection check, "connection refused" points at the manifest or the code', async () => {
    const { createServer } = await import('node:http');
    const device = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => device.listen(0, '127.0.0.1', resolve));
    const port = (device.address() as { port: number }).port;
    const s = await setUp('refused', { probePort: port });
    expect((await s.launcher.probe('127.0.0.1')).outcome).toBe('open');
    const run = unlockRecorder();
    await s.launcher.start(request(s, { hosts: ['127.0.0.1'] }), run.events);
    const final = await run.final;
    device.close();
    expect(final.message).toMatch(
      /^The device answered the connection check, yet refused the client: the manifest or the unlock code may not belong to this device\./,
    );
  });

  it('reads the state despite notice lines with braces around the JSON, and passes them on as the client’s words', async () => {
    const s = await setUp('notice-braces');
    const run = unlockRecorder();
    await s.launcher.start(request(s), run.events);
    expect((await run.final).state).toBe('UNLOCKED');
    const polled = run.statuses.filter((st) => st.state === 'UNLOCKING');
    expect(polled[0]?.notes).toEqual([
      expect.stringMatching(/^Notice: \{snowballEdge\} 1\.2\.0 Build 701 is available/),
      expect.stringMatching(/^Warning: the certificate of the device is self-signed \}/),
    ]);
    // The JVM's own line about our private home is not presented as the client's words.
    expect(JSON.stringify(run.statuses.map((st) => st.notes))).not.toContain('Picked up');
  });

  it('waits through a device restarting its services, for a stated time, and says so meanwhile', async () => {
    const s = await setUp('restart-services', {}, { FAKE_SNOWBALL_QUIET_MS: '1500' });
    const run = unlockRecorder();
    await s.launcher.start(request(s), run.events);
    expect((await run.final).state).toBe('UNLOCKED');
    const quiet = run.statuses.filter((st) => st.quietSince !== null);
    expect(quiet.length).toBeGreaterThanOrEqual(1);
    expect(quiet[0]).toMatchObject({ quietLimitMs: 5000, phase: 'unlocking' });
    expect(quiet[0]?.message).toMatch(
      /^The device is not answering status checks; this is normal for up to 5 seconds while it restarts its services\. Checking again\. \(`snowballEdge describe-device` exited with code 1: “Error: Connect to 192\.0\.2\.10:9091 .*Connection refused/,
    );
    expect(run.statuses.at(-1)?.quietSince).toBeNull();
  });

  it('ends a device that stays quiet longer than the stated time, saying for how long', async () => {
    const s = await setUp('restart-services', { quietLimitMs: 300 }, { FAKE_SNOWBALL_QUIET_MS: '60000' });
    const run = unlockRecorder();
    await s.launcher.start(request(s), run.events);
    const final = await run.final;
    expect(final.state).toBe('failed');
    expect(final.message).toMatch(
      /^The device has not answered status checks for 1 second\. The last check: /,
    );
  });

  it('times out when the device never reports UNLOCKED, and stops asking', async () => {
    const s = await setUp('stuck', { unlockTimeoutMs: 2500 });
    const run = unlockRecorder();
    await s.launcher.start(request(s), run.events);
    const final = await run.final;
    expect(final.state).toBe('timed-out');
    expect(final.message).toMatch(/^The device did not report UNLOCKED within 3 seconds\./);
    expect(run.states()).toContain('UNLOCKING');
    const calls = s.fake.calls().length;
    await sleep(200);
    expect(s.fake.calls()).toHaveLength(calls);
  });

  it('cancel stops the client and the process it started', async () => {
    const s = await setUp('hang');
    const run = unlockRecorder();
    const { runId } = await s.launcher.start(request(s), run.events);
    const pids = await waitFor(() => s.fake.pids());
    expect(isRunning(pids.client)).toBe(true);
    expect(isRunning(pids.child)).toBe(true);

    await s.launcher.cancel(runId);

    expect(isRunning(pids.client)).toBe(false);
    await until(() => !isRunning(pids.child));
    expect(await run.final).toMatchObject({ state: 'cancelled', message: 'Stopped at your request.' });
    expect(run.states().filter((st) => st === 'cancelled')).toHaveLength(1);
    expect(s.fake.calls().map((c) => c.args[0])).toEqual(['version', 'unlock-device']);
    await s.launcher.cancel(runId);
    await s.launcher.cancel('no-such-run');
  });

  it('does not wait for a process the client left behind holding its output open', async () => {
    const s = await setUp('linger');
    const run = unlockRecorder();
    const started = Date.now();
    await s.launcher.start(request(s), run.events);
    expect((await run.final).state).toBe('UNLOCKED');
    expect(Date.now() - started).toBeLessThan(5000);
    killLeftovers(); // the lingering process is the fake's, not the app's, to clean up
  });

  it('a cancel right after start runs nothing at all', async () => {
    const s = await setUp();
    const run = unlockRecorder();
    const { runId } = await s.launcher.start(request(s), run.events);
    await s.launcher.cancel(runId);
    await sleep(100);
    expect(run.states()).toEqual(['cancelled']);
    expect(s.fake.calls().map((c) => c.args[0])).toEqual(['version']);
    expect(homesIn(s.privateRoot)).toEqual([]);
  });

  it('never lets the code out, whatever form the client prints it in', async () => {
    const s = await setUp('echo-code,echo-code-forms');
    const run = unlockRecorder();
    await s.launcher.start(request(s), run.events);
    expect((await run.final).state).toBe('UNLOCKED');
    expect(run.outputs).toContainEqual(
      expect.objectContaining({ stream: 'stderr', line: `Authenticating with unlock code ${REDACTED_CODE}` }),
    );
    const bare = code.replace(/-/g, '');
    const forms = [
      code,
      bare,
      bare.toUpperCase(),
      code.slice(0, 14),
      code.slice(14),
      Buffer.from(code).toString('hex'),
      Buffer.from(`unlock:${code}`).toString('base64').slice(8, 36),
    ];
    const texts = [...run.outputs.map((o) => o.line), ...run.statuses.map((st) => st.message ?? '')];
    for (const form of forms) for (const text of texts) expect(text).not.toContain(form);
    const written = [...walkFiles(s.fake.root), ...walkFiles(path.dirname(manifest))];
    for (const file of written) expect(readFileSync(file, 'latin1'), file).not.toContain(code);
  });
});

describe('clusters and the legacy client', () => {
  function clusterManifest(s: Setup) {
    const clusterCode = randomUnlockCode();
    const file = writeManifest(path.join(s.fake.root, 'cluster manifest.bin'), clusterCode, {
      clusterId: 'CID11111111-2222-3333-4444-555555555555',
    });
    return { clusterCode, file };
  }
  const hosts = ['192.0.2.31', '192.0.2.32', '192.0.2.33'];

  it('unlock-cluster with every address, then describe-cluster in its documented form; each node as it changes', async () => {
    const s = await setUp('staggered');
    const { clusterCode, file } = clusterManifest(s);
    const run = unlockRecorder();
    const { commandLine } = await s.launcher.start(
      request(s, { code: clusterCode, manifestPath: file, hosts }),
      run.events,
    );
    const final = await run.final;
    expect(final).toMatchObject({ state: 'UNLOCKED' });
    expect(final.message).toMatch(/^3 nodes: 3 UNLOCKED\./);
    const calls = s.fake.calls().map((c) => c.args);
    expect(calls[1]).toEqual(['unlock-cluster', ...PROFILE, '--device-ip-addresses', ...hosts]);
    // describe-cluster as the guide documents it: manifest, code and one endpoint (here the profile's).
    expect(calls.slice(2)).toEqual(calls.slice(2).map(() => ['describe-cluster', ...PROFILE]));
    const perNode = run.statuses
      .filter((st) => st.phase === 'unlocking' && st.devices.some((d) => d.state !== 'UNKNOWN'))
      .map((st) => st.devices.map((d) => d.state).join(' '));
    // Nodes unlock one by one, and every change shows.
    expect(perNode).toEqual(
      expect.arrayContaining(['UNLOCKED UNLOCKING UNLOCKING', 'UNLOCKED UNLOCKED UNLOCKING']),
    );
    expect(
      run.statuses.find((st) => st.devices.some((d) => d.state === 'UNLOCKED') && st.state !== 'UNLOCKED')
        ?.message,
    ).toMatch(/^3 nodes: 1 UNLOCKED, 2 UNLOCKING\.$/);
    expect(commandLine).toContain(`--device-ip-addresses ${hosts.join(' ')}`);
    expect(commandLine).not.toContain(clusterCode);
  });

  it('shows a node that does not answer as not reachable, then follows it once it does (its first LOCKED is no relock)', async () => {
    const s = await setUp(
      'staggered,node-unreachable',
      {},
      { FAKE_SNOWBALL_UNREACHABLE_POLLS: '2', FAKE_SNOWBALL_UNLOCKING_POLLS: '2' },
    );
    const { clusterCode, file } = clusterManifest(s);
    const run = unlockRecorder();
    await s.launcher.start(request(s, { code: clusterCode, manifestPath: file, hosts }), run.events);
    expect((await run.final).state).toBe('UNLOCKED');
    const early = run.statuses.find((st) => st.devices.some((d) => d.reachable === false));
    expect(early?.devices.at(-1)).toEqual({
      host: '192.0.2.33',
      state: 'UNKNOWN',
      reachable: false,
      deviceId: null,
    });
    expect(early?.message).toMatch(/1 not reporting \(192\.0\.2\.33\)/);
  });

  it('asks the next node when the node it asked does not answer: any node reports every node', async () => {
    const s = await setUp('', {}, { FAKE_SNOWBALL_DOWN_HOSTS: hosts[0]! });
    const { clusterCode, file } = clusterManifest(s);
    const run = unlockRecorder();
    await s.launcher.start(request(s, { code: clusterCode, manifestPath: file, hosts }), run.events);
    expect((await run.final).state).toBe('UNLOCKED');
    const describes = s.fake.calls().filter((c) => c.args[0] === 'describe-cluster');
    expect(describes[0]?.args).toEqual(['describe-cluster', '--profile', 'snowball-companion']);
    expect(describes.slice(1).every((c) => c.args[2] !== 'snowball-companion')).toBe(true);
    expect(run.statuses.find((st) => st.quietSince !== null)?.message).toMatch(
      /The next check asks 192\.0\.2\.32\./,
    );
  });

  it('the legacy client has no profiles: it runs only when the person agreed to the code in its arguments', async () => {
    const s = await setUp();
    const legacy = await vouch(s.launcher, s.fake.legacy);
    await expect(
      s.launcher.start(request(s, { client: legacy }), unlockRecorder().events),
    ).rejects.toMatchObject({
      code: 'CODE_IN_ARGUMENTS',
      message: expect.stringMatching(
        /can only take the unlock code in its command line, where other accounts/,
      ),
    });
    const run = unlockRecorder();
    const { commandLine } = await s.launcher.start(
      request(s, { client: legacy, allowCodeInArguments: true }),
      run.events,
    );
    expect((await run.final).state).toBe('UNLOCKED');
    expect(
      s.fake
        .calls()
        .slice(-2)
        .map((c) => c.args),
    ).toEqual([['start', '-i', DEVICE, '-m', manifest, '-u', '[code-ok]'], ['status']]);
    expect(commandLine).toBe(`${s.fake.legacy} start -i ${DEVICE} -m '${manifest}' -u ${REDACTED_CODE}`);
    expect(homesIn(s.privateRoot)).toEqual([]);
  });

  it('refuses a cluster for the legacy client', async () => {
    const s = await setUp();
    const legacy = await vouch(s.launcher, s.fake.legacy);
    await expect(
      s.launcher.start(
        request(s, { client: legacy, hosts: ['192.0.2.1', '192.0.2.2'], allowCodeInArguments: true }),
        unlockRecorder().events,
      ),
    ).rejects.toMatchObject({ code: 'CLIENT_INVALID', message: expect.stringMatching(/snowballEdge/) });
  });
});

describe('what start() refuses before running anything', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp();
  });
  const start = (change: Partial<UnlockRequest>) =>
    s.launcher.start(request(s, change), unlockRecorder().events);

  it.each<[Partial<UnlockRequest>, string, RegExp]>(
    [
      [{ hosts: ['192.168.1.300'] }, 'INVALID_ADDRESS', /not an IP address or host name/],
      [{ hosts: ['$(reboot)'] }, 'INVALID_ADDRESS', /LCD display \(Connections tab\)/],
      [
        { manifestPath: '/nowhere/manifest.bin' },
        'UNLOCK_FAILED',
        /no manifest file at \/nowhere\/manifest\.bin/,
      ],
      [{ code: 'not-a-code' }, 'UNLOCK_CODE_MALFORMED', /five groups of five/],
      ['simulated', 'CLIENT_INVALID', /belongs to the demo account/],
    ].map(
      ([change, ...rest]) =>
        [change === 'simulated' ? { client: 'simulated' } : change, ...rest] as [
          Partial<UnlockRequest>,
          string,
          RegExp,
        ],
    ),
  )('%j → %s', async (change, errorCode, message) => {
    const error = await start(change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: errorCode, message: expect.stringMatching(message) });
    expect((error as AppError).message).not.toContain(code);
    expect(s.fake.calls().filter((c) => c.args[0] !== 'version')).toEqual([]);
  });

  it('refuses a client that moved, and one that changed since the person vouched for it', async () => {
    await expect(start({ client: { ...s.client, path: '/nowhere/snowballEdge' } })).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
    await expect(start({ client: { ...s.client, sha256: '0'.repeat(64) } })).rejects.toMatchObject({
      code: 'CLIENT_UNCONFIRMED',
      message: expect.stringMatching(/changed since you confirmed it/),
    });
    expect(s.fake.calls().filter((c) => c.args[0] !== 'version')).toEqual([]);
  });
});

/** The private homes under a root (none when the root was never needed). */
function homesIn(root: string): string[] {
  return existsSync(root) ? readdirSync(root) : [];
}

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
