import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults';
import { describeFault } from './faults';
import type { JobState } from './model';
import { JOB_STATES } from './model';
import type { RequestFilter, WireProtocol } from './request-log';
import { bringUpToDate } from './router';
import { SSO_ADMIN_ROUTES, ssoAdmin } from './sso/admin';
import type { EmulatorState } from './state';

/**
 * `/__admin/...`: test and e2e controls, JSON in and out, no SigV4. They hand out unlock codes, so they
 * answer only a loopback caller that presents this launch's secret (`x-emulator-admin-secret`), and never
 * a request a browser page could forge (an Origin header, a non-loopback Host).
 */
export const ADMIN_PREFIX = '/__admin';
export const ADMIN_SECRET_HEADER = 'x-emulator-admin-secret';

/** A fresh secret for one launch: 32 random bytes, base64url. */
export function newAdminSecret(): string {
  return randomBytes(32).toString('base64url');
}

function presentsSecret(req: IncomingMessage, secret: string): boolean {
  const given = req.headers[ADMIN_SECRET_HEADER];
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127(\.\d{1,3}){3}$/.test(v4);
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':')[0];
  return host === 'localhost' || host === '[::1]' || isLoopbackAddress(host);
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = Buffer.from(`${JSON.stringify(body, null, 2)}\n`);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': text.length,
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AdminError(400, 'body must be a JSON object');
}

function toFaultSpec(body: Record<string, unknown>): FaultSpec | string {
  if (typeof body.spec === 'string') return body.spec;
  const { operation, region, kind, count, durationMs, bytes } = body;
  if (typeof operation !== 'string' || typeof kind !== 'string') {
    throw new AdminError(
      400,
      'give {"spec": "Op[@region]:kind[:count[:arg]]"} or {"operation", "kind", ...}',
    );
  }
  const spec: FaultSpec = { operation, kind: kind as FaultSpec['kind'] };
  if (typeof region === 'string') spec.region = region;
  if (count === '*') spec.count = Infinity;
  else if (typeof count === 'number') spec.count = count;
  if (typeof durationMs === 'number') spec.durationMs = durationMs;
  if (typeof bytes === 'number') spec.bytes = bytes;
  return spec;
}

function clockView(state: EmulatorState): Record<string, unknown> {
  const now = state.clock.now();
  return { now, iso: new Date(now).toISOString(), offsetMs: state.clock.offsetMs };
}

export async function handleAdmin(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  search: string,
  body: Buffer,
): Promise<void> {
  if (
    !isLoopbackAddress(req.socket.remoteAddress) ||
    !isLoopbackHost(req.headers.host) ||
    req.headers.origin
  ) {
    send(res, 403, { error: 'admin routes answer loopback callers only' });
    return;
  }
  if (!presentsSecret(req, state.adminSecret)) {
    send(res, 403, { error: `admin routes need this launch's secret in the ${ADMIN_SECRET_HEADER} header` });
    return;
  }
  const method = req.method ?? 'GET';
  const path = rawPath.slice(ADMIN_PREFIX.length).replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(search);
  try {
    const out = await dispatch(state, method, path, params, body);
    send(res, 200, out);
  } catch (err) {
    if (err instanceof AdminError) send(res, err.status, { error: err.message });
    else send(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}

async function dispatch(
  state: EmulatorState,
  method: string,
  path: string,
  params: URLSearchParams,
  rawBody: Buffer,
): Promise<unknown> {
  const route = `${method} ${path}`;
  if (route === 'GET /') {
    return {
      routes: [
        'GET /__admin/demo',
        'GET|DELETE /__admin/requests[?operation=&region=&protocol=]',
        'GET|POST|DELETE /__admin/faults',
        'GET|POST /__admin/clock  {"advanceMs": n} | {"set": ms-or-iso}',
        'POST /__admin/latency  {"ms": n}',
        'GET /__admin/jobs/{jobId}',
        'POST /__admin/jobs/{jobId}/state  {"state": "WithCustomer"}',
        'GET /__admin/jobs/{jobId}/secrets',
        ...SSO_ADMIN_ROUTES,
      ],
    };
  }
  if (route === 'GET /demo') return state.demo;
  if (route === 'GET /requests') {
    const filter: RequestFilter = {};
    const op = params.get('operation');
    const region = params.get('region');
    const protocol = params.get('protocol');
    if (op) filter.operation = op;
    if (region) filter.region = region;
    if (protocol) filter.protocol = protocol as WireProtocol;
    const requests = state.requests.list(filter);
    return { count: requests.length, requests };
  }
  if (route === 'DELETE /requests') return { cleared: state.requests.clear() };
  if (route === 'GET /faults') return { faults: state.faults.list().map(describeFault) };
  if (route === 'POST /faults') {
    const body = parseBody(rawBody);
    const specs = Array.isArray(body.faults) ? (body.faults as unknown[]) : [body];
    const added = specs.map((s) => {
      const spec = typeof s === 'string' ? s : toFaultSpec((s ?? {}) as Record<string, unknown>);
      return describeFault(state.faults.add(spec));
    });
    return { added };
  }
  if (route === 'DELETE /faults') {
    state.faults.clear();
    return { faults: [] };
  }
  if (route === 'GET /clock') return clockView(state);
  if (route === 'POST /clock') {
    const body = parseBody(rawBody);
    if (typeof body.advanceMs === 'number') state.clock.advance(body.advanceMs);
    else if (typeof body.set === 'number') state.clock.set(body.set);
    else if (typeof body.set === 'string' && !Number.isNaN(Date.parse(body.set)))
      state.clock.set(Date.parse(body.set));
    else throw new AdminError(400, 'give {"advanceMs": n} or {"set": epoch-ms or ISO date}');
    return clockView(state);
  }
  if (route === 'POST /latency') {
    const body = parseBody(rawBody);
    if (typeof body.ms !== 'number' || body.ms < 0) throw new AdminError(400, 'give {"ms": n} with n >= 0');
    state.latencyMs = body.ms;
    return { latencyMs: state.latencyMs };
  }
  const sso = ssoAdmin(state.sso, method, path, () => parseBody(rawBody));
  if (sso !== undefined) return sso;
  const jobRoute = /^\/jobs\/([^/]+)(\/state|\/secrets)?$/.exec(path);
  if (jobRoute) {
    bringUpToDate(state);
    const jobId = decodeURIComponent(jobRoute[1] ?? '');
    const job = state.store.jobs.get(jobId);
    if (!job) throw new AdminError(404, `no job ${jobId}`);
    const sub = jobRoute[2];
    if (method === 'GET' && !sub) {
      const { returnLabel: _label, ...rest } = job;
      return { ...rest, createdAt: new Date(job.createdAt).toISOString() };
    }
    if (method === 'POST' && sub === '/state') {
      const body = parseBody(rawBody);
      const next = body.state;
      if (typeof next !== 'string' || !(JOB_STATES as readonly string[]).includes(next)) {
        throw new AdminError(400, `state must be one of ${JOB_STATES.join(', ')}`);
      }
      const previousState = job.state;
      state.store.setJobState(jobId, next as JobState, state.clock.now());
      return { jobId, previousState, state: next };
    }
    if (method === 'GET' && sub === '/secrets') {
      return {
        jobId,
        unlockCode: state.secrets.unlockCode(jobId),
        manifestSha256: await state.secrets.manifestSha256(job),
        manifestBytes: state.secrets.manifestSize(job),
      };
    }
  }
  throw new AdminError(404, `no admin route ${route}`);
}
