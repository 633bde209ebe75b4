/**
 * The window's light components use Cloudscape's design tokens under Cloudscape's names, with the values
 * the installed Cloudscape gives them: light, dark and the top navigation's context. An upgrade that
 * changes a colour fails here instead of drifting the jobs page away from the console's look.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloudscapeTokens, type TokenContext } from '../helpers/cloudscape-tokens';

const css = readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/lite/tokens.css'), 'utf8');
const BLOCKS: Record<TokenContext, string> = {
  light: ':root',
  dark: 'body.awsui-dark-mode',
  'top-navigation': '.sc-top-navigation',
};

/** Every declaration that applies to a selector: the blocks whose selector list names it, in order. */
function block(selector: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = m[1]!
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(',')
      .map((x) => x.trim());
    if (!selectors.includes(selector)) continue;
    for (const d of m[2]!.matchAll(/--([a-z0-9-]+):\s*([^;]+);/g)) found.set(d[1]!, d[2]!.trim());
  }
  expect(found.size, `${selector} in tokens.css`).toBeGreaterThan(0);
  return found;
}

const normalise = (value: string) => value.replace(/\s+/g, ' ').replace(/'/g, '"').toLowerCase();

describe('lite/tokens.css', () => {
  const tokens = cloudscapeTokens();
  const light = block(BLOCKS.light);

  it('declares tokens Cloudscape has', () => {
    expect(light.size).toBeGreaterThan(30);
    for (const name of light.keys()) expect(tokens.light.has(name), name).toBe(true);
  });

  it.each(Object.keys(BLOCKS) as TokenContext[])('has Cloudscape’s %s values', (context) => {
    // Each context inherits the light values it does not set, as in Cloudscape.
    const own = context === 'light' ? light : new Map([...light, ...block(BLOCKS[context])]);
    for (const [name, value] of own) {
      expect(normalise(value), `${context} ${name}`).toBe(normalise(tokens[context].get(name)!));
    }
  });
});
