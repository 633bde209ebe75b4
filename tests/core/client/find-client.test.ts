/**
 * Finding the Snowball client and the person vouching for it: on PATH, in the folders its install
 * instructions leave it, the path remembered from before, and a path the user chose; nothing runs until
 * the person confirms the file they were shown (path, owner, size, SHA-256); a changed file is asked
 * about again; a file or folder others can change, or a link to something else, is refused.
 */
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identify } from '../../../electron/core/client/confirm-client';
import { clientFileNames, envValue } from '../../../electron/core/client/find-client';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';
import { windowsPlaceProblem } from '../../../electron/core/client/client-trust';
import type { TrustedClientInfo } from '../../../electron/contract';
import { installFakeSnowball, isRunning, killLeftovers, vouch } from '../../helpers/fake-snowball';
import { tempDir } from '../../helpers/temp-dirs';

afterAll(killLeftovers);

const FAST = { versionTimeoutMs: 5000, killGraceMs: 500 };
const nodeDir = path.dirname(process.execPath);

function script(file: string, body: string, mode = 0o755): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, mode);
  return file;
}

describe('finding the Snowball client (nothing runs)', () => {
  it('finds snowballEdge and the legacy snowball on PATH, looked at but not run', async () => {
    const fake = installFakeSnowball();
    const launcher = new SnowballClientLauncher({ env: fake.env(), ...FAST });
    const { clients, problems } = await launcher.find(null, []);
    expect(clients).toEqual([
      expect.objectContaining({
        path: fake.edge,
        kind: 'snowballEdge',
        version: null,
        source: 'path',
        trust: 'unconfirmed',
        owner: expect.stringMatching(/^(root|you \(.+\))$/),
        size: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        takesProfile: true,
      }),
      expect.objectContaining({
        path: fake.legacy,
        kind: 'snowball',
        trust: 'unconfirmed',
        takesProfile: false,
      }),
    ]);
    expect(problems).toEqual([]);
    expect(fake.calls()).toEqual([]);
  });

  it('finds the extracted client in the home and Downloads folders', async () => {
    const fake = installFakeSnowball();
    const home = tempDir('companion-home-');
    const inDownloads = path.join(
      home,
      'Downloads',
      'snowball-client-linux-1.2.0-661',
      'bin',
      'snowballEdge',
    );
    const nested = path.join(
      home,
      'snowball-client-linux',
      'snowball-client-linux-1.2.0-664',
      'bin',
      'snowballEdge',
    );
    for (const file of [inDownloads, nested]) {
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(fake.edge, file);
      chmodSync(file, 0o755);
    }
    // PATH holds node only: the clients must come from the install folders.
    const launcher = new SnowballClientLauncher({ env: { PATH: nodeDir, HOME: home }, ...FAST });
    const { clients } = await launcher.find(null, []);
    expect(clients.map((c) => [c.path, c.source])).toEqual([
      [nested, 'install-folder'],
      [inDownloads, 'install-folder'],
    ]);
  });

  it('puts the remembered client first, lists each file once, and says when it has gone', async () => {
    const fake = installFakeSnowball();
    const launcher = new SnowballClientLauncher({ env: fake.env(), ...FAST });
    const { clients } = await launcher.find(fake.legacy, []);
    expect(clients.map((c) => [c.path, c.source])).toEqual([
      [fake.legacy, 'settings'],
      [fake.edge, 'path'],
    ]);

    const gone = path.join(fake.root, 'moved', 'snowballEdge');
    const result = await launcher.find(gone, []);
    expect(result.clients.map((c) => c.source)).toEqual(['path', 'path']);
    expect(result.problems).toEqual([
      `The Snowball client chosen before cannot be used: There is no file at ${gone}. Choose the snowballEdge file in the bin folder of the extracted Snowball Edge client (snowballEdge.exe on Windows), or snowball for a legacy Snowball.`,
    ]);
  });

  it('says how to get the client when there is none', async () => {
    const launcher = new SnowballClientLauncher({ env: { PATH: nodeDir, HOME: tempDir() }, ...FAST });
    const { clients, problems } = await launcher.find(null, []);
    expect(clients).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^No Snowball client was found .*\(aws\.amazon\.com\/snowball\/resources/),
    ]);
  });
});

describe('vouching for the client', () => {
  const fake = installFakeSnowball();
  const launcher = new SnowballClientLauncher({ env: fake.env(), ...FAST });

  it('shows the file before anything runs, runs its version only after the person says yes, and remembers its bytes', async () => {
    const seen = await launcher.inspect(fake.edge, []);
    expect(seen).toMatchObject({ trust: 'unconfirmed', version: null, source: 'chosen' });
    expect(fake.calls()).toEqual([]);

    const asked: unknown[] = [];
    await expect(
      launcher.confirm(fake.edge, seen.sha256!, async (facts) => {
        asked.push(facts);
        return false;
      }),
    ).rejects.toMatchObject({
      code: 'CLIENT_UNCONFIRMED',
      message: expect.stringMatching(/did not confirm/),
    });
    expect(asked).toEqual([
      expect.objectContaining({
        path: fake.edge,
        realPath: fake.edge,
        owner: seen.owner,
        size: seen.size,
        sha256: seen.sha256,
      }),
    ]);
    expect(fake.calls()).toEqual([]);

    const trusted = await launcher.confirm(fake.edge, seen.sha256!, async () => true);
    expect(trusted).toMatchObject({
      path: fake.edge,
      kind: 'snowballEdge',
      version: '1.2.0 Build 661',
      sha256: seen.sha256,
      size: seen.size,
    });
    expect(fake.calls().map((c) => c.args)).toEqual([['version']]);
    expect(await launcher.inspect(fake.edge, [trusted])).toMatchObject({
      trust: 'confirmed',
      version: '1.2.0 Build 661',
      confirmedAt: trusted.confirmedAt,
    });
  });

  it('asks again when the file changes, and runs a changed file never', async () => {
    const own = installFakeSnowball();
    const trusted = await vouch(new SnowballClientLauncher({ env: own.env(), ...FAST }), own.edge);
    appendFileSync(own.edge, '// swapped after it was confirmed\n');
    const local = new SnowballClientLauncher({ env: own.env(), ...FAST });
    expect(await local.inspect(own.edge, [trusted])).toMatchObject({
      trust: 'changed',
      version: null,
      problem: expect.stringMatching(/changed since you confirmed it/),
    });
    // A confirmation of what was shown before the change is refused too.
    await expect(local.confirm(own.edge, trusted.sha256, async () => true)).rejects.toMatchObject({
      code: 'CLIENT_UNCONFIRMED',
      message: expect.stringMatching(/changed since it was shown to you/),
    });
    expect(own.calls().map((c) => c.args)).toEqual([['version']]);
  });

  it('never runs a link named snowballEdge that leads to a shell', async () => {
    const dir = tempDir('companion-link-');
    const link = path.join(dir, 'snowballEdge');
    symlinkSync('/bin/sh', link);
    await expect(launcher.inspect(link, [])).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(/is a link to .*sh\b.*which is not the Snowball client/),
    });
    let asked = false;
    await expect(launcher.confirm(link, '0'.repeat(64), async () => (asked = true))).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
    });
    expect(asked).toBe(false);
  });

  it('refuses a client file, or a folder on its path, that others can change', async () => {
    const dir = tempDir('companion-shared-');
    const writable = path.join(dir, 'world', 'bin');
    mkdirSync(writable, { recursive: true });
    copyFileSync(fake.edge, path.join(writable, 'snowballEdge'));
    chmodSync(path.join(writable, 'snowballEdge'), 0o755);
    chmodSync(path.join(dir, 'world'), 0o777);
    await expect(launcher.inspect(path.join(writable, 'snowballEdge'), [])).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(
        /The folder .*world, on the client's path, can be changed by every account/,
      ),
    });
    chmodSync(path.join(dir, 'world'), 0o755);
    chmodSync(path.join(writable, 'snowballEdge'), 0o775);
    await expect(launcher.inspect(path.join(writable, 'snowballEdge'), [])).rejects.toMatchObject({
      message: expect.stringMatching(/The client file .* can be changed by its group/),
    });
    chmodSync(path.join(writable, 'snowballEdge'), 0o755);
    // A sticky folder (like /tmp) is fine: others cannot replace what is not theirs there.
    chmodSync(path.join(dir, 'world'), 0o1777);
    expect(await launcher.inspect(path.join(writable, 'snowballEdge'), [])).toMatchObject({
      trust: 'unconfirmed',
    });
  });

  it('on Windows, accepts only the person’s own folder and Program Files', () => {
    const env = {
      USERPROFILE: 'C:\\Users\\site',
      PUBLIC: 'C:\\Users\\Public',
      ProgramFiles: 'C:\\Program Files',
    };
    expect(
      windowsPlaceProblem('C:\\Program Files\\Amazon\\SnowballEdge\\bin\\snowballEdge.exe', env),
    ).toBeNull();
    expect(
      windowsPlaceProblem('C:\\Users\\site\\Downloads\\snowball-client\\bin\\snowballEdge.exe', env),
    ).toBeNull();
    expect(windowsPlaceProblem('C:\\Users\\Public\\snowballEdge.exe', env)).toMatch(/Public folder/);
    expect(windowsPlaceProblem('C:\\tools\\snowballEdge.exe', env)).toMatch(
      /outside your own folder and Program Files/,
    );
  });

  it('refuses a program that is not the client, naming what it said', async () => {
    const file = script(path.join(tempDir(), 'snowballEdge'), 'echo "usage: frobnicate [-v]" >&2; exit 2');
    await expect(vouch(launcher, file)).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(
        /ran, but did not answer like the Snowball client \(it said: “usage: frobnicate \[-v\]”\)\. Choose the snowballEdge file/,
      ),
    });
  });

  it('never runs a file that is not named like the client', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'ran');
    const file = script(path.join(dir, 'cleanup.sh'), `touch "${marker}"`);
    await expect(launcher.inspect(file, [])).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(/^cleanup\.sh is not the Snowball client\./),
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('takes the documented version line, not an update notice that mentions a version', async () => {
    const noisy = installFakeSnowball();
    const trusted: TrustedClientInfo = await vouch(
      new SnowballClientLauncher({ env: noisy.env({ FAKE_SNOWBALL_MODE: 'update-notice' }), ...FAST }),
      noisy.edge,
    );
    expect(trusted.version).toBe('1.2.0 Build 661');
  });

  it('stops a client that hangs, and the processes it started', async () => {
    const hanging = installFakeSnowball();
    const impatient = new SnowballClientLauncher({
      env: hanging.env({ FAKE_SNOWBALL_MODE: 'hang-version' }),
      versionTimeoutMs: 400,
      killGraceMs: 500,
    });
    const started = Date.now();
    await expect(vouch(impatient, hanging.edge)).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(/did not answer its version command within 1 second, so it was stopped/),
    });
    expect(Date.now() - started).toBeLessThan(3000);
    const pids = hanging.pids()!;
    expect(isRunning(pids.client)).toBe(false);
    // Its child got the signal with it (the whole process group); give the kernel a moment to finish it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(pids.child)).toBe(false);
  });

  it.each([
    [
      'not executable',
      (dir: string) => script(path.join(dir, 'snowballEdge'), 'echo hi', 0o644),
      /is not executable\. Make it executable \(chmod u\+x/,
    ],
    [
      'a folder',
      (dir: string) => {
        const sub = path.join(dir, 'snowballEdge');
        mkdirSync(sub);
        return sub;
      },
      /is a folder\. Choose the snowballEdge file in the bin folder/,
    ],
    ['missing', (dir: string) => path.join(dir, 'snowballEdge'), /^There is no file at .*snowballEdge\./],
  ])('refuses a file that is %s, saying what to do', async (_what, make, message) => {
    await expect(launcher.inspect(make(tempDir()), [])).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(message),
    });
  });
});

describe('the pieces', () => {
  it('reads the documented version line and nothing else', () => {
    expect(identify('Snowball Edge client version: 1.2.0  Build 661')).toEqual({
      kind: 'snowballEdge',
      version: '1.2.0 Build 661',
    });
    expect(identify('Snowball client version: 1.0.1  Build 418')).toEqual({
      kind: 'snowball',
      version: '1.0.1 Build 418',
    });
    expect(
      identify(
        'snowballEdge of the Snowball Edge client is available (1.2.0 Build 701), see the release notes for its version\nSnowball Edge client version: 1.2.0  Build 661',
      ),
    ).toEqual({ kind: 'snowballEdge', version: '1.2.0 Build 661' });
    expect(identify('A new version of the Snowball Edge client is available (1.2.0 Build 701)')).toBeNull();
    expect(identify('snowball version unknown')).toBeNull();
    expect(identify('Python 3.12.1')).toBeNull();
  });

  it('looks for .exe, .cmd and .bat on Windows and reads Path whatever its case', () => {
    expect(clientFileNames('linux')).toEqual(['snowballEdge', 'snowball']);
    expect(clientFileNames('win32')).toEqual([
      'snowballEdge.exe',
      'snowballEdge.cmd',
      'snowballEdge.bat',
      'snowball.exe',
      'snowball.cmd',
      'snowball.bat',
    ]);
    const env = { Path: 'C:\\bin', ProgramFiles: 'C:\\Program Files' };
    expect(envValue({ env, platform: 'win32', homeDir: 'C:\\Users\\a' }, 'PATH')).toBe('C:\\bin');
    expect(envValue({ env, platform: 'linux', homeDir: '/home/a' }, 'PATH')).toBeUndefined();
  });
});
