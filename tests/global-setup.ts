/**
 * Every unit and integration test writes its files under one folder for the run (TMPDIR points there),
 * and at the end that folder is scanned for secrets: no demo secret key or session token anywhere, and
 * nothing shaped like an unlock code outside a file whose name says the test chose it for the code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, DEMO_SESSION_CREDENTIALS } from '../emulator';

const CODE_SHAPE = /(?<![A-Za-z0-9-])[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){4}(?![A-Za-z0-9-])/;
/** Files a test chose for an unlock code are named so; the check is on the name, not the folder. */
const CHOSEN_FOR_CODE = /code/i;
/**
 * Not written by the app: inputs a test prepared (an AWS credentials file is where keys belong) and the
 * compile cache of tsx (the emulator's source, which publishes the demo keys).
 */
const NOT_APP_OUTPUT = /^(fixture-|tsx-)/;

let root = '';

export function setup(): void {
  root = mkdtempSync(path.join(tmpdir(), 'companion-test-run-'));
  process.env.TMPDIR = root;
}

export function teardown(): void {
  const findings = scan(root);
  rmSync(root, { recursive: true, force: true });
  if (findings.length > 0) {
    // Vitest reports an error thrown here but still exits 0: set the exit code too.
    process.exitCode = 1;
    throw new Error(`Secret hygiene: secrets in files the tests wrote:\n${findings.join('\n')}`);
  }
  console.log(`secret-hygiene: scanned the files the unit and integration tests left, 0 findings`);
}

function scan(dir: string): string[] {
  const secrets = [
    ['secret key', DEMO_CREDENTIALS.secretAccessKey],
    ['session secret', DEMO_SESSION_CREDENTIALS.secretAccessKey],
    ['session token', DEMO_SESSION_CREDENTIALS.sessionToken],
  ] as const;
  const findings: string[] = [];
  for (const file of walk(dir)) {
    const text = readFileSync(file).toString('latin1');
    for (const [what, value] of secrets) if (text.includes(value)) findings.push(`${what} in ${file}`);
    if (CODE_SHAPE.test(text) && !CHOSEN_FOR_CODE.test(path.basename(file)))
      findings.push(`unlock code in ${file}`);
  }
  return findings;
}

function walk(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (NOT_APP_OUTPUT.test(name)) return [];
    const full = path.join(dir, name);
    try {
      const info = statSync(full);
      if (info.isDirectory()) return walk(full);
      return info.isFile() ? [full] : [];
    } catch {
      return [];
    }
  });
}
