/**
 * Installs the stand-in Snowball clients (tests/fixtures/fake-snowball-client) as executables named
 * `snowballEdge` and `snowball` in a temporary bin folder, and reads back what they recorded.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeManifest, makeDeviceCertificate, newDeviceKeys, startDeviceS3 } from '../../emulator';
import type { TrustedClientInfo } from '../../electron/contract';
import type { ClientLauncher, UnlockEvents } from '../../electron/core/client/launcher';

const FAKE_MAIN = fileURLToPath(
  new URL('../fixtures/fake-snowball-client/fake-snowball.mjs', import.meta.url),
);

export interface FakeCall {
  client: string;
  /** The command and its arguments, any code in them replaced by [code-ok], [code-wrong] or [code-unchecked]. */
  args: string[];
  /** Whether the code it got (from its arguments or its profile) matched the manifest. */
  code: '[code-ok]' | '[code-wrong]' | '[code-unchecked]' | '[code-on-stdin]' | null;
  /** A code was in its arguments. */
  codeInArgs: boolean;
  /** The JVM home it read its profile from (null when it read none). */
  home: string | null;
  pid: number;
}

export interface FakeSnowball {
  root: string;
  bin: string;
  home: string;
  edge: string;
  legacy: string;
  /** An environment whose PATH holds the fake clients (and node, which their shebang needs). */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  calls(): FakeCall[];
  /** Written by the hang mode: the client's pid and its child's. */
  pids(): { client: number; child: number } | null;
}

const installs: FakeSnowball[] = [];

/** Kills whatever a hanging or lingering fake left running (only if a test failed before it could). */
export function killLeftovers(): void {
  for (const fake of installs) {
    for (const pid of Object.values(fake.pids() ?? {})) {
      if (isRunning(pid) && isFakeProcess(pid)) process.kill(pid, 'SIGKILL');
    }
  }
}

/**
 * A fresh install: its own bin folder, state file and call log. The default root is under the run's
 * TMPDIR (scanned for secrets at the end); no Vitest import here, so Playwright specs can use it too.
 */
export function installFakeSnowball(
  root = mkdtempSync(path.join(tmpdir(), 'companion-fake-snowball-')),
): FakeSnowball {
  const bin = path.join(root, 'bin');
  const home = path.join(root, 'home');
  mkdirSync(bin, { recursive: true });
  mkdirSync(home, { recursive: true });
  const wrapper = `#!/usr/bin/env node\nimport(${JSON.stringify(pathToFileURL(FAKE_MAIN).href)});\n`;
  for (const name of ['snowballEdge', 'snowball']) {
    writeFileSync(path.join(bin, name), wrapper);
    chmodSync(path.join(bin, name), 0o755);
  }
  const read = (name: string) => {
    const file = path.join(bin, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  const fake: FakeSnowball = {
    root,
    bin,
    home,
    edge: path.join(bin, 'snowballEdge'),
    legacy: path.join(bin, 'snowball'),
    env: (extra = {}) => ({
      PATH: [bin, path.dirname(process.execPath)].join(path.delimiter),
      HOME: home,
      ...extra,
    }),
    calls: () =>
      (read('fake-snowball-calls.jsonl') ?? '')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as FakeCall),
    pids: () => {
      const text = read('fake-snowball-pids.json');
      return text ? (JSON.parse(text) as { client: number; child: number }) : null;
    },
  };
  installs.push(fake);
  return fake;
}

/** The pid still belongs to the fake or its child (not to a process that got the number since). */
function isFakeProcess(pid: number): boolean {
  try {
    return /fake-snowball|setInterval|setTimeout/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether a process still runs (a zombie, waiting for its parent to reap it, does not count). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** A code in the service's format (five groups of five lowercase letters and digits). */
export function randomUnlockCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(25);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15, 20].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** A manifest in the emulator's format that binds `code` (fewer KDF rounds than AWS-size: tests run it often). */
export function writeManifest(
  file: string,
  code: string,
  header: Partial<{ jobId: string; clusterId: string }> = {},
): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const bytes = encodeManifest({
    header: {
      jobId: header.jobId ?? 'JID11111111-2222-3333-4444-555555555555',
      snowballType: 'EDGE',
      region: 'us-west-2',
      createdAt: '2026-11-01T09:00:00.000Z',
      ...(header.clusterId ? { clusterId: header.clusterId } : {}),
    },
    unlockCode: code,
    salt: randomBytes(16),
    payloadKey: randomBytes(32),
    totalBytes: 4096,
    iterations: 1000,
  });
  writeFileSync(file, bytes, { mode: 0o600 });
  return file;
}

type OutputEvent = Parameters<UnlockEvents['output']>[0];
type StatusEvent = Parameters<UnlockEvents['status']>[0];
const FINAL = new Set(['UNLOCKED', 'failed', 'cancelled', 'timed-out']);

/** Records a run's events; `final` resolves with the run's last status. */
export function unlockRecorder() {
  const outputs: OutputEvent[] = [];
  const statuses: StatusEvent[] = [];
  let settle: (status: StatusEvent) => void = () => undefined;
  const final = new Promise<StatusEvent>((resolve) => (settle = resolve));
  const events: UnlockEvents = {
    output: (line) => outputs.push(line),
    status: (status) => {
      statuses.push(status);
      if (FINAL.has(status.state)) settle(status);
    },
  };
  return { events, outputs, statuses, final, states: () => statuses.map((s) => s.state) };
}

/** The person vouches for the client file (the test stands in for them at the question). */
export async function vouch(launcher: ClientLauncher, file: string): Promise<TrustedClientInfo> {
  const seen = await launcher.inspect(file, []);
  return launcher.confirm(file, seen.sha256 ?? '', async () => true);
}

/** The state of the stand-in's device, as `fixture-device.json` gives it (see the stand-in's header). */
export interface FakeDevice {
  keys: { accessKeyId: string; secretAccessKey: string };
  devices: Record<
    string,
    {
      state: string;
      certificate: string;
      certificateArn: string;
      s3: { state: string; host: string; port: number };
    }
  >;
}

/** What the stand-in answers after the unlock: written where it reads it (a `fixture-` name, not app output). */
export function writeFakeDevice(fake: FakeSnowball, device: FakeDevice): void {
  writeFileSync(path.join(fake.bin, 'fixture-device.json'), JSON.stringify(device), { mode: 0o600 });
}

/**
 * A device unlocked earlier, as the stand-in plays it at `host`: fresh keys, a certificate naming `host`,
 * and a real HTTPS S3 adapter on 127.0.0.1 (its `accepting` lets a test stop it answering).
 */
export async function startFakeDevice(
  fake: FakeSnowball,
  { host = '127.0.0.1', accepting }: { host?: string; accepting?: () => boolean } = {},
) {
  const certificate = await makeDeviceCertificate(host);
  const keys = newDeviceKeys();
  const s3 = await startDeviceS3({
    ...certificate,
    keys,
    buckets: ['site-archive'],
    ...(accepting ? { accepting } : {}),
  });
  const device: FakeDevice = {
    keys,
    devices: {
      [host]: {
        state: 'UNLOCKED',
        certificate: certificate.cert,
        certificateArn: 'arn:aws:snowball-device:::certificate/78EXAMPLE516EXAMPLEf538EXAMPLEa7',
        s3: { state: 'ACTIVE', host, port: s3.port },
      },
    },
  };
  writeFakeDevice(fake, device);
  return { keys, certificate, device, port: s3.port, stop: s3.stop };
}
