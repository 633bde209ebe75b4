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
