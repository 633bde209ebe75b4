import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A private (0700) temporary folder, removed after the file's tests. */
export function tempDir(prefix = 'companion-', root = tmpdir()): string {
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
