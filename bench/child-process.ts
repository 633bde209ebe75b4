/**
 * Runs one measurement in a fresh Node process (through tsx) so its peak RSS is its own: no emulator, no
 * earlier benchmark, no Chromium in the figure. The child gets its input as JSON in argv and prints one
 * JSON line.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './paths';

const run = promisify(execFile);

export async function runChild<T>(file: string, input: unknown): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', file), JSON.stringify(input)],
    { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  );
  const line = stdout.trim().split('\n').at(-1);
  if (!line) throw new Error(`${file} printed nothing`);
  return JSON.parse(line) as T;
}

/** In the child: its input. */
export function childInput<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('this file runs as a benchmark child: give its input as JSON');
  return JSON.parse(raw) as T;
}

/** In the child: its answer, one line, then exit (open sockets must not keep it alive). */
export async function childOutput(value: unknown): Promise<void> {
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(value)}\n`, () => resolve()));
  process.exit(0);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

export function rssMb(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}
