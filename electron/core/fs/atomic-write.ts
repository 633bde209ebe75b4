/**
 * Writes a file so that the final name only ever holds complete content: a temporary file in the same
 * folder, fsync, then an atomic move into place. Mode 0600. The folder is opened once and held
 * (held-folder.ts): the caller's check, the temporary file, the move and the clean-up all concern that
 * one folder, whatever happens to the path meanwhile. An existing file is never replaced unless the
 * caller says so, and then only an ordinary file. A failure leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { link, lstat, open, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';
import {
  changedWhileSaving,
  holdFolder,
  idOf,
  sameId,
  type FileId,
  type ResolvedFolder,
} from './held-folder';

export interface AtomicWriteOptions {
  /** Replace an existing file at the destination (the user said so). Default: refuse. */
  overwrite?: boolean;
  /** Default 0o600: only the user can read what the app writes. */
  mode?: number;
  /** Called with every chunk as it is written, e.g. to hash or report progress. */
  onChunk?: (chunk: Uint8Array) => void;
  /**
   * Judges the folder actually written to (e.g. the separation policy) before anything is written, and
   * again after the move if the folder has moved meanwhile; throwing stops the write and undoes it.
   */
  check?: (folder: ResolvedFolder) => Promise<void>;
}

export type Content = string | Uint8Array | AsyncIterable<Uint8Array>;

export async function writeFileAtomic(
  destination: string,
  content: Content,
  options: AtomicWriteOptions = {},
): Promise<number> {
  const name = path.basename(destination);
  const folder = await holdFolder(path.dirname(destination)).catch((error: unknown) => {
    throw toAppError(error, path.dirname(destination));
  });
  const temp = `.${name}.${randomBytes(6).toString('hex')}.partial`;
  let bytes = 0;
  try {
    await options.check?.(folder);
    await assertReplaceable(folder.entry(name), destination, options.overwrite ?? false);
    // O_NOFOLLOW: a symlink planted under the temporary name is refused, not written through.
    const handle = await open(
      folder.entry(temp),
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
      options.mode ?? 0o600,
    );
    let written: FileId;
    try {
      for await (const chunk of chunks(content)) {
        await writeAll(handle, chunk);
        bytes += chunk.byteLength;
        options.onChunk?.(chunk);
      }
      await handle.sync();
      written = idOf(await handle.stat({ bigint: true }));
    } finally {
      await handle.close();
    }
    await folder.revalidate();
    await moveIntoPlace(folder.entry(temp), folder.entry(name), destination, options.overwrite ?? false);
    await folder.sync();
    await recheck(folder, name, written, options.check);
    return bytes;
  } catch (error) {
    // File-system failures get a message; a failing source's own error passes through unchanged.
    throw typeof (error as NodeJS.ErrnoException).code === 'string' ? toAppError(error, destination) : error;
  } finally {
    await rm(folder.entry(temp), { force: true }).catch(() => undefined);
    await folder.close();
  }
}

/**
 * After the move: the name must hold what was written, in the folder that was checked (re-checked where
 * it now is, if it moved). Otherwise the new file is removed again and the write fails.
 */
async function recheck(
  folder: Awaited<ReturnType<typeof holdFolder>>,
  name: string,
  written: FileId,
  check: AtomicWriteOptions['check'],
): Promise<void> {
  let now: string;
  try {
    now = await folder.currentPath();
    await folder.revalidate();
  } catch {
    await undo(folder.entry(name), written);
    throw changedWhileSaving(folder.path);
  }
  if (now !== folder.path) {
    try {
      await check?.({ path: now, id: folder.id });
    } catch (error) {
      await undo(folder.entry(name), written);
      throw error;
    }
  }
  const placed = await lstat(folder.entry(name), { bigint: true }).catch(() => null);
  if (!placed || !sameId(idOf(placed), written)) throw changedWhileSaving(folder.path);
}

/** Removes the file at `entry` only if it is the one this write made. */
async function undo(entry: string, written: FileId): Promise<void> {
  const placed = await lstat(entry, { bigint: true }).catch(() => null);
  if (placed && sameId(idOf(placed), written)) await unlink(entry).catch(() => undefined);
}

/** write() may write less than asked (a filling disk does): keep going until all is written or it fails. */
async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

async function* chunks(content: Content): AsyncIterable<Uint8Array> {
  if (typeof content === 'string') yield Buffer.from(content, 'utf8');
  else if (content instanceof Uint8Array) yield content;
  else yield* content;
}

/** link() fails when the name exists, so no-overwrite holds even against a racing writer. */
async function moveIntoPlace(
  temp: string,
  entry: string,
  destination: string,
  overwrite: boolean,
): Promise<void> {
  if (overwrite) {
    await assertReplaceable(entry, destination, true);
    return rename(temp, entry);
  }
  try {
    await link(temp, entry);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // FAT and exFAT (most USB sticks) have no hard links: check, then rename.
    await assertReplaceable(entry, destination, false);
    await rename(temp, entry);
  }
}

/**
 * Nothing at the name, or (when the user allowed replacing) an ordinary file. Never a folder, a device,
 * a pipe, a socket or a symlink (which would send the content somewhere else).
 */
async function assertReplaceable(entry: string, destination: string, overwrite: boolean): Promise<void> {
  let info;
  try {
    info = await lstat(entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw toAppError(error, destination);
  }
  if (!info.isFile()) {
    throw new AppError(
      'DESTINATION_UNUSABLE',
      `${destination} is ${kindOf(info)}, not an ordinary file, so Snowball Companion will not write there. ` +
        'Choose another name.',
    );
  }
  if (!overwrite) throw existsError(destination);
}

/** What a file-system entry is, in words. */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not an ordinary file';
}

function existsError(destination: string): AppError {
  return new AppError(
    'FILE_EXISTS',
    `${path.basename(destination)} already exists in ${path.dirname(destination)}. Nothing was changed: ` +
      'choose another folder or name, or confirm that the existing file may be replaced.',
  );
}

/** Turns a file-system failure into a message that says what to do. */
export function toAppError(error: unknown, target: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EEXIST':
      return existsError(target);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('DESTINATION_UNUSABLE', `${target} does not exist. Choose an existing folder.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError(
        'DESTINATION_UNUSABLE',
        `Snowball Companion cannot write to ${target} (read-only, or no permission). Choose a folder you can write to.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'DESTINATION_FULL',
        `There is not enough free space for ${path.basename(target)} in ${path.dirname(target)}. Free some space or choose another drive.`,
      );
    case 'ELOOP':
      return changedWhileSaving(target);
    default:
      return new AppError(
        'INTERNAL',
        `Could not write ${target} (${code ?? 'unknown error'}). Try again or choose another folder.`,
        {
          retryable: true,
          cause: error,
        },
      );
  }
}
