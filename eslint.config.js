import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import noLiteralUiText from './eslint-rules/no-literal-ui-text.js';

/** Nondeterminism the engine and timeline must never touch (house rule 2). */
const nondeterminism = [
  { object: 'Math', property: 'random', message: 'Use the seeded RNG in the simulation state.' },
  { object: 'Date', property: 'now', message: 'Use sim time (an integer in the state).' },
  { object: 'performance', property: 'now', message: 'Use sim time (an integer in the state).' },
  { object: 'crypto', property: 'randomUUID', message: 'Derive ids from the seeded RNG.' },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'test-results-*', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests mutate untyped JSON on purpose (broken scenarios).
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks, eventflow: { rules: { 'no-literal-ui-text': noLiteralUiText } } },
    rules: {
      // Every user-visible string comes from the message catalogs (src/i18n).
      'eventflow/no-literal-ui-text': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // House rule 1: the engine imports nothing from outside src/engine, and no DOM.
    files: ['src/engine/**/*.ts', 'src/timeline/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'zustand', '@xyflow/*', 'd3', 'd3-*'], message: 'The engine is framework-free.' },
            { group: ['../ui/*', '../store/*', '../worker/*', '../cli/*', 'node:*'], message: 'The engine imports nothing outside src/engine.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', ...nondeterminism],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'document', 'window'],
    },
  },
);
