/**
 * `npm run security`: the reliability and security gates (docs/SECURITY.md). Each prints one summary line
 * with its figure; any failed gate fails the run. `npm test` runs this as its `security` stage.
 *
 *   --no-build      use the existing out/ (npm test has just built it)
 *   --only a,b      run only these gates (by name)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { electronegativityGate } from './security/electronegativity';
import { faultMatrixGate } from './security/fault-matrix';
import type { Gate, GateResult } from './security/gate';
import { ipcFuzzGate } from './security/ipc-fuzz';
import { loopbackGate } from './security/loopback-load';
import { npmAuditGate } from './security/npm-audit';
import { secretHygieneGate } from './security/secret-hygiene';
import { run } from './run';

const RESULTS = 'test-results';
const SECURITY_JSON = `${RESULTS}/security.json`;

const GATES: Gate[] = [
  { name: 'electronegativity', run: electronegativityGate },
  { name: 'ipc-fuzz', run: ipcFuzzGate },
  { name: 'fault-matrix', run: faultMatrixGate },
  { name: 'secret-hygiene', run: secretHygieneGate },
  { name: 'loopback', run: loopbackGate },
  { name: 'npm-audit', run: npmAuditGate },
];

const args = process.argv.slice(2);
const only = argValue('--only')?.split(',');
const selected = only ? GATES.filter((g) => only.includes(g.name)) : GATES;
if (only && selected.length !== only.length) {
  console.error(`Unknown gate in --only; the gates are: ${GATES.map((g) => g.name).join(', ')}`);
  process.exit(2);
}

if (!args.includes('--no-build') && !run('npm', ['run', '--silent', 'build'])) {
  console.error('security: the build failed, so the gates that drive the built app cannot run.');
  process.exit(1);
}

const results: { gate: string; status: GateResult['status']; summary: string; ms: number }[] = [];
for (const gate of selected) {
  const started = Date.now();
  let result: GateResult;
  try {
    result = await gate.run();
  } catch (error) {
    // A gate that crashes has not shown anything: that is a failure, with what it said.
    result = { status: 'fail', summary: 'the gate itself failed', details: [String((error as Error).stack)] };
  }
  const ms = Date.now() - started;
  for (const line of result.details) console.log(`  ${line}`);
  const mark = { pass: '', fail: 'FAILED — ', unavailable: 'UNAVAILABLE — ' }[result.status];
  console.log(`${gate.name}: ${mark}${result.summary} (${(ms / 1000).toFixed(1)} s)`);
  results.push({ gate: gate.name, status: result.status, summary: result.summary, ms });
}

const count = (status: GateResult['status']) => results.filter((r) => r.status === status).length;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  SECURITY_JSON,
  JSON.stringify(
    { passed: count('pass'), failed: count('fail'), unavailable: count('unavailable'), gates: results },
    null,
    2,
  ),
);
console.log(
  `security: ${count('pass')} passed, ${count('fail')} failed` +
    (count('unavailable') > 0 ? `, ${count('unavailable')} unavailable (not counted as passed)` : ''),
);
process.exit(count('fail') > 0 ? 1 : 0);

function argValue(name: string): string | undefined {
  const inline = args.find((a) => a.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}
