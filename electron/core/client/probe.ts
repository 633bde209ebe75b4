/**
 * Does the device answer? A plain TCP connect to its management port (9091) with a short timeout: no
 * TLS, no request, nothing about the job is sent. The outcome comes back in words with on-site hints.
 */
import { connect, type LookupFunction } from 'node:net';
import type { Clock } from '../ports';
import { assertDeviceHost } from './device-address';
import type { ProbeResult } from './launcher';
import { probeHints, probeMessage } from './probe-hints';

export const MANAGEMENT_PORT = 9091;

export interface ProbeOptions {
  clock: Clock;
  port?: number;
  timeoutMs?: number;
  /** Name resolution (tests replace it; the default is the system's). */
  lookup?: LookupFunction;
}

export async function probeDevice(input: string, options: ProbeOptions): Promise<ProbeResult> {
  const host = assertDeviceHost(input);
  const port = options.port ?? MANAGEMENT_PORT;
  const started = options.clock.now();
  const outcome = await connectOutcome(host, port, options);
  return {
    host,
    port,
    outcome,
    message: probeMessage(outcome, host, port),
    hints: probeHints(outcome),
    latencyMs: outcome === 'open' ? Math.max(0, options.clock.now() - started) : null,
  };
}

function connectOutcome(host: string, port: number, options: ProbeOptions): Promise<ProbeResult['outcome']> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, ...(options.lookup ? { lookup: options.lookup } : {}) });
    let settled = false;
    const settle = (outcome: ProbeResult['outcome']) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      socket.destroy();
      resolve(outcome);
    };
    const cancelTimer = options.clock.setTimeout(() => settle('timeout'), options.timeoutMs ?? 3000);
    socket.once('connect', () => settle('open'));
    socket.once('error', (error: NodeJS.ErrnoException) => settle(outcomeOf(error)));
  });
}

export function outcomeOf(error: NodeJS.ErrnoException): ProbeResult['outcome'] {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return 'name-not-found';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      // EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, EADDRNOTAVAIL, ECONNRESET…: no usable path to the device.
      return 'unreachable';
  }
}
