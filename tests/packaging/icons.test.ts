/**
 * The icons: one SVG source, the PNG sizes electron-builder needs rendered from it by scripts/icons.ts,
 * valid PNGs of those sizes, and the committed ones exactly what a fresh render gives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, ICON_SOURCE, renderIcons } from '../../scripts/icons';
import { tempDir } from '../helpers/temp-dirs';

describe('the app icon', () => {
  it('has one source, an SVG', () => {
    expect(readFileSync(ICON_SOURCE, 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 256 256"/);
  });

  it('renders every size as a valid PNG of that size, identical to the committed one', async () => {
    const fresh = tempDir('companion-icons-');
    const files = await renderIcons(fresh);
    expect(files.map((f) => path.basename(f))).toEqual(ICON_SIZES.map((s) => `${s}x${s}.png`));
    for (const size of ICON_SIZES) {
      const name = `${size}x${size}.png`;
      const png = PNG.sync.read(readFileSync(path.join(fresh, name)));
      expect([png.width, png.height], name).toEqual([size, size]);
      // Not blank: the icon's dark tile fills the middle.
      const middle = (Math.floor(size / 2) * size + Math.floor(size / 2)) * 4;
      expect(png.data[middle + 3], name).toBe(255);
      expect(
        readFileSync(path.join(fresh, name)).equals(readFileSync(path.join(ICON_DIR, name))),
        `${name} is stale: run npm run icons`,
      ).toBe(true);
    }
    expect(readdirSync(ICON_DIR).sort()).toEqual(ICON_SIZES.map((s) => `${s}x${s}.png`).sort());
  });

  it('is what electron-builder is told to use', () => {
    const config = readFileSync(path.join(ICON_DIR, '..', '..', 'electron-builder.yml'), 'utf8');
    expect(config).toContain('icon: assets/icons/1024x1024.png');
    expect(config).toContain('icon: assets/icons\n');
  });
});
