/** What the emulator remembers about each request: enough for tests to count calls and retries. No secrets. */
export type WireProtocol = 'json' | 'cbor' | 'query' | 's3' | 'rest-json' | 'unknown';

export interface RequestRecord {
  seq: number;
  /** ISO time on the emulator clock. */
  time: string;
  method: string;
  /** Path only: query strings of presigned URLs hold signatures. */
  path: string;
  operation: string;
  region?: string;
  protocol: WireProtocol;
  /** HTTP status; 0 when the connection was reset by a fault. */
  status: number;
  errorCode?: string;
  fault?: string;
  durationMs: number;
}

export interface RequestFilter {
  operation?: string;
  region?: string;
  protocol?: WireProtocol;
}

/** Keeps the most recent records only, so long benchmarks do not grow memory. */
export const MAX_RECORDS = 10_000;

export class RequestLog {
  private records: RequestRecord[] = [];
  private seq = 0;

  add(record: Omit<RequestRecord, 'seq'>): RequestRecord {
    const full = { seq: ++this.seq, ...record };
    this.records.push(full);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    return full;
  }

  list(filter: RequestFilter = {}): RequestRecord[] {
    return this.records.filter(
      (r) =>
        (filter.operation === undefined || r.operation === filter.operation) &&
        (filter.region === undefined || r.region === filter.region) &&
        (filter.protocol === undefined || r.protocol === filter.protocol),
    );
  }

  clear(): number {
    const n = this.records.length;
    this.records = [];
    return n;
  }
}

/** The CLI's one line per request: method, operation, region, status, milliseconds. */
export function formatLogLine(r: RequestRecord): string {
  const extra = [r.errorCode, r.fault ? `fault=${r.fault}` : undefined].filter(Boolean).join(' ');
  return `${r.method} ${r.operation} ${r.region ?? '-'} ${r.status === 0 ? 'reset' : r.status} ${r.durationMs}ms${extra ? ` ${extra}` : ''}`;
}
