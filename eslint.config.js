// @ts-check
// Lint is where ARCHITECTURE.md §2's import rules live: a wrong import fails the build, not a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

/** @param {string[]} groups @param {string} message */
const forbid = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'tests/.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The service worker has its own program (WebWorker lib instead of DOM).
    files: ['app/sw.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './app/tsconfig.sw.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/vite.config.ts'], // build configuration runs in Node
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'app/ runs in the renderer: hardware goes through window.kiosk.' },
            { name: 'serialport', message: 'app/ runs in the renderer: hardware goes through window.kiosk.' },
          ],
          patterns: [
            forbid(
              ['**/drivers/**', '**/county/**'],
              'app/ never imports drivers/ or county/ (ARCHITECTURE.md §2).',
            ),
            {
              group: ['**/kiosk-shell/**', '!**/kiosk-shell/api'],
              message: 'app/ may only import kiosk-shell/api.ts (the contract; it imports only zod).',
            },
            {
              group: ['node:*'],
              message: 'app/ runs in a browser: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['drivers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'drivers/ are plain Node: no Electron.' }],
          patterns: [
            forbid(
              ['**/app/**', 'react', 'react-dom', 'dexie'],
              'drivers/ import no UI (ARCHITECTURE.md §2).',
            ),
            forbid(
              ['**/county/**', '**/kiosk-shell/**'],
              'drivers/ stand alone: the shell calls them, not the reverse.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['sync/protocol.ts', 'kiosk-shell/api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['*', '!zod'], 'Contract files (sync/protocol.ts, kiosk-shell/api.ts) import only zod.'),
          ],
        },
      ],
    },
  },
  {
    files: ['county/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'county/ is a server.' }],
          patterns: [
            forbid(
              ['**/app/**', '**/kiosk-shell/**', '**/drivers/**'],
              'county/ imports sync/protocol.ts, never the kiosk.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Only main.ts and preload.ts may import electron at run time (tests must never load it).
    files: ['**/*.{ts,tsx}'],
    ignores: ['kiosk-shell/main.ts', 'kiosk-shell/preload.ts', 'app/**', 'drivers/**', 'county/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only kiosk-shell/main.ts and preload.ts import electron.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  prettier,
);
