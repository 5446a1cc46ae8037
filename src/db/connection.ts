import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: stores take this so a service decides the transaction boundary. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** A description safe to log (no password). */
  readonly description: string;
  /** The connection string of a PostgreSQL server (undefined for PGlite). */
  readonly url?: string;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Serialises migrations when several server instances start against one PostgreSQL server. */
const migrationLockKey = 7_243_001;

export async function openPostgres(url: string, options: { maxConnections?: number; onIdleError?: (error: Error) => void } = {}): Promise<DatabaseHandle> {
  // JIT compilation off for our sessions (unless the URL sets its own options): on the grouped report queries over
  // hundreds of thousands of rows it costs more to compile (0.3–0.6 s at 1,000,000 invoices) than it saves.
  const sessionOptions = new URL(url).searchParams.has('options') ? {} : { options: '-c jit=off' };
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, ...sessionOptions });
  // An idle connection can be closed by the server (restart, admin termination): the pool drops it and opens a new
  // one on the next query. Without this listener the error would take the whole process down.
  pool.on('error', (error) => {
    options.onIdleError?.(error);
  });
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  const safe = new URL(url);
  safe.password = safe.password ? '***' : '';
  return { db, kind: 'postgres', description: `postgres ${safe.host}${safe.pathname}`, url, close: () => pool.end() };
}

/** PGlite keeps its data in dataDir (a folder), or in memory when dataDir is undefined. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  return wrapPglite(client, options.dataDir ? `pglite ${options.dataDir}` : 'pglite in memory');
}

export function wrapPglite(client: PGlite, description: string): DatabaseHandle {
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', description, close: () => client.close() };
}

export async function migrateDatabase(handle: DatabaseHandle, url?: string): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  if (!url) throw new Error('a PostgreSQL URL is needed to migrate');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await client.end();
  }
}

/** Rows of a raw SQL query, on either driver. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** int8 and numeric come back as bigint, number or string depending on the driver: normalise to bigint. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'string') return BigInt(value);
  if (value === null || value === undefined) return 0n;
  throw new TypeError(`not an integer: ${String(value)}`);
}
