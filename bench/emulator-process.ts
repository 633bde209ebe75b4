/**
 * The emulator in a process of its own, so its work (SigV4 checks, paging, manifest bytes) does not share
 * the event loop, or the peak RSS, of the client being measured — as AWS does not. Reached through its
 * admin routes for the request log and the demo facts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ADMIN_SECRET_HEADER, type DemoSummary, type RequestRecord } from '../emulator';
import { PROJECT_ROOT } from './paths';

export interface EmulatorFlags {
  latencyMs?: number;
  jobsPerRegion?: number;
  regions?: readonly string[];
  manifestBytes?: number;
  seed?: string;
}

export interface EmulatorProcess {
  url: string;
  /** The request log (admin route), optionally filtered by operation. */
  requests(operation?: string): Promise<RequestRecord[]>;
  resetRequests(): Promise<void>;
  demo(): Promise<DemoSummary>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(flags: EmulatorFlags): Promise<EmulatorProcess> {
  const args = ['--import', 'tsx', path.join(PROJECT_ROOT, 'emulator/cli.ts'), '--quiet', '--port', '0'];
  if (flags.seed !== undefined) args.push('--seed', flags.seed);
  if (flags.latencyMs !== undefined) args.push('--latency', String(flags.latencyMs));
  if (flags.jobsPerRegion !== undefined) args.push('--jobs-per-region', String(flags.jobsPerRegion));
  if (flags.regions !== undefined) args.push('--regions', flags.regions.join(','));
  if (flags.manifestBytes !== undefined) args.push('--manifest-bytes', String(flags.manifestBytes));

  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const { url, secret } = await listening(child, () => stderr);

  const admin = async (route: string, method = 'GET'): Promise<unknown> => {
    const response = await fetch(`${url}/__admin${route}`, {
      method,
      headers: { [ADMIN_SECRET_HEADER]: secret },
    });
    if (!response.ok) throw new Error(`emulator admin ${method} ${route}: HTTP ${response.status}`);
    return response.json();
  };

  return {
    url,
    requests: async (operation) => {
      const query = operation ? `?operation=${encodeURIComponent(operation)}` : '';
      const body = (await admin(`/requests${query}`)) as { requests: RequestRecord[] };
      return body.requests;
    },
    resetRequests: async () => {
      await admin('/requests', 'DELETE');
    },
    demo: async () => (await admin('/demo')) as DemoSummary,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The CLI's two lines: `listening on URL` and `admin secret: S` (the admin routes' header for this launch). */
async function listening(
  child: ChildProcess,
  stderr: () => string,
): Promise<{ url: string; secret: string }> {
  const stdout = child.stdout;
  if (!stdout) throw new Error('the emulator has no stdout');
  const lines = createInterface({ input: stdout });
  let ready = false;
  const exited = once(child, 'exit').then(([code]): { url: string; secret: string } => {
    if (!ready) throw new Error(`the emulator exited (${String(code)}) before listening: ${stderr().trim()}`);
    return { url: '', secret: '' };
  });
  const first = (async () => {
    let url = '';
    for await (const line of lines) {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) url = match[1];
      const secret = /^admin secret: (\S+)$/.exec(line)?.[1];
      if (url && secret) {
        ready = true;
        return { url, secret };
      }
    }
    throw new Error(`the emulator closed its output before listening: ${stderr().trim()}`);
  })();
  return Promise.race([first, exited]);
}
