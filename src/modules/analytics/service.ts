/**
 * AR KPIs from the books: the shell that gathers receivables, sales and settlements for a period with a few grouped
 * queries, and hands them to the pure formulas in kpi.ts. Everything is rebuilt as of the period's dates from the
 * documents and allocations, so a past period reads the same today as it did then.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database, Executor } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import type { Money } from '../../kernel/money.js';
import { fail, ok, type Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { indexPaymentHistory, invoiceFeatures, type PaymentHistoryItem } from '../prediction/features.js';
import { predictInvoice, trainPaymentModel, type PaymentModel } from '../prediction/model.js';
import { buildCashForecast, forecastAccuracy, weeklyTotals, type ExpectedReceipt, type ForecastAccuracy } from './forecast.js';
import { cashForecasts, kpiTargets, paymentModels } from './schema.js';
import {
  arTurnover,
  averageDaysToResolve,
  collectorPerformance,
  disputeRate,
  promiseKeptRate,
  type CollectorPerformance,
  type DisputeRecord,
  type PromiseToPay,
  averageDaysDelinquent,
  averageDaysToPay,
  bestPossibleDso,
  collectionEffectivenessIndex,
  dsoCountback,
  dsoStandard,
  percentageCurrent,
  type SalesMonth,
  type SettledInvoice,
} from './kpi.js';
import { describePeriod, monthlyPeriods, period, trailingMonths, type Period, type PeriodSummary } from './periods.js';

export interface KpiScope {
  tenantId: string;
  currency: string;
  customerId?: string | undefined;
  segment?: string | undefined;
}

function scopeFilter(scope: KpiScope, alias: string): SQL {
  const customer = scope.customerId ? sql` and ${sql.raw(alias)}.customer_id = ${scope.customerId}` : sql``;
  const segment = scope.segment
    ? sql` and ${sql.raw(alias)}.customer_id in (select id from customers where tenant_id = ${scope.tenantId} and segment = ${scope.segment})`
    : sql``;
  return sql`${sql.raw(alias)}.tenant_id = ${scope.tenantId} and ${sql.raw(alias)}.currency = ${scope.currency}${customer}${segment}`;
}

/** Open invoices as of the end of `asOf` (rebuilt from allocations up to that date): total, and current (not yet due). */
export async function receivablesAsOf(executor: Executor, scope: KpiScope, asOf: string): Promise<{ total: Money; current: Money }> {
  const [row] = await queryRows<{ total: unknown; current: unknown }>(
    executor,
    sql`with applied as (
          select a.invoice_id, sum(a.amount_minor) as amount from allocations a
           where a.tenant_id = ${scope.tenantId} and a.applied_on <= ${asOf} group by a.invoice_id
        )
        select coalesce(sum(i.total_minor - coalesce(ap.amount, 0)), 0)::text as total,
               coalesce(sum(case when i.due_date >= ${asOf}::date then i.total_minor - coalesce(ap.amount, 0) else 0 end), 0)::text as current
          from invoices i left join applied ap on ap.invoice_id = i.id
         where ${scopeFilter(scope, 'i')} and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date <= ${asOf}`,
  );
  return { total: { amountMinor: toBigInt(row?.total), currency: scope.currency }, current: { amountMinor: toBigInt(row?.current), currency: scope.currency } };
}

/** Net credit sales per calendar month between two dates: invoices less credit notes issued (by issue date). */
async function monthlySales(executor: Executor, scope: KpiScope, from: string, to: string): Promise<Map<string, bigint>> {
  const rows = await queryRows<{ month: string; net: unknown }>(
    executor,
    sql`select to_char(i.issue_date, 'YYYY-MM') as month,
               sum(case when i.kind = 'invoice' then i.total_minor when i.kind = 'credit_note' then -i.total_minor else 0 end)::text as net
          from invoices i
         where ${scopeFilter(scope, 'i')} and i.status <> 'draft' and i.kind in ('invoice', 'credit_note')
           and i.issue_date between ${from} and ${to}
         group by 1`,
  );
  return new Map(rows.map((r) => [r.month, toBigInt(r.net)]));
}

async function creditSalesIn(executor: Executor, scope: KpiScope, p: Period): Promise<Money> {
  const [row] = await queryRows<{ net: unknown }>(
    executor,
    sql`select coalesce(sum(case when i.kind = 'invoice' then i.total_minor when i.kind = 'credit_note' then -i.total_minor else 0 end), 0)::text as net
          from invoices i
         where ${scopeFilter(scope, 'i')} and i.status <> 'draft' and i.kind in ('invoice', 'credit_note')
           and i.issue_date between ${p.start.toString()} and ${p.end.toString()}`,
  );
  return { amountMinor: toBigInt(row?.net), currency: scope.currency };
}

/** Invoices paid in full during the period, with the date of the allocation that settled them. */
async function settledIn(executor: Executor, scope: KpiScope, p: Period): Promise<SettledInvoice[]> {
  const rows = await queryRows<{ id: string; total: unknown; issue_date: string; paid_on: string }>(
    executor,
    sql`select i.id::text as id, i.total_minor::text as total, i.issue_date::text as issue_date, max(a.applied_on)::text as paid_on
          from invoices i join allocations a on a.tenant_id = i.tenant_id and a.invoice_id = i.id
         where ${scopeFilter(scope, 'i')} and i.kind = 'invoice' and i.open_minor = 0 and i.total_minor > 0
         group by i.id, i.total_minor, i.issue_date
        having sum(a.amount_minor) = i.total_minor and max(a.applied_on) between ${p.start.toString()} and ${p.end.toString()}`,
  );
  return rows.map((r) => ({ invoiceId: r.id, currency: scope.currency, amountMinor: toBigInt(r.total), issueDate: r.issue_date, paidDate: r.paid_on }));
}

/** Months of history the countback DSO may walk back through. */
export const countbackMonths = 24;

export async function kpisForPeriod(executor: Executor, scope: KpiScope, from: string, to: string) {
  const p = period(from, to);
  const dayBefore = p.start.subtract({ days: 1 }).toString();
  const [ending, beginning, creditSales, settled] = await Promise.all([
    receivablesAsOf(executor, scope, to),
    receivablesAsOf(executor, scope, dayBefore),
    creditSalesIn(executor, scope, p),
    settledIn(executor, scope, p),
  ]);
  // Countback walks whole calendar months back from the period's end (the last one cut at `to`).
  const months = trailingMonths(to, countbackMonths);
  const sales = await monthlySales(executor, scope, (months[0] as Period).start.toString(), to);
  const salesMonths: SalesMonth[] = months.map((m) => ({ period: m, creditSales: { amountMinor: sales.get(m.start.toString().slice(0, 7)) ?? 0n, currency: scope.currency } }));
  const turnover = arTurnover({ beginningReceivables: beginning.total, endingReceivables: ending.total, creditSales, period: p });
  const daysToPay = averageDaysToPay({ currency: scope.currency, invoices: settled, period: p });
  return {
    period: describePeriod(p),
    currency: scope.currency,
    receivables: { beginning: beginning.total, ending: ending.total, endingCurrent: ending.current },
    creditSales,
    figures: [
      dsoStandard({ endingReceivables: ending.total, creditSales, period: p }),
      dsoCountback({ endingReceivables: ending.total, months: salesMonths }),
      bestPossibleDso({ currentReceivables: ending.current, creditSales, period: p }),
      averageDaysDelinquent({ totalReceivables: ending.total, currentReceivables: ending.current, creditSales, period: p }),
      collectionEffectivenessIndex({ beginningReceivables: beginning.total, creditSales, endingReceivables: ending.total, endingCurrentReceivables: ending.current }),
      turnover.turnover,
      turnover.averageCollectionPeriod,
      percentageCurrent({ totalReceivables: ending.total, currentReceivables: ending.current }),
      daysToPay.simple,
      daysToPay.amountWeighted,
      ...(await collectionsKpis(executor, scope, from, to)),
    ],
  };
}

export type KpiReport = Awaited<ReturnType<typeof kpisForPeriod>>;

/** The same KPIs for each calendar month of the last `months` months up to `to` (the last month cut at `to`). */
export async function kpiTrend(executor: Executor, scope: KpiScope, to: string, months: number): Promise<Array<{ period: PeriodSummary; figures: KpiReport['figures'] }>> {
  const end = Temporal.PlainDate.from(to);
  const start = end.subtract({ months: months - 1 }).with({ day: 1 });
  const points: Array<{ period: PeriodSummary; figures: KpiReport['figures'] }> = [];
  for (const month of monthlyPeriods(period(start, end))) {
    const report = await kpisForPeriod(executor, scope, month.start.toString(), month.end.toString());
    points.push({ period: report.period, figures: report.figures });
  }
  return points;
}

/** JSON-safe: bigints as numbers when safe, else strings; exact ratios as "numerator/denominator". */
export function kpiJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
      if (key === 'exact' && v && typeof v === 'object' && 'numerator' in v) {
        const r = v as { numerator: bigint; denominator: bigint };
        return `${r.numerator}/${r.denominator}`;
      }
      return v;
    }),
  );
}

// ---- targets ----

export async function loadTargets(executor: Executor, tenantId: string): Promise<Map<string, { target: string; direction: 'at_most' | 'at_least' }>> {
  const rows = await executor.select().from(kpiTargets).where(eq(kpiTargets.tenantId, tenantId));
  return new Map(rows.map((r) => [r.kpi, { target: r.target, direction: r.direction as 'at_most' | 'at_least' }]));
}

/** Each figure with the tenant's target for it and whether the figure meets it (null without a value or a target). */
export function withTargets<F extends { kpi: string; value: number | null }>(figures: readonly F[], targets: Map<string, { target: string; direction: 'at_most' | 'at_least' }>) {
  return figures.map((f) => {
    const t = targets.get(f.kpi);
    if (!t) return { ...f, target: null };
    const goal = Number(t.target);
    const met = f.value === null ? null : t.direction === 'at_most' ? f.value <= goal : f.value >= goal;
    return { ...f, target: { value: goal, direction: t.direction, met } };
  });
}

export async function saveTarget(db: Database, actor: Actor, kpi: string, input: { target: string; direction: 'at_most' | 'at_least' }): Promise<Result<{ kpi: string; target: string; direction: string }>> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(kpiTargets).where(and(eq(kpiTargets.tenantId, actor.tenantId), eq(kpiTargets.kpi, kpi)));
    const values = { target: input.target, direction: input.direction, updatedAt: new Date() };
    await tx.insert(kpiTargets).values({ tenantId: actor.tenantId, kpi, ...values }).onConflictDoUpdate({ target: [kpiTargets.tenantId, kpiTargets.kpi], set: values });
    await recordAudit(tx, actor, 'kpi_target.set', { type: 'kpi_target', id: kpi }, before ?? null, { kpi, ...input });
    return { kpi, ...input };
  });
}

// ---- cash forecast ----

/** At most this many of the latest invoices train the payment model: bounded work however large the book. */
export const maxTrainingInvoices = 20_000;
/**
 * Below this many settled invoices the model is not trained: with a few dozen examples boosted trees barely move from
 * the overall mean, and the due date plus each customer's own mean delay predicts better.
 */
export const minTrainingInvoices = 200;
/** Confirmed orders are assumed invoiced this many days after the forecast date, then paid on their terms. */
export const orderInvoicingLagDays = 7;

async function paymentHistory(executor: Executor, tenantId: string, currency: string): Promise<PaymentHistoryItem[]> {
  const rows = await queryRows<{ id: string; customer_id: string; issue_date: string; due_date: string; total: unknown; open: unknown; settled_on: string | null; disputed: boolean; channel: string }>(
    executor,
    sql`select i.id::text as id, i.customer_id::text as customer_id, i.issue_date::text as issue_date, i.due_date::text as due_date, i.total_minor::text as total, i.open_minor::text as open,
               case when i.open_minor = 0 then (select max(a.applied_on) from allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id)::text end as settled_on,
               exists (select 1 from disputes d where d.tenant_id = i.tenant_id and d.invoice_id = i.id) as disputed,
               c.invoice_delivery as channel
          from invoices i join customers c on c.id = i.customer_id
         where i.tenant_id = ${tenantId} and i.currency = ${currency} and i.kind = 'invoice' and i.status <> 'draft' and i.due_date is not null and i.total_minor > 0
         order by i.issue_date desc limit ${maxTrainingInvoices}`,
  );
  return rows.map((r) => ({
    customerId: r.customer_id, invoiceId: r.id, invoiceDate: r.issue_date, dueDate: r.due_date, settledDate: r.settled_on ?? null,
    amountMinor: toBigInt(r.open) > 0n ? toBigInt(r.open) : toBigInt(r.total), currency, disputed: Boolean(r.disputed), channel: r.channel,
  }));
}

/**
 * The receipts expected after asOf: open invoices at the date the payment model predicts (trained on this tenant's own
 * history; with too little history, the due date shifted by the customer's mean delay), invoices of autopay customers
 * on their due date, and confirmed orders not yet invoiced on their terms after an invoicing lag.
 */
export async function expectedReceipts(executor: Executor, tenantId: string, currency: string, asOf: string): Promise<{ receipts: ExpectedReceipt[]; method: string }> {
  const history = await paymentHistory(executor, tenantId, currency);
  const settled = history.filter((h) => h.settledDate !== null && h.settledDate <= asOf);
  const open = history.filter((h) => h.settledDate === null);
  const autopayCustomers = new Set(
    (await queryRows<{ customer_id: string }>(executor, sql`select distinct customer_id::text as customer_id from stored_cards where tenant_id = ${tenantId} and autopay and status = 'active'`)).map((r) => r.customer_id),
  );
  const receipts: ExpectedReceipt[] = [];
  let method: string;
  if (settled.length >= minTrainingInvoices) {
    const { model, trainedOn, trainingInvoices } = await currentPaymentModel(executor, tenantId, currency, asOf, settled);
    const index = indexPaymentHistory(history);
    method = `payment model trained on ${trainingInvoices} settled invoices as of ${trainedOn}`;
    for (const item of open) {
      if (autopayCustomers.has(item.customerId)) receipts.push({ source: 'autopay', expectedOn: item.dueDate, amountMinor: item.amountMinor });
      else receipts.push({ source: 'invoices', expectedOn: predictInvoice(model, invoiceFeatures(index, item, asOf)).predictedPaymentDate, amountMinor: item.amountMinor });
    }
  } else {
    const delays = new Map<string, { sum: number; n: number }>();
    for (const s of settled) {
      const d = delays.get(s.customerId) ?? { sum: 0, n: 0 };
      d.sum += Temporal.PlainDate.from(s.dueDate).until(Temporal.PlainDate.from(s.settledDate as string)).days;
      d.n++;
      delays.set(s.customerId, d);
    }
    method = `due date plus each customer's mean delay (${settled.length} settled invoices: too few to train the model)`;
    for (const item of open) {
      const d = delays.get(item.customerId);
      const delay = d ? Math.round(d.sum / d.n) : 0;
      const expectedOn = Temporal.PlainDate.from(item.dueDate).add({ days: autopayCustomers.has(item.customerId) ? 0 : delay }).toString();
      receipts.push({ source: autopayCustomers.has(item.customerId) ? 'autopay' : 'invoices', expectedOn, amountMinor: item.amountMinor });
    }
  }
  const orders = await queryRows<{ remaining: unknown; terms: number }>(
    executor,
    sql`select (o.total_minor - o.invoiced_minor)::text as remaining, c.payment_terms_days as terms
          from sales_orders o join customers c on c.id = o.customer_id
         where o.tenant_id = ${tenantId} and o.currency = ${currency} and o.status in ('confirmed', 'partially_fulfilled', 'fulfilled') and o.total_minor > o.invoiced_minor`,
  );
  for (const o of orders) {
    receipts.push({ source: 'orders', expectedOn: Temporal.PlainDate.from(asOf).add({ days: orderInvoicingLagDays + Number(o.terms) }).toString(), amountMinor: toBigInt(o.remaining) });
  }
  return { receipts, method };
}

/** A model is reused for this many days before it is trained again on the newer history. */
export const modelRetrainDays = 7;

/**
 * The tenant's payment model for asOf: the stored one when it learned from history up to a date within the last week
 * (and not after asOf: a replayed past day never sees the future), else a model trained now on what was settled by
 * asOf, stored when it is the newest.
 */
async function currentPaymentModel(executor: Executor, tenantId: string, currency: string, asOf: string, settled: readonly PaymentHistoryItem[]): Promise<{ model: PaymentModel; trainedOn: string; trainingInvoices: number }> {
  const [stored] = await executor.select().from(paymentModels).where(and(eq(paymentModels.tenantId, tenantId), eq(paymentModels.currency, currency)));
  const age = stored ? Temporal.PlainDate.from(stored.trainedOn).until(Temporal.PlainDate.from(asOf)).days : -1;
  if (stored && age >= 0 && age < modelRetrainDays) return { model: stored.model as PaymentModel, trainedOn: stored.trainedOn, trainingInvoices: stored.trainingInvoices };
  const model = trainPaymentModel(settled);
  if (!stored || stored.trainedOn < asOf) {
    const values = { trainedOn: asOf, trainingInvoices: settled.length, model: JSON.parse(JSON.stringify(model)) as unknown, createdAt: new Date() };
    await executor.insert(paymentModels).values({ tenantId, currency, ...values }).onConflictDoUpdate({ target: [paymentModels.tenantId, paymentModels.currency], set: values, where: sql`${paymentModels.trainedOn} < ${asOf}` });
  }
  return { model, trainedOn: asOf, trainingInvoices: settled.length };
}

export async function cashForecast(executor: Executor, tenantId: string, currency: string, asOf: string) {
  const { receipts, method } = await expectedReceipts(executor, tenantId, currency, asOf);
  return { asOf, currency, method, ...buildCashForecast(asOf, receipts) };
}

/** Daily task: keeps the day's forecast per currency with open items, so it can be judged later. Once per date. */
export async function recordCashForecasts(db: Database, tenantId: string, asOf: string): Promise<Record<string, unknown>> {
  const currencies = await queryRows<{ currency: string }>(db, sql`select distinct currency from invoices where tenant_id = ${tenantId} and kind = 'invoice' and open_minor > 0`);
  let recorded = 0;
  for (const { currency } of currencies) {
    const [existing] = await db.select({ id: cashForecasts.id }).from(cashForecasts).where(and(eq(cashForecasts.tenantId, tenantId), eq(cashForecasts.madeOn, asOf), eq(cashForecasts.currency, currency)));
    if (existing) continue;
    const forecast = await cashForecast(db, tenantId, currency, asOf);
    const inserted = await db
      .insert(cashForecasts)
      .values({ id: newId(), tenantId, madeOn: asOf, currency, horizonDays: forecast.days.length, days: forecast.days.map((d) => ({ date: d.date, invoicesMinor: d.invoicesMinor.toString(), autopayMinor: d.autopayMinor.toString(), ordersMinor: d.ordersMinor.toString() })) })
      .onConflictDoNothing()
      .returning({ id: cashForecasts.id });
    recorded += inserted.length;
  }
  return { recorded };
}

/** A stored forecast against what really came in (payments received and not reversed, by value date). */
export async function forecastAgainstActual(executor: Executor, tenantId: string, currency: string, madeOn: string, today: string): Promise<Result<{ madeOn: string; currency: string; accuracy: ForecastAccuracy }>> {
  const [stored] = await executor.select().from(cashForecasts).where(and(eq(cashForecasts.tenantId, tenantId), eq(cashForecasts.madeOn, madeOn), eq(cashForecasts.currency, currency)));
  if (!stored) return fail('not_found', `no forecast was recorded on ${madeOn} in ${currency} (the daily run records one each day)`);
  const days = (stored.days as Array<{ date: string; invoicesMinor: string; autopayMinor: string; ordersMinor: string }>).map((d) => ({ date: d.date, amountMinor: BigInt(d.invoicesMinor) + BigInt(d.autopayMinor) + BigInt(d.ordersMinor) }));
  const last = days.at(-1)?.date ?? madeOn;
  const actual = await queryRows<{ day: string; amount: unknown }>(
    executor,
    sql`select value_date::text as day, sum(amount_minor)::text as amount from payments
         where tenant_id = ${tenantId} and currency = ${currency} and value_date > ${madeOn} and value_date <= ${last}
           and (reversed_on is null or reversed_on > ${today})
         group by value_date`,
  );
  return ok({ madeOn, currency, accuracy: forecastAccuracy(weeklyTotals(days), actual.map((a) => ({ date: a.day, amountMinor: toBigInt(a.amount) })), today) });
}

// ---- collections KPIs ----

/** Disputes and promises of the scope that matter for a period (opened or due by its end). */
async function collectionsRecords(executor: Executor, scope: KpiScope, p: Period): Promise<{ disputes: DisputeRecord[]; promises: PromiseToPay[]; issuedCount: number; issuedAmount: Money }> {
  const end = p.end.toString();
  const disputeRows = await queryRows<{ id: string; invoice_id: string; amount: unknown; opened_on: string; resolved_on: string | null }>(
    executor,
    sql`select d.id::text as id, d.invoice_id::text as invoice_id, d.amount_minor::text as amount, d.opened_on::text as opened_on, d.resolved_on::text as resolved_on
          from disputes d where ${scopeFilter(scope, 'd')} and d.opened_on <= ${end}`,
  );
  const promiseRows = await queryRows<{ id: string; made_by: string; made_on: string; promised_on: string; amount: unknown; paid: unknown; status: string }>(
    executor,
    sql`select pr.id::text as id, pr.made_by, pr.made_on::text as made_on, pr.promised_on::text as promised_on, pr.amount_minor::text as amount, pr.status,
               (select coalesce(sum(pm.amount_minor), 0) from payments pm where pm.tenant_id = pr.tenant_id and pm.customer_id = pr.customer_id and pm.currency = pr.currency
                   and pm.status = 'received' and pm.value_date between pr.made_on and pr.promised_on)::text as paid
          from promises_to_pay pr where ${scopeFilter(scope, 'pr')} and pr.made_on <= ${end}`,
  );
  const [issued] = await queryRows<{ n: number; amount: unknown }>(
    executor,
    sql`select count(*)::int as n, coalesce(sum(i.total_minor), 0)::text as amount from invoices i
         where ${scopeFilter(scope, 'i')} and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date between ${p.start.toString()} and ${end}`,
  );
  return {
    disputes: disputeRows.map((d) => ({ disputeId: d.id, invoiceId: d.invoice_id, currency: scope.currency, amountMinor: toBigInt(d.amount), openedDate: d.opened_on, resolvedDate: d.resolved_on })),
    promises: promiseRows.map((r) => ({
      promiseId: r.id, collectorId: r.made_by.startsWith('portal:') ? null : r.made_by, currency: scope.currency, madeDate: r.made_on, promisedDate: r.promised_on,
      promisedAmountMinor: toBigInt(r.amount), paidByPromisedDateMinor: toBigInt(r.paid),
    })),
    issuedCount: Number(issued?.n ?? 0),
    issuedAmount: { amountMinor: toBigInt(issued?.amount), currency: scope.currency },
  };
}

/** Dispute rate (by count and amount), average days to resolve and promise-kept rate for a period. */
export async function collectionsKpis(executor: Executor, scope: KpiScope, from: string, to: string) {
  const p = period(from, to);
  const records = await collectionsRecords(executor, scope, p);
  const rates = disputeRate({ period: p, issuedInvoiceCount: records.issuedCount, issuedAmount: records.issuedAmount, disputes: records.disputes });
  return [rates.countRate, rates.amountRate, averageDaysToResolve({ period: p, disputes: records.disputes }), promiseKeptRate({ period: p, promises: records.promises }).keptRate];
}

/**
 * Each collector's results for a period: contacts logged (calls, emails, notes, letters) by channel, promises taken
 * and kept, and money collected — payments received in the period from the customers assigned to the collector by
 * hand (customer collection settings), per currency.
 */
export async function collectorResults(executor: Executor, tenantId: string, from: string, to: string): Promise<CollectorPerformance[]> {
  const p = period(from, to);
  const contacts = await queryRows<{ actor: string; occurred_on: string; kind: string }>(
    executor,
    sql`select actor, occurred_on::text as occurred_on, kind from collection_activities
         where tenant_id = ${tenantId} and kind in ('call', 'email', 'note', 'letter') and occurred_on between ${from} and ${to} and actor not like 'system:%'`,
  );
  const promiseRows = await queryRows<{ id: string; made_by: string; currency: string; made_on: string; promised_on: string; amount: unknown; paid: unknown; status: string }>(
    executor,
    sql`select id::text as id, made_by, currency, made_on::text as made_on, promised_on::text as promised_on, amount_minor::text as amount, coalesce(paid_minor, 0)::text as paid, status
          from promises_to_pay where tenant_id = ${tenantId} and made_on <= ${to} and made_by not like 'portal:%'`,
  );
  const paymentRows = await queryRows<{ collector: string; value_date: string; currency: string; amount: unknown }>(
    executor,
    sql`select s.collector, p.value_date::text as value_date, p.currency, p.amount_minor::text as amount
          from payments p join customer_collection_settings s on s.tenant_id = p.tenant_id and s.customer_id = p.customer_id
         where p.tenant_id = ${tenantId} and s.collector is not null and p.status = 'received' and p.value_date between ${from} and ${to}`,
  );
  return collectorPerformance({
    period: p,
    contacts: contacts.map((c) => ({ collectorId: c.actor, date: c.occurred_on, channel: c.kind })),
    promises: promiseRows.map((r) => ({
      promiseId: r.id, collectorId: r.made_by, currency: r.currency, madeDate: r.made_on, promisedDate: r.promised_on, promisedAmountMinor: toBigInt(r.amount),
      paidByPromisedDateMinor: r.status === 'kept' ? toBigInt(r.amount) : toBigInt(r.paid),
    })),
    payments: paymentRows.map((r) => ({ collectorId: r.collector, date: r.value_date, currency: r.currency, amountMinor: toBigInt(r.amount) })),
  });
}
