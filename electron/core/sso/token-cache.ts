/**
 * The SSO token cache the AWS CLI v2 and the SDKs share: `~/.aws/sso/cache/<sha1>.json`, named by the SHA-1
 * of the sso_session name (or of the start URL for the legacy form), holding the JSON the CLI writes
 * (startUrl, region, accessToken, expiresAt, and with the registration clientId, clientSecret,
 * registrationExpiresAt, refreshToken). The app reads it so a sign-in done in the CLI counts, and writes
 * it so the CLI and the SDK's fromSSO use the app's. Written atomically, 0600; only a regular file is
 * read or replaced.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';
import { toAppError as fileError, writeFileAtomic } from '../fs/atomic-write';
import { readSmallFile } from '../fs/read-small-file';
import { homeOf } from './sso-settings';

export interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** RFC 3339, as the CLI writes it (`2026-01-01T12:00:00Z`). */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** A cache file is a few kilobytes; anything much larger is not one. */
const MAX_BYTES = 64 * 1024;

/** The cache file of a sign-in: SHA-1 of the session name, or of the start URL for the legacy form. */
export function tokenFile(
  settings: { session: string | null; startUrl: string },
  env: NodeJS.ProcessEnv,
): string {
  const id = settings.session ?? settings.startUrl;
  const name = createHash('sha1').update(id).digest('hex');
  return path.join(homeOf(env), '.aws', 'sso', 'cache', `${name}.json`);
}

/** The cached token, or null when there is none usable (missing, damaged, not a regular file). */
export async function readToken(file: string): Promise<CachedToken | null> {
  try {
    const text = await readSmallFile(file, {
      maxBytes: MAX_BYTES,
      what: 'an SSO sign-in',
      next: 'Sign in again.',
    });
    const parsed: unknown = JSON.parse(text.toString('utf8'));
    if (!parsed || typeof parsed !== 'object') return null;
    const token = parsed as Record<string, unknown>;
    if (typeof token.accessToken !== 'string' || typeof token.expiresAt !== 'string') return null;
    if (Number.isNaN(Date.parse(token.expiresAt))) return null;
    return token as unknown as CachedToken;
  } catch {
    return null;
  }
}

/** Writes the token where the CLI and the SDK look for it (the folder is made 0700 if missing). */
export async function writeToken(file: string, token: CachedToken): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw fileError(error, folder);
  });
  const existing = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw fileError(error, file);
  });
  if (existing && !existing.isFile()) {
    throw new AppError(
      'DESTINATION_UNUSABLE',
      `${file} is not a regular file, so the sign-in cannot be saved there. Remove it, then sign in again.`,
    );
  }
  await writeFileAtomic(file, JSON.stringify(token), { overwrite: true, mode: 0o600 });
}

/** Epoch milliseconds as the CLI writes times into the cache: RFC 3339, UTC, whole seconds. */
export function cacheTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
