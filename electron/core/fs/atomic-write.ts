/**
 * Writes a file so that the final name only ever holds complete content: a temporary file in the same
 * folder, fsync, then an atomic move into place. Mode 0600. An existing file is never replaced unless the
 * caller says so. A failure leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';

export interface AtomicWriteOptions {
  /** Replace an existing file at the destination (the user said so). Default: refuse. */
  overwrite?: boolean;
  /** Default 0o600: only the user can read what the app writes. */
  mode?: number;
  /** Called with every chunk as it is written, e.g. to hash or report progress. */
  onChunk?: (chunk: Uint8Array) => void;
}

export type Content = string | Uint8Array | AsyncIterable<Uint8Array>;

export async function writeFileAtomic(
  destination: string,
  content: Content,
  options: AtomicWriteOptions = {},
): Promise<number> {
  const folder = path.dirname(destination);
  await assertFolder(folder);
  if (!options.overwrite) await assertAbsent(destination);

  const temp = path.join(folder, `.${path.basename(destination)}.${randomBytes(6).toString('hex')}.partial`);
  let bytes = 0;
  try {
    const handle = await open(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      options.mode ?? 0o600,
    );
    try {
      for await (const chunk of chunks(content)) {
        await writeAll(handle, chunk);
        bytes += chunk.byteLength;
        options.onChunk?.(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await moveIntoPlace(temp, destination, options.overwrite ?? false);
    return bytes;
  } catch (error) {
    // File-system failures get a message; a failing source's own error passes through unchanged.
    throw typeof (error as NodeJS.ErrnoException).code === 'string' ? toAppError(error, destination) : error;
  } finally {
    await rm(temp, { force: true });
  }
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
async function moveIntoPlace(temp: string, destination: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(temp, destination);
  try {
    await link(temp, destination);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // FAT and exFAT (most USB sticks) have no hard links: check, then rename.
    await assertAbsent(destination);
    await rename(temp, destination);
  }
}

async function assertFolder(folder: string): Promise<void> {
  let info;
  try {
    info = await stat(folder);
  } catch (error) {
    throw toAppError(error, folder);
  }
  if (!info.isDirectory()) {
    throw new AppError('DESTINATION_UNUSABLE', `${folder} is not a folder. Choose a folder to save into.`);
  }
}

async function assertAbsent(destination: string): Promise<void> {
  try {
    await stat(destination);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw toAppError(error, destination);
  }
  throw existsError(destination);
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
