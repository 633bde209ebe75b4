import type { ApiError } from '../errors';
import { serializationError } from '../errors';
import type { Reply } from '../reply';
import { bufferReply } from '../reply';
import { compact } from '../shapes';

/** AWS JSON 1.1: `POST /`, `X-Amz-Target: AWSIESnowballJobManagementService.<Op>`, epoch-second timestamps. */
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'AWSIESnowballJobManagementService.';

/** The operation a target names, or undefined when the target is not this service's. */
export function operationFromTarget(target: string | undefined): string | undefined {
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

export function decodeJsonInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('Unexpected character in request body: not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw serializationError('Start of structure or map expected.');
  }
  return parsed as Record<string, unknown>;
}

/** Dates become epoch seconds (fractional when they carry milliseconds), as the JSON protocol requires. */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(
    JSON.stringify(compact(value), function (this: Record<string, unknown>, key, v: unknown) {
      const raw = this[key];
      return raw instanceof Date ? raw.getTime() / 1000 : v;
    }),
    'utf8',
  );
}

export function jsonSuccess(output: Record<string, unknown>, base: Record<string, string>): Reply {
  return bufferReply(200, { ...base, 'Content-Type': JSON_CONTENT_TYPE }, encodeJson(output));
}

export function jsonError(err: ApiError, base: Record<string, string>): Reply {
  const body: Record<string, unknown> = { __type: err.code };
  if (err.hasMessage) body[err.messageKey] = err.message;
  Object.assign(body, err.fields);
  return bufferReply(
    err.status,
    { ...base, 'Content-Type': JSON_CONTENT_TYPE, 'X-Amzn-Errortype': err.code },
    encodeJson(body),
    err.code,
  );
}
