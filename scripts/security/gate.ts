/**
 * What every security gate returns: a verdict, the one summary line with its figure, and any details
 * (findings, the fault matrix) printed above that line.
 */
export type GateStatus = 'pass' | 'fail' | 'unavailable';

export interface GateResult {
  status: GateStatus;
  /** The figure, e.g. "10000 inputs, 10000 rejected, 0 crashes". */
  summary: string;
  /** Printed before the summary line: tables, findings, reasons. */
  details: string[];
}

export interface Gate {
  name: string;
  run(): Promise<GateResult>;
}

export function verdict(ok: boolean, summary: string, details: string[] = []): GateResult {
  return { status: ok ? 'pass' : 'fail', summary, details };
}

/** Fixed-width columns for a printed table (the fault matrix, waivers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Counts values by key, printed as "403×12, 405×3". */
export function tally(values: readonly (string | number)[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}×${n}`)
    .join(', ');
}
