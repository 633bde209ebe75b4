/**
 * The e2e runs of the security gates (`*.gate.ts` under e2e/), started by scripts/security/: the same
 * browser and fixtures as playwright.config.ts, their own results folder (Playwright empties the folder
 * it writes to, and test-results/ holds the other stages' reports).
 */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testMatch: '**/*.gate.ts',
  outputDir: 'test-results/security-e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/security-e2e/report.json' }]],
});
