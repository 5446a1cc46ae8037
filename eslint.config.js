// Lint: type-aware rules that matter in code talking to a database (no floating promises), and the boundary that
// keeps the functional core pure: rule files import nothing from the database, HTTP, queues or the file system.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shellFiles = ['**/service.ts', '**/routes.ts', '**/schema.ts', '**/store.ts', '**/audit.ts', '**/worker.ts', '**/*.test.ts', '**/index.ts'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'web/dist/', 'coverage/', 'bin/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/kernel/**/*.ts', 'src/modules/**/*.ts'],
    ignores: shellFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/db/**', '**/http/**', '**/automation/**', '**/cli/**'], message: 'pure rule files take their inputs as arguments' },
            { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*', 'fastify', '@fastify/*', 'pg-boss', 'nodemailer'], message: 'pure rule files do no I/O' },
            { group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:child_process'], message: 'pure rule files do no I/O' },
          ],
        },
      ],
    },
  },
);
