/**
 * `npm start` says "first start only" only at the first start: a failed download is remembered, later
 * starts go to browser mode at once and say why, and `--fetch-electron` tries again.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-runtime';

function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'companion-electron-runtime-'));
  const electronDir = path.join(root, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  const lines: string[] = [];
  let installs = 0;
  const options = (works: boolean, retry = false) => ({
    electronDir,
    retry,
    log: (line: string) => lines.push(line),
    install: (dir: string) => {
      installs += 1;
      if (!works) return;
      mkdirSync(path.join(dir, 'dist'), { recursive: true });
      writeFileSync(path.join(dir, 'path.txt'), 'electron');
      writeFileSync(path.join(dir, 'dist', 'electron'), '');
    },
  });
  return { electronDir, lines, options, installs: () => installs };
}

describe('the Electron runtime for npm start', () => {
  it('tries once; after a failure later starts say so at once, until asked to try again', () => {
    const { lines, options, installs, electronDir } = setup();
    expect(electronBinary(options(false))).toBeNull();
    expect(lines).toEqual(['Fetching the Electron runtime (first start only)…']);
    expect(installs()).toBe(1);

    lines.length = 0;
    expect(electronBinary(options(false))).toBeNull();
    expect(installs()).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/could not be downloaded at an earlier start .*--fetch-electron/);
    expect(lines.join()).not.toContain('first start');

    lines.length = 0;
    expect(electronBinary(options(true, true))).toBe(path.join(electronDir, 'dist', 'electron'));
    expect(installs()).toBe(2);
    // Installed: nothing is said or fetched again.
    lines.length = 0;
    expect(electronBinary(options(true))).toBe(path.join(electronDir, 'dist', 'electron'));
    expect(lines).toEqual([]);
    expect(installs()).toBe(2);
  });
});
