/**
 * The Electron shell: lifecycle, the one window, the app:// protocol, the guards, and every contract
 * channel registered onto core. Kept thin: the work happens in core, which also runs without Electron.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol';
import { installGuards } from './guards';
import { createHandlers } from './handlers';
import { registerChannels } from './ipc-registry';
import { ipcTransport } from './ipc-transport';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
// electron-vite's dev server, only when running `electron-vite dev`.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: ReturnType<typeof createMainWindow> | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    installGuards();
    serveAppProtocol(rendererDir);
    registerChannels(
      ipcTransport,
      createHandlers({
        appInfo: {
          name: app.getName(),
          version: app.getVersion(),
          shell: 'electron',
          platform: process.platform,
        },
      }),
      { trustedOrigin: new URL(startUrl).origin },
    );
    mainWindow = createMainWindow(preloadPath, startUrl);
    mainWindow.on('closed', () => (mainWindow = null));
  });
}
