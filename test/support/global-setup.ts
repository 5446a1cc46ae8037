import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '../../src/db/connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated template database each test file clones. */
    templateDatabaseUrl: string;
    /** PGlite: a dump of a migrated data dir each test file loads. */
    pgliteDumpPath: string;
  }
}

/**
 * Migrates one database per run, once; every test file then gets its own copy (CREATE DATABASE ... TEMPLATE on a
 * server, a loaded data-dir dump on PGlite), so files run in parallel and in any order.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const templateName = `cashloop_template_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${templateName}`);
    const templateUrl = new URL(serverUrl);
    templateUrl.pathname = `/${templateName}`;
    const handle = await openPostgres(templateUrl.toString(), { maxConnections: 1 });
    await migrateDatabase(handle, templateUrl.toString());
    await handle.close();
    project.provide('templateDatabaseUrl', templateUrl.toString());
    project.provide('pgliteDumpPath', '');
    return async () => {
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.end();
    };
  }
  const handle = await openPglite();
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  const dir = await mkdtemp(path.join(tmpdir(), 'cashloop-test-'));
  const dumpPath = path.join(dir, 'migrated.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('templateDatabaseUrl', '');
  project.provide('pgliteDumpPath', dumpPath);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
