/**
 * The client's `version` command, run only once the person has vouched for the file (client-trust.ts),
 * under a timeout: the answer must be the documented line ("Snowball Edge client version: 1.2.0  Build
 * 661", developer guide "Finding Snowball Edge client version"; the legacy client's "Snowball client
 * version: …"). A line that merely mentions a version (an update notice) is not it.
 */
import path from 'node:path';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { redactSecrets } from '../redact';
import { fileProgram, runClientProcess } from './client-process';
import { clientWords, duration } from './client-words';
import { VERSION_ARGS, type ClientKind } from './command-lines';

export interface VersionOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  timeoutMs: number;
  platform: NodeJS.Platform;
  killGraceMs?: number;
}

const VERSION_LINE = /^\s*Snowball( Edge)? client version:\s*(\S.*?)\s*$/i;

export async function readClientVersion(
  file: string,
  options: VersionOptions,
): Promise<{ kind: ClientKind; version: string }> {
  const invalid = (why: string) =>
    new AppError(
      'CLIENT_INVALID',
      `${why} Choose the snowballEdge file in the bin folder of the extracted Snowball Edge client, or snowball for a legacy Snowball.`,
    );
  const run = runClientProcess(fileProgram(file, options.platform), VERSION_ARGS, {
    env: options.env,
    // Its own folder: it exists (the file was just found there) and nothing is written to it.
    cwd: path.dirname(file),
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    redact: (line) => redactSecrets(line),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
  });
  const exit = await run.exit;
  if (exit.error) throw invalid(`${file} could not be run (${exit.error.code ?? exit.error.message}).`);
  if (exit.timedOut) {
    throw invalid(
      `${file} did not answer its version command within ${duration(options.timeoutMs)}, so it was stopped.`,
    );
  }
  const identity = exit.code === 0 ? identify(exit.lines.map((l) => l.line).join('\n')) : null;
  if (!identity) {
    const said = clientWords(exit.lines);
    throw invalid(
      `${file} ran, but did not answer like the Snowball client${said ? ` (it said: “${said}”)` : ''}.`,
    );
  }
  return identity;
}

/** "Snowball Edge client version: 1.2.0  Build 661" → snowballEdge, "1.2.0 Build 661"; other lines ignored. */
export function identify(text: string): { kind: ClientKind; version: string } | null {
  for (const line of text.split(/\r?\n/)) {
    const match = VERSION_LINE.exec(line);
    const version = match?.[2]?.replace(/\s+/g, ' ').slice(0, 64);
    if (match && version && /\d/.test(version)) {
      return { kind: match[1] ? 'snowballEdge' : 'snowball', version };
    }
  }
  return null;
}
