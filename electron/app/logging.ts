/**
 * The app's log (a file in the user's log folder), with one redaction step in front of every transport:
 * anything shaped like an unlock code, an access key, a secret or a session token is replaced before it
 * is written anywhere.
 *
 * Main-only: electron-log's Electron entry (`electron-log/main`) adds IPC listeners on import, and its
 * `initialize()` a preload of its own for every session, none of them behind the contract's sender check.
 * Its Node entry has neither, so main logs through that and tells it where Electron keeps logs.
 */
import log from 'electron-log/node';
import { AppError } from '../core/app-error';
import { redactSecrets } from '../core/redact';

/** `logFile`: where to write, asked at the first write (Electron's log folder is known once it runs). */
export function setUpLogging(logFile: () => string): typeof log {
  log.transports.file.resolvePathFn = () => logFile();
  log.transports.file.level = 'info';
  log.hooks.push((message) => ({ ...message, data: message.data.map(redactValue) }));
  return log;
}

export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value instanceof Error) return redactSecrets(`${value.name}: ${value.message}`);
  try {
    return redactSecrets(JSON.stringify(value));
  } catch {
    return '[unprintable]';
  }
}

/**
 * A channel's failure in the log at the level it deserves: what the app expected and told the person in
 * words (an AppError: a file that exists, a job no longer delivered, a refused key) is information; only
 * what nobody foresaw (INTERNAL in the window) is an error worth a look.
 */
export function logChannelFailure(
  logger: Pick<typeof log, 'info' | 'error'>,
  channel: string,
  error: unknown,
) {
  if (error instanceof AppError && error.code !== 'INTERNAL') {
    logger.info(`${channel}: ${error.code} (told the person: ${error.message})`);
  } else {
    logger.error(`${channel} failed`, error);
  }
}
