// Lint: typescript-eslint's strict rules, plus the house rule that each folder imports only what its environment has.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'shared/ and renderer/ are pure: no Node built-ins.' };
const electron = { name: 'electron', message: 'Only main/electron/ may import electron.' };

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron, { name: 'react', message: 'shared/ has no UI.' }], patterns: [nodeBuiltins, { group: ['../main/*', '../renderer/*'], message: 'shared/ imports nothing from main/ or renderer/.' }] }],
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts', 'main/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [nodeBuiltins, { group: ['**/main/**'], message: 'The renderer reaches main only through the bridge.' }] }],
    },
  },
);
