/**
 * Listing at scale: 10,000 jobs in one region, then 10,000 spread over every Snowball region, listed by
 * core in a child process (so its RSS is its own) from an emulator in another (no latency: this measures
 * core's own cost, not the network's).
 */
import { SNOWBALL_REGIONS } from '../emulator';
import { defaultRegions } from '../electron/core/regions';
import { runChild } from './child-process';
import { startEmulatorProcess } from './emulator-process';
import { metric, type BenchResult } from './result';
import type { ScaleInput, ScaleOutput } from './scale-child';

export interface ScaleOptions {
  runs: number;
  totalJobs: number;
  pageSize: number;
}

interface Scenario {
  name: string;
  /** Where the generated jobs go. */
  jobRegions: readonly string[];
  /** What core is asked to list. */
  listRegions: string[];
}

export async function benchScale(options: ScaleOptions, log: (line: string) => void): Promise<BenchResult> {
  const scenarios: Scenario[] = [
    { name: 'one region (eu-west-1)', jobRegions: ['eu-west-1'], listRegions: ['eu-west-1'] },
    {
      name: `${SNOWBALL_REGIONS.length} regions`,
      jobRegions: SNOWBALL_REGIONS,
      listRegions: defaultRegions(),
    },
  ];
  const result: BenchResult = {
    id: 'scale',
    title: `Listing at scale (${options.totalJobs.toLocaleString('en')} jobs, no latency, child process)`,
    params: { totalJobs: options.totalJobs, pageSize: options.pageSize },
    metrics: [],
    notes: [
      'Cold: the first listing after connecting; warm: a second one (Refresh). Peak RSS: the child process up to the end of the cold listing; before: after connecting.',
    ],
  };
  for (const scenario of scenarios) {
    const emulator = await startEmulatorProcess({
      jobsPerRegion: Math.ceil(options.totalJobs / scenario.jobRegions.length),
      regions: scenario.jobRegions,
    });
    try {
      const runs: ScaleOutput[] = [];
      for (let run = 0; run < options.runs; run++) {
        const input: ScaleInput = {
          endpoint: emulator.url,
          regions: scenario.listRegions,
          pageSize: options.pageSize,
        };
        runs.push(await runChild<ScaleOutput>('scale-child.ts', input));
        log(
          `  scale ${scenario.name} run ${run + 1}/${options.runs}: ${Math.round(runs.at(-1)?.coldMs ?? 0)} ms`,
        );
      }
      const jobs = runs[0]?.jobs ?? 0;
      const requests = (await emulator.requests('ListJobs')).length / Math.max(1, options.runs * 2);
      result.metrics.push(
        metric(
          `${scenario.name}: ${jobs} jobs, cold`,
          'ms',
          runs.map((r) => r.coldMs),
        ),
        metric(
          '  warm',
          'ms',
          runs.map((r) => r.warmMs),
        ),
        metric(
          '  client CPU (cold)',
          'ms',
          runs.map((r) => r.cpuMs),
        ),
        metric(
          '  RSS before listing',
          'MB',
          runs.map((r) => r.baselineRssMb),
        ),
        metric(
          '  peak RSS',
          'MB',
          runs.map((r) => r.peakRssMb),
        ),
        metric('  ListJobs requests per listing', 'requests', [requests]),
      );
    } finally {
      await emulator.stop();
    }
  }
  return result;
}
