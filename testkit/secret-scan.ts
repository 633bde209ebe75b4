/**
 * Looks for secrets in what the app left behind: files, and text the page stored or showed. Shared by the
 * unit run's teardown (tests/global-setup.ts) and the secret-hygiene gate (e2e/secret-hygiene.gate.ts).
 * A secret is found as written, URL-encoded or base64-encoded; an unlock code also by its shape.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DEMO_CREDENTIALS,
  DEMO_SESSION_CREDENTIALS,
  DEVICE_SECRET_MARKER,
  SSO_SECRET_MARKERS,
} from '../emulator';

export interface Secret {
  what: string;
  value: string;
  /** The one kind of file the secret belongs in, if any (a scan of such a file does not count it). */
  belongsIn?: (file: string) => boolean;
}

/** The shared SSO token cache, `~/.aws/sso/cache/<sha1>.json`: where the CLI and the app keep a sign-in. */
export const inSsoTokenCache = (file: string): boolean =>
  /[/\\]\.aws[/\\]sso[/\\]cache[/\\][0-9a-f]{40}\.json$/.test(file);

/** The AWS credentials file (`~/.aws/credentials`): where a profile the person consented to keeps a device's keys. */
export const inAwsCredentialsFile = (file: string): boolean => /[/\\]\.aws[/\\]credentials$/.test(file);

/**
 * The demo account's keys and token, and what the emulator's IAM Identity Center issues (each of its
 * secrets starts with its marker, so the marker finds any of them): the only AWS secrets a test can have.
 */
export const DEMO_SECRETS: readonly Secret[] = [
  { what: 'secret key', value: DEMO_CREDENTIALS.secretAccessKey },
  { what: 'session secret', value: DEMO_SESSION_CREDENTIALS.secretAccessKey },
  { what: 'session token', value: DEMO_SESSION_CREDENTIALS.sessionToken },
  { what: 'SSO access token', value: SSO_SECRET_MARKERS.accessToken, belongsIn: inSsoTokenCache },
  { what: 'SSO refresh token', value: SSO_SECRET_MARKERS.refreshToken, belongsIn: inSsoTokenCache },
  { what: 'SSO client secret', value: SSO_SECRET_MARKERS.clientSecret, belongsIn: inSsoTokenCache },
  { what: 'SSO device code', value: SSO_SECRET_MARKERS.deviceCode },
  { what: 'SSO role secret key', value: SSO_SECRET_MARKERS.roleSecretAccessKey },
  { what: 'SSO role session token', value: SSO_SECRET_MARKERS.roleSessionToken },
  // Every simulated device's secret key starts with the marker (and the stand-in client's, in the tests).
  { what: 'device secret key', value: DEVICE_SECRET_MARKER, belongsIn: inAwsCredentialsFile },
];

/** Five groups of five letters and digits: any unlock code, not only the ones a test knows. */
export const CODE_SHAPE = /(?<![A-Za-z0-9-])[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){4}(?![A-Za-z0-9-])/;

/** The names under which a secret is found in `text`. */
export function secretsIn(text: string, secrets: readonly Secret[]): string[] {
  return secrets
    .filter(({ value }) =>
      [value, encodeURIComponent(value), Buffer.from(value).toString('base64')].some((form) =>
        text.includes(form),
      ),
    )
    .map(({ what }) => what);
}

/** Every file under `dir`, skipping entries whose name `skip` matches (not followed into). */
export function walkFiles(dir: string, skip: (name: string) => boolean = () => false): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (skip(name)) return [];
    const full = path.join(dir, name);
    try {
      const info = statSync(full);
      if (info.isDirectory()) return walkFiles(full, skip);
      return info.isFile() ? [full] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Findings in the files: a secret anywhere but where it belongs, or something shaped like an unlock code
 * in a file not meant to hold one. Binary files are read as Latin-1, so any byte sequence of the ASCII secrets matches.
 */
export function scanFiles(
  files: readonly string[],
  options: { secrets: readonly Secret[]; codeAllowedIn: (file: string) => boolean },
): string[] {
  const findings: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file).toString('latin1');
    } catch {
      continue;
    }
    const allowed = options.codeAllowedIn(file);
    const foreign = options.secrets.filter((secret) => !secret.belongsIn?.(file));
    for (const what of secretsIn(text, foreign)) {
      if (!(allowed && what === 'unlock code')) findings.push(`${what} in ${file}`);
    }
    if (!allowed && CODE_SHAPE.test(text)) findings.push(`something shaped like an unlock code in ${file}`);
  }
  return findings;
}

/** What the secret-hygiene run searched and found: written by its spec, read by its gate. */
export interface HygieneReport {
  files: number;
  /** Of those, in the browser's profile (History, Sessions, …), searched after the browser closed. */
  profileFiles: number;
  /** Files searched per folder of TMPDIR (the app's, the client's, the browser's). */
  folders: Record<string, number>;
  /** Folders of TMPDIR not searched: the tools' compile caches. */
  skipped: string[];
  filesWithTheCode: string[];
  storage: string[];
  texts: number;
  events: number;
  /** Processes whose command line was read while the client unlocked (every one started meanwhile). */
  processes: number;
  /** Of those, the Snowball client's own commands. */
  clientProcesses: number;
  findings: string[];
}
