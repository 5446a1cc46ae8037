import { sql, type SQL } from 'drizzle-orm';
import { queryRows, toBigInt, type Executor } from '../../db/connection.js';
import { addDays } from '../../kernel/business-date.js';
import { customers } from '../customers/schema.js';
import { invoices } from '../invoicing/schema.js';
import { controlAccountBalances } from '../ledger/service.js';
import { allocations, payments, refunds } from '../payments/schema.js';
import { agingBuckets, type AgingBasis, type AgingBucket } from './aging-buckets.js';

export interface AgingLine {
  customerId: string;
  customerName: string;
  currency: string;
  /** Open invoice amounts per bucket, in the order of `buckets`. */
  bucketsMinor: bigint[];
  openInvoicesMinor: bigint;
  /** The part of the open invoices not yet due on asOf (with the due-date basis, the `current` bucket). */
  notYetDueMinor: bigint;
  /** Payments received and not yet allocated, and credit notes not yet applied, as of the date. */
  unappliedCashMinor: bigint;
  unappliedCreditsMinor: bigint;
  /** What the customer owes net of unapplied cash and credits. */
  balanceMinor: bigint;
}

export interface AgingReport {
  asOf: string;
  tenantCurrency: string;
  basis: AgingBasis;
  buckets: AgingBucket[];
  customers: AgingLine[];
  totalsByCurrency: Omit<AgingLine, 'customerId' | 'customerName'>[];
}

/**
 * The aged receivables as they stood at the end of `asOf`, rebuilt from documents and the dated allocations: an
 * invoice issued on or before asOf is open on asOf by its total less what was applied to it on or before asOf, so an
 * invoice paid last week shows as open on a date a month ago.
 *
 * Only what can be open on asOf is read: documents without a settled_on or settled after asOf, and payments not used up
 * by then (settled_on, used_up_on, kept by the transactions that change open and unapplied amounts). An invoice first
 * touched after asOf (first_applied_on) was open for its total; the few touched by then add back their own allocations
 * dated after asOf (open_minor and unapplied_minor are kept equal to total less allocations). As of today that is the
 * open items alone, however long the history. Two aggregate queries, grouped per customer and currency in the database.
 */
export async function agingReport(
  executor: Executor,
  tenant: { id: string; baseCurrency: string },
  asOf: string,
  options: { boundaries?: readonly number[]; customerId?: string | undefined; basis?: AgingBasis | undefined } = {},
): Promise<AgingReport> {
  const basis = options.basis ?? 'due_date';
  const buckets = agingBuckets(options.boundaries, basis);
  const [documentRows, unappliedCashRows, names] = await Promise.all([
    openDocumentsAsOf(executor, tenant.id, asOf, buckets, basis, options.customerId),
    unappliedCashAsOf(executor, tenant.id, asOf, options.customerId),
    queryRows<{ id: string; name: string }>(executor, sql`select id::text as id, name from ${customers} where tenant_id = ${tenant.id}`).then(
      (rows) => new Map(rows.map((r) => [r.id, r.name])),
    ),
  ]);

  const lines = new Map<string, AgingLine>();
  const lineFor = (customerId: string, currency: string): AgingLine => {
    const key = `${customerId}|${currency}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        customerId,
        customerName: names.get(customerId) ?? '',
        currency,
        bucketsMinor: buckets.map(() => 0n),
        openInvoicesMinor: 0n,
        notYetDueMinor: 0n,
        unappliedCashMinor: 0n,
        unappliedCreditsMinor: 0n,
        balanceMinor: 0n,
      };
      lines.set(key, line);
    }
    return line;
  };
  for (const r of documentRows) {
    // A customer has a line when one of its invoices is open on asOf (even if they add up to nothing), or when its
    // unused credit notes or unapplied cash do not add up to zero.
    if (Number(r.open_items) > 0) {
      const line = lineFor(r.customer_id, r.currency);
      buckets.forEach((_, i) => {
        const amount = toBigInt(r[`bucket_${i}`]);
        line.bucketsMinor[i] = (line.bucketsMinor[i] ?? 0n) + amount;
        line.openInvoicesMinor += amount;
      });
      line.notYetDueMinor += toBigInt(r.not_due);
    }
    const credits = toBigInt(r.credits);
    if (credits !== 0n) lineFor(r.customer_id, r.currency).unappliedCreditsMinor += credits;
  }
  for (const r of unappliedCashRows) {
    const amount = toBigInt(r.unapplied);
    if (amount !== 0n) lineFor(r.customer_id, r.currency).unappliedCashMinor += amount;
  }
  const sortedLines = [...lines.values()]
    .map((l) => ({ ...l, balanceMinor: l.openInvoicesMinor - l.unappliedCashMinor - l.unappliedCreditsMinor }))
    .sort((a, b) => a.customerName.localeCompare(b.customerName) || a.currency.localeCompare(b.currency));

  const totals = new Map<string, Omit<AgingLine, 'customerId' | 'customerName'>>();
  for (const l of sortedLines) {
    const t = totals.get(l.currency) ?? {
      currency: l.currency,
      bucketsMinor: buckets.map(() => 0n),
      openInvoicesMinor: 0n,
      notYetDueMinor: 0n,
      unappliedCashMinor: 0n,
      unappliedCreditsMinor: 0n,
      balanceMinor: 0n,
    };
    l.bucketsMinor.forEach((v, i) => (t.bucketsMinor[i] = (t.bucketsMinor[i] ?? 0n) + v));
    t.openInvoicesMinor += l.openInvoicesMinor;
    t.notYetDueMinor += l.notYetDueMinor;
    t.unappliedCashMinor += l.unappliedCashMinor;
    t.unappliedCreditsMinor += l.unappliedCreditsMinor;
    t.balanceMinor += l.balanceMinor;
    totals.set(l.currency, t);
  }
  const totalsByCurrency = [...totals.values()].sort((a, b) =>
    a.currency === tenant.baseCurrency ? -1 : b.currency === tenant.baseCurrency ? 1 : a.currency.localeCompare(b.currency),
  );
  return { asOf, tenantCurrency: tenant.baseCurrency, basis, buckets, customers: sortedLines, totalsByCurrency };
}

interface OpenDocumentsRow {
  customer_id: string;
  currency: string;
  /** Invoices open on asOf (non-zero), and their amounts per bucket (bucket_0 …) and not yet due. */
  open_items: number;
  not_due: unknown;
  /** What the customer's credit notes still had unused on asOf. */
  credits: unknown;
  [bucket: `bucket_${number}`]: unknown;
}

/**
 * Per customer and currency, what its documents had open at the end of asOf: invoices (issued, non-zero on asOf)
 * summed per aging bucket and not yet due, and credit notes' unused amounts. A document settled on or before asOf
 * (settled_on) is open on no later date and is not read; an invoice first touched after asOf (first_applied_on) was open
 * for its total; only the others (partly settled by then) read their own allocations dated after asOf.
 */
async function openDocumentsAsOf(
  executor: Executor,
  tenantId: string,
  asOf: string,
  buckets: readonly AgingBucket[],
  basis: AgingBasis,
  customerId: string | undefined,
): Promise<OpenDocumentsRow[]> {
  // Bucket i holds what is at most toDays(i) and more than toDays(i - 1) days old on asOf: as dates, a basis date on
  // or after asOf - toDays(i) and before asOf - toDays(i - 1). Plain date comparisons, cheap per row.
  const basisDate = basis === 'invoice_date' ? sql`i.issue_date` : sql`i.due_date`;
  const inBucket = buckets.map((b, i) => {
    const previous = i > 0 ? buckets[i - 1]?.toDays : null;
    const conditions = [
      ...(b.toDays === null ? [] : [sql`${basisDate} >= ${addDays(asOf, -b.toDays)}::date`]),
      ...(previous === null || previous === undefined ? [] : [sql`${basisDate} < ${addDays(asOf, -previous)}::date`]),
    ];
    return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
  });
  const customer = customerId ? sql`and i.customer_id = ${customerId}` : sql``;
  const issuedInvoices = sql`i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date <= ${asOf} ${customer}`;
  const untouched = sql`(i.first_applied_on is null or i.first_applied_on > ${asOf})`;
  const appliedAfter = (column: SQL) =>
    sql`left join lateral (select sum(a.amount_minor) as amount from ${allocations} a
                            where a.tenant_id = ${tenantId} and ${column} = i.id and a.applied_on > ${asOf}) later on true`;
  // One grouped read per kind of document, each summing its documents' open amounts on asOf per customer and currency;
  // the outer query adds the parts up.
  const part = (open: SQL, isInvoice: boolean, from: SQL) => {
    const openInvoice = isInvoice ? sql`${open} <> 0` : sql`false`;
    return sql`select i.customer_id, i.currency, count(*) filter (where ${openInvoice}) as open_items,
                      ${sql.join(buckets.map((_, k) => sql`sum(${open}) filter (where ${openInvoice} and ${inBucket[k] as SQL}) as ${sql.raw(`bucket_${k}`)}`), sql`, `)},
                      sum(${open}) filter (where ${openInvoice} and i.due_date >= ${asOf}::date) as not_due,
                      ${isInvoice ? sql`0` : sql`sum(${open})`} as credits
                 ${from}
                group by i.customer_id, i.currency`;
  };
  return queryRows<OpenDocumentsRow>(
    executor,
    sql`select p.customer_id::text as customer_id, p.currency, sum(p.open_items)::int as open_items,
               ${sql.join(buckets.map((_, k) => sql`sum(${sql.raw(`p.bucket_${k}`)})::text as ${sql.raw(`bucket_${k}`)}`), sql`, `)},
               sum(p.not_due)::text as not_due, sum(p.credits)::text as credits
          from (
            -- Invoices open now or settled after asOf that nothing was applied to by asOf: open for their total
            -- (index-only reads of invoices_open_items_idx and invoices_settled_items_idx).
            ${part(sql`i.total_minor`, true, sql`from ${invoices} i where i.settled_on is null and ${untouched} and ${issuedInvoices}`)}
            union all
            ${part(sql`i.total_minor`, true, sql`from ${invoices} i where i.settled_on > ${asOf} and ${untouched} and ${issuedInvoices}`)}
            union all
            -- Invoices partly settled by asOf: open now plus their own allocations dated after asOf.
            ${part(sql`i.open_minor + coalesce(later.amount, 0)`, true, sql`from ${invoices} i ${appliedAfter(sql`a.invoice_id`)}
                    where i.settled_on is null and i.first_applied_on <= ${asOf} and ${issuedInvoices}`)}
            union all
            ${part(sql`i.open_minor + coalesce(later.amount, 0)`, true, sql`from ${invoices} i ${appliedAfter(sql`a.invoice_id`)}
                    where i.settled_on > ${asOf} and i.first_applied_on <= ${asOf} and ${issuedInvoices}`)}
            union all
            -- Credit notes: unused now plus what of them was used after asOf.
            ${part(sql`i.open_minor + coalesce(later.amount, 0)`, false, sql`from ${invoices} i ${appliedAfter(sql`a.credit_note_id`)}
                    where i.tenant_id = ${tenantId} and i.kind = 'credit_note' and i.issue_date <= ${asOf} and (i.settled_on is null or i.settled_on > ${asOf}) ${customer}`)}
          ) p
         group by p.customer_id, p.currency`,
  );
}

/**
 * Per customer and currency, the cash received on or before asOf and not yet allocated or refunded by its end; nothing
 * for a payment reversed by then (the money went back). Only payments not used up by asOf are read (used_up_on null, or
 * after asOf: payments_not_used_up_idx and payments_used_up_later_idx); each is unapplied on asOf by what is unapplied now plus
 * what of it was allocated or refunded after asOf, read through its own rows. A payment reversed after asOf counts its
 * whole amount less what was allocated by then: the reversal undid its allocations with negative rows on its date (after
 * asOf) and a refunded payment cannot be reversed.
 */
async function unappliedCashAsOf(executor: Executor, tenantId: string, asOf: string, customerId: string | undefined) {
  const filter = sql`p.tenant_id = ${tenantId} and p.value_date <= ${asOf} ${customerId ? sql`and p.customer_id = ${customerId}` : sql``}`;
  const columns = sql`p.id, p.customer_id, p.currency, p.amount_minor, p.unapplied_minor, p.status, p.reversed_on`;
  const laterAllocations = sql`coalesce((select sum(a.amount_minor) from ${allocations} a where a.tenant_id = ${tenantId} and a.payment_id = p.id and a.applied_on > ${asOf}), 0)`;
  const laterRefunds = sql`coalesce((select sum(r.amount_minor) from ${refunds} r where r.tenant_id = ${tenantId} and r.payment_id = p.id and r.refunded_on > ${asOf}), 0)`;
  return queryRows<{ customer_id: string; currency: string; unapplied: unknown }>(
    executor,
    sql`select p.customer_id::text as customer_id, p.currency,
               sum(case when p.reversed_on <= ${asOf} then 0
                        when p.status = 'reversed' then p.amount_minor + ${laterAllocations}
                        else p.unapplied_minor + ${laterAllocations} + ${laterRefunds} end)::text as unapplied
          from (
            select ${columns} from ${payments} p where p.used_up_on is null and ${filter}
            union all
            -- used up after asOf though received by then: necessarily later than received (payments_used_up_later_idx)
            select ${columns} from ${payments} p where p.used_up_on > ${asOf} and p.used_up_on > p.value_date and ${filter}
          ) p
         group by p.customer_id, p.currency`,
  );
}

export interface ReconciliationDifference {
  check: 'accounts_receivable' | 'unapplied_cash';
  customerId: string | null;
  currency: string;
  ledgerMinor: bigint;
  subLedgerMinor: bigint;
}

/**
 * The invariants auditors check, as code: the AR control account equals the open items (invoices open less credit
 * notes unused) per customer and currency, and the unapplied-cash account equals the payments not yet allocated.
 * With `asOf`, both sides are rebuilt for that date. An empty list means the books agree.
 */
export async function reconcileSubLedgers(executor: Executor, tenant: { id: string; baseCurrency: string }, asOf: string): Promise<ReconciliationDifference[]> {
  // The three inputs are independent reads: on a server they run side by side on the pool's connections.
  const [aging, ar, unapplied] = await Promise.all([
    agingReport(executor, tenant, asOf),
    controlAccountBalances(executor, tenant.id, 'accounts_receivable', asOf),
    controlAccountBalances(executor, tenant.id, 'unapplied_cash', asOf),
  ]);
  const differences: ReconciliationDifference[] = [];
  const compare = (
    check: ReconciliationDifference['check'],
    ledger: { customerId: string | null; currency: string; amount: bigint }[],
    subLedger: Map<string, bigint>,
  ) => {
    const ledgerMap = new Map<string, bigint>();
    for (const l of ledger) ledgerMap.set(`${l.customerId}|${l.currency}`, (ledgerMap.get(`${l.customerId}|${l.currency}`) ?? 0n) + l.amount);
    for (const key of new Set([...ledgerMap.keys(), ...subLedger.keys()])) {
      const a = ledgerMap.get(key) ?? 0n;
      const b = subLedger.get(key) ?? 0n;
      if (a !== b) {
        const [customerId = '', currency = ''] = key.split('|');
        differences.push({ check, customerId: customerId === 'null' ? null : customerId, currency, ledgerMinor: a, subLedgerMinor: b });
      }
    }
  };
  compare(
    'accounts_receivable',
    ar.map((r) => ({ customerId: r.customerId, currency: r.currency, amount: r.debitMinusCreditMinor })),
    new Map(aging.customers.map((l) => [`${l.customerId}|${l.currency}`, l.openInvoicesMinor - l.unappliedCreditsMinor])),
  );
  compare(
    'unapplied_cash',
    unapplied.map((r) => ({ customerId: r.customerId, currency: r.currency, amount: -r.debitMinusCreditMinor })),
    new Map(aging.customers.map((l) => [`${l.customerId}|${l.currency}`, l.unappliedCashMinor])),
  );
  return differences;
}

/** Current open balances as cached on the documents (open_minor), per customer and currency, for cross-checks. */
export async function cachedOpenBalances(executor: Executor, tenantId: string) {
  const rows = await queryRows<Record<string, unknown>>(
    executor,
    sql`select customer_id::text as customer_id, currency,
               sum(case when kind = 'invoice' then open_minor else -open_minor end)::text as open
          from ${invoices} where tenant_id = ${tenantId} and status <> 'draft'
         group by customer_id, currency`,
  );
  return rows.map((r) => ({ customerId: String(r.customer_id), currency: String(r.currency), openMinor: toBigInt(r.open) }));
}


export interface CustomerReceivables {
  /** Open invoices less unused credit notes and unapplied cash, in the currency asked for. */
  balanceMinor: bigint;
  /** Days the oldest open invoice is past due on asOf; 0 when nothing is overdue. */
  oldestOverdueDays: number;
  overdueMinor: bigint;
}

/** A customer's current receivable position for credit decisions (from the documents' open balances). */
export async function customerReceivables(executor: Executor, tenantId: string, customerId: string, currency: string, asOf: string): Promise<CustomerReceivables> {
  const [row] = await queryRows<Record<string, unknown>>(
    executor,
    sql`select
          (select coalesce(sum(case when kind = 'invoice' then open_minor else -open_minor end), 0)
             from ${invoices} where tenant_id = ${tenantId} and customer_id = ${customerId} and currency = ${currency} and status <> 'draft')::text as documents,
          (select coalesce(sum(unapplied_minor), 0)
             from ${payments} where tenant_id = ${tenantId} and customer_id = ${customerId} and currency = ${currency})::text as unapplied,
          (select coalesce(max(${asOf}::date - due_date), 0)
             from ${invoices} where tenant_id = ${tenantId} and customer_id = ${customerId} and kind = 'invoice'
              and open_minor > 0 and due_date < ${asOf}::date)::int as oldest_overdue_days,
          (select coalesce(sum(open_minor), 0)
             from ${invoices} where tenant_id = ${tenantId} and customer_id = ${customerId} and currency = ${currency} and kind = 'invoice'
              and open_minor > 0 and due_date < ${asOf}::date)::text as overdue`,
  );
  return {
    balanceMinor: toBigInt(row?.documents) - toBigInt(row?.unapplied),
    oldestOverdueDays: Number(row?.oldest_overdue_days ?? 0),
    overdueMinor: toBigInt(row?.overdue),
  };
}
