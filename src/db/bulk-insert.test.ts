import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/database.js';
import { newId } from '../kernel/ids.js';
import { auditRecords } from '../modules/identity/schema.js';
import { openTenant } from '../tenancy.js';
import { queryRows, type DatabaseHandle } from './connection.js';
import { insertRows } from './bulk-insert.js';

/** The bulk insert writes its rows' JSON text by hand: every kind of value must arrive as insert(...).values(...) stores it. */
describe('insertRows', () => {
  let handle: DatabaseHandle;
  let tenantId: string;
  beforeAll(async () => {
    handle = await openTestDatabase();
    tenantId = (await openTenant(handle.db, { name: 'Bulk insert', baseCurrency: 'EUR', timeZone: 'UTC' }, 'test')).id;
  });
  afterAll(async () => handle?.close());

  const awkward = 'quote " backslash \\ newline \n tab \t carriage return \r unicode é € 😀 nul-free \u0001 </script> \\N \\.';
  const rowsOf = (count: number, action: string) =>
    Array.from({ length: count }, (_, i) => ({
      id: newId(), tenantId, actor: i === 0 ? awkward : `actor ${i}`, action, entityType: 'test', entityId: newId(),
      before: i % 2 === 0 ? null : { amountMinor: 9_007_199_254_740_993n + BigInt(i), at: new Date('2026-11-30T10:00:00.000Z'), list: [1n, undefined, 'x'] },
      after: { text: awkward, nested: { deep: [{ n: -0 }] } },
    }));

  /** The first row carries the awkward text and no snapshot before; the second a snapshot with bigints and a date. */
  async function expectStoredExactly(rows: ReturnType<typeof rowsOf>) {
    const [first] = await handle.db.select().from(auditRecords).where(eq(auditRecords.id, rows[0]?.id as string));
    expect(first?.actor).toBe(awkward);
    expect(first?.before).toBeNull();
    expect(first?.after).toEqual({ text: awkward, nested: { deep: [{ n: 0 }] } });
    const [second] = await handle.db.select().from(auditRecords).where(eq(auditRecords.id, rows[1]?.id as string));
    expect(second?.before).toEqual({ amountMinor: '9007199254740994', at: '2026-11-30T10:00:00.000Z', list: ['1', null, 'x'] });
  }

  it('skips conflicts inside a transaction through the staging table, which is empty again for the next use', async () => {
    const rows = rowsOf(15, 'test.staged');
    expect(await handle.db.transaction((tx) => insertRows(tx, auditRecords, rows.slice(0, 10)))).toBe(10);
    expect(
      await handle.db.transaction(async (tx) => [
        await insertRows(tx, auditRecords, rows, { onConflictDoNothing: true }),
        await insertRows(tx, auditRecords, rows, { onConflictDoNothing: true }),
      ]),
    ).toEqual([5, 0]);
    await expectStoredExactly(rows);
  });

  it('streams the rows with COPY inside a transaction: the same values arrive, and a bad row stores none of them', async () => {
    const rows = rowsOf(4_321, 'test.copy');
    expect(await handle.db.transaction((tx) => insertRows(tx, auditRecords, rows))).toBe(4_321);
    await expectStoredExactly(rows);
    // A duplicate id halfway through: the COPY fails whole and the transaction with it.
    const again = rowsOf(3_000, 'test.copy-refused');
    again[2_500] = { ...(again[2_500] as (typeof again)[number]), id: rows[7]?.id as string };
    await expect(handle.db.transaction((tx) => insertRows(tx, auditRecords, again))).rejects.toThrow();
    const counts = await queryRows<{ action: string; n: number }>(handle.db, sql`select action, count(*)::int as n from audit_records where tenant_id = ${tenantId} and action like 'test.copy%' group by action`);
    expect(counts).toEqual([{ action: 'test.copy', n: 4_321 }]);
  });

  it('stores text, nulls, dates and nested bigints exactly, in chunks, and skips conflicts when asked', async () => {
    const rows = rowsOf(5_003, 'test.bulk');
    expect(await insertRows(handle.db, auditRecords, rows)).toBe(5_003);
    await expectStoredExactly(rows);
    // The same rows again: nothing new with onConflictDoNothing.
    expect(await insertRows(handle.db, auditRecords, rows.slice(0, 10), { onConflictDoNothing: true })).toBe(0);
    const [count] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_records where tenant_id = ${tenantId} and action = 'test.bulk'`);
    expect(count?.n).toBe(5_003);
  });
});
