/**
 * A folder opened once and held while the app checks it and writes into it, so the check and the write
 * concern the same folder even when someone swaps a path component (a symlink, a renamed folder) in
 * between. On Linux every entry is reached through the open handle (`/proc/self/fd/N/name` names the
 * opened folder itself, not a path to it). Where that is not possible (macOS, Windows) the folder's
 * identity (device and inode) is compared with what its path leads to before and after each step.
 */
import { constants, type BigIntStats } from 'node:fs';
import { open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';

/** A folder by its real path and its identity. */
export interface ResolvedFolder {
  /** The folder's real path (symlinks resolved) when it was opened. */
  readonly path: string;
  readonly id: FileId;
}

/** Device and inode, as bigints (Windows file ids do not fit a double). */
export interface FileId {
  readonly dev: bigint;
  readonly ino: bigint;
}

export interface HeldFolder extends ResolvedFolder {
  /** A path that reaches `name` inside this very folder. */
  entry(name: string): string;
  /** Throws unless the folder's path still leads to this folder (a no-op where entries go through the handle). */
  revalidate(): Promise<void>;
  /** Where the folder is now (it may have been moved while held). */
  currentPath(): Promise<string>;
  /** Flushes the folder's entries (a rename) to disk where the system allows it. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const idOf = (info: BigIntStats): FileId => ({ dev: info.dev, ino: info.ino });
export const sameId = (a: FileId, b: FileId): boolean => a.dev === b.dev && a.ino === b.ino;

/** Opens `folder` (an existing folder; a symlink to one is resolved first) and holds it. */
export async function holdFolder(folder: string): Promise<HeldFolder> {
  const real = await realpath(path.resolve(folder));
  const handle = await openDirectory(real);
  try {
    const id = idOf(handle ? await handle.stat({ bigint: true }) : await stat(real, { bigint: true }));
    const proc = handle ? await procPath(handle, id) : null;
    if (handle && proc) return viaHandle(handle, proc, (await readlink(proc)) || real, id);
    const held = viaPath(handle, real, id);
    await held.revalidate();
    return held;
  } catch (error) {
    await handle?.close();
    throw error;
  }
}

/** O_NOFOLLOW: the real path's last component must not have turned into a symlink since. */
async function openDirectory(real: string): Promise<FileHandle | null> {
  const { O_DIRECTORY, O_NOFOLLOW, O_RDONLY } = constants;
  // Windows cannot open a folder as a file; there only its identity is checked.
  if (process.platform === 'win32' || O_DIRECTORY === undefined) {
    if (!(await stat(real)).isDirectory()) throw notAFolder(real);
    return null;
  }
  try {
    return await open(real, O_RDONLY | O_DIRECTORY | (O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw notAFolder(real);
    if (code === 'ELOOP') throw changedWhileSaving(real);
    // A folder one may write into but not list (a drop box): held by its identity only, as on Windows.
    if (code === 'EACCES' && (await stat(real)).isDirectory()) return null;
    throw error;
  }
}

/** Linux's name for the open folder itself, if /proc is there and agrees with the handle. */
async function procPath(handle: FileHandle, id: FileId): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const proc = `/proc/self/fd/${handle.fd}`;
  try {
    return sameId(idOf(await stat(proc, { bigint: true })), id) ? proc : null;
  } catch {
    return null;
  }
}

function viaHandle(handle: FileHandle, proc: string, real: string, id: FileId): HeldFolder {
  return {
    path: real,
    id,
    entry: (name) => `${proc}/${name}`,
    revalidate: async () => undefined,
    // A folder removed while held reads "… (deleted)": that path leads nowhere, so a re-check fails.
    currentPath: () => readlink(proc),
    sync: () => handle.sync().catch(() => undefined),
    close: () => handle.close(),
  };
}

function viaPath(handle: FileHandle | null, real: string, id: FileId): HeldFolder {
  const revalidate = async () => {
    let now: FileId;
    try {
      now = idOf(await stat(real, { bigint: true }));
    } catch {
      throw changedWhileSaving(real);
    }
    if (!sameId(now, id)) throw changedWhileSaving(real);
  };
  return {
    path: real,
    id,
    entry: (name) => path.join(real, name),
    revalidate,
    currentPath: async () => {
      await revalidate();
      return real;
    },
    sync: async () => {
      await handle?.sync().catch(() => undefined);
    },
    close: async () => {
      await handle?.close();
    },
  };
}

function notAFolder(target: string): AppError {
  return new AppError('DESTINATION_UNUSABLE', `${target} is not a folder. Choose a folder to save into.`);
}

export function changedWhileSaving(target: string): AppError {
  return new AppError(
    'DESTINATION_UNUSABLE',
    `${target} changed while Snowball Companion was saving into it (a folder on the way was moved or ` +
      'replaced), so nothing was saved there. Choose a folder that only you can change, then try again.',
    { retryable: true },
  );
}
