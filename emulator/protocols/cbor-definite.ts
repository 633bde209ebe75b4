/**
 * cbor-x decodes indefinite-length arrays and maps but refuses indefinite-length byte and text strings
 * ("Indefinite length not supported for byte or text strings"), which RFC 8949 §3.2.3 allows and Smithy's
 * RPC v2 CBOR server tests send. It has no option for them, so this rewrites each such string as one
 * definite-length string of its concatenated chunks and leaves every other byte as it was; cbor-x then
 * decodes the result. Only called after cbor-x has refused a body.
 */
class Truncated extends Error {
  constructor() {
    super('CBOR data ends inside an item');
  }
}

interface Head {
  major: number;
  info: number;
  /** The argument (length, count or value); -1 for indefinite length. */
  arg: number;
  /** Bytes the head takes. */
  size: number;
}

function readHead(src: Uint8Array, pos: number): Head {
  if (pos >= src.length) throw new Truncated();
  const ib = src[pos] ?? 0;
  const major = ib >> 5;
  const info = ib & 0x1f;
  if (info < 24) return { major, info, arg: info, size: 1 };
  if (info === 31) return { major, info, arg: -1, size: 1 };
  const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (width === 0) throw new Error(`reserved additional information ${info}`);
  if (pos + 1 + width > src.length) throw new Truncated();
  let arg = 0;
  for (let i = 1; i <= width; i++) arg = arg * 256 + (src[pos + i] ?? 0);
  return { major, info, arg, size: 1 + width };
}

function definiteHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

/** Copies one data item starting at `pos` into `out`; returns the position after it. */
function copyItem(src: Uint8Array, pos: number, out: Uint8Array[]): number {
  const head = readHead(src, pos);
  const { major, arg } = head;
  if ((major === 2 || major === 3) && arg === -1) {
    const chunks: Uint8Array[] = [];
    let p = pos + 1;
    for (;;) {
      if (p >= src.length) throw new Truncated();
      if (src[p] === 0xff) break;
      const chunk = readHead(src, p);
      if (chunk.major !== major || chunk.arg < 0) throw new Error('bad chunk in an indefinite-length string');
      const start = p + chunk.size;
      if (start + chunk.arg > src.length) throw new Truncated();
      chunks.push(src.subarray(start, start + chunk.arg));
      p = start + chunk.arg;
    }
    const total = chunks.reduce((n, c) => n + c.length, 0);
    out.push(definiteHead(major, total), ...chunks);
    return p + 1;
  }
  out.push(src.subarray(pos, pos + head.size));
  let p = pos + head.size;
  switch (major) {
    case 2:
    case 3:
      if (p + arg > src.length) throw new Truncated();
      out.push(src.subarray(p, p + arg));
      return p + arg;
    case 4:
    case 5: {
      const perEntry = major === 5 ? 2 : 1;
      if (arg === -1) {
        while (src[p] !== 0xff) {
          if (p >= src.length) throw new Truncated();
          p = copyItem(src, p, out);
        }
        out.push(src.subarray(p, p + 1));
        return p + 1;
      }
      for (let i = 0; i < arg * perEntry; i++) p = copyItem(src, p, out);
      return p;
    }
    case 6:
      return copyItem(src, p, out);
    default:
      return p;
  }
}

/** The same CBOR with every indefinite-length string made definite. Throws on malformed input. */
export function definiteStrings(src: Uint8Array): Buffer {
  const out: Uint8Array[] = [];
  let pos = 0;
  while (pos < src.length) pos = copyItem(src, pos, out);
  return Buffer.concat(out);
}
