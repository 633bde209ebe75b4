/**
 * Finding and confirming the Snowball client: on PATH, in the folders its install instructions leave it,
 * the path remembered from before, and a path the user chose; and every way a choice can be wrong.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identify } from '../../../electron/core/client/confirm-client';
import { clientFileNames, envValue } from '../../../electron/core/client/find-client';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';
import { installFakeSnowball, isRunning, killLeftovers } from '../../helpers/fake-snowball';
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

describe('finding the Snowball client', () => {
  it('finds snowballEdge and the legacy snowball on PATH, confirmed by their version command', async () => {
    const fake = installFakeSnowball();
    const launcher = new SnowballClientLauncher({ env: fake.env(), ...FAST });
    const { clients, problems } = await launcher.find(null);
    expect(clients).toEqual([
      { path: fake.edge, kind: 'snowballEdge', version: '1.2.0 Build 661', source: 'path' },
      { path: fake.legacy, kind: 'snowball', version: '1.0.1 Build 418', source: 'path' },
    ]);
    expect(problems).toEqual([]);
    expect(fake.calls().map((c) => c.args)).toEqual([['version'], ['version']]);
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
    const { clients } = await launcher.find(null);
    expect(clients.map((c) => [c.path, c.source])).toEqual([
      [nested, 'install-folder'],
      [inDownloads, 'install-folder'],
    ]);
  });

  it('puts the remembered client first, lists each file once, and says when it has gone', async () => {
    const fake = installFakeSnowball();
    const launcher = new SnowballClientLauncher({ env: fake.env(), ...FAST });
    const { clients } = await launcher.find(fake.legacy);
    expect(clients.map((c) => [c.path, c.source])).toEqual([
      [fake.legacy, 'settings'],
      [fake.edge, 'path'],
    ]);

    const gone = path.join(fake.root, 'moved', 'snowballEdge');
    const result = await launcher.find(gone);
    expect(result.clients.map((c) => c.source)).toEqual(['path', 'path']);
    expect(result.problems).toEqual([
      `The Snowball client chosen before no longer works: There is no file at ${gone}. Choose the snowballEdge file in the bin folder of the extracted Snowball Edge client (snowballEdge.exe on Windows), or snowball for a legacy Snowball.`,
    ]);
  });

  it('says how to get the client when there is none', async () => {
    const launcher = new SnowballClientLauncher({ env: { PATH: nodeDir, HOME: tempDir() }, ...FAST });
    const { clients, problems } = await launcher.find(null);
    expect(clients).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^No Snowball client was found .*\(aws\.amazon\.com\/snowball\/resources/),
    ]);
  });

  it('reports a non-client found on PATH as a problem, not as a client', async () => {
    const dir = tempDir('companion-notclient-');
    script(path.join(dir, 'snowballEdge'), 'echo "GNU coreutils 9.1"');
    const launcher = new SnowballClientLauncher({ env: { PATH: `${dir}:${nodeDir}`, HOME: dir }, ...FAST });
    const { clients, problems } = await launcher.find(null);
    expect(clients).toEqual([]);
    expect(problems[0]).toMatch(/did not answer like the Snowball client \(it said: “GNU coreutils 9\.1”\)/);
  });
});

describe('choosing the client', () => {
  const fake = installFakeSnowball();
  const launcher = new SnowballClientLauncher({ env: fake.env(), ...FAST });

  it('confirms the chosen snowballEdge', async () => {
    expect(await launcher.confirm(fake.edge)).toEqual({
      path: fake.edge,
      kind: 'snowballEdge',
      version: '1.2.0 Build 661',
      source: 'chosen',
    });
  });

  it('refuses a program that is not the client, naming what it said', async () => {
    const file = script(path.join(tempDir(), 'snowballEdge'), 'echo "usage: frobnicate [-v]" >&2; exit 2');
    await expect(launcher.confirm(file)).rejects.toMatchObject({
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
    await expect(launcher.confirm(file)).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(/^cleanup\.sh is not the Snowball client\./),
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('stops a client that hangs, and the processes it started', async () => {
    const hanging = installFakeSnowball();
    const impatient = new SnowballClientLauncher({
      env: hanging.env({ FAKE_SNOWBALL_MODE: 'hang-version' }),
      versionTimeoutMs: 400,
      killGraceMs: 500,
    });
    const started = Date.now();
    await expect(impatient.confirm(hanging.edge)).rejects.toMatchObject({
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
      /is not executable\. Make it executable \(chmod \+x/,
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
    await expect(launcher.confirm(make(tempDir()))).rejects.toMatchObject({
      code: 'CLIENT_INVALID',
      message: expect.stringMatching(message),
    });
  });
});

describe('the pieces', () => {
  it('reads the documented version line', () => {
    expect(identify('Snowball Edge client version: 1.2.0  Build 661')).toEqual({
      kind: 'snowballEdge',
      version: '1.2.0 Build 661',
    });
    expect(identify('Snowball client version: 1.0.1  Build 418')).toEqual({
      kind: 'snowball',
      version: '1.0.1 Build 418',
    });
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
