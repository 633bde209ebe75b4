/**
 * `npm run bench`: every benchmark, or `-- --only flow,window`; `-- --quick` for fewer runs. Prints a
 * table and writes JSON under bench/results/. Figures, not tests: nothing here fails on a missed goal.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { benchBundle } from './bundle';
import { benchFlow } from './flow';
import { describeMachine } from './machine';
import { PROJECT_ROOT } from './paths';
import { renderTable, writeReport, type Report } from './report';
import type { BenchResult } from './result';
import { benchScale } from './scale';
import { benchThroughput } from './throughput';
import { benchWindow } from './window';

const BENCHMARKS = ['flow', 'scale', 'window', 'bundle', 'throughput'] as const;
type BenchId = (typeof BENCHMARKS)[number];

const USAGE = `Usage: npm run bench [-- options]

  --only a,b        run only these: ${BENCHMARKS.join(', ')}
  --quick           fewer runs (a quick look; the figures move more)
  --runs N          runs per benchmark (overrides the defaults)
  --latency MS      latency the emulator adds to each request in the flow benchmark (default 40)
  --no-build        measure out/ as it is instead of running \`npm run build\` first
  -h, --help        this text`;

interface Options {
  only: BenchId[];
  quick: boolean;
  runs: number | null;
  latencyMs: number;
  build: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      latency: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...BENCHMARKS];
  const unknown = only.filter((id) => !(BENCHMARKS as readonly string[]).includes(id));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  const integer = (value: string | undefined, name: string, min: number): number | null => {
    if (value === undefined) return null;
    if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return Number(value);
  };
  return {
    only: only as BenchId[],
    quick: values.quick,
    runs: integer(values.runs, 'runs', 1),
    latencyMs: integer(values.latency, 'latency', 0) ?? 40,
    build: !values['no-build'],
  };
}

async function build(log: (line: string) => void): Promise<void> {
  log('Building (npm run build) so the window and the bundle are measured fresh…');
  await promisify(execFile)('npm', ['run', 'build'], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { quick } = options;
  const runs = (full: number, fewer: number) => options.runs ?? (quick ? fewer : full);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const loadStart = os.loadavg()[0] ?? 0;

  if (options.build && (options.only.includes('window') || options.only.includes('bundle'))) await build(log);

  const benchmarks: Record<BenchId, () => Promise<BenchResult>> = {
    flow: () =>
      benchFlow(
        {
          runs: runs(5, 2),
          cliRuns: runs(2, 1),
          latencyMs: options.latencyMs,
          jobsPerRegion: 300,
          pageSize: 100,
        },
        log,
      ),
    scale: () => benchScale({ runs: runs(5, 2), totalJobs: 10_000, pageSize: 100 }, log),
    window: () => benchWindow({ runs: runs(5, 2), totalJobs: 10_000, filterText: 'genomics' }, log),
    bundle: () => benchBundle(),
    throughput: () => benchThroughput({ runs: runs(5, 2), manifestBytes: 50 * 2 ** 20 }, log),
  };
  const results: BenchResult[] = [];
  for (const id of options.only) {
    log(`▶ ${id}`);
    try {
      results.push(await benchmarks[id]());
    } catch (error) {
      // One broken benchmark must not lose the others' figures.
      const message = error instanceof Error ? error.message : String(error);
      log(`  ${id} failed: ${message}`);
      results.push({ id, title: id, params: {}, metrics: [], notes: [], skipped: `failed: ${message}` });
      process.exitCode = 1;
    }
  }

  const report: Report = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    loadAverage: { start: loadStart, end: os.loadavg()[0] ?? 0 },
    options: { ...options },
    durationMs: performance.now() - started,
    results,
  };
  process.stdout.write(`\n${renderTable(report)}\n`);
  log(`JSON: ${await writeReport(report)}`);
}

await main();
