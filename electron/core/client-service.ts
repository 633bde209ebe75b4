/**
 * The device and the Snowball client: find the client and let the person vouch for it, probe the device,
 * run the unlock and follow it, `configure` on request; and the demo's simulated site, which runs exactly
 * while the demo account is connected. Electron-free; each method takes its channel's input as the
 * contract parsed it and answers its output.
 */
import {
  SIMULATED_CLIENT_PATH,
  type Answer,
  type Emit,
  type HandlerInput as In,
  type TrustedClientInfo,
} from '../contract';
import { AppError } from './app-error';
import type { AuditLog } from './audit-log';
import type { ClientFacts } from './client/client-trust';
import type { ClientLauncher } from './client/launcher';
import { startSimulatedSite, type RunningSite } from './client/simulated-program';
import type { SettingsStore } from './settings';
import type { UnlockCodeService } from './unlock-code-service';

export interface ClientServiceOptions {
  launcher: ClientLauncher;
  settings: SettingsStore;
  audit: AuditLog;
  codes: UnlockCodeService;
  emit: Emit;
  /**
   * Asks the person, outside the window, whether this client file may run (Electron: a native dialog;
   * browser mode: the terminal). Without it no client file is ever confirmed: a window's call alone
   * never runs a program.
   */
  askToRunClient?: (facts: ClientFacts) => Promise<boolean>;
  /** The demo account's simulated site (default: the built-in one, started when the demo connects). */
  simulatedSite?: () => Promise<RunningSite>;
}

const ENDED = ['UNLOCKED', 'failed', 'cancelled', 'timed-out'];

export class ClientService {
  private site: Promise<RunningSite> | null = null;

  constructor(private readonly options: ClientServiceOptions) {}

  get launcher(): ClientLauncher {
    return this.options.launcher;
  }

  /** At start-up: private client profiles an earlier run left behind go (and the audit log says so). */
  async sweep(): Promise<void> {
    const swept = (await this.launcher.sweep?.().catch(() => 0)) ?? 0;
    if (swept > 0) {
      await this.options.audit.note({
        action: 'remove-client-profile',
        outcome: 'ok',
        detail: `${swept} private client profile folder(s) left by an earlier run that did not end normally, removed at start-up`,
      });
    }
  }

  /** The demo's simulated site runs exactly while the demo account is connected. */
  async simulate(on: boolean): Promise<void> {
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

  private trustedClients(): TrustedClientInfo[] {
    return this.options.settings.get().trustedClients ?? [];
  }

  find(): Answer<'findSnowballClient'> {
    return this.launcher.find(this.options.settings.get().clientPath, this.trustedClients());
  }

  /** A file the person names: looked at, nothing runs. */
  choose({ path: file }: In<'chooseSnowballClient'>): Answer<'chooseSnowballClient'> {
    return this.options.audit.audited(
      'choose-client',
      { path: file },
      () => this.launcher.inspect(file, this.trustedClients()),
      {
        ok: (client) => ({
          ...(client.sha256 ? { sha256: client.sha256 } : {}),
          detail: `${client.kind}, ${client.size ?? '?'} bytes, owner ${client.owner ?? 'not known'}: ${client.trust}`,
        }),
      },
    );
  }

  /** The person vouches for the file (asked outside the window); its version runs; remembered by SHA-256. */
  confirm({ path: file, sha256 }: In<'confirmSnowballClient'>): Answer<'confirmSnowballClient'> {
    const ask = this.options.askToRunClient;
    return this.options.audit
      .audited(
        'confirm-client',
        { path: file, sha256 },
        async () => {
          if (!ask) {
            throw new AppError(
              'CLIENT_UNCONFIRMED',
              'This window cannot confirm a Snowball client on its own. Start Snowball Companion from a terminal (browser mode asks there) or use the desktop app.',
            );
          }
          const trusted = await this.launcher.confirm(file, sha256, ask);
          await this.options.settings.update((s) => ({
            ...s,
            clientPath: trusted.path,
            trustedClients: [
              trusted,
              ...(s.trustedClients ?? []).filter((t) => t.path !== trusted.path),
            ].slice(0, 16),
          }));
          return { trusted, client: await this.launcher.inspect(file, this.trustedClients()) };
        },
        {
          ok: ({ trusted }) => ({
            path: trusted.path,
            sha256: trusted.sha256,
            detail: `${trusted.kind} ${trusted.version}, ${trusted.size} bytes, owner ${trusted.owner ?? 'not known'}`,
          }),
          failed: (code) => (code === 'CLIENT_UNCONFIRMED' ? { outcome: 'cancelled' } : {}),
        },
      )
      .then(({ client }) => client);
  }

  probe({ host }: In<'probeDevice'>): Answer<'probeDevice'> {
    return this.launcher.probe(host);
  }

  startUnlock(request: In<'startUnlock'>): Answer<'startUnlock'> {
    const { manifestPath, hosts } = request;
    const { code, jobId, origin } = this.options.codes.forRun(request.handleId, manifestPath);
    const simulated = request.clientPath === SIMULATED_CLIENT_PATH;
    const client = this.clientFor(request.clientPath);
    const action = hosts.length > 1 ? 'unlock-cluster' : 'unlock-device';
    const { emit, audit } = this.options;
    const fields = { path: manifestPath, ...(jobId ? { jobId } : {}), ...(simulated ? { simulated } : {}) };
    return this.launcher.start(
      {
        code,
        manifestPath,
        hosts,
        client,
        allowCodeInArguments: request.allowCodeInArguments ?? false,
        codeOrigin: origin,
        jobId,
      },
      {
        output: (line) => emit('unlockOutput', line),
        status: (status) => {
          emit('unlockStatus', status);
          if (!ENDED.includes(status.state)) return;
          void audit.note({
            action,
            outcome:
              status.state === 'UNLOCKED' ? 'ok' : status.state === 'cancelled' ? 'cancelled' : 'failed',
            ...fields,
            detail: `${simulated ? 'simulated device and client (demo): ' : ''}${hosts.join(' ')}: ${status.state}${status.message ? ` (${status.message})` : ''}`,
          });
        },
        profileHome: ({ action: change, dir }) =>
          void audit.note({
            action: change === 'created' ? 'create-client-profile' : 'remove-client-profile',
            outcome: 'ok',
            ...fields,
            path: dir,
            detail:
              change === 'created'
                ? `private profile (folder 0700, file 0600) for ${action} at ${hosts.join(' ')}`
                : `private profile of ${action} at ${hosts.join(' ')} removed`,
          }),
      },
    );
  }

  async cancelUnlock({ runId }: In<'cancelUnlock'>): Answer<'cancelUnlock'> {
    await this.launcher.cancel(runId);
    return {};
  }

  /**
   * `snowballEdge configure`, on the user's explicit request only: the client then keeps the manifest path
   * and the unlock code together in one plaintext file. The audit log says so (and never holds the code).
   */
  configure(request: In<'configureSnowballClient'>): Answer<'configureSnowballClient'> {
    const { handleId, manifestPath, host, profile } = request;
    const code = this.options.codes.codeOf(handleId);
    const job = this.options.codes.jobOf(handleId);
    return this.options.audit.audited(
      'configure-client',
      { ...job, path: manifestPath },
      () =>
        this.launcher.configure({
          code,
          manifestPath,
          host,
          profile,
          client: this.trusted(request.clientPath),
        }),
      {
        ok: (result) => ({
          detail: `profile ${result.profile}: manifest path and unlock code stored together in ${result.configFile}`,
        }),
        failed: (code) => ({ detail: `profile ${profile}: ${code}` }),
      },
    );
  }

  /** The client a run uses: the demo's simulated one, or a file the person vouched for. */
  clientFor(file: string): TrustedClientInfo | 'simulated' {
    return file === SIMULATED_CLIENT_PATH ? 'simulated' : this.trusted(file);
  }

  /** The record of a client file the person vouched for; CLIENT_UNCONFIRMED when there is none. */
  private trusted(file: string): TrustedClientInfo {
    const trusted = this.trustedClients().find((t) => t.path === file);
    if (!trusted) {
      throw new AppError(
        'CLIENT_UNCONFIRMED',
        `You have not confirmed ${file} as your Snowball client yet. Confirm it on the Device step before it runs with your unlock code.`,
      );
    }
    return trusted;
  }

  /** On quit: every client run stops and the simulated site with them. */
  async close(): Promise<void> {
    // stopAll removes the private client profiles before its first await: they go even if quitting cannot wait.
    const stopping = this.launcher.stopAll();
    await Promise.all([stopping, this.simulate(false)]);
  }
}
