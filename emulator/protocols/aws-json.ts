import type { ApiError } from '../errors';
import { serializationError } from '../errors';
import type { Reply } from '../reply';
import { bufferReply } from '../reply';
import type { ServiceModel } from '../schema/model';
import { operationOf } from '../schema/model';
import { readValue } from '../schema/read';
import { writeValue } from '../schema/write';

/** AWS JSON 1.1: `POST /`, `X-Amz-Target: AWSIESnowballJobManagementService.<Op>`, epoch-second timestamps. */
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'AWSIESnowballJobManagementService.';

/** The operation a target names, or undefined when the target is not this service's. */
export function operationFromTarget(target: string | undefined): string | undefined {
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

export function decodeJsonInput(
  model: ServiceModel,
  operation: string,
  body: Buffer,
): Record<string, unknown> {
  const inputShape = operationOf(model, operation)?.input?.shape;
  if (body.length === 0 || !inputShape) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('Unexpected character in request body: not valid JSON.');
  }
  return readValue(model, inputShape, parsed, 'json') as Record<string, unknown>;
}

export function jsonSuccess(
  model: ServiceModel,
  operation: string,
  output: Record<string, unknown>,
  base: Record<string, string>,
): Reply {
  const outputShape = operationOf(model, operation)?.output?.shape;
  const body = outputShape ? writeValue(model, outputShape, output, 'json') : {};
  return bufferReply(200, { ...base, 'Content-Type': JSON_CONTENT_TYPE }, Buffer.from(JSON.stringify(body)));
}

export function jsonError(err: ApiError, base: Record<string, string>): Reply {
  const body: Record<string, unknown> = { __type: err.code };
  if (err.hasMessage) body[err.messageKey] = err.message;
  Object.assign(body, err.fields);
  return bufferReply(
    err.status,
    { ...base, 'Content-Type': JSON_CONTENT_TYPE, 'X-Amzn-Errortype': err.code },
    Buffer.from(JSON.stringify(body)),
    err.code,
  );
}
