/**
 * After UNLOCKED, through the window: the Receive wizard's Ready-for-data step with the demo account's
 * simulated device (its S3 adapter starting, then the keys, the certificate saved, a profile written with
 * consent, the AWS SDK's check and the commands to copy), the page for a device unlocked earlier, the
 * Unlock-without-AWS wizard with the stand-in client and a real HTTPS S3 adapter on 127.0.0.1, and the
 * demo cluster's five nodes. Screens at 1366×768, axe on each step, focus after each action.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeDevice } from '../tests/helpers/fake-snowball';
import { expectAccessible } from './axe';
import { connectDemo, expect, test } from './fixtures';
import { offlineUnlock, receiveToDevice, savedJob } from './unlock-helpers';

const STEP = '[data-testid="device-access"]';

/** From the Connect page: the demo account, a job received up to its simulated device (or cluster) UNLOCKED, then on. */
async function demoUnlocked(page: Page, job: RegExp, usb: string, cluster: boolean): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await connectDemo(page);
  await receiveToDevice(page, job, usb);
  await page
    .getByRole('button', { name: cluster ? 'Use the simulated cluster' : 'Use the simulated device' })
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: cluster ? 'Unlock the cluster' : 'Unlock the device' }).click();
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Next: ready for data' }).click();
}

/** Reads the device, then Refresh until its S3 adapter is ACTIVE (the demo's starts seconds after the unlock). */
async function readUntilActive(page: Page, nodes = 1): Promise<void> {
  const read = page.getByRole('button', { name: /^Read the (device|cluster)$/ });
  if (await read.isVisible()) {
    await read.click();
    await expect(page.getByTestId('device-glance')).toBeFocused();
  }
  await expect(async () => {
    if ((await page.getByTestId('s3-state').filter({ hasText: 'Active' }).count()) < nodes) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByTestId('s3-state').filter({ hasText: 'Active' })).toHaveCount(nodes, {
        timeout: 1500,
      });
    }
  }).toPass({ timeout: 40_000 });
}

/** Saves the certificate, writes the profile with consent, checks: each result focused as it comes. */
async function readyForData(
  page: Page,
  certificate: string,
  shot?: (name: string) => Promise<void>,
): Promise<void> {
  await page.getByLabel('Save the certificate as').fill(certificate);
  await page.getByRole('button', { name: 'Save the certificate' }).click();
  await expect(page.getByTestId('certificate-saved')).toHaveText(certificate);
  await expect(page.getByText('Certificate saved', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Show the lines it adds' }).click();
  const preview = page.getByTestId('profile-preview');
  await expect(preview).toContainText('region = snow');
  await expect(preview).toContainText(`ca_bundle = ${certificate}`);
  await expect(preview).toContainText(/aws_secret_access_key = \*{40}/);
  await expect(page.getByRole('button', { name: 'Write the profile' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Add these lines to my AWS files' }).check();
  await shot?.('61-ready-profile-preview');
  await page.getByRole('button', { name: 'Write the profile' }).click();
  await expect(page.getByTestId('profile-written')).toBeVisible();
  await page.getByRole('button', { name: /^Check (the|every node’s) S3 adapter$/ }).click();
  await expect(page.getByText('The S3 adapter answers', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('s3-check-result')).toBeFocused();
}

test('Receive wizard: the demo device made ready for data, and the page for a device unlocked earlier', async ({
  page,
  app,
  emulator,
  openApp,
  folders,
  shot,
}) => {
  test.setTimeout(90_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp();
  await demoUnlocked(page, /Warehouse 3 camera archive/, folders.usb, false);

  const step = page.locator(STEP);
  await expect(step).toBeVisible();
  await page.getByRole('button', { name: 'Read the device' }).click();
  await expect(page.getByTestId('device-glance')).toBeFocused();
  // Read right after the unlock: the demo's S3 adapter is still starting, and the check says so.
  await expect(page.getByTestId('s3-state')).toHaveText('Starting (ACTIVATING)');
  await page.getByRole('button', { name: 'Check the S3 adapter' }).click();
  await expect(page.getByTestId('error-message').last()).toHaveAttribute('data-error-code', 'S3_NOT_READY');
  await expect(page.getByText(/reports its S3 adapter as ACTIVATING/)).toBeVisible();
  await shot('60-ready-s3-starting');
  await readUntilActive(page);
  await expect(step.getByRole('table', { name: 'Capacity of 192.0.2.10' })).toContainText('HDD Storage');
  await expect(step.getByRole('table', { name: 'Network interfaces of 192.0.2.10' })).toContainText('RJ45');
  await expectAccessible(page, 'Ready for data: read', STEP);

  // The secret key only on request, hidden again before any screenshot.
  await expect(page.getByTestId('secret-key')).toHaveText('•'.repeat(40));
  await page.getByRole('button', { name: 'Show the secret access key' }).click();
  await expect(page.getByTestId('secret-key')).toHaveText(/^EMULATORdeviceKey\/.{22}$/);
  await page.getByRole('button', { name: 'Hide the secret access key' }).click();
  await expect(page.getByTestId('secret-key')).toHaveText('•'.repeat(40));

  const certificate = path.join(folders.laptop, 'snowball-device.pem');
  await readyForData(page, certificate, shot);
  await expect(page.getByTestId('s3-check-result')).toContainText('acme-warehouse3-camera-archive');
  const commands = page.getByTestId('suggested-commands');
  const jobShort = emulator.demo.jobs.warehouse3!.slice(3, 11);
  await expect(commands).toContainText(
    `aws s3 ls --profile snowball-${jobShort} --endpoint-url https://192.0.2.10:8443`,
  );
  await page.getByRole('button', { name: 'Copy: List the buckets' }).click();
  await expect(page.getByText('Command copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `aws s3 ls --profile snowball-${jobShort} --endpoint-url https://192.0.2.10:8443`,
  );
  await expectAccessible(page, 'Ready for data: checked', STEP);
  await shot('62-ready-checked');

  // The person's AWS files hold the profile; the audit log holds no key.
  const root = path.dirname(app.dataDir);
  expect(readFileSync(path.join(root, 'aws-config'), 'utf8')).toContain(`[profile snowball-${jobShort}]`);
  expect(readFileSync(path.join(root, 'aws-credentials'), 'utf8')).toMatch(
    /aws_secret_access_key = EMULATORdeviceKey\//,
  );
  expect(readFileSync(path.join(app.dataDir, 'audit.jsonl'), 'utf8')).not.toContain('EMULATORdeviceKey');

  // Later: the device is still unlocked, read from the page of its own with the manifest and the code kept.
  const job = {
    manifestPath: (await savedJob(emulator, folders.usb)).manifestPath,
    code: (await emulator.jobSecrets(emulator.demo.jobs.warehouse3!)).unlockCode,
  };
  const link = page.getByRole('link', { name: 'Use an unlocked device' });
  // The side navigation folds away while a wizard has the room.
  if (!(await link.isVisible())) await page.getByRole('button', { name: 'Open the navigation' }).click();
  await link.click();
  await page.getByLabel('Manifest file').fill(job.manifestPath);
  await page.getByLabel('Unlock code', { exact: true }).fill(job.code);
  await page.getByRole('button', { name: 'Use this code' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Use the simulated device' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Read the device' }).click();
  await expect(page.getByTestId('device-glance')).toBeFocused();
  await expect(page.getByTestId('s3-state')).toHaveText('Active');
  await expectAccessible(page, 'Use an unlocked device: read', STEP);
  await shot('63-unlocked-device-page');
});

test('Unlock without AWS: the stand-in client, then a real HTTPS S3 adapter on 127.0.0.1', async ({
  page,
  emulator,
  site,
  openApp,
  folders,
  shot,
}) => {
  const device = await startFakeDevice(site.client);
  const { keys } = device;
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp();
    await offlineUnlock(page, await savedJob(emulator, folders.usb));
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Next: ready for data' }).click();
    await page.getByRole('button', { name: 'Read the device' }).click();
    await expect(page.getByTestId('device-glance')).toBeFocused();
    await expect(page.getByTestId('access-key-id')).toHaveText(keys.accessKeyId);
    await readyForData(page, path.join(folders.laptop, 'device.pem'));
    await expect(page.getByTestId('s3-check-result')).toContainText('site-archive');
    await expectAccessible(page, 'Unlock without AWS: ready for data', STEP);
    await shot('64-offline-ready');
    const calls = site.client.calls().map((c) => c.args[0]);
    expect(calls).toEqual(
      expect.arrayContaining(['list-access-keys', 'get-secret-access-key', 'get-certificate']),
    );
    expect(site.client.calls().every((c) => !c.codeInArgs)).toBe(true);
  } finally {
    await device.stop();
  }
});

test('the demo cluster: five nodes read, a certificate each, every node’s S3 adapter checked', async ({
  page,
  openApp,
  folders,
  shot,
}) => {
  test.setTimeout(90_000);
  await openApp();
  await demoUnlocked(page, /Film studio render cluster, Stage 4 - node 1/, folders.usb, true);
  await readUntilActive(page, 5);
  await expect(page.getByRole('heading', { name: 'The cluster at a glance' })).toBeVisible();
  await readyForData(page, path.join(folders.laptop, 'cluster.pem'));
  await expect(page.getByText('All 5 nodes answered.', { exact: false })).toBeVisible();
  await expectAccessible(page, 'Ready for data: cluster', STEP);
  await shot('65-cluster-ready');
});
