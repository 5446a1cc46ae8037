import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/connection.js';
import { openTenant } from '../src/tenancy.js';
import { openTestDatabase } from './support/database.js';

/**
 * The database itself refuses an incomplete journal entry at commit (migration 0024: one check per INSERT
 * statement, run at commit), whoever writes the rows: these tests write them by hand, past the services.
 */
describe('the ledger checks every journal entry at commit', () => {
  let handle: DatabaseHandle;
  let tenantId: string;
  let bank: string;
  let receivable: string;

  beforeAll(async () => {
    handle = await openTestDatabase();
    const tenant = await openTenant(handle.db, { name: 'Ledger checks', baseCurrency: 'EUR', timeZone: 'UTC' }, 'test');
    tenantId = tenant.id;
    const [accounts] = await queryRows<{ bank: string; receivable: string }>(
      handle.db,
      sql`select max(id::text) filter (where purpose = 'bank') as bank, max(id::text) filter (where purpose = 'accounts_receivable') as receivable
            from accounts where tenant_id = ${tenantId}`,
    );
    bank = accounts?.bank as string;
    receivable = accounts?.receivable as string;
  });
  afterAll(async () => handle?.close());

  const entry = (id: string) =>
    sql`insert into journal_entries (id, tenant_id, entry_date, description, source_type, source_id, posting_key)
        values (${id}::uuid, ${tenantId}, '2026-01-01', 'test', 'test', ${id}::uuid, ${`test:${id}`})`;
  const line = (entryId: string, account: string, debitMinor: number, creditMinor: number, currency = 'EUR', base = { debitMinor, creditMinor }) =>
    sql`insert into journal_lines (id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, base_debit_minor, base_credit_minor)
        values (gen_random_uuid(), ${entryId}::uuid, ${tenantId}, ${account}::uuid, ${currency}, ${debitMinor}, ${creditMinor}, ${base.debitMinor}, ${base.creditMinor})`;

  /** Runs the statements in one transaction; the error message when the commit was refused. */
  async function commit(statements: SQL[]): Promise<string | null> {
    try {
      await handle.db.transaction(async (tx) => {
        for (const statement of statements) await tx.execute(statement);
      });
      return null;
    } catch (error) {
      const e = error as { message: string; cause?: { message?: string } };
      return e.cause?.message ?? e.message;
    }
  }
  const entriesNamed = async (id: string) => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from journal_entries where id = ${id}::uuid`))[0]?.n;

  it('commits a balanced entry whose lines come in separate statements, and leaves no queued check behind', async () => {
    const id = crypto.randomUUID();
    expect(await commit([entry(id), line(id, bank, 100, 0), line(id, receivable, 0, 100)])).toBeNull();
    expect(await entriesNamed(id)).toBe(1);
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from journal_entry_checks`))[0]?.n).toBe(0);
  });

  it('refuses an entry that does not balance, one without lines, and one unbalanced in a second currency', async () => {
    const unbalanced = crypto.randomUUID();
    expect(await commit([entry(unbalanced), line(unbalanced, bank, 100, 0), line(unbalanced, receivable, 0, 99)])).toMatch(/does not balance in EUR: debits 100 credits 99/);
    const empty = crypto.randomUUID();
    expect(await commit([entry(empty)])).toMatch(/has no lines/);
    const twoCurrencies = crypto.randomUUID();
    expect(await commit([entry(twoCurrencies), line(twoCurrencies, bank, 100, 0), line(twoCurrencies, receivable, 0, 100), line(twoCurrencies, bank, 5, 0, 'USD', { debitMinor: 0, creditMinor: 0 })])).toMatch(/does not balance in USD/);
    for (const id of [unbalanced, empty, twoCurrencies]) expect(await entriesNamed(id)).toBe(0);
  });

  it('refuses base amounts that do not balance, and a base-currency line whose base amount is not its amount', async () => {
    const baseUnbalanced = crypto.randomUUID();
    expect(
      await commit([entry(baseUnbalanced), line(baseUnbalanced, bank, 100, 0, 'USD', { debitMinor: 90, creditMinor: 0 }), line(baseUnbalanced, receivable, 0, 100, 'USD', { debitMinor: 0, creditMinor: 91 })]),
    ).toMatch(/does not balance in base currency/);
    const wrongBase = crypto.randomUUID();
    expect(await commit([entry(wrongBase), line(wrongBase, bank, 100, 0, 'EUR', { debitMinor: 90, creditMinor: 0 }), line(wrongBase, receivable, 0, 100, 'EUR', { debitMinor: 0, creditMinor: 90 })])).toMatch(
      /base amount differs from its amount/,
    );
  });

  it('refuses a line added later to an entry already committed, when it unbalances it', async () => {
    const id = crypto.randomUUID();
    expect(await commit([entry(id), line(id, bank, 100, 0), line(id, receivable, 0, 100)])).toBeNull();
    expect(await commit([line(id, bank, 1, 0)])).toMatch(/does not balance in EUR: debits 101 credits 100/);
  });

  it('checks a thousand entries written with one statement for the entries and one for their lines', async () => {
    const ids = Array.from({ length: 1_000 }, () => crypto.randomUUID());
    const entries = sql`insert into journal_entries (id, tenant_id, entry_date, description, source_type, source_id, posting_key)
                        select id, ${tenantId}, '2026-01-02', 'bulk', 'test', id, 'bulk:' || id from unnest(${`{${ids.join(',')}}`}::uuid[]) as e(id)`;
    const lines = (lastCreditMinor: number) =>
      sql`insert into journal_lines (id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, base_debit_minor, base_credit_minor)
          select gen_random_uuid(), e.id, ${tenantId}, l.account_id, 'EUR', l.debit, case when e.n = ${ids.length} and l.credit > 0 then ${lastCreditMinor} else l.credit end,
                 l.debit, case when e.n = ${ids.length} and l.credit > 0 then ${lastCreditMinor} else l.credit end
            from unnest(${`{${ids.join(',')}}`}::uuid[]) with ordinality as e(id, n),
                 (values (${bank}::uuid, 500, 0), (${receivable}::uuid, 0, 500)) as l(account_id, debit, credit)`;
    expect(await commit([entries, lines(499)])).toMatch(new RegExp(`journal entry ${ids[ids.length - 1]} does not balance`));
    expect(await commit([entries, lines(500)])).toBeNull();
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from journal_entries where description = 'bulk'`))[0]?.n).toBe(1_000);
  });
});
