/**
 * `npm run icons`: renders the one icon source (assets/icon.svg) into the PNG sizes electron-builder
 * needs (assets/icons/NxN.png; it makes .icns and .ico from the 1024 and 256 ones). resvg is a real
 * rasteriser and deterministic, so the committed PNGs can be checked against a fresh render.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { isMain } from './run';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SOURCE = path.join(root, 'assets', 'icon.svg');
export const ICON_DIR = path.join(root, 'assets', 'icons');

let ready: Promise<void> | null = null;
function wasmReady(): Promise<void> {
  const require = createRequire(import.meta.url);
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return ready;
}

/** Renders every size into `outDir`; returns the files written. */
export async function renderIcons(outDir = ICON_DIR, source = ICON_SOURCE): Promise<string[]> {
  await wasmReady();
  const svg = readFileSync(source, 'utf8');
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } })
      .render()
      .asPng();
    const file = path.join(outDir, `${size}x${size}.png`);
    writeFileSync(file, png);
    return file;
  });
}

if (isMain(import.meta.url)) {
  const files = await renderIcons();
  console.log(
    `Rendered ${files.length} icons from ${path.relative(root, ICON_SOURCE)} into ${path.relative(root, ICON_DIR)}/`,
  );
}
