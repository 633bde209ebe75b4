/**
 * Every page and every wizard step as a person meets them on a laptop: 1366×768 in light mode and
 * 1024×700 in dark mode, the whole receiving flow to UNLOCKED, the device read, and Finish. On each screen axe-core must
 * find nothing, and a screenshot of what is in view is kept (test-results/screenshots/screens-*).
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { connectDemo, expect, test } from './fixtures';

const WALKS = [
  { name: '1366-light', width: 1366, height: 768, scheme: 'light' as const },
  { name: '1024-dark', width: 1024, height: 700, scheme: 'dark' as const },
];

/** The element lies wholly inside the window as it is scrolled now. */
async function expectInView(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  expect(box, 'on screen').not.toBeNull();
  expect(box!.y, 'below the top edge').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'above the bottom edge').toBeLessThanOrEqual(viewport!.height);
}

/** Follows a side-navigation link, opening the navigation first where it is closed (narrow windows). */
async function goTo(page: Page, link: string): Promise<void> {
  const open = page.getByRole('button', { name: 'Open the navigation' });
  if (await open.isVisible()) await open.click();
  await page.getByRole('link', { name: link, exact: true }).click();
}

for (const walk of WALKS) {
  test(`every page and step at ${walk.width}×${walk.height}, ${walk.scheme}: no axe violation, in view`, async ({
    page,
    openApp,
    folders,
    emulator,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: walk.width, height: walk.height });
    // No motion: axe reads colours as they are, not half-way through a transition.
    await page.emulateMedia({ colorScheme: walk.scheme, reducedMotion: 'reduce' });
    let n = 0;
    const screen = async (name: string) => {
      await expectAccessible(page, `${name} (${walk.name})`);
      n += 1;
      await page.screenshot({
        path: path.join(
          testInfo.project.outputDir,
          'screenshots',
          `screens-${walk.name}-${String(n).padStart(2, '0')}-${name}.png`,
        ),
      });
    };
    // No page may scroll sideways at this width.
    const noSidewaysScroll = async () =>
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);

    await openApp();
    await expect(page.getByRole('heading', { level: 1, name: 'Connect' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Use the demo account' })).toBeVisible();
    await screen('connect');
    await connectDemo(page);
    await noSidewaysScroll();
    await screen('jobs');

    await page.getByRole('radio', { name: /Warehouse 3 camera archive/ }).check();
    const details = page.getByRole('region', { name: 'Job details' });
    await expect(details.getByText('Tracking to you')).toBeVisible();
    await expectInView(page, details);
    await screen('jobs-details');

    await page.getByRole('button', { name: 'Receive this device' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Receipt' })).toBeFocused();
    await screen('wizard-receipt');
    await page.getByRole('button', { name: 'Mark as received' }).click();
    await expect(page.getByText('Marked as received', { exact: true })).toBeVisible();
    await screen('wizard-receipt-marked');

    await page.getByRole('button', { name: 'Next' }).click();
    await screen('wizard-manifest');
    await page.getByLabel('Folder for the manifest').fill(folders.usb);
    await page.getByRole('button', { name: 'Download manifest' }).click();
    await expect(page.getByText('Manifest saved', { exact: true })).toBeVisible();
    await noSidewaysScroll();
    await screen('wizard-manifest-saved');

    await page.getByRole('button', { name: 'Next' }).click();
    await screen('wizard-code');
    await page.getByRole('button', { name: 'Get the unlock code' }).click();
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(page.getByTestId('reveal-countdown')).toContainText('Hides itself in');
    await screen('wizard-code-revealed');
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByRole('radio', { name: /In a file/ }).check();
    await page.getByLabel('File for the unlock code').fill(path.join(folders.usb, 'unlock-code.txt'));
    const verdict = page.getByText('Not here', { exact: true });
    await expect(verdict).toBeVisible();
    // The app's main safety check is in view, with the button it governs.
    await expectInView(page, verdict);
    await expectInView(page, page.getByRole('button', { name: 'Save the code to this file' }));
    await noSidewaysScroll();
    await screen('wizard-code-blocked');
    await page.getByLabel('File for the unlock code').fill(path.join(folders.laptop, 'unlock-code.txt'));
    await expect(page.getByText('Think twice about this place', { exact: true })).toBeVisible();
    await expectInView(page, page.getByText('I understand, and want to keep the code here anyway'));
    await page.getByText('I understand, and want to keep the code here anyway').click();
    await page.getByRole('button', { name: 'Save the code to this file' }).click();
    await expect(page.getByText('Unlock code kept', { exact: true })).toBeVisible();
    await screen('wizard-code-saved');

    // The demo account's own simulated site, as a newcomer meets it.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Use the simulated device' }).click();
    await page.getByRole('button', { name: 'Check the connection' }).click();
    await expect(page.getByText('192.0.2.10: answers', { exact: true })).toBeVisible();
    await expect(page.getByRole('radio', { name: /simulated \(demo\)$/ })).toBeChecked();
    await screen('wizard-device');

    await page.getByRole('button', { name: 'Next' }).click();
    await screen('wizard-unlock');
    await page.getByRole('button', { name: 'Unlock the device' }).click();
    await expect(page.getByTestId('unlock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    await screen('wizard-unlocked');

    await page.getByRole('button', { name: 'Next: ready for data' }).click();
    await page.getByRole('button', { name: 'Read the device' }).click();
    await expect(page.getByTestId('device-glance')).toBeFocused();
    await noSidewaysScroll();
    await screen('wizard-ready-for-data');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText('Activity for this job')).toBeVisible();
    await screen('wizard-done');
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Snowball jobs' })).toBeFocused();
    // Without a refresh, the job says what was done here, and when.
    const finished = page.getByRole('row', { name: /Warehouse 3 camera archive/ });
    await expect(finished).toContainText('Delivered — unlocked here');
    await expect(finished).toContainText(/Received here .+, unlocked here .+/);
    await expect(finished).not.toContainText('ready to unlock');
    await screen('jobs-after-finish');

    await goTo(page, 'Activity');
    const jobId = emulator.demo.jobs.warehouse3!;
    for (const action of ['Mark the device as received', 'Unlock the device'])
      await expect(page.getByRole('row', { name: new RegExp(`${action}.*${jobId}`) }).first()).toBeVisible();
    await expect(
      page.getByRole('row', { name: new RegExp(`Unlock the device.*${jobId}.*Simulated \\(demo\\)`) }),
    ).toBeVisible();
    await noSidewaysScroll();
    await screen('activity');

    await goTo(page, 'Unlock without AWS');
    await expect(page.getByLabel('Manifest file')).toBeVisible();
    await noSidewaysScroll();
    await screen('offline');

    await goTo(page, 'Use an unlocked device');
    await expect(page.getByLabel('Manifest file')).toBeVisible();
    await noSidewaysScroll();
    await screen('unlocked-device');
    expect(emulator.requests({ operation: 'GetJobUnlockCode' })).toHaveLength(1);
  });
}
