import { shapeOf } from './model';
import { defaultValue } from './read';
import type { ShapeWalk, WireProtocol } from './read';

const UINT32_MAX = 0xffffffff;
const INT32_MIN = -0x80000000;

/**
 * Shapes an operation's output (or an error's members) for the wire, following the model: members the
 * model does not name are left out, so is null or undefined in a structure (both protocols omit absent
 * members), while sparse lists and maps keep their nulls. JSON gets epoch seconds and base64; CBOR keeps
 * Dates (cbor-x writes tag 1) and bytes.
 */
export const writeValue: ShapeWalk = (model, shapeName, value, protocol) => {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const src = (value ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const v = src[name] ?? (ref.default !== undefined ? defaultValue(model, ref) : undefined);
        if (v !== undefined && v !== null) out[name] = writeValue(model, ref.shape, v, protocol);
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) =>
        item === null || item === undefined
          ? null
          : writeValue(model, shape.member?.shape ?? '', item, protocol),
      );
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === null || v === undefined) {
          if (shape.sparse) out[k] = null;
          continue;
        }
        out[k] = writeValue(model, shape.value?.shape ?? '', v, protocol);
      }
      return out;
    }
    case 'timestamp': {
      const ms = value instanceof Date ? value.getTime() : Number(value) * 1000;
      return protocol === 'json' ? ms / 1000 : new Date(ms);
    }
    case 'blob': {
      const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value as Uint8Array);
      return protocol === 'json' ? bytes.toString('base64') : bytes;
    }
    case 'long':
      return writeLong(value as number, protocol);
    default:
      return value;
  }
};

/**
 * cbor-x writes a JS number beyond 32 bits as a float64 and has no option to choose the integer width,
 * so a Long that does not fit 32 bits is handed to it as a bigint, which it writes as a CBOR integer
 * (major type 0/1 with an 8-byte argument). RPC v2 CBOR requires integers for Long members.
 */
function writeLong(value: number, protocol: WireProtocol): number | bigint {
  if (protocol === 'json' || !Number.isInteger(value)) return value;
  return value > UINT32_MAX || value < INT32_MIN ? BigInt(value) : value;
}
