/**
 * The window at scale: the built renderer in Chromium through the loopback host (the same composition as
 * the app), connected to the demo account with 10,000 jobs. Figures come from the Performance marks the
 * renderer sets (renderer/src/perf-marks.ts): navigation → first rows painted, → the whole listing
 * painted, and a filter keystroke (Enter) → the filtered table painted. Typing latency (keydown → next
 * paint) is measured here, from the events themselves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { SNOWBALL_REGIONS } from '../emulator';
import { runLoopbackHost } from '../electron/host/index';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { metric, type BenchResult } from './result';

export interface WindowOptions {
  runs: number;
  totalJobs: number;
  /** Typed into the filter, then Enter. */
  filterText: string;
}

const GOALS = { firstPaintMs: 300, filterMs: 50 };

interface Run {
  firstRowsMs: number;
  listedMs: number;
  filterMs: number;
  filterRendererMs: number;
  typingMaxMs: number;
  shown: string;
  matches: string;
}

/**
 * Installed before the page's own scripts: keydown → next paint for every key, and Enter's timestamp.
 * A string because it runs in the page (this file is type-checked for Node, without the DOM's types).
 */
const KEYSTROKE_PROBE = `
window.addEventListener('keydown', (event) => {
  const start = event.timeStamp;
  if (event.key === 'Enter') performance.mark('bench:enter', { startTime: start });
  requestAnimationFrame(() => setTimeout(() => performance.measure('bench:key:' + event.key, { start, end: performance.now() }), 0));
}, true);`;

async function waitForEntry(page: Page, name: string, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    (entry) => {
      const found = performance.getEntriesByName(entry).at(-1);
      return found ? found.startTime + found.duration : false;
    },
    name,
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

async function oneRun(page: Page, url: string, filterText: string): Promise<Run> {
  await page.addInitScript({ content: KEYSTROKE_PROBE });
  await page.goto(url);
  const firstRowsMs = await waitForEntry(page, 'jobs:first-rows');
  const listedMs = await waitForEntry(page, 'jobs:listed');
  const shown = (await page.getByRole('heading', { name: /^Jobs/ }).first().textContent()) ?? '';

  const filter = page.getByLabel('Filter jobs');
  await filter.click();
  await filter.pressSequentially(filterText, { delay: 30 });
  // Let the suggestions settle so the Enter measures the filter alone.
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const filterEnd = await waitForEntry(page, 'jobs:filter-end');
  const figures = await page.evaluate(() => {
    const enter = performance.getEntriesByName('bench:enter').at(-1)?.startTime ?? Number.NaN;
    const renderer = performance.getEntriesByName('jobs:filter').at(-1)?.duration ?? Number.NaN;
    const typing = performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('bench:key:') && m.name.length === 'bench:key:'.length + 1)
      .map((m) => m.duration);
    return { enter, renderer, typingMax: Math.max(...typing) };
  });
  const matches =
    (await page
      .getByText(/\d+ matches/)
      .first()
      .textContent()) ?? '';
  return {
    firstRowsMs,
    listedMs,
    filterMs: filterEnd - figures.enter,
    filterRendererMs: figures.renderer,
    typingMaxMs: figures.typingMax,
    shown,
    matches,
  };
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
  const app = await runLoopbackHost({
    dataDir: path.join(root, 'data'),
    // No AWS files of this machine: only the demo account.
    env: {
      HOME: root,
      PATH: process.env.PATH,
      AWS_CONFIG_FILE: path.join(root, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    demo: {
      seed: 'bench',
      jobsPerRegion: Math.ceil(options.totalJobs / SNOWBALL_REGIONS.length),
      regions: SNOWBALL_REGIONS,
    },
  });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    // Connected before the window opens: the window goes straight to the jobs and lists them.
    await app.service.connect({ kind: 'demo' });
    const runs: Run[] = [];
    for (let run = -1; run < options.runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      try {
        const figures = await oneRun(await context.newPage(), app.host.ticketUrl(), options.filterText);
        if (run >= 0) {
          runs.push(figures);
          log(
            `  window run ${run + 1}/${options.runs}: first rows ${Math.round(figures.firstRowsMs)} ms, filter ${Math.round(figures.filterMs)} ms`,
          );
        }
      } finally {
        await context.close();
      }
    }
    const last = runs.at(-1);
    return {
      id: 'window',
      title: `The window (${options.totalJobs.toLocaleString('en')} jobs, Chromium ${browser.version()}, loopback host)`,
      params: {
        totalJobs: options.totalJobs,
        chromium: browser.version(),
        filterText: options.filterText,
        tableHeader: last?.shown ?? '',
        filterMatches: last?.matches ?? '',
      },
      metrics: [
        metric(
          'navigation → first rows painted',
          'ms',
          runs.map((r) => r.firstRowsMs),
          {
            atMost: GOALS.firstPaintMs,
            text: `≤ ${GOALS.firstPaintMs} ms`,
          },
        ),
        metric(
          'navigation → every job listed and painted',
          'ms',
          runs.map((r) => r.listedMs),
        ),
        metric(
          'filter: Enter keystroke → table painted',
          'ms',
          runs.map((r) => r.filterMs),
          {
            atMost: GOALS.filterMs,
            text: `≤ ${GOALS.filterMs} ms`,
          },
        ),
        metric(
          '  of which the filter change → painted',
          'ms',
          runs.map((r) => r.filterRendererMs),
        ),
        metric(
          'typing in the filter: slowest keystroke → paint',
          'ms',
          runs.map((r) => r.typingMaxMs),
        ),
      ],
      notes: [
        `Viewport 1440×900, headless, ${CHROMIUM_ARGS.join(' ')}. The demo emulator runs in the host's process without latency.`,
        `Filter: "${options.filterText}" typed, then Enter (a free-text token); the table shows ${last?.matches ?? '?'}.`,
      ],
    };
  } finally {
    await browser.close();
    await app.stop();
    await rm(root, { recursive: true, force: true });
  }
}
