/**
 * Does the device answer, and is it a Snowball? A TCP connect to its management port (9091), then one
 * plain HTTP request on that connection (the management endpoint speaks HTTP; HTTPS is tried when the
 * answer looks like TLS). Nothing about the job is sent. A connection that is accepted but never answers
 * like HTTP is "something, but not a Snowball". A connect that fails reports the system's own reason; one
 * that is still pending at the time limit gets a moment more, since a "no route" verdict often arrives
 * just after it (ARP gives up after about three seconds).
 */
import { connect, type LookupFunction, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Clock } from '../ports';
import { assertDeviceHost } from './device-address';
import type { ProbeInfo } from '../../contract';
import { probeHints, probeMessage } from './probe-hints';

export const MANAGEMENT_PORT = 9091;

type Outcome = ProbeInfo['outcome'];

export interface ProbeOptions {
  clock: Clock;
  port?: number;
  /** How long the connect may take before the grace period. */
  timeoutMs?: number;
  /** After the time limit: how long a late error from the system is still taken as the answer. */
  graceMs?: number;
  /** How long the endpoint may take to answer the HTTP request. */
  answerMs?: number;
  /** Name resolution (tests replace it; the default is the system's). */
  lookup?: LookupFunction;
  /** Where to connect instead (the demo's simulated device listens on loopback); reported as host:port. */
  target?: { host: string; port: number };
}

export async function probeDevice(input: string, options: ProbeOptions): Promise<ProbeInfo> {
  const host = assertDeviceHost(input);
  // A simulated device stands for a device's management port, whatever loopback port it listens on.
  const port = options.target ? MANAGEMENT_PORT : (options.port ?? MANAGEMENT_PORT);
  const to = options.target ?? { host, port };
  const started = options.clock.now();
  const connected = await connectTo(to.host, to.port, options);
  let outcome: Outcome;
  let detail: string | null;
  if ('socket' in connected) {
    const answer = await httpAnswer(connected.socket, to, options);
    outcome = answer.http ? 'open' : 'not-snowball';
    detail = answer.detail;
  } else {
    ({ outcome, detail } = connected);
  }
  return {
    host,
    port,
    outcome,
    detail,
    message: probeMessage(outcome, host, port, detail),
    hints: probeHints(outcome),
    latencyMs: outcome === 'open' ? Math.max(0, options.clock.now() - started) : null,
  };
}

type Connected = { socket: Socket } | { outcome: Outcome; detail: string | null };

function connectTo(host: string, port: number, options: ProbeOptions): Promise<Connected> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, ...(options.lookup ? { lookup: options.lookup } : {}) });
    let settled = false;
    let cancelGrace: () => void = () => undefined;
    const settle = (result: Connected) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      cancelGrace();
      if (!('socket' in result)) socket.destroy();
      resolve(result);
    };
    const cancelTimer = options.clock.setTimeout(() => {
      cancelGrace = options.clock.setTimeout(
        () => settle({ outcome: 'timeout', detail: null }),
        options.graceMs ?? 3000,
      );
    }, options.timeoutMs ?? 3000);
    socket.once('connect', () => settle({ socket }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      settle({ outcome: outcomeOf(error), detail: error.code ?? null }),
    );
  });
}

/** Sends one GET and reads the status line; HTTPS once more when the answer looks like TLS. */
async function httpAnswer(
  socket: Socket,
  to: { host: string; port: number },
  options: ProbeOptions,
): Promise<{ http: boolean; detail: string | null }> {
  const first = await ask(socket, to, options);
  if (first.status) return { http: true, detail: `HTTP ${first.status}` };
  if (!first.tlsLike) return { http: false, detail: first.text };
  const secure = tlsConnect({ host: to.host, port: to.port, rejectUnauthorized: false });
  // A device's certificate is self-signed: nothing secret is sent, only whether it speaks HTTP matters.
  const again = await new Promise<Awaited<ReturnType<typeof ask>>>((resolve) => {
    const none = () => resolve({ status: null, tlsLike: false, text: 'no HTTP answer' });
    const cancel = options.clock.setTimeout(none, options.answerMs ?? 2000);
    secure.once('secureConnect', () => {
      cancel();
      void ask(secure, to, options).then(resolve);
    });
    secure.once('error', () => {
      cancel();
      none();
    });
  });
  secure.destroy();
  return again.status
    ? { http: true, detail: `HTTPS ${again.status}` }
    : { http: false, detail: 'no HTTP answer' };
}

function ask(
  socket: Socket,
  to: { host: string; port: number },
  options: ProbeOptions,
): Promise<{ status: string | null; tlsLike: boolean; text: string | null }> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      cancel();
      socket.destroy();
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(received.toString('latin1'))?.[1] ?? null;
      // A TLS record (alert or handshake) starts with its content type and version 3.x.
      const tlsLike = received.length >= 2 && [0x15, 0x16].includes(received[0] ?? 0) && received[1] === 3;
      const printable = received
        .toString('latin1')
        .replace(/[^\x20-\x7e]/g, '')
        .slice(0, 40);
      resolve({ status, tlsLike: tlsLike || received.length === 0, text: printable || 'no HTTP answer' });
    };
    const cancel = options.clock.setTimeout(finish, options.answerMs ?? 2000);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]).subarray(0, 512);
      if (received.includes(0x0a) || received.length >= 512) finish();
    });
    socket.once('end', finish);
    socket.once('close', finish);
    socket.once('error', finish);
    socket.write(`GET / HTTP/1.1\r\nHost: ${to.host}:${to.port}\r\nConnection: close\r\n\r\n`);
  });
}

export function outcomeOf(error: NodeJS.ErrnoException): Outcome {
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
