import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

/**
 * With TEST_DATABASE_URL (CI's second pass, on a PostgreSQL server) only the tests that open a database run again:
 * the pure functional core has no database, so its tests would only repeat the first pass, and the browser tests
 * drive the same console over the same API, which the API tests cover on both databases.
 */
function testsThatUseTheDatabase(): string[] {
  const opensDatabase = /from '[./]*\/?(?:test\/)?support\/(?:database|api)\.js'/;
  return ['src', 'test']
    .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => `${dir}/${file}`))
    .filter((file) => file.endsWith('.test.ts') && !file.startsWith('test/browser/'))
    .filter((file) => opensDatabase.test(readFileSync(file, 'utf8')));
}

export default defineConfig({
  test: {
    include: process.env.TEST_DATABASE_URL ? testsThatUseTheDatabase() : include,
    globalSetup: ['./test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
