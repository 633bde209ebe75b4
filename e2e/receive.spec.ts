import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { connectDemo, expect, tabTo, test } from './fixtures';

const WAREHOUSE = 'Warehouse 3 camera archive';

async function openWizard(page: Page, description = WAREHOUSE): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(description) }).check();
  await page.getByRole('button', { name: 'Receive this device' }).click();
  await expect(page.getByRole('heading', { name: /Receipt/ })).toBeVisible();
}

test('demo: jobs listed ready-first, manifest downloaded, code copied and cleared, kept apart from the manifest', async ({
  page,
  openApp,
  app,
  clipboard,
  emulator,
  folders,
  shot,
}) => {
  await openApp();
  await connectDemo(page);

  // Every seeded job, the delivered ones first.
  const total = Object.values(emulator.demo.jobCounts).reduce((a, b) => a + b, 0);
  await expect(page.getByRole('heading', { name: `Jobs (${total})` })).toBeVisible();
  const statuses = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
  const firstOther = statuses.findIndex((s) => !s.includes('Delivered — ready to unlock'));
  expect(firstOther).toBeGreaterThan(0);
  expect(statuses.slice(firstOther).some((s) => s.includes('Delivered — ready to unlock'))).toBe(false);
  await shot('03-jobs');

  await openWizard(page);
  await shot('04-wizard-receipt');
  await page.getByRole('button', { name: 'Mark as received' }).click();
  await expect(page.getByText('Marked as received', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Manifest into the "USB stick"; the file's SHA-256 is the service's.
  const jobId = emulator.demo.jobs.warehouse3!;
  const secrets = await emulator.jobSecrets(jobId);
  await page.getByLabel('Folder for the manifest').fill(folders.usb);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  const manifestPath = path.join(folders.usb, `${jobId}_manifest.bin`);
  await expect(page.getByTestId('manifest-path')).toHaveText(manifestPath);
  await expect(page.getByTestId('manifest-sha256')).toHaveText(secrets.manifestSha256);
  expect(createHash('sha256').update(readFileSync(manifestPath)).digest('hex')).toBe(secrets.manifestSha256);
  await shot('05-wizard-manifest');
  await page.getByRole('button', { name: 'Next' }).click();

  // The code: masked, copied to the clipboard the person pastes from (the page's own in browser mode,
  // never the host process's), cleared after the countdown.
  await page.getByRole('button', { name: 'Get the unlock code' }).click();
  await expect(page.getByTestId('unlock-code')).toHaveText('•••••-•••••-•••••-•••••-•••••');
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByTestId('clipboard-status')).toContainText('The clipboard is cleared in');
  expect(await clipboard.readText()).toBe(secrets.unlockCode);
  if (app.host) expect(await app.mainClipboard.readText()).toBe('');
  await shot('06-wizard-code-copied');
  await expect(page.getByTestId('clipboard-status')).toHaveText('The clipboard was cleared.', {
    timeout: 10_000,
  });
  expect(await clipboard.readText()).toBe('');

  // Reveal shows it, Hide forgets it.
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(page.getByTestId('unlock-code')).toHaveText(secrets.unlockCode);
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByTestId('unlock-code')).not.toContainText(secrets.unlockCode);

  // The manifest's own folder is blocked, with the reason.
  await page.getByRole('radio', { name: /In a file/ }).check();
  await page.getByLabel('File for the unlock code').fill(path.join(folders.usb, 'unlock-code.txt'));
  await expect(page.getByText('Not here', { exact: true })).toBeVisible();
  await expect(page.getByTestId('separation-reason')).toContainText(
    `The manifest is already in ${folders.usb}`,
  );
  await expect(page.getByRole('button', { name: 'Save the code to this file' })).toBeDisabled();
  await shot('07-wizard-code-blocked');

  // Another folder on the same drive: a warning to accept, then the save.
  const codeFile = path.join(folders.laptop, 'unlock-code.txt');
  await page.getByLabel('File for the unlock code').fill(codeFile);
  await expect(page.getByText('Think twice about this place', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save the code to this file' })).toBeDisabled();
  await page.getByText('I understand, and want to keep the code here anyway').click();
  await page.getByRole('button', { name: 'Save the code to this file' }).click();
  await expect(page.getByText(`Saved to ${codeFile}.`)).toBeVisible();
  expect(readFileSync(codeFile, 'utf8')).toBe(`${secrets.unlockCode}\n`);
  expect(existsSync(path.join(folders.usb, 'unlock-code.txt'))).toBe(false);
  await shot('08-wizard-code-saved');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Device', exact: false }).first()).toBeVisible();
  await shot('09-wizard-device');
});

test('a region that fails shows its alert while the other regions are listed', async ({
  page,
  openApp,
  emulator,
  shot,
}) => {
  emulator.addFault('ListJobs@eu-west-1:503:*');
  await openApp();
  await connectDemo(page);
  await expect(page.getByText('eu-west-1: no answer')).toBeVisible();
  await expect(page.getByTestId('region-failure')).toContainText('AWS had a problem in eu-west-1');
  await expect(page.getByText(WAREHOUSE)).toBeVisible();
  await expect(page.getByText('Dublin office file shares')).toHaveCount(0);
  await shot('10-jobs-region-failed');
  emulator.clearFaults();
  await page.getByRole('button', { name: 'Refresh the job list' }).click();
  await expect(page.getByText('Dublin office file shares')).toBeVisible();
  await expect(page.getByText('eu-west-1: no answer')).toHaveCount(0);
});

test('an expired manifest link is replaced without the user doing anything', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  await openApp();
  await connectDemo(page);
  await openWizard(page);
  await page.getByRole('button', { name: 'Next' }).click();
  emulator.addFault('GetJobManifest:expire:1');
  await page.getByLabel('Folder for the manifest').fill(folders.usb);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  await expect(page.getByTestId('manifest-link')).toContainText(
    'The first link had expired, so a fresh one was requested automatically.',
  );
  const downloads = emulator.requests({ operation: 'ManifestDownload' }).map((r) => r.status);
  expect(downloads).toEqual([403, 200]);
});

test('a job not with the customer cannot enter the wizard; a job that moved away shows the state error', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  await openApp();
  await connectDemo(page);
  await page.getByRole('radio', { name: /Sydney data centre exit/ }).check();
  await expect(page.getByRole('button', { name: 'Receive this device' })).toBeDisabled();
  await expect(page.getByTestId('not-ready-reason')).toContainText('The device is not with you yet');

  // Listed as delivered, then AWS moves it on before the manifest is asked for.
  await openWizard(page);
  emulator.setJobState(emulator.demo.jobs.warehouse3!, 'InTransitToAWS');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Folder for the manifest').fill(folders.usb);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Not available in this job state')).toBeVisible();
  await expect(page.getByTestId('error-message')).toContainText(
    'only while the device is with you (WithCustomer)',
  );
  // Above the wizard, in plain words, with a way back.
  await expect(page.getByText('AWS no longer lists this device as delivered')).toBeVisible();
  await expect(page.getByTestId('job-moved')).toContainText('“On its way back to AWS”');
  await expectAccessible(page, 'wizard, job moved on');
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByTestId('job-moved')).toBeVisible();
  await page.getByRole('button', { name: 'Back to jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeVisible();
});

test('the wizard can be walked to the Unlock step with the keyboard alone', async ({
  page,
  openApp,
  folders,
  emulator,
}) => {
  await openApp();
  await tabTo(page, page.getByRole('button', { name: 'Use the demo account' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(/devices? delivered and ready to unlock/)).toBeVisible({ timeout: 15_000 });

  const row = page.getByRole('radio', { name: new RegExp(WAREHOUSE) });
  await tabTo(page, page.getByRole('radio').first());
  // Arrow keys move between the rows' radio buttons.
  for (let i = 0; i < 40 && !(await row.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(row).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Receive this device' }));
  await page.keyboard.press('Enter');

  const next = page.getByRole('button', { name: 'Next' });
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Folder for the manifest'));
  await page.keyboard.type(folders.usb);
  await tabTo(page, page.getByRole('button', { name: 'Download manifest' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  await tabTo(page, next);
  await page.keyboard.press('Enter');

  await tabTo(page, page.getByRole('button', { name: 'Get the unlock code' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Copy' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('You copied it for your password manager.')).toBeVisible();
  await tabTo(page, next);
  await page.keyboard.press('Enter');

  await tabTo(page, page.getByLabel('Device IP address'));
  await page.keyboard.type('192.0.2.10');
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Unlock$/ })).toBeVisible();
  // Where focus is, it shows: Cloudscape draws a ring (outline or box-shadow) on the focused control.
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const el = document.activeElement as Element;
    const own = getComputedStyle(el);
    const before = getComputedStyle(el, '::before');
    return [own.outlineStyle !== 'none' ? own.outlineStyle : '', own.boxShadow, before.boxShadow].filter(
      (v) => v && v !== 'none',
    );
  });
  expect(ring.length).toBeGreaterThan(0);
  expect(emulator.requests({ operation: 'GetJobUnlockCode' })).toHaveLength(1);
});
