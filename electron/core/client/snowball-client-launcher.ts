/**
 * The real ClientLauncher: finds and confirms the Snowball client, probes the device, runs unlocks (one
 * UnlockRun each) and stops them on cancel or quit. Electron-free; the environment, home folder, port
 * and every timer are injectable so tests drive it with a stand-in client on a temporary PATH.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import os from 'node:os';
import { AppError } from '../app-error';
import { systemClock, type Clock } from '../ports';
import { isUnlockCode } from '../unlock-code';
import { displayCommandLine, unlockArgs } from './command-lines';
import { configureClient } from './configure-client';
import { confirmClient } from './confirm-client';
import { assertDeviceHost } from './device-address';
import { envValue, findCandidates, type SearchEnv } from './find-client';
import type {
  ClientLauncher,
  ConfigureRequest,
  ConfigureResult,
  FoundClient,
  ProbeResult,
  UnlockEvents,
  UnlockRequest,
} from './launcher';
import { probeDevice } from './probe';
import { UnlockRun, type UnlockTiming } from './unlock-run';

export interface LauncherOptions extends Partial<UnlockTiming> {
  /** Where PATH, Program Files and Downloads come from; also the clients' environment. */
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  platform?: NodeJS.Platform;
  clock?: Clock;
  /** The device's management port (9091); tests point it at a local listener. */
  probePort?: number;
  probeTimeoutMs?: number;
  lookup?: LookupFunction;
  /** How long `version` may take (the client starts a Java runtime). */
  versionTimeoutMs?: number;
}

const DEFAULT_TIMING: UnlockTiming = {
  pollIntervalMs: 5_000,
  unlockTimeoutMs: 20 * 60_000,
  commandTimeoutMs: 2 * 60_000,
  statusFailuresAllowed: 3,
};

/** The client needs none of the user's AWS keys: they stay out of its environment. */
const AWS_SECRETS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

export class SnowballClientLauncher implements ClientLauncher {
  private readonly search: SearchEnv;
  private readonly clock: Clock;
  private readonly timing: UnlockTiming;
  private readonly clientEnv: NodeJS.ProcessEnv;
  private readonly confirmed = new Map<string, FoundClient>();
  private readonly runs = new Map<string, UnlockRun>();

  constructor(private readonly options: LauncherOptions = {}) {
    const env = options.env ?? process.env;
    const platform = options.platform ?? process.platform;
    const search: SearchEnv = { env, platform, homeDir: '' };
    const home = platform === 'win32' ? envValue(search, 'USERPROFILE') : envValue(search, 'HOME');
    this.search = { ...search, homeDir: options.homeDir ?? home ?? os.homedir() };
    this.clock = options.clock ?? systemClock;
    this.timing = {
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_TIMING.pollIntervalMs,
      unlockTimeoutMs: options.unlockTimeoutMs ?? DEFAULT_TIMING.unlockTimeoutMs,
      commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_TIMING.commandTimeoutMs,
      statusFailuresAllowed: options.statusFailuresAllowed ?? DEFAULT_TIMING.statusFailuresAllowed,
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    };
    this.clientEnv = Object.fromEntries(
      Object.entries(env).filter(([key]) => !AWS_SECRETS.includes(key.toUpperCase())),
    );
  }

  async find(remembered: string | null): Promise<{ clients: FoundClient[]; problems: string[] }> {
    const candidates = await findCandidates(remembered, this.search);
    const results = await Promise.allSettled(candidates.map((c) => this.confirmAs(c.path, c.source)));
    const clients: FoundClient[] = [];
    const problems: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return void clients.push(result.value);
      const message = result.reason instanceof AppError ? result.reason.message : 'It could not be checked.';
      const candidate = candidates[i];
      problems.push(
        candidate?.source === 'settings'
          ? `The Snowball client chosen before no longer works: ${message}`
          : message,
      );
    });
    if (clients.length === 0) {
      problems.push(
        'No Snowball client was found on PATH or in the usual folders. Download the Snowball Edge client ' +
          '(aws.amazon.com/snowball/resources), extract or install it, then choose its snowballEdge file.',
      );
    }
    return { clients, problems };
  }

  confirm(path: string): Promise<FoundClient> {
    return this.confirmAs(path, 'chosen');
  }

  probe(host: string): Promise<ProbeResult> {
    const { probePort, probeTimeoutMs, lookup } = this.options;
    return probeDevice(host, {
      clock: this.clock,
      ...(probePort === undefined ? {} : { port: probePort }),
      ...(probeTimeoutMs === undefined ? {} : { timeoutMs: probeTimeoutMs }),
      ...(lookup ? { lookup } : {}),
    });
  }

  async start(request: UnlockRequest, events: UnlockEvents): Promise<{ runId: string; commandLine: string }> {
    const hosts = request.hosts.map(assertDeviceHost);
    if (hosts.length === 0) throw new AppError('INVALID_ADDRESS', 'Enter the device’s IP address.');
    if (!isUnlockCode(request.code)) {
      throw new AppError(
        'UNLOCK_CODE_MALFORMED',
        'The unlock code is not five groups of five letters or digits joined by hyphens. Enter it again.',
      );
    }
    await assertManifest(request.manifestPath);
    const client = await this.clientFor(request.clientPath);
    if (client.kind === 'snowball' && hosts.length > 1) {
      throw new AppError(
        'CLIENT_INVALID',
        'A cluster is unlocked with the Snowball Edge client (snowballEdge); the legacy snowball client unlocks one device.',
      );
    }
    const runId = randomUUID();
    const target = { hosts, manifestPath: request.manifestPath, code: request.code };
    const run = new UnlockRun({
      ...this.timing,
      runId,
      client,
      target,
      events,
      env: this.clientEnv,
      clock: this.clock,
      platform: this.search.platform,
    });
    this.runs.set(runId, run);
    void run.done.then(() => this.runs.delete(runId));
    // Begin after the caller has the run id, so the window can match the first events to it.
    setImmediate(() => run.start());
    return {
      runId,
      commandLine: displayCommandLine(
        client.path,
        unlockArgs(client.kind, target),
        request.code,
        this.search.platform,
      ),
    };
  }

  async cancel(runId: string): Promise<void> {
    await this.runs.get(runId)?.cancel();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.cancel()));
  }

  async configure(request: ConfigureRequest): Promise<ConfigureResult> {
    const host = assertDeviceHost(request.host);
    if (!isUnlockCode(request.code)) {
      throw new AppError(
        'UNLOCK_CODE_MALFORMED',
        'The unlock code is not in the expected format. Enter it again.',
      );
    }
    await assertManifest(request.manifestPath);
    const client = await this.clientFor(request.clientPath);
    return configureClient(
      { client, code: request.code, manifestPath: request.manifestPath, host, profile: request.profile },
      {
        env: this.clientEnv,
        homeDir: this.search.homeDir,
        clock: this.clock,
        timeoutMs: this.timing.commandTimeoutMs,
        platform: this.search.platform,
        ...(this.timing.killGraceMs === undefined ? {} : { killGraceMs: this.timing.killGraceMs }),
      },
    );
  }

  /** A client confirmed earlier in this session, or confirmed now. */
  private async clientFor(file: string): Promise<FoundClient> {
    const known = this.confirmed.get(file);
    if (known) return known;
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) {
      throw new AppError(
        'CLIENT_NOT_FOUND',
        `The Snowball client is no longer at ${file}. Find it again, or choose it, on the Device step.`,
      );
    }
    return this.confirmAs(file, 'chosen');
  }

  private async confirmAs(file: string, source: FoundClient['source']): Promise<FoundClient> {
    const client = await confirmClient(file, source, {
      env: this.clientEnv,
      clock: this.clock,
      timeoutMs: this.options.versionTimeoutMs ?? 15_000,
      platform: this.search.platform,
      ...(this.timing.killGraceMs === undefined ? {} : { killGraceMs: this.timing.killGraceMs }),
    });
    this.confirmed.set(file, client);
    return client;
  }
}

async function assertManifest(file: string): Promise<void> {
  const isFile = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) {
    throw new AppError(
      'UNLOCK_FAILED',
      `There is no manifest file at ${file}. Choose the manifest you downloaded for this job.`,
    );
  }
}
