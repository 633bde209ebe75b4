import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { ListJobsCommand } from '@aws-sdk/client-snowball';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { ADMIN_SECRET_HEADER, DEMO_ACCOUNT_ID, DEMO_CREDENTIALS } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { rejectionOf, snowball, sts } from './helpers';

const CLI_TIMEOUT = 30_000;

/**
 * `npx` (npm exec) does not pass SIGTERM on to its grandchildren, so the npx-spawned emulator runs in its own
 * process group and the whole group is signalled, as a terminal's Ctrl-C would.
 */
function runNpx(args: string[]): ChildProcess {
  return spawn('npx', ['tsx', 'emulator/cli.ts', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** tsx itself relays signals to the emulator and exits with its code: used to check the clean exit status. */
function runTsx(args: string[]): ChildProcess {
  return spawn('node_modules/.bin/tsx', ['emulator/cli.ts', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finish(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** The two lines the CLI prints: where it listens, and this launch's admin secret. */
function listening(child: ChildProcess): Promise<{ url: string; secret: string }> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (d: Buffer): void => {
      buffered += d.toString();
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\nadmin secret: ([A-Za-z0-9_-]+)$/m.exec(buffered);
      if (m?.[1] && m[2]) {
        child.stdout?.off('data', onData);
        resolve({ url: m[1], secret: m[2] });
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Enough of Emulator for the SDK helpers, which only read the URL. */
const at = (url: string): Emulator => ({ url }) as Emulator;

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/__admin/demo`);
    return false;
  } catch {
    return true;
  }
}

describe('emulator CLI', () => {
  it(
    'npx tsx emulator/cli.ts --port 0 --quiet: prints where it listens and its admin secret, serves the SDK, stops on a signal',
    async () => {
      const child = runNpx(['--port', '0', '--quiet']);
      const done = finish(child);
      try {
        const { url, secret } = await listening(child);
        const jobs = await snowball(at(url), 'us-west-2').send(new ListJobsCommand({ MaxResults: 5 }));
        expect(jobs.JobListEntries).toHaveLength(5);
        const me = await sts(at(url)).send(new GetCallerIdentityCommand({}));
        expect(me.Account).toBe(DEMO_ACCOUNT_ID);
        expect((await fetch(`${url}/__admin/demo`)).status).toBe(403);
        const demo = await fetch(`${url}/__admin/demo`, { headers: { [ADMIN_SECRET_HEADER]: secret } });
        expect(demo.status).toBe(200);
        killGroup(child, 'SIGTERM');
        const { stdout, stderr } = await done;
        expect(stdout.trim().split('\n')).toEqual([`listening on ${url}`, `admin secret: ${secret}`]);
        expect(stderr).toBe('');
        expect(await refusesConnections(url)).toBe(true);
      } finally {
        killGroup(child, 'SIGKILL');
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'applies flags, logs one line per request without secrets, and exits 0 on SIGINT and SIGTERM',
    async () => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const child = runTsx([
          '--port',
          '0',
          '--seed',
          'cli',
          '--jobs-per-region',
          '4',
          '--regions',
          'eu-north-1',
          '--fault',
          'ListJobs@eu-north-1:throttle:1',
        ]);
        const done = finish(child);
        try {
          const { url } = await listening(child);
          const throttled = await rejectionOf(
            snowball(at(url), 'eu-north-1', { maxAttempts: 1 }).send(new ListJobsCommand({})),
          );
          expect(throttled.name).toBe('ThrottlingException');
          const res = await snowball(at(url), 'eu-north-1').send(new ListJobsCommand({}));
          expect(res.JobListEntries).toHaveLength(4);
          child.kill(signal);
          const { code, stderr } = await done;
          expect([signal, code]).toEqual([signal, 0]);
          expect(stderr).toMatch(/^POST ListJobs eu-north-1 400 \d+ms ThrottlingException fault=throttle$/m);
          expect(stderr).toMatch(/^POST ListJobs eu-north-1 200 \d+ms$/m);
          expect(stderr).toContain(`${signal}: stopping`);
          expect(stderr).not.toContain(DEMO_CREDENTIALS.secretAccessKey);
          expect(stderr).not.toMatch(/Signature=|X-Amz-Signature/);
        } finally {
          child.kill('SIGKILL');
        }
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'prints usage for --help and exits 2 on bad flags',
    async () => {
      const help = await finish(runTsx(['--help']));
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: npm run emulator -- [options]');
      expect(help.stdout).toContain('--jobs-per-region N');
      const cases: Array<[string[], RegExp]> = [
        [['--bogus'], /Unknown option '--bogus'/],
        [['--port', 'abc'], /--port must be a non-negative integer/],
        [['--fault', 'ListJobs:explode'], /--fault: .*kind must be one of/],
        [['--regions', 'mars-north-1'], /--regions: unknown region 'mars-north-1'/],
      ];
      const results = await Promise.all(cases.map(([args]) => finish(runTsx(args))));
      results.forEach((r, i) => {
        const [args, message] = cases[i] ?? [[], /^$/];
        expect([args, r.code]).toEqual([args, 2]);
        expect(r.stderr).toMatch(message);
        expect(r.stdout).toBe('');
      });
    },
    CLI_TIMEOUT,
  );
});
