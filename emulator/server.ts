import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import type { ActiveFault } from './faults';
import { DEFAULT_SLOW_MS } from './faults';
import type { Reply } from './reply';
import { bufferReply } from './reply';
import { formatLogLine } from './request-log';
import { ApiError } from './errors';
import { frontDoorError, route } from './router';
import { peekCredentialScope, parseQuery } from './sigv4-verify';
import type { EmulatorState, Incoming, Outcome } from './state';

/** API bodies are tiny; anything bigger is refused rather than buffered. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How long a request may go without sending a byte of the body its Content-Length promised. */
export const DEFAULT_BODY_TIMEOUT_MS = 20_000;

class BodyTooLarge extends Error {}
class BodyTimeout extends Error {}

/** The request body, refused past MAX_BODY_BYTES and given up when it stalls for `idleMs`. */
function readBody(req: IncomingMessage, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (err: Error | null): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks));
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new BodyTimeout()), idleMs);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) finish(new BodyTooLarge());
      else {
        chunks.push(chunk);
        arm();
      }
    };
    const onEnd = (): void => finish(null);
    const onError = (err: Error): void => finish(err);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    arm();
  });
}

async function* bodyChunks(reply: Reply): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(reply.body)) {
    yield reply.body;
    return;
  }
  for await (const chunk of reply.body() as AsyncIterable<Buffer>) yield chunk;
}

async function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

/**
 * Writes a reply, honouring slow-body and truncation faults. Content-Length always states the full body,
 * so a truncated answer is detectable, as a dropped connection would be.
 */
async function writeReply(
  res: ServerResponse,
  method: string,
  reply: Reply,
  fault: ActiveFault | undefined,
): Promise<void> {
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.length) });
  if (method === 'HEAD' || reply.length === 0) {
    res.end();
    return;
  }
  if (fault?.kind === 'truncate') {
    let left = Math.min(fault.bytes ?? Math.floor(reply.length / 2), reply.length - 1);
    for await (const chunk of bodyChunks(reply)) {
      if (left <= 0 || res.destroyed) break;
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= part.length;
      await write(res, part);
    }
    // Ends the connection after the bytes already written: the client sees fewer bytes than promised.
    res.socket?.end();
    return;
  }
  if (fault?.kind === 'slow') {
    const duration = fault.durationMs ?? DEFAULT_SLOW_MS;
    const steps = Math.max(1, Math.min(reply.length, Math.ceil(duration / 50)));
    const piece = Math.ceil(reply.length / steps);
    const pause = duration / steps;
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of bodyChunks(reply)) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= piece && !res.destroyed) {
        await write(res, pending.subarray(0, piece));
        pending = pending.subarray(piece);
        await sleep(pause);
      }
    }
    if (pending.length && !res.destroyed) await write(res, pending);
    res.end();
    return;
  }
  if (Buffer.isBuffer(reply.body)) {
    res.end(reply.body);
    return;
  }
  try {
    await pipeline(reply.body() as Readable, res);
  } catch {
    // The client went away mid-download; nothing left to tell it.
    res.destroy();
  }
}

function splitUrl(url: string | undefined): { rawPath: string; search: string } {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q < 0 ? { rawPath: u, search: '' } : { rawPath: u.slice(0, q), search: u.slice(q) };
}

export function createEmulatorServer(state: EmulatorState): Server {
  const server = createServer((req, res) => {
    // The Date header comes from the emulator clock (set per reply), not Node's.
    res.sendDate = false;
    handle(state, req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) {
        const body = Buffer.from(JSON.stringify({ __type: 'InternalFailure', message }));
        res.writeHead(500, {
          'Content-Type': 'application/x-amz-json-1.1',
          'Content-Length': String(body.length),
        });
        res.end(body);
      } else {
        res.destroy();
      }
    });
  });
  // Keep-alive sockets must not hold stop() open; tests start and stop many emulators.
  server.keepAliveTimeout = 5000;
  return server;
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const { rawPath, search } = splitUrl(req.url);
  let body: Buffer;
  try {
    body = await readBody(req, state.bodyTimeoutMs);
  } catch (err) {
    if (!(err instanceof BodyTooLarge || err instanceof BodyTimeout)) throw err;
    // Answered like any other API error (both protocols, request id, Date); the unread rest of the body
    // is not waited for, so the connection closes after the answer.
    const requestId = randomUUID();
    const refusal =
      err instanceof BodyTooLarge
        ? new ApiError(
            'RequestEntityTooLargeException',
            `The request body is larger than the ${MAX_BODY_BYTES} bytes the service accepts.`,
            413,
            'service',
          )
        : new ApiError(
            'RequestTimeoutException',
            `The request body stopped arriving before its Content-Length was reached; gave up after ${state.bodyTimeoutMs / 1000} s without data.`,
            408,
            'service',
          );
    const outcome = frontDoorError(state, { rawPath, headers: req.headers, requestId }, refusal);
    if (outcome.reply) outcome.reply.headers.Connection = 'close';
    await finish(state, req, res, method, rawPath, started, outcome);
    req.socket.end();
    return;
  }

  if (rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`)) {
    await handleAdmin(state, req, res, rawPath, search, body);
    return;
  }

  if (state.latencyMs > 0) await sleep(state.latencyMs);

  const incoming: Incoming = {
    method,
    rawPath,
    search,
    query: parseQuery(search),
    headers: req.headers,
    body,
    requestId: randomUUID(),
  };
  let outcome: Outcome;
  try {
    outcome = await route(state, incoming);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const reply = bufferReply(
      500,
      {
        'Content-Type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': incoming.requestId,
        Date: new Date(state.clock.now()).toUTCString(),
      },
      Buffer.from(JSON.stringify({ __type: 'InternalFailure', message })),
      'InternalFailure',
    );
    outcome = { reply, operation: 'Unknown', protocol: 'unknown' };
    const region = peekCredentialScope(req.headers)?.region;
    if (region) outcome.region = region;
  }

  await finish(state, req, res, method, rawPath, started, outcome);
}

/** Writes the outcome (or resets the connection) and logs the request. */
async function finish(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  rawPath: string,
  started: number,
  outcome: Outcome,
): Promise<void> {
  if (outcome.reset || !outcome.reply) {
    req.socket.destroy();
  } else {
    await writeReply(res, method, outcome.reply, outcome.fault);
  }

  const record = state.requests.add({
    time: new Date(state.clock.now()).toISOString(),
    method,
    path: rawPath,
    operation: outcome.operation,
    ...(outcome.region ? { region: outcome.region } : {}),
    protocol: outcome.protocol,
    status: outcome.reset || !outcome.reply ? 0 : outcome.reply.status,
    ...(outcome.reply?.errorCode ? { errorCode: outcome.reply.errorCode } : {}),
    ...(outcome.firedFault ? { fault: outcome.firedFault } : {}),
    durationMs: Math.round(performance.now() - started),
  });
  state.log?.(formatLogLine(record), record);
}
