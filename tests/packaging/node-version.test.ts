/**
 * The Node.js the project says it needs is the one its locked tool chain needs: `engines`, `.nvmrc`, the
 * CI workflows and the README agree, and none of them is older than what a locked package (Electron and
 * its tools first) declares.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Version = [number, number, number];
const parse = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = (/(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text) ?? [])
    .slice(1)
    .map((n) => Number(n ?? 0));
  return [major, minor, patch];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const show = (v: Version) => v.join('.');

/** The oldest Node.js an engines range lets in (its lowest alternative). */
function oldestAllowed(range: string): Version {
  return range
    .split('||')
    .map((alternative) => parse(alternative.replace(/[\^~>=<\s]/g, ' ').trim()))
    .sort(compare)[0]!;
}

describe('the Node.js version', () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
  const minimum = parse(pkg.engines.node);

  it('is at least what every locked package needs', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } }>;
    };
    const needs = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines?.node)
      .map(([name, p]) => ({ name, oldest: oldestAllowed(p.engines!.node!) }))
      .sort((a, b) => compare(b.oldest, a.oldest));
    const strictest = needs[0]!;
    // Electron itself is among the strictest.
    const electron = needs.find((n) => n.name === 'node_modules/electron')!;
    expect(compare(electron.oldest, strictest.oldest)).toBe(0);
    expect(
      compare(minimum, strictest.oldest),
      `${strictest.name} needs ${show(strictest.oldest)}`,
    ).toBeGreaterThanOrEqual(0);
    expect(pkg.engines.node).toBe(`>=${show(strictest.oldest)}`);
  });

  it('is the same in .nvmrc, the workflows, the lockfile and the README', () => {
    expect(read('.nvmrc').trim()).toBe(show(minimum));
    const lock = JSON.parse(read('package-lock.json')) as { packages: { '': { engines: { node: string } } } };
    expect(lock.packages[''].engines.node).toBe(pkg.engines.node);
    for (const workflow of readdirSync(path.join(root, '.github/workflows'))) {
      const text = read(path.join('.github/workflows', workflow));
      expect(text).not.toMatch(/node-version:\s/);
      if (text.includes('setup-node')) expect(text).toContain('node-version-file: .nvmrc');
    }
    expect(read('README.md')).toContain(`Node.js ${show(minimum)} or newer`);
  });
});
