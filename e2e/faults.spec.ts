/**
 * Rows of the fault matrix (scripts/security/fault-rows.ts) as the person meets them in the window: each
 * fault on the manifest step shows its title and message, offers a retry only where one may help, and
 * leaves no file behind and no earlier file changed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { unwritableFolder } from '../testkit/hostile-folders';
import { connectDemo, expect, test } from './fixtures';

async function toManifestStep(page: Page): Promise<void> {
  await connectDemo(page);
  await page.getByRole('radio', { name: /Warehouse 3 camera archive/ }).check();
  await page.getByRole('button', { name: 'Receive this device' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
}

async function expectError(page: Page, title: string, message: RegExp, retry: boolean): Promise<void> {
  await expect(page.getByText(title, { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('error-message')).toHaveText(message);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(retry ? 1 : 0);
}

test('manifest faults: throttled, truncated, expired keys; each says what to do and saves nothing', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  await openApp();
  await toManifestStep(page);
  await page.getByLabel('Folder for the manifest').fill(folders.usb);
  const download = page.getByRole('button', { name: 'Download manifest' });

  emulator.addFault('GetJobManifest:throttle:3');
  await download.click();
  await expectError(page, 'AWS is busy', /limiting the request rate.*Wait a minute and try again/, true);
  expect(readdirSync(folders.usb)).toEqual([]);

  emulator.addFault('ManifestDownload:truncate:*');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expectError(page, 'Download failed', /(arrived incomplete|broke off).*Nothing was saved/, true);
  expect(readdirSync(folders.usb)).toEqual([]);
  emulator.clearFaults();

  emulator.addFault('GetJobManifest:expired-token:1');
  await download.click();
  await expectError(page, 'AWS did not accept these credentials', /have expired\. Renew them/, false);
  expect(readdirSync(folders.usb)).toEqual([]);

  // The fault gone, the same step works.
  await download.click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
});

test('a manifest already in the folder is kept unless the person says to replace it', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  const existing = path.join(folders.usb, `${emulator.demo.jobs.warehouse3!}_manifest.bin`);
  writeFileSync(existing, 'the manifest of an earlier visit');
  await openApp();
  await toManifestStep(page);
  await page.getByLabel('Folder for the manifest').fill(folders.usb);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expectError(
    page,
    'A file of that name is already there',
    /already exists in .*Nothing was changed/,
    false,
  );
  expect(readFileSync(existing, 'utf8')).toBe('the manifest of an earlier visit');
  expect(readdirSync(folders.usb)).toHaveLength(1);

  await page.getByRole('button', { name: 'Replace the existing file' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  expect(readFileSync(existing, 'utf8')).not.toBe('the manifest of an earlier visit');
  expect(readdirSync(folders.usb)).toHaveLength(1);
});

test('a folder the app cannot write to is named, with what to do', async ({ page, openApp }) => {
  // Windows folders have no write bit to take away.
  test.skip(process.platform === 'win32', 'no read-only folder by permissions on Windows');
  const folder = unwritableFolder();
  try {
    const before = readdirSync(folder.path);
    await openApp();
    await toManifestStep(page);
    await page.getByLabel('Folder for the manifest').fill(folder.path);
    await page.getByRole('button', { name: 'Download manifest' }).click();
    await expectError(page, 'Cannot save there', /cannot write to .*read-only, or no permission/, false);
    expect(readdirSync(folder.path)).toEqual(before);
  } finally {
    folder.cleanup();
  }
});
