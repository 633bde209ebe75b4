/**
 * Finds a Chromium for the e2e tests, or installs Debian's when it can. Playwright's own browser download
 * does not work on our machines, so the tests drive the system Chromium through `executablePath`.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { isMain } from './run';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** Flags for a sandbox-less CI container on a closed network (see DESIGN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function isExecutable(file: string): boolean {
  try {
    // Windows has no execute bit: existence is what counts there.
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  return CANDIDATES.find(isExecutable) ?? null;
}

/**
 * How long apt waits for another package manager (an unattended upgrade, a neighbour's install) to let go
 * of the dpkg and package-list locks before it gives up, in seconds. Without it apt fails at once.
 */
export const APT_LOCK_WAIT_S = 600;

/** The apt-get runs that install Debian's chromium package, each waiting for the locks apt takes. */
export function aptInstallCommands(): [string, string[]][] {
  const wait = ['-o', `DPkg::Lock::Timeout=${APT_LOCK_WAIT_S}`];
  return [
    ['apt-get', [...wait, 'update', '-qq']],
    ['apt-get', [...wait, 'install', '-y', '-qq', 'chromium']],
  ];
}

/** What installing needs of the machine; tests pass their own. */
export interface InstallerHost {
  find: () => string | null;
  /** Linux, Debian, root: where apt-get can install the package. */
  canInstall: () => boolean;
  exec: (command: string, args: string[]) => void;
}

const systemHost: InstallerHost = {
  find: findChromium,
  canInstall: () =>
    process.platform === 'linux' &&
    existsSync('/etc/debian_version') &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0,
  exec: (command, args) =>
    void execFileSync(command, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }),
};

/** Returns a Chromium path, installing Debian's package when running as root on Debian. */
export function ensureChromium(
  log: (line: string) => void = console.log,
  host: InstallerHost = systemHost,
): string {
  const found = host.find();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not an executable file.`);
  }
  if (host.canInstall()) {
    log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
    for (const [command, args] of aptInstallCommands()) host.exec(command, args);
    const installed = host.find();
    if (installed) return installed;
  }
  throw new Error(
    'The end-to-end tests need Chromium and none was found. Install it (Debian/Ubuntu: ' +
      '`sudo apt-get install -y chromium`; macOS: install Google Chrome), or set CHROMIUM_PATH to its executable.',
  );
}

// `tsx scripts/chromium.ts [--quiet]` prints the path, installing first if needed. Under the Electron
// launcher the specs run in Electron's own window, so no browser is needed.
if (isMain(import.meta.url)) {
  if (process.env.COMPANION_E2E_LAUNCHER === 'electron') process.exit(0);
  try {
    const found = ensureChromium();
    if (!process.argv.includes('--quiet')) console.log(found);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
