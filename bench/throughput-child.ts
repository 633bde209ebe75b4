/**
 * Child of throughput.ts: downloads one (large) manifest through core's downloadManifest into a temporary
 * folder twice. The first (cold) download also pays for loading Node's fetch; the second is sampled for
 * RSS every 10 ms, so its growth is what streaming the bytes costs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS } from '../emulator';
import { downloadManifest } from '../electron/core/manifest';
import { connect } from '../electron/core/session';
import { childInput, childOutput, peakRssMb, rssMb } from './child-process';

export interface ThroughputInput {
  endpoint: string;
  jobId: string;
  region: string;
}

export interface ThroughputOutput {
  bytes: number;
  coldMs: number;
  ms: number;
  baselineRssMb: number;
  /** Highest RSS sampled every 10 ms during the download. */
  sampledPeakRssMb: number;
  /** The kernel's high-water mark for the whole process. */
  peakRssMb: number;
}

const input = childInput<ThroughputInput>();
const session = await connect(
  { kind: 'session-keys', ...DEMO_CREDENTIALS },
  { endpoint: input.endpoint, homeRegion: 'us-east-1' },
);
const folder = await mkdtemp(path.join(os.tmpdir(), 'companion-bench-manifest-'));
const download = (fileName: string) =>
  downloadManifest(session, { jobId: input.jobId, region: input.region }, folder, {
    now: Date.now,
    fileName,
  });
async function measure(): Promise<ThroughputOutput> {
  const coldStart = performance.now();
  await download('cold.bin');
  const coldMs = performance.now() - coldStart;
  const baselineRssMb = rssMb();
  let sampled = baselineRssMb;
  const sampler = setInterval(() => (sampled = Math.max(sampled, rssMb())), 10);
  const start = performance.now();
  const result = await download('warm.bin');
  const ms = performance.now() - start;
  clearInterval(sampler);
  return {
    bytes: result.bytes,
    coldMs,
    ms,
    baselineRssMb,
    sampledPeakRssMb: Math.max(sampled, rssMb()),
    peakRssMb: peakRssMb(),
  };
}

let output: ThroughputOutput;
try {
  output = await measure();
} finally {
  session.close();
  await rm(folder, { recursive: true, force: true });
}
await childOutput(output);
