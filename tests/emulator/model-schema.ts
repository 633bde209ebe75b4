/**
 * JSON Schemas for the Snowball model's shapes, built from the model file the emulator reads (botocore's
 * service-2.json; see emulator/schema/snowball-2016-06-30.json for its origin), so ajv can check what goes
 * over the wire against the model's rules: member names, types, required members, lengths, ranges,
 * patterns and enums.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { SNOWBALL_MODEL } from '../../emulator/schema/model';
import type { Shape } from '../../emulator/schema/model';

type Schema = Record<string, unknown>;

function schemaOf(shape: Shape): Schema {
  const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
  switch (shape.type) {
    case 'structure':
      return {
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(shape.members ?? {}).map(([k, m]) => [k, ref(m.shape)]),
        ),
        required: shape.required ?? [],
        additionalProperties: false,
      };
    case 'list':
      return {
        type: 'array',
        items: ref(shape.member?.shape ?? ''),
        ...(shape.min !== undefined ? { minItems: shape.min } : {}),
        ...(shape.max !== undefined ? { maxItems: shape.max } : {}),
      };
    case 'map':
      return { type: 'object', additionalProperties: ref(shape.value?.shape ?? '') };
    case 'string':
      return {
        type: 'string',
        ...(shape.enum ? { enum: shape.enum } : {}),
        ...(shape.pattern ? { pattern: shape.pattern } : {}),
        ...(shape.min !== undefined ? { minLength: shape.min } : {}),
        ...(shape.max !== undefined ? { maxLength: shape.max } : {}),
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
      // AWS JSON's epoch seconds; CBOR's tag 1 is turned into the same before checking.
      return { type: 'number' };
    case 'blob':
      return { type: 'string' };
    case 'float':
    case 'double':
      return { type: 'number', ...range(shape) };
    default:
      return { type: 'integer', ...range(shape) };
  }
}

function range(shape: Shape): Schema {
  return {
    ...(shape.min !== undefined ? { minimum: shape.min } : {}),
    ...(shape.max !== undefined ? { maximum: shape.max } : {}),
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const definitions = Object.fromEntries(
  Object.entries(SNOWBALL_MODEL.shapes).map(([n, s]) => [n, schemaOf(s)]),
);
const validators = new Map<string, ValidateFunction>();

/** A validator for one shape of the model (e.g. `DescribeJobResult`). */
export function validatorFor(shapeName: string): ValidateFunction {
  let v = validators.get(shapeName);
  if (!v) {
    v = ajv.compile({ definitions, $ref: `#/definitions/${shapeName}` });
    validators.set(shapeName, v);
  }
  return v;
}

/** A decoded CBOR body in AWS JSON's terms: tag-1 dates as epoch seconds, bigints as numbers, bytes as base64. */
export function asJsonWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(asJsonWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJsonWire(v)]));
  }
  return value;
}

/** Checks `body` against the output shape of `operation`; returns ajv's errors as text ('' when valid). */
export function outputProblems(operation: string, body: unknown): string {
  const shape = SNOWBALL_MODEL.operations[operation]?.output?.shape;
  if (!shape) return `the model has no output for ${operation}`;
  const validate = validatorFor(shape);
  return validate(body) ? '' : ajv.errorsText(validate.errors);
}
