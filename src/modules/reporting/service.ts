import { sql } from 'drizzle-orm';
import { queryRows, toBigInt, type Executor } from '../../db/connection.js';
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
 * Read as "open now plus what was applied after asOf" (open_minor and unapplied_minor are kept equal to total less
 * allocations by the transactions that write them), so only the documents that can be open on asOf are read: those
 * without a settled_on, or settled after asOf (invoices.settled_on, indexed), and the allocations and refunds dated
 * after asOf. As of today that is the open items alone, however long the history. Two aggregate queries, grouped per
 * customer and currency in the database.
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
 * summed per aging bucket and not yet due, and credit notes' unused amounts. Open on asOf = open now + allocations dated
 * after asOf; a document settled on or before asOf (settled_on) is open on no later date and is not read.
 */
async function openDocumentsAsOf(
  executor: Executor,
  tenantId: string,
  asOf: string,
  buckets: readonly AgingBucket[],
  basis: AgingBasis,
  customerId: string | undefined,
): Promise<OpenDocumentsRow[]> {
  // The bucket as bucketIndex decides it: the first whose upper bound the days reach, i.e. the number of bounds below
  // the days (width_bucket counts the thresholds bound + 1 at or below them).
  const bounds = buckets.flatMap((b) => (b.toDays === null ? [] : [sql.raw(String(Math.trunc(b.toDays) + 1))]));
  const days = sql`coalesce(${asOf}::date - ${basis === 'invoice_date' ? sql`i.issue_date` : sql`i.due_date`}, 0)`;
  const bucket = bounds.length === 0 ? sql`0` : sql`width_bucket(${days}, array[${sql.join(bounds, sql`, `)}])`;
  const open = sql`d.is_invoice and d.open <> 0`;
  return queryRows<OpenDocumentsRow>(
    executor,
    sql`with later as (
          select a.invoice_id, a.credit_note_id, a.amount_minor from ${allocations} a where a.tenant_id = ${tenantId} and a.applied_on > ${asOf}
        ),
        later_by_invoice as (select l.invoice_id as id, sum(l.amount_minor)::bigint as amount from later l group by l.invoice_id),
        later_by_credit_note as (
          select l.credit_note_id as id, sum(l.amount_minor)::bigint as amount from later l where l.credit_note_id is not null group by l.credit_note_id
        ),
        candidates as (
          -- Open now (an index-only scan of invoices_open_items_idx), and settled after asOf (invoices_tenant_settled_idx).
          select i.id, i.customer_id, i.currency, i.kind, i.issue_date, i.due_date, i.open_minor
            from ${invoices} i
           where i.tenant_id = ${tenantId} and i.settled_on is null and i.issue_date <= ${asOf}
             and ((i.kind = 'invoice' and i.status <> 'draft') or i.kind = 'credit_note')
             ${customerId ? sql`and i.customer_id = ${customerId}` : sql``}
          union all
          select i.id, i.customer_id, i.currency, i.kind, i.issue_date, i.due_date, i.open_minor
            from ${invoices} i
           where i.tenant_id = ${tenantId} and i.settled_on > ${asOf} and i.issue_date <= ${asOf}
             and ((i.kind = 'invoice' and i.status <> 'draft') or i.kind = 'credit_note')
             ${customerId ? sql`and i.customer_id = ${customerId}` : sql``}
        ),
        d as (
          select i.customer_id, i.currency, i.kind = 'invoice' as is_invoice, ${bucket} as bucket, i.due_date >= ${asOf}::date as not_due,
                 i.open_minor + coalesce(li.amount, 0) + coalesce(lc.amount, 0) as open
            from candidates i
            left join later_by_invoice li on li.id = i.id
            left join later_by_credit_note lc on lc.id = i.id
          offset 0 -- each document's bucket and open amount computed once, not once per sum below
        )
        select d.customer_id::text as customer_id, d.currency,
               (count(*) filter (where ${open}))::int as open_items,
               ${sql.join(
                 buckets.map((_, i) => sql`(sum(d.open) filter (where ${open} and d.bucket = ${sql.raw(String(i))}))::text as ${sql.raw(`bucket_${i}`)}`),
                 sql`, `,
               )},
               (sum(d.open) filter (where ${open} and d.not_due))::text as not_due,
               (sum(d.open) filter (where not d.is_invoice))::text as credits
          from d
         group by d.customer_id, d.currency`,
  );
}

/**
 * Per customer and currency, the cash received on or before asOf and not yet allocated or refunded by its end; nothing
 * for a payment reversed by then (the money went back). Unapplied on asOf = unapplied now + what was allocated or
 * refunded after asOf, summed per customer without a row per payment, which holds because of how payments are written:
 * - an allocation or refund is never dated before its payment was received, so what a payment received after asOf
 *   had allocated or refunded (amount − unapplied now) is all dated after asOf and is taken back out here;
 * - a reversal undoes every allocation of its payment with a negative row on its date and refuses a refunded payment,
 *   so a payment reversed after asOf had its whole amount less what was allocated by then, and one reversed on or
 *   before asOf has no allocation left after it.
 */
async function unappliedCashAsOf(executor: Executor, tenantId: string, asOf: string, customerId: string | undefined) {
  const customer = (alias: string) => (customerId ? sql`and ${sql.raw(alias)}.customer_id = ${customerId}` : sql``);
  return queryRows<{ customer_id: string; currency: string; unapplied: unknown }>(
    executor,
    sql`select m.customer_id::text as customer_id, m.currency, sum(m.amount)::text as unapplied
          from (
            select p.customer_id, p.currency,
                   case when p.value_date > ${asOf} then (case when p.status = 'received' then p.unapplied_minor - p.amount_minor else 0 end)
                        when p.reversed_on <= ${asOf} then 0
                        when p.status = 'reversed' then p.amount_minor
                        else p.unapplied_minor end as amount
              from ${payments} p
             where p.tenant_id = ${tenantId} and (p.unapplied_minor <> 0 or p.status = 'reversed' or p.value_date > ${asOf}) ${customer('p')}
            union all
            select a.customer_id, a.currency, a.amount_minor
              from ${allocations} a
             where a.tenant_id = ${tenantId} and a.payment_id is not null and a.applied_on > ${asOf} ${customer('a')}
            union all
            select r.customer_id, r.currency, r.amount_minor
              from ${refunds} r
             where r.tenant_id = ${tenantId} and r.refunded_on > ${asOf} ${customer('r')}
          ) m
         group by m.customer_id, m.currency`,
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
