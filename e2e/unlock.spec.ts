import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { GetJobManifestCommand, SnowballClient } from '@aws-sdk/client-snowball';
import path from 'node:path';
import { DEMO_CREDENTIALS, type Emulator } from '../emulator';
import { connectDemo, expect, test } from './fixtures';

test('receiving ends with the device UNLOCKED, the code absent from everything the window showed', async ({
  page,
  openApp,
  emulator,
  folders,
  site,
  shot,
}) => {
  await openApp();
  await connectDemo(page);
  await page.getByRole('radio', { name: /Warehouse 3 camera archive/ }).check();
  await page.getByRole('button', { name: 'Receive this device' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // A folder with a space in its name, as a USB stick's often has.
  const stick = path.join(folders.usb, 'SNOWBALL KEYS');
  mkdirSync(stick);
  await page.getByLabel('Folder for the manifest').fill(stick);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Get the unlock code' }).click();
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // The device answers on its management port; the client was found on PATH and confirmed.
  await page.getByLabel('Device IP address').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Check the connection' }).click();
  await expect(page.getByTestId('probe-message')).toContainText('answers');
  await expect(page.getByRole('radio', { name: /snowballEdge/ })).toBeChecked();
  await shot('11-wizard-device-checked');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Unlock the device' }).click();
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  const { unlockCode } = await emulator.jobSecrets(emulator.demo.jobs.warehouse3!);
  const shown = await page.locator('body').innerText();
  expect(shown).toContain('unlock-device');
  expect(shown).not.toContain(unlockCode);
  expect(site.client.calls().some((c) => c.args.includes('[code-ok]'))).toBe(true);
  await shot('12-wizard-unlocked');

  // snowballEdge configure only after the plaintext warning is accepted.
  await page.getByText('Save a profile for the snowballEdge command (not recommended)').click();
  const saveProfile = page.getByRole('button', { name: 'Save the client profile' });
  await expect(saveProfile).toBeDisabled();
  await page.getByText('I understand that the unlock code will be stored in plain text').click();
  await saveProfile.click();
  await expect(page.getByText(/Profile “snowball-companion” saved in .*snowball-edge\.config/)).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain(unlockCode);

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Activity for this job')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'unlock-device' })).toBeVisible();
  await shot('13-wizard-done');
});

test('unlock without AWS: a saved manifest, a pasted code, the device, UNLOCKED', async ({
  page,
  openApp,
  emulator,
  folders,
  site,
  shot,
}) => {
  // What an earlier visit left: the manifest on the stick (fetched from the service's URL) and the code on paper.
  const jobId = emulator.demo.jobs.warehouse3!;
  const { unlockCode } = await emulator.jobSecrets(jobId);
  const manifestPath = await downloadManifest(emulator, jobId, folders.usb);

  await openApp();
  await page.getByRole('link', { name: 'Unlock without AWS' }).click();
  await page.getByLabel('Manifest file').fill(manifestPath);
  await page.getByLabel('Unlock code', { exact: true }).fill(unlockCode);
  await page.getByRole('button', { name: 'Use this code' }).click();
  await expect(page.getByText('Unlock code ready', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Unlock code', { exact: true })).toHaveValue('');
  await shot('14-offline-code');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Device IP address').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Unlock the device' }).click();
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  expect(await page.locator('body').innerText()).not.toContain(unlockCode);
  await shot('15-offline-unlocked');
  // No AWS call was needed: the emulator saw none from the window.
  expect(emulator.requests({ operation: 'GetJobUnlockCode' })).toHaveLength(0);
  expect(site.client.calls().filter((c) => c.args[0] === 'unlock-device')).toHaveLength(1);
});

test('a wrong code fails with the client’s own words, the code redacted', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  const jobId = emulator.demo.jobs.warehouse3!;
  const manifestPath = await downloadManifest(emulator, jobId, folders.usb);
  await openApp();
  await page.getByRole('link', { name: 'Unlock without AWS' }).click();
  await page.getByLabel('Manifest file').fill(manifestPath);
  await page.getByLabel('Unlock code', { exact: true }).fill('aaaaa-bbbbb-ccccc-ddddd-eeeee');
  await page.getByRole('button', { name: 'Use this code' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Device IP address').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Unlock the device' }).click();
  await expect(page.getByTestId('unlock-state')).toHaveText('Failed', { timeout: 20_000 });
  await expect(page.getByTestId('unlock-message')).toContainText(
    'The unlock code does not match this manifest',
  );
  // The client's own output is shown, with the code it was given replaced.
  await expect(page.getByTestId('unlock-output')).not.toHaveText('(no output yet)');
  expect(await page.locator('body').innerText()).not.toContain('aaaaa-bbbbb-ccccc-ddddd-eeeee');
  expect(readdirSync(folders.laptop)).toEqual([]);
});

/** What an earlier visit left on the stick: the manifest, fetched from the service's presigned URL. */
async function downloadManifest(emulator: Emulator, jobId: string, folder: string): Promise<string> {
  const client = new SnowballClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: DEMO_CREDENTIALS,
  });
  const { ManifestURI } = await client.send(new GetJobManifestCommand({ JobId: jobId }));
  client.destroy();
  const file = path.join(folder, `${jobId}_manifest.bin`);
  writeFileSync(file, Buffer.from(await (await fetch(ManifestURI!)).arrayBuffer()));
  return file;
}
