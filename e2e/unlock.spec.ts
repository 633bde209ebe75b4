import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible } from './axe';
import { connectDemo, expect, test } from './fixtures';
import { offlineToDevice, offlineUnlock, receiveToDevice, savedJob } from './unlock-helpers';

test('receiving ends with the device UNLOCKED through a client the person vouched for, the code nowhere', async ({
  page,
  openApp,
  emulator,
  folders,
  site,
  shot,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp();
  await connectDemo(page);
  // A folder with a space in its name, as a USB stick's often has.
  const stick = path.join(folders.usb, 'SNOWBALL KEYS');
  mkdirSync(stick);
  await receiveToDevice(page, /Warehouse 3 camera archive/, stick);

  // The Device step's blocking message goes the moment an address is there.
  await page.getByRole('button', { name: 'Next' }).click();
  const blocker = page.getByText('Enter the device’s IP address.', { exact: true });
  await expect(blocker).toBeVisible();
  await page.getByLabel('Device IP address').fill('127.0.0.1');
  await expect(blocker).toHaveCount(0);
  await page.getByRole('button', { name: 'Check the connection' }).click();
  await expect(page.getByTestId('probe-message')).toContainText(
    /answers on port \d+: its management endpoint replied \(HTTP 200\)/,
  );

  // The stand-in on PATH is found but not run until the person vouches for it.
  expect(site.client.calls()).toEqual([]);
  await page.getByRole('radio', { name: /^snowballEdge \(not confirmed yet\)/ }).check();
  await expect(page.getByText('Confirm this client before it runs', { exact: true })).toBeVisible();
  await expect(page.getByTestId('client-path')).toHaveText(site.client.edge);
  await expectAccessible(page, 'wizard: Device step, client to confirm', '[data-testid="device-step"]');
  await shot('11-wizard-device-confirm-client');
  await page.getByRole('button', { name: 'Confirm this client' }).click();
  await expect(page.getByTestId('client-trust')).toContainText('Confirmed by you');
  expect(site.asked).toEqual([
    expect.objectContaining({ path: site.client.edge, sha256: expect.any(String) }),
  ]);
  await expect(page.getByText('1.2.0 Build 661').first()).toBeVisible();
  await shot('11-wizard-device-checked');
  await page.getByRole('button', { name: 'Next' }).click();

  await expectAccessible(page, 'wizard: Unlock step, before', '[data-testid="unlock-step"]');
  await page.getByRole('button', { name: 'Unlock the device' }).click();
  await expect(page.getByRole('button', { name: 'Stop unlocking' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(1); // the wizard's own
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  // The end: a clear success with the next action, focus on it, each check in one line.
  await expect(page.getByText('The device is unlocked', { exact: true })).toBeVisible();
  await expect(page.getByTestId('unlock-result')).toBeFocused();
  await expect(page.getByTestId('unlock-checks').getByRole('listitem')).toHaveText([
    /The device reports LOCKED\./,
    /The device reports UNLOCKING\./,
  ]);
  await expect(page.getByTestId('unlock-timing')).toContainText('an unlock usually takes about 5 min');
  const { unlockCode } = await emulator.jobSecrets(emulator.demo.jobs.warehouse3!);
  const shown = await page.locator('body').innerText();
  expect(shown).not.toContain(unlockCode);
  expect(
    site.client
      .calls()
      .filter((c) => c.args[0] !== 'version')
      .every((c) => !c.codeInArgs),
  ).toBe(true);
  expect(site.client.calls().some((c) => c.code === '[code-ok]')).toBe(true);
  // The raw output, folded away: wrapped and reachable from the keyboard.
  await page.getByText('Client output (raw)').click();
  await expect(page.getByRole('log', { name: 'Snowball client output' })).toBeVisible();
  await expect(page.getByText('unlock-device --profile snowball-companion')).toBeVisible();
  await expectAccessible(
    page,
    'wizard: Unlock step, unlocked, raw output open',
    '[data-testid="unlock-step"]',
  );
  await shot('12-wizard-unlocked');

  // snowballEdge configure only after the plaintext warning is accepted.
  await page.getByText('Save a profile for the snowballEdge command (not recommended)').click();
  const saveProfile = page.getByRole('button', { name: 'Save the client profile' });
  await expect(saveProfile).toBeDisabled();
  await page.getByText('I understand that the unlock code will be stored in plain text').click();
  await saveProfile.click();
  await expect(page.getByText(/Profile “snowball-companion” saved in .*snowball-edge\.config/)).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain(unlockCode);

  // Ready for data is optional: on to what was done.
  await page.getByRole('button', { name: 'Next: ready for data' }).click();
  await expect(page.getByTestId('device-access')).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Activity for this job')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Unlock the device' })).toBeVisible();
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
  const job = await savedJob(emulator, folders.usb);
  await openApp();
  await offlineUnlock(page, job);
  await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
  expect(await page.locator('body').innerText()).not.toContain(job.code);
  await shot('15-offline-unlocked');
  // The unlock is recorded under its job, named by the manifest's file name.
  await page.getByRole('link', { name: 'Activity', exact: true }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(`Unlock the device.*${emulator.demo.jobs.warehouse3!}`) }),
  ).toBeVisible();
  // No AWS call was needed: the emulator saw none from the window.
  expect(emulator.requests({ operation: 'GetJobUnlockCode' })).toHaveLength(0);
  expect(site.client.calls().filter((c) => c.args[0] === 'unlock-device')).toHaveLength(1);
});

test('a wrong code fails in the client’s words, with advice on where this job’s code was kept', async ({
  page,
  openApp,
  emulator,
  folders,
}) => {
  const job = await savedJob(emulator, folders.usb);
  await openApp();
  await offlineUnlock(page, { ...job, code: 'aaaaa-bbbbb-ccccc-ddddd-eeeee' });
  await expect(page.getByTestId('unlock-state')).toHaveText('Failed', { timeout: 20_000 });
  const message = page.getByTestId('unlock-message');
  await expect(message).toContainText('The unlock code does not match this manifest');
  await expect(message).toContainText(
    'Check the code you entered against the place you kept it for this job',
  );
  await expect(message).not.toContainText('AWS console');
  await expect(page.getByTestId('unlock-result')).toBeFocused();
  await page.getByText('Client output (raw)').click();
  await expect(page.getByTestId('unlock-output')).not.toHaveText('(no output yet)');
  expect(await page.locator('body').innerText()).not.toContain('aaaaa-bbbbb-ccccc-ddddd-eeeee');
  expect(readdirSync(folders.laptop)).toEqual([]);
});

test('a code file that holds no code: the offline page says where the code was expected, not the AWS console', async ({
  page,
  openApp,
  folders,
}) => {
  const file = path.join(folders.laptop, 'unlock-code.txt');
  writeFileSync(file, 'not a code\n');
  await openApp();
  await page.getByRole('link', { name: 'Unlock without AWS' }).click();
  await page.getByRole('radio', { name: /Read it from the file/ }).check();
  await page.getByLabel('File with the unlock code').fill(file);
  await page.getByRole('button', { name: 'Use this code' }).click();
  const error = page.getByTestId('error-message');
  await expect(error).toContainText(`The file ${file} should hold just the code, on one line`);
  await expect(error).not.toContainText('AWS console');
});

test('the address field understands a pasted URL and says what to type instead of anything else', async ({
  page,
  openApp,
  emulator,
  folders,
  shot,
}) => {
  await openApp();
  await offlineToDevice(page, await savedJob(emulator, folders.usb));
  const field = page.getByLabel('Device IP address');
  await field.fill('https://10.0.0.12:9091');
  await expect(page.getByTestId('host-note')).toHaveText(
    'Understood “https://10.0.0.12:9091” as 10.0.0.12. Paste only the IP address from the device’s LCD.',
  );
  await field.fill('10.0.0.300');
  await expect(
    page.getByText(/“10\.0\.0\.300” is not an IP address \(four numbers from 0 to 255/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check the connection' })).toBeDisabled();
  await field.fill('abcde-12345-fghij-67890-klmno');
  await expect(page.getByText(/That looks like the unlock code, not an address/)).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('abcde-12345-fghij-67890-klmno');
  await field.fill('10.0.0.300');
  await expectAccessible(page, 'offline: Device step, address explained', '[data-testid="device-step"]');
  await shot('16-device-address-explained');
  expect(await page.locator('body').innerText()).not.toMatch(/probeDevice|schema|expected string/);
});
