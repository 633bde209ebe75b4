/**
 * A stand-in for the `electron` module, for testing the shell where the Electron runtime cannot run. It
 * records what main asks of Electron (window options, handlers, guards) so tests can assert each item,
 * and lets tests fire the events Electron would (navigation, new windows, permission requests, IPC).
 * Use with `vi.mock('electron', () => electronFake())` and reach the state through `fakeState()`.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
}

export class FakeClipboardItem {
  constructor(readonly items: Record<string, unknown>) {}
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  sandboxEnabled = false;
  hasLock = true;
  quitCalled = false;
  readyFired = false;
  readonly userData = mkdtempSync(path.join(tmpdir(), 'companion-fake-userdata-'));
  private readyResolve: (() => void) | null = null;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  enableSandbox() {
    this.sandboxEnabled = true;
  }
  isReady() {
    return this.readyFired;
  }
  requestSingleInstanceLock() {
    return this.hasLock;
  }
  quit() {
    this.quitCalled = true;
  }
  whenReady() {
    return this.ready;
  }
  /** Tests call this to let main's whenReady() continue. */
  fireReady() {
    this.readyFired = true;
    this.readyResolve?.();
    this.emit('ready');
  }
  getName() {
    return 'Snowball Companion';
  }
  getVersion() {
    return '1.0.0-test';
  }
  getPath(name: string) {
    if (name === 'userData') return this.userData;
    if (name === 'logs') return path.join(this.userData, 'logs');
    throw new Error(`fake app.getPath(${name}) not supported`);
  }
}

function freshState() {
  return {
    app: new FakeApp(),
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    /** ipcMain.on listeners: the app registers none (every call goes through the contract's handlers). */
    ipcListeners: new Map<string, Listener>(),
    /** Preload scripts added to sessions behind the window's back (the window's own is in its options). */
    sessionPreloads: [] as unknown[],
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    openedExternally: [] as string[],
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Set<Listener>>(),
    invoked: [] as [string, unknown][],
    menuTemplate: null as unknown,
    clipboardText: '',
    /** Every other format of the clipboard's one entry, by type. */
    clipboardFormats: {} as Record<string, unknown>,
    dialogResult: { canceled: false, filePaths: ['/chosen/folder'] },
    /** The button the person presses in a message box, and the boxes shown. */
    messageBoxResponse: 0,
    messageBoxes: [] as { message: string; detail: string; buttons: string[] }[],
  };
}

let state = freshState();

export function fakeState() {
  return state;
}

export function resetFake() {
  state = freshState();
  FakeBrowserWindow.instances = [];
}

export function electronFake() {
  return {
    app: new Proxy({}, { get: (_t, key) => bind(state.app, key) }),
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequestHandler = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheckHandler = handler),
        registerPreloadScript: (script: unknown) => state.sessionPreloads.push(script),
        setPreloads: (preloads: unknown[]) => state.sessionPreloads.push(...preloads),
        getPreloads: () => [],
      },
    },
    shell: {
      openExternal: async (url: string) => {
        state.openedExternally.push(url);
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler),
      on: (channel: string, listener: Listener) => state.ipcListeners.set(channel, listener),
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        state.invoked.push([channel, input]);
        return { ok: true, value: channel };
      },
      on: (channel: string, listener: Listener) => {
        const set = state.rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        state.rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) =>
        state.rendererListeners.get(channel)?.delete(listener),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => state.exposed.set(key, value),
    },
    dialog: {
      showOpenDialog: async () => state.dialogResult,
      showMessageBox: async (...args: unknown[]) => {
        state.messageBoxes.push(args.at(-1) as (typeof state.messageBoxes)[number]);
        return { response: state.messageBoxResponse, checkboxChecked: false };
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => (state.menuTemplate = menu),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ClipboardItem: FakeClipboardItem,
    clipboard: {
      readText: async () => state.clipboardText,
      writeText: async (text: string) => {
        state.clipboardText = text;
        state.clipboardFormats = {};
      },
      // Like Electron's: one write replaces every format at once.
      write: async (items: FakeClipboardItem[]) => {
        const { 'text/plain': text, ...formats } = Object.assign(
          {},
          ...items.map((item) => item.items),
        ) as Record<string, unknown>;
        state.clipboardText = typeof text === 'string' ? text : '';
        state.clipboardFormats = formats;
      },
      clear: () => {
        state.clipboardText = '';
        state.clipboardFormats = {};
      },
    },
  };
}

function bind(target: object, key: string | symbol): unknown {
  const value = (target as Record<string | symbol, unknown>)[key];
  return typeof value === 'function' ? (value as Listener).bind(target) : value;
}
