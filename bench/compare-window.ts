/**
 * `npx tsx bench/compare-window.ts --base /tmp/perf-base [--rounds 8] [--jobs 10000]`: the window
 * before and after, in one interleaved run. `--base` is another checkout of this project, built
 * (`npm run build`) and with node_modules. Each build is served by its own loopback host (its own code
 * from its own tree, each with the demo account's emulator), and every round loads each build in turn,
 * so both meet the same moments of a shared machine:
 *
 * - cold: a fresh browser context, 10,000 jobs: first rows, every job listed, then the filter ("genomics":
 *   the base's property filter takes Enter; this build filters as one types, slowest keystroke);
 * - warm: the third load in one context (caches filled);
 * - small: the demo's 32 jobs, fresh context.
 *
 * Prints medians and min–max per build. A tool for docs/PERFORMANCE.md, not part of `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { connectedDemoHost, type DemoHost, type HostCode } from './demo-host';
import { PROJECT_ROOT } from './paths';
import { summarise } from './stats';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    rounds: { type: 'string', default: '8' },
    jobs: { type: 'string', default: '10000' },
    filter: { type: 'string', default: 'genomics' },
  },
});
if (!values.base) throw new Error('--base <checkout of the base commit, built> is required');
const rounds = Number(values.rounds);
const totalJobs = Number(values.jobs);
const VIEWPORT = { width: 1440, height: 900 };
const KEYS = `
window.addEventListener('keydown', (event) => {
  performance.mark('cmp:keydown', { startTime: event.timeStamp });
}, true);`;

/** A build's own host code (its tree's electron/host and emulator), serving its own out/. */
async function hosts(tree: string, root: string) {
  const { runLoopbackHost } = (await import(path.join(tree, 'electron/host/index.ts'))) as Pick<
    HostCode,
    'runLoopbackHost'
  >;
  const { SNOWBALL_REGIONS } = (await import(path.join(tree, 'emulator/index.ts'))) as {
    SNOWBALL_REGIONS: readonly unknown[];
  };
  const code = { runLoopbackHost, regions: SNOWBALL_REGIONS };
  const outDir = path.join(tree, 'out');
  return {
    big: await connectedDemoHost({ root, totalJobs, outDir, code }),
    small: await connectedDemoHost({ root, totalJobs: null, outDir, code }),
  };
}

async function entry(page: Page, name: string, count = 1): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, c]) => {
      const found = performance.getEntriesByName(n as string);
      return found.length >= (c as number) ? (found[(c as number) - 1]?.startTime ?? false) : false;
    },
    [name, count] as const,
    { timeout: 120_000, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

async function load(page: Page, url: string): Promise<{ firstRows: number; listed: number }> {
  await page.goto('about:blank');
  await page.goto(url);
  return { firstRows: await entry(page, 'jobs:first-rows'), listed: await entry(page, 'jobs:listed') };
}

/** The filter as each build offers it; the figure is the key event → the filtered table painted. */
async function filter(page: Page, text: string): Promise<number> {
  const search = page.getByLabel('Find jobs');
  if ((await search.count()) > 0) {
    await search.click();
    const times: number[] = [];
    for (const [i, key] of [...text].entries()) {
      await page.keyboard.press(key);
      const end = await entry(page, 'jobs:filter-end', i + 1);
      const down = await page.evaluate(
        (n) => performance.getEntriesByName('cmp:keydown')[n]?.startTime ?? NaN,
        i,
      );
      times.push(end - down);
      await page.waitForTimeout(30);
    }
    return Math.max(...times);
  }
  const property = page.getByLabel('Filter jobs');
  await property.click();
  await property.pressSequentially(text, { delay: 30 });
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => performance.getEntriesByName('cmp:keydown').length);
  await page.keyboard.press('Enter');
  const end = await entry(page, 'jobs:filter-end');
  const down = await page.evaluate(
    (n) => performance.getEntriesByName('cmp:keydown')[n]?.startTime ?? NaN,
    before,
  );
  return end - down;
}

interface Figures {
  coldFirstRows: number[];
  coldListed: number[];
  filter: number[];
  warmFirstRows: number[];
  warmListed: number[];
  smallFirstRows: number[];
  smallListed: number[];
}
const empty = (): Figures => ({
  coldFirstRows: [],
  coldListed: [],
  filter: [],
  warmFirstRows: [],
  warmListed: [],
  smallFirstRows: [],
  smallListed: [],
});

async function round(
  browser: Browser,
  app: { big: DemoHost; small: DemoHost },
  into: Figures | null,
): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: KEYS });
  const page = await context.newPage();
  const cold = await load(page, app.big.url());
  const filterMs = await filter(page, values.filter ?? 'genomics');
  await load(page, app.big.url());
  const warm = await load(page, app.big.url());
  await context.close();
  const smallContext = await browser.newContext({ viewport: VIEWPORT });
  const tiny = await load(await smallContext.newPage(), app.small.url());
  await smallContext.close();
  if (!into) return;
  into.coldFirstRows.push(cold.firstRows);
  into.coldListed.push(cold.listed);
  into.filter.push(filterMs);
  into.warmFirstRows.push(warm.firstRows);
  into.warmListed.push(warm.listed);
  into.smallFirstRows.push(tiny.firstRows);
  into.smallListed.push(tiny.listed);
}

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found');
const root = await mkdtemp(path.join(os.tmpdir(), 'companion-compare-'));
const before = await hosts(path.resolve(values.base), root);
const after = await hosts(PROJECT_ROOT, root);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
const load0 = os.loadavg()[0] ?? 0;
const figures = { before: empty(), after: empty() };
try {
  // One round of each first, not counted: both hosts and Chromium warm.
  await round(browser, before, null);
  await round(browser, after, null);
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    for (const which of order) {
      const app = which === 'before' ? before : after;
      await round(browser, app, figures[which]);
    }
    process.stderr.write(`round ${i + 1}/${rounds}: load ${os.loadavg()[0]?.toFixed(2)}\n`);
  }
} finally {
  await browser.close();
  for (const app of [before, after]) {
    await app.big.stop();
    await app.small.stop();
  }
  await rm(root, { recursive: true, force: true });
}

const row = (name: string, key: keyof Figures) => {
  const cell = (samples: number[]) => {
    const s = summarise(samples);
    return `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`;
  };
  return `| ${name} | ${cell(figures.before[key])} | ${cell(figures.after[key])} |`;
};
process.stdout.write(
  [
    `Interleaved, ${rounds} rounds each, ${new Date().toISOString()}, load ${load0.toFixed(2)} → ${os.loadavg()[0]?.toFixed(2)}, Chromium ${browser.version()}`,
    '',
    '| Window | Before | After |',
    '| --- | ---: | ---: |',
    row(`${totalJobs.toLocaleString('en')} jobs, cold: first rows painted`, 'coldFirstRows'),
    row(`${totalJobs.toLocaleString('en')} jobs, cold: every job listed`, 'coldListed'),
    row('filter → filtered table painted', 'filter'),
    row(`${totalJobs.toLocaleString('en')} jobs, warm start: first rows`, 'warmFirstRows'),
    row(`${totalJobs.toLocaleString('en')} jobs, warm start: every job listed`, 'warmListed'),
    row('32 jobs, cold: first rows painted', 'smallFirstRows'),
    row('32 jobs, cold: every job listed', 'smallListed'),
    '',
  ].join('\n'),
);
