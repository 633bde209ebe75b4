import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The shell's coverage is reported on every run (npm test): its lines can only be run by tests here.
    coverage: {
      provider: 'v8',
      include: ['electron/main/**/*.ts', 'electron/app/**/*.ts', 'electron/preload/**/*.ts'],
      // Browser-only code: the loopback preload's entry runs in Chromium (e2e), not under Node.
      exclude: ['electron/preload/loopback.ts'],
      reporter: ['text'],
      reportsDirectory: 'test-results/coverage',
    },
  },
});
