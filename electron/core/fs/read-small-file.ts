/**
 * Reads a small file the user pointed at (a saved unlock code) without trusting what the path is: only
 * an ordinary file, checked on the opened handle, and never more than `maxBytes`. Opened non-blocking,
 * so a named pipe cannot stall main's file work waiting for a writer, and a device such as /dev/zero is
 * refused before a byte is read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../app-error';
import { kindOf, toAppError } from './atomic-write';

export interface SmallFile {
  /** The most it may hold. */
  maxBytes: number;
  /** What the file should be, e.g. "a saved unlock code". */
  what: string;
  /** The next step when it is not, e.g. "Choose the file you saved the code in." */
  next: string;
}

export async function readSmallFile(file: string, expected: SmallFile): Promise<Buffer> {
  const { maxBytes, what, next } = expected;
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppError('DESTINATION_UNUSABLE', `${file} does not exist. ${next}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new AppError('DESTINATION_UNUSABLE', `Snowball Companion may not read ${file}. ${next}`);
    throw toAppError(error, file);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new AppError(
        'DESTINATION_UNUSABLE',
        `${file} is ${kindOf(info)}, not an ordinary file, so it is not ${what}. ${next}`,
      );
    }
    // Read one byte past the limit: a file that grew after the stat is caught too.
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (info.size > maxBytes || bytesRead > maxBytes) {
      throw new AppError(
        'DESTINATION_UNUSABLE',
        `${file} is larger than ${maxBytes} bytes, so it is not ${what}. ${next}`,
      );
    }
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
