/**
 * Builds the loopback host's browser preload: the same API builder as the Electron preload, over fetch,
 * as one classic script the host injects before the renderer.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: resolve('out/loopback'),
    emptyOutDir: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: resolve('electron/preload/loopback.ts'),
      formats: ['iife'],
      name: 'companionPreload',
      fileName: () => 'preload.js',
    },
  },
});
