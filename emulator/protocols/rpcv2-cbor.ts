import type { IncomingHttpHeaders } from 'node:http';
import { Encoder } from 'cbor-x';
import type { ApiError } from '../errors';
import { serializationError } from '../errors';
import type { Reply } from '../reply';
import { bufferReply } from '../reply';
import type { ServiceModel } from '../schema/model';
import { SNOWBALL_MODEL, SNOWBALL_NAMESPACE, operationOf } from '../schema/model';
import { readValue } from '../schema/read';
import { writeValue } from '../schema/write';
import { definiteStrings } from './cbor-definite';

/**
 * Smithy RPC v2 CBOR: `POST {prefix?}/service/<Service>/operation/<Op>`, `smithy-protocol: rpc-v2-cbor`,
 * bodies in CBOR, timestamps as tag 1 (epoch seconds), errors as a map with `__type` = absolute shape id.
 * Generic over the service so Smithy's own protocol tests run against this code with their test service.
 */
export const CBOR_CONTENT_TYPE = 'application/cbor';
export const SMITHY_PROTOCOL = 'rpc-v2-cbor';

export interface RpcV2Service {
  /** The service shape's name, as it appears in the path. */
  name: string;
  /** Namespace of the modeled errors' shape ids. */
  namespace: string;
  model: ServiceModel;
}

export const SNOWBALL_RPC_SERVICE: RpcV2Service = {
  name: 'AWSIESnowballJobManagementService',
  namespace: SNOWBALL_NAMESPACE,
  model: SNOWBALL_MODEL,
};

// Plain maps only: cbor-x's record extension (tag 105) is not part of the protocol. Dates encode as tag 1.
const codec = new Encoder({ useRecords: false, mapsAsObjects: true, variableMapSize: true });

const PATH =
  /\/service\/(?:(?:[A-Za-z_][A-Za-z0-9_]*\.)*)([A-Za-z_][A-Za-z0-9_]*)\/operation\/([A-Za-z_][A-Za-z0-9_]*)$/;

export function isRpcV2Path(path: string): boolean {
  return path.includes('/service/') && path.includes('/operation/');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * The operation an RPC v2 request names, or undefined when it routes nowhere (404): another service, no
 * `smithy-protocol: rpc-v2-cbor`, or an `X-Amz-Target`, which the protocol forbids. The service segment may
 * be namespace-qualified. An operation the model lacks is returned as named; the caller answers for it.
 */
export function rpcV2Operation(
  service: RpcV2Service,
  path: string,
  headers: IncomingHttpHeaders,
): string | undefined {
  const m = PATH.exec(path);
  if (!m?.[1] || !m[2] || m[1] !== service.name) return undefined;
  if (header(headers, 'smithy-protocol') !== SMITHY_PROTOCOL) return undefined;
  if (header(headers, 'x-amz-target') !== undefined || header(headers, 'x-amzn-target') !== undefined)
    return undefined;
  return m[2];
}

/**
 * Any CBOR body to a JS value, through cbor-x. cbor-x refuses indefinite-length strings (with one error or
 * another, depending on where they sit), so a body it refuses is retried once with them made definite
 * (cbor-definite.ts); a body without any is refused as it was.
 */
export function decodeCbor(body: Uint8Array): unknown {
  try {
    return codec.decode(body);
  } catch (err) {
    const definite = definiteStrings(body);
    if (Buffer.compare(definite, body) === 0) throw err;
    return codec.decode(definite);
  }
}

/** The operation's input from a request body: empty means empty input; wrong types are SerializationException. */
export function decodeCborInput(
  service: RpcV2Service,
  operation: string,
  body: Buffer,
): Record<string, unknown> {
  const inputShape = operationOf(service.model, operation)?.input?.shape;
  if (body.length === 0 || !inputShape) return {};
  let decoded: unknown;
  try {
    decoded = decodeCbor(body);
  } catch {
    throw serializationError('Malformed CBOR in request body.');
  }
  return readValue(service.model, inputShape, decoded, 'cbor') as Record<string, unknown>;
}

function cborHeaders(base: Record<string, string>): Record<string, string> {
  return { ...base, 'smithy-protocol': SMITHY_PROTOCOL, 'Content-Type': CBOR_CONTENT_TYPE };
}

/** A success: the output shaped by the model; an operation without output answers an empty body, untyped. */
export function cborSuccess(
  service: RpcV2Service,
  operation: string,
  output: Record<string, unknown>,
  base: Record<string, string>,
): Reply {
  const outputShape = operationOf(service.model, operation)?.output?.shape;
  if (!outputShape) return bufferReply(200, { ...base, 'smithy-protocol': SMITHY_PROTOCOL }, Buffer.alloc(0));
  const body = Buffer.from(codec.encode(writeValue(service.model, outputShape, output, 'cbor')));
  return bufferReply(200, cborHeaders(base), body);
}

/** No X-Amzn-Errortype: the spec says type information lives in the payload only. */
export function cborError(
  service: RpcV2Service,
  err: ApiError,
  base: Record<string, string>,
  status = err.status,
): Reply {
  const members: Record<string, unknown> = { ...err.fields };
  if (err.hasMessage) members[err.messageKey] = err.message;
  const shaped =
    err.origin === 'modeled' && service.model.shapes[err.code]
      ? (writeValue(service.model, err.code, members, 'cbor') as Record<string, unknown>)
      : members;
  const body = { __type: err.absoluteType(service.namespace), ...shaped };
  return bufferReply(status, cborHeaders(base), Buffer.from(codec.encode(body)), err.code);
}
