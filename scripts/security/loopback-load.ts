/**
 * Gate 5: the loopback host under a burst of hostile requests (wrong, missing or spent session or ticket,
 * foreign Host and Origin, other methods, odd paths, a body too large: all refused, no handler reached,
 * no session given out), then a bounded
 * load of legitimate calls and event streams on 127.0.0.1 over the real composition (no errors, and
 * afterwards no socket, stream or memory left behind).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CHANNEL_NAMES, eventWireName, wireName, type ChannelName } from '../../electron/contract';
import { InProcessDemoAccount } from '../../electron/core/demo-account';
import { memoryClipboard } from '../../electron/core/ports';
import { startLoopbackHost, type LoopbackHost } from '../../electron/host/loopback-server';
import { composeApp, type ComposedApp } from '../../electron/app/compose';
import type { Handlers } from '../../electron/app/ipc-registry';
import {
  EVENTS_PATH,
  IPC_PATH_PREFIX,
  SESSION_HEADER,
  SESSION_PATH,
  TICKET_HEADER,
} from '../../electron/loopback-wire';
import { openSession } from '../../testkit/loopback-session';
import { tally, verdict, type GateResult } from './gate';

const LEGIT_CALLS = 3_000;
const CONCURRENCY = 16;
const STREAMS = 8;
const STREAM_WAIT_MS = 3_000;
/** Heap growth over the load (after garbage collection) that would mean something is kept per call. */
const MAX_HEAP_GROWTH_MB = 8;
const LOCAL_CHANNELS: { name: ChannelName; input: unknown }[] = [
  { name: 'getAppInfo', input: {} },
  { name: 'getConnection', input: {} },
  { name: 'listRegions', input: {} },
  { name: 'getSettings', input: {} },
  { name: 'listAuditEntries', input: {} },
  { name: 'listCredentialSources', input: {} },
];

interface Reply {
  status: number;
  text: string;
}

export async function loopbackGate(): Promise<GateResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'companion-loopback-gate-'));
  const demo = new InProcessDemoAccount({ seed: 'loopback-gate' });
  const calls = new Map<string, number>();
  const errors: unknown[] = [];
  let composed: ComposedApp | undefined;
  let host: LoopbackHost | undefined;
  try {
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    host = await startLoopbackHost({
      rendererDir: path.join(root, 'renderer'),
      preloadFile: path.join(root, 'preload.js'),
      onError: (_channel, error) => errors.push(error),
      handlers: async (broadcast) => {
        composed = await composeApp({
          dataDir,
          clipboard: memoryClipboard(),
          demo,
          send: broadcast,
          env: {
            HOME: root,
            AWS_CONFIG_FILE: path.join(root, 'none'),
            AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'none'),
          },
          shell: {
            appInfo: {
              name: 'Snowball Companion',
              version: '0.0.0',
              shell: 'browser',
              platform: process.platform,
              nativeDialogs: false,
              demoRequested: false,
            },
            dialogs: null,
            openExternal: async () => false,
          },
        });
        return counting(composed.handlers, calls);
      },
    });
    const target = host;
    sessions.set(target, await openSession(target));
    const connected = await call(target, 'connect', { source: { kind: 'demo' } });
    const problems: string[] = [];
    if (!connected.text.includes('"ok":true')) problems.push(`connect failed: ${connected.text}`);

    const hostile = await hostileBurst(target, calls);
    problems.push(...hostile.problems);

    const gc = exposeGc();
    // Warm up (JIT, caches, the audit log file), then measure from a settled baseline.
    await legitimateLoad(target, 300);
    gc();
    const sockets = openSockets();
    const heap = process.memoryUsage().heapUsed;
    const streams = await eventStreams(target);
    problems.push(...streams.problems);
    const load = await legitimateLoad(target, LEGIT_CALLS);
    problems.push(...load.problems);
    await settle();
    gc();
    const socketsAfter = openSockets();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heap) / 2 ** 20;
    if (socketsAfter > sockets) problems.push(`${socketsAfter - sockets} sockets still open after the load`);
    if (heapGrowthMb > MAX_HEAP_GROWTH_MB) problems.push(`heap grew by ${heapGrowthMb.toFixed(1)} MB`);
    if (errors.length > 0) problems.push(`${errors.length} handler errors, e.g. ${String(errors[0])}`);

    const summary =
      `${hostile.refused} of ${hostile.count} hostile requests (session, ticket, Host, Origin, method, path, size) refused ` +
      `(${tally(hostile.statuses)}), ${hostile.reached} reached a handler; ` +
      `${load.count} legitimate calls at concurrency ${CONCURRENCY}: ${load.failed} errors, ` +
      `p50 ${load.p50} ms, p95 ${load.p95} ms; ${STREAMS} event streams opened, delivered to and closed; ` +
      `open sockets ${sockets} → ${socketsAfter}, heap ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb.toFixed(1)} MB`;
    return verdict(problems.length === 0, summary, problems);
  } finally {
    await host?.stop();
    await composed?.service.close();
    await demo.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The composed handlers, each counting its calls. */
function counting(handlers: Handlers, calls: Map<string, number>): Handlers {
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const name of CHANNEL_NAMES) {
    const handler = handlers[name] as (input: never) => Promise<unknown>;
    wrapped[name] = (input) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return handler(input);
    };
  }
  return wrapped as unknown as Handlers;
}

function request(
  host: LoopbackHost,
  options: { method: string; path: string; headers?: Record<string, string | undefined>; body?: string },
): Promise<Reply> {
  const { port } = new URL(host.origin);
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers,
        agent: false,
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        // An answer that never ends is an event stream the host opened: report it rather than wait forever.
        const timer = setTimeout(() => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
          req.destroy();
        }, STREAM_WAIT_MS);
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => undefined);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The host closes the connection on a body it refused before reading it all.
      if ((error.code === 'EPIPE' || error.code === 'ECONNRESET') && (options.body?.length ?? 0) > 1 << 20)
        resolve({ status: 413, text: '' });
      else reject(error);
    });
    req.end(options.body);
  });
}

/** The session each host gave this gate's "page" (a ticket exchanged as the page does). */
const sessions = new WeakMap<LoopbackHost, string>();

function good(host: LoopbackHost): Record<string, string> {
  return { host: new URL(host.origin).host, origin: host.origin, [SESSION_HEADER]: sessions.get(host) ?? '' };
}

function call(host: LoopbackHost, name: ChannelName, input: unknown): Promise<Reply> {
  return request(host, {
    method: 'POST',
    path: `${IPC_PATH_PREFIX}${encodeURIComponent(wireName(name))}`,
    headers: { ...good(host), 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

async function hostileBurst(host: LoopbackHost, calls: Map<string, number>) {
  const port = new URL(host.origin).port;
  const ipc = `${IPC_PATH_PREFIX}${encodeURIComponent(wireName('getAppInfo'))}`;
  const g = good(host);
  const cases: {
    what: string;
    method: string;
    path: string;
    headers: Record<string, string | undefined>;
    body?: string;
  }[] = [];
  const add = (
    what: string,
    method: string,
    p: string,
    headers: Record<string, string | undefined>,
    body?: string,
  ) => cases.push({ what, method, path: p, headers, ...(body === undefined ? {} : { body }) });

  const session = g[SESSION_HEADER] ?? '';
  const ticketOf = (url: string) => new URL(url).hash.replace('#ticket=', '');
  // A ticket already exchanged (as one left in the browser's history is), and one never used.
  const spent = ticketOf(host.ticketUrl());
  await request(host, { method: 'POST', path: SESSION_PATH, headers: { ...g, [TICKET_HEADER]: spent } });
  const fresh = ticketOf(host.ticketUrl());
  for (const p of [ipc, EVENTS_PATH]) {
    for (const [what, secret] of [
      ['no session', undefined],
      ['an empty session', ''],
      ['a wrong session of the same length', session.replace(/./g, (c) => (c === 'A' ? 'B' : 'A'))],
      ['a short session', session.slice(0, 8)],
      // (Not a trailing space: HTTP strips it from header values, which leaves the right session.)
      ['the session and one more character', `${session}A`],
      ['the session upper-cased', session.toUpperCase()],
      ['a ticket instead of a session', fresh],
      ['a spent ticket instead of a session', spent],
    ] as const) {
      add(`${p}: ${what}`, 'POST', p, { ...g, [SESSION_HEADER]: secret }, '{}');
    }
    add(
      `${p}: the session in the query string`,
      'POST',
      `${p}?session=${session}`,
      { ...g, [SESSION_HEADER]: undefined },
      '{}',
    );
    add(
      `${p}: the session as a cookie`,
      'POST',
      p,
      { ...g, [SESSION_HEADER]: undefined, cookie: `session=${session}` },
      '{}',
    );
  }
  for (const [what, ticket, headers] of [
    ['a spent ticket', spent, {}],
    ['a made-up ticket', 'A'.repeat(43), {}],
    ['the session as a ticket', session, {}],
    ['no ticket', undefined, {}],
    ['a fresh ticket from a foreign Origin', fresh, { origin: 'http://evil.example' }],
    ['a fresh ticket from another local port', fresh, { origin: 'http://127.0.0.1:1' }],
    ['a fresh ticket without an Origin', fresh, { origin: undefined }],
    ['a fresh ticket under a rebinding Host', fresh, { host: `evil.example:${port}` }],
  ] as const) {
    add(`${SESSION_PATH}: ${what}`, 'POST', SESSION_PATH, {
      ...g,
      [SESSION_HEADER]: undefined,
      [TICKET_HEADER]: ticket,
      ...headers,
    });
  }
  add(`GET ${SESSION_PATH}`, 'GET', SESSION_PATH, { ...g, [TICKET_HEADER]: fresh });
  add(`${SESSION_PATH}: a ticket in the query string`, 'POST', `${SESSION_PATH}?ticket=${fresh}`, g);
  for (const p of [ipc, EVENTS_PATH]) {
    for (const h of [
      'evil.example',
      `localhost:${port}`,
      '127.0.0.1',
      '127.0.0.1:1',
      `[::1]:${port}`,
      `127.0.0.1.nip.io:${port}`,
      undefined,
    ])
      add(`${p}: Host ${String(h)}`, 'POST', p, { ...g, host: h }, '{}');
    for (const o of [
      undefined,
      'null',
      'http://evil.example',
      'http://127.0.0.1:1',
      `http://localhost:${port}`,
      `https://127.0.0.1:${port}`,
      `${host.origin}/`,
      `${host.origin}.evil.example`,
    ])
      add(`${p}: Origin ${String(o)}`, 'POST', p, { ...g, origin: o }, '{}');
    for (const m of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) add(`${p}: ${m}`, m, p, g);
  }
  for (const h of ['attacker.example:8080', `localhost:${port}`, undefined])
    add(`GET / under Host ${String(h)}`, 'GET', '/', { host: h });
  for (const m of ['POST', 'PUT', 'DELETE']) add(`${m} /`, m, '/', g, '{}');
  for (const p of [
    `${IPC_PATH_PREFIX}companion:nope`,
    `${IPC_PATH_PREFIX}..%2f..%2fetc%2fpasswd`,
    `${IPC_PATH_PREFIX}${encodeURIComponent(wireName('getAppInfo'))}%2F..`,
    `${IPC_PATH_PREFIX}__proto__`,
    `${IPC_PATH_PREFIX}constructor`,
  ])
    add(`POST ${p}`, 'POST', p, g, '{}');
  for (const p of [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%5c..%5cwindows%5cwin.ini',
    '/index.html/../../package.json',
  ])
    add(`GET ${p}`, 'GET', p, { host: g.host });
  add('a body over 1 MiB', 'POST', ipc, g, ' '.repeat((1 << 20) + 1));

  // Each case three times over, fired in batches as a page hammering the port would.
  const burst = [...cases, ...cases, ...cases];
  const before = [...calls.values()].reduce((a, b) => a + b, 0);
  const replies: { what: string; reply: Reply }[] = [];
  for (let i = 0; i < burst.length; i += 50) {
    const batch = burst.slice(i, i + 50);
    replies.push(
      ...(await Promise.all(batch.map(async (c) => ({ what: c.what, reply: await request(host, c) })))),
    );
  }
  const reached = [...calls.values()].reduce((a, b) => a + b, 0) - before;
  // 400: Node itself refuses a request without a Host header before the host sees it.
  const problems = replies
    .filter(
      ({ reply }) =>
        ![400, 403, 404, 405, 413].includes(reply.status) || /Snowball Companion|"ok"/.test(reply.text),
    )
    .map(({ what, reply }) => `hostile request answered ${reply.status}: ${what}`);
  const refused = replies.length - problems.length;
  const after = await call(host, 'getAppInfo', {});
  if (!after.text.includes('"ok":true')) problems.push('a valid call after the burst failed');
  if (reached > 0) problems.push(`${reached} hostile requests reached a handler`);
  return { count: burst.length, refused, statuses: replies.map((r) => r.reply.status), reached, problems };
}

async function legitimateLoad(host: LoopbackHost, count: number) {
  const latencies: number[] = [];
  const problems: string[] = [];
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const pick = LOCAL_CHANNELS[i % LOCAL_CHANNELS.length];
      if (!pick) continue;
      const started = performance.now();
      try {
        const reply = await call(host, pick.name, pick.input);
        if (reply.status !== 200 || !reply.text.startsWith('{"ok":true')) {
          failed++;
          if (problems.length < 5)
            problems.push(`${pick.name} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
        }
      } catch (error) {
        failed++;
        if (problems.length < 5) problems.push(`${pick.name} failed: ${String(error)}`);
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
  return { count, failed, p50: at(0.5), p95: at(0.95), problems };
}

/** Opens event streams, checks a broadcast reaches each, closes them from the client side. */
async function eventStreams(host: LoopbackHost) {
  const { port } = new URL(host.origin);
  const problems: string[] = [];
  const opened = await Promise.all(
    Array.from(
      { length: STREAMS },
      () =>
        new Promise<{ req: http.ClientRequest; received: () => string }>((resolve, reject) => {
          let text = '';
          const req = http.request(
            { host: '127.0.0.1', port, method: 'POST', path: EVENTS_PATH, headers: good(host), agent: false },
            (res) => {
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('error', () => undefined);
              resolve({ req, received: () => text });
            },
          );
          req.on('error', (error: NodeJS.ErrnoException) =>
            error.code === 'ECONNRESET' ? undefined : reject(error),
          );
          req.end();
        }),
    ),
  );
  host.broadcast(eventWireName('clipboardTimer'), { outcome: 'cleared' });
  await settle();
  const missed = opened.filter((s) => !s.received().includes(eventWireName('clipboardTimer'))).length;
  if (missed > 0) problems.push(`${missed} of ${STREAMS} event streams missed a broadcast`);
  const during = host.openStreams();
  if (during !== STREAMS) problems.push(`the host counted ${during} open event streams, not ${STREAMS}`);
  for (const s of opened) s.req.destroy();
  await settle();
  if (host.openStreams() !== 0)
    problems.push(`${host.openStreams()} event streams left open after their windows went`);
  // Broadcasting to streams whose windows went away must be harmless.
  host.broadcast(eventWireName('clipboardTimer'), { outcome: 'cleared' });
  return { problems };
}

/** TCP sockets open in this process (the host's and the gate's own ends alike). */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 200));
}
