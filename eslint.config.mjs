// ESLint 9 flat config (after microsoft/vscode-extension-samples): typescript-eslint's recommended rules for
// the TypeScript, Node globals for the scripts, and the layering as a rule: src/wix and src/upload never import
// vscode or a face, and src/wix never imports the engine.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const vscodeImport = { name: 'vscode', message: 'Only src/vscode and src/extension.ts talk to VS Code; the engine and the CLI stay host-free.' };

export default tseslint.config(
  {
    ignores: [
      'out/**', 'dist/**', 'node_modules/**', 'test/e2e/node_modules/**', 'test/e2e/.run/**', '.vscode-test/**',
      '.stryker-tmp/**', 'reports/**', 'coverage/**', 'test/bench/.work/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'error',
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // `require('x') as typeof import('x')` is how a lazy load keeps its types.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // Tests lean on loose JSON fixtures and non-null assertions; that is fine there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['src/wix/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeImport],
        patterns: [{ group: ['../upload', '../upload/*', '../cli', '../cli/*', '../vscode', '../vscode/*'], message: 'src/wix is the bottom layer: nothing above it is imported here.' }],
      }],
    },
  },
  {
    files: ['src/upload/**/*.ts', 'src/assets/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeImport],
        patterns: [{ group: ['../vscode', '../vscode/*', './vscode/*'], message: 'The engine and the CLI do not import the VS Code face.' }],
      }],
    },
  },
  {
    // Node scripts in CommonJS: the build, the e2e harness (whose page callbacks run in the browser), the bench.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
);
