/**
 * A loopback host over a build, with the demo account connected before any window opens (the window
 * then goes straight to the jobs), as the window benchmarks use it: 10,000 jobs over every region, or
 * the demo's 32. The host code may come from another checkout (bench/compare-window.ts loads a base
 * build's own), so it is passed in, and an address is asked in either build's way.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { SNOWBALL_REGIONS } from '../emulator';
import { runLoopbackHost } from '../electron/host/index';

interface AnyHost {
  host: { ticketUrl?: () => string; url?: string };
  service: { connect(source: { kind: 'demo' }): Promise<unknown> };
  stop(): Promise<void>;
}

/** The host code of a checkout: its runLoopbackHost and its demo data's regions. */
export interface HostCode {
  runLoopbackHost(options: Record<string, unknown>): Promise<AnyHost>;
  regions: readonly unknown[];
}

const THIS_BUILD: HostCode = {
  runLoopbackHost: runLoopbackHost as unknown as HostCode['runLoopbackHost'],
  regions: SNOWBALL_REGIONS,
};

export interface DemoHost {
  /** A fresh address to open the window at (a one-time ticket where the build uses them). */
  url(): string;
  stop(): Promise<void>;
}

export async function connectedDemoHost(options: {
  root: string;
  /** null: the demo account as it is (32 jobs). */
  totalJobs: number | null;
  /** The build to serve (default this checkout's out/). */
  outDir?: string;
  code?: HostCode;
}): Promise<DemoHost> {
  const code = options.code ?? THIS_BUILD;
  const dir = await mkdtemp(path.join(options.root, 'host-'));
  const app = await code.runLoopbackHost({
    ...(options.outDir ? { outDir: options.outDir } : {}),
    dataDir: path.join(dir, 'data'),
    // No AWS files of this machine: only the demo account.
    env: {
      HOME: dir,
      PATH: process.env.PATH,
      AWS_CONFIG_FILE: path.join(dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    demo:
      options.totalJobs === null
        ? { seed: 'bench' }
        : {
            seed: 'bench',
            jobsPerRegion: Math.ceil(options.totalJobs / code.regions.length),
            regions: code.regions,
          },
  });
  await app.service.connect({ kind: 'demo' });
  return {
    url: () => app.host.ticketUrl?.() ?? app.host.url ?? '',
    stop: () => app.stop(),
  };
}
