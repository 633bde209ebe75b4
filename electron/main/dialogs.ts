import { dialog, type BrowserWindow } from 'electron';
import { factLines, type ClientFacts } from '../core/client/client-trust';
import type { ShellPorts } from '../app/handlers';

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

/**
 * The person vouches for a Snowball client file in a native dialog the window cannot draw or answer: what
 * would run (path, where the link leads, owner, size, SHA-256) and that it then gets the unlock code.
 */
export async function askToRunClient(window: BrowserWindow | null, facts: ClientFacts): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Cancel', 'Run it as the Snowball client'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Confirm the Snowball client',
    message: 'Run this program as the Snowball client?',
    detail: [
      ...factLines(facts),
      '',
      'Snowball Companion runs its version command now, and later gives it your unlock code (never in its ' +
        'command line). Confirm only the client you downloaded from AWS. If the file changes, you will be asked again.',
    ].join('\n'),
  };
  const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return result.response === 1;
}
