import { mkdtempSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRELOAD_PATH, startLoopbackHost, type LoopbackHost } from '../../electron/host/loopback-server';
import { eventWireName } from '../../electron/contract';
import { loopbackEvents } from '../../electron/preload/loopback-invoke';
import { openSession } from '../../testkit/loopback-session';
import { APP_INFO } from '../../testkit/app-info';
import { stubHandlers } from '../helpers/stub-handlers';

const CALL = '/ipc/companion:getAppInfo';

let host: LoopbackHost;
let session: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-host-'));
  mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'renderer', 'index.html'),
    '<html><head><title>t</title></head><body></body></html>',
  );
  writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'renderer', 'assets', 'index-DfWCtia1.js'), 'console.log(2)');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  writeFileSync(path.join(dir, 'preload.js'), 'window.x = 1');
  host = await startLoopbackHost({
    rendererDir: path.join(dir, 'renderer'),
    preloadFile: path.join(dir, 'preload.js'),
    handlers: () => stubHandlers(),
  });
  session = await openSession(host);
});

afterAll(() => host.stop());

/** node:http, because fetch will not let a test forge the Host header. */
function request(
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const good = () => ({
  host: new URL(host.origin).host,
  origin: host.origin,
  'x-companion-session': session,
});
const ticketOf = (url: string) => new URL(url).hash.replace('#ticket=', '');
const exchange = (ticket: string, headers: Record<string, string> = {}) =>
  request('POST', '/session', {
    host: new URL(host.origin).host,
    origin: host.origin,
    'x-companion-ticket': ticket,
    ...headers,
  });

describe('the loopback host', () => {
  it('listens on 127.0.0.1 and gives out addresses with a fresh one-time ticket in the fragment', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
    const [a, b] = [host.ticketUrl(), host.ticketUrl()];
    expect(a).toMatch(new RegExp(`^${host.origin}/#ticket=[A-Za-z0-9_-]{43}$`));
    expect(ticketOf(a)).not.toBe(ticketOf(b));
  });

  it('exchanges a ticket once for a session secret, in the body only and never as a cookie', async () => {
    const ticket = ticketOf(host.ticketUrl());
    const first = await exchange(ticket);
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    const { session: secret } = JSON.parse(first.text) as { session: string };
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(ticket);
    // Spent: the same ticket, from the address bar's history or a terminal, opens nothing.
    expect((await exchange(ticket)).status).toBe(403);
    const call = await request('POST', CALL, { ...good(), 'x-companion-session': secret }, '{}');
    expect(call.status).toBe(200);
  });

  it.each([
    ['a made-up ticket', () => 'A'.repeat(43), {}],
    ['no ticket', () => '', {}],
    ['a foreign Origin', () => ticketOf(host.ticketUrl()), { origin: 'http://evil.example' }],
    ['another local port as Origin', () => ticketOf(host.ticketUrl()), { origin: 'http://127.0.0.1:1' }],
  ])('refuses to exchange %s (403)', async (_label, ticket, headers) => {
    expect((await exchange(ticket(), headers)).status).toBe(403);
  });

  it('takes neither a ticket nor a ticket-shaped secret as a session', async () => {
    const ticket = ticketOf(host.ticketUrl());
    expect((await request('POST', CALL, { ...good(), 'x-companion-session': ticket }, '{}')).status).toBe(
      403,
    );
    expect(
      (
        await request(
          'POST',
          CALL,
          { ...good(), 'x-companion-token': session, 'x-companion-session': '' },
          '{}',
        )
      ).status,
    ).toBe(403);
    // The ticket was not spent by that: it still opens a session.
    expect((await exchange(ticket)).status).toBe(200);
  });

  it('is not reachable on any other interface', () => {
    // The system's own table of this process's listening sockets (Linux), not a connection to another
    // address of the machine: every socket listening on the host's port is bound to 127.0.0.1.
    if (process.platform !== 'linux') return;
    const { port } = new URL(host.origin);
    const bound = listeningAddresses(Number(port));
    expect(bound.length).toBeGreaterThan(0);
    expect(bound).toEqual(bound.map(() => '127.0.0.1'));
  });

  it('answers a call with the right token, Host and Origin', async () => {
    const res = await request('POST', CALL, { ...good(), 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true, value: APP_INFO });
  });

  it.each([
    ['no session', { 'x-companion-session': '' }],
    ['a wrong session', { 'x-companion-session': 'A'.repeat(43) }],
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['another local port as Origin', { origin: 'http://127.0.0.1:1' }],
    ['a rebinding Host', { host: 'evil.example:80' }],
    ['localhost instead of the address', { host: 'localhost' }],
  ])('refuses a call with %s (403)', async (_label, override) => {
    const headers = { ...good(), ...override };
    const res = await request('POST', CALL, headers, '{}');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('Snowball Companion');
  });

  it('refuses a call without an Origin header', async () => {
    const { origin: _omit, ...headers } = good();
    expect((await request('POST', CALL, headers, '{}')).status).toBe(403);
  });

  it('refuses a static file requested under a foreign Host (DNS rebinding)', async () => {
    expect((await request('GET', '/', { host: 'attacker.example:8080' })).status).toBe(403);
  });

  it('refuses other methods, unknown channels, bad JSON and oversized bodies', async () => {
    expect((await request('GET', CALL, good())).status).toBe(405);
    expect((await request('POST', '/ipc/companion:nope', good(), '{}')).status).toBe(404);
    const bad = await request('POST', CALL, good(), '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await request('POST', CALL, good(), Buffer.alloc(1024 * 1024 + 1, 32))).status).toBe(413);
    expect((await request('DELETE', '/', good())).status).toBe(405);
  });

  it('validates the input with the contract like Electron main does', async () => {
    const res = await request('POST', CALL, good(), JSON.stringify({ unexpected: true }));
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('serves the renderer with the preload injected and the CSP set, and nothing outside it', async () => {
    const index = await request('GET', '/', { host: new URL(host.origin).host });
    expect(index.status).toBe(200);
    expect(index.text).toContain(`<script src="${PRELOAD_PATH}"></script></head>`);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');

    const preload = await request('GET', PRELOAD_PATH, { host: new URL(host.origin).host });
    expect(preload.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(preload.text).toBe('window.x = 1');

    const asset = await request('GET', '/assets/app.js', { host: new URL(host.origin).host });
    expect(asset.status).toBe(200);
    // Only what the build named by its content may be kept by the browser; the page and the preload never.
    expect(asset.headers['cache-control']).toBe('no-store');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(preload.headers['cache-control']).toBe('no-store');
    const hashed = await request('GET', '/assets/index-DfWCtia1.js', { host: new URL(host.origin).host });
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request('GET', '/..%2fsecret.txt', { host: new URL(host.origin).host })).status).toBe(404);
    expect((await request('GET', '/missing.js', { host: new URL(host.origin).host })).status).toBe(404);
  });
});

describe('the event stream', () => {
  it('refuses a stream without the session or from another origin', async () => {
    expect((await request('POST', '/events', { ...good(), 'x-companion-session': 'nope' })).status).toBe(403);
    expect((await request('POST', '/events', { ...good(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('GET', '/events', good())).status).toBe(405);
  });

  it('delivers broadcast events to the page’s listeners, only to the event they asked for', async () => {
    // The browser preload's own client, with fetch pointed at the host as a page on its origin would.
    const pageFetch: typeof fetch = (input, init) =>
      fetch(host.origin + String(input), {
        ...init,
        headers: { ...(init?.headers as object), origin: host.origin },
      });
    const subscribe = loopbackEvents(async () => session, pageFetch, 50);
    const progress: unknown[] = [];
    const timers: unknown[] = [];
    const stop = subscribe('manifestProgress', (p) => progress.push(p));
    subscribe('clipboardTimer', (p) => timers.push(p));
    // Wait until the stream is open (the host counts it) before broadcasting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    host.broadcast(eventWireName('manifestProgress'), { jobId: 'JID1', received: 1, total: 2 });
    host.broadcast(eventWireName('jobsPage'), { region: 'us-west-2', jobs: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(progress).toEqual([{ jobId: 'JID1', received: 1, total: 2 }]);
    expect(timers).toEqual([]);
    stop();
    host.broadcast(eventWireName('manifestProgress'), { jobId: 'JID1', received: 2, total: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(progress).toHaveLength(1);
  });
});

describe('event streams that end', () => {
  it('are forgotten when the window goes away', async () => {
    const { port } = new URL(host.origin);
    const before = host.openStreams();
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/events', headers: good() });
    const opened = new Promise<void>((resolve) => req.on('response', () => resolve()));
    req.on('error', () => undefined);
    req.end();
    await opened;
    expect(host.openStreams()).toBe(before + 1);
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(host.openStreams()).toBe(before);
  });
});

/**
 * The local addresses of this process's sockets listening on `port` (IPv4 as dotted quads, IPv6 in the
 * kernel's hex), from /proc/net/tcp and tcp6 and this process's open files: nothing is connected to.
 */
function listeningAddresses(port: number): string[] {
  const ours = new Set(
    readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1] ?? ''];
      } catch {
        return [];
      }
    }),
  );
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(
        (f) => f[3] === '0A' && ours.has(f[9] ?? '') && Number.parseInt(f[1]!.split(':')[1]!, 16) === port,
      )
      .map((f) => {
        const hex = f[1]!.split(':')[0]!;
        return hex.length === 8
          ? (hex.match(/../g) ?? [])
              .map((b) => Number.parseInt(b, 16))
              .reverse()
              .join('.')
          : hex;
      }),
  );
}
