/**
 * The real ClientLauncher: finds the Snowball client and lets the person vouch for it, probes the
 * device, runs unlocks (one UnlockRun each, the code in a private profile) and stops them on cancel or
 * quit. Electron-free; the environment, home folder, port and every timer are injectable so tests drive
 * it with a stand-in client on a temporary PATH. While the demo account is connected it also offers the
 * demo's simulated client and devices, through the same runs, profiles and parsing.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  SIMULATED_CLIENT_PATH,
  type HandlerOutput,
  type ProbeInfo,
  type SnowballClientInfo,
  type TrustedClientInfo,
} from '../../contract';
import { AppError } from '../app-error';
import { systemClock, type Clock } from '../ports';
import { isUnlockCode } from '../unlock-code';
import { clientEnvironment } from './client-env';
import { fileProgram, type ClientProgram } from './client-process';
import { ClientSession, type SessionOptions } from './client-session';
import { inspectClientFile, kindOf, type ClientFacts } from './client-trust';
import { displayCommandLine, unlockArgs, type ClientKind } from './command-lines';
import { configureClient } from './configure-client';
import { readClientVersion } from './confirm-client';
import { assertDeviceHost } from './device-address';
import { envValue, findCandidates, type SearchEnv } from './find-client';
import type {
  ClientLauncher,
  ConfigureRequest,
  ConfigureResult,
  DeviceSession,
  ProfileHooks,
  SessionRequest,
  SimulatedSite,
  UnlockEvents,
  UnlockRequest,
} from './launcher';
import { probeDevice } from './probe';
import { ProfileHomes } from './profile-home';
import { UnlockRun, type UnlockTiming } from './unlock-run';

export interface LauncherOptions extends Partial<UnlockTiming> {
  /** Where PATH, Program Files and Downloads come from; also the clients' environment (credentials removed). */
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  platform?: NodeJS.Platform;
  clock?: Clock;
  /** Where the runs' private config homes go: a folder of the app's own (its data folder). */
  privateRoot?: string;
  /** The device's management port (9091); tests point it at a local listener. */
  probePort?: number;
  probeTimeoutMs?: number;
  probeGraceMs?: number;
  lookup?: LookupFunction;
  /**
   * Tests: where the connection check of a device address goes instead (a loopback port), so no test
   * sends a packet past this computer; reported as the address asked, on the management port.
   */
  probeTarget?: (host: string) => { host: string; port: number } | null;
  /** How long `version` may take (the client starts a Java runtime). */
  versionTimeoutMs?: number;
}

export const DEFAULT_TIMING: UnlockTiming = {
  pollIntervalMs: 5_000,
  unlockTimeoutMs: 20 * 60_000,
  commandTimeoutMs: 2 * 60_000,
  quietLimitMs: 5 * 60_000,
  expectedMs: 5 * 60_000,
};

/** A connection check this recent still speaks for the device when the client is refused. */
const PROBE_MEMORY_MS = 30 * 60_000;

const PROFILE_NAME_SHOWN = 'snowball-companion';

export class SnowballClientLauncher implements ClientLauncher {
  private readonly search: SearchEnv;
  private readonly clock: Clock;
  private readonly timing: UnlockTiming;
  private readonly clientEnv: NodeJS.ProcessEnv;
  private readonly homes: ProfileHomes;
  private readonly runs = new Map<string, UnlockRun>();
  private readonly probes = new Map<string, { outcome: ProbeInfo['outcome']; at: number }>();
  private site: SimulatedSite | null = null;

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
      quietLimitMs: options.quietLimitMs ?? DEFAULT_TIMING.quietLimitMs,
      expectedMs: options.expectedMs ?? DEFAULT_TIMING.expectedMs,
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    };
    this.clientEnv = clientEnvironment(env);
    const uid = process.getuid?.() ?? 'user';
    this.homes = new ProfileHomes(
      options.privateRoot ?? path.join(os.tmpdir(), `snowball-companion-${uid}`, 'client-homes'),
      platform,
    );
  }

  useSimulatedSite(site: SimulatedSite | null): void {
    this.site = site;
  }

  sweep(): Promise<number> {
    return this.homes.sweep();
  }

  async find(
    remembered: string | null,
    trusted: readonly TrustedClientInfo[],
  ): Promise<HandlerOutput<'findSnowballClient'>> {
    const candidates = await findCandidates(remembered, this.search);
    const results = await Promise.allSettled(
      candidates.map((c) => this.inspectAs(c.path, c.source, trusted)),
    );
    const clients: SnowballClientInfo[] = this.site ? [this.simulatedClient()] : [];
    const problems: string[] = [];
    results.forEach((result, i) => {
      const candidate = candidates[i];
      if (result.status === 'fulfilled') return void clients.push(result.value);
      const message = result.reason instanceof AppError ? result.reason.message : 'It could not be checked.';
      problems.push(
        candidate?.source === 'settings'
          ? `The Snowball client chosen before cannot be used: ${message}`
          : message,
      );
    });
    if (clients.length === 0) {
      problems.push(
        'No Snowball client was found on PATH or in the usual folders. Download the Snowball Edge client ' +
          '(aws.amazon.com/snowball/resources), extract or install it, then choose its snowballEdge file.',
      );
    }
    return { clients, problems, simulatedSite: this.site?.addresses ?? null };
  }

  inspect(file: string, trusted: readonly TrustedClientInfo[]): Promise<SnowballClientInfo> {
    return this.inspectAs(file, 'chosen', trusted);
  }

  async confirm(
    file: string,
    sha256: string,
    ask: (facts: ClientFacts) => Promise<boolean>,
  ): Promise<TrustedClientInfo> {
    const facts = await inspectClientFile(file, this.search);
    if (facts.sha256 !== sha256) {
      throw new AppError(
        'CLIENT_UNCONFIRMED',
        `${file} changed since it was shown to you (its SHA-256 is different now). Look at it again before you confirm it.`,
      );
    }
    if (!(await ask(facts))) {
      throw new AppError(
        'CLIENT_UNCONFIRMED',
        `You did not confirm ${file}, so it was not run. Confirm it when you are sure it is the Snowball client from AWS.`,
      );
    }
    // Run exactly the file that was hashed (links resolved), so a link changed meanwhile runs nothing else.
    const { kind, version } = await readClientVersion(facts.realPath, {
      env: this.clientEnv,
      clock: this.clock,
      timeoutMs: this.options.versionTimeoutMs ?? 15_000,
      platform: this.search.platform,
      ...(this.timing.killGraceMs === undefined ? {} : { killGraceMs: this.timing.killGraceMs }),
    });
    return {
      path: facts.path,
      sha256: facts.sha256,
      size: facts.size,
      kind,
      version,
      owner: facts.owner,
      confirmedAt: this.clock.now(),
    };
  }

  async probe(host: string): Promise<ProbeInfo> {
    const { probePort, probeTimeoutMs, probeGraceMs, lookup } = this.options;
    const simulated = this.site?.probeTarget(host.trim()) ?? null;
    const target = simulated ?? this.options.probeTarget?.(host.trim()) ?? null;
    const result = await probeDevice(host, {
      clock: this.clock,
      ...(probePort === undefined ? {} : { port: probePort }),
      ...(probeTimeoutMs === undefined ? {} : { timeoutMs: probeTimeoutMs }),
      ...(probeGraceMs === undefined ? {} : { graceMs: probeGraceMs }),
      ...(lookup ? { lookup } : {}),
      ...(target ? { target } : {}),
    });
    this.probes.set(result.host, { outcome: result.outcome, at: this.clock.now() });
    return simulated
      ? { ...result, message: `${result.message} (This is the demo account’s simulated device.)` }
      : result;
  }

  async start(request: UnlockRequest, events: UnlockEvents): Promise<HandlerOutput<'startUnlock'>> {
    const hosts = await checkedTarget(request);
    const { program, kind, shownPath, cwd, simulated } = await this.programFor(request.client);
    if (kind === 'snowball' && hosts.length > 1) {
      throw new AppError(
        'CLIENT_INVALID',
        'A cluster is unlocked with the Snowball Edge client (snowballEdge); the legacy snowball client unlocks one device.',
      );
    }
    if (kind === 'snowball' && !request.allowCodeInArguments) {
      throw new AppError(
        'CODE_IN_ARGUMENTS',
        'The legacy snowball client has no profiles: it can only take the unlock code in its command line, ' +
          'where other accounts on this computer (and tools that record command lines) can read it while it runs. ' +
          'Agree to that on the Unlock step, or use the Snowball Edge client.',
      );
    }
    const runId = randomUUID();
    const target = { hosts, manifestPath: request.manifestPath, code: request.code };
    const sessionOptions = this.sessionOptions(program, cwd);
    const run = new UnlockRun({
      ...this.timing,
      ...(simulated && this.site
        ? { pollIntervalMs: this.site.pollIntervalMs, expectedMs: this.site.expectedMs }
        : {}),
      runId,
      kind,
      target,
      events,
      clock: this.clock,
      probePassed: hosts.every((h) => this.probedOpen(h)),
      codeOrigin: request.codeOrigin,
      simulated,
      openSession: () =>
        kind === 'snowball'
          ? Promise.resolve(ClientSession.withoutProfile(request.code, sessionOptions))
          : this.profileSession(request, hosts, sessionOptions, {
              created: (dir) => events.profileHome?.({ runId, action: 'created', dir }),
              removed: (dir) => events.profileHome?.({ runId, action: 'removed', dir }),
            }),
    });
    this.runs.set(runId, run);
    void run.done.then(() => this.runs.delete(runId));
    // Begin after the caller has the run id, so the window can match the first events to it.
    setImmediate(() => run.start());
    return {
      runId,
      commandLine: displayCommandLine(
        shownPath,
        unlockArgs(kind, target, PROFILE_NAME_SHOWN),
        request.code,
        this.search.platform,
      ),
    };
  }

  async openSession(request: SessionRequest, hooks: ProfileHooks = {}): Promise<DeviceSession> {
    const hosts = await checkedTarget(request);
    const { program, kind, cwd, simulated } = await this.programFor(request.client);
    if (kind !== 'snowballEdge') {
      throw new AppError(
        'CLIENT_INVALID',
        'The legacy snowball client has no commands for the device’s keys and certificate: use the Snowball Edge client (snowballEdge).',
      );
    }
    const session = await this.profileSession(request, hosts, this.sessionOptions(program, cwd), hooks);
    const site = simulated ? this.site : null;
    return {
      session,
      simulated,
      timeoutMs: this.timing.commandTimeoutMs,
      connectVia: (host, port) => site?.connectVia?.(host, port) ?? null,
    };
  }

  async cancel(runId: string): Promise<void> {
    await this.runs.get(runId)?.cancel();
  }

  async stopAll(): Promise<void> {
    // The homes go first and at once: the app may be gone before the clients have stopped.
    this.homes.removeAllSync();
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
    const { facts } = await this.vouched(request.client);
    return configureClient(
      {
        kind: facts.kind,
        path: facts.realPath,
        code: request.code,
        manifestPath: request.manifestPath,
        host,
        profile: request.profile,
      },
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

  private sessionOptions(program: ClientProgram, cwd: string): SessionOptions {
    return {
      program,
      env: this.clientEnv,
      cwd,
      clock: this.clock,
      ...(this.timing.killGraceMs === undefined ? {} : { killGraceMs: this.timing.killGraceMs }),
    };
  }

  /** A session whose commands read the code (and the addresses) from a fresh private profile. */
  private profileSession(
    request: { code: string; manifestPath: string; jobId: string | null },
    hosts: string[],
    options: SessionOptions,
    hooks: ProfileHooks,
  ): Promise<ClientSession> {
    return ClientSession.withProfile(
      this.homes,
      {
        manifestPath: request.manifestPath,
        unlockCode: request.code,
        host: hosts[0] ?? '',
        deviceIps: hosts,
        ...(request.jobId ? { jobId: request.jobId } : {}),
      },
      options,
      hooks,
    );
  }

  private probedOpen(host: string): boolean {
    const seen = this.probes.get(host);
    return seen !== undefined && seen.outcome === 'open' && this.clock.now() - seen.at < PROBE_MEMORY_MS;
  }

  private simulatedClient(): SnowballClientInfo {
    return {
      path: SIMULATED_CLIENT_PATH,
      kind: 'snowballEdge',
      version: this.site?.version ?? null,
      source: 'simulated',
      trust: 'simulated',
      problem: null,
      owner: null,
      size: null,
      sha256: null,
      confirmedAt: null,
      takesProfile: true,
    };
  }

  private async programFor(client: UnlockRequest['client']): Promise<{
    program: ClientProgram;
    kind: ClientKind;
    shownPath: string;
    cwd: string;
    simulated: boolean;
  }> {
    if (client === 'simulated') {
      if (!this.site) {
        throw new AppError(
          'CLIENT_INVALID',
          'The simulated client belongs to the demo account: connect the demo account to use it, or choose a real client.',
        );
      }
      return {
        program: this.site.program,
        kind: 'snowballEdge',
        shownPath: 'snowballEdge',
        cwd: this.homes.root,
        simulated: true,
      };
    }
    const { facts } = await this.vouched(client);
    return {
      program: fileProgram(facts.realPath, this.search.platform),
      kind: facts.kind,
      shownPath: client.path,
      cwd: path.dirname(facts.realPath),
      simulated: false,
    };
  }

  /** The file as it is now must be the one the person vouched for: same SHA-256, same size, still safe. */
  private async vouched(client: TrustedClientInfo): Promise<{ facts: ClientFacts }> {
    const exists = await stat(client.path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      throw new AppError(
        'CLIENT_NOT_FOUND',
        `The Snowball client is no longer at ${client.path}. Find it again, or choose it, on the Device step.`,
      );
    }
    const facts = await inspectClientFile(client.path, this.search);
    if (facts.sha256 !== client.sha256 || facts.size !== client.size) {
      throw new AppError(
        'CLIENT_UNCONFIRMED',
        `${client.path} changed since you confirmed it (${client.size} bytes then, ${facts.size} now). ` +
          'Look at it again and confirm it on the Device step before it runs with your unlock code.',
      );
    }
    return { facts };
  }

  private async inspectAs(
    file: string,
    source: SnowballClientInfo['source'],
    trusted: readonly TrustedClientInfo[],
  ): Promise<SnowballClientInfo> {
    const facts = await inspectClientFile(file, this.search);
    const record = trusted.find((t) => t.path === file);
    const same = record !== undefined && record.sha256 === facts.sha256 && record.size === facts.size;
    return {
      path: file,
      kind: same ? record.kind : kindOf(file),
      version: same ? record.version : null,
      source,
      trust: same ? 'confirmed' : record ? 'changed' : 'unconfirmed',
      problem:
        record && !same
          ? `It changed since you confirmed it (${record.size} bytes then, ${facts.size} now).`
          : null,
      owner: facts.owner,
      size: facts.size,
      sha256: facts.sha256,
      confirmedAt: same ? record.confirmedAt : null,
      takesProfile: (same ? record.kind : kindOf(file)) === 'snowballEdge',
    };
  }
}

/** The addresses, the code's format and the manifest file, checked before any client runs. */
async function checkedTarget(request: {
  hosts: string[];
  code: string;
  manifestPath: string;
}): Promise<string[]> {
  const hosts = request.hosts.map(assertDeviceHost);
  if (hosts.length === 0) throw new AppError('INVALID_ADDRESS', 'Enter the device’s IP address.');
  if (!isUnlockCode(request.code)) {
    throw new AppError(
      'UNLOCK_CODE_MALFORMED',
      'The unlock code is not five groups of five letters or digits joined by hyphens. Enter it again.',
    );
  }
  await assertManifest(request.manifestPath);
  return hosts;
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
