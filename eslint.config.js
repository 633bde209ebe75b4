import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The walls of docs/ARCHITECTURE.md, one entry per room: what its files may not import. A room's entry
 * replaces the default, so each lists everything it forbids.
 */
const ELECTRON = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};
const room = (patterns, { electron = true } = {}) => [
  'error',
  { paths: electron ? [ELECTRON] : [], patterns },
];
const not = (group, message) => ({ group, message });

const walls = [
  { files: ['**/*.{ts,tsx}'], rule: room([]) },
  {
    files: ['electron/core/**/*.ts'],
    rule: room([
      not(
        ['**/app/**', '**/main/**', '**/host/**', '**/preload/**'],
        'electron/core serves the shells; it imports none of them.',
      ),
    ]),
  },
  {
    files: ['electron/app/**/*.ts'],
    rule: room([
      not(
        ['**/main/**', '**/host/**', '**/preload/**'],
        'electron/app is what Electron main and the loopback host share: it imports neither.',
      ),
    ]),
  },
  {
    files: ['electron/main/**/*.ts'],
    rule: room([not(['**/host/**'], 'Electron main does not use the loopback host.')], { electron: false }),
  },
  {
    files: ['electron/host/**/*.ts'],
    rule: room([not(['**/main/**'], 'The loopback host shares electron/app with main, not main itself.')]),
  },
  {
    // Bundled into the window's preloads: the contract's names and types and the loopback wire, no more.
    files: ['electron/preload/**/*.ts'],
    rule: room(
      [
        not(
          ['**/core/**', '**/app/**', '**/main/**', '**/host/**', '**/emulator/**', 'zod', 'node:*'],
          'A preload carries the contract’s names (contract-names.ts) and types, and the loopback wire: nothing of main.',
        ),
        {
          group: ['**/contract'],
          allowTypeImports: true,
          message:
            'The preloads take the contract’s names from contract-names.ts: its schemas (zod) stay out.',
        },
      ],
      { electron: false },
    ),
  },
  {
    // The page gets the preload's object, nothing else: no Node, no main, and only types from the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    rule: room([
      not(['node:*'], 'The renderer runs in a browser: no Node modules.'),
      not(['**/emulator/**'], 'The renderer reaches main only through window.companion.'),
      not(
        ['**/electron/**', '!**/electron/contract'],
        'The renderer reaches main only through window.companion; of electron/ it may read the contract’s types.',
      ),
      {
        group: ['**/electron/contract'],
        allowTypeImports: true,
        message:
          'Only types from the contract: its values (zod, the schemas) stay out of the window’s bundle.',
      },
    ]),
  },
  {
    files: ['scripts/**/*.ts', 'testkit/**/*.ts'],
    rule: room([
      not(['**/tests/**'], 'What tests/ and scripts/ share lives in testkit/; scripts do not import tests.'),
    ]),
  },
];

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
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits or catches loses its failure; one handed where void is expected, too.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch names every member of a union, or says in a default what the rest do; over a plain value it has one.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
      'no-restricted-imports': 'off',
    },
  },
  ...walls.map(({ files, rule }) => ({ files, rules: { '@typescript-eslint/no-restricted-imports': rule } })),
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // A test that reaches past a missing value should fail loudly, which `!` does.
    files: ['tests/**/*.ts', 'testkit/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['e2e/**/*.ts'],
    // Playwright fixtures destructure an empty object by design.
    rules: { 'no-empty-pattern': 'off' },
  },
  prettier,
);
