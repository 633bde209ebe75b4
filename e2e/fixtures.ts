/**
 * The e2e fixture: specs are written against the page; this file chooses how the page is launched.
 * `browser` (default): the loopback host over the built app, opened in Chromium. The host runs in this
 * process, so specs can also reach the demo account's emulator (faults, clock) and the app's clipboard.
 * The release workflow adds an `electron` launcher (Playwright's `_electron.launch`) for the same specs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { runLoopbackHost, type RunningHost } from '../electron/host/index';

const launcher = process.env.COMPANION_E2E_LAUNCHER ?? 'browser';
if (launcher !== 'browser') {
  throw new Error(`COMPANION_E2E_LAUNCHER=${launcher} is not available in this checkout; use "browser".`);
}

export const test = base.extend<{ app: RunningHost; openApp: () => Promise<void> }>({
  app: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-e2e-data-'));
    const app = await runLoopbackHost({ dataDir, demo: { seed: 'e2e' } });
    await use(app);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  openApp: async ({ page, app }, use) => {
    await use(async () => {
      await page.goto(app.host.url);
    });
  },
});

export { expect };
