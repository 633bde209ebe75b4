/**
 * Steps the unlock specs share: a job's manifest on the stick, the offline wizard up to an unlock, and
 * the receiving wizard up to the Device step.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GetJobManifestCommand, SnowballClient } from '@aws-sdk/client-snowball';
import type { Page } from '@playwright/test';
import { DEMO_CREDENTIALS, type Emulator } from '../emulator';
import { expect } from './fixtures';

export interface SavedJob {
  manifestPath: string;
  code: string;
}

/** What an earlier visit left on the stick: the manifest, fetched from the service's presigned URL. */
export async function downloadManifest(emulator: Emulator, jobId: string, folder: string): Promise<string> {
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

/** A demo job's manifest on the stick and the code the person kept (`warehouse3` unless told). */
export async function savedJob(emulator: Emulator, folder: string, key = 'warehouse3'): Promise<SavedJob> {
  const jobId = emulator.demo.jobs[key]!;
  return {
    manifestPath: await downloadManifest(emulator, jobId, folder),
    code: (await emulator.jobSecrets(jobId)).unlockCode,
  };
}

/** The offline wizard's first step (manifest and typed code), then on to the Device step. */
export async function offlineToDevice(page: Page, job: SavedJob): Promise<void> {
  await page.getByRole('link', { name: 'Unlock without AWS' }).click();
  await page.getByLabel('Manifest file').fill(job.manifestPath);
  await page.getByLabel('Unlock code', { exact: true }).fill(job.code);
  await page.getByRole('button', { name: 'Use this code' }).click();
  await expect(page.getByText('Unlock code ready', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
}

/** On the Device step: the stand-in client chosen (`name`) and vouched for. */
export async function confirmStandIn(page: Page, name = /^snowballEdge/): Promise<void> {
  await page.getByRole('radio', { name }).first().check();
  const confirm = page.getByRole('button', { name: 'Confirm this client' });
  if (await confirm.isVisible()) await confirm.click();
  await expect(page.getByTestId('client-trust')).toContainText('Confirmed by you');
}

/** The offline wizard up to a started unlock: manifest, typed code, address(es), the stand-in confirmed. */
export async function offlineUnlock(
  page: Page,
  job: SavedJob,
  { hosts = '127.0.0.1', check = false }: { hosts?: string; check?: boolean } = {},
): Promise<void> {
  await offlineToDevice(page, job);
  await page.getByLabel('Device IP address').fill(hosts);
  if (check) {
    await page.getByRole('button', { name: 'Check the connection' }).click();
    await expect(page.getByTestId('probe-message').first()).toBeVisible();
  }
  await confirmStandIn(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: /^Unlock the (device|cluster)$/ }).click();
}

/** The receiving wizard for a demo job (the jobs list on screen), through manifest and code, to the Device step. */
export async function receiveToDevice(page: Page, job: RegExp, stick: string): Promise<void> {
  await page.getByRole('radio', { name: job }).check();
  await page.getByRole('button', { name: 'Receive this device' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Folder for the manifest').fill(stick);
  await page.getByRole('button', { name: 'Download manifest' }).click();
  await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Get the unlock code' }).click();
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('You copied it for your password manager.')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
}
