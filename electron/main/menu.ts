import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The usual menus, by role, so copy/paste, zoom and window keys work as on any desktop app. */
export function applicationMenu(platform: NodeJS.Platform, isDev: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (isDev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

export function installMenu(platform: NodeJS.Platform, isDev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(platform, isDev)));
}
