import { readFileSync } from 'node:fs';
import { connectDemo, expect, test } from './fixtures';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

test('the window loads, offers the demo account first on a machine without credentials, and has no errors', async ({
  page,
  openApp,
  shot,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await openApp();
  await expect(page.getByRole('heading', { level: 1, name: 'Connect' })).toBeVisible();
  await expect(page.getByText(`Version ${pkg.version}`)).toBeVisible();
  await expect(page.getByText('No AWS credentials found on this computer')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use the demo account' })).toBeVisible();
  await shot('01-connect');
  // No CSP violation, no script error: the strict policy and the page agree.
  expect(problems).toEqual([]);
});

test('connecting calls core through the preload and shows who it is connected as', async ({
  page,
  openApp,
  shot,
}) => {
  await openApp();
  await connectDemo(page);
  const who = page.getByRole('button', {
    name: /^Connected as snowball-demo · 111122223333 \(arn:aws:iam::111122223333:user\/snowball-demo\)$/,
  });
  await expect(who).toBeVisible();
  await expect(who.locator('span:not(.sc-visually-hidden)')).toHaveText('snowball-demo · 111122223333');
  await page.getByRole('link', { name: 'Connect' }).click();
  await expect(page.getByTestId('connected-as')).toHaveText('arn:aws:iam::111122223333:user/snowball-demo');
  await shot('02-connected');
});

test('keys typed for this session go to AWS; with no network the message says so, never the secret', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.getByLabel('Access key ID').fill('AKIAIOSFODNN7EXAMPLE');
  await page.getByLabel('Secret access key').fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  await page.getByRole('button', { name: 'Connect with these keys' }).click();
  // This machine has no route to AWS: the real endpoint cannot be reached.
  // Beside the form that caused it, with a way on without AWS.
  const keys = page.locator('form');
  await expect(keys.getByText('AWS could not be reached')).toBeVisible({ timeout: 20_000 });
  await expect(keys.getByTestId('error-message')).toContainText('Check the network connection');
  await expect(page.locator('body')).not.toContainText('wJalrXUtnFEMI');
  await keys.getByRole('button', { name: 'Unlock without AWS' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Manifest and code' })).toBeFocused();
});

test('a page opened without the launch token is refused and says what to do', async ({ page, app }) => {
  test.skip(
    app.host === null,
    'Only browser mode has a launch token: under Electron there is no address to open.',
  );
  await page.goto(`${app.host?.origin ?? ''}/`);
  await expect(page.getByTestId('error-message')).toHaveText(/^The local service refused this page/);
  await expect(page.getByRole('button', { name: 'Use the demo account' })).toHaveCount(0);
});

test('light or dark follows the system setting', async ({ page, openApp, shot }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp();
  await expect(page.locator('body')).toHaveClass(/awsui-dark-mode/);
  await shot('16-connect-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('body')).not.toHaveClass(/awsui-dark-mode/);
});
