/**
 * Starts the loopback host over the built app (`out/`), with the same composition as Electron main:
 * core's service, the contract's handlers, the demo account. Used by `npm start` where the Electron
 * runtime is missing, and by the e2e tests (which also reach the demo emulator and the clipboard).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartOptions } from '../../emulator';
import type { CompanionService, ServiceOptions } from '../core/companion-service';
import { SnowballClientLauncher, type LauncherOptions } from '../core/client/snowball-client-launcher';
import { InProcessDemoAccount } from '../core/demo-account';
import { memoryClipboard, type Clipboard } from '../core/ports';
import type { SeparationEnv } from '../core/separation';
import { composeApp, type ComposedApp } from '../app/compose';
import { logChannelFailure, setUpLogging } from '../app/logging';
import { startLoopbackHost, type LoopbackHost } from './loopback-server';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunOptions {
  port?: number;
  /** Folder holding `renderer/` and `loopback/` as `npm run build` leaves them. */
  outDir?: string;
  /** Settings and audit log; default a per-user folder for browser mode. */
  dataDir?: string;
  /** Options of the demo account's emulator (tests choose a seed, faults, a clock). */
  demo?: StartOptions;
  clipboard?: Clipboard;
  env?: NodeJS.ProcessEnv;
  separationEnv?: SeparationEnv;
  demoRequested?: boolean;
  clipboardMs?: number;
  /** The Snowball client launcher's timing and probe port (tests make them quick and local). */
  launcher?: Omit<LauncherOptions, 'env'>;
  /**
   * Asks the person whether a client file may run, outside the page (npm start: in the terminal). Without
   * it browser mode cannot confirm a client file; tests stand in for the person here.
   */
  askToRunClient?: ServiceOptions['askToRunClient'];
  /** The demo's simulated site (tests make it quick). */
  simulatedSite?: ServiceOptions['simulatedSite'];
}

export interface RunningHost {
  host: LoopbackHost;
  service: CompanionService;
  demo: InProcessDemoAccount;
  clipboard: Clipboard;
  dataDir: string;
  settingsSetAside: string | null;
  stop(): Promise<void>;
}

/** Where browser mode keeps settings and the audit log, apart from the desktop app's own folder. */
export function defaultBrowserDataDir(): string {
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, 'Snowball Companion (browser mode)');
}

export async function runLoopbackHost(options: RunOptions = {}): Promise<RunningHost> {
  const outDir = options.outDir ?? path.join(projectRoot, 'out');
  const dataDir = options.dataDir ?? defaultBrowserDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };
  const demo = new InProcessDemoAccount(options.demo ?? {});
  // Browser mode cannot reach the desktop clipboard: the code stays on this process's clipboard.
  const clipboard = options.clipboard ?? memoryClipboard();
  let composed: ComposedApp | undefined;
  // Browser mode's log, beside its settings: where the window's "the log has details" points.
  const log = setUpLogging(() => path.join(dataDir, 'logs', 'main.log'), {
    logId: `browser-mode:${dataDir}`,
  });

  const host = await startLoopbackHost({
    onError: (channel, error) => logChannelFailure(log, channel, error),
    rendererDir: path.join(outDir, 'renderer'),
    preloadFile: path.join(outDir, 'loopback', 'preload.js'),
    port: options.port ?? 0,
    handlers: async (broadcast) => {
      composed = await composeApp({
        dataDir,
        clipboard,
        demo,
        send: broadcast,
        ...(options.env ? { env: options.env } : {}),
        ...(options.separationEnv ? { separationEnv: options.separationEnv } : {}),
        ...(options.clipboardMs ? { clipboardMs: options.clipboardMs } : {}),
        ...(options.launcher
          ? {
              launcher: new SnowballClientLauncher({
                env: options.env ?? process.env,
                privateRoot: path.join(dataDir, 'client-homes'),
                ...options.launcher,
              }),
            }
          : {}),
        ...(options.askToRunClient ? { askToRunClient: options.askToRunClient } : {}),
        ...(options.simulatedSite ? { simulatedSite: options.simulatedSite } : {}),
        shell: {
          appInfo: {
            name: pkg.productName,
            version: pkg.version,
            shell: 'browser',
            platform: process.platform,
            nativeDialogs: false,
            demoRequested: options.demoRequested ?? false,
          },
          dialogs: null,
          // Browser mode has no shell to hand links to: the page shows them as ordinary links.
          openExternal: async () => false,
        },
      });
      return composed.handlers;
    },
  });
  if (!composed) throw new Error('the loopback host started without its handlers');
  const app: ComposedApp = composed;
  return {
    host,
    service: app.service,
    demo,
    clipboard,
    dataDir,
    settingsSetAside: app.settingsSetAside,
    stop: async () => {
      await host.stop();
      await app.service.close();
      await demo.stop();
    },
  };
}
