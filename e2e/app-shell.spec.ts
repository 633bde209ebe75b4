import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

test('the window loads and shows the version it got from main through the preload', async ({
  page,
  openApp,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await openApp();

  await expect(page.getByRole('heading', { level: 1, name: 'Snowball Companion' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(
    new RegExp(
      `Version ${pkg.version.replace(/\./g, '\\.')} · browser mode \\(loopback host\\) on ${process.platform}`,
    ),
  );
  await expect(page.getByText('Ready')).toBeVisible();
  // No CSP violation, no script error: the strict policy and the page agree.
  expect(problems).toEqual([]);
});

test('a page opened without the launch token is refused and says what to do', async ({ page, app }) => {
  await page.goto(app.host.origin + '/');
  await expect(page.getByText(/The local service refused this page/)).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveCount(0);
});
