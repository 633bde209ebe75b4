/**
 * Gate 6: no high or critical advisory in what ships, or each one explained below. What ships is the
 * production dependency tree (`npm audit --omit=dev`) and the Electron runtime the installers bundle,
 * which package.json lists as a devDependency (so it is read from the full audit).
 *
 * Where the audit endpoint cannot be reached (our development machines reach only the registry's GET
 * routes; the bulk advisory endpoint answers 405), the gate says so and counts as neither passed nor
 * failed, except on GitHub Actions, whose runners reach the full registry: there an unreachable endpoint
 * is a failure. (.ci/run runs on machines like ours, so CI alone does not demand it.)
 */
import { spawnSync } from 'node:child_process';
import { verdict, type GateResult } from './gate';

/** Advisories accepted in what ships, each with the reason it does not affect the app. None today. */
export const AUDIT_EXCEPTIONS: readonly { advisory: string; reason: string }[] = [];

const SHIPPED_DEV_PACKAGES = ['electron'];
const BLOCKING = new Set(['high', 'critical']);

interface Advisory {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}
interface AuditReport {
  vulnerabilities?: Record<string, { severity?: string; via?: (string | Advisory)[] }>;
  message?: string;
  error?: { summary?: string; code?: string };
}

export interface AuditRun {
  /** npm's JSON output, or null when it printed none. */
  report: AuditReport | null;
  stderr: string;
}

export async function npmAuditGate(): Promise<GateResult> {
  const shipped = runAudit(['--omit=dev']);
  const full = runAudit([]);
  const mustCheck = process.env.GITHUB_ACTIONS === 'true';
  return judgeAudit(shipped, full, { mustCheck, exceptions: AUDIT_EXCEPTIONS });
}

function runAudit(extra: string[]): AuditRun {
  const result = spawnSync('npm', ['audit', '--json', ...extra], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
    timeout: 60_000,
  });
  try {
    return { report: JSON.parse(result.stdout) as AuditReport, stderr: result.stderr };
  } catch {
    return { report: null, stderr: result.stderr || result.error?.message || 'no output' };
  }
}

export function judgeAudit(
  shipped: AuditRun,
  full: AuditRun,
  options: { mustCheck: boolean; exceptions: readonly { advisory: string }[] },
): GateResult {
  const unreachable = [shipped, full].map(unavailableReason).find((r) => r !== null);
  if (unreachable) {
    const summary = `the npm audit endpoint could not be used (${unreachable}); nothing was checked`;
    if (options.mustCheck) return verdict(false, `${summary}, and GitHub Actions must check it`);
    return {
      status: 'unavailable',
      summary: `${summary}. Not a pass: the GitHub workflows run it, and there it must succeed`,
      details: [],
    };
  }
  const production = advisories(shipped.report, () => true);
  const runtime = advisories(full.report, (name) => SHIPPED_DEV_PACKAGES.includes(name));
  const all = dedupe([...production, ...runtime]);
  const blocking = all.filter((a) => BLOCKING.has(a.severity ?? ''));
  const excused = blocking.filter((a) => options.exceptions.some((e) => a.url?.endsWith(e.advisory)));
  const open = blocking.filter((a) => !excused.includes(a));
  const details = open.map((a) => `${a.severity} ${a.name}: ${a.title} (${a.url})`);
  const summary =
    `production dependencies and the Electron runtime: ${all.length} advisories, ` +
    `${blocking.length} high or critical (${excused.length} explained in AUDIT_EXCEPTIONS), ${open.length} open`;
  return verdict(open.length === 0, summary, details);
}

/** Why npm produced no audit: its own error JSON, or no JSON at all. */
function unavailableReason(run: AuditRun): string | null {
  if (!run.report) return firstLine(run.stderr);
  if (run.report.vulnerabilities) return null;
  return firstLine(run.report.message ?? run.report.error?.summary ?? run.stderr);
}

function advisories(report: AuditReport | null, include: (name: string) => boolean): Advisory[] {
  const found: Advisory[] = [];
  for (const [name, entry] of Object.entries(report?.vulnerabilities ?? {})) {
    if (!include(name)) continue;
    // A string in `via` names the package the advisory came through; it is listed under that package.
    for (const via of entry.via ?? []) if (typeof via !== 'string') found.push(via);
  }
  return found;
}

function dedupe(list: Advisory[]): Advisory[] {
  const seen = new Map<string, Advisory>();
  for (const a of list) seen.set(a.url ?? String(a.source), a);
  return [...seen.values()];
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? 'no answer').replace(/^npm (warn|error) /, '').trim();
}
