import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A folder this process cannot create files in. Root ignores permission bits, so as root we use sysfs,
 * which refuses new files to everyone.
 */
export function unwritableFolder(): { path: string; cleanup: () => void } {
  if (isRoot) return { path: '/sys/kernel', cleanup: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-ro-'));
  chmodSync(dir, 0o500);
  return {
    path: dir,
    cleanup: () => {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny tmpfs that fills up after `kib` KiB; null where mounting is not allowed (not root). */
export function fullFolder(kib = 64): { path: string; cleanup: () => void } | null {
  if (!isRoot || process.platform !== 'linux') return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    path: dir,
    cleanup: () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
