/**
 * Turns a child's byte stream into whole lines, so redaction always sees a complete unlock code (a code
 * split across two chunks would slip past a per-chunk redaction). A line that never ends is cut once it
 * grows too long, at a separator and never inside a code: not inside a run of letters, digits and
 * hyphens, and not inside any span `protect` names (a known code spelled with spaces, or the beginning of
 * one at the end of what has arrived so far).
 */
import { StringDecoder } from 'node:string_decoder';

const DEFAULT_MAX_LINE = 16 * 1024;

export type Spans = (text: string) => readonly (readonly [number, number])[];

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = DEFAULT_MAX_LINE,
    private readonly protect: Spans = () => [],
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    for (;;) {
      const end = this.pending.search(/\r?\n|\r(?!$)/);
      if (end < 0) break;
      const breakLength = this.pending.startsWith('\r\n', end) ? 2 : 1;
      this.onLine(this.pending.slice(0, end));
      this.pending = this.pending.slice(end + breakLength);
    }
    while (this.pending.length > this.maxLine) {
      const cut = safeCut(this.pending, this.maxLine, this.protect(this.pending));
      this.onLine(this.pending.slice(0, cut));
      this.pending = this.pending.slice(cut);
    }
  }

  /** The last line, if the stream ended without a line break. */
  end(): void {
    this.pending += this.decoder.end();
    if (this.pending.replace(/\r$/, '') !== '') this.onLine(this.pending.replace(/\r$/, ''));
    this.pending = '';
  }
}

/**
 * The last place before `max` outside every protected span and every code-shaped run; when there is
 * none, the end of the span or run that holds `max` (a line a little longer than the limit beats a code
 * cut in two).
 */
export function safeCut(text: string, max: number, spans: readonly (readonly [number, number])[]): number {
  const inside = (i: number) => spans.some(([start, end]) => start < i && i < end);
  for (let i = max; i > 0; i--) {
    if (!inside(i) && !/[A-Za-z0-9-]/.test(text.charAt(i - 1))) return i;
  }
  let cut = max;
  for (;;) {
    const span = spans.find(([start, end]) => start < cut && cut < end);
    const runEnd = text.slice(cut).search(/[^A-Za-z0-9-]/);
    const next = Math.max(span ? span[1] : cut, runEnd < 0 ? text.length : cut + runEnd);
    if (next === cut) return cut;
    cut = next;
  }
}
