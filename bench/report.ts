/** The figures as a table on stdout and as JSON under bench/results/. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { machineLine, type Machine } from './machine';
import { RESULTS_DIR } from './paths';
import type { BenchResult, Metric } from './result';

export interface Report {
  date: string;
  machine: Machine;
  /** 1-minute load average at the start and the end: other work on the machine moves the figures. */
  loadAverage: { start: number; end: number };
  options: Record<string, unknown>;
  durationMs: number;
  results: BenchResult[];
}

function format(value: number, unit: Metric['unit']): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case '×':
      return `${value.toFixed(2)}×`;
    case 'requests':
      return String(Math.round(value));
    case 'MB':
    case 'MB/s':
    case 'kB':
      return `${value.toFixed(1)} ${unit}`;
    case 'ms':
      return `${value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
  }
}

function verdict(m: Metric): string {
  if (!m.goal) return '';
  return `${m.met ? 'met' : 'MISSED'} (${m.goal.text})`;
}

export function renderTable(report: Report): string {
  const header = ['measure', 'median', 'min', 'max', 'runs', 'goal'];
  const lines: string[] = [
    `Snowball Companion benchmarks, ${report.date}`,
    `Machine: ${machineLine(report.machine)}; load ${report.loadAverage.start.toFixed(2)} → ${report.loadAverage.end.toFixed(2)}`,
    '',
  ];
  for (const result of report.results) {
    lines.push(`${result.title}`);
    if (result.skipped) {
      lines.push(`  skipped: ${result.skipped}`, '');
      continue;
    }
    const rows = result.metrics.map((m) => [
      m.name,
      format(m.summary.median, m.unit),
      format(m.summary.min, m.unit),
      format(m.summary.max, m.unit),
      String(m.summary.runs),
      verdict(m),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      `  ${cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd();
    lines.push(line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line));
    for (const note of result.notes) lines.push(`  · ${note}`);
    lines.push('');
  }
  lines.push(`Total ${(report.durationMs / 1000).toFixed(0)} s.`);
  return lines.join('\n');
}

/** Writes the report as `<date>.json` and `latest.json`; returns the dated file's path. */
export async function writeReport(report: Report): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = path.join(RESULTS_DIR, `${report.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, text);
  await writeFile(path.join(RESULTS_DIR, 'latest.json'), text);
  return file;
}
