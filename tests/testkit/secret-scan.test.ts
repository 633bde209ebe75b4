import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVICE_SECRET_MARKER, SSO_SECRET_MARKERS } from '../../emulator';
import { DEMO_SECRETS, scanFiles, secretsIn, walkFiles } from '../../testkit/secret-scan';
import { tempDir } from '../helpers/temp-dirs';

const CODE = 'abcde-fghij-klmno-pqrst-uvwxy';
const secrets = [...DEMO_SECRETS, { what: 'unlock code', value: CODE }];

describe('the secret scan the hygiene checks rely on', () => {
  it('finds a secret as written, URL-encoded and base64-encoded', () => {
    const key = DEMO_SECRETS[0]!.value;
    expect(secretsIn(`x${key}x`, secrets)).toEqual(['secret key']);
    expect(secretsIn(`?k=${encodeURIComponent(key)}`, secrets)).toEqual(['secret key']);
    expect(secretsIn(Buffer.from(CODE).toString('base64'), secrets)).toEqual(['unlock code']);
    expect(secretsIn('nothing here', secrets)).toEqual([]);
  });

  // Outside the run's TMPDIR, which the run's own scan would (rightly) fail on these planted secrets;
  // made here, not in the test, so its clean-up hook is registered.
  const root = tempDir('companion-scan-', path.dirname(tmpdir()));

  it('walks nested folders, skips what it is told to, and allows the code only where chosen', () => {
    mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    mkdirSync(path.join(root, 'tsx-cache'));
    writeFileSync(path.join(root, 'a', 'b', 'log.txt'), `token ${DEMO_SECRETS[2]!.value}`);
    writeFileSync(path.join(root, 'a', 'chosen.txt'), `${CODE}\n`);
    writeFileSync(
      path.join(root, 'a', 'other.json'),
      JSON.stringify({ code: 'zzzzz-yyyyy-xxxxx-wwwww-vvvvv' }),
    );
    writeFileSync(path.join(root, 'tsx-cache', 'emulator.js'), DEMO_SECRETS[0]!.value);
    const files = walkFiles(root, (name) => name.startsWith('tsx-'));
    expect(files).toHaveLength(3);
    const chosen = path.join(root, 'a', 'chosen.txt');
    expect(scanFiles(files, { secrets, codeAllowedIn: (f) => f === chosen }).sort()).toEqual([
      `session token in ${path.join(root, 'a', 'b', 'log.txt')}`,
      `something shaped like an unlock code in ${path.join(root, 'a', 'other.json')}`,
    ]);
  });

  it("finds IAM Identity Center's secrets by their marker, and allows the tokens only in the SSO cache", () => {
    const cache = path.join(root, 'home', '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    const token = `${SSO_SECRET_MARKERS.accessToken}c29tZS1yYW5kb20tcGFydA`;
    const cacheFile = path.join(cache, `${'a'.repeat(40)}.json`);
    writeFileSync(
      cacheFile,
      JSON.stringify({ accessToken: token, clientSecret: `${SSO_SECRET_MARKERS.clientSecret}x` }),
    );
    const beside = path.join(cache, 'notes.json');
    writeFileSync(beside, token);
    const roleKey = path.join(cache, `${'b'.repeat(40)}.json`);
    writeFileSync(roleKey, Buffer.from(`${SSO_SECRET_MARKERS.roleSessionToken}rest`).toString('base64'));
    const found = scanFiles([cacheFile, beside, roleKey], { secrets, codeAllowedIn: () => false });
    expect(found.sort()).toEqual([`SSO access token in ${beside}`, `SSO role session token in ${roleKey}`]);
    expect(secretsIn(encodeURIComponent(`x=${token}`), secrets)).toEqual(['SSO access token']);
  });

  it('finds a device’s secret key by its marker, and allows it only in the AWS credentials file', () => {
    const home = path.join(root, 'site');
    mkdirSync(path.join(home, '.aws'), { recursive: true });
    const key = `${DEVICE_SECRET_MARKER}c29tZS1yYW5kb20t`;
    const credentials = path.join(home, '.aws', 'credentials');
    writeFileSync(credentials, `[snowball-1a2b3c4d]\naws_secret_access_key = ${key}\n`);
    const config = path.join(home, '.aws', 'config');
    writeFileSync(config, Buffer.from(key).toString('base64'));
    const log = path.join(home, 'audit.jsonl');
    writeFileSync(log, encodeURIComponent(key));
    expect(scanFiles([credentials, config, log], { secrets, codeAllowedIn: () => false }).sort()).toEqual([
      `device secret key in ${config}`,
      `device secret key in ${log}`,
    ]);
  });
});
