/**
 * The demo account's site: simulated Snowball Edge devices on a made-up network, so a newcomer walks the
 * whole flow to UNLOCKED without a device. Addresses come from 192.0.2.0/24 (TEST-NET-1, reserved for
 * documentation, never routed): one standalone device and a five-node cluster, as the demo jobs need.
 * Each device keeps its unlock state per job (a device unlocks for the job whose manifest and code it
 * was given) and unlocks over time like a real one: LOCKED, UNLOCKING for some seconds, UNLOCKED; the
 * nodes of a cluster one after another. One HTTP listener on 127.0.0.1 stands for every device's
 * management port (9091), so the app's connection check reaches something real; it is the place an S3
 * endpoint for the devices can grow later.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SIMULATED_DEVICE = '192.0.2.10';
export const SIMULATED_CLUSTER = ['192.0.2.21', '192.0.2.22', '192.0.2.23', '192.0.2.24', '192.0.2.25'];

export type SimulatedState = 'LOCKED' | 'UNLOCKING' | 'UNLOCKED';

export interface SiteTiming {
  /** From unlock to UNLOCKED for the first device. */
  unlockMs: number;
  /** Each further cluster node takes this much longer. */
  staggerMs: number;
  now: () => number;
}

const DEFAULT_TIMING: SiteTiming = { unlockMs: 8_000, staggerMs: 2_000, now: () => Date.now() };

interface Unlock {
  at: number;
  /** Position among the nodes unlocked together (0 for a device). */
  order: number;
}

export class SimulatedDevices {
  /** host → job (or cluster) id → when it was unlocked. */
  private readonly unlocked = new Map<string, Map<string, Unlock>>();

  constructor(readonly timing: SiteTiming = DEFAULT_TIMING) {}

  /** Is there a simulated device at this address? */
  has(host: string): boolean {
    return host === SIMULATED_DEVICE || SIMULATED_CLUSTER.includes(host);
  }

  unlock(hosts: readonly string[], job: string): void {
    const at = this.timing.now();
    hosts.forEach((host, order) => {
      const jobs = this.unlocked.get(host) ?? new Map<string, Unlock>();
      if (!jobs.has(job)) jobs.set(job, { at, order });
      this.unlocked.set(host, jobs);
    });
  }

  state(host: string, job: string): SimulatedState {
    const unlock = this.unlocked.get(host)?.get(job);
    if (!unlock) return 'LOCKED';
    const { unlockMs, staggerMs, now } = this.timing;
    return now() - unlock.at >= unlockMs + unlock.order * staggerMs ? 'UNLOCKED' : 'UNLOCKING';
  }

  /** How long the slowest of `count` devices takes. */
  expectedMs(count: number): number {
    return this.timing.unlockMs + Math.max(0, count - 1) * this.timing.staggerMs;
  }
}

/** The management endpoint stand-in: answers any request over HTTP, as a device's port 9091 does. */
export async function startManagementListener(): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    response.end(JSON.stringify({ Service: 'Snowball Edge device management (simulated)' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
