import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore } from '../../electron/core/settings';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../helpers/temp-dirs';

const dir = tempDir('companion-settings-');

describe('SettingsStore', () => {
  it('starts from defaults when there is no file', async () => {
    const store = new SettingsStore(path.join(dir, 'none.json'), new ManualClock());
    expect(await store.load()).toEqual({ settings: DEFAULT_SETTINGS, setAside: null });
  });

  it('writes changes atomically (0600) and reads them back', async () => {
    const file = path.join(dir, 'a.json');
    const store = new SettingsStore(file, new ManualClock());
    await store.load();
    await store.update((s) => ({ ...s, profile: 'site-sso', regions: ['us-west-2', 'eu-west-1'] }));
    await store.updateJob('JID1', { deviceIps: ['192.168.1.50'], manifestFolder: '/media/usb' });
    await store.updateJob('JID1', { codeFolder: '/home/ana/keys' });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    const again = new SettingsStore(file, new ManualClock());
    const { settings } = await again.load();
    expect(settings.profile).toBe('site-sso');
    expect(settings.jobs['JID1']).toEqual({
      deviceIps: ['192.168.1.50'],
      manifestFolder: '/media/usb',
      codeFolder: '/home/ana/keys',
    });
  });

  it('sets a damaged file aside instead of losing it', async () => {
    const file = path.join(dir, 'b.json');
    writeFileSync(file, '{"version":1, "profile": ');
    const store = new SettingsStore(file, new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5)));
    const { settings, setAside } = await store.load();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(setAside).toBe(`${file}.damaged-2026-01-02T03-04-05-000Z`);
    expect(readFileSync(setAside!, 'utf8')).toBe('{"version":1, "profile": ');
    expect(existsSync(file)).toBe(false);
  });

  it('has no place for a secret: unknown keys are refused and nothing is written', async () => {
    const file = path.join(dir, 'c.json');
    const store = new SettingsStore(file, new ManualClock());
    await store.load();
    expect(() => store.update((s) => ({ ...s, secretAccessKey: 'x' }) as never)).toThrow(/Unrecognized key/);
    expect(existsSync(file)).toBe(false);
  });
});
