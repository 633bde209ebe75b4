/**
 * Gate 1: Electronegativity over the app's own sources (electron/, renderer/, package.json) must report
 * nothing beyond the documented waivers, and the CSP the app sends as a header (which Electronegativity
 * cannot see) must pass the same CSP evaluator with no high or medium finding.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentSecurityPolicy } from '../../electron/app/csp';
import { FINDING_WAIVERS, SKIPPED_CHECKS, type FindingWaiver } from './electronegativity-waivers';
import { verdict, type GateResult } from './gate';

/** What the scanner's programmatic entry returns (dist/runner.js), as far as this gate reads it. */
interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name?: string } | string;
  manualReview: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type Runner = (options: Record<string, unknown>) => Promise<ScanResult>;

interface CspFinding {
  severity: number;
  directive: string;
  description: string;
}
interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** The app's own code: main, preload, core, host, the renderer, and the manifest of what ships. */
const SCANNED = ['electron', 'renderer', 'package.json'];

export async function electronegativityGate(): Promise<GateResult> {
  const scan = await scanSources();
  const lines = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const used = new Set<FindingWaiver>();
  const findings: string[] = [];
  for (const issue of scan.issues) {
    const file = issue.file.split(path.sep).join('/');
    const source = file === 'N/A' ? '' : (lines(file)[issue.location.line - 1] ?? '');
    const waiver = FINDING_WAIVERS.find(
      (w) => w.check === issue.id && w.file === file && source.includes(w.sample),
    );
    if (waiver) used.add(waiver);
    else findings.push(`${issue.id} ${file}:${issue.location.line} ${issue.description} — ${source.trim()}`);
  }
  const stale = FINDING_WAIVERS.filter((w) => !used.has(w)).map(
    (w) => `waiver no longer matches a finding (remove it): ${w.check} ${w.file} “${w.sample}”`,
  );
  // A file the scanner could not parse is a file it did not check.
  const parseErrors = scan.errors.map((e) => `could not parse ${e.file}: ${e.message}`);
  const csp = evaluateCsp();

  const problems = [...findings, ...stale, ...parseErrors, ...csp.problems];
  const summary =
    `${scan.globalChecks + scan.atomicChecks} checks over ${SCANNED.join(', ')}: ` +
    `${findings.length} findings, ${used.size} waived (scripts/security/electronegativity-waivers.ts), ` +
    `${SKIPPED_CHECKS.length} check skipped; CSP: ${csp.summary}`;
  return verdict(problems.length === 0, summary, problems);
}

/** Scans a copy of the sources, so paths are relative to the project and nothing else is picked up. */
async function scanSources(): Promise<ScanResult> {
  const stage = mkdtempSync(path.join(tmpdir(), 'companion-electronegativity-'));
  const log = console.log;
  try {
    for (const entry of SCANNED) cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    const run = require('@doyensec/electronegativity') as Runner;
    // It prints a line when it cannot fetch translations (no network here); its results are what count.
    console.log = () => undefined;
    return await run({
      input: stage,
      isRelative: true,
      customScan: [],
      excludeFromScan: SKIPPED_CHECKS.map((c) => c.check),
      // Without this it assumes Electron 0.1.0 and reports the defaults of 2016.
      electronVersionOverride: electronVersion(),
      parserPlugins: [],
    });
  } finally {
    console.log = log;
    rmSync(stage, { recursive: true, force: true });
  }
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * The policy of the app:// protocol and of the loopback host, through the evaluator Electronegativity's
 * CSP check uses. "'self' can be problematic if you host JSONP, Angular or user uploaded files" remains
 * as a note: the app's origin serves only its own built renderer.
 */
function evaluateCsp(): { summary: string; problems: string[] } {
  const fromScanner = createRequire(require.resolve('@doyensec/electronegativity'));
  const csp = fromScanner('@doyensec/csp-evaluator') as CspEvaluatorModule;
  const s = csp.severities;
  const blocking = new Set([s.HIGH, s.SYNTAX, s.MEDIUM, s.HIGH_MAYBE]);
  const problems: string[] = [];
  let notes = 0;
  for (const [where, policy] of [
    ['app://', contentSecurityPolicy(false)],
    ['loopback host', contentSecurityPolicy(true)],
  ] as const) {
    const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
    for (const f of findings) {
      if (blocking.has(f.severity)) problems.push(`CSP of ${where}: ${f.directive}: ${f.description}`);
      else notes++;
    }
  }
  return {
    summary: `2 policies evaluated, ${problems.length} high or medium findings, ${notes} notes`,
    problems,
  };
}
