/**
 * `npx tsx bench/trace-window.ts [--jobs N] [--runs N] [--warm]`: where the window's start-up time goes.
 * Loads the built renderer the way the window benchmark does (loopback host, demo account, N jobs) with a
 * Chromium performance trace, and prints the main thread's work up to the first job rows: each script's
 * compile and evaluation, style sheets, the renderer's own marks, layout, paint, and the longest tasks.
 * Pass `--warm` to measure a page load in a context that has loaded the app before (caches filled).
 * A tool for finding the floor, not a benchmark: `npm run bench` gives the figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { connectedDemoHost } from './demo-host';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '1' },
    warm: { type: 'boolean', default: false },
    /** Also a CPU profile: self time per function from navigation to the first rows (build with COMPANION_PROFILE=1 for names). */
    profile: { type: 'boolean', default: false },
  },
});
const totalJobs = Number(values.jobs);

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found');
const root = await mkdtemp(path.join(os.tmpdir(), 'companion-trace-'));
// --jobs 0: the demo account as it is (32 jobs).
const app = await connectedDemoHost({ root, totalJobs: totalJobs > 0 ? totalJobs : null });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    if (values.warm) {
      for (let i = 0; i < 2; i++) {
        await page.goto(app.url());
        await page.waitForFunction(() => performance.getEntriesByName('jobs:listed').length > 0);
        await page.goto('about:blank');
      }
    }
    const cdp = values.profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'v8',
        'v8.execute',
        'loading',
        'blink',
      ],
    });
    await page.goto(app.url());
    await page.waitForFunction(() => performance.getEntriesByName('jobs:listed').length > 0, null, {
      timeout: 120_000,
      polling: 500,
    });
    const marks = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .concat(performance.getEntriesByType('measure'))
        .map((e) => ({ name: e.name, at: e.startTime, dur: e.duration })),
    );
    const buffer = await browser.stopTracing();
    const profile = cdp ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile : null;
    await context.close();
    summarise(JSON.parse(buffer.toString('utf8')).traceEvents as TraceEvent[], marks);
    if (profile) {
      const firstRows = marks.find((m) => m.name === 'jobs:first-rows')?.at ?? Infinity;
      const firstPage = marks.find((m) => m.name === 'jobs:first-page')?.at ?? 0;
      selfTimes(profile, 'navigation → first rows', 0, firstRows, marks);
      selfTimes(profile, 'first page → first rows', firstPage, firstRows, marks);
      const listed = marks.find((m) => m.name === 'jobs:listed')?.at ?? Infinity;
      selfTimes(profile, 'first rows → every job listed', firstRows, listed, marks);
    }
  }
} finally {
  await browser.close();
  await app.stop();
  await rm(root, { recursive: true, force: true });
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (and per script) in a window of the page's time line, from the CPU profile. */
function selfTimes(
  profile: CpuProfile,
  title: string,
  fromMs: number,
  toMs: number,
  marks: { name: string; at: number }[],
): void {
  // The profile's clock is the trace clock; the boot mark ties it to the page's time line.
  const boot = marks.find((m) => m.name === 'start:boot')?.at ?? 0;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const perFunction = new Map<string, number>();
  const perScript = new Map<string, number>();
  let t = profile.startTime;
  let bootAt: number | null = null;
  const times: { node: number; at: number; dt: number }[] = [];
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    times.push({ node: id, at: t, dt });
    const frame = byId.get(id)?.callFrame;
    if (bootAt === null && frame?.url.includes('/assets/index-')) bootAt = t;
  });
  const offset = (bootAt ?? profile.startTime) / 1000 - boot;
  for (const { node, at, dt } of times) {
    const ms = at / 1000 - offset;
    if (ms < fromMs || ms > toMs) continue;
    const frame = byId.get(node)?.callFrame;
    if (!frame) continue;
    const script = frame.url.replace(/^https?:\/\/[^/]+/, '') || `(${frame.functionName || 'program'})`;
    const name = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber}`;
    perFunction.set(name, (perFunction.get(name) ?? 0) + dt / 1000);
    perScript.set(script, (perScript.get(script) ?? 0) + dt / 1000);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k}`)
      .join('\n');
  process.stdout.write(
    `— CPU, ${title}: per script —\n${top(perScript, 8)}\n— per function —\n${top(perFunction, 25)}\n`,
  );
}

function summarise(events: TraceEvent[], marks: { name: string; at: number; dur: number }[]): void {
  // The renderer's main thread is where the page's navigation start is recorded.
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  if (!nav) throw new Error('no navigationStart in the trace');
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid);
  const t0 = nav.ts;
  const firstRows = marks.find((m) => m.name === 'jobs:first-rows')?.at ?? Infinity;
  const ms = (us: number) => (us / 1000).toFixed(1).padStart(7);
  const rows: string[] = [];
  const interesting = new Set([
    'EvaluateScript',
    'v8.compile',
    'v8.compileModule',
    'v8.evaluateModule',
    'ParseAuthorStyleSheet',
    'ParseHTML',
    'UpdateLayoutTree',
    'Layout',
    'Paint',
    'PrePaint',
    'Commit',
    'FunctionCall',
    'TimerFire',
    'EventDispatch',
    'FireAnimationFrame',
    'v8.run',
    'RunMicrotasks',
    'ResourceReceiveResponse',
    'ResourceFinish',
  ]);
  for (const e of main) {
    if (e.ph !== 'X' || !interesting.has(e.name)) continue;
    const at = (e.ts - t0) / 1000;
    if (at > firstRows + 50 || (e.dur ?? 0) < 2000) continue;
    const data = e.args?.data ?? e.args?.beginData ?? {};
    const what = String(
      data.url ?? data.fileName ?? data.functionName ?? data.type ?? data.styleSheetUrl ?? '',
    )
      .replace(/^https?:\/\/[^/]+/, '')
      .slice(0, 60);
    rows.push(`${ms(e.ts - t0)} ms  +${ms(e.dur ?? 0)} ms  ${e.name} ${what}`);
  }
  process.stdout.write(
    `\n— page load: main-thread slices ≥ 2 ms up to the first rows —\n${rows.join('\n')}\n`,
  );
  const userMarks = marks
    .filter((m) => !m.name.startsWith('bench:'))
    .map((m) => `${m.at.toFixed(1).padStart(7)} ms  ${m.dur ? `+${m.dur.toFixed(1)} ms  ` : ''}${m.name}`);
  process.stdout.write(`— marks —\n${userMarks.join('\n')}\n`);
  const busy = main
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= t0 && (e.ts - t0) / 1000 <= firstRows)
    .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  process.stdout.write(
    `main thread busy before the first rows: ${(busy / 1000).toFixed(0)} ms of ${firstRows.toFixed(0)} ms\n`,
  );
}
