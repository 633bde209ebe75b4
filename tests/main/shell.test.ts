/**
 * The Electron shell, driven through a fake `electron`: the window's hardening, the guards, the app://
 * protocol and the sender check, each asserted.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronFake,
  fakeState,
  FakeBrowserWindow,
  FakeWebContents,
  resetFake,
} from '../helpers/electron-fake';

vi.mock('electron', async () => (await import('../helpers/electron-fake')).electronFake());

const { secureWebPreferences, createMainWindow, initialBounds } = await import('../../electron/main/window');
const { installGuards, guardContents } = await import('../../electron/main/guards');
const { APP_ORIGIN, appProtocolResponse, registerAppScheme, serveAppProtocol } =
  await import('../../electron/main/app-protocol');
const { senderOf, ipcTransport } = await import('../../electron/main/ipc-transport');
const { applicationMenu, installMenu } = await import('../../electron/main/menu');
const { askToRunClient, nativeDialogs } = await import('../../electron/main/dialogs');

beforeEach(() => resetFake());
void electronFake;

describe('the window', () => {
  it('is isolated, sandboxed, without Node, with web security, no middle-click windows and no DevTools outside development', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences('/p', true).devTools).toBe(true);
  });

  it('is created with those preferences, loads the app URL, shows when ready and remembers its bounds', () => {
    const states: unknown[] = [];
    const window = createMainWindow('/app/preload.cjs', `${APP_ORIGIN}/index.html`, false, undefined, (s) =>
      states.push(s),
    );
    const fake = window as unknown as FakeBrowserWindow;
    expect(fake.options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs', false));
    expect(fake.options.show).toBe(false);
    expect(fake.loadedUrl).toBe('app://companion/index.html');
    fake.emit('ready-to-show');
    expect(fake.shown).toBe(true);
    fake.emit('close');
    expect(states).toEqual([{ x: 10, y: 20, width: 1000, height: 700, maximized: false }]);
  });

  it('reopens where it was, unless that place is off every screen', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const saved = { x: 100, y: 80, width: 1100, height: 700, maximized: false };
    expect(initialBounds(saved, displays)).toEqual({ x: 100, y: 80, width: 1100, height: 700 });
    expect(initialBounds({ ...saved, x: 5000 }, displays)).toEqual({ width: 1280, height: 820 });
    expect(initialBounds(undefined, displays)).toEqual({ width: 1280, height: 820 });
  });
});

describe('the guards', () => {
  it('deny every permission request and check but the app page writing the clipboard', () => {
    installGuards('app://companion');
    const callback = vi.fn();
    const app = { requestingUrl: 'app://companion/index.html', isMainFrame: true };
    const request = fakeState().permissionRequestHandler!;
    request({}, 'media', callback, app);
    request({}, 'notifications', callback, app);
    request({}, 'clipboard-read', callback, app);
    request({}, 'clipboard-sanitized-write', callback, { ...app, requestingUrl: 'https://evil.example/' });
    request({}, 'clipboard-sanitized-write', callback, { ...app, isMainFrame: false });
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false], [false]]);
    request({}, 'clipboard-sanitized-write', callback, app);
    expect(callback).toHaveBeenLastCalledWith(true);
    const check = fakeState().permissionCheckHandler!;
    expect(check({}, 'clipboard-read', 'app://companion')).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://companion')).toBe(true);
  });

  it('block navigation, redirects and webviews on every web contents the app creates', () => {
    installGuards('app://companion');
    const window = new FakeBrowserWindow({});
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      window.webContents.emit(event, { preventDefault }, 'https://evil.example/');
      expect(preventDefault, event).toHaveBeenCalledOnce();
    }
  });

  it('deny new windows, handing only allowlisted https links to the browser', async () => {
    const contents = new FakeWebContents();
    guardContents(contents as never);
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://docs.aws.amazon.com/snowball/latest/developer-guide/whatisedge.html')).toEqual({
      action: 'deny',
    });
    expect(open('https://evil.example/phish')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('https://DOCS.aws.amazon.com/x/../snowball/a b')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(fakeState().openedExternally).toEqual([
      'https://docs.aws.amazon.com/snowball/latest/developer-guide/whatisedge.html',
      'https://docs.aws.amazon.com/snowball/a%20b',
    ]);
  });
});

describe('the app:// protocol', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-protocol-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<html></html>');
  writeFileSync(path.join(renderer, 'assets', 'a.js'), 'x');
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');

  it('is registered as a standard, secure scheme with V8’s code cache before ready', () => {
    registerAppScheme();
    expect(fakeState().privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: false, codeCache: true },
      },
    ]);
  });

  it('serves the renderer with the CSP, and nothing outside its folder', async () => {
    serveAppProtocol(renderer);
    const handler = fakeState().protocolHandlers.get('app')!;
    const index = await handler({ url: 'app://companion/index.html' });
    expect(index.status).toBe(200);
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect((await appProtocolResponse(renderer, 'app://companion/assets/a.js')).status).toBe(200);
    for (const url of [
      'app://companion/../secret.txt',
      'app://companion/..%2fsecret.txt',
      'app://companion/%2e%2e/secret.txt',
      'app://other/index.html',
      'app://companion/missing.js',
    ]) {
      expect((await appProtocolResponse(renderer, url)).status, url).toBe(404);
    }
  });
});

describe('the sender check on IPC', () => {
  const frame = (url: string, parent: object | null) => ({ senderFrame: { url, parent } }) as never;

  it('reads origin and main-frame from the sending frame', () => {
    expect(senderOf(frame('app://companion/index.html', null))).toEqual({
      origin: 'app://companion',
      isMainFrame: true,
    });
    expect(senderOf(frame('app://companion/index.html', {}))).toEqual({
      origin: 'app://companion',
      isMainFrame: false,
    });
    expect(senderOf(frame('https://evil.example/x', null))).toEqual({
      origin: 'https://evil.example',
      isMainFrame: true,
    });
    expect(senderOf(frame('not a url', null))).toEqual({ origin: '', isMainFrame: true });
    expect(senderOf({ senderFrame: null } as never)).toEqual({ origin: '', isMainFrame: false });
  });

  it('lets the registry refuse a foreign origin and a sub-frame through ipcMain', async () => {
    const { registerChannels } = await import('../../electron/app/ipc-registry');
    const { stubHandlers } = await import('../helpers/stub-handlers');
    registerChannels(ipcTransport, stubHandlers(), { trustedOrigin: APP_ORIGIN });
    const handler = fakeState().ipcHandlers.get('companion:getAppInfo')!;
    expect(await handler(frame('app://companion/index.html', null), {})).toMatchObject({ ok: true });
    expect(await handler(frame('https://evil.example/', null), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await handler(frame('app://companion/index.html', {}), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('menu and dialogs', () => {
  it('offers the usual roles, and developer tools only in development', () => {
    const roles = (items: unknown): string[] =>
      JSON.stringify(items)
        .match(/"role":"(\w+)"/g)!
        .map((r) => r.slice(8, -1));
    expect(roles(applicationMenu('linux', false))).toEqual(
      expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'resetZoom', 'togglefullscreen']),
    );
    expect(roles(applicationMenu('linux', false))).not.toContain('toggleDevTools');
    expect(roles(applicationMenu('darwin', true))).toEqual(
      expect.arrayContaining(['appMenu', 'toggleDevTools']),
    );
    installMenu('linux', false);
    expect(fakeState().menuTemplate).toEqual(applicationMenu('linux', false));
  });

  it('returns the chosen path, or null when the user cancels', async () => {
    const dialogs = nativeDialogs(() => null);
    expect(await dialogs.chooseFolder('Where?')).toBe('/chosen/folder');
    fakeState().dialogResult = { canceled: true, filePaths: [] };
    expect(await dialogs.chooseFile('Which?')).toBeNull();
  });

  it('asks the person in a native dialog before a client file runs, Cancel first', async () => {
    const facts = {
      path: '/usr/local/bin/snowballEdge',
      realPath: '/opt/snowball-client/bin/snowballEdge',
      kind: 'snowballEdge' as const,
      owner: 'root',
      size: 1234,
      sha256: 'a'.repeat(64),
    };
    expect(await askToRunClient(null, facts)).toBe(false);
    fakeState().messageBoxResponse = 1;
    expect(await askToRunClient(null, facts)).toBe(true);
    const [box] = fakeState().messageBoxes;
    expect(box).toMatchObject({
      message: 'Run this program as the Snowball client?',
      defaultId: 0,
      cancelId: 0,
    });
    expect(box?.buttons[0]).toBe('Cancel');
    expect(box?.detail).toContain('Which is: /opt/snowball-client/bin/snowballEdge');
    expect(box?.detail).toContain(`SHA-256: ${'a'.repeat(64)}`);
  });
});
