/**
 * Core's state of a running app, put together: settings, the audit log, the unlock-code vault, and the
 * services that do the work — the AWS work (aws-service.ts), the unlock code's life
 * (unlock-code-service.ts), the device and the Snowball client (client-service.ts), and after the unlock
 * the device's local access (device-access/device-access-service.ts). Electron-free;
 * Electron main and the loopback host both bind the contract's channels to these.
 */
import path from 'node:path';
import type { Emit } from '../contract';
import { AuditLog } from './audit-log';
import { AwsService } from './aws-service';
import type { ClientFacts } from './client/client-trust';
import type { ClientLauncher } from './client/launcher';
import type { RunningSite } from './client/simulated-program';
import { SnowballClientLauncher } from './client/snowball-client-launcher';
import { ClientService } from './client-service';
import { DeviceAccessService } from './device-access/device-access-service';
import type { Clipboard, Clock } from './ports';
import type { SeparationEnv } from './separation';
import type { ClientOptions, DemoAccount } from './session';
import { SettingsStore } from './settings';
import { UnlockCodeVault } from './unlock-code';
import { UnlockCodeService } from './unlock-code-service';

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
  /** Sends the contract's events to the window (none: nobody listens). */
  emit?: Emit;
  /** Finds and drives the Snowball client; by default the real one, searching `env`. */
  launcher?: ClientLauncher;
  /** How long a copied unlock code stays on the clipboard (default 30 s; tests shorten it). */
  clipboardMs?: number;
  /** See ClientServiceOptions. */
  askToRunClient?: (facts: ClientFacts) => Promise<boolean>;
  simulatedSite?: () => Promise<RunningSite>;
}

export class CompanionService {
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
  readonly aws: AwsService;
  readonly codes: UnlockCodeService;
  readonly client: ClientService;
  readonly device: DeviceAccessService;
  private readonly vault: UnlockCodeVault;

  constructor(options: ServiceOptions) {
    const env = options.env ?? process.env;
    const emit: Emit = options.emit ?? (() => undefined);
    this.settings = new SettingsStore(path.join(options.dataDir, 'settings.json'), options.clock);
    this.audit = new AuditLog(path.join(options.dataDir, 'audit.jsonl'), options.clock);
    this.vault = new UnlockCodeVault({
      clock: options.clock,
      clipboard: options.clipboard,
      ...(options.separationEnv ? { separationEnv: options.separationEnv } : {}),
      onClipboardTimer: (outcome) => emit('clipboardTimer', { outcome }),
      ...(options.clipboardMs ? { clipboardMs: options.clipboardMs } : {}),
    });
    const shared = { settings: this.settings, audit: this.audit, emit };
    this.aws = new AwsService({
      ...shared,
      clock: options.clock,
      demo: options.demo,
      env,
      ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
      onDemo: (on) => this.client.simulate(on),
    });
    this.codes = new UnlockCodeService({
      ...shared,
      vault: this.vault,
      session: () => this.aws.requireSession(),
      ...(options.separationEnv ? { separationEnv: options.separationEnv } : {}),
    });
    this.client = new ClientService({
      ...shared,
      codes: this.codes,
      launcher:
        options.launcher ??
        new SnowballClientLauncher({ env, privateRoot: path.join(options.dataDir, 'client-homes') }),
      ...(options.askToRunClient ? { askToRunClient: options.askToRunClient } : {}),
      ...(options.simulatedSite ? { simulatedSite: options.simulatedSite } : {}),
    });
    this.device = new DeviceAccessService({
      clock: options.clock,
      env,
      audit: this.audit,
      launcher: this.client.launcher,
      codeOf: (handleId) => this.codes.codeOf(handleId),
      jobOf: (handleId) => this.codes.jobOf(handleId).jobId ?? null,
      clientFor: (file) => this.client.clientFor(file),
    });
  }

  /** Loads settings; a damaged settings file is set aside and reported once. */
  async init(): Promise<{ settingsSetAside: string | null }> {
    const { setAside } = await this.settings.load();
    await this.client.sweep();
    return { settingsSetAside: setAside };
  }

  /**
   * On quit: clears the code from the clipboard and stops what core runs in the background (SDK sockets,
   * sign-ins waiting, client runs, the demo's simulated site). The demo account's emulator is the shell's
   * (it owns the InProcessDemoAccount) and stops there.
   */
  async close(): Promise<void> {
    const stopping = this.client.close();
    await this.vault.clearClipboard().catch(() => undefined);
    this.aws.close();
    await stopping;
  }
}
