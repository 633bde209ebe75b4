/**
 * The window: the built renderer in Chromium through the loopback host (the same composition as the app),
 * connected to the demo account before the page opens, so it goes straight to the jobs. Figures come from
 * the Performance marks the renderer sets (renderer/src/perf-marks.ts) and from the key events themselves:
 *
 * - 10,000 jobs, cold: a fresh browser context (no cache) per run: navigation → first rows painted,
 *   → every job listed and painted; then "genomics" typed into the search, each keystroke → the filtered
 *   table painted (the list filters as one types).
 * - 10,000 jobs, warm second start: the same context loads the window again (HTTP and V8 code caches
 *   filled by the earlier loads), as a person opening the app a second time.
 * - the small account (the demo's 32 jobs), cold: first rows and every job listed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { connectedDemoHost, type DemoHost } from './demo-host';
import { metric, type BenchResult } from './result';

export interface WindowOptions {
  runs: number;
  totalJobs: number;
  /** Typed into the search, one key at a time. */
  filterText: string;
}

const GOALS = { firstPaintMs: 300, filterMs: 50 };
const VIEWPORT = { width: 1440, height: 900 };

/**
 * Installed before the page's own scripts: every key's event time as a mark, and keydown → the next
 * paint. A string because it runs in the page (this file is type-checked for Node, without the DOM).
 */
const KEYSTROKE_PROBE = `
window.addEventListener('keydown', (event) => {
  const start = event.timeStamp;
  performance.mark('bench:keydown', { startTime: start });
  requestAnimationFrame(() => setTimeout(() => performance.measure('bench:key:' + event.key, { start, end: performance.now() }), 0));
}, true);`;

async function waitForEntry(page: Page, name: string, count = 1, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([entry, n]) => {
      const found = performance.getEntriesByName(entry as string);
      return found.length >= (n as number) ? (found[(n as number) - 1]?.startTime ?? false) : false;
    },
    [name, count] as const,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

interface Load {
  firstRowsMs: number;
  listedMs: number;
  heading: string;
  /** Where the time to the first rows went: each moment from navigation, in ms. */
  steps: Record<string, number>;
}

/** The moments of a load, in order: the browser's navigation timing, then the renderer's marks. */
export const STEPS = [
  ['requestStart', 'request sent'],
  ['responseEnd', 'page received'],
  ['start:boot', 'first module runs'],
  ['domInteractive', 'document parsed'],
  ['start:answered', 'main answered the start-up calls'],
  ['jobs:first-page', 'first page of jobs received'],
  ['jobs:first-rows', 'first rows painted'],
] as const;

async function load(page: Page, url: string): Promise<Load> {
  // Through a blank page: the address differs only in its fragment, which would not load the page again.
  await page.goto('about:blank');
  await page.goto(url);
  const firstRowsMs = await waitForEntry(page, 'jobs:first-rows');
  const listedMs = await waitForEntry(page, 'jobs:listed');
  const heading = (await page.locator('#jobs-heading').textContent()) ?? '';
  const steps = await page.evaluate(
    (names) => {
      // In the page: the DOM's performance (this file is typed with Node's, which has no navigation entry).
      const timeline = performance as unknown as { getEntriesByType(type: string): unknown[] };
      const nav = timeline.getEntriesByType('navigation')[0] as Record<string, number> | undefined;
      return Object.fromEntries(
        names.map((name) => [
          name,
          nav?.[name] ?? performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
        ]),
      );
    },
    STEPS.map(([name]) => name),
  );
  return { firstRowsMs, listedMs, heading, steps };
}

interface Filtering {
  /** Each keystroke → the filtered table painted. */
  keystrokesMs: number[];
  /** The renderer's own measure of the last one (filter change → painted). */
  rendererMs: number;
  /** keydown → next paint, slowest key. */
  typingMaxMs: number;
  matches: string;
}

async function filter(page: Page, text: string): Promise<Filtering> {
  const search = page.getByLabel('Find jobs');
  await search.click();
  const keystrokesMs: number[] = [];
  for (const [index, key] of [...text].entries()) {
    await page.keyboard.press(key);
    const end = await waitForEntry(page, 'jobs:filter-end', index + 1);
    const keydown = await page.evaluate(
      (n) => performance.getEntriesByName('bench:keydown')[n]?.startTime ?? Number.NaN,
      index,
    );
    keystrokesMs.push(end - keydown);
    await page.waitForTimeout(30);
  }
  const figures = await page.evaluate(() => ({
    renderer: performance.getEntriesByName('jobs:filter').at(-1)?.duration ?? Number.NaN,
    typing: performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('bench:key:'))
      .map((m) => m.duration),
  }));
  const matches = (await page.locator('.sc-jobs__count').textContent()) ?? '';
  return { keystrokesMs, rendererMs: figures.renderer, typingMaxMs: Math.max(...figures.typing), matches };
}

interface Run {
  cold: Load;
  filtering: Filtering;
  warm: Load;
  small: Load;
}

async function oneRun(browser: Browser, big: DemoHost, small: DemoHost, text: string): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: KEYSTROKE_PROBE });
    const page = await context.newPage();
    const cold = await load(page, big.url());
    const filtering = await filter(page, text);
    // Twice more in the same context: Chromium makes its code cache on a script's second load and uses
    // it from the third; the third is what a person opening the app again meets.
    await load(page, big.url());
    const warm = await load(page, big.url());
    const smallContext = await browser.newContext({ viewport: VIEWPORT });
    try {
      return {
        cold,
        filtering,
        warm,
        small: await load(await smallContext.newPage(), small.url()),
      };
    } finally {
      await smallContext.close();
    }
  } finally {
    await context.close();
  }
}

export async function benchWindow(options: WindowOptions, log: (line: string) => void): Promise<BenchResult> {
  const executablePath = findChromium();
  if (!executablePath) {
    return {
      id: 'window',
      title: 'The window',
      params: {},
      metrics: [],
      notes: [],
      skipped: 'no Chromium found (set CHROMIUM_PATH or install chromium)',
    };
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'companion-bench-window-'));
  const big = await connectedDemoHost({ root, totalJobs: options.totalJobs });
  const small = await connectedDemoHost({ root, totalJobs: null });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const runs: Run[] = [];
    // The first run warms Chromium and the host and is not counted.
    for (let run = -1; run < options.runs; run++) {
      const figures = await oneRun(browser, big, small, options.filterText);
      if (run < 0) continue;
      runs.push(figures);
      log(
        `  window run ${run + 1}/${options.runs}: first rows ${Math.round(figures.cold.firstRowsMs)} ms ` +
          `(warm ${Math.round(figures.warm.firstRowsMs)}, 32 jobs ${Math.round(figures.small.firstRowsMs)}), ` +
          `slowest filter keystroke ${Math.round(Math.max(...figures.filtering.keystrokesMs))} ms`,
      );
    }
    const last = runs.at(-1);
    const jobs = options.totalJobs.toLocaleString('en');
    return {
      id: 'window',
      title: `The window (Chromium ${browser.version()}, loopback host)`,
      params: {
        totalJobs: options.totalJobs,
        chromium: browser.version(),
        filterText: options.filterText,
        tableHeading: last?.cold.heading ?? '',
        smallHeading: last?.small.heading ?? '',
        filterMatches: last?.filtering.matches ?? '',
      },
      metrics: [
        metric(
          `${jobs} jobs, cold: navigation → first rows painted`,
          'ms',
          runs.map((r) => r.cold.firstRowsMs),
          { atMost: GOALS.firstPaintMs, text: `≤ ${GOALS.firstPaintMs} ms` },
        ),
        metric(
          `${jobs} jobs, cold: navigation → every job listed and painted`,
          'ms',
          runs.map((r) => r.cold.listedMs),
        ),
        metric(
          `${jobs} jobs: filter, slowest keystroke → filtered table painted`,
          'ms',
          runs.map((r) => Math.max(...r.filtering.keystrokesMs)),
          { atMost: GOALS.filterMs, text: `≤ ${GOALS.filterMs} ms` },
        ),
        metric(
          `${jobs} jobs: filter, median keystroke → filtered table painted`,
          'ms',
          runs.map((r) => median(r.filtering.keystrokesMs)),
        ),
        metric(
          '  of which the filter change → painted (last key)',
          'ms',
          runs.map((r) => r.filtering.rendererMs),
        ),
        metric(
          `${jobs} jobs: typing, slowest keystroke → next paint`,
          'ms',
          runs.map((r) => r.filtering.typingMaxMs),
        ),
        metric(
          `${jobs} jobs, warm second start: navigation → first rows painted`,
          'ms',
          runs.map((r) => r.warm.firstRowsMs),
          { atMost: GOALS.firstPaintMs, text: `≤ ${GOALS.firstPaintMs} ms` },
        ),
        metric(
          `${jobs} jobs, warm second start: navigation → every job listed`,
          'ms',
          runs.map((r) => r.warm.listedMs),
        ),
        metric(
          'small account (32 jobs), cold: navigation → first rows painted',
          'ms',
          runs.map((r) => r.small.firstRowsMs),
          { atMost: GOALS.firstPaintMs, text: `≤ ${GOALS.firstPaintMs} ms` },
        ),
        metric(
          'small account (32 jobs), cold: navigation → every job listed',
          'ms',
          runs.map((r) => r.small.listedMs),
        ),
      ],
      notes: [
        `Viewport ${VIEWPORT.width}×${VIEWPORT.height}, headless, ${CHROMIUM_ARGS.join(' ')}. The demo emulator runs in the host's process without latency.`,
        ...(['cold', 'warm', 'small'] as const).map(
          (which) =>
            `Steps, ${which} (medians, ms from navigation): ` +
            STEPS.map(
              ([name, words]) =>
                `${words} ${Math.round(median(runs.map((r) => r[which].steps[name] ?? Number.NaN)))}`,
            ).join(' → '),
        ),
        `Filter: "${options.filterText}" typed into the search one key at a time; the table shows ${last?.filtering.matches ?? '?'}.`,
        'Warm: the third load in one browser context (Chromium keeps compiled code from the second load on).',
      ],
    };
  } finally {
    await browser.close();
    await big.stop();
    await small.stop();
    await rm(root, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}
