/**
 * `npm start`: build, then launch the Electron app. Where the Electron runtime is missing and cannot be
 * downloaded, say so in one sentence and open the same app in the browser through the loopback host.
 *
 *   npm start -- --demo        go straight to the demo account (no AWS needed)
 *   npm start -- --browser     skip Electron and use browser mode
 *   npm start -- --port 8123   browser mode on a fixed port (default: a random free port)
 *   npm start -- --fetch-electron   try again to download the Electron runtime after it failed once
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { factLines, type ClientFacts } from '../electron/core/client/client-trust';
import { openInBrowser, writeLauncherFile } from '../electron/host/browser-launcher';
import { runLoopbackHost } from '../electron/host/index';
import { electronBinary } from './electron-runtime';
import { run } from './run';

const { values: flags } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    'fetch-electron': { type: 'boolean', default: false },
  },
});
const port = Number(flags.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (0 picks a free port); got "${flags.port}".`);
  process.exit(2);
}

if (!run('npm', ['run', '--silent', 'build'])) {
  console.error('The build failed (see above); fix it and run `npm start` again.');
  process.exit(1);
}

const electron = flags.browser ? null : electronBinary({ retry: flags['fetch-electron'] });
if (electron) {
  const child = spawn(electron, ['.', ...(flags.demo ? ['--demo'] : [])], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!flags.browser) {
    console.log(
      'The Electron runtime is not installed and could not be downloaded here, so Snowball Companion runs in browser mode instead.',
    );
  }
  const running = await runLoopbackHost({ port, demoRequested: flags.demo, askToRunClient: askInTerminal });
  const { host } = running;
  // The browser is opened on a file only this user can read, never with the address in its arguments.
  const launcher = await writeLauncherFile(running.dataDir, host.ticketUrl());
  console.log(`Snowball Companion (browser mode) runs at ${host.origin}.`);
  if (hasDisplay()) {
    console.log(`Opening it in your browser through ${launcher} (readable only by you).`);
    openInBrowser(launcher);
  }
  const interactive = Boolean(process.stdin.isTTY);
  const printAddress = () =>
    console.log(
      `To open it yourself, in Chromium or Chrome: ${host.ticketUrl()}\n` +
        `This address works once (it carries a one-time ticket)${interactive ? ': press Enter here for another one' : ''}.`,
    );
  printAddress();
  console.log('Keep this terminal open; Ctrl+C stops the app.');
  if (interactive) {
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (!answerQuestion(line)) printAddress();
    });
  }
  const stop = () =>
    void running.stop().then(() => {
      rmSync(launcher, { force: true });
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The answer the terminal is waiting for, if a question is open. */
let pendingAnswer: ((line: string) => void) | null = null;

/** Takes a line typed in the terminal as the open question's answer; false when no question is open. */
function answerQuestion(line: string): boolean {
  if (!pendingAnswer) return false;
  pendingAnswer(line);
  pendingAnswer = null;
  return true;
}

/**
 * Browser mode's confirmation of a Snowball client file: the page cannot vouch for a program on its own,
 * so the question is asked here, in the terminal that runs the app (no terminal: no confirmation).
 */
function askInTerminal(facts: ClientFacts): Promise<boolean> {
  if (!process.stdin.isTTY) return Promise.resolve(false);
  console.log(
    [
      '',
      'Snowball Companion asks: run this program as the Snowball client?',
      ...factLines(facts).map((line) => `  ${line}`),
      'It runs its version command now and later gets your unlock code (never in its command line).',
      'Type yes and press Enter to confirm:',
    ].join('\n'),
  );
  return new Promise((resolve) => {
    pendingAnswer = (line) => resolve(line.trim().toLowerCase() === 'yes');
  });
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
