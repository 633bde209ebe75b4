/**
 * How a real Snowball client and device behave, each variant driven through the window (issue 14): the
 * stand-in client plays it (tests/fixtures/fake-snowball-client, written from the developer guide), the
 * offline wizard runs it, and the person reads what the window says.
 */
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { confirmStandIn, offlineToDevice, offlineUnlock, savedJob } from './unlock-helpers';

test.describe('notice lines with braces around the status JSON', () => {
  test.use({ clientEnv: { FAKE_SNOWBALL_MODE: 'notice-braces' } });
  test('the device still reaches UNLOCKED, and the notices are folded away as the client’s words', async ({
    page,
    openApp,
    emulator,
    folders,
  }) => {
    await openApp();
    await offlineUnlock(page, await savedJob(emulator, folders.usb));
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    await page.getByText('The client also said').click();
    await expect(page.getByTestId('unlock-notes')).toContainText(
      'Notice: {snowballEdge} 1.2.0 Build 701 is available',
    );
  });
});

test.describe('an update notice that mentions a version', () => {
  test.use({ clientEnv: { FAKE_SNOWBALL_MODE: 'update-notice' } });
  test('the window shows the documented version line, not the notice', async ({
    page,
    openApp,
    emulator,
    folders,
  }) => {
    await openApp();
    await offlineUnlock(page, await savedJob(emulator, folders.usb));
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(page.getByRole('radio', { name: /^snowballEdge 1\.2\.0 Build 661$/ })).toBeChecked();
    await expect(page.getByText('1.2.0 Build 701')).toHaveCount(0);
  });
});

test.describe('a device that restarts its services while it unlocks', () => {
  test.use({ clientEnv: { FAKE_SNOWBALL_MODE: 'restart-services', FAKE_SNOWBALL_QUIET_MS: '3000' } });
  test('the window says it is normal for a stated time, then the device is UNLOCKED', async ({
    page,
    openApp,
    emulator,
    folders,
    shot,
  }) => {
    await openApp();
    await offlineUnlock(page, await savedJob(emulator, folders.usb));
    await expect(page.getByText('The device is not answering status checks', { exact: true })).toBeVisible({
      timeout: 10_000,
    });
    await expect(
      page.getByText(/This is normal for up to 5 min while it restarts its services/),
    ).toBeVisible();
    await shot('17-unlock-device-quiet');
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  });
});

test.describe('connection refused after a passing connection check', () => {
  test.use({ clientEnv: { FAKE_SNOWBALL_MODE: 'refused' } });
  test('says the manifest or the code may not belong to this device', async ({
    page,
    openApp,
    emulator,
    folders,
  }) => {
    await openApp();
    await offlineUnlock(page, await savedJob(emulator, folders.usb), { check: true });
    await expect(page.getByTestId('unlock-state')).toHaveText('Failed', { timeout: 20_000 });
    await expect(page.getByTestId('unlock-message')).toContainText(
      'The device answered the connection check, yet refused the client: the manifest or the unlock code may not belong to this device.',
    );
  });
});

for (const [mode, words] of [
  ['silent-exit', 'exited with code 7 without printing anything, so there is no reason to show'],
  [
    'garbled-exit',
    'exited with code 5, with words Snowball Companion does not recognise: “E4711 ZX-ERR 0x1F”',
  ],
  [
    'exit0-error',
    'ended without an error code, but what it printed is an error, not that the device is unlocking',
  ],
] as const) {
  test.describe(`a client that ${mode}`, () => {
    test.use({ clientEnv: { FAKE_SNOWBALL_MODE: mode } });
    test('gets a clear message', async ({ page, openApp, emulator, folders }) => {
      await openApp();
      await offlineUnlock(page, await savedJob(emulator, folders.usb));
      await expect(page.getByTestId('unlock-state')).toHaveText('Failed', { timeout: 20_000 });
      await expect(page.getByTestId('unlock-message')).toContainText(words);
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    });
  });
}

test.describe('a cluster whose nodes unlock one by one, one of them silent at first', () => {
  test.use({
    clientEnv: {
      FAKE_SNOWBALL_MODE: 'staggered,node-unreachable',
      FAKE_SNOWBALL_UNREACHABLE_POLLS: '2',
      FAKE_SNOWBALL_UNLOCKING_POLLS: '2',
      // Each node a couple of seconds after the one before (checks come every 250 ms here).
      FAKE_SNOWBALL_STAGGER_POLLS: '8',
    },
  });
  test('warns before unlocking when nodes did not answer, then shows each node’s state as it changes', async ({
    page,
    openApp,
    emulator,
    folders,
    shot,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp();
    // Only 127.0.0.1 answers on the test's device port: the other two nodes refuse.
    await offlineToDevice(page, await savedJob(emulator, folders.usb, 'clusterNode1'));
    await page.getByLabel('Device IP address').fill('127.0.0.1 127.0.0.2 127.0.0.3');
    await page.getByRole('button', { name: 'Check the connection' }).click();
    await expect(page.getByText('127.0.0.2: refused')).toBeVisible();
    await confirmStandIn(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('2 of 3 did not answer the connection check', { exact: true })).toBeVisible();
    const unlock = page.getByRole('button', { name: 'Unlock the cluster' });
    await expect(unlock).toBeDisabled();
    await page.getByText('Unlock anyway').click();
    await unlock.click();
    const table = page.getByRole('table', { name: 'Cluster nodes' });
    await expect(table.getByRole('row', { name: /127\.0\.0\.3 .*No, it did not answer/ })).toBeVisible({
      timeout: 15_000,
    });
    await expect(table.getByRole('row', { name: /127\.0\.0\.1 .*Unlocked/ })).toBeVisible({
      timeout: 15_000,
    });
    await expect(table.getByRole('row', { name: /127\.0\.0\.2 .*Unlocking/ })).toBeVisible();
    await expectAccessible(page, 'offline: Unlock step, cluster in progress', '[data-testid="unlock-step"]');
    await shot('18-unlock-cluster-nodes');
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    await expect(page.getByText('The cluster is unlocked', { exact: true })).toBeVisible();
  });
});

test.describe('the legacy snowball client', () => {
  test('runs with the code in its command line only after the person agrees', async ({
    page,
    openApp,
    emulator,
    folders,
    site,
  }) => {
    await openApp();
    await offlineToDevice(page, await savedJob(emulator, folders.usb));
    await page.getByLabel('Device IP address').fill('127.0.0.1');
    await confirmStandIn(page, /^snowball \(not confirmed yet\)/);
    await expect(
      page.getByText(/This legacy client takes the unlock code only in its command line/),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    const unlock = page.getByRole('button', { name: 'Unlock the device' });
    await expect(unlock).toBeDisabled();
    await page.getByText('Run it with the unlock code in its command line').click();
    await unlock.click();
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    expect(site.client.calls().find((c) => c.args[0] === 'start')?.codeInArgs).toBe(true);
  });
});
