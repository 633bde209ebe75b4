import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryClipboard } from '../../electron/core/ports';
import { redactSecrets } from '../../electron/core/redact';
import {
  REDACTED_CODE,
  UnlockCodeVault,
  assertUnlockCode,
  isUnlockCode,
} from '../../electron/core/unlock-code';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../helpers/temp-dirs';

const CODE = 'a1b2c-3d4e5-f6g7h-8i9j0-klmno';
/** Lets the clipboard's asynchronous reads and writes finish after the clock fired a timer. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const env = { platform: process.platform, sharedRoots: [] };

function vault() {
  const clock = new ManualClock();
  const clipboard = memoryClipboard();
  return { clock, clipboard, vault: new UnlockCodeVault({ clock, clipboard, separationEnv: env }) };
}

describe('the unlock code format', () => {
  it.each([CODE, '12345-ABCDE-12345-abcde-12345'])('accepts %s', (code) =>
    expect(isUnlockCode(code)).toBe(true),
  );
  it.each([
    '',
    'a1b2c-3d4e5-f6g7h-8i9j0',
    'a1b2c-3d4e5-f6g7h-8i9j0-klmn',
    'a1b2c_3d4e5_f6g7h_8i9j0_klmno',
    'a1b2c-3d4e5-f6g7h-8i9j0-klmn!',
  ])('refuses %j', (code) => expect(isUnlockCode(code)).toBe(false));

  it('says what to do with a malformed code, without echoing it', () => {
    const bad = 'a1b2c-3d4e5-f6g7h-8i9j0-klmn';
    expect(() => assertUnlockCode(bad, 'AWS')).toThrow(/five groups of five .* Fetch it again/);
    try {
      assertUnlockCode(bad, 'AWS');
    } catch (error) {
      expect((error as Error).message).not.toContain(bad);
      expect(error).toMatchObject({ code: 'UNLOCK_CODE_MALFORMED' });
    }
  });

  it('redacts codes anywhere in text, and any known code', () => {
    const line = `snowballEdge unlock-device --unlock-code ${CODE} --manifest-file /m.bin`;
    expect(redactSecrets(line)).toBe(
      `snowballEdge unlock-device --unlock-code ${REDACTED_CODE} --manifest-file /m.bin`,
    );
    expect(redactSecrets(`code=${CODE}.`)).not.toContain(CODE);
    expect(redactSecrets('JID0a1b2c3d-1111-2222-3333-444455556666')).toBe(
      'JID0a1b2c3d-1111-2222-3333-444455556666',
    );
    expect(redactSecrets('odd: XYZ', ['XYZ'])).toBe(`odd: ${REDACTED_CODE}`);
  });
});

describe('UnlockCodeVault', () => {
  it('holds a code behind a handle and reveals it until the hold time ends', () => {
    const { clock, vault: v } = vault();
    const handle = v.hold('JID1', CODE);
    expect(handle).toEqual({ id: expect.any(String), jobId: 'JID1', expiresAt: clock.now() + 10 * 60_000 });
    expect(JSON.stringify(handle)).not.toContain(CODE);
    expect(v.reveal(handle.id)).toBe(CODE);
    clock.advance(10 * 60_000);
    expect(() => v.reveal(handle.id)).toThrow(expect.objectContaining({ code: 'UNLOCK_CODE_EXPIRED' }));
    expect(v.knownCodes()).toEqual([]);
  });

  it('refuses a malformed code from anywhere', () => {
    expect(() => vault().vault.hold('JID1', 'not-a-code')).toThrow(
      expect.objectContaining({ code: 'UNLOCK_CODE_MALFORMED' }),
    );
  });

  it('copies to the clipboard and clears it after 30 s, and says so', async () => {
    const outcomes: string[] = [];
    const clock = new ManualClock();
    const clipboard = memoryClipboard();
    const v = new UnlockCodeVault({ clock, clipboard, onClipboardTimer: (o) => outcomes.push(o) });
    const handle = v.hold('JID1', CODE);
    expect(await v.copy(handle.id)).toEqual({ clearsAt: clock.now() + 30_000 });
    expect(await clipboard.readText()).toBe(CODE);
    clock.advance(29_999);
    await settle();
    expect(await clipboard.readText()).toBe(CODE);
    clock.advance(1);
    await settle();
    expect(await clipboard.readText()).toBe('');
    expect(outcomes).toEqual(['cleared']);
  });

  it('does not clear what the user copied since, and says it left it alone', async () => {
    const outcomes: string[] = [];
    const clock = new ManualClock();
    const clipboard = memoryClipboard();
    const v = new UnlockCodeVault({ clock, clipboard, onClipboardTimer: (o) => outcomes.push(o) });
    await v.copy(v.hold('JID1', CODE).id);
    clock.advance(10_000);
    await clipboard.writeText('a tracking number');
    clock.advance(30_000);
    await settle();
    expect(await clipboard.readText()).toBe('a tracking number');
    expect(outcomes).toEqual(['left-alone']);
  });

  it('writes the code as a secret, and on quit clears it at once if it is still there', async () => {
    const { clock, clipboard, vault: v } = vault();
    await v.copy(v.hold('JID1', CODE).id);
    expect(clipboard.holdsSecret()).toBe(true);
    await v.clearClipboard();
    expect(await clipboard.readText()).toBe('');
    // The countdown went with it: nothing fires later.
    expect(clock.pending()).toBe(1); // the code's own expiry in the vault
  });

  it('on quit leaves alone what the user copied since', async () => {
    const { clipboard, vault: v } = vault();
    await v.copy(v.hold('JID1', CODE).id);
    await clipboard.writeText('a tracking number');
    await v.clearClipboard();
    expect(await clipboard.readText()).toBe('a tracking number');
  });

  it('restarts the countdown on a second copy, with one pending clear', async () => {
    const { clock, clipboard, vault: v } = vault();
    const handle = v.hold('JID1', CODE);
    await v.copy(handle.id);
    clock.advance(20_000);
    await v.copy(handle.id);
    clock.advance(20_000);
    await settle();
    expect(await clipboard.readText()).toBe(CODE);
    clock.advance(10_000);
    await settle();
    expect(await clipboard.readText()).toBe('');
  });

  describe('save', () => {
    const root = tempDir('companion-vault-');
    const usb = path.join(root, 'usb');
    const laptop = path.join(root, 'laptop');
    mkdirSync(usb, { mode: 0o700 });
    mkdirSync(laptop, { mode: 0o700 });
    const manifest = path.join(usb, 'JID1_manifest.bin');

    it('blocks the manifest folder and writes nothing', async () => {
      const { vault: v } = vault();
      const target = path.join(usb, 'code.txt');
      await expect(
        v.save(v.hold('JID1', CODE).id, { path: target, manifestPath: manifest, acceptWarnings: true }),
      ).rejects.toMatchObject({ code: 'SEPARATION_BLOCKED' });
      expect(readdirSync(usb)).toEqual([]);
    });

    it('needs the warning accepted, then writes the code with mode 0600', async () => {
      const { vault: v } = vault();
      const id = v.hold('JID1', CODE).id;
      const target = path.join(laptop, 'JID1_unlock-code.txt');
      await expect(
        v.save(id, { path: target, manifestPath: manifest, acceptWarnings: false }),
      ).rejects.toMatchObject({
        code: 'SEPARATION_UNCONFIRMED',
        message: expect.stringMatching(/same drive.*Confirm that you accept/),
      });
      expect(readdirSync(laptop)).toEqual([]);
      const saved = await v.save(id, { path: target, manifestPath: manifest, acceptWarnings: true });
      expect(saved.separation.verdict).toBe('warn');
      expect(readFileSync(target, 'utf8')).toBe(`${CODE}\n`);
      if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    });

    it('warns when it does not know where the manifest is', async () => {
      const { vault: v } = vault();
      const target = path.join(laptop, 'other.txt');
      await expect(
        v.save(v.hold('JID1', CODE).id, { path: target, manifestPath: null, acceptWarnings: false }),
      ).rejects.toMatchObject({
        code: 'SEPARATION_UNCONFIRMED',
        message: expect.stringMatching(/has not saved/),
      });
    });
  });
});
