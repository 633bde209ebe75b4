/**
 * Starts the loopback host over the built app (`out/`), with the same handlers as Electron main.
 * Used by `npm start` where the Electron runtime is missing, and by the e2e tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from '../main/handlers';
import { startLoopbackHost, type LoopbackHost } from './loopback-server';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunOptions {
  port?: number;
  /** Folder holding `renderer/` and `loopback/` as `npm run build` leaves them. */
  outDir?: string;
}

export async function runLoopbackHost(options: RunOptions = {}): Promise<LoopbackHost> {
  const outDir = options.outDir ?? path.join(projectRoot, 'out');
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };
  return startLoopbackHost({
    rendererDir: path.join(outDir, 'renderer'),
    preloadFile: path.join(outDir, 'loopback', 'preload.js'),
    port: options.port ?? 0,
    handlers: createHandlers({
      appInfo: { name: pkg.productName, version: pkg.version, shell: 'browser', platform: process.platform },
    }),
  });
}
