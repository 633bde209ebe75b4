/**
 * Is this file a working Snowball client? Only a file named like the client is run at all (so choosing
 * /bin/rm by mistake runs nothing), and only with `version`, under a timeout. Every way it can be wrong
 * gets a CLIENT_INVALID message that says what to choose instead.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { redactSecrets } from '../redact';
import { runClientProcess } from './client-process';
import { clientWords, duration } from './client-words';
import { VERSION_ARGS } from './command-lines';
import type { FoundClient } from './launcher';

/** snowballEdge (Snowball Edge, Snowcone) or the legacy snowball, as shipped for each platform. */
export const CLIENT_FILE_NAME = /^snowball(edge)?(\.(exe|cmd|bat))?$/i;

const WHAT_TO_CHOOSE =
  'Choose the snowballEdge file in the bin folder of the extracted Snowball Edge client ' +
  '(snowballEdge.exe on Windows), or snowball for a legacy Snowball.';

export interface ConfirmOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  timeoutMs: number;
  platform: NodeJS.Platform;
  killGraceMs?: number;
}

export async function confirmClient(
  file: string,
  source: FoundClient['source'],
  options: ConfirmOptions,
): Promise<FoundClient> {
  const invalid = (why: string) => new AppError('CLIENT_INVALID', `${why} ${WHAT_TO_CHOOSE}`);
  const name = path.basename(file);
  if (!CLIENT_FILE_NAME.test(name)) throw invalid(`${name} is not the Snowball client.`);
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw invalid(`${file} is a folder.`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(`There is no file at ${file}.`);
  }
  if (options.platform !== 'win32') {
    try {
      await access(file, constants.X_OK);
    } catch {
      throw new AppError(
        'CLIENT_INVALID',
        `${file} is not executable. Make it executable (chmod +x "${file}") or extract the client again, then choose it again.`,
      );
    }
  }

  const run = runClientProcess(file, VERSION_ARGS, {
    env: options.env,
    // Its own folder: it exists (the file was just found there) and nothing is written to it.
    cwd: path.dirname(file),
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    redact: (line) => redactSecrets(line),
    platform: options.platform,
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
  });
  const exit = await run.exit;
  if (exit.error) throw invalid(`${file} could not be run (${exit.error.code ?? exit.error.message}).`);
  if (exit.timedOut) {
    throw invalid(
      `${file} did not answer its version command within ${duration(options.timeoutMs)}, so it was stopped.`,
    );
  }
  const text = exit.lines.map((l) => l.line).join('\n');
  const identity = exit.code === 0 ? identify(text) : null;
  if (!identity) {
    const said = clientWords(exit.lines);
    throw invalid(
      `${file} ran, but did not answer like the Snowball client${said ? ` (it said: “${said}”)` : ''}.`,
    );
  }
  return { path: file, source, ...identity };
}

/** "Snowball Edge client version: 1.2.0  Build 661" → snowballEdge, "1.2.0 Build 661". */
export function identify(text: string): Pick<FoundClient, 'kind' | 'version'> | null {
  const line = text.split('\n').find((l) => /snowball/i.test(l) && /version/i.test(l));
  if (!line) return null;
  const kind = /snowball\s*edge/i.test(line) ? 'snowballEdge' : 'snowball';
  const version = /version\s*:?\s*(\S.*)$/i.exec(line)?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 64) ?? null;
  if (!version || !/\d/.test(version)) return null;
  return { kind, version };
}
