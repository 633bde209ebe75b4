import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';

/**
 * HTTP byte ranges as S3 serves them (RFC 9110 §14): one range per request, `bytes=a-b`, `bytes=a-` or
 * `bytes=-n`; an end past the object is cut to its last byte. A range S3 cannot serve (it starts past the
 * end) is unsatisfiable (416 InvalidRange); a header that is not one byte range is ignored, as RFC 9110
 * lets a server do, and the whole object is sent.
 */
export type RangeAnswer =
  { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** Bytes `start..end` (inclusive) of a stream, without holding more than a chunk. */
export function sliceStream(source: Readable, start: number, end: number): Readable {
  let offset = 0;
  const slicer = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end + 1 - offset, chunk.length);
      offset += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      if (offset > end) {
        this.push(null);
        source.destroy();
      }
      done();
    },
  });
  return source.pipe(slicer);
}
