import {
  ApiError,
  expiredToken,
  internalFailure,
  serviceUnavailable,
  throttling,
  unknownOperation,
} from './errors';
import type { ActiveFault, FaultKind } from './faults';
import { REQUEST_FAULT_KINDS } from './faults';
import { objectRoute } from './object-route';
import { advanceLifecycles } from './lifecycle';
import { OPERATIONS } from './operations';
import { exportPartMaker } from './operations/job-orders';
import type { OperationContext } from './operations';
import { decodeJsonInput, jsonError, jsonSuccess, operationFromTarget } from './protocols/aws-json';
import {
  SNOWBALL_RPC_SERVICE,
  cborError,
  cborSuccess,
  decodeCborInput,
  isRpcV2Path,
  rpcV2Operation,
} from './protocols/rpcv2-cbor';
import { SNOWBALL_ENDPOINT_REGIONS, partitionOf } from './regions';
import type { Reply } from './reply';
import { ssoRoute } from './sso/route';
import type { EmulatorState, Incoming, Outcome } from './state';
import { STS_VERSION, getCallerIdentity, queryProtocolParams, stsAuthError, stsError } from './sts';
import type { VerifiedCaller } from './sigv4-verify';
import { AuthFailure, peekCredentialScope, verifyHeaderSignature } from './sigv4-verify';
import { SNOWBALL_MODEL, operationOf } from './schema/model';
import { validateInput } from './schema/validate';

export type ApiProtocol = 'json' | 'cbor';

function header(incoming: Pick<Incoming, 'headers'>, name: string): string | undefined {
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

export function baseHeaders(state: EmulatorState, requestId: string): Record<string, string> {
  return { 'x-amzn-RequestId': requestId, Date: new Date(state.clock.now()).toUTCString() };
}

/** JSON and CBOR Snowball services name the SigV4 refusals the same way. */
function authError(failure: AuthFailure): ApiError {
  const code = {
    missing: 'MissingAuthenticationTokenException',
    incomplete: 'IncompleteSignatureException',
    signature: 'InvalidSignatureException',
    unknownKey: 'UnrecognizedClientException',
    expiredToken: 'ExpiredTokenException',
  }[failure.kind];
  return new ApiError(code, failure.message, 400, 'service');
}

function faultError(fault: ActiveFault): ApiError | undefined {
  if (fault.kind === 'throttle') return throttling();
  if (fault.kind === '500') return internalFailure();
  if (fault.kind === '503') return serviceUnavailable();
  if (fault.kind === 'expired-token') return expiredToken();
  return undefined;
}

/** Moves the jobs and clusters created through the API to where the emulator clock says they are. */
export function bringUpToDate(state: EmulatorState): void {
  advanceLifecycles(state.store, state.clock.now(), exportPartMaker(state.store, state.ids));
}

/**
 * An error for a request that never got as far as its operation (body too large or stalled), in the
 * protocol its path names: RPC v2 CBOR for `/service/…/operation/…`, AWS JSON otherwise.
 */
export function frontDoorError(
  state: EmulatorState,
  request: Pick<Incoming, 'rawPath' | 'headers' | 'requestId'>,
  err: ApiError,
): Outcome {
  const base = baseHeaders(state, request.requestId);
  const cbor = isRpcV2Path(request.rawPath);
  const operation =
    (cbor
      ? rpcV2Operation(SNOWBALL_RPC_SERVICE, request.rawPath, request.headers)
      : operationFromTarget(header({ headers: request.headers }, 'x-amz-target'))) ?? 'Unknown';
  const reply = cbor ? cborError(SNOWBALL_RPC_SERVICE, err, base) : jsonError(err, base);
  const region = peekCredentialScope(request.headers)?.region;
  return { reply, operation, protocol: cbor ? 'cbor' : 'json', ...(region ? { region } : {}) };
}

/** Decides which front door a request came through and dispatches it. */
export async function route(state: EmulatorState, incoming: Incoming): Promise<Outcome> {
  const sso = ssoRoute(state, incoming);
  if (sso) return sso;
  const { method, rawPath } = incoming;
  const query = queryProtocolParams(method, header(incoming, 'content-type'), incoming.body, incoming.search);
  if (query) return stsRoute(state, incoming, query);
  if (method === 'GET' || method === 'HEAD') return objectRoute(state, incoming);
  if (method === 'POST' && isRpcV2Path(rawPath)) return apiRoute(state, incoming, 'cbor');
  if (method === 'POST' && rawPath === '/') {
    // No X-Amz-Target and no Action: a request signed for STS is an STS request missing its Action.
    if (!header(incoming, 'x-amz-target') && peekCredentialScope(incoming.headers)?.service === 'sts') {
      return stsRoute(state, incoming, {});
    }
    return apiRoute(state, incoming, 'json');
  }
  if (method !== 'POST') return objectRoute(state, incoming);
  return apiRoute(state, incoming, 'json');
}

async function apiRoute(state: EmulatorState, incoming: Incoming, protocol: ApiProtocol): Promise<Outcome> {
  const base = baseHeaders(state, incoming.requestId);
  const fail = (err: ApiError, operation: string, region?: string, status?: number): Outcome => {
    const reply: Reply =
      protocol === 'json' ? jsonError(err, base) : cborError(SNOWBALL_RPC_SERVICE, err, base, status);
    return { reply, operation, protocol, ...(region ? { region } : {}) };
  };

  // Work out the operation the request names. RPC v2 requests that route nowhere are 404s.
  const operation =
    protocol === 'json'
      ? operationFromTarget(header(incoming, 'x-amz-target'))
      : rpcV2Operation(SNOWBALL_RPC_SERVICE, incoming.rawPath, incoming.headers);
  const label = operation ?? 'Unknown';
  if (protocol === 'cbor' && !operation) return fail(unknownOperation(), label, undefined, 404);

  let caller: VerifiedCaller;
  try {
    // The received request carries everything SigV4 covers (and more, which it ignores).
    caller = await verifyHeaderSignature(incoming, {
      clock: state.clock,
      expectedService: 'snowball',
      servedRegions: SNOWBALL_ENDPOINT_REGIONS,
      principals: (id) => state.sso.principal(id),
    });
  } catch (err) {
    if (err instanceof AuthFailure)
      return fail(authError(err), label, peekCredentialScope(incoming.headers)?.region);
    throw err;
  }
  const region = caller.region;

  const handler = operation && operationOf(SNOWBALL_MODEL, operation) ? OPERATIONS[operation] : undefined;
  if (!operation || !handler) {
    return fail(unknownOperation(), label, region, protocol === 'cbor' ? 404 : undefined);
  }

  const fault = state.faults.take(operation, region, REQUEST_FAULT_KINDS);
  if (fault?.kind === 'reset') return { reset: true, operation, region, protocol, firedFault: 'reset' };
  const injected = fault ? faultError(fault) : undefined;
  if (injected && fault) return { ...fail(injected, operation, region), firedFault: fault.kind };

  let firedExpire = false;
  bringUpToDate(state);
  const ctx: OperationContext = {
    store: state.store,
    clock: state.clock,
    region,
    host: header(incoming, 'host') ?? '127.0.0.1',
    secrets: state.secrets,
    urls: state.urls,
    tokens: state.tokens,
    defaultPageSize: state.defaultPageSize,
    ids: state.ids,
    takeFault: (kind) => {
      const f = state.faults.take(operation, region, [kind]);
      if (f?.kind === 'expire') firedExpire = true;
      return f;
    },
  };
  try {
    const input =
      protocol === 'json'
        ? decodeJsonInput(SNOWBALL_MODEL, operation, incoming.body)
        : decodeCborInput(SNOWBALL_RPC_SERVICE, operation, incoming.body);
    const inputShape = operationOf(SNOWBALL_MODEL, operation)?.input?.shape;
    const output = await handler(ctx, inputShape ? validateInput(SNOWBALL_MODEL, inputShape, input) : input);
    const reply =
      protocol === 'json'
        ? jsonSuccess(SNOWBALL_MODEL, operation, output, base)
        : cborSuccess(SNOWBALL_RPC_SERVICE, operation, output, base);
    const outcome: Outcome = { reply, operation, region, protocol };
    if (fault) outcome.fault = fault;
    const fired = [fault?.kind, firedExpire ? 'expire' : undefined].filter(Boolean).join(',');
    if (fired) outcome.firedFault = fired;
    return outcome;
  } catch (err) {
    if (err instanceof ApiError) return fail(err, operation, region);
    throw err;
  }
}

async function stsRoute(
  state: EmulatorState,
  incoming: Incoming,
  params: Record<string, string>,
): Promise<Outcome> {
  const base = baseHeaders(state, incoming.requestId);
  const operation = params.Action ?? 'Unknown';
  const out = (reply: Reply, region?: string): Outcome => ({
    reply,
    operation,
    protocol: 'query',
    ...(region ? { region } : {}),
  });

  let caller: VerifiedCaller;
  try {
    caller = await verifyHeaderSignature(incoming, {
      clock: state.clock,
      expectedService: 'sts',
      principals: (id) => state.sso.principal(id),
    });
  } catch (err) {
    if (err instanceof AuthFailure) {
      return out(
        stsAuthError(err.kind, err.message, incoming.requestId, base),
        peekCredentialScope(incoming.headers)?.region,
      );
    }
    throw err;
  }
  if (!params.Action)
    return out(stsError(400, 'MissingAction', 'Missing Action', incoming.requestId, base), caller.region);
  if (params.Action !== 'GetCallerIdentity' || params.Version !== STS_VERSION) {
    return out(
      stsError(
        400,
        'InvalidAction',
        `Could not find operation ${params.Action} for version ${params.Version ?? 'NO_VERSION_SPECIFIED'}`,
        incoming.requestId,
        base,
      ),
      caller.region,
    );
  }
  const fault = state.faults.take(operation, caller.region, REQUEST_FAULT_KINDS);
  if (fault?.kind === 'reset')
    return { reset: true, operation, region: caller.region, protocol: 'query', firedFault: 'reset' };
  const injected = fault ? stsFaultReply(fault.kind, incoming.requestId, base) : undefined;
  if (injected && fault) return { ...out(injected, caller.region), firedFault: fault.kind };
  const outcome = out(
    getCallerIdentity(caller.principal, partitionOf(caller.region), incoming.requestId, base),
    caller.region,
  );
  if (fault) {
    outcome.fault = fault;
    outcome.firedFault = fault.kind;
  }
  return outcome;
}

/** STS's own words for the faults that replace an answer (its query protocol, its error codes). */
function stsFaultReply(kind: FaultKind, requestId: string, base: Record<string, string>): Reply | undefined {
  switch (kind) {
    case 'throttle':
      return stsError(400, 'Throttling', 'Rate exceeded', requestId, base);
    case '500':
      return stsError(500, 'InternalFailure', 'An internal error occurred.', requestId, base);
    case '503':
      return stsError(
        503,
        'ServiceUnavailable',
        'Service is unavailable. Please try again later.',
        requestId,
        base,
      );
    case 'expired-token':
      return stsError(
        400,
        'ExpiredToken',
        'The security token included in the request is expired',
        requestId,
        base,
      );
    default:
      return undefined;
  }
}
