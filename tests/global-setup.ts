/**
 * Every unit and integration test writes its files under one folder for the run (TMPDIR points there),
 * and at the end that folder is scanned for secrets: no demo secret key or session token anywhere, and
 * nothing shaped like an unlock code outside a file whose name says the test chose it for the code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_SECRETS, scanFiles, walkFiles } from '../testkit/secret-scan';

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
  const findings = scanFiles(
    walkFiles(root, (name) => NOT_APP_OUTPUT.test(name)),
    { secrets: DEMO_SECRETS, codeAllowedIn: (file) => CHOSEN_FOR_CODE.test(path.basename(file)) },
  );
  rmSync(root, { recursive: true, force: true });
  if (findings.length > 0) {
    // Vitest reports an error thrown here but still exits 0: set the exit code too.
    process.exitCode = 1;
    throw new Error(`Secret hygiene: secrets in files the tests wrote:\n${findings.join('\n')}`);
  }
  console.log(`secret-hygiene: scanned the files the unit and integration tests left, 0 findings`);
}
