import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/db/connection.js';

/** True when the suite runs against a PostgreSQL server (TEST_DATABASE_URL), false on embedded PGlite. */
export const onPostgresServer = (): boolean => inject('templateDatabaseUrl') !== '';

/** A database of its own for one test file, already migrated. Close it in afterAll. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const templateUrl = inject('templateDatabaseUrl');
  if (templateUrl) {
    const template = new URL(templateUrl);
    const name = `cashloop_test_${randomBytes(6).toString('hex')}`;
    const adminUrl = new URL(templateUrl);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`create database ${name} template ${template.pathname.slice(1)}`);
    const url = new URL(templateUrl);
    url.pathname = `/${name}`;
    const handle = await openPostgres(url.toString());
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dump = await readFile(inject('pgliteDumpPath'));
  return openPglite({ loadDataDir: new Blob([dump]) });
}
