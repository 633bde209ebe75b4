/**
 * Turns a child's byte stream into whole lines, so redaction always sees a complete unlock code (a code
 * split across two chunks would slip past a per-chunk redaction). A line that never ends is cut at a
 * separator once it grows too long, never inside a run of letters, digits and hyphens.
 */
import { StringDecoder } from 'node:string_decoder';

const DEFAULT_MAX_LINE = 16 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = DEFAULT_MAX_LINE,
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
      const cut = safeCut(this.pending, this.maxLine);
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

/** The last separator before `max`, so a code-shaped run is never split; the whole text if there is none. */
function safeCut(text: string, max: number): number {
  for (let i = max; i > 0; i--) if (!/[A-Za-z0-9-]/.test(text.charAt(i - 1))) return i;
  const runEnd = text.slice(max).search(/[^A-Za-z0-9-]/);
  return runEnd < 0 ? text.length : max + runEnd;
}
