/**
 * The loopback host ("browser mode"): serves the built renderer and answers the contract's channels over
 * HTTP on 127.0.0.1, with the same registration code as Electron main. It is as careful as the app:
 * Host and Origin checked (no DNS rebinding, no other local page), loopback only, the same input
 * validation, and a session secret on every call and event stream.
 *
 * The address that opens the app carries a one-time ticket, not a lasting key: the page exchanges it at
 * once (POST /session) for a session secret that it keeps to itself and sends in a header. A ticket that
 * was seen (in the browser's history, a terminal, a launcher file) is spent; no cookie is ever set, since
 * cookies for 127.0.0.1 go to every port on it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelName } from '../contract';
import { contentSecurityPolicy } from '../app/csp';
import type { EventSink } from '../app/events';
import { registerChannels, type Handlers, type RawHandler } from '../app/ipc-registry';
import { contentTypeOf, resolveRendererFile } from '../app/renderer-files';
import { EVENTS_PATH, IPC_PATH_PREFIX, SESSION_HEADER, SESSION_PATH, TICKET_HEADER } from '../loopback-wire';

export const PRELOAD_PATH = '/__companion/preload.js';
const MAX_BODY_BYTES = 1024 * 1024;
const TEXT = 'text/plain; charset=utf-8';

const SECURITY_HEADERS = {
  'content-security-policy': contentSecurityPolicy(true),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface LoopbackHostOptions {
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** The built browser preload script. */
  preloadFile: string;
  /** Builds the handlers once the host can deliver events (its broadcast). */
  handlers: (broadcast: EventSink) => Handlers | Promise<Handlers>;
  /** 0 or absent: a random free port. */
  port?: number;
  onError?: (channel: ChannelName, error: unknown) => void;
}

export interface LoopbackHost {
  origin: string;
  /**
   * A new address to open: the origin with a fresh one-time ticket in the fragment (never sent to a
   * server, so never in a request log). The first page to exchange it gets a session; then it is spent.
   */
  ticketUrl(): string;
  /** Sends an event to every open window. */
  broadcast: EventSink;
  /** Event streams open now (a window that went away must not leave one behind). */
  openStreams(): number;
  stop(): Promise<void>;
}

export async function startLoopbackHost(options: LoopbackHostOptions): Promise<LoopbackHost> {
  const tickets = new Set<string>();
  const sessions = new Set<string>();
  const routes = new Map<string, RawHandler>();
  const streams = new Set<http.ServerResponse>();
  let origin = '';

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, TEXT, 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another origin that resolved its own name to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== new URL(origin).host) return send(res, 403, TEXT, 'Forbidden');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith(IPC_PATH_PREFIX)) return handleCall(req, res, url.pathname);
    if (url.pathname === EVENTS_PATH) return openEventStream(req, res);
    if (url.pathname === SESSION_PATH) return startSession(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, TEXT, 'Method not allowed');
    if (url.pathname === PRELOAD_PATH) {
      return send(res, 200, contentTypeOf(options.preloadFile), await readFile(options.preloadFile));
    }
    const file = resolveRendererFile(options.rendererDir, url.pathname);
    if (file === null) return send(res, 404, TEXT, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, TEXT, 'Not found');
    }
    if (file.endsWith('index.html')) body = Buffer.from(injectPreload(body.toString('utf8')));
    // The build names its assets by their content: the browser may keep them (and its compiled code of
    // them) across loads, as Electron's code cache does for app://. Everything else is never stored.
    const immutable = url.pathname.startsWith('/assets/') && HASHED_ASSET.test(url.pathname);
    return send(res, 200, contentTypeOf(file), body, immutable ? IMMUTABLE : undefined);
  }

  /** Calls and the event stream alike: the page's own Origin and a session secret this host gave out. */
  function callerAllowed(req: http.IncomingMessage): boolean {
    return req.headers.origin === origin && take(sessions, req.headers[SESSION_HEADER], false);
  }

  /** The page's first call: its ticket (once) for a session secret, which only the response carries. */
  function startSession(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') return send(res, 405, TEXT, 'Method not allowed');
    if (req.headers.origin !== origin || !take(tickets, req.headers[TICKET_HEADER], true)) {
      return send(res, 403, TEXT, 'Forbidden');
    }
    req.resume();
    const session = randomBytes(32).toString('base64url');
    sessions.add(session);
    return send(res, 200, 'application/json', JSON.stringify({ session }));
  }

  async function handleCall(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, TEXT, 'Method not allowed');
    if (!callerAllowed(req)) return send(res, 403, TEXT, 'Forbidden');
    const route = routes.get(decodeURIComponent(pathname.slice(IPC_PATH_PREFIX.length)));
    if (!route) return send(res, 404, TEXT, 'No such channel');
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, TEXT, 'Request too large');
    let input: unknown;
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      const error = { code: 'VALIDATION', message: 'The request body was not valid JSON.', retryable: false };
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error }));
    }
    const result = await route({ origin: req.headers.origin ?? '', isMainFrame: true }, input);
    return send(res, 200, 'application/json', JSON.stringify(result));
  }

  /** The window's event stream: a long POST (so Origin and the token header are checked as for calls). */
  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') return send(res, 405, TEXT, 'Method not allowed');
    if (!callerAllowed(req)) return send(res, 403, TEXT, 'Forbidden');
    req.resume();
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/x-ndjson' });
    res.write('\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const broadcast: EventSink = (wire, payload) => {
    const line = `${JSON.stringify({ event: wire, payload })}\n`;
    for (const stream of streams) stream.write(line);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  registerChannels(
    { handle: (wire, handler) => routes.set(wire, handler) },
    await options.handlers(broadcast),
    {
      trustedOrigin: origin,
      ...(options.onError ? { onError: options.onError } : {}),
    },
  );

  return {
    origin,
    ticketUrl: () => {
      const ticket = randomBytes(32).toString('base64url');
      tickets.add(ticket);
      return `${origin}/#ticket=${ticket}`;
    },
    broadcast,
    openStreams: () => streams.size,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function injectPreload(html: string): string {
  const tag = `<script src="${PRELOAD_PATH}"></script>`;
  return html.includes('</head>') ? html.replace('</head>', `${tag}</head>`) : tag + html;
}

/** `name-<hash>.ext`, as Vite names what it builds. */
const HASHED_ASSET = /^\/assets\/[\w.-]+-[\w-]{8}\.(js|css|svg|woff2?)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cacheControl?: string,
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...(cacheControl ? { 'cache-control': cacheControl } : {}),
    'content-type': type,
  });
  res.end(body);
}

/**
 * Whether `received` is one of the secrets in `set`, compared in constant time; `spend` removes it (a
 * ticket is good once).
 */
function take(set: Set<string>, received: string | string[] | undefined, spend: boolean): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(received);
  for (const secret of set) {
    const b = Buffer.from(secret);
    if (a.length === b.length && timingSafeEqual(a, b)) {
      if (spend) set.delete(secret);
      return true;
    }
  }
  return false;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
