/**
 * Core's one front door: the state of a running app (the AWS session, the unlock-code vault, where each
 * job's manifest went, settings, the audit log) and every action the window can ask for. Electron-free;
 * Electron main and the loopback host both bind the contract's channels to this.
 */
import path from 'node:path';
import {
  SIMULATED_CLIENT_PATH,
  type CodeLocationInfo,
  type ConnectionInfo,
  type CredentialSourcesInfo,
  type EventPayload,
  type JobDetailsInfo,
  type JobListingInfo,
  type JobRefInfo,
  type JobSummaryInfo,
  type ManifestResultInfo,
  type ProbeInfo,
  type ReturnLabelInfo,
  type SeparationInfo,
  type SnowballClientInfo,
  type SsoSignInOutcome,
  type TrustedClientInfo,
  type UnlockCodeHandleInfo,
} from '../contract';
import { AppError } from './app-error';
import { AuditLog, type AuditEntry, type AuditInput } from './audit-log';
import type { ClientFacts } from './client/client-trust';
import type { CodeOrigin } from './client/client-words';
import type { DeviceAccessPorts } from './device-access/device-access-service';
import type { ClientLauncher, ConfigureResult } from './client/launcher';
import { startSimulatedSite, type RunningSite } from './client/simulated-program';
import { SnowballClientLauncher } from './client/snowball-client-launcher';
import { readSmallFile } from './fs/read-small-file';
import { describeCluster, describeJob, listClusterJobs, listJobs } from './jobs';
import { downloadManifest } from './manifest';
import type { Clipboard, Clock } from './ports';
import { listCredentialSources } from './profiles';
import { defaultRegions, partitionOf, type Partition } from './regions';
import { checkSeparation, type SeparationEnv } from './separation';
import {
  connect,
  type AwsSession,
  type ClientOptions,
  type ConnectSource,
  type DemoAccount,
} from './session';
import { SettingsStore, type JobSettings, type Settings, type WindowState } from './settings';
import { markReceived, returnLabel, softwareUpdates } from './shipment';
import { SsoSessions, type SsoStart } from './sso/sso-sessions';
import { fetchUnlockCode, UnlockCodeVault } from './unlock-code';

export interface ServiceOptions {
  /** Where settings and the audit log live. */
  dataDir: string;
  clock: Clock;
  clipboard: Clipboard;
  demo: DemoAccount;
  /** Environment for finding profiles (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  separationEnv?: SeparationEnv;
  clientOptions?: ClientOptions;
  /** Events the window listens to. */
  events?: ServiceEvents;
  /** Finds and drives the Snowball client; by default the real one, searching `env`. */
  launcher?: ClientLauncher;
  /** How long a copied unlock code stays on the clipboard (default 30 s; tests shorten it). */
  clipboardMs?: number;
  /**
   * Asks the person, outside the window, whether this client file may run (Electron: a native dialog;
   * browser mode: the terminal). Without it no client file is ever confirmed: a window's call alone
   * never runs a program.
   */
  askToRunClient?: (facts: ClientFacts) => Promise<boolean>;
  /** The demo account's simulated site (default: the built-in one, started when the demo connects). */
  simulatedSite?: () => Promise<RunningSite>;
}

export interface ServiceEvents {
  jobsPage?(page: { region: string; jobs: JobSummaryInfo[] }): void;
  manifestProgress?(progress: { jobId: string; received: number; total: number | null }): void;
  clipboardTimer?(outcome: { outcome: 'cleared' | 'left-alone' }): void;
  unlockOutput?(line: EventPayload<'unlockOutput'>): void;
  unlockStatus?(status: EventPayload<'unlockStatus'>): void;
  ssoSignIn?(outcome: SsoSignInOutcome): void;
}

/** A job ID in a manifest's file name (`JID…_manifest.bin`, as the console and this app name it). */
const JOB_ID_IN_NAME = /(?:J|M)ID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Connection = ConnectionInfo;

export class CompanionService {
  private session: AwsSession | null = null;
  private readonly vault: UnlockCodeVault;
  private readonly audit: AuditLog;
  private readonly settings: SettingsStore;
  private readonly launcher: ClientLauncher;
  private readonly sso: SsoSessions;
  /** Where each held code came from, for advice when it does not match a manifest. */
  private readonly codeOrigins = new Map<string, CodeOrigin>();
  private site: Promise<RunningSite> | null = null;

  constructor(private readonly options: ServiceOptions) {
    this.vault = new UnlockCodeVault({
      clock: options.clock,
      clipboard: options.clipboard,
      ...(options.separationEnv ? { separationEnv: options.separationEnv } : {}),
      onClipboardTimer: (outcome) => options.events?.clipboardTimer?.({ outcome }),
      ...(options.clipboardMs ? { clipboardMs: options.clipboardMs } : {}),
    });
    this.launcher =
      options.launcher ??
      new SnowballClientLauncher({
        env: options.env ?? process.env,
        privateRoot: path.join(options.dataDir, 'client-homes'),
      });
    this.audit = new AuditLog(path.join(options.dataDir, 'audit.jsonl'), options.clock);
    this.settings = new SettingsStore(path.join(options.dataDir, 'settings.json'), options.clock);
    this.sso = new SsoSessions({
      env: options.env ?? process.env,
      clock: options.clock,
      ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
      onOutcome: (outcome) => {
        options.events?.ssoSignIn?.(outcome);
        void this.record({
          action: 'sso-sign-in',
          outcome:
            outcome.state === 'signed-in' ? 'ok' : outcome.state === 'cancelled' ? 'cancelled' : 'failed',
          detail: `profile ${outcome.profile}: ${outcome.state === 'signed-in' ? 'approved in the browser' : outcome.state}`,
        });
      },
    });
  }

  /** Loads settings; a damaged settings file is set aside and reported once. */
  async init(): Promise<{ settingsSetAside: string | null }> {
    const { setAside } = await this.settings.load();
    const swept = (await this.launcher.sweep?.().catch(() => 0)) ?? 0;
    if (swept > 0) {
      await this.record({
        action: 'remove-client-profile',
        outcome: 'ok',
        detail: `${swept} private client profile folder(s) left by an earlier run that did not end normally, removed at start-up`,
      });
    }
    return { settingsSetAside: setAside };
  }

  // Connection

  credentialSources(): Promise<CredentialSourcesInfo> {
    return listCredentialSources(this.options.env ?? process.env);
  }

  async connect(source: ConnectSource, homeRegion?: string): Promise<Connection> {
    const role = source.kind === 'profile' && source.ssoRole;
    const label =
      source.kind === 'profile'
        ? `profile ${source.profile}${role ? ` (role ${role.roleName} in account ${role.accountId})` : ''}`
        : source.kind;
    try {
      const session = await connect(
        source,
        { ...this.options.clientOptions, ...(homeRegion ? { homeRegion } : {}), sso: this.sso },
        this.options.demo,
      );
      this.session?.close();
      this.session = session;
      await this.simulate(source.kind === 'demo');
      if (source.kind === 'profile') await this.settings.update((s) => ({ ...s, profile: source.profile }));
      await this.record({ action: 'connect', outcome: 'ok', detail: `${label} as ${session.identity.arn}` });
      return this.connection() as Connection;
    } catch (error) {
      await this.record({ action: 'connect', outcome: 'failed', detail: `${label}: ${codeOf(error)}` });
      throw error;
    }
  }

  disconnect(): void {
    this.session?.close();
    this.session = null;
    void this.simulate(false);
  }

  /** The demo's simulated site runs exactly while the demo account is connected. */
  private async simulate(on: boolean): Promise<void> {
    if (on) {
      this.site ??= (this.options.simulatedSite ?? (() => startSimulatedSite()))();
      this.launcher.useSimulatedSite?.(await this.site);
      return;
    }
    this.launcher.useSimulatedSite?.(null);
    const running = this.site;
    this.site = null;
    if (running) await (await running).stop();
  }

  connection(): Connection | null {
    const s = this.session;
    if (!s) return null;
    return {
      source: s.source,
      profile: s.profile,
      identity: s.identity,
      partition: s.partition,
      defaultRegions: this.searchRegions(s.partition),
      sso: s.sso,
    };
  }

  /** The person's remembered regions in this partition, or every region of it that needs no opt-in. */
  private searchRegions(partition: Partition): string[] {
    const remembered = (this.settings.get().regions ?? []).filter((r) => partitionOf(r) === partition);
    return remembered.length > 0 ? remembered : defaultRegions(partition);
  }

  // IAM Identity Center

  /** A saved sign-in (refreshed if need be), or a device authorization for the person to approve. */
  async startSsoSignIn(profile: string): Promise<SsoStart> {
    try {
      const started = await this.sso.start(profile);
      if (started.status === 'signed-in') {
        await this.record({
          action: 'sso-sign-in',
          outcome: 'ok',
          detail: `profile ${profile}: ${started.how === 'saved' ? 'saved sign-in used' : 'sign-in refreshed'}`,
        });
      }
      return started;
    } catch (error) {
      await this.record({
        action: 'sso-sign-in',
        outcome: 'failed',
        detail: `profile ${profile}: ${codeOf(error)}`,
      });
      throw error;
    }
  }

  cancelSsoSignIn(signInId: string): void {
    this.sso.cancel(signInId);
  }

  listSsoAccounts(profile: string) {
    return this.sso.listAccounts(profile);
  }

  listSsoRoles(profile: string, accountId: string) {
    return this.sso.listRoles(profile, accountId);
  }

  // Jobs

  async listJobs(regions: string[]): Promise<JobListingInfo> {
    const session = this.requireSession();
    const listing = await listJobs(session, regions, {
      now: this.options.clock.now(),
      onPage: (region, jobs) => this.options.events?.jobsPage?.({ region, jobs }),
    });
    const failed = listing.failures.map((f) => `${f.region}: ${f.code}`).join(', ');
    await this.record({
      action: 'list-jobs',
      outcome: listing.failures.length === 0 ? 'ok' : 'failed',
      detail: `${listing.jobs.length} jobs from ${listing.regions.length} regions${failed ? `; failed ${failed}` : ''}`,
    });
    return listing;
  }

  describeJob(job: JobRefInfo): Promise<JobDetailsInfo> {
    return describeJob(this.requireSession(), job.jobId, job.region, this.options.clock.now());
  }

  async describeCluster(clusterId: string, region: string) {
    const session = this.requireSession();
    const [cluster, nodes] = await Promise.all([
      describeCluster(session, clusterId, region),
      listClusterJobs(session, clusterId, region, this.options.clock.now()),
    ]);
    return { ...cluster, nodes };
  }

  // Manifest

  async downloadManifest(job: JobRefInfo, folder: string, overwrite: boolean): Promise<ManifestResultInfo> {
    const session = this.requireSession();
    try {
      const result = await downloadManifest(session, job, folder, {
        overwrite,
        now: () => this.options.clock.now(),
        onProgress: (received, total) =>
          this.options.events?.manifestProgress?.({ jobId: job.jobId, received, total }),
      });
      // Kept in settings (a path, no secret), so the code's separation check survives a restart.
      await this.settings.updateJob(job.jobId, { manifestFolder: folder, manifestPath: result.path });
      await this.record({
        action: 'download-manifest',
        outcome: 'ok',
        ...job,
        path: result.path,
        sha256: result.sha256,
      });
      return result;
    } catch (error) {
      // A file already there is a question for the person (replace it?), not a failed download: nothing
      // was fetched or changed, and the answer is recorded when it comes.
      if (codeOf(error) === 'FILE_EXISTS') throw error;
      await this.record({
        action: 'download-manifest',
        outcome: 'failed',
        ...job,
        path: folder,
        detail: codeOf(error),
      });
      throw error;
    }
  }

  // Unlock code

  async fetchUnlockCode(job: JobRefInfo): Promise<UnlockCodeHandleInfo> {
    try {
      const handle = await fetchUnlockCode(this.requireSession(), job, this.vault);
      this.codeOrigins.set(handle.id, { kind: 'aws' });
      await this.record({ action: 'fetch-unlock-code', outcome: 'ok', ...job });
      return handle;
    } catch (error) {
      await this.record({ action: 'fetch-unlock-code', outcome: 'failed', ...job, detail: codeOf(error) });
      throw error;
    }
  }

  async revealUnlockCode(handleId: string): Promise<string> {
    const code = this.vault.reveal(handleId);
    await this.record({ action: 'reveal-unlock-code', outcome: 'ok', ...this.jobOf(handleId) });
    return code;
  }

  /**
   * The audit names the job the held code belongs to; a caller naming another job is refused. `inPage`:
   * the window copies it itself (browser mode) and gets the code back for that.
   */
  async copyUnlockCode(
    handleId: string,
    claimedJobId: string,
    inPage = false,
  ): Promise<{ clearsAt: number; code?: string }> {
    const job = this.jobOf(handleId, claimedJobId);
    const result = inPage ? this.vault.copyInPage(handleId) : await this.vault.copy(handleId);
    await this.record({
      action: 'copy-unlock-code',
      outcome: 'ok',
      ...job,
      ...(inPage ? { detail: 'handed to the browser window to copy to its own clipboard' } : {}),
    });
    return result;
  }

  forgetUnlockCode(handleId: string): void {
    this.vault.forget(handleId);
    this.codeOrigins.delete(handleId);
  }

  /** Offline path: a code the user typed or pasted. */
  holdUnlockCode(code: string, jobId: string | null): UnlockCodeHandleInfo {
    const handle = this.vault.hold(
      jobId ?? OFFLINE,
      code,
      'what you entered',
      `Type it again from where you kept it for this job (a file, paper or a password manager).${this.savedCodePlaces(jobId)}`,
    );
    this.codeOrigins.set(handle.id, { kind: 'typed', expectedIn: null });
    return handle;
  }

  /** Offline path: a code saved to a file earlier (it holds the code and nothing else). */
  async readUnlockCodeFile(file: string, jobId: string | null): Promise<UnlockCodeHandleInfo> {
    const text = await readSmallFile(file, {
      maxBytes: 1024,
      what: 'a saved unlock code',
      next: 'Choose the file you saved the unlock code in.',
    });
    const handle = this.vault.hold(
      jobId ?? OFFLINE,
      text.toString('utf8'),
      path.basename(file),
      `The file ${file} should hold just the code, on one line, as Snowball Companion saves it: choose the file where you saved this job's code.${this.savedCodePlaces(jobId)}`,
    );
    this.codeOrigins.set(handle.id, { kind: 'file', path: file, expectedIn: null });
    return handle;
  }

  /** Where this app saved unlock codes before (this job's, or every job's), as a sentence; '' if nowhere. */
  private savedCodePlaces(jobId: string | null): string {
    const jobs = this.settings.get().jobs;
    const folders = jobId
      ? [jobs[jobId]?.codeFolder].filter((f): f is string => Boolean(f))
      : [...new Set(Object.values(jobs).flatMap((j) => (j.codeFolder ? [j.codeFolder] : [])))];
    if (folders.length === 0) return '';
    return ` Snowball Companion saved ${jobId ? "this job's code" : 'unlock codes'} in ${folders.slice(0, 3).join(', ')}.`;
  }

  // The Snowball client and the device

  async findClients(): Promise<Awaited<ReturnType<ClientLauncher['find']>>> {
    const settings = this.settings.get();
    return this.launcher.find(settings.clientPath, settings.trustedClients ?? []);
  }

  /** A file the person names: looked at, nothing runs. */
  async chooseClient(file: string): Promise<SnowballClientInfo> {
    try {
      const client = await this.launcher.inspect(file, this.settings.get().trustedClients ?? []);
      await this.record({
        action: 'choose-client',
        outcome: 'ok',
        path: file,
        ...(client.sha256 ? { sha256: client.sha256 } : {}),
        detail: `${client.kind}, ${client.size ?? '?'} bytes, owner ${client.owner ?? 'not known'}: ${client.trust}`,
      });
      return client;
    } catch (error) {
      await this.record({ action: 'choose-client', outcome: 'failed', path: file, detail: codeOf(error) });
      throw error;
    }
  }

  /** The person vouches for the file (asked outside the window); its version runs; remembered by SHA-256. */
  async confirmClient(file: string, sha256: string): Promise<SnowballClientInfo> {
    const ask = this.options.askToRunClient;
    try {
      if (!ask) {
        throw new AppError(
          'CLIENT_UNCONFIRMED',
          'This window cannot confirm a Snowball client on its own. Start Snowball Companion from a terminal (browser mode asks there) or use the desktop app.',
        );
      }
      const trusted = await this.launcher.confirm(file, sha256, ask);
      await this.settings.update((s) => ({
        ...s,
        clientPath: trusted.path,
        trustedClients: [trusted, ...(s.trustedClients ?? []).filter((t) => t.path !== trusted.path)].slice(
          0,
          16,
        ),
      }));
      await this.record({
        action: 'confirm-client',
        outcome: 'ok',
        path: trusted.path,
        sha256: trusted.sha256,
        detail: `${trusted.kind} ${trusted.version}, ${trusted.size} bytes, owner ${trusted.owner ?? 'not known'}`,
      });
      return this.launcher.inspect(file, this.settings.get().trustedClients ?? []);
    } catch (error) {
      await this.record({
        action: 'confirm-client',
        outcome: codeOf(error) === 'CLIENT_UNCONFIRMED' ? 'cancelled' : 'failed',
        path: file,
        sha256,
        detail: codeOf(error),
      });
      throw error;
    }
  }

  probeDevice(host: string): Promise<ProbeInfo> {
    return this.launcher.probe(host);
  }

  async startUnlock(request: {
    handleId: string;
    manifestPath: string;
    hosts: string[];
    clientPath: string;
    allowCodeInArguments?: boolean;
  }): Promise<{ runId: string; commandLine: string }> {
    const code = this.vault.reveal(request.handleId);
    const jobId = this.jobOf(request.handleId).jobId ?? null;
    const simulated = request.clientPath === SIMULATED_CLIENT_PATH;
    const client = simulated ? 'simulated' : this.trustedClient(request.clientPath);
    const cluster = request.hosts.length > 1;
    const action = cluster ? 'unlock-cluster' : 'unlock-device';
    const events = this.options.events;
    const audit = {
      path: request.manifestPath,
      ...(jobId ? { jobId } : {}),
      ...(simulated ? { simulated } : {}),
    };
    return this.launcher.start(
      {
        code,
        manifestPath: request.manifestPath,
        hosts: request.hosts,
        client,
        allowCodeInArguments: request.allowCodeInArguments ?? false,
        codeOrigin: this.codeOriginOf(request.handleId, request.manifestPath, jobId),
        jobId,
      },
      {
        output: (line) => events?.unlockOutput?.(line),
        status: (status) => {
          events?.unlockStatus?.(status);
          if (['UNLOCKED', 'failed', 'cancelled', 'timed-out'].includes(status.state)) {
            void this.record({
              action,
              outcome:
                status.state === 'UNLOCKED' ? 'ok' : status.state === 'cancelled' ? 'cancelled' : 'failed',
              ...audit,
              detail: `${simulated ? 'simulated device and client (demo): ' : ''}${request.hosts.join(' ')}: ${status.state}${status.message ? ` (${status.message})` : ''}`,
            });
          }
        },
        profileHome: ({ action: change, dir }) =>
          void this.record({
            action: change === 'created' ? 'create-client-profile' : 'remove-client-profile',
            outcome: 'ok',
            ...audit,
            path: dir,
            detail:
              change === 'created'
                ? `private profile (folder 0700, file 0600) for ${action} at ${request.hosts.join(' ')}`
                : `private profile of ${action} at ${request.hosts.join(' ')} removed`,
          }),
      },
    );
  }

  /** What core/device-access shares with this service: held codes, vouched clients, the launcher, the audit log. */
  deviceAccessPorts(): Pick<DeviceAccessPorts, 'launcher' | 'codeOf' | 'jobOf' | 'clientFor' | 'record'> {
    return {
      launcher: this.launcher,
      codeOf: (handleId) => this.vault.reveal(handleId),
      jobOf: (handleId) => this.jobOf(handleId).jobId ?? null,
      clientFor: (file) => (file === SIMULATED_CLIENT_PATH ? 'simulated' : this.trustedClient(file)),
      record: (entry) => this.record(entry),
    };
  }

  cancelUnlock(runId: string): Promise<void> {
    return this.launcher.cancel(runId);
  }

  /** The record of a client file the person vouched for; CLIENT_UNCONFIRMED when there is none. */
  private trustedClient(file: string): TrustedClientInfo {
    const trusted = (this.settings.get().trustedClients ?? []).find((t) => t.path === file);
    if (!trusted) {
      throw new AppError(
        'CLIENT_UNCONFIRMED',
        `You have not confirmed ${file} as your Snowball client yet. Confirm it on the Device step before it runs with your unlock code.`,
      );
    }
    return trusted;
  }

  /** Where this run's code came from, and where this job's code was saved when it was received. */
  private codeOriginOf(handleId: string, manifestPath: string, jobId: string | null): CodeOrigin {
    const origin = this.codeOrigins.get(handleId) ?? { kind: 'aws' };
    if (origin.kind === 'aws') return origin;
    const job = jobId ?? JOB_ID_IN_NAME.exec(path.basename(manifestPath))?.[0] ?? null;
    const expectedIn = job ? (this.settings.get().jobs[job]?.codeFolder ?? null) : null;
    return { ...origin, expectedIn };
  }

  /**
   * `snowballEdge configure`, on the user's explicit request only: the client then keeps the manifest path
   * and the unlock code together in one plaintext file. The audit log says so (and never holds the code).
   */
  async configureClient(request: {
    handleId: string;
    manifestPath: string;
    host: string;
    clientPath: string;
    profile: string;
  }): Promise<ConfigureResult> {
    const code = this.vault.reveal(request.handleId);
    const job = this.jobOf(request.handleId);
    try {
      const result = await this.launcher.configure({
        code,
        manifestPath: request.manifestPath,
        host: request.host,
        client: this.trustedClient(request.clientPath),
        profile: request.profile,
      });
      await this.record({
        action: 'configure-client',
        outcome: 'ok',
        ...job,
        path: request.manifestPath,
        detail: `profile ${result.profile}: manifest path and unlock code stored together in ${result.configFile}`,
      });
      return result;
    } catch (error) {
      await this.record({
        action: 'configure-client',
        outcome: 'failed',
        ...job,
        path: request.manifestPath,
        detail: `profile ${request.profile}: ${codeOf(error)}`,
      });
      throw error;
    }
  }

  checkSeparation(manifestPath: string, location: CodeLocationInfo): Promise<SeparationInfo> {
    return checkSeparation(manifestPath, location, this.options.separationEnv);
  }

  /**
   * The separation check compares with the manifest of the job the held code belongs to (remembered in
   * settings, so also after a restart); a caller naming another job is refused.
   */
  async saveUnlockCode(
    handleId: string,
    claimedJobId: string,
    target: string,
    acceptWarnings: boolean,
    overwrite: boolean,
  ): Promise<{ path: string; separation: SeparationInfo }> {
    const job = this.jobOf(handleId, claimedJobId);
    try {
      const saved = await this.vault.save(handleId, {
        path: target,
        manifestPath: (job.jobId && this.settings.get().jobs[job.jobId]?.manifestPath) || null,
        acceptWarnings,
        overwrite,
      });
      if (job.jobId) await this.settings.updateJob(job.jobId, { codeFolder: path.dirname(target) });
      await this.record({
        action: 'save-unlock-code',
        outcome: 'ok',
        ...job,
        path: target,
        detail: saved.separation.verdict,
      });
      return saved;
    } catch (error) {
      await this.record({
        action: 'save-unlock-code',
        outcome: 'failed',
        ...job,
        path: target,
        detail: codeOf(error),
      });
      throw error;
    }
  }

  // Shipment

  async markReceived(job: JobRefInfo): Promise<void> {
    try {
      await markReceived(this.requireSession(), job);
      await this.record({ action: 'mark-received', outcome: 'ok', ...job });
    } catch (error) {
      await this.record({ action: 'mark-received', outcome: 'failed', ...job, detail: codeOf(error) });
      throw error;
    }
  }

  async returnLabel(job: JobRefInfo, folder: string | null): Promise<ReturnLabelInfo> {
    try {
      const label = await returnLabel(this.requireSession(), job, {
        ...(folder ? { folder } : {}),
        now: () => this.options.clock.now(),
      });
      await this.record({
        action: 'return-label',
        outcome: 'ok',
        ...job,
        ...(label.savedTo ? { path: label.savedTo } : {}),
      });
      return label;
    } catch (error) {
      await this.record({ action: 'return-label', outcome: 'failed', ...job, detail: codeOf(error) });
      throw error;
    }
  }

  softwareUpdates(job: JobRefInfo): Promise<{ uri: string | null }> {
    return softwareUpdates(this.requireSession(), job);
  }

  // Settings and audit

  getSettings(): Settings {
    return this.settings.get();
  }

  async rememberJob(jobId: string, change: Partial<JobSettings>): Promise<Settings> {
    return this.settings.updateJob(jobId, change);
  }

  /** The regions to search at the next start; none: the connection's defaults again. */
  async rememberRegions(regions: string[]): Promise<Settings> {
    return this.settings.update((s) => ({
      ...s,
      regions: regions.length > 0 ? [...new Set(regions)] : null,
    }));
  }

  async rememberWindow(window: WindowState): Promise<void> {
    await this.settings.update((s) => ({ ...s, window }));
  }

  auditEntries(): Promise<AuditEntry[]> {
    return this.audit.entries();
  }

  async exportAudit(destination: string, overwrite = false): Promise<{ path: string; bytes: number }> {
    const bytes = await this.audit.exportTo(destination, { overwrite });
    await this.record({ action: 'export-audit-log', outcome: 'ok', path: destination });
    return { path: destination, bytes };
  }

  /**
   * On quit: clears the code from the clipboard and stops what core runs in the background (SDK sockets,
   * sign-ins waiting, client runs, the demo's simulated site). The demo account's emulator is the shell's
   * (it owns the InProcessDemoAccount) and stops there.
   */
  async close(): Promise<void> {
    // stopAll removes the private client profiles before its first await: they go even if quitting cannot wait.
    const stopping = this.launcher.stopAll();
    await this.vault.clearClipboard().catch(() => undefined);
    this.session?.close();
    this.session = null;
    this.sso.close();
    await Promise.all([stopping, this.simulate(false)]);
  }

  /**
   * The job a held code belongs to, for the audit log and the separation check; none for a code entered
   * without a job. When the caller names a job, it must be that one.
   */
  private jobOf(handleId: string, claimedJobId?: string): { jobId?: string } {
    const jobId = this.vault.jobIdOf(handleId);
    if (jobId === OFFLINE) return {};
    if (claimedJobId !== undefined && claimedJobId !== jobId) {
      throw new AppError(
        'VALIDATION',
        `This unlock code belongs to job ${jobId}, not ${claimedJobId}. Nothing was done: fetch the unlock code of the job you are receiving.`,
      );
    }
    return { jobId };
  }

  private requireSession(): AwsSession {
    if (!this.session) {
      throw new AppError('NOT_CONNECTED', 'Connect to AWS (or the demo account) first, then try again.');
    }
    return this.session;
  }

  private async record(entry: AuditInput): Promise<void> {
    // The audit log must never stop the work it records.
    await this.audit.record(entry).catch(() => undefined);
  }
}

/** The job of a code entered without one (the offline path). */
const OFFLINE = 'offline';

/** What the audit log keeps of a failure: its code, never its text. */
function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'INTERNAL';
}
