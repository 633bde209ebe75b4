/**
 * Cloudscape's design tokens as the installed components define them (their base theme style sheet):
 * each token's value in light mode, dark mode and the top navigation's dark context, with references to
 * other tokens resolved. The window's own light components (renderer/src/lite/tokens.css) are checked
 * against these, so they keep the console's look as Cloudscape changes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TokenContext = 'light' | 'dark' | 'top-navigation';

const SELECTORS: Record<TokenContext, (selector: string) => boolean> = {
  light: (s) => s === 'body',
  dark: (s) => s.startsWith('.awsui-dark-mode:not'),
  'top-navigation': (s) => s.startsWith('.awsui-context-top-navigation:not'),
};

function baseThemeCss(): string {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@cloudscape-design/components/package.json'));
  return readFileSync(path.join(dir, 'internal/base-theme/styles.scoped.css'), 'utf8');
}

/** Declarations `--name-hash: value` of one block, by name without the hash. */
function declarations(block: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of block.matchAll(/--([a-z0-9-]+)-[a-z0-9]{6}:\s*([^;]+);/g)) found.set(m[1]!, m[2]!.trim());
  return found;
}

/** Every token's resolved value in each context (a context inherits what it does not set from light). */
export function cloudscapeTokens(): Record<TokenContext, Map<string, string>> {
  const css = baseThemeCss();
  const blocks = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: m[1]!.trim().replace(/\s+/g, ' '),
    body: m[2]!,
  }));
  const raw = (context: TokenContext) => {
    const block = blocks.find((b) => SELECTORS[context](b.selector));
    if (!block) throw new Error(`no ${context} block in Cloudscape's base theme`);
    return declarations(block.body);
  };
  const light = raw('light');
  const result = {} as Record<TokenContext, Map<string, string>>;
  for (const context of ['light', 'dark', 'top-navigation'] as const) {
    const own = context === 'light' ? light : new Map([...light, ...raw(context)]);
    const resolve = (value: string, depth = 0): string =>
      depth > 10
        ? value
        : value.replace(/var\(--([a-z0-9-]+)-[a-z0-9]{6}\)/g, (_all, name: string) =>
            resolve(own.get(name) ?? `var(--${name})`, depth + 1),
          );
    result[context] = new Map([...own].map(([name, value]) => [name, resolve(value)]));
  }
  return result;
}
