/**
 * The app's log (a file in the user's log folder), with one redaction step in front of every transport:
 * anything shaped like an unlock code, an access key, a secret or a session token is replaced before it
 * is written anywhere.
 *
 * Electron main and browser mode's loopback host both log through electron-log's Node entry: its Electron
 * entry (`electron-log/main`) adds IPC listeners on import, and its `initialize()` a preload of its own for
 * every session, none of them behind the contract's sender check. Main tells it where Electron keeps logs;
 * the host writes into its own data folder.
 */
import log from 'electron-log/node';
import { AppError } from '../core/app-error';
import { redactSecrets } from '../core/redact';

/**
 * `logFile`: where to write, asked at the first write (Electron's log folder is known once it runs).
 * `logId` makes a logger of its own (a loopback host per data folder, several in one test process) that
 * writes only to its file; without it, electron-log's default logger, which main owns.
 */
export function setUpLogging(logFile: () => string, options: { logId?: string } = {}): typeof log {
  const logger = options.logId ? log.create({ logId: options.logId }) : log;
  logger.transports.file.resolvePathFn = () => logFile();
  logger.transports.file.level = 'info';
  if (options.logId) logger.transports.console.level = false;
  logger.hooks.push((message) => ({ ...message, data: message.data.map(redactValue) }));
  return logger;
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
