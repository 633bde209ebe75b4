/**
 * What the packaged app loads is inside electron-builder's `files` set, and nothing outside it is needed:
 * resolved from the build output (`npm run build`; npm test builds before this stage) and the config.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, builderConfig, filePatterns } from './builder';
import { walkFiles } from '../../testkit/secret-scan';

const out = path.join(PROJECT_ROOT, 'out');
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};
let patterns: string[] = [];

/** electron-builder's semantics: a file is packed when it matches an include and no later exclude. */
function packed(relative: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (minimatch(relative, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(relative, pattern, { dot: true })) {
      included = true;
    }
  }
  return included;
}

const rel = (file: string) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

beforeAll(async () => {
  if (!existsSync(path.join(out, 'main', 'index.js'))) {
    throw new Error('No build output: run `npm run build` first (npm test builds before the unit stage).');
  }
  patterns = filePatterns(await builderConfig('electron-builder.yml'));
});

describe('the packaged files', () => {
  it('include the main entry named by package.json', () => {
    expect(existsSync(path.join(PROJECT_ROOT, pkg.main))).toBe(true);
    expect(packed(pkg.main)).toBe(true);
    expect(packed('package.json')).toBe(true);
  });

  it('include the preload and the renderer folder main loads', () => {
    const main = readFileSync(path.join(PROJECT_ROOT, pkg.main), 'utf8');
    expect(main).toContain('../preload/index.cjs');
    expect(main).toContain('../renderer');
    expect(packed('out/preload/index.cjs')).toBe(true);
    expect(existsSync(path.join(out, 'preload', 'index.cjs'))).toBe(true);
    expect(packed('out/renderer/index.html')).toBe(true);
  });

  it('include every file the renderer’s index.html and stylesheets refer to', () => {
    const index = readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    const refs = [...index.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    const css = refs.filter((r) => r.endsWith('.css'));
    for (const sheet of css) {
      const text = readFileSync(path.join(out, 'renderer', sheet), 'utf8');
      for (const [, url] of text.matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
        if (!url!.startsWith('data:') && !url!.startsWith('#'))
          refs.push(path.posix.join(path.posix.dirname(sheet), url!));
      }
    }
    for (const ref of refs) {
      const file = path.join(out, 'renderer', ref);
      expect(existsSync(file), ref).toBe(true);
      expect(packed(rel(file)), ref).toBe(true);
    }
  });

  it('leave out the loopback host’s browser preload, source maps, sources and tests', () => {
    for (const file of [
      'out/loopback/preload.js',
      'out/main/index.js.map',
      'electron/main/index.ts',
      'tests/global-setup.ts',
      'emulator/index.ts',
      'renderer/src/App.tsx',
      'node_modules/react/index.js',
    ]) {
      expect(packed(file), file).toBe(false);
    }
  });

  it('need nothing but Electron, Node and the production dependencies', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const allowed = (specifier: string) => {
      if (specifier === 'electron' || builtins.has(specifier)) return true;
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0]!;
      return name in pkg.dependencies;
    };
    const bundles = [...walkFiles(path.join(out, 'main')), path.join(out, 'preload', 'index.cjs')].filter(
      (f) => /\.(c|m)?js$/.test(f),
    );
    const outside: string[] = [];
    for (const bundle of bundles) {
      expect(packed(rel(bundle)), rel(bundle)).toBe(true);
      const text = readFileSync(bundle, 'utf8');
      // Static imports stand at the start of a line in the bundles; dynamic ones and requires anywhere.
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']/gm),
        ...text.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
        ...text.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]!);
      expect(specifiers.length, rel(bundle)).toBeGreaterThan(0);
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(bundle), specifier);
          if (!packed(rel(target)) && !packed(rel(`${target}.js`)))
            outside.push(`${rel(bundle)} → ${specifier}`);
        } else if (!allowed(specifier)) {
          outside.push(`${rel(bundle)} → ${specifier}`);
        }
      }
    }
    expect(outside).toEqual([]);
    // The sandboxed preload can load nothing but Electron's own module.
    const preload = readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});
