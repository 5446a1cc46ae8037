import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/connection.js';
import { onPostgresServer, openTestDatabase } from './support/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('sessions on a PostgreSQL server', () => {
  // The grouped report reads (aging as of a date) lost 0.3–0.6 s to JIT compilation at 1,000,000 invoices.
  it.skipIf(!onPostgresServer())('run with JIT compilation off, on every pooled connection', async () => {
    const settings = await Promise.all(Array.from({ length: 4 }, () => queryRows<{ jit: string }>(database.db, sql`show jit`)));
    expect(settings.map((rows) => rows[0]?.jit)).toEqual(['off', 'off', 'off', 'off']);
  });
});
