/**
 * The AWS CLI examples of docs/EMULATOR.md, run as written (the port swapped for this emulator's) wherever
 * `aws` is installed. Skipped, with the reason in the test's name, where it is not.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';

function awsOnPath(): string | null {
  try {
    return execFileSync('aws', ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch {
    return null;
  }
}

/** The `sh` block under "### With the AWS CLI": its exports and its commands (continuations joined). */
function cliExamples(): { env: Record<string, string>; commands: string[] } {
  const doc = readFileSync(path.resolve('docs/EMULATOR.md'), 'utf8');
  const block = /### With the AWS CLI\s+```sh\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const lines = block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter(Boolean);
  const env: Record<string, string> = {};
  const commands: string[] = [];
  for (const line of lines) {
    const exp = /^export (\w+)=(?:'([^']*)'|(\S+))$/.exec(line);
    if (exp?.[1]) env[exp[1]] = exp[2] ?? exp[3] ?? '';
    else if (line.startsWith('aws ')) commands.push(line);
  }
  return { env, commands };
}

/** Splits a command line as sh would for these examples (single quotes, no expansions). */
function argv(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let any = false;
  for (const ch of line) {
    if (ch === "'") {
      quoted = !quoted;
      any = true;
    } else if (ch === ' ' && !quoted) {
      if (any) out.push(current);
      current = '';
      any = false;
    } else {
      current += ch;
      any = true;
    }
  }
  if (any) out.push(current);
  return out;
}

const version = awsOnPath();
const examples = cliExamples();
let emu: Emulator;

describe.skipIf(!version)(
  version
    ? `AWS CLI examples of docs/EMULATOR.md (${version.split(' ')[0]})`
    : 'AWS CLI examples: skipped, `aws` is not on the PATH',
  () => {
    beforeAll(async () => {
      emu = await start();
    });
    afterAll(async () => {
      await emu?.stop();
    });

    it('finds the examples and their demo keys in the document', () => {
      expect(examples.env.AWS_ACCESS_KEY_ID).toBe('AKIAEMULATORDEMO0001');
      expect(examples.commands.length).toBeGreaterThanOrEqual(8);
    });

    for (const command of examples.commands) {
      it(
        command.replace(/ --endpoint-url \S+/, ''),
        async () => {
          const args = argv(command.replace('http://127.0.0.1:4566', emu.url)).slice(1);
          const home = mkdtempSync(path.join(tmpdir(), 'aws-cli-home-'));
          const { stdout } = await promisify(execFile)('aws', [...args, '--output', 'json'], {
            timeout: 60_000,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: home,
              AWS_CONFIG_FILE: path.join(home, 'config'),
              AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
              AWS_EC2_METADATA_DISABLED: 'true',
              ...examples.env,
            },
          });
          const out = JSON.parse(stdout) as Record<string, unknown>;
          expect(Object.keys(out).length).toBeGreaterThan(0);
        },
        90_000,
      );
    }
  },
);
