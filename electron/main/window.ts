import { BrowserWindow, screen, type Rectangle, type WebPreferences } from 'electron';
import type { WindowState } from '../core/settings';

/** The window's hardening, in one place so a test can assert every item. */
export function secureWebPreferences(preloadPath: string, isDev: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // A middle click on a link would otherwise open it in a new window (Electronegativity AUXCLICK_JS_CHECK).
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: isDev,
  };
}

const DEFAULT_SIZE = { width: 1280, height: 820 };

/** The remembered bounds if they still fit on a connected display, else a default size. */
export function initialBounds(saved: WindowState | undefined, displays: Rectangle[]): Partial<Rectangle> {
  if (!saved) return DEFAULT_SIZE;
  const visible = displays.some(
    (d) =>
      saved.x >= d.x && saved.y >= d.y && saved.x + 100 <= d.x + d.width && saved.y + 100 <= d.y + d.height,
  );
  return visible ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_SIZE;
}

export function createMainWindow(
  preloadPath: string,
  url: string,
  isDev: boolean,
  saved: WindowState | undefined,
  onStateChange: (state: WindowState) => void,
): BrowserWindow {
  const window = new BrowserWindow({
    ...initialBounds(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    ),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Snowball Companion',
    webPreferences: secureWebPreferences(preloadPath, isDev),
  });
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  const report = () => {
    const b = window.getNormalBounds();
    onStateChange({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() });
  };
  window.on('close', report);
  void window.loadURL(url);
  return window;
}
