/**
 * The demo reaches UNLOCKED: a newcomer with the demo account walks the whole flow to an unlocked device
 * and an unlocked cluster, with the demo's own simulated devices and client, clearly labelled as
 * simulated in the window and the activity log, with nothing installed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible } from './axe';
import { connectDemo, expect, test } from './fixtures';
import { receiveToDevice } from './unlock-helpers';

test('the demo account unlocks its simulated device, labelled as simulated', async ({
  page,
  app,
  openApp,
  folders,
  site,
  shot,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp();
  await connectDemo(page);
  await receiveToDevice(page, /Warehouse 3 camera archive/, folders.usb);

  await expect(page.getByText('Demo: a simulated site', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Use the simulated device' }).click();
  await expect(page.getByLabel('Device IP address')).toHaveValue('192.0.2.10');
  await page.getByRole('button', { name: 'Check the connection' }).click();
  await expect(page.getByText('192.0.2.10: answers', { exact: true })).toBeVisible();
  await expect(page.getByRole('radio', { name: /simulated \(demo\)$/ })).toBeChecked();
  await expect(page.getByText('Simulated client (demo)', { exact: true })).toBeVisible();
  await expectAccessible(page, 'demo: Device step', '[data-testid="device-step"]');
  await shot('20-demo-device');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText(/runs against the demo account’s simulated device and client/)).toBeVisible();
  await page.getByRole('button', { name: 'Unlock the device' }).click();
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocking', { timeout: 10_000 });
  await expectAccessible(page, 'demo: Unlock step, unlocking', '[data-testid="unlock-step"]');
  await shot('21-demo-unlocking');
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  await expect(page.getByText('The device is unlocked', { exact: true })).toBeVisible();
  await expectAccessible(page, 'demo: Unlock step, unlocked', '[data-testid="unlock-step"]');
  await shot('22-demo-unlocked');
  // Nothing of the stand-in client ran: the demo brings its own.
  expect(site.client.calls()).toEqual([]);

  // The audit log says it was simulated, in its own field and in the words the Activity page shows.
  const audit = readFileSync(path.join(app.dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; simulated?: boolean; detail?: string });
  expect(audit.filter((e) => e.action === 'unlock-device')).toEqual([
    expect.objectContaining({
      simulated: true,
      detail: expect.stringMatching(/^simulated device and client \(demo\): 192\.0\.2\.10: UNLOCKED/),
    }),
  ]);
});

test('the demo cluster unlocks node by node in the per-node table', async ({
  page,
  openApp,
  folders,
  shot,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp();
  await connectDemo(page);
  await receiveToDevice(page, /Film studio render cluster, Stage 4 - node 1/, folders.usb);
  await page.getByRole('button', { name: 'Use the simulated cluster' }).click();
  await page.getByRole('button', { name: 'Check the connection' }).click();
  await expect(page.getByText(/^192\.0\.2\.2\d: answers$/)).toHaveCount(5);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Unlock the cluster' }).click();
  const table = page.getByRole('table', { name: 'Cluster nodes' });
  await expect(table.getByRole('row', { name: /Unlocked/ }).first()).toBeVisible({ timeout: 15_000 });
  await expect(table.getByRole('row', { name: /Unlocking/ }).first()).toBeVisible();
  await shot('23-demo-cluster-unlocking');
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  await expect(table.getByRole('row', { name: /Unlocked/ })).toHaveCount(5);
  await expect(page.getByText('The cluster is unlocked', { exact: true })).toBeVisible();
  await expect(page.getByTestId('unlock-result')).toBeFocused();
  await shot('24-demo-cluster-unlocked');
});
