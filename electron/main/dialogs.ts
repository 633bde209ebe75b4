import { dialog, type BrowserWindow } from 'electron';
import type { ShellPorts } from './handlers';

/** Native open dialogs, attached to the app window. */
export function nativeDialogs(window: () => BrowserWindow | null): NonNullable<ShellPorts['dialogs']> {
  const pick = async (
    properties: ('openDirectory' | 'openFile' | 'createDirectory')[],
    title: string,
    defaultPath?: string,
  ) => {
    const options = { title, properties, ...(defaultPath ? { defaultPath } : {}) };
    const parent = window();
    const result = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    chooseFolder: (title, defaultPath) => pick(['openDirectory', 'createDirectory'], title, defaultPath),
    chooseFile: (title, defaultPath) => pick(['openFile'], title, defaultPath),
  };
}
