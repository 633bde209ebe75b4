/**
 * Where the Snowball client may be: the path the user chose before, every folder on PATH, and the places
 * its install instructions leave it (the extracted snowball-client-*\/bin folder in the home and
 * Downloads folders; the installer's folder under Program Files on Windows). Every root comes from the
 * injected environment and home folder, so tests decide what exists.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SnowballClientInfo } from '../../contract';

export interface SearchEnv {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  platform: NodeJS.Platform;
}

export interface Candidate {
  path: string;
  source: SnowballClientInfo['source'];
}

/** File names to look for, Snowball Edge first. */
export function clientFileNames(platform: NodeJS.Platform): string[] {
  const bases = ['snowballEdge', 'snowball'];
  if (platform !== 'win32') return bases;
  return bases.flatMap((base) => ['.exe', '.cmd', '.bat'].map((ext) => `${base}${ext}`));
}

/** Environment variables are case-insensitive on Windows (Path, PATH). */
export function envValue(search: SearchEnv, name: string): string | undefined {
  if (search.platform !== 'win32') return search.env[name];
  const key = Object.keys(search.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : search.env[key];
}

/** Existing files that may be the client, in order of preference, each path once. */
export async function findCandidates(remembered: string | null, search: SearchEnv): Promise<Candidate[]> {
  const names = clientFileNames(search.platform);
  const pathApi = search.platform === 'win32' ? path.win32 : path.posix;
  const pathDirs = (envValue(search, 'PATH') ?? '')
    .split(search.platform === 'win32' ? ';' : ':')
    .map((dir) => dir.trim().replace(/^"(.*)"$/, '$1'))
    .filter((dir) => dir !== '' && pathApi.isAbsolute(dir));
  const installDirs = await installBinFolders(search);

  const ordered: Candidate[] = [];
  if (remembered) ordered.push({ path: remembered, source: 'settings' });
  for (const dir of pathDirs)
    for (const name of names) ordered.push({ path: pathApi.join(dir, name), source: 'path' });
  for (const dir of installDirs) {
    for (const name of names) ordered.push({ path: pathApi.join(dir, name), source: 'install-folder' });
  }

  const seen = new Set<string>();
  const found: Candidate[] = [];
  for (const candidate of ordered) {
    const real = await existingFile(candidate.path);
    // The remembered path is kept even when missing, so the caller can say it is gone.
    if (real === null && candidate.source !== 'settings') continue;
    const key = real ?? candidate.path;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(candidate);
  }
  return found;
}

/** The bin folders of extracted or installed clients. */
async function installBinFolders(search: SearchEnv): Promise<string[]> {
  const pathApi = search.platform === 'win32' ? path.win32 : path.posix;
  const roots = [search.homeDir, pathApi.join(search.homeDir, 'Downloads')];
  const xdgDownloads = envValue(search, 'XDG_DOWNLOAD_DIR');
  if (xdgDownloads && pathApi.isAbsolute(xdgDownloads)) roots.push(xdgDownloads);
  const bins: string[] = [];
  // The tarball unpacks to snowball-client-<platform>-<version>/bin, sometimes inside a folder of the same kind.
  for (const root of roots) {
    for (const dir of await subfolders(root, /^snowball-client/i, pathApi)) {
      bins.push(pathApi.join(dir, 'bin'));
      for (const inner of await subfolders(dir, /^snowball-client/i, pathApi))
        bins.push(pathApi.join(inner, 'bin'));
    }
  }
  if (search.platform === 'win32') {
    const programRoots = ['ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432']
      .map((name) => envValue(search, name))
      .filter((dir): dir is string => Boolean(dir));
    const localPrograms = envValue(search, 'LOCALAPPDATA');
    if (localPrograms) programRoots.push(pathApi.join(localPrograms, 'Programs'));
    // The installer's folder name has changed over the years; any "snowball" folder, also under Amazon.
    for (const root of programRoots) {
      const parents = [root, ...(await subfolders(root, /^(amazon|aws)/i, pathApi))];
      for (const parent of parents) {
        for (const dir of await subfolders(parent, /snowball/i, pathApi))
          bins.push(pathApi.join(dir, 'bin'), dir);
      }
    }
  }
  return [...new Set(bins)];
}

async function subfolders(dir: string, pattern: RegExp, pathApi: typeof path.posix): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && pattern.test(e.name))
      .map((e) => pathApi.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** The real path of an existing regular file (or symlink to one); null otherwise. */
async function existingFile(file: string): Promise<string | null> {
  try {
    if (!(await stat(file)).isFile()) return null;
    return await realpath(file);
  } catch {
    return null;
  }
}
