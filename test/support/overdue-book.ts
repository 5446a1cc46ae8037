import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/connection.js';
import type { TenantRow } from '../../src/modules/identity/service.js';
import { openTenant } from '../../src/tenancy.js';

export interface OverdueBookOptions {
  customers: number;
  /** The dunning date: every invoice is 1 to 60 days overdue on it. Pick a weekday (the default policy skips weekends). */
  asOf: string;
  /** Every n-th customer has no email address: its notice is a letter and nothing goes to the outbox (0 = none). */
  withoutEmailEvery?: number;
  /** Every n-th customer is marked do-not-dun: no notice at all (0 = none). */
  doNotDunEvery?: number;
  tenantName?: string;
  /** Who the audit log says opened the tenant. */
  actorLabel?: string;
}

export interface OverdueBook {
  tenant: TenantRow;
  customers: number;
  invoices: number;
  /** Customers who must get exactly one notice on asOf (everyone but the do-not-dun ones). */
  expectedNotices: number;
  /** Of those, the ones with an email address: exactly one email each in the outbox. */
  expectedEmails: number;
}

/**
 * A tenant whose customers all have 1 to 3 issued, unpaid invoices that are overdue on `asOf`, generated inside the
 * database (INSERT ... SELECT over generate_series) in one transaction: customers, invoices with one line each and their
 * issue postings (AR debit with the customer, revenue credit), so the ledger's checks and the dunning query see a
 * consistent book. Nobody has been dunned before, so under the default policy every customer not marked do-not-dun
 * is due exactly one level-1 reminder on asOf.
 */
export async function generateOverdueBook(db: Database, options: OverdueBookOptions): Promise<OverdueBook> {
  const { customers, asOf } = options;
  const withoutEmailEvery = options.withoutEmailEvery ?? 0;
  const doNotDunEvery = options.doNotDunEvery ?? 0;
  const tenant = await openTenant(db, { name: options.tenantName ?? `Overdue book ${customers}`, baseCurrency: 'EUR', timeZone: 'UTC' }, options.actorLabel ?? 'test');
  const t = tenant.id;
  const accounts = sql`(select id, purpose from accounts where tenant_id = ${t})`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`create temporary table overdue_customers on commit drop as
      select gen_random_uuid() as id, n,
             case when ${withoutEmailEvery} > 0 and n % ${withoutEmailEvery} = 0 then null else 'ap' || n || '@customer' || n || '.example' end as email,
             case when n % 2 = 0 then 'de' else 'en' end as language,
             ${doNotDunEvery} > 0 and n % ${doNotDunEvery} = 0 as do_not_dun
        from generate_series(1, ${customers}) n`);
    await tx.execute(sql`
      insert into customers (id, tenant_id, name, email, currency, payment_terms_days, language)
      select id, ${t}::uuid, 'Overdue customer ' || n, email, 'EUR', 30, language from overdue_customers`);
    await tx.execute(sql`
      insert into customer_collection_settings (tenant_id, customer_id, do_not_dun)
      select ${t}::uuid, id, true from overdue_customers where do_not_dun`);
    // 1 to 3 invoices per customer, each 1 to 60 days overdue, issued on net 30.
    await tx.execute(sql`create temporary table overdue_invoices on commit drop as
      select gen_random_uuid() as id, c.id as customer_id, row_number() over (order by c.n, k) as seq,
             ${asOf}::date - (1 + (c.n * 7 + k * 13) % 60)::int as due_date,
             (1000 + (c.n::bigint * 104729 + k * 7919) % 500000)::bigint as amount
        from overdue_customers c, generate_series(1, 3) k
       where k <= 1 + c.n % 3`);
    await tx.execute(sql`
      insert into invoices (id, tenant_id, customer_id, kind, number, status, currency, issue_date, due_date, payment_terms_days,
                            subtotal_minor, tax_minor, total_minor, open_minor)
      select id, ${t}::uuid, customer_id, 'invoice', 'OD-' || lpad(seq::text, 8, '0'), 'open', 'EUR', due_date - 30, due_date, 30,
             amount, 0, amount, amount
        from overdue_invoices`);
    await tx.execute(sql`
      insert into invoice_lines (id, tenant_id, invoice_id, position, description, quantity, unit_price_minor, tax_rate_percent, net_minor, tax_minor)
      select gen_random_uuid(), ${t}::uuid, id, 1, 'Services', 1, amount, 0, amount, 0 from overdue_invoices`);
    await tx.execute(sql`
      insert into journal_entries (id, tenant_id, entry_date, description, source_type, source_id, posting_key)
      select id, ${t}::uuid, due_date - 30, 'Invoice OD-' || lpad(seq::text, 8, '0'), 'invoice', id, 'invoice.issued:' || id from overdue_invoices`);
    await tx.execute(sql`
      insert into journal_lines (id, entry_id, tenant_id, account_id, currency, debit_minor, credit_minor, base_debit_minor, base_credit_minor, customer_id)
      select gen_random_uuid(), i.id, ${t}::uuid, a.id, 'EUR', i.amount, 0, i.amount, 0, i.customer_id
        from overdue_invoices i, ${accounts} a where a.purpose = 'accounts_receivable'
      union all
      select gen_random_uuid(), i.id, ${t}::uuid, a.id, 'EUR', 0, i.amount, 0, i.amount, null
        from overdue_invoices i, ${accounts} a where a.purpose = 'revenue'`);
  });
  await db.execute(sql`analyze customers, invoices, customer_collection_settings`);
  const counted = (n: number, every: number) => (every > 0 ? Math.floor(n / every) : 0);
  const doNotDun = counted(customers, doNotDunEvery);
  const withoutEmail = counted(customers, withoutEmailEvery);
  // Customers both without email and do-not-dun: multiples of both periods.
  const lcm = withoutEmailEvery > 0 && doNotDunEvery > 0 ? (withoutEmailEvery * doNotDunEvery) / gcd(withoutEmailEvery, doNotDunEvery) : 0;
  const both = counted(customers, lcm);
  let invoices = 0;
  for (let n = 1; n <= customers; n++) invoices += 1 + (n % 3);
  return { tenant, customers, invoices, expectedNotices: customers - doNotDun, expectedEmails: customers - doNotDun - (withoutEmail - both) };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
