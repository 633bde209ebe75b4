/** The renderer bundle as `npm run build` leaves it: JS and CSS, raw and gzip (level 9, as a server would). */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { RENDERER_ASSETS } from './paths';
import { metric, type BenchResult } from './result';

const GOAL_GZIP_KB = 1.5 * 1024;

export async function benchBundle(): Promise<BenchResult> {
  let names: string[];
  try {
    names = await readdir(RENDERER_ASSETS);
  } catch {
    return skipped('no build: run `npm run build` first');
  }
  const sizes = { js: { raw: 0, gzip: 0, files: 0 }, css: { raw: 0, gzip: 0, files: 0 } };
  for (const name of names) {
    const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null;
    if (!kind) continue;
    const bytes = await readFile(path.join(RENDERER_ASSETS, name));
    sizes[kind].raw += bytes.length;
    sizes[kind].gzip += gzipSync(bytes, { level: 9 }).length;
    sizes[kind].files += 1;
  }
  if (sizes.js.files === 0) return skipped('no JS in out/renderer/assets: run `npm run build` first');
  // What the first paint loads: the files index.html names and the chunk its entry imports at once.
  const html = await readFile(path.join(RENDERER_ASSETS, '..', 'index.html'), 'utf8');
  const named = [...html.matchAll(/assets\/([\w.-]+\.(?:js|css))/g)].map((m) => m[1] ?? '');
  const first = { js: 0, css: 0 };
  for (const name of named) {
    const bytes = await readFile(path.join(RENDERER_ASSETS, name));
    first[name.endsWith('.css') ? 'css' : 'js'] += gzipSync(bytes, { level: 9 }).length;
    if (name.endsWith('.js')) {
      // The window's root chunk (React and the jobs page), imported by the entry as soon as it runs.
      for (const m of bytes.toString('utf8').matchAll(/import\(["'`]\.\/(root-[\w-]+\.js)["'`]\)/g)) {
        first.js += gzipSync(await readFile(path.join(RENDERER_ASSETS, m[1] ?? '')), { level: 9 }).length;
      }
    }
  }
  const built = (await stat(RENDERER_ASSETS)).mtime.toISOString();
  const kb = (n: number) => [n / 1024];
  return {
    id: 'bundle',
    title: 'Renderer bundle (out/renderer/assets)',
    params: { jsFiles: sizes.js.files, cssFiles: sizes.css.files, built },
    metrics: [
      metric('JS raw', 'kB', kb(sizes.js.raw)),
      metric('JS gzip', 'kB', kb(sizes.js.gzip)),
      metric('CSS raw', 'kB', kb(sizes.css.raw)),
      metric('CSS gzip', 'kB', kb(sizes.css.gzip)),
      metric('total gzip', 'kB', kb(sizes.js.gzip + sizes.css.gzip), {
        atMost: GOAL_GZIP_KB,
        text: '≤ 1.5 MB',
      }),
      metric('first paint: JS gzip (entry and root chunk)', 'kB', kb(first.js)),
      metric('first paint: CSS gzip', 'kB', kb(first.css)),
    ],
    notes: [`Built ${built}. Sizes in kB of 1,024 bytes.`],
  };
}

function skipped(reason: string): BenchResult {
  return { id: 'bundle', title: 'Renderer bundle', params: {}, metrics: [], notes: [], skipped: reason };
}
