/**
 * Browser mode's address is a one-time ticket, not a lasting key: opened through the launcher file (as
 * `npm start` does, so the address is on no command line), it leaves the address bar at once, is
 * exchanged once for a session the page keeps to itself and sends in a header with every call and the
 * event stream, and opens nothing a second time. No cookie is set.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Request } from '@playwright/test';
import { writeLauncherFile } from '../electron/host/browser-launcher';
import { connectDemo, expect, test } from './fixtures';

const refused = /^The local service refused this page/;

test.beforeEach(({ app }) => {
  test.skip(app.host === null, 'Only browser mode has an address to open: under Electron there is none.');
});

test('opened through the launcher file, the ticket leaves the address bar and only the exchange carries it', async ({
  page,
  app,
}) => {
  const host = app.host!;
  const file = await writeLauncherFile(app.dataDir, host.ticketUrl());
  const ticket = /#ticket=([\w-]+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  expect(ticket).toHaveLength(43);
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));

  await page.goto(pathToFileURL(file).href);
  await expect(page.getByRole('button', { name: 'Use the demo account' })).toBeVisible();
  expect(page.url()).toBe(`${host.origin}/`);
  await connectDemo(page);

  const session = await page.evaluate(() => sessionStorage.getItem('companion-session'));
  expect(session).toMatch(/^[\w-]{43}$/);
  const toHost = requests.filter((r) => r.url().startsWith(host.origin));
  const withTicket = await Promise.all(
    toHost.map(async (r) => ((await r.allHeaders())['x-companion-ticket'] === ticket ? r : null)),
  );
  expect(withTicket.filter(Boolean).map((r) => `${r!.method()} ${new URL(r!.url()).pathname}`)).toEqual([
    'POST /session',
  ]);
  // Every call and the event stream carry the page's session, in a header; nothing carries a cookie.
  const calls = toHost.filter((r) => /^\/(ipc\/|events$)/.test(new URL(r.url()).pathname));
  expect(calls.some((r) => new URL(r.url()).pathname === '/events')).toBe(true);
  for (const call of calls) {
    const headers = await call.allHeaders();
    expect(headers['x-companion-session'], call.url()).toBe(session);
    expect(headers.cookie, call.url()).toBeUndefined();
  }
  expect(await page.context().cookies()).toEqual([]);
});

test('a reload keeps the page’s session; the spent address opens nothing elsewhere', async ({
  page,
  app,
  browser,
}) => {
  const address = app.host!.ticketUrl();
  await page.goto(address);
  await expect(page.getByRole('button', { name: 'Use the demo account' })).toBeVisible();
  await page.reload();
  await connectDemo(page);

  // The same address from the history, in another browser profile: the ticket is spent.
  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    await stranger.goto(address);
    await expect(stranger.getByTestId('error-message')).toHaveText(refused);
    await expect(stranger.getByRole('button', { name: 'Use the demo account' })).toHaveCount(0);
  } finally {
    await other.close();
  }
});
