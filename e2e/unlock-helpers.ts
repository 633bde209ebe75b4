/** Steps the unlock specs share: the offline wizard up to a started unlock, and a manifest on the stick. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GetJobManifestCommand, SnowballClient } from '@aws-sdk/client-snowball';
import type { Page } from '@playwright/test';
import { DEMO_CREDENTIALS, type Emulator } from '../emulator';
import { expect } from './fixtures';

/** The offline wizard up to a started unlock: manifest, typed code, address(es), the stand-in confirmed. */
export async function offlineUnlock(
  page: Page,
  {
    manifestPath,
    code,
    hosts,
    check = false,
  }: { manifestPath: string; code: string; hosts: string; check?: boolean },
): Promise<void> {
  await page.getByRole('link', { name: 'Unlock without AWS' }).click();
  await page.getByLabel('Manifest file').fill(manifestPath);
  await page.getByLabel('Unlock code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Use this code' }).click();
  await expect(page.getByText('Unlock code ready', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Device IP address').fill(hosts);
  if (check) {
    await page.getByRole('button', { name: 'Check the connection' }).click();
    await expect(page.getByTestId('probe-message').first()).toBeVisible();
  }
  await page
    .getByRole('radio', { name: /^snowballEdge/ })
    .first()
    .check();
  const confirm = page.getByRole('button', { name: 'Confirm this client' });
  if (await confirm.isVisible()) await confirm.click();
  await expect(page.getByTestId('client-trust')).toContainText('Confirmed by you');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: /^Unlock the (device|cluster)$/ }).click();
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
