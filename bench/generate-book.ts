import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/connection.js';
import { openTenant } from '../src/tenancy.js';
import type { TenantRow } from '../src/modules/identity/service.js';

/**
 * A large, consistent book generated inside the database (INSERT ... SELECT over generate_series): customers,
 * issued invoices with their journal entries, and for 60 % of them a payment, its allocation and their entries.
 * Dates spread over the 12 months before 2026-11-24. Used by the benchmarks only; the services build real books.
 */
export async function generateBook(db: Database, invoiceCount: number, customerCount = 1_000): Promise<TenantRow> {
  const tenant = await openTenant(db, { name: `Benchmark ${invoiceCount}`, baseCurrency: 'EUR', timeZone: 'UTC' }, 'bench');
  const t = tenant.id;
  const accounts = sql`(select id, purpose from accounts where tenant_id = ${t})`;
  // One transaction: the ledger's deferred checks (every entry balances and has lines) run at its commit.
  await db.transaction(async (tx) => {
    const db = tx;
  await db.execute(sql`
    insert into customers (id, tenant_id, name, currency, payment_terms_days)
    select gen_random_uuid(), ${t}::uuid, 'Customer ' || n, 'EUR', (array[14, 30, 45, 60])[1 + n % 4]
      from generate_series(1, ${customerCount}) n`);
  await db.execute(sql`create temporary table bench_customers as
    select id, row_number() over (order by id) as n, payment_terms_days from customers where tenant_id = ${t}`);
  await db.execute(sql`
    insert into invoices (id, tenant_id, customer_id, kind, number, status, currency, issue_date, due_date, payment_terms_days,
                          subtotal_minor, tax_minor, total_minor, open_minor)
    select gen_random_uuid(), ${t}::uuid, c.id, 'invoice', 'B-' || lpad(g.n::text, 8, '0'), 'open', 'EUR',
           d, d + c.payment_terms_days, c.payment_terms_days, amount, 0, amount, amount
      from (select n, date '2025-11-25' + (n * 7919 % 365)::int as d, 1000 + (n * 104729 % 500000) as amount,
                   1 + n % ${customerCount} as customer_n
              from generate_series(1::bigint, ${invoiceCount}::bigint) n) g
      join bench_customers c on c.n = g.customer_n`);
  await db.execute(sql`create temporary table bench_invoices as
    select id, customer_id, issue_date, due_date, total_minor, row_number() over (order by id) as n
      from invoices where tenant_id = ${t}`);
  // Issue postings: one entry and two lines per invoice (in the base currency: base amounts are the amounts).
  await db.execute(sql`
    insert into journal_entries (id, tenant_id, entry_date, description, source_type, source_id, posting_key)
    select id, ${t}::uuid, issue_date, 'Invoice', 'invoice', id, 'invoice.issued:' || id from bench_invoices`);
  await db.execute(sql`
    insert into journal_lines (id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, customer_id, base_debit_minor, base_credit_minor)
    select id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, customer_id, debit_minor, credit_minor from (
    select gen_random_uuid() as id, i.id as entry_id, ${t}::uuid as tenant_id, a.id as account_id, 'EUR' as currency, i.total_minor as debit_minor, 0::bigint as credit_minor, i.customer_id
      from bench_invoices i, ${accounts} a where a.purpose = 'accounts_receivable'
    union all
    select gen_random_uuid(), i.id, ${t}::uuid, a.id, 'EUR', 0, i.total_minor, null
      from bench_invoices i, ${accounts} a where a.purpose = 'revenue') l`);
  // 60 % are paid in full, some days around their due date (never after 2026-11-24).
  await db.execute(sql`create temporary table bench_payments as
    select gen_random_uuid() as id, gen_random_uuid() as allocation_id, i.id as invoice_id, i.customer_id, i.total_minor,
           least(greatest(i.due_date + (i.n % 40)::int - 20, i.issue_date), date '2026-11-24') as value_date
      from bench_invoices i where i.n % 5 < 3`);
  await db.execute(sql`
    insert into payments (id, tenant_id, customer_id, method, amount_minor, currency, value_date, unapplied_minor, used_up_on)
    select id, ${t}::uuid, customer_id, 'bank_transfer', total_minor, 'EUR', value_date, 0, value_date from bench_payments`);
  await db.execute(sql`
    insert into allocations (id, tenant_id, customer_id, invoice_id, payment_id, amount_minor, currency, applied_on)
    select allocation_id, ${t}::uuid, customer_id, invoice_id, id, total_minor, 'EUR', value_date from bench_payments`);
  // settled_on and first_applied_on are kept with open_minor: here both the date of the one allocation that paid it.
  await db.execute(sql`
    update invoices i set open_minor = 0, status = 'paid', settled_on = p.value_date, first_applied_on = p.value_date
      from bench_payments p where i.id = p.invoice_id`);
  await db.execute(sql`
    insert into journal_entries (id, tenant_id, entry_date, description, source_type, source_id, posting_key)
    select id, ${t}::uuid, value_date, 'Payment', 'payment', id, 'payment.received:' || id from bench_payments
    union all
    select allocation_id, ${t}::uuid, value_date, 'Allocation', 'allocation', allocation_id, 'allocation:' || allocation_id from bench_payments`);
  await db.execute(sql`
    insert into journal_lines (id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, customer_id, base_debit_minor, base_credit_minor)
    select id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, customer_id, debit_minor, credit_minor from (
    select gen_random_uuid() as id, p.id as entry_id, ${t}::uuid as tenant_id, a.id as account_id, 'EUR' as currency, p.total_minor as debit_minor, 0::bigint as credit_minor, null::uuid as customer_id from bench_payments p, ${accounts} a where a.purpose = 'bank'
    union all
    select gen_random_uuid(), p.id, ${t}::uuid, a.id, 'EUR', 0, p.total_minor, p.customer_id from bench_payments p, ${accounts} a where a.purpose = 'unapplied_cash'
    union all
    select gen_random_uuid(), p.allocation_id, ${t}::uuid, a.id, 'EUR', p.total_minor, 0, p.customer_id from bench_payments p, ${accounts} a where a.purpose = 'unapplied_cash'
    union all
    select gen_random_uuid(), p.allocation_id, ${t}::uuid, a.id, 'EUR', 0, p.total_minor, p.customer_id from bench_payments p, ${accounts} a where a.purpose = 'accounts_receivable') l`);
  for (const table of ['bench_customers', 'bench_invoices', 'bench_payments']) await db.execute(sql.raw(`drop table ${table}`));
  });
  // As a database that has been running a while: autovacuum would have cleared the row versions the UPDATE above left
  // behind (one per paid invoice) and set the visibility map, which bitmap and index-only scans rely on.
  await db.execute(sql`vacuum analyze`);
  return tenant;
}
