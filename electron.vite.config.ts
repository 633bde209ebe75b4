import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot load modules: bundle everything into one CommonJS file (the contract's names
      // only: no zod, no schemas).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // COMPANION_PROFILE=1 keeps names readable for CPU profiles (bench/trace-window.ts --profile).
      minify: !process.env.COMPANION_PROFILE,
      // Loaded from disk by the app, not over a network: one bundle is fine (its size is a benchmark).
      chunkSizeWarningLimit: 1500,
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
});
