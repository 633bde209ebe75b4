/**
 * The Electron executable for `npm start`: the one npm installed, or fetched once with Electron's own
 * installer. When fetching fails (no network, a proxy), that is remembered, so later starts say so at once
 * and go to browser mode instead of trying, and saying "first start", every time. `--fetch-electron`
 * tries again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface RuntimeOptions {
  /** The electron package's folder (default: as Node resolves it from here). */
  electronDir?: string | null;
  /** Where the failed fetch is remembered (default: node_modules/.cache/snowball-companion). */
  cacheDir?: string;
  /** Forget an earlier failure and fetch again. */
  retry?: boolean;
  log?: (line: string) => void;
  /** Runs Electron's installer (default: its install.js, quietly, five minutes at most). */
  install?: (electronDir: string) => void;
}

export const FETCH_FAILED_FILE = 'electron-fetch-failed';

function defaultElectronDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function installed(dir: string): string | null {
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** The Electron executable, fetching it at the first start if npm did not; null when it cannot be had. */
export function electronBinary(options: RuntimeOptions = {}): string | null {
  const dir = options.electronDir === undefined ? defaultElectronDir() : options.electronDir;
  if (!dir) return null;
  const found = installed(dir);
  if (found) return found;
  const log = options.log ?? console.log;
  const cacheDir = options.cacheDir ?? path.join(dir, '..', '.cache', 'snowball-companion');
  const failedFile = path.join(cacheDir, FETCH_FAILED_FILE);
  if (options.retry) rmSync(failedFile, { force: true });
  if (existsSync(failedFile)) {
    log(
      `The Electron runtime could not be downloaded at an earlier start (${readFileSync(failedFile, 'utf8').trim()}); ` +
        '`npm start -- --fetch-electron` tries again.',
    );
    return null;
  }
  log('Fetching the Electron runtime (first start only)…');
  (options.install ?? runInstaller)(dir);
  const fetched = installed(dir);
  if (!fetched) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(failedFile, `${new Date().toISOString()}\n`);
  }
  return fetched;
}

function runInstaller(dir: string): void {
  spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
}
