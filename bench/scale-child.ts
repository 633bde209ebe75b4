/**
 * Child of scale.ts: lists every job of the given regions through core, twice: the first listing after
 * connecting (cold: what the window's first load costs, and the one whose peak RSS is reported), then a
 * second one (warm: a Refresh).
 */
import { DEMO_CREDENTIALS } from '../emulator';
import { listJobs } from '../electron/core/jobs';
import { connect } from '../electron/core/session';
import { childInput, childOutput, peakRssMb, rssMb } from './child-process';

export interface ScaleInput {
  endpoint: string;
  regions: string[];
  pageSize: number;
}

export interface ScaleOutput {
  jobs: number;
  coldMs: number;
  warmMs: number;
  /** Client CPU time of the cold listing. */
  cpuMs: number;
  /** After connecting (SDK loaded), before listing. */
  baselineRssMb: number;
  /** Highest RSS of the process up to the end of the cold listing. */
  peakRssMb: number;
}

const input = childInput<ScaleInput>();
const session = await connect(
  { kind: 'session-keys', ...DEMO_CREDENTIALS },
  { endpoint: input.endpoint, homeRegion: 'us-east-1' },
);

async function timedListing(): Promise<{ ms: number; cpuMs: number; jobs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const listing = await listJobs(session, input.regions, { now: Date.now(), pageSize: input.pageSize });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (listing.failures.length > 0) throw new Error(`regions failed: ${JSON.stringify(listing.failures)}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, jobs: listing.jobs.length };
}

const baselineRssMb = rssMb();
const cold = await timedListing();
const peak = peakRssMb();
const warm = await timedListing();
session.close();
const output: ScaleOutput = {
  jobs: cold.jobs,
  coldMs: cold.ms,
  warmMs: warm.ms,
  cpuMs: cold.cpuMs,
  baselineRssMb,
  peakRssMb: peak,
};
await childOutput(output);
