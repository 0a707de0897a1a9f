import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/migrations/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Tables scroll inside their own box at phone width: components/Table.tsx, never Mantine's bare Table.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@mantine/core', importNames: ['Table'], message: 'Use Table from components/Table (it scrolls by itself).' },
          ],
        },
      ],
    },
  },
  { files: ['apps/web/src/components/Table.tsx'], rules: { 'no-restricted-imports': 'off' } },
  {
    // XLSX exports write rows through platform/files/xlsx-write.ts, which keeps formula-like text as text.
    files: ['apps/server/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'apps/server/src/platform/files/xlsx-write.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(addRow|addRows|insertRow|insertRows|spliceRows|duplicateRow)$/]',
          message: 'Write XLSX rows with addTextSafeRow (platform/files/xlsx-write.ts): it keeps formula-like text as text.',
        },
      ],
    },
  },
  {
    // The CLI, scripts and benchmarks talk to a terminal.
    files: ['apps/server/src/cli.ts', 'apps/server/src/cli/**', 'bench/**', 'e2e/**', '.ci/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
