/**
 * `npm start` opens the browser on a file only the user can read, so the address (a one-time ticket)
 * never goes on the opener's or the browser's command line, where every local user can read it.
 */
import { EventEmitter } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LAUNCHER_FILE,
  openInBrowser,
  openerCommand,
  writeLauncherFile,
} from '../../electron/host/browser-launcher';
import { tempDir } from '../helpers/temp-dirs';

const ADDRESS = 'http://127.0.0.1:41234/#ticket=T1cket_-T1cket_-T1cket_-T1cket_-T1cket_-abc';

describe('the browser launcher', () => {
  it('writes a page readable only by its owner that forwards to the address', async () => {
    const dir = tempDir('companion-launcher-');
    const file = await writeLauncherFile(dir, ADDRESS);
    expect(file).toBe(path.join(dir, LAUNCHER_FILE));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${ADDRESS}">`);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    // A second launch replaces the first launcher, whose ticket is spent anyway.
    await writeLauncherFile(dir, `${ADDRESS}x`);
    expect(readFileSync(file, 'utf8')).toContain(`${ADDRESS}x"`);
  });

  it.each([
    ['linux', 'xdg-open'],
    ['darwin', 'open'],
    ['win32', 'explorer'],
  ] as const)('on %s opens the file with %s, nothing else on the command line', (platform, command) => {
    expect(openerCommand(platform, '/home/ana/.config/x/open.html')).toEqual([
      command,
      ['/home/ana/.config/x/open.html'],
    ]);
  });

  it('starts the opener detached, with the file as its only argument', () => {
    const started: unknown[][] = [];
    const child = Object.assign(new EventEmitter(), { unref: () => started.push(['unref']) });
    openInBrowser('/home/ana/open.html', 'linux', ((...args: unknown[]) => {
      started.push(args);
      return child;
    }) as never);
    expect(started).toEqual([
      ['xdg-open', ['/home/ana/open.html'], { stdio: 'ignore', detached: true }],
      ['unref'],
    ]);
    // An opener that cannot start is not a crash.
    expect(() => child.emit('error', new Error('ENOENT'))).not.toThrow();
  });
});
