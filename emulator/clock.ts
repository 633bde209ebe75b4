/** The emulator's notion of "now". Injectable so tests can jump past presign expiry and credential age. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs: number = Date.UTC(2025, 0, 15, 12, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Another clock plus an adjustable offset; the emulator wraps every clock in one so admin routes can move time. */
export class OffsetClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  set(ms: number): void {
    this.offset = ms - this.base.now();
  }

  get offsetMs(): number {
    return this.offset;
  }
}

/** `YYYYMMDDTHHMMSSZ`, the SigV4 long date. */
export function toAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses a SigV4 long date; undefined when it is not exactly `YYYYMMDDTHHMMSSZ`. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject values Date.UTC silently normalises (e.g. month 13).
  return toAmzDate(ms) === value ? ms : undefined;
}

/** S3's ISO 8601 form without milliseconds, as in `<Expires>`. */
export function toIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
