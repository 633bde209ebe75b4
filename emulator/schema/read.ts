import { serializationError } from '../errors';
import type { MemberRef, ServiceModel, Shape } from './model';
import { shapeOf } from './model';

export type WireProtocol = 'json' | 'cbor';

/** A walk over a value by its shape in the model, for one protocol (reading or writing). */
export type ShapeWalk = (
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  protocol: WireProtocol,
) => unknown;

/** What a value looked like on the wire, in the words AWS's JSON front end uses for type errors. */
export function wireKind(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value instanceof Date) return 'TIMESTAMP';
  if (value instanceof Uint8Array) return 'BLOB';
  switch (typeof value) {
    case 'string':
      return 'STRING_VALUE';
    case 'number':
    case 'bigint':
      return 'NUMBER_VALUE';
    case 'boolean':
      return 'BOOLEAN_VALUE';
    case 'object':
      return 'START_OBJECT';
    default:
      return 'VALUE';
  }
}

const TYPE_NAME: Record<Shape['type'], string> = {
  structure: 'a Structure',
  list: 'a List',
  map: 'a Map',
  string: 'a String',
  boolean: 'a Boolean',
  byte: 'a Byte',
  short: 'a Short',
  integer: 'an Integer',
  long: 'a Long',
  float: 'a Float',
  double: 'a Double',
  timestamp: 'a Timestamp',
  blob: 'a Blob',
};

const INTEGRAL = new Set<Shape['type']>(['byte', 'short', 'integer', 'long']);

function mismatch(value: unknown, shape: Shape): never {
  throw serializationError(`${wireKind(value)} can not be converted to ${TYPE_NAME[shape.type]}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date)
  );
}

/** A model default (Smithy notation: blobs base64, timestamps epoch seconds) as a decoded value. */
export function defaultValue(model: ServiceModel, ref: MemberRef): unknown {
  const shape = shapeOf(model, ref.shape);
  const v = ref.default;
  if (shape.type === 'blob' && typeof v === 'string') return Buffer.from(v, 'base64');
  if (shape.type === 'timestamp' && typeof v === 'number') return new Date(v * 1000);
  return structuredClone(v);
}

/**
 * Checks a decoded request body against `shapeName` and normalises it: CBOR's 64-bit integers (bigint) and
 * JSON's epoch seconds and base64 become numbers, Dates and bytes; null members of a structure count as
 * absent; unknown members are skipped (a newer client may send them); members with a model default that
 * are absent get it. A value of the wrong type is a SerializationException, as AWS's front end answers.
 */
export const readValue: ShapeWalk = (model, shapeName, value, protocol) => {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure':
      return readStructure(model, shape, value, protocol);
    case 'list': {
      if (!Array.isArray(value)) mismatch(value, shape);
      const member = shape.member?.shape ?? '';
      return value.map((item: unknown) => {
        if (item === null || item === undefined) {
          if (shape.sparse) return null;
          throw serializationError('Null value in a list that does not allow nulls');
        }
        return readValue(model, member, item, protocol);
      });
    }
    case 'map': {
      if (!isPlainObject(value)) mismatch(value, shape);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === null || v === undefined) {
          if (shape.sparse) out[k] = null;
          continue;
        }
        out[k] = readValue(model, shape.value?.shape ?? '', v, protocol);
      }
      return out;
    }
    case 'string':
      if (typeof value !== 'string') mismatch(value, shape);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch(value, shape);
      return value;
    case 'blob':
      if (protocol === 'json') {
        if (typeof value !== 'string') mismatch(value, shape);
        return Buffer.from(value, 'base64');
      }
      if (!(value instanceof Uint8Array)) mismatch(value, shape);
      return value;
    case 'timestamp':
      if (value instanceof Date) return value;
      // JSON sends epoch seconds; an untagged number in CBOR is read the same way.
      if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
      return mismatch(value, shape);
    default: {
      // Numbers. CBOR may carry any integer width (cbor-x gives bigint for the 8-byte form): the value
      // counts, not its encoding. Range checks are validation's job, so both protocols answer alike.
      const n = typeof value === 'bigint' ? Number(value) : value;
      if (typeof n !== 'number') mismatch(value, shape);
      if (INTEGRAL.has(shape.type) && !Number.isInteger(n)) mismatch(value, shape);
      return n;
    }
  }
};

function readStructure(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  protocol: WireProtocol,
): Record<string, unknown> {
  if (!isPlainObject(value)) throw serializationError('Start of structure or map expected.');
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = value[name];
    if (v === undefined || v === null) {
      if (ref.default !== undefined) out[name] = defaultValue(model, ref);
      continue;
    }
    out[name] = readValue(model, ref.shape, v, protocol);
  }
  if (shape.union && Object.keys(out).length > 1) {
    throw serializationError('A union must have exactly one member set.');
  }
  return out;
}
