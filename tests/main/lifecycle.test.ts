/**
 * Electron main's start-up, end to end through the fake `electron`: the sandbox, the scheme, the guards,
 * every contract channel on ipcMain, the window, and one real call from the window's origin to core (the
 * demo account's emulator over HTTP), with its events delivered to the window.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, eventWireName, wireName } from '../../electron/contract';
import { fakeState, FakeBrowserWindow, resetFake } from '../helpers/electron-fake';

vi.mock('electron', async () => (await import('../helpers/electron-fake')).electronFake());
const logged: unknown[][] = [];
vi.mock('electron-log/node', () => ({
  default: {
    initialize: () => undefined,
    transports: { file: { level: 'info' } },
    hooks: [] as unknown[],
    info: (...args: unknown[]) => logged.push(args),
    warn: (...args: unknown[]) => logged.push(args),
    error: (...args: unknown[]) => logged.push(args),
  },
}));

const appFrame = { senderFrame: { url: 'app://companion/index.html', parent: null } };

let started = false;
async function startMain() {
  if (!started) {
    started = true;
    resetFake();
    await import('../../electron/main/index');
    fakeState().app.fireReady();
  }
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  return fakeState();
}

afterAll(() => {
  fakeState().app.emit('will-quit', { preventDefault: () => undefined });
});

describe('Electron main', () => {
  it('starts hardened, registers every channel and opens the app window', async () => {
    const state = await startMain();
    expect(state.app.sandboxEnabled).toBe(true);
    expect(state.privilegedSchemes).toHaveLength(1);
    expect(state.protocolHandlers.has('app')).toBe(true);
    expect(state.permissionRequestHandler).not.toBeNull();
    expect([...state.ipcHandlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(wireName).sort());
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe('app://companion/index.html');
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[\\/]index\.cjs$/,
    );
  });

  it('answers the window through core, and refuses malformed input before core runs', async () => {
    const state = fakeState();
    const info = await state.ipcHandlers.get(wireName('getAppInfo'))!(appFrame, {});
    expect(info).toEqual({
      ok: true,
      value: expect.objectContaining({ shell: 'electron', nativeDialogs: true, version: '1.0.0-test' }),
    });
    const bad = await state.ipcHandlers.get(wireName('downloadManifest'))!(appFrame, {
      jobId: '../etc',
      region: 'x',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('connects the demo account and sends job pages to the window as events', async () => {
    const state = fakeState();
    const call = (name: string, input: unknown) =>
      state.ipcHandlers.get(`companion:${name}`)!(appFrame, input);
    const connected = (await call('connect', { source: { kind: 'demo' } })) as {
      ok: boolean;
      value: { identity: { account: string } };
    };
    expect(connected.ok).toBe(true);
    expect(connected.value.identity.account).toBe('111122223333');
    const listing = (await call('listJobs', { regions: ['eu-west-1'] })) as {
      ok: boolean;
      value: { jobs: unknown[] };
    };
    expect(listing.ok).toBe(true);
    const pages = FakeBrowserWindow.instances[0]!.webContents.sent.filter(
      ([wire]) => wire === eventWireName('jobsPage'),
    );
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.flatMap(([, p]) => (p as { jobs: unknown[] }).jobs)).toHaveLength(listing.value.jobs.length);
  });

  it('puts the real clipboard behind the unlock code copy', async () => {
    const state = fakeState();
    const call = (name: string, input: unknown) =>
      state.ipcHandlers.get(`companion:${name}`)!(appFrame, input) as Promise<{ ok: boolean; value: never }>;
    const jobs = (await call('listJobs', { regions: ['eu-west-1'] })).value as {
      jobs: { jobId: string; readyToUnlock: boolean }[];
    };
    const job = jobs.jobs.find((j) => j.readyToUnlock)!;
    const handle = (await call('fetchUnlockCode', { jobId: job.jobId, region: 'eu-west-1' })).value as {
      id: string;
    };
    const copied = await call('copyUnlockCode', { handleId: handle.id, jobId: job.jobId });
    expect(copied.ok).toBe(true);
    expect(state.clipboardText).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){4}$/i);
    // Marked in the same write for clipboard managers to skip (this platform's marker).
    const { secretMarkers } = await import('../../electron/app/clipboard-markers');
    expect(state.clipboardFormats).toEqual(secretMarkers(process.platform));
  });
});

describe('Electron main, around the window', () => {
  it('opens only allowlisted links in the browser, through the contract', async () => {
    const state = fakeState();
    const open = (url: string) => state.ipcHandlers.get(wireName('openExternal'))!(appFrame, { url });
    expect(await open('https://docs.aws.amazon.com/snowball/latest/developer-guide/')).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(await open('https://evil.example/')).toEqual({ ok: true, value: { opened: false } });
    // The shell gets the URL as the allowlist parsed and wrote it, not the page's string.
    expect(await open('HTTPS://DOCS.aws.amazon.com/snowball/../a b?q="x"')).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(state.openedExternally).toEqual([
      'https://docs.aws.amazon.com/snowball/latest/developer-guide/',
      'https://docs.aws.amazon.com/a%20b?q=%22x%22',
    ]);
  });

  it('uses the native folder dialog', async () => {
    const state = fakeState();
    state.dialogResult = { canceled: false, filePaths: ['/media/usb'] };
    const chosen = await state.ipcHandlers.get(wireName('chooseFolder'))!(appFrame, {
      title: 'Manifest folder',
    });
    expect(chosen).toEqual({ ok: true, value: { available: true, path: '/media/usb' } });
  });

  it('logs a failed call at the level it deserves (redacted by the log hook), and remembers the window’s bounds on close', async () => {
    const state = fakeState();
    logged.length = 0;
    await state.ipcHandlers.get(wireName('describeJob'))!(appFrame, {
      jobId: 'JID00000000-0000-0000-0000-000000000000',
      region: 'eu-west-1',
    });
    expect(logged.map((line) => String(line[0]))).toContainEqual(
      expect.stringMatching(/^describeJob: [A-Z_]+ \(told the person: .+\)$/),
    );
    const window = FakeBrowserWindow.instances[0]!;
    window.emit('close');
    // Written to the settings file in the app's data folder (the window never needs it).
    await vi.waitFor(() => {
      const file = JSON.parse(readFileSync(path.join(state.app.userData, 'settings.json'), 'utf8')) as {
        window?: unknown;
      };
      expect(file.window).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    });
  });

  it('focuses the window for a second launch, and quits when the window is gone', () => {
    const state = fakeState();
    state.app.emit('second-instance');
    FakeBrowserWindow.instances[0]!.emit('closed');
    state.app.emit('window-all-closed');
    expect(state.app.quitCalled).toBe(true);
  });
});

describe('Electron main, quitting', () => {
  it('clears the unlock code from the clipboard before the app goes', async () => {
    const state = fakeState();
    const call = (name: string, input: unknown) =>
      state.ipcHandlers.get(`companion:${name}`)!(appFrame, input) as Promise<{ ok: boolean; value: never }>;
    await call('connect', { source: { kind: 'demo' } });
    const jobs = (await call('listJobs', { regions: ['eu-west-1'] })).value as {
      jobs: { jobId: string; readyToUnlock: boolean }[];
    };
    const job = jobs.jobs.find((j) => j.readyToUnlock)!;
    const handle = (await call('fetchUnlockCode', { jobId: job.jobId, region: 'eu-west-1' })).value as {
      id: string;
    };
    await call('copyUnlockCode', { handleId: handle.id, jobId: job.jobId });
    expect(state.clipboardText).not.toBe('');
    state.app.quitCalled = false;

    let prevented = false;
    state.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    // Electron waits: the quit is put off until core has cleared the clipboard, then asked for again.
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(state.app.quitCalled).toBe(true));
    expect(state.clipboardText).toBe('');
    expect(state.clipboardFormats).toEqual({});
  });
});
