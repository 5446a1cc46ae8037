import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/database.js';
import { newId } from '../kernel/ids.js';
import { queryRows, type DatabaseHandle } from './connection.js';
import { isAnyOf } from './id-list.js';

describe('isAnyOf: many ids as one array parameter', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => handle?.close());

  it('finds exactly the listed ids, none for an empty list, and refuses what is not a UUID', async () => {
    const ids = Array.from({ length: 3_000 }, () => newId());
    const wanted = ids.filter((_, i) => i % 3 === 0);
    const rows = await queryRows<{ id: string }>(
      handle.db,
      sql`select v.id::text as id from unnest(${`{${ids.join(',')}}`}::uuid[]) as v(id) where ${isAnyOf(sql`v.id`, wanted)} order by 1`,
    );
    expect(rows.map((r) => r.id)).toEqual([...wanted].sort());
    expect(await queryRows(handle.db, sql`select 1 from unnest(${`{${ids.join(',')}}`}::uuid[]) as v(id) where ${isAnyOf(sql`v.id`, [])}`)).toEqual([]);
    expect(() => isAnyOf(sql`v.id`, ['not-a-uuid}'])).toThrow(/not a uuid/);
  });
});
