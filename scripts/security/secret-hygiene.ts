/**
 * Gate 4: secret hygiene of a whole receiving flow. Runs e2e/secret-hygiene.gate.ts in Chromium through
 * the loopback host, with a TMPDIR of its own so that every file the app, the host, the stand-in client and
 * the browser write lands where the spec can search it; the spec reports what it searched and found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureChromium } from '../chromium';
import type { HygieneReport } from '../../testkit/secret-scan';
import { verdict, type GateResult } from './gate';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function secretHygieneGate(): Promise<GateResult> {
  const chromium = ensureChromium(() => undefined);
  const runTmp = mkdtempSync(path.join(tmpdir(), 'companion-hygiene-run-'));
  const reportDir = mkdtempSync(path.join(tmpdir(), 'companion-hygiene-report-'));
  const reportFile = path.join(reportDir, 'report.json');
  try {
    const result = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.gates.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      shell: process.platform === 'win32',
      env: {
        ...process.env,
        CHROMIUM_PATH: chromium,
        TMPDIR: runTmp,
        TMP: runTmp,
        TEMP: runTmp,
        COMPANION_HYGIENE_REPORT: reportFile,
      },
    });
    const output = `${result.stdout}${result.stderr}`.trim().split('\n');
    if (!existsSync(reportFile)) {
      return verdict(false, 'the receiving flow did not finish, so nothing was searched', output.slice(-40));
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as HygieneReport;
    const where = report.filesWithTheCode.map((f) => path.relative(runTmp, f)).join(', ') || 'no file';
    const summary =
      `the receiving flow in Chromium (opened through the launcher file, temporary keys typed, an IAM Identity Center sign-in, then the demo ` +
      `account, code saved, device unlocked and made ready for data): ${report.files} files (${report.profileFiles} of the browser's ` +
      `profile, after it closed), the page's storage (${report.storage.join(', ')}, session and ` +
      `local storage, IndexedDB, Cache Storage), ${report.texts} page texts, ${report.events} client ` +
      `lines and the command lines of ${report.processes} processes the app started during the unlock and the device's read ` +
      `(${report.clientProcesses} of them the client's) searched; the unlock code only in ${where}; ` +
      `${report.findings.length} findings`;
    const ok = result.status === 0 && report.findings.length === 0;
    const searched = [
      `files searched, by folder of the run's TMPDIR: ${Object.entries(report.folders)
        .map(([folder, n]) => `${folder} ${n}`)
        .join(', ')}; not searched (tool caches): ${report.skipped.join(', ') || 'none'}`,
    ];
    return verdict(ok, summary, ok ? searched : [...searched, ...report.findings, ...output.slice(-20)]);
  } finally {
    rmSync(runTmp, { recursive: true, force: true });
    rmSync(reportDir, { recursive: true, force: true });
  }
}
