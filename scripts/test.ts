/**
 * `npm test`: type-check, lint, build, unit and integration tests, then the e2e specs in Chromium (found or
 * installed by itself), then the security gates (`npm run security`). Every stage runs even when an
 * earlier one failed, so one run shows everything; the last line is the total.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium';
import { run } from './run';

const RESULTS = 'test-results';
const UNIT_JSON = `${RESULTS}/unit.json`;
const E2E_JSON = `${RESULTS}/e2e.json`;
const SECURITY_JSON = `${RESULTS}/security.json`;

interface Tally {
  passed: number;
  failed: number;
  /** Gates that could not run here (not counted as passed). */
  unavailable?: number;
}

const stages: { name: string; ok: boolean; tally?: Tally }[] = [];

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

let chromium: string | null = null;
try {
  chromium = ensureChromium();
  console.log(`Chromium for e2e: ${chromium}`);
} catch (error) {
  console.error((error as Error).message);
}

stages.push({ name: 'typecheck', ok: run('npm', ['run', '--silent', 'typecheck']) });
stages.push({ name: 'lint', ok: run('npm', ['run', '--silent', 'lint']) });

// The build comes before the unit stage: the packaging tests check what the installers would hold.
const buildOk = run('npm', ['run', '--silent', 'build']);
stages.push({ name: 'build', ok: buildOk });

// --coverage prints the shell's coverage (electron/main, electron/app, electron/preload) after the tests.
const unitOk = run('npx', [
  'vitest',
  'run',
  '--coverage',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${UNIT_JSON}`,
]);
stages.push({ name: 'unit', ok: unitOk, tally: unitTally() });

if (chromium && buildOk) {
  const env = { ...process.env, CHROMIUM_PATH: chromium };
  const e2eOk = run('npx', ['playwright', 'test'], env);
  stages.push({ name: 'e2e', ok: e2eOk, tally: e2eTally() });
} else {
  stages.push({ name: 'e2e', ok: false });
  console.error(chromium ? 'e2e skipped: the build failed.' : 'e2e skipped: no Chromium (see above).');
}

// Each gate counts as one check; the out/ built above is what they drive.
const securityEnv = chromium ? { ...process.env, CHROMIUM_PATH: chromium } : process.env;
const securityOk = run('npm', ['run', '--silent', 'security', '--', '--no-build'], securityEnv);
stages.push({ name: 'security', ok: securityOk, tally: securityTally() });

// A stage without its own tests (typecheck, lint, build) counts as one check; a failed stage whose report
// shows no failed test (it crashed, or failed outside a test) still counts as one failure.
const total = stages.reduce<Tally>(
  (sum, stage) => {
    const tally = stage.tally ?? { passed: stage.ok ? 1 : 0, failed: 0 };
    const failed = !stage.ok && tally.failed === 0 ? 1 : tally.failed;
    return { passed: sum.passed + tally.passed, failed: sum.failed + failed };
  },
  { passed: 0, failed: 0 },
);
const failedStages = stages.filter((stage) => !stage.ok).map((stage) => stage.name);
console.log('');
console.log(
  stages.map((s) => `${s.name}: ${s.tally ? tallyText(s.tally) : s.ok ? 'ok' : 'FAILED'}`).join(' · '),
);
if (failedStages.length > 0) console.log(`Failed stages: ${failedStages.join(', ')}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(failedStages.length > 0 ? 1 : 0);

function unitTally(): Tally | undefined {
  if (!existsSync(UNIT_JSON)) return undefined;
  const report = JSON.parse(readFileSync(UNIT_JSON, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function e2eTally(): Tally | undefined {
  if (!existsSync(E2E_JSON)) return undefined;
  const report = JSON.parse(readFileSync(E2E_JSON, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky };
}

function tallyText(tally: Tally): string {
  const unavailable = tally.unavailable ? `, ${tally.unavailable} unavailable` : '';
  return `${tally.passed} passed, ${tally.failed} failed${unavailable}`;
}

function securityTally(): Tally | undefined {
  if (!existsSync(SECURITY_JSON)) return undefined;
  const report = JSON.parse(readFileSync(SECURITY_JSON, 'utf8')) as Required<Tally>;
  return { passed: report.passed, failed: report.failed, unavailable: report.unavailable };
}
