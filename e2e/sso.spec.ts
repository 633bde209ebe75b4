/**
 * Signing in with IAM Identity Center through the window: the Connect page lists SSO profiles pointed at
 * the emulator, the person clicks to sign in, compares the code, and this spec approves (or denies) the
 * sign-in through the emulator's admin route, standing in for the verification page in the browser. The
 * app then connects with the role credentials the emulator issued and lists the jobs. Nothing of the
 * sign-in's secrets may reach the page, its storage, or any file but the shared SSO token cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN_SECRET_HEADER, SSO_SECRET_MARKERS, type Emulator, type SignInView } from '../emulator';
import { DEMO_SECRETS, scanFiles, secretsIn, walkFiles } from '../testkit/secret-scan';
import { SSO_PROFILES, SSO_SESSION } from '../tests/helpers/sso-profiles';
import { expectAccessible } from './axe';
import { expect, test as base, type RunningApp } from './fixtures';

/** Opens the app with the SSO profiles in its config file and starts signing in with a profile. */
const test = base.extend<{ openAndSignIn: (profile: string) => Promise<void> }>({
  openAndSignIn: async ({ page, app, openApp }, use) => {
    await use(async (profile) => {
      writeFileSync(path.join(homeOf(app), 'aws-config'), SSO_PROFILES);
      await openApp();
      await signIn(page, profile);
    });
  },
});

test.use({ emulatedAws: true, viewport: { width: 1366, height: 768 } });

/** axe runs over the whole window at each step of the sign-in (dialog open or not). */

test.describe.configure({ timeout: 60_000 });

const homeOf = (app: RunningApp) => path.dirname(app.dataDir);

/** The Connect page through the top bar's connection button (the side navigation may be collapsed). */
async function backToConnect(page: Page) {
  await page.getByRole('button', { name: /^Connected as / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connect' })).toBeVisible();
}

/** Chooses the profile on the Connect page and starts signing in with it. */
async function signIn(page: Page, profile: string) {
  await page.getByRole('radio', { name: `Profile ${profile}` }).check();
  await page.getByRole('button', { name: 'Sign in with IAM Identity Center' }).click();
}

const cacheFile = (app: RunningApp) =>
  path.join(
    homeOf(app),
    '.aws',
    'sso',
    'cache',
    `${createHash('sha1').update(SSO_SESSION).digest('hex')}.json`,
  );

/** The emulator's IAM Identity Center admin routes, with this launch's admin secret. */
function ssoAdmin(
  emulator: Emulator,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${emulator.url}/__admin/sso/${route}`, {
    method,
    headers: { [ADMIN_SECRET_HEADER]: emulator.adminSecret, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** What the person does on the verification page, through the emulator's admin route. */
async function onVerificationPage(emulator: Emulator, userCode: string, choice: 'approve' | 'deny') {
  expect((await ssoAdmin(emulator, 'POST', `sign-ins/${userCode}/${choice}`)).status).toBe(200);
}

async function signInsOf(emulator: Emulator): Promise<SignInView[]> {
  const res = await ssoAdmin(emulator, 'GET', 'sign-ins');
  return ((await res.json()) as { signIns: SignInView[] }).signIns;
}

/** The code the dialog shows, once it shows one; it must be the one the verification page shows. */
async function codeShown(page: Page, emulator: Emulator): Promise<string> {
  const code = page.getByTestId('sso-user-code');
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/, { timeout: 10_000 });
  const shown = await code.innerText();
  const waiting = (await signInsOf(emulator)).filter((s) => s.state === 'pending');
  expect(waiting.map((s) => s.userCode)).toContain(shown);
  return shown;
}

function expectNoSsoSecrets(text: string, where: string) {
  const ssoSecrets = DEMO_SECRETS.filter((s) => Object.values<string>(SSO_SECRET_MARKERS).includes(s.value));
  expect(secretsIn(text, ssoSecrets), where).toEqual([]);
}

test('signs in with the profile’s own account and role, connects, and lists the jobs', async ({
  page,
  app,
  emulator,
  openAndSignIn,
  shot,
}) => {
  const shown: string[] = [];
  await openAndSignIn('site-sso');

  const dialog = page.getByRole('dialog');
  const code = await codeShown(page, emulator);
  await expect(page.getByTestId('sso-code')).toBeFocused();
  await expect(dialog.getByRole('link', { name: /Open the sign-in page/ })).toHaveAttribute(
    'href',
    `https://device.sso.us-east-1.amazonaws.com/?user_code=${code}`,
  );
  await expect(page.getByTestId('sso-code-expiry')).toHaveText(/^(9|10) min/);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await shot('sso-01-compare-the-code');
  await expectAccessible(page, 'sign in: compare the code');
  shown.push(await page.locator('body').innerText());

  await onVerificationPage(emulator, code, 'approve');
  await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText(/devices? delivered and ready to unlock/)).toBeVisible({ timeout: 15_000 });
  shown.push(await page.locator('body').innerText());
  // The jobs came with the role credentials the emulator's Identity Center issued.
  expect(emulator.requests({ operation: 'GetRoleCredentials' })).toHaveLength(1);
  expect(emulator.requests({ operation: 'ListJobs' }).every((r) => r.status === 200)).toBe(true);

  await backToConnect(page);
  await expect(page.getByTestId('connected-as')).toContainText(
    ':111122223333:assumed-role/AWSReservedSSO_SnowballOperator_',
  );
  await expect(page.getByTestId('sso-connection')).toHaveText(
    'Through IAM Identity Center (https://snowball-demo.awsapps.com/start): account 111122223333, role SnowballOperator.',
  );
  await shot('sso-02-connected');
  await expectAccessible(page, 'connected through IAM Identity Center');
  shown.push(await page.locator('body').innerText());

  // The sign-in is in the shared cache, as the AWS CLI keeps it: 0600, its file name and its fields.
  const file = cacheFile(app);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  expect(saved).toMatchObject({ startUrl: 'https://snowball-demo.awsapps.com/start', region: 'us-east-1' });
  expect(saved.refreshToken?.startsWith(SSO_SECRET_MARKERS.refreshToken)).toBe(true);

  // An hour later the token has expired: signing in again refreshes it without asking the person.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  writeFileSync(file, JSON.stringify({ ...saved, expiresAt: new Date(Date.now() - 60_000).toISOString() }));
  const devices = emulator.requests({ operation: 'StartDeviceAuthorization' }).length;
  await signIn(page, 'site-sso');
  await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeVisible({
    timeout: 15_000,
  });
  expect(emulator.requests({ operation: 'StartDeviceAuthorization' })).toHaveLength(devices);
  const renewed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  expect(renewed.accessToken).not.toBe(saved.accessToken);
  expect(Date.parse(renewed.expiresAt ?? '')).toBeGreaterThan(Date.now());

  // Nowhere but the cache: not the page, not its storage, not the app's files (settings, audit log).
  for (const [index, text] of shown.entries()) expectNoSsoSecrets(text, `page text ${index}`);
  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  expectNoSsoSecrets(storage, 'the page storage');
  const files = walkFiles(homeOf(app));
  expect(files).toContain(file);
  expect(scanFiles(files, { secrets: DEMO_SECRETS, codeAllowedIn: () => false })).toEqual([]);
  const audit = readFileSync(path.join(app.dataDir, 'audit.jsonl'), 'utf8');
  expect(audit).toContain(
    '"action":"sso-sign-in","outcome":"ok","detail":"profile site-sso: approved in the browser"',
  );
  expect(audit).toContain('profile site-sso: sign-in refreshed');
});

test('a denied sign-in says so; signing in again and choosing the account and role connects', async ({
  page,
  emulator,
  openAndSignIn,
  shot,
}) => {
  await openAndSignIn('chooser');
  await onVerificationPage(emulator, await codeShown(page, emulator), 'deny');
  await expect(page.getByTestId('sso-ended')).toHaveText(/refused on the verification page/, {
    timeout: 10_000,
  });
  const again = page.getByRole('button', { name: 'Sign in again' });
  await expect(again).toBeFocused();
  await shot('sso-03-denied');
  await expectAccessible(page, 'sign in: denied');

  await again.click();
  const code = await codeShown(page, emulator);
  // The person is slow to approve and the app polls in the meantime: the service asks it to slow down.
  expect((await ssoAdmin(emulator, 'POST', `sign-ins/${code}/slow-down`, { count: 1 })).status).toBe(200);
  await expect
    .poll(async () => (await signInsOf(emulator)).find((s) => s.userCode === code)?.intervalSeconds, {
      timeout: 10_000,
    })
    .toBe(6);
  await onVerificationPage(emulator, code, 'approve');

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Signed in. Choose the account and role to use.')).toBeVisible({
    timeout: 15_000,
  });
  await dialog.getByRole('button', { name: /AWS account/ }).click();
  await dialog.getByRole('option', { name: /Logistics sandbox/ }).click();
  await expect(dialog.getByRole('button', { name: /Role/ })).toContainText('SnowballOperator');
  await shot('sso-04-choose-account-and-role');
  await expectAccessible(page, 'sign in: choose the account and role');
  await dialog.getByRole('button', { name: 'Connect' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeVisible({
    timeout: 15_000,
  });
  await backToConnect(page);
  await expect(page.getByTestId('sso-connection')).toHaveText(
    'Through IAM Identity Center (https://snowball-demo.awsapps.com/start): account Logistics sandbox (444455556666), role SnowballOperator.',
  );
  await expect(page.getByTestId('connected-as')).toContainText(':444455556666:assumed-role/');
});

test('Cancel stops the sign-in; an expired code says to sign in again', async ({
  page,
  emulator,
  openAndSignIn,
}) => {
  await openAndSignIn('site-sso');
  await codeShown(page, emulator);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // No more polling once cancelled.
  const polls = emulator.requests({ operation: 'CreateToken' }).length;
  await page.waitForTimeout(2500);
  expect(emulator.requests({ operation: 'CreateToken' })).toHaveLength(polls);

  await signIn(page, 'site-sso');
  await codeShown(page, emulator);
  emulator.advanceClock(600_000);
  await expect(page.getByTestId('sso-ended')).toHaveText(/code expired before the sign-in was approved/, {
    timeout: 10_000,
  });
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeFocused();
  await expectAccessible(page, 'sign in: the code expired');
});
