/**
 * The e2e fixture: specs are written against the page; this file chooses how the page is launched.
 * `browser` (default): the loopback host over the built app, opened in Chromium.
 * The release workflow adds an `electron` launcher (Playwright's `_electron.launch`) for the same specs.
 */
import { test as base, expect } from '@playwright/test';
import { runLoopbackHost } from '../electron/host/index';
import type { LoopbackHost } from '../electron/host/loopback-server';

const launcher = process.env.COMPANION_E2E_LAUNCHER ?? 'browser';
if (launcher !== 'browser') {
  throw new Error(`COMPANION_E2E_LAUNCHER=${launcher} is not available in this checkout; use "browser".`);
}

export const test = base.extend<{ openApp: () => Promise<void> }, { host: LoopbackHost }>({
  host: [
    async ({}, use) => {
      const host = await runLoopbackHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  openApp: async ({ page, host }, use) => {
    await use(async () => {
      await page.goto(host.url);
    });
  },
});

export { expect };
