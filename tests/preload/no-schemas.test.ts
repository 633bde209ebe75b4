/**
 * The preloads list the contract's channels without building its schemas: what they import at run time
 * (type-only imports are erased) never reaches zod or contract.ts, so a window's start does not pay for
 * every schema (docs/PERFORMANCE.md). And the names they list are exactly the channels the contract
 * declares.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { channels, events } from '../../electron/contract';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../electron/contract-names';

const root = path.resolve(import.meta.dirname, '../..');

/** Modules a file imports for their values (not `import type`, not imports of types only). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause &&
        !clause.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
    } else if (statement.isTypeOnly) continue;
    found.push(specifier.text);
  }
  return found;
}

/** Every module reached at run time from an entry: relative ones by file, packages by name. */
function runtimeGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of valueImports(file)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      visit(`${path.resolve(path.dirname(file), spec)}.ts`);
    }
  };
  visit(entry);
  return seen;
}

describe('the preloads', () => {
  it.each(['electron/preload/index.ts', 'electron/preload/loopback.ts'])(
    '%s loads neither zod nor the contract’s schemas',
    (entry) => {
      const graph = [...runtimeGraph(path.join(root, entry))];
      expect(graph).toContain(path.join(root, 'electron/contract-names.ts'));
      expect(graph.filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
      expect(graph).not.toContain(path.join(root, 'electron/contract.ts'));
    },
  );

  it('list exactly the channels and events the contract declares', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });
});
