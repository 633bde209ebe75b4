/**
 * Manifest throughput: one 50 MB manifest through core's downloadManifest (GetJobManifest, then the
 * presigned URL streamed to a temporary file, hashed, fsynced, moved into place), in a child process so
 * the memory figure is the download's own. Memory should stay flat: the file is never held whole.
 */
import { runChild } from './child-process';
import { startEmulatorProcess } from './emulator-process';
import { metric, type BenchResult } from './result';
import type { ThroughputInput, ThroughputOutput } from './throughput-child';

export interface ThroughputOptions {
  runs: number;
  manifestBytes: number;
}

const MB = 2 ** 20;
/** A streamed download holds a few 64 KiB chunks at a time; anything near the file's size is not flat. */
const FLAT_MB = 16;

export async function benchThroughput(
  options: ThroughputOptions,
  log: (line: string) => void,
): Promise<BenchResult> {
  const emulator = await startEmulatorProcess({ manifestBytes: options.manifestBytes });
  try {
    const demo = await emulator.demo();
    const region = 'us-west-2';
    const jobId = demo.withCustomer[region]?.find((id) => id !== demo.expiredJobId);
    if (!jobId) throw new Error(`the emulator has no delivered job in ${region}`);
    const runs: ThroughputOutput[] = [];
    for (let run = 0; run < options.runs; run++) {
      const input: ThroughputInput = { endpoint: emulator.url, jobId, region };
      const out = await runChild<ThroughputOutput>('throughput-child.ts', input);
      if (out.bytes !== options.manifestBytes)
        throw new Error(`downloaded ${out.bytes} bytes, expected ${options.manifestBytes}`);
      runs.push(out);
      log(
        `  throughput run ${run + 1}/${options.runs}: ${(out.bytes / MB / (out.ms / 1000)).toFixed(0)} MB/s`,
      );
    }
    return {
      id: 'throughput',
      title: `Manifest throughput (${(options.manifestBytes / MB).toFixed(0)} MB, no latency, child process)`,
      params: { manifestBytes: options.manifestBytes },
      metrics: [
        metric(
          'first download (cold)',
          'ms',
          runs.map((r) => r.coldMs),
        ),
        metric(
          '  throughput',
          'MB/s',
          runs.map((r) => r.bytes / MB / (r.coldMs / 1000)),
        ),
        metric(
          'second download',
          'ms',
          runs.map((r) => r.ms),
        ),
        metric(
          '  throughput',
          'MB/s',
          runs.map((r) => r.bytes / MB / (r.ms / 1000)),
        ),
        metric(
          '  RSS before it',
          'MB',
          runs.map((r) => r.baselineRssMb),
        ),
        metric(
          '  RSS growth during it',
          'MB',
          runs.map((r) => r.sampledPeakRssMb - r.baselineRssMb),
          {
            atMost: FLAT_MB,
            text: `flat: ≤ ${FLAT_MB} MB`,
          },
        ),
        metric(
          'peak RSS of the process',
          'MB',
          runs.map((r) => r.peakRssMb),
        ),
      ],
      notes: [
        'The first download also loads Node’s fetch (undici) and warms the JIT; the second shows the streaming’s own memory. Both include GetJobManifest, SHA-256 of every byte, the fsync and the rename; the emulator generates the bytes in its own process.',
      ],
    };
  } finally {
    await emulator.stop();
  }
}
