/**
 * `npm test`: type-check, lint, build, unit and integration tests, then the e2e specs in Chromium (found or
 * installed by itself). Every stage runs even when an earlier one failed, so one run shows everything;
 * the last line is the total.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium';
import { run } from './run';

const RESULTS = 'test-results';
const UNIT_JSON = `${RESULTS}/unit.json`;
const E2E_JSON = `${RESULTS}/e2e.json`;

interface Tally {
  passed: number;
  failed: number;
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

// --coverage prints the shell's coverage (electron/main, electron/preload) after the tests.
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
  stages
    .map(
      (s) =>
        `${s.name}: ${s.tally ? `${s.tally.passed} passed, ${s.tally.failed} failed` : s.ok ? 'ok' : 'FAILED'}`,
    )
    .join(' · '),
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
