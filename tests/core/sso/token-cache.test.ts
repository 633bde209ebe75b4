import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getSSOTokenFilepath, getSSOTokenFromFile } from '@smithy/shared-ini-file-loader';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cacheTime,
  readToken,
  tokenFile,
  writeToken,
  type CachedToken,
} from '../../../electron/core/sso/token-cache';
import { tempDir } from '../../helpers/temp-dirs';

afterEach(() => vi.unstubAllEnvs());

const session = { session: 'acme', startUrl: 'https://acme.awsapps.com/start' };
const legacy = { session: null, startUrl: 'https://old.awsapps.com/start' };
const token: CachedToken = {
  startUrl: session.startUrl,
  region: 'us-east-1',
  accessToken: 'test-access-token-value',
  expiresAt: '2026-12-02T12:00:00Z',
  clientId: 'client-id',
  clientSecret: 'test-client-secret-value',
  registrationExpiresAt: '2027-03-01T12:00:00Z',
  refreshToken: 'test-refresh-token-value',
};
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('the SSO token cache', () => {
  it('names the file by the SHA-1 of the session name, or of the start URL for the legacy form', () => {
    const home = tempDir('sso-cache-');
    expect(tokenFile(session, { HOME: home })).toBe(
      path.join(home, '.aws/sso/cache', `${sha1('acme')}.json`),
    );
    expect(tokenFile(legacy, { HOME: home })).toBe(
      path.join(home, '.aws/sso/cache', `${sha1('https://old.awsapps.com/start')}.json`),
    );
  });

  it('is the file the SDK reads (getSSOTokenFilepath), with the JSON its reader takes', async () => {
    const home = tempDir('sso-cache-');
    vi.stubEnv('HOME', home);
    const file = tokenFile(session, process.env);
    expect(file).toBe(getSSOTokenFilepath('acme'));
    expect(tokenFile(legacy, process.env)).toBe(getSSOTokenFilepath(legacy.startUrl));
    await writeToken(file, token);
    expect(await getSSOTokenFromFile('acme')).toEqual(token);
  });

  it('writes 0600 in a 0700 folder it creates, atomically, and replaces the previous sign-in', async () => {
    const home = tempDir('sso-cache-');
    const file = tokenFile(session, { HOME: home });
    await writeToken(file, token);
    await writeToken(file, { ...token, accessToken: 'test-access-token-second' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    expect(await readToken(file)).toEqual({ ...token, accessToken: 'test-access-token-second' });
  });

  it('reads what the AWS CLI writes (compact JSON, seconds) and ignores what is not a token', async () => {
    const home = tempDir('sso-cache-');
    const file = tokenFile(session, { HOME: home });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      '{"startUrl": "https://acme.awsapps.com/start", "region": "us-east-1", "accessToken": "cli-token", "expiresAt": "2026-12-02T12:00:00Z"}',
    );
    expect(await readToken(file)).toMatchObject({
      accessToken: 'cli-token',
      expiresAt: '2026-12-02T12:00:00Z',
    });
    for (const text of [
      'not json',
      '{"accessToken": 1}',
      '{"accessToken": "x", "expiresAt": "soon"}',
      '[]',
    ]) {
      writeFileSync(file, text);
      expect(await readToken(file), text).toBeNull();
    }
    expect(await readToken(path.join(home, 'missing.json'))).toBeNull();
  });

  it('reads and replaces only a regular file', async () => {
    const home = tempDir('sso-cache-');
    const file = tokenFile(session, { HOME: home });
    mkdirSync(file, { recursive: true });
    expect(await readToken(file)).toBeNull();
    await expect(writeToken(file, token)).rejects.toMatchObject({ code: 'DESTINATION_UNUSABLE' });
    const fifo = tokenFile(legacy, { HOME: home });
    execFileSync('mkfifo', [fifo]);
    expect(await readToken(fifo)).toBeNull();
    await expect(writeToken(fifo, token)).rejects.toMatchObject({ code: 'DESTINATION_UNUSABLE' });
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('writes times as the CLI does: UTC, whole seconds', () => {
    expect(cacheTime(Date.UTC(2026, 11, 2, 12, 0, 0, 789))).toBe('2026-12-02T12:00:00Z');
  });
});
