import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Only main and preload may talk to Electron; the renderer may not touch Node either. */
const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'node_modules/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronOnlyInShell],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The page gets the preload's object, nothing else: raw ipcRenderer and Node are banned there.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
            {
              group: ['**/electron/main/**', '**/electron/core/**', '**/electron/host/**', '**/emulator/**'],
              message: 'The renderer reaches main only through window.companion.',
            },
          ],
        },
      ],
    },
  },
  {
    // A test that reaches past a missing value should fail loudly, which `!` does.
    files: ['tests/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['e2e/**/*.ts'],
    // Playwright fixtures destructure an empty object by design.
    rules: { 'no-empty-pattern': 'off' },
  },
  prettier,
);
