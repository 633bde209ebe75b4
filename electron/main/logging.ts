/**
 * The app's log (electron-log, a file in the user's log folder), with one redaction step in front of
 * every transport: anything shaped like an unlock code, an access key, a secret or a session token is
 * replaced before it is written anywhere.
 */
import log from 'electron-log/main';
import { redactSecrets } from '../core/redact';

export function setUpLogging(): typeof log {
  log.initialize();
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
