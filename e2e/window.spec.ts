/**
 * The window as a first-time person on site meets it: the jobs list readable on a laptop, words they can
 * act on, messages that go when fixed, focus that is never lost, and a copy that is never claimed when
 * it did not happen.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { connectDemo, expect, test } from './fixtures';
import { savedJob } from './unlock-helpers';

const WAREHOUSE = 'Warehouse 3 camera archive';

async function openWizard(page: Page): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(WAREHOUSE) }).check();
  await page.getByRole('button', { name: 'Receive this device' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Receipt/ })).toBeVisible();
}

/** On the Manifest step: the manifest saved into the folder. */
async function saveManifest(page: Page, folder: string): Promise<void> {
  await page.getByLabel('Folder for the manifest').fill(folder);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
}

/** From the jobs list to the unlock code, fetched and copied. */
async function copyTheCode(page: Page, folder: string): Promise<void> {
  await openWizard(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await saveManifest(page, folder);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Get the unlock code' }).click();
  await page.getByRole('button', { name: 'Copy' }).click();
}

const statuses = (page: Page) => page.locator('tbody tr td:nth-child(2) .sc-status').allInnerTexts();

test('the jobs list speaks the words it shows: product names, regions by name and code, full IDs to copy, search and filters in those words', async ({
  page,
  openApp,
  emulator,
  clipboard,
  app,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp();
  await connectDemo(page);
  const jobId = emulator.demo.jobs.warehouse3!;
  const row = page.getByRole('row', { name: new RegExp(WAREHOUSE) });
  // EDGE by its product name, the region by name and code, the whole job ID.
  await expect(row).toContainText('Snowball Edge Storage Optimized with EC2 compute');
  await expect(row).toContainText('US East (N. Virginia)');
  await expect(row).toContainText('us-east-1');
  expect((await row.locator('code').innerText()).replace(/\s/g, '')).toBe(jobId);
  if (app.host) {
    await row.getByRole('button', { name: `Copy job ID ${jobId}` }).click();
    await expect(row.getByText('Job ID copied')).toBeVisible();
    expect(await clipboard.readText()).toBe(jobId);
  }

  // "Delivered" finds the delivered jobs, and only them.
  const search = page.getByLabel('Find jobs');
  await search.fill('Delivered');
  await expect(page.locator('.sc-jobs__count')).toHaveText(/^\d+ match/);
  const found = await statuses(page);
  expect(found.length).toBeGreaterThan(0);
  expect(found.every((s) => s.startsWith('Delivered'))).toBe(true);
  // The product name finds the devices, the API code too (it is shown in the details).
  await search.fill('Snowcone');
  await expect(page.getByRole('row', { name: /Mining survey drone imagery/ })).toBeVisible();
  await search.fill('');

  // The filters offer the labels shown.
  await page.getByLabel('Status').selectOption('On its way to you');
  const onTheWay = await statuses(page);
  expect(onTheWay.length).toBeGreaterThan(0);
  expect(new Set(onTheWay)).toEqual(new Set(['On its way to you']));
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Region').selectOption({ label: 'Europe (Ireland) (eu-west-1)' });
  const regions = await page.locator('tbody tr td:nth-child(6)').allInnerTexts();
  expect(regions.every((r) => r.includes('eu-west-1'))).toBe(true);
  await page.getByLabel('Region').selectOption('');

  // The details of the selected job come into view beside the list, with the API codes.
  await row.click();
  const details = page.getByRole('region', { name: 'Job details' });
  await expect(details).toContainText('(API: EDGE');
  const box = await details.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
  expect(box!.y).toBeLessThan(768 - 120);
  await expectAccessible(page, 'jobs, filtered and selected');
});

test('at 1024 px the list fits without sideways scrolling, the navigation starts closed and stays as the person leaves it', async ({
  page,
  openApp,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp();
  await connectDemo(page);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  const open = page.getByRole('button', { name: 'Open the navigation' });
  await expect(open).toBeVisible();
  // The expiry warning is in view, not past the right edge.
  const expires = page.getByRole('columnheader', { name: /Code expires/ });
  const header = await expires.boundingBox();
  expect(header!.x + header!.width).toBeLessThanOrEqual(1024);
  await expect(page.getByText(/\d+ days? left/).first()).toBeInViewport();

  // Opened, it stays open through pages and an unlock-free visit to Activity, and after a restart.
  await open.click();
  await page.getByRole('link', { name: 'Activity', exact: true }).click();
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Close the navigation' })).toBeVisible();
  await openApp();
  await expect(page.getByRole('button', { name: 'Close the navigation' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Snowball Companion' })).toContainText(
    'Snowball Companion',
  );
});

test('a skip link reaches the jobs table', async ({ page, openApp }) => {
  await openApp();
  await connectDemo(page);
  // A person arriving at the window: the first Tab from the top.
  await openApp();
  await expect(page.getByRole('heading', { name: /^Jobs/ })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the jobs table' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#jobs-table')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Find jobs')).toBeFocused();
});

test('the regions searched: the shared US view explained, the choice remembered for the next start', async ({
  page,
  openApp,
}) => {
  await openApp();
  await connectDemo(page);
  await page.getByRole('button', { name: 'Regions searched (17)' }).click();
  await expect(page.getByText(/The US regions share one job list/)).toBeVisible();
  await page.getByRole('button', { name: /Regions to search/ }).click();
  await page
    .getByRole('listbox')
    .getByRole('option', { name: /^Europe \(Ireland\)/ })
    .click();
  await page.keyboard.press('Escape');
  await expect(page.getByText('in 16 regions searched.')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('Dublin office file shares')).toHaveCount(0);
  await openApp();
  await expect(page.getByRole('button', { name: 'Regions searched (16)' })).toBeVisible();
  await expect(page.getByText(WAREHOUSE)).toBeVisible();
  await expect(page.getByText('Dublin office file shares')).toHaveCount(0);
});

test('a step’s message goes the moment its condition is met, and focus is never lost', async ({
  page,
  openApp,
  folders,
}) => {
  await openApp();
  await connectDemo(page);
  await openWizard(page);
  await page.getByRole('button', { name: 'Mark as received' }).click();
  // The button is gone: focus is on what happened instead.
  await expect(page.locator(':focus')).toContainText('Marked as received');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Next' }).click();
  const needManifest = page.getByText('Download the manifest first', { exact: false });
  await expect(needManifest.first()).toBeVisible();
  await saveManifest(page, folders.usb);
  await expect(needManifest).toHaveCount(0);
  // Again into the same folder: it replaces the file it saved, and is no failure.
  await page.getByRole('button', { name: 'Download again (replaces the file saved here)' }).click();
  await expect(
    page.getByRole('button', { name: 'Download again (replaces the file saved here)' }),
  ).toBeEnabled();
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Get the unlock code first.').first()).toBeVisible();
  await page.getByRole('button', { name: 'Get the unlock code' }).click();
  await expect(page.getByRole('button', { name: 'Reveal' })).toBeFocused();
  await expect(page.getByText('Get the unlock code first.')).toHaveCount(0);
  const chooseWhere = page.getByText('Choose where the unlock code goes', { exact: false });
  await expect(chooseWhere.first()).toBeVisible();
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Unlock code kept', { exact: true })).toBeVisible();
  await expect(chooseWhere).toHaveCount(0);

  // The Activity page: the second download recorded as done, never as a failure.
  await page.getByRole('link', { name: 'Activity', exact: true }).click();
  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('cell', { name: 'Download the manifest' })).toHaveCount(2);
  await expect(page.getByRole('cell', { name: 'Failed' })).toHaveCount(0);
  await expect(page.getByText('1 job listing hidden.')).toBeVisible();
  await page.getByText('Show job listings').click();
  await expect(page.getByRole('cell', { name: 'List the jobs' })).toHaveCount(1);
});

test('the wizard has one Cancel, and asks before it is left mid-way', async ({ page, openApp, folders }) => {
  await openApp();
  await connectDemo(page);
  await openWizard(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await saveManifest(page, folders.usb);
  await expect(page.getByRole('button', { name: /cancel/i })).toHaveCount(1);

  // Leaving by the navigation asks; staying keeps everything.
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop receiving this device?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'leave the wizard?');
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  // The wizard's own Cancel asks the same.
  await page.getByRole('button', { name: 'Cancel receiving' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeFocused();
});

test('copy in browser mode goes through the page, and is left alone once something else was copied', async ({
  page,
  openApp,
  app,
  clipboard,
  emulator,
  folders,
}) => {
  test.skip(!app.host, 'Browser mode only: under Electron main copies to the desktop clipboard.');
  await openApp();
  await connectDemo(page);
  await copyTheCode(page, folders.usb);
  const { unlockCode } = await emulator.jobSecrets(emulator.demo.jobs.warehouse3!);
  expect(await clipboard.readText()).toBe(unlockCode);
  expect(await app.mainClipboard.readText()).toBe('');
  await page.evaluate(() => navigator.clipboard.writeText('a tracking number'));
  await expect(page.getByTestId('clipboard-status')).toHaveText(
    'You copied something else since, so the clipboard was left alone.',
    { timeout: 10_000 },
  );
  expect(await clipboard.readText()).toBe('a tracking number');
});

test('where the page may not read its clipboard back, it says so instead of claiming it cleared', async ({
  page,
  openApp,
  app,
  folders,
}) => {
  test.skip(!app.host, 'Browser mode only.');
  await openApp();
  await page.context().clearPermissions();
  await page.context().grantPermissions(['clipboard-write'], { origin: app.host!.origin });
  await connectDemo(page);
  await copyTheCode(page, folders.usb);
  await expect(page.getByTestId('clipboard-status')).toContainText('The clipboard is cleared in');
  await expect(page.getByTestId('clipboard-status')).toContainText(
    'did not let the page read its clipboard back',
    {
      timeout: 10_000,
    },
  );
  await expect(page.getByText('The clipboard was cleared.')).toHaveCount(0);
});

test('keys that are not keys are marked at their fields in a person’s words, never the schema’s', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.getByLabel('Access key ID').fill('AKIA123');
  await page.getByLabel('Secret access key').fill('short');
  await page.getByRole('button', { name: 'Connect with these keys' }).click();
  await expect(page.getByText(/An access key ID is 20 capital letters and digits/)).toBeVisible();
  await expect(page.getByText(/A secret access key is 40 characters/)).toBeVisible();
  const shown = await page.locator('body').innerText();
  for (const jargon of ['source.', 'Too small', 'expected string', 'was not valid', 'The request to'])
    expect(shown).not.toContain(jargon);
  await expectAccessible(page, 'connect, keys refused');
});

test('the audit log export says "file exists" beside its button and offers to replace it', async ({
  page,
  openApp,
  folders,
}) => {
  const target = path.join(folders.laptop, 'audit.jsonl');
  writeFileSync(target, 'an earlier export');
  await openApp();
  await connectDemo(page);
  await page.getByRole('link', { name: 'Activity', exact: true }).click();
  await page.getByLabel('Export the audit log to this file').fill(target);
  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const error = page.getByText('A file of that name is already there', { exact: true });
  await expect(error).toBeVisible();
  const [button, message] = [await exportButton.boundingBox(), await error.boundingBox()];
  expect(Math.abs(message!.y - button!.y)).toBeLessThan(150);
  await page.getByRole('button', { name: 'Replace the existing file' }).click();
  await expect(page.getByText(`Exported to ${target}`, { exact: false })).toBeVisible();
  await expect(error).toHaveCount(0);
});

test.describe('with AWS_PROFILE naming a profile that is not there', () => {
  test.use({ appEnv: { AWS_PROFILE: 'site-admin' } });

  test('Connect names the missing profile', async ({ page, openApp }) => {
    await openApp();
    await expect(page.getByTestId('missing-profile')).toContainText('AWS_PROFILE is set to “site-admin”');
    await expectAccessible(page, 'connect, missing AWS_PROFILE');
  });
});

test('unlock without AWS: a half-typed path is refused, the message goes once it is whole, the job is named from the file', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  const job = await savedJob(emulator, folders.usb);
  await openApp();
  await page.getByRole('link', { name: 'Unlock without AWS' }).click();
  await page.getByLabel('Manifest file').fill('usb-stick/manifest.bin');
  await page.getByRole('button', { name: 'Next' }).click();
  const needPath = page.getByText('Give the full path of the manifest file.');
  await expect(needPath.first()).toBeVisible();
  await page.getByLabel('Manifest file').fill(job.manifestPath);
  await expect(needPath).toHaveCount(0);
  await expect(page.getByTestId('offline-job')).toContainText(emulator.demo.jobs.warehouse3!);
});
