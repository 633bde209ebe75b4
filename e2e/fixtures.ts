/**
 * The e2e fixture: specs are written against the page; this file chooses how the page is launched.
 * `browser` (default): the loopback host over the built app, opened in Chromium. The host runs in this
 * process, so specs can also reach the demo account's emulator (faults, job states) and the app's
 * clipboard. The release workflow adds an `electron` launcher (Playwright's `_electron.launch`) for the
 * same specs.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { Emulator } from '../emulator';
import { runLoopbackHost, type RunningHost } from '../electron/host/index';
import { installFakeSnowball, type FakeSnowball } from '../tests/helpers/fake-snowball';

const launcher = process.env.COMPANION_E2E_LAUNCHER ?? 'browser';
if (launcher !== 'browser') {
  throw new Error(`COMPANION_E2E_LAUNCHER=${launcher} is not available in this checkout; use "browser".`);
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
}

interface Fixtures {
  cspGuard: undefined;
  site: FakeSite;
  app: RunningHost;
  emulator: Emulator;
  folders: Folders;
  openApp: () => Promise<void>;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
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
    const device = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => device.listen(0, '127.0.0.1', resolve));
    await use({ client, devicePort: (device.address() as net.AddressInfo).port });
    await new Promise((resolve) => device.close(resolve));
    rmSync(client.root, { recursive: true, force: true });
  },
  app: async ({ site }, use) => {
    const root = mkdtempSync(path.join(tmpdir(), 'companion-e2e-'));
    const dataDir = path.join(root, 'data');
    // No AWS files and no instance metadata: the machine's own credentials never enter a test.
    const env = {
      // The stand-in client on PATH: one status check in each state, then UNLOCKED.
      ...site.client.env({ FAKE_SNOWBALL_LOCKED_POLLS: '1', FAKE_SNOWBALL_UNLOCKING_POLLS: '1' }),
      HOME: root,
      AWS_CONFIG_FILE: path.join(root, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const app = await runLoopbackHost({
      dataDir,
      env,
      demo: { seed: 'e2e' },
      // Temporary folders count as shared places by default; the specs choose their own folders.
      separationEnv: { platform: process.platform, sharedRoots: [] },
      clipboardMs: 4000,
      launcher: { pollIntervalMs: 250, probePort: site.devicePort, probeTimeoutMs: 1500 },
    });
    await use(app);
    await app.stop();
    rmSync(root, { recursive: true, force: true });
  },
  emulator: async ({ app }, use) => {
    await use(await app.demo.emulator());
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
      await page.goto(app.host.url);
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
