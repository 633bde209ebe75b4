/**
 * The demo account's site: simulated Snowball Edge devices on a made-up network, so a newcomer walks the
 * whole flow to UNLOCKED without a device. Addresses come from 192.0.2.0/24 (TEST-NET-1, reserved for
 * documentation, never routed): one standalone device and a five-node cluster, as the demo jobs need.
 * Each device keeps its unlock state per job (a device unlocks for the job whose manifest and code it
 * was given) and unlocks over time like a real one: LOCKED, UNLOCKING for some seconds, UNLOCKED; the
 * nodes of a cluster one after another. One HTTP listener on 127.0.0.1 stands for every device's
 * management port (9091), so the app's connection check reaches something real. Once unlocked, each
 * device has its local access keys (one pair per job, shared by a cluster's nodes), a certificate made for
 * its address, and an S3 adapter (device-s3.ts) that starts a few seconds after the unlock (ACTIVATING,
 * then ACTIVE) on its own HTTPS listener on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeDeviceCertificate, type DeviceCertificate } from './device-certificate';
import { startDeviceS3, type DeviceKeys, type DeviceS3 } from './device-s3';

export const SIMULATED_DEVICE = '192.0.2.10';
export const SIMULATED_CLUSTER = ['192.0.2.21', '192.0.2.22', '192.0.2.23', '192.0.2.24', '192.0.2.25'];

export type SimulatedState = 'LOCKED' | 'UNLOCKING' | 'UNLOCKED';

/**
 * Every secret access key a simulated device hands out starts with this, so the secret scans find any of
 * them (18 characters: its base64 form starts the whole key's). Never a real key.
 */
export const DEVICE_SECRET_MARKER = 'EMULATORdeviceKey/';
/** The S3 adapter's HTTPS port on a device (developer guide). */
export const DEVICE_S3_PORT = 8443;

export interface SiteTiming {
  /** From unlock to UNLOCKED for the first device. */
  unlockMs: number;
  /** Each further cluster node takes this much longer. */
  staggerMs: number;
  /** From UNLOCKED to the S3 adapter answering (its service ACTIVATING meanwhile). */
  s3StartMs: number;
  now: () => number;
}

const DEFAULT_TIMING: SiteTiming = {
  unlockMs: 8_000,
  staggerMs: 2_000,
  s3StartMs: 3_000,
  now: () => Date.now(),
};

/** A fresh access key pair shaped as a device's (AKIA…, 40 characters), its secret marked. */
export function newDeviceKeys(): DeviceKeys {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
  const secret = `${DEVICE_SECRET_MARKER}${randomBytes(18).toString('base64')}`.slice(0, 40);
  return { accessKeyId: `AKIA${id}`, secretAccessKey: secret };
}

/** What an unlocked device holds for its job. */
export interface DeviceIdentity {
  keys: DeviceKeys;
  certificate: DeviceCertificate;
  certificateArn: string;
  s3: DeviceS3;
}

interface Unlock {
  at: number;
  /** Position among the nodes unlocked together (0 for a device). */
  order: number;
}

export class SimulatedDevices {
  /** host → job (or cluster) id → when it was unlocked. */
  private readonly unlocked = new Map<string, Map<string, Unlock>>();

  constructor(readonly timing: SiteTiming = DEFAULT_TIMING) {}

  /** job (or cluster) → its keys; host → its certificate and S3 adapter, made when first asked for. */
  private readonly keys = new Map<string, DeviceKeys>();
  private readonly identities = new Map<string, Promise<DeviceIdentity>>();
  /** host → the port its S3 adapter's listener has on 127.0.0.1. */
  private readonly listening = new Map<string, number>();

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

  /** The S3 service's state on an unlocked device: ACTIVATING for a while, then ACTIVE. */
  s3State(host: string, job: string): 'ACTIVE' | 'ACTIVATING' | 'INACTIVE' {
    const unlock = this.unlocked.get(host)?.get(job);
    if (!unlock || this.state(host, job) !== 'UNLOCKED') return 'INACTIVE';
    const { unlockMs, staggerMs, s3StartMs, now } = this.timing;
    return now() - unlock.at >= unlockMs + unlock.order * staggerMs + s3StartMs ? 'ACTIVE' : 'ACTIVATING';
  }

  /** The device's keys, certificate and S3 adapter for its job (made once per run). */
  identity(host: string, job: string, buckets: readonly string[]): Promise<DeviceIdentity> {
    let made = this.identities.get(host);
    if (!made) {
      const keys = this.keysOf(job);
      made = (async () => {
        // Dated by the real clock, which TLS checks it against (the site's own clock may be moved).
        const certificate = await makeDeviceCertificate(host);
        const s3 = await startDeviceS3({
          ...certificate,
          keys,
          buckets,
          accepting: () => this.s3State(host, job) === 'ACTIVE',
        });
        this.listening.set(host, s3.port);
        const arn = `arn:aws:snowball-device:::certificate/${randomBytes(16).toString('hex')}`;
        return { keys, certificate, certificateArn: arn, s3 };
      })();
      this.identities.set(host, made);
    }
    return made;
  }

  /** Where a device's S3 adapter really listens, once it has one. */
  connectVia(host: string, port: number): { host: string; port: number } | null {
    const listener = port === DEVICE_S3_PORT ? this.listening.get(host) : undefined;
    return listener === undefined ? null : { host: '127.0.0.1', port: listener };
  }

  /** Stops every device's S3 adapter. */
  async stop(): Promise<void> {
    const made = [...this.identities.values()];
    this.identities.clear();
    this.listening.clear();
    await Promise.all(made.map(async (m) => (await m.catch(() => null))?.s3.stop()));
  }

  private keysOf(job: string): DeviceKeys {
    let keys = this.keys.get(job);
    if (!keys) {
      keys = newDeviceKeys();
      this.keys.set(job, keys);
    }
    return keys;
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
