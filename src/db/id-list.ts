import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isUuid } from '../kernel/ids.js';

/**
 * `column = any($1::uuid[])`: many ids as one array parameter. drizzle's inArray sends one bind parameter per id, and
 * with the thousands of ids of a bulk batch, parsing and planning that list cost the database more than the lookup
 * (about 100 ms per 2,000 ids). Every id must be a UUID (the array literal is built from them).
 */
export function isAnyOf(column: PgColumn | SQL, ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
