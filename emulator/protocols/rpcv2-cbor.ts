import { Encoder } from 'cbor-x';
import type { ApiError } from '../errors';
import { serializationError } from '../errors';
import type { Reply } from '../reply';
import { bufferReply } from '../reply';
import { compact } from '../shapes';

/**
 * Smithy RPC v2 CBOR: `POST {prefix?}/service/<Service>/operation/<Op>`, `smithy-protocol: rpc-v2-cbor`,
 * bodies in CBOR, timestamps as tag 1 (epoch seconds), errors as a map with `__type` = absolute shape id.
 */
export const CBOR_CONTENT_TYPE = 'application/cbor';
export const SMITHY_PROTOCOL = 'rpc-v2-cbor';
export const SERVICE_NAME = 'AWSIESnowballJobManagementService';

// Plain maps only: cbor-x's record extension (tag 105) is not part of the protocol. Dates encode as tag 1.
const codec = new Encoder({ useRecords: false, mapsAsObjects: true, variableMapSize: true });

const PATH =
  /\/service\/(?:(?:[A-Za-z_][A-Za-z0-9_]*\.)*)([A-Za-z_][A-Za-z0-9_]*)\/operation\/([A-Za-z_][A-Za-z0-9_]*)$/;

/** Service and operation from an RPC v2 path (the service may be namespace-qualified), or undefined. */
export function parseRpcPath(path: string): { service: string; operation: string } | undefined {
  const m = PATH.exec(path);
  return m?.[1] && m[2] ? { service: m[1], operation: m[2] } : undefined;
}

export function isRpcV2Path(path: string): boolean {
  return path.includes('/service/') && path.includes('/operation/');
}

export function decodeCborInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let decoded: unknown;
  try {
    decoded = codec.decode(body);
  } catch {
    throw serializationError('Malformed CBOR in request body.');
  }
  if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded) || decoded instanceof Uint8Array) {
    throw serializationError('Start of structure or map expected.');
  }
  // The spec maps CBOR `undefined` to null; drop both, as absent members.
  return compact(decoded) as Record<string, unknown>;
}

export function encodeCbor(value: unknown): Buffer {
  return Buffer.from(codec.encode(compact(value)));
}

function cborHeaders(base: Record<string, string>): Record<string, string> {
  return { ...base, 'smithy-protocol': SMITHY_PROTOCOL, 'Content-Type': CBOR_CONTENT_TYPE };
}

export function cborSuccess(output: Record<string, unknown>, base: Record<string, string>): Reply {
  return bufferReply(200, cborHeaders(base), encodeCbor(output));
}

/** No X-Amzn-Errortype: the spec says type information lives in the payload only. */
export function cborError(err: ApiError, base: Record<string, string>, status = err.status): Reply {
  const body: Record<string, unknown> = { __type: err.absoluteType };
  if (err.hasMessage) body[err.messageKey] = err.message;
  Object.assign(body, err.fields);
  return bufferReply(status, cborHeaders(base), encodeCbor(body), err.code);
}
