import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSeparation, syncProvider, type SeparationEnv } from '../../electron/core/separation';
import { tempDir } from '../helpers/temp-dirs';

// Real folders. Temporary folders count as "shared" by default, so most cases use an env without
// shared roots and one case names the shared root explicitly.
const env: SeparationEnv = { platform: process.platform, sharedRoots: [] };
const root = tempDir('companion-sep-');
const manifestDir = path.join(root, 'usb');
mkdirSync(manifestDir, { mode: 0o700 });
const manifest = path.join(manifestDir, 'JID1_manifest.bin');
writeFileSync(manifest, 'manifest');
const elsewhere = path.join(root, 'laptop');
mkdirSync(elsewhere, { mode: 0o700 });
chmodSync(root, 0o700);

// A second file system for the one good case: /dev/shm is a tmpfs on Linux.
const otherVolume = existsSync('/dev/shm') ? tempDir('companion-sep-', '/dev/shm') : null;

describe('checkSeparation', () => {
  it('blocks the manifest file itself', async () => {
    const verdict = await checkSeparation(manifest, { kind: 'file', path: manifest }, env);
    expect(verdict).toEqual({ verdict: 'block', reasons: [expect.objectContaining({ rule: 'same-file' })] });
  });

  it('blocks the same folder and says why the two belong apart', async () => {
    const verdict = await checkSeparation(
      manifest,
      { kind: 'file', path: path.join(manifestDir, 'code.txt') },
      env,
    );
    expect(verdict.verdict).toBe('block');
    expect(verdict.reasons[0]!.rule).toBe('same-folder');
    expect(verdict.reasons[0]!.message).toMatch(/Anyone holding both .* can unlock the device/);
  });

  it('blocks a folder inside the manifest folder, and the manifest folder inside the code folder', async () => {
    const sub = path.join(manifestDir, 'sub');
    mkdirSync(sub, { recursive: true });
    const down = await checkSeparation(manifest, { kind: 'file', path: path.join(sub, 'code.txt') }, env);
    expect(down.reasons[0]!.rule).toBe('nested-folder');
    expect(down.verdict).toBe('block');
    const up = await checkSeparation(manifest, { kind: 'file', path: path.join(root, 'code.txt') }, env);
    expect(up).toMatchObject({ verdict: 'block', reasons: [{ rule: 'nested-folder' }] });
  });

  it('sees through a symbolic link to the manifest folder', async () => {
    const link = path.join(elsewhere, 'link-to-usb');
    symlinkSync(manifestDir, link);
    const verdict = await checkSeparation(manifest, { kind: 'file', path: path.join(link, 'code.txt') }, env);
    expect(verdict).toMatchObject({ verdict: 'block', reasons: [{ rule: 'same-folder' }] });
  });

  it('warns when both are on the same drive', async () => {
    const verdict = await checkSeparation(
      manifest,
      { kind: 'file', path: path.join(elsewhere, 'code.txt') },
      env,
    );
    expect(verdict.verdict).toBe('warn');
    expect(verdict.reasons.map((r) => r.rule)).toEqual(['same-volume']);
    expect(verdict.reasons[0]!.message).toMatch(/USB stick/);
  });

  it('warns about a cloud-synced folder, naming the provider', async () => {
    const dropbox = path.join(root, 'Dropbox', 'keys');
    mkdirSync(dropbox, { recursive: true, mode: 0o700 });
    const verdict = await checkSeparation(
      manifest,
      { kind: 'file', path: path.join(dropbox, 'code.txt') },
      env,
    );
    expect(verdict.verdict).toBe('warn');
    expect(verdict.reasons.find((r) => r.rule === 'cloud-synced')?.message).toMatch(/synced to Dropbox/);
  });

  it('warns about a folder other users can write to, and about a shared location', async () => {
    const open = path.join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const verdict = await checkSeparation(manifest, { kind: 'file', path: path.join(open, 'code.txt') }, env);
    expect(verdict.reasons.find((r) => r.rule === 'shared-folder')?.message).toMatch(/Other users/);

    const shared = await checkSeparation(
      manifest,
      { kind: 'file', path: path.join(elsewhere, 'code.txt') },
      { ...env, sharedRoots: [elsewhere] },
    );
    expect(shared.reasons.find((r) => r.rule === 'shared-folder')?.message).toMatch(/shared location/);
  });

  it.runIf(otherVolume !== null)('is ok with the code on another drive, in a private folder', async () => {
    const verdict = await checkSeparation(
      manifest,
      { kind: 'file', path: path.join(otherVolume!, 'code.txt') },
      env,
    );
    expect(verdict).toEqual({ verdict: 'ok', reasons: [expect.objectContaining({ rule: 'apart' })] });
  });

  it.each(['clipboard', 'password-manager', 'paper'] as const)(
    'is ok when the code goes to %s, and says so',
    async (how) => {
      const verdict = await checkSeparation(manifest, { kind: 'off-disk', how }, env);
      expect(verdict.verdict).toBe('ok');
      expect(verdict.reasons[0]).toMatchObject({
        rule: 'off-disk',
        message: expect.stringContaining('not to a file'),
      });
    },
  );

  it('compares case-insensitively where the file system is (macOS, Windows)', async () => {
    const upper = path.join(manifestDir.toUpperCase(), 'code.txt');
    const mac = await checkSeparation(
      manifest,
      { kind: 'file', path: upper },
      { ...env, platform: 'darwin' },
    );
    expect(mac.verdict).toBe('block');
  });
});

describe('syncProvider', () => {
  it.each([
    ['/Users/ana/Dropbox/keys', 'Dropbox'],
    ['/Users/ana/Dropbox (Acme)/keys', 'Dropbox'],
    ['C:\\Users\\ana\\OneDrive - Acme\\Desktop', 'OneDrive'],
    ['/Users/ana/Library/Mobile Documents/com~apple~CloudDocs', 'iCloud Drive'],
    ['/Users/ana/Library/CloudStorage/GoogleDrive-ana@acme.com/My Drive', 'a cloud storage provider'],
    ['G:\\My Drive\\keys', 'Google Drive'],
  ])('recognises %s', (folder, provider) => expect(syncProvider(folder)).toBe(provider));

  it.each([
    '/home/ana/Documents',
    '/media/ana/USBSTICK',
    'C:\\Users\\ana\\Desktop',
    '/home/ana/dropboxes-old',
  ])('leaves %s alone', (folder) => expect(syncProvider(folder)).toBeNull());
});
