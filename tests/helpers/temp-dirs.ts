import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A private (0700) temporary folder. Under the run's TMPDIR it stays until the run ends, when the global
 * teardown scans everything the tests wrote for secrets; elsewhere (/dev/shm) it is removed after the file.
 */
export function tempDir(prefix = 'companion-', root = tmpdir()): string {
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, prefix));
  if (root !== tmpdir()) afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A test's site: its root (also its home), the app's data folder, a USB stick and the laptop's folder. */
export function siteFolders(prefix: string): { root: string; dataDir: string; usb: string; laptop: string } {
  const root = tempDir(prefix);
  const [dataDir, usb, laptop] = ['data', 'usb', 'laptop'].map((name) => path.join(root, name)) as [
    string,
    string,
    string,
  ];
  for (const dir of [dataDir, usb, laptop]) mkdirSync(dir, { mode: 0o700 });
  return { root, dataDir, usb, laptop };
}
