/**
 * The e2e fixture: specs are written against the page; this file chooses how the page is launched, from
 * COMPANION_E2E_LAUNCHER:
 * - `browser` (default): the loopback host over the built app, in this process, opened in Chromium.
 * - `electron` (the release workflow, where the Electron runtime exists): the built app under Electron
 *   itself through Playwright's `_electron.launch`; the demo account's emulator then runs in this
 *   process and the app is pointed at it (COMPANION_E2E_CONFIG, honoured only by unpackaged runs).
 * Either way specs reach the emulator (faults, job states, secrets) and the app's clipboard.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  _electron,
  test as base,
  expect,
  type ElectronApplication,
  type Locator,
  type Page,
} from '@playwright/test';
import { start, type Emulator } from '../emulator';
import type { ClientFacts } from '../electron/core/client/client-trust';
import { startSimulatedSite } from '../electron/core/client/simulated-program';
import { runLoopbackHost } from '../electron/host/index';
import type { LoopbackHost } from '../electron/host/loopback-server';
import { installFakeSnowball, type FakeSnowball } from '../tests/helpers/fake-snowball';

export const launcher = process.env.COMPANION_E2E_LAUNCHER ?? 'browser';
if (launcher !== 'browser' && launcher !== 'electron') {
  throw new Error(`COMPANION_E2E_LAUNCHER must be "browser" or "electron", not "${launcher}".`);
}
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The running app, whichever way it was launched. */
export interface RunningApp {
  /** Where settings and the audit log go; its parent holds the specs' folders. */
  dataDir: string;
  emulator: Emulator;
  /**
   * The clipboard of the app's main process: the person's under Electron; in browser mode the host's own,
   * which the window must not use for the code (it copies to the page's clipboard: the `clipboard` fixture).
   */
  mainClipboard: { readText(): Promise<string> };
  /** The loopback host (browser mode only: tickets, sessions and origin checks). */
  host: LoopbackHost | null;
  /** The app's own window under Electron. */
  window: Page | null;
}

export interface Folders {
  /** Stands for the USB stick (the manifest's place). */
  usb: string;
  /** Stands for the laptop's own folder (the code's place). */
  laptop: string;
}

/** The stand-in Snowball client on the app's PATH, and a listener standing in for the device's 9091. */
export interface FakeSite {
  client: FakeSnowball;
  devicePort: number;
  /** What the shell showed the person before a client file first ran (the spec answers yes). */
  asked: ClientFacts[];
}

interface Fixtures {
  /**
   * Profiles' AWS calls (IAM Identity Center sign-in, role credentials, STS, Snowball) go to the emulator
   * through AWS_ENDPOINT_URL, as the SDK honours it. Under Electron it is in the app's environment; in
   * browser mode the host runs in this process, and the SDK (fromSSO) reads HOME and the AWS files from
   * this process's environment, so they point at the app's for the spec and are put back after it.
   */
  emulatedAws: boolean;
  /** Extra environment for the stand-in client: the variant of a real client and device to play. */
  clientEnv: Record<string, string>;
  /** Extra environment for the app (e.g. AWS_PROFILE); set with test.use({ appEnv: … }). */
  appEnv: Record<string, string>;
  cspGuard: undefined;
  /** The clipboard the person pastes from: main's under Electron, the page's in browser mode. */
  clipboard: { readText(): Promise<string> };
  site: FakeSite;
  app: RunningApp;
  emulator: Emulator;
  folders: Folders;
  openApp: () => Promise<void>;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  emulatedAws: [false, { option: true }],
  clientEnv: [{}, { option: true }],
  appEnv: [{}, { option: true }],
  // Every spec, automatically: the strict CSP and the page must agree on every screen the spec visits.
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(undefined);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  site: async ({}, use) => {
    const client = installFakeSnowball(mkdtempSync(path.join(tmpdir(), 'companion-e2e-client-')));
    // The device's management endpoint: it answers HTTP, as the app's connection check asks it to.
    const device = createServer((_request, response) => response.end('{}'));
    await new Promise<void>((resolve) => device.listen(0, '127.0.0.1', resolve));
    await use({ client, devicePort: (device.address() as net.AddressInfo).port, asked: [] });
    await new Promise((resolve) => device.close(resolve));
    rmSync(client.root, { recursive: true, force: true });
  },
  // `browser`: launched before this process's environment changes (emulatedAws), so it never inherits it.
  app: async ({ site, emulatedAws, clientEnv, appEnv, browser: _browser }, use) => {
    const root = mkdtempSync(path.join(tmpdir(), 'companion-e2e-'));
    const dataDir = path.join(root, 'data');
    // No AWS files and no instance metadata: the machine's own credentials never enter a test.
    const awsFiles = {
      HOME: root,
      AWS_CONFIG_FILE: path.join(root, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const env = {
      // The stand-in client on PATH: one status check in each state, then UNLOCKED.
      ...site.client.env({
        FAKE_SNOWBALL_LOCKED_POLLS: '1',
        FAKE_SNOWBALL_UNLOCKING_POLLS: '1',
        ...clientEnv,
      }),
      ...awsFiles,
      ...appEnv,
    };
    // Temporary folders count as shared places by default; the specs choose their own folders.
    const knobs = {
      clipboardMs: 4000,
      launcher: { pollIntervalMs: 250, probePort: site.devicePort, probeTimeoutMs: 1500 },
    };
    if (launcher === 'electron') {
      const emulator = await start({ seed: 'e2e' });
      const electronApp: ElectronApplication = await _electron.launch({
        cwd: projectRoot,
        args: ['.', `--user-data-dir=${dataDir}`],
        env: {
          ...(process.env as Record<string, string>),
          ...env,
          ...(emulatedAws ? { AWS_ENDPOINT_URL: emulator.url } : {}),
          COMPANION_E2E_CONFIG: JSON.stringify({
            ...knobs,
            demoEndpoint: emulator.url,
            sharedRoots: [],
            approveClients: true,
          }),
        },
      });
      const window = await electronApp.firstWindow();
      await use({
        dataDir,
        emulator,
        mainClipboard: { readText: () => electronApp.evaluate(({ clipboard }) => clipboard.readText()) },
        host: null,
        window,
      });
      await electronApp.close();
      await emulator.stop();
    } else {
      const running = await runLoopbackHost({
        dataDir,
        env,
        demo: { seed: 'e2e' },
        separationEnv: { platform: process.platform, sharedRoots: [] },
        ...knobs,
        // The spec stands in for the person at the shell's question about a client file.
        askToRunClient: async (facts) => {
          site.asked.push(facts);
          return true;
        },
        // The demo's simulated devices unlock in seconds here; their S3 adapters start 8 s later, long
        // enough for a spec to see one not started yet.
        simulatedSite: () =>
          startSimulatedSite({ unlockMs: 2500, staggerMs: 700, s3StartMs: 8000, now: () => Date.now() }),
      });
      const emulator = await running.demo.emulator();
      const aws = { ...awsFiles, AWS_ENDPOINT_URL: emulator.url };
      const saved = Object.fromEntries(Object.keys(aws).map((key) => [key, process.env[key]]));
      if (emulatedAws) Object.assign(process.env, aws);
      await use({ dataDir, emulator, mainClipboard: running.clipboard, host: running.host, window: null });
      for (const [key, value] of Object.entries(emulatedAws ? saved : {})) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
      await running.stop();
    }
    rmSync(root, { recursive: true, force: true });
  },
  // Under Electron the page is the app's own window (Playwright still opens its browser, unused). In a
  // browser the page may write and read its own clipboard, as a person's browser lets the app's tab.
  page: async ({ page, app }, use) => {
    if (app.host) {
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    }
    await use(app.window ?? page);
  },
  clipboard: async ({ page, app }, use) => {
    await use(
      app.host ? { readText: () => page.evaluate(() => navigator.clipboard.readText()) } : app.mainClipboard,
    );
  },
  emulator: async ({ app }, use) => {
    await use(app.emulator);
  },
  folders: async ({ app }, use) => {
    const usb = path.join(path.dirname(app.dataDir), 'usb-stick');
    const laptop = path.join(path.dirname(app.dataDir), 'laptop');
    mkdirSync(usb, { mode: 0o700 });
    mkdirSync(laptop, { mode: 0o700 });
    await use({ usb, laptop });
  },
  openApp: async ({ page, app }, use) => {
    await use(async () => {
      // Under Electron the window already shows the app; a reload starts each spec from its first page.
      // In browser mode the first opening is a fresh address with its own one-time ticket; opened again,
      // it is a restart of the window (a reload: the page keeps its session for the tab).
      if (app.host && !page.url().startsWith(app.host.origin)) await page.goto(app.host.ticketUrl());
      else await page.reload();
    });
  },
  shot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      // Every screen the suite visits, for people to look at (test-results/screenshots).
      await page.screenshot({
        path: path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`),
        fullPage: true,
      });
    });
  },
});

/** Connects the demo account from the Connect page and waits for the job list. */
export async function connectDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use the demo account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeVisible();
  await expect(page.getByText(/devices? delivered and ready to unlock/)).toBeVisible({ timeout: 15_000 });
}

/** Presses Tab until the target has focus, proving it can be reached from the keyboard. */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${target.toString()} with the Tab key`);
}

export { expect };
