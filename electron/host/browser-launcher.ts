/**
 * Opens browser mode in the person's browser without putting the address on any command line (other
 * users can read every process's arguments): a small page, readable only by its owner, in the user's own
 * folder, forwards the browser to the address. The address carries a one-time ticket, so what is left
 * in the file or the browser's history afterwards opens nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';

export const LAUNCHER_FILE = 'open-snowball-companion.html';

/** Writes the forwarding page (0600, replacing an older one) into `folder`; returns its path. */
export async function writeLauncherFile(folder: string, address: string): Promise<string> {
  const file = path.join(folder, LAUNCHER_FILE);
  const href = address.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html =
    '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="refresh" content="0;url=${href}"><title>Snowball Companion</title>` +
    `<p>Opening Snowball Companion… <a href="${href}">Continue</a></p>\n`;
  await writeFileAtomic(file, html, { overwrite: true, mode: 0o600 });
  return file;
}

/** The system's "open this file" command: only the file's path goes on its command line. */
export function openerCommand(platform: NodeJS.Platform, file: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [file]];
  if (platform === 'win32') return ['explorer', [file]];
  return ['xdg-open', [file]];
}

export function openInBrowser(file: string, platform: NodeJS.Platform = process.platform, run = spawn): void {
  const [command, args] = openerCommand(platform, file);
  const child = run(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
