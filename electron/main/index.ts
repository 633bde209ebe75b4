/**
 * The Electron shell: lifecycle, the one window, the app:// protocol, the guards, and every contract
 * channel registered onto core through the shared composition. Kept thin: the work happens in core,
 * which also runs without Electron (the loopback host).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import { app, shell } from 'electron';
import { InProcessDemoAccount } from '../core/demo-account';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol';
import { desktopClipboard } from './clipboard';
import { composeApp } from '../app/compose';
import { e2eOverrides } from '../app/e2e-config';
import { askToRunClient, nativeDialogs } from './dialogs';
import { allowedExternalUrl } from '../app/external-links';
import { installGuards } from './guards';
import { originOf, registerChannels } from '../app/ipc-registry';
import { ipcTransport } from './ipc-transport';
import { logChannelFailure, setUpLogging } from '../app/logging';
import { installMenu } from './menu';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
const isDev = !app.isPackaged && process.env.NODE_ENV === 'development';
// electron-vite's dev server, only when running `electron-vite dev`.
const devServerUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;

const log = setUpLogging(() => path.join(app.getPath('logs'), 'main.log'));
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const e2e = e2eOverrides(process.env.COMPANION_E2E_CONFIG, app.isPackaged, process.env);
  const inProcessDemo = new InProcessDemoAccount();

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    installGuards(originOf(startUrl));
    installMenu(process.platform, isDev);
    serveAppProtocol(rendererDir);
    const composed = await composeApp({
      dataDir: app.getPath('userData'),
      clipboard: desktopClipboard(),
      demo: inProcessDemo,
      askToRunClient: (facts) => askToRunClient(mainWindow, facts),
      // Only when the e2e specs run this build unpackaged (see e2e-config.ts).
      ...e2e,
      send: (wire, payload) => mainWindow?.webContents.send(wire, payload),
      shell: {
        appInfo: {
          name: app.getName(),
          version: app.getVersion(),
          shell: 'electron',
          platform: process.platform,
          nativeDialogs: true,
          demoRequested: process.argv.includes('--demo'),
        },
        dialogs: nativeDialogs(() => mainWindow),
        openExternal: async (url) => {
          const allowed = allowedExternalUrl(url);
          if (!allowed) return false;
          await shell.openExternal(allowed);
          return true;
        },
      },
    });
    if (composed.settingsSetAside)
      log.warn(`Damaged settings file moved aside to ${composed.settingsSetAside}`);
    registerChannels(ipcTransport, composed.handlers, {
      trustedOrigin: originOf(startUrl),
      onError: (channel, error) => logChannelFailure(log, channel, error),
    });
    mainWindow = createMainWindow(
      preloadPath,
      startUrl,
      isDev,
      composed.service.settings.get().window,
      (state) => {
        void composed.service.settings.rememberWindow(state);
      },
    );
    mainWindow.on('closed', () => (mainWindow = null));
    // Quit only once core has cleared the code from the clipboard and stopped the client and the demo.
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void Promise.allSettled([composed.service.close(), inProcessDemo.stop()]).then(() => {
        closed = true;
        app.quit();
      });
    });
  });
}
