/**
 * The secret-hygiene gate's run (scripts/security/secret-hygiene.ts starts it with its own TMPDIR and
 * playwright.gates.config.ts). The whole receiving flow in the window, in a browser with a profile of its
 * own opened the way `npm start` opens it (the launcher file): temporary keys typed on the Connect page
 * (secret and session token), an IAM Identity Center profile signed in through its dialog (its tokens may
 * be in the shared SSO token cache only, its role credentials nowhere), then the demo account, the manifest, the unlock code saved to the one
 * file the person chooses, the stand-in client unlocking the device, then the device made ready for data
 * (its keys read, the secret shown and hidden, its certificate saved, the S3 adapter checked over HTTPS
 * with its keys; no profile written, so its secret key belongs nowhere). Then the browser is closed (so its
 * profile's History and Sessions are written) and everything the app, the loopback host, the client and
 * the browser left is searched: every file under TMPDIR (data dir, audit log, settings, downloads, the
 * client's files, the browser profile), what the page stored (localStorage, sessionStorage, IndexedDB,
 * Cache Storage, cookies), what the page showed, every line the client launcher sent to the window, and
 * the command line of every process the app started while the client unlocked (as another local user or
 * an audit tool reads /proc). The code may be in the chosen file only; the keys and the page's session
 * secret nowhere; the ticket that opened the page may be in the history only because it is spent.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import type { CompanionApi } from '../electron/contract';
import { writeLauncherFile } from '../electron/host/browser-launcher';
import { SESSION_PATH, TICKET_HEADER } from '../electron/loopback-wire';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { ADMIN_SECRET_HEADER, DEMO_SESSION_CREDENTIALS, SSO_SECRET_MARKERS } from '../emulator';
import { startFakeDevice } from '../tests/helpers/fake-snowball';
import { SSO_PROFILES } from '../tests/helpers/sso-profiles';
import {
  CODE_SHAPE,
  DEMO_SECRETS,
  scanFiles,
  secretsIn,
  walkFiles,
  type HygieneReport,
} from '../testkit/secret-scan';
import { available as procAvailable, watchProcesses } from '../tests/helpers/proc-watch';
import { connectDemo, expect, test } from './fixtures';

/**
 * Caches of the tools running this spec (its own compiled source imports the demo keys), and the device
 * the spec gives the stand-in client (`fixture-device.json`, its keys): not app output.
 */
const TOOL_CACHES = /^(tsx-|playwright-transform-cache|\.?v8-compile-cache|fixture-)/;

// AWS is the emulator (AWS_ENDPOINT_URL and the app's own AWS files in this worker's environment, for
// this spec only): the typed keys and the IAM Identity Center sign-in go there, as to a real endpoint.
test.use({ emulatedAws: true });

test('the receiving flow leaves the unlock code only in the chosen file, and no key or session anywhere', async ({
  app,
  emulator,
  folders,
  site,
}) => {
  test.setTimeout(150_000);
  test.skip(app.host === null, 'The browser profile is browser mode’s: under Electron there is none.');
  const host = app.host!;
  // The browser of a person: a profile of its own under this run's TMPDIR, searched after it closes.
  const profile = mkdtempSync(path.join(tmpdir(), 'companion-browser-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const shown: string[] = [];
  const snapshot = async () => shown.push(await page.locator('body').innerText());

  // Opened as `npm start` opens it: a launcher file forwarding to a one-time ticket.
  const launcher = await writeLauncherFile(app.dataDir, host.ticketUrl());
  const ticket = /#ticket=([\w-]+)/.exec(readFileSync(launcher, 'utf8'))?.[1] ?? '';

  // Temporary keys typed into the window, against the emulator (as a real endpoint would be).
  const awsHome = path.dirname(app.dataDir);
  writeFileSync(path.join(awsHome, 'aws-config'), SSO_PROFILES);
  await page.goto(pathToFileURL(launcher).href);
  await page.getByLabel('Access key ID').fill(DEMO_SESSION_CREDENTIALS.accessKeyId);
  await page.getByLabel('Secret access key').fill(DEMO_SESSION_CREDENTIALS.secretAccessKey);
  await page.getByLabel('Session token').fill(DEMO_SESSION_CREDENTIALS.sessionToken);
  await page.getByRole('button', { name: 'Connect with these keys' }).click();
  await expect(page.getByText(/devices? delivered and ready to unlock/)).toBeVisible({ timeout: 15_000 });
  await snapshot();
  await page.getByRole('link', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connected-as')).toContainText('assumed-role/SnowballOperator/demo-session');
  await snapshot();
  await page.getByRole('button', { name: 'Disconnect' }).click();

  // An IAM Identity Center profile: signed in through the dialog, the person approving in the browser
  // (the emulator's admin route stands in for the verification page).
  await page.getByRole('radio', { name: 'Profile site-sso' }).check();
  await page.getByRole('button', { name: 'Sign in with IAM Identity Center' }).click();
  const userCode = page.getByTestId('sso-user-code');
  await expect(userCode).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/, { timeout: 10_000 });
  await snapshot();
  const approved = await fetch(`${emulator.url}/__admin/sso/sign-ins/${await userCode.innerText()}/approve`, {
    method: 'POST',
    headers: { [ADMIN_SECRET_HEADER]: emulator.adminSecret },
  });
  expect(approved.status).toBe(200);
  await expect(page.getByText(/devices? delivered and ready to unlock/)).toBeVisible({ timeout: 15_000 });
  await snapshot();
  await page.getByRole('link', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connected-as')).toContainText(
    'assumed-role/AWSReservedSSO_SnowballOperator_',
  );
  await snapshot();
  await page.getByRole('button', { name: 'Disconnect' }).click();

  // The demo account and the whole wizard.
  await connectDemo(page);
  const jobId = emulator.demo.jobs.warehouse3!;
  const { unlockCode } = await emulator.jobSecrets(jobId);
  await page.getByRole('radio', { name: /Warehouse 3 camera archive/ }).check();
  await page.getByRole('button', { name: 'Receive this device' }).click();
  await page.getByRole('button', { name: 'Mark as received' }).click();
  await expect(page.getByText('Marked as received', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Folder for the manifest').fill(folders.usb);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  await snapshot();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Get the unlock code' }).click();
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(page.getByTestId('unlock-code')).toHaveText(unlockCode);
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByTestId('unlock-code')).not.toContainText(unlockCode);
  await page.getByRole('button', { name: 'Copy' }).click();
  const codeFile = path.join(folders.laptop, 'unlock-code.txt');
  await page.getByRole('radio', { name: /In a file/ }).check();
  await page.getByLabel('File for the unlock code').fill(codeFile);
  await page.getByText('I understand, and want to keep the code here anyway').click();
  await page.getByRole('button', { name: 'Save the code to this file' }).click();
  await expect(page.getByText(`Saved to ${codeFile}.`)).toBeVisible();
  await snapshot();
  await page.getByRole('button', { name: 'Next' }).click();

  // Everything the client launcher sends to the window, as the window receives it.
  await page.evaluate(() => {
    const seen: unknown[] = [];
    const w = window as unknown as { __clientLines: unknown[]; companion: CompanionApi };
    w.__clientLines = seen;
    w.companion.on('unlockOutput', (line) => seen.push(line));
    w.companion.on('unlockStatus', (status) => seen.push(status));
  });
  await page.getByLabel('Device IP address').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Check the connection' }).click();
  await expect(page.getByTestId('probe-message')).toContainText('answers');
  // The stand-in client on PATH (a file the person vouches for), not the demo's simulated one.
  await page.getByRole('radio', { name: /^snowballEdge \(not confirmed yet\)/ }).check();
  await page.getByRole('button', { name: 'Confirm this client' }).click();
  await expect(page.getByTestId('client-trust')).toContainText('Confirmed by you');
  await page.getByRole('button', { name: 'Next' }).click();
  // Every process the app starts while the client unlocks (and theirs): its command line, as any local
  // user can read it.
  const watch = procAvailable ? watchProcesses(() => true, { descendantsOf: process.pid }) : null;
  await page.getByRole('button', { name: 'Unlock the device' }).click();
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  await snapshot();
  const clientLines = await page.evaluate(
    () => (window as unknown as { __clientLines: unknown[] }).__clientLines,
  );

  // Ready for data: the device (as the stand-in plays it) with a real HTTPS S3 adapter on 127.0.0.1.
  const device = await startFakeDevice(site.client);
  const deviceKeys = device.keys;
  await page.getByRole('button', { name: 'Next: ready for data' }).click();
  await page.getByRole('button', { name: 'Read the device' }).click();
  await expect(page.getByTestId('access-key-id')).toHaveText(deviceKeys.accessKeyId);
  await page.getByRole('button', { name: 'Show the secret access key' }).click();
  await expect(page.getByTestId('secret-key')).toHaveText(deviceKeys.secretAccessKey);
  // Shown on request only: the one text that may hold it, and the search's proof that it can see it.
  const revealed = await page.locator('body').innerText();
  await page.getByRole('button', { name: 'Hide the secret access key' }).click();
  await expect(page.getByTestId('secret-key')).not.toHaveText(deviceKeys.secretAccessKey);
  await page.getByLabel('Save the certificate as').fill(path.join(folders.laptop, 'device.pem'));
  await page.getByRole('button', { name: 'Save the certificate' }).click();
  await expect(page.getByTestId('certificate-saved')).toBeVisible();
  await page.getByRole('button', { name: 'Check the S3 adapter' }).click();
  await expect(page.getByText('The S3 adapter answers', { exact: true })).toBeVisible({ timeout: 15_000 });
  const processes = watch?.stop() ?? [];
  await device.stop();
  await snapshot();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Activity for this job')).toBeVisible();
  await snapshot();

  // What the page stored.
  const stored = {
    state: await page.context().storageState({ indexedDB: true }),
    cookies: await page.context().cookies(),
    page: await page.evaluate(async () => ({
      // Less the page's own session, which it keeps there by design (and nowhere else, as searched below).
      sessionStorage: JSON.stringify({ ...sessionStorage, 'companion-session': undefined }),
      localStorage: JSON.stringify({ ...localStorage }),
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      caches: 'caches' in window ? await caches.keys() : [],
    })),
  };
  const storage = [`${stored.cookies.length} cookies`, `${stored.state.origins.length} origins with storage`];
  const session = await page.evaluate(() => sessionStorage.getItem('companion-session'));
  const addressBar = page.url();
  // Closed, so the profile's History, Sessions and the rest are on disk for the search below.
  await browser.close();

  const secrets = [
    ...DEMO_SECRETS,
    // No profile was written: the device's secret key belongs in no file at all.
    { what: 'the device’s secret key', value: deviceKeys.secretAccessKey },
    { what: 'unlock code', value: unlockCode },
    { what: 'browser mode’s session secret', value: session ?? '' },
  ];
  const findings: string[] = [];
  const inText = (where: string, text: string) => {
    for (const what of secretsIn(text, secrets)) findings.push(`${what} in ${where}`);
    if (CODE_SHAPE.test(text)) findings.push(`something shaped like an unlock code in ${where}`);
  };
  inText('the page’s storage', JSON.stringify(stored));
  shown.forEach((text, i) => inText(`the page’s text (snapshot ${i + 1})`, text));
  inText('the client launcher’s lines to the window', JSON.stringify(clientLines));
  if (!session) findings.push('the page had no session: the search for it would find nothing');
  if (secretsIn(revealed, secrets).length === 0)
    findings.push('the search did not see the device’s secret key where the page showed it on request');
  if (addressBar.includes(ticket)) findings.push(`the ticket stayed in the address bar: ${addressBar}`);
  // The ticket may be in the browser's history: it must be spent (worth nothing) by now.
  const again = await fetch(host.origin + SESSION_PATH, {
    method: 'POST',
    headers: { origin: host.origin, [TICKET_HEADER]: ticket },
  });
  if (again.status !== 403)
    findings.push(`the ticket that opened the page still opens a session (${again.status})`);
  for (const child of processes)
    inText(`the command line of process ${child.pid} (${child.cmdline.slice(0, 60)})`, child.cmdline);
  const clientProcesses = processes.filter((p) => /fake-snowball|snowballEdge/.test(p.cmdline)).length;
  // The scan must have seen the client's commands, or it proves nothing.
  if (procAvailable && clientProcesses < 2)
    findings.push(`only ${clientProcesses} client processes were seen`);

  // Every file written under this run's TMPDIR: the app's data dir, the folders, the client, the browser.
  const files = walkFiles(tmpdir(), (name) => TOOL_CACHES.test(name));
  findings.push(...scanFiles(files, { secrets, codeAllowedIn: (file) => file === codeFile }));
  const filesWithTheCode = files.filter((f) => readFileSync(f).toString('latin1').includes(unlockCode));
  // The profile's history holds the (spent) ticket: proof the search reads what the browser wrote.
  const historyWithTheTicket = files.filter(
    (f) => f.startsWith(profile) && readFileSync(f).toString('latin1').includes(ticket),
  );
  if (!historyWithTheTicket.some((f) => path.basename(f) === 'History'))
    findings.push(
      'the browser profile’s History does not show the address: the profile was not searched as written',
    );
  // The sign-in is kept where the AWS CLI keeps it: the search must have read that file and seen the token.
  const ssoCache = files.filter((f) => f.startsWith(path.join(awsHome, '.aws', 'sso', 'cache')));
  if (!ssoCache.some((f) => readFileSync(f, 'utf8').includes(SSO_SECRET_MARKERS.accessToken)))
    findings.push('the SSO token cache was not among the files searched, or held no access token');
  // The scan must see the code where it is: otherwise it would see nothing anywhere.
  if (filesWithTheCode.length !== 1 || filesWithTheCode[0] !== codeFile)
    findings.push(
      `the code was expected in exactly ${codeFile}, found in: ${filesWithTheCode.join(', ') || 'none'}`,
    );

  const byFolder: Record<string, number> = {};
  for (const file of files) {
    const top = path.relative(tmpdir(), file).split(path.sep)[0] ?? '';
    const name = top.replace(/[-_][A-Za-z0-9]{6,}$/, '-*');
    byFolder[name] = (byFolder[name] ?? 0) + 1;
  }
  const report: HygieneReport = {
    files: files.length,
    profileFiles: files.filter((f) => f.startsWith(profile)).length,
    folders: byFolder,
    skipped: readdirSync(tmpdir()).filter((name) => TOOL_CACHES.test(name)),
    filesWithTheCode,
    storage,
    texts: shown.length,
    events: Array.isArray(clientLines) ? clientLines.length : 0,
    processes: processes.length,
    clientProcesses,
    findings,
  };
  const out = process.env.COMPANION_HYGIENE_REPORT;
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
  expect(findings).toEqual([]);
});
