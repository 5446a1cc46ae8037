/**
 * AR KPIs from the books: the shell that gathers receivables, sales and settlements for a period with a few grouped
 * queries, and hands them to the pure formulas in kpi.ts. Everything is rebuilt as of the period's dates from the
 * documents and allocations, so a past period reads the same today as it did then.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { formatMinor, type Money } from '../../kernel/money.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { creditLimitChanges, customers } from '../customers/schema.js';
import { emitEvent } from '../events/service.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { staffUsers } from '../identity/schema.js';
import { findTenant } from '../identity/service.js';
import { emailOutbox } from '../notifications/schema.js';
import { indexPaymentHistory, invoiceFeatures, type PaymentHistoryItem } from '../prediction/features.js';
import { customerRiskScore, predictInvoice, trainPaymentModel, type OpenInvoiceRisk, type PaymentModel } from '../prediction/model.js';
import { buildCashForecast, forecastAccuracy, weeklyTotals, type ExpectedReceipt, type ForecastAccuracy } from './forecast.js';
import {
  customerChangeFor,
  recommendationCoolOffDays,
  recommendationWindow,
  recommendCreditChanges,
  withoutRecentlyDecided,
  type RecommendationKind,
  type SettledInvoiceRecord,
} from './recommendations.js';
import { cashForecasts, creditRecommendations, customerRiskScores, kpiDigests, kpiTargets, paymentModels, receivableDayTotals } from './schema.js';
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
  averageDaysToPayFromTotals,
  bestPossibleDso,
  collectionEffectivenessIndex,
  dsoCountback,
  dsoStandard,
  percentageCurrent,
  type SalesMonth,
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

/**
 * Where the KPIs read from. `day_totals`: receivable_day_totals, a few rows per day kept by triggers in the transaction
 * that changes an invoice or inserts an allocation; tenant-wide only (it has no customer). `documents`: the invoices and
 * allocations themselves, for a customer or segment, and as the reference the day totals are tested against.
 */
export type KpiSource = 'day_totals' | 'documents';

function sourceFor(scope: KpiScope): KpiSource {
  return scope.customerId || scope.segment ? 'documents' : 'day_totals';
}

/** Open invoices as of the end of `asOf` (rebuilt from allocations up to that date): total, and current (not yet due). */
export async function receivablesAsOf(executor: Executor, scope: KpiScope, asOf: string): Promise<{ total: Money; current: Money }> {
  const [at] = await receivablesOnDates(executor, scope, [asOf]);
  return at ?? { total: { amountMinor: 0n, currency: scope.currency }, current: { amountMinor: 0n, currency: scope.currency } };
}

/**
 * Receivables (open invoices, and the part not yet due) at the end of each of `dates` (ascending, distinct), in the
 * order given, with one grouped query however many dates. The dates are numbered 0…n−1 and width_bucket(x, dates)
 * counts the dates on or before x.
 * - From the day totals: the balance on D is the sum of the day changes up to D; a day's changes count for the dates
 *   from it on (from index width_bucket(day − 1)).
 * - From the documents: an invoice issued on or before D is open on D by what is open now plus what was applied to it
 *   after D. So only the invoices open now (settled_on null) and the allocations dated after the first date are read;
 *   each contributes to the dates from its issue date on (and to "current" up to its due date), an allocation only to
 *   the dates before it was made.
 */
export async function receivablesOnDates(
  executor: Executor,
  scope: KpiScope,
  dates: readonly string[],
  source: KpiSource = sourceFor(scope),
): Promise<Array<{ total: Money; current: Money }>> {
  const n = dates.length;
  const first = dates[0];
  const last = dates[n - 1];
  if (first === undefined || last === undefined) return [];
  if (source === 'day_totals' && (scope.customerId || scope.segment)) throw new RangeError('the day totals are per tenant and currency: a customer or segment reads the documents');
  const ds = sql`array[${sql.join(dates.map((d) => sql`${d}`), sql`, `)}]::date[]`;
  const total = dates.map(() => 0n);
  const current = dates.map(() => 0n);
  if (source === 'day_totals') {
    const rows = await queryRows<{ k: number; total: unknown; current: unknown }>(
      executor,
      sql`select width_bucket(t.day - 1, ${ds}) as k, sum(t.receivables_minor)::text as total, sum(t.current_receivables_minor)::text as current
            from ${receivableDayTotals} t
           where t.tenant_id = ${scope.tenantId} and t.currency = ${scope.currency} and t.day <= ${last}
           group by 1`,
    );
    const changeTotal = dates.map(() => 0n);
    const changeCurrent = dates.map(() => 0n);
    for (const r of rows) {
      const k = Number(r.k);
      if (k >= n) continue;
      changeTotal[k] = (changeTotal[k] ?? 0n) + toBigInt(r.total);
      changeCurrent[k] = (changeCurrent[k] ?? 0n) + toBigInt(r.current);
    }
    let runningTotal = 0n;
    let runningCurrent = 0n;
    for (let k = 0; k < n; k++) {
      runningTotal += changeTotal[k] ?? 0n;
      runningCurrent += changeCurrent[k] ?? 0n;
      total[k] = runningTotal;
      current[k] = runningCurrent;
    }
  } else {
    const rows = await queryRows<{ k_from: number; k_due: number | null; k_to: number | null; amount: unknown }>(
      executor,
      sql`select m.k_from, m.k_due, m.k_to, sum(m.amount)::text as amount
            from (
              select width_bucket(i.issue_date - 1, ${ds}) as k_from, width_bucket(i.due_date, ${ds}) as k_due, null::int as k_to, i.open_minor as amount
                from invoices i
               where ${scopeFilter(scope, 'i')} and i.kind = 'invoice' and i.status <> 'draft' and i.settled_on is null and i.open_minor <> 0
                 and i.issue_date <= ${last}
              union all
              select width_bucket(i.issue_date - 1, ${ds}), width_bucket(i.due_date, ${ds}), width_bucket(a.applied_on - 1, ${ds}), a.amount_minor
                from allocations a join invoices i on i.id = a.invoice_id
               where a.tenant_id = ${scope.tenantId} and a.applied_on > ${first}
                 and ${scopeFilter(scope, 'i')} and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date <= ${last}
            ) m
           group by m.k_from, m.k_due, m.k_to`,
    );
    for (const r of rows) {
      const amount = toBigInt(r.amount);
      const until = Math.min(r.k_to === null ? n : Number(r.k_to), n);
      const dueUntil = Math.min(until, r.k_due === null ? 0 : Number(r.k_due));
      for (let k = Number(r.k_from); k < until; k++) {
        total[k] = (total[k] ?? 0n) + amount;
        if (k < dueUntil) current[k] = (current[k] ?? 0n) + amount;
      }
    }
  }
  return dates.map((_, k) => ({ total: { amountMinor: total[k] ?? 0n, currency: scope.currency }, current: { amountMinor: current[k] ?? 0n, currency: scope.currency } }));
}

export interface IssuedOn {
  day: string;
  /** Net credit sales: invoices less credit notes issued that day. */
  netSales: bigint;
  invoices: number;
  invoicesMinor: bigint;
}

/** Per issue date between two dates (days with nothing issued left out): net credit sales and the invoices issued. */
export async function issuedPerDay(executor: Executor, scope: KpiScope, from: string, to: string, source: KpiSource = sourceFor(scope)): Promise<IssuedOn[]> {
  const rows = await queryRows<{ day: string; net: unknown; invoices: number; invoices_minor: unknown }>(
    executor,
    source === 'day_totals'
      ? sql`select t.day::text as day, sum(t.net_sales_minor)::text as net, sum(t.invoices_issued)::int as invoices, sum(t.invoices_issued_minor)::text as invoices_minor
              from ${receivableDayTotals} t
             where t.tenant_id = ${scope.tenantId} and t.currency = ${scope.currency} and t.day between ${from} and ${to}
             group by t.day
            having sum(t.net_sales_minor) <> 0 or sum(t.invoices_issued) <> 0
             order by t.day`
      : sql`select i.issue_date::text as day,
                   sum(case when i.kind = 'invoice' then i.total_minor when i.kind = 'credit_note' then -i.total_minor else 0 end)::text as net,
                   (count(*) filter (where i.kind = 'invoice'))::int as invoices,
                   coalesce(sum(i.total_minor) filter (where i.kind = 'invoice'), 0)::text as invoices_minor
              from invoices i
             where ${scopeFilter(scope, 'i')} and i.status <> 'draft' and i.kind in ('invoice', 'credit_note')
               and i.issue_date between ${from} and ${to}
             group by i.issue_date
             order by i.issue_date`,
  );
  return rows.map((r) => ({ day: r.day, netSales: toBigInt(r.net), invoices: Number(r.invoices), invoicesMinor: toBigInt(r.invoices_minor) }));
}

function issuedIn(days: readonly IssuedOn[], p: Period): { netSales: bigint; invoices: number; invoicesMinor: bigint } {
  const from = p.start.toString();
  const to = p.end.toString();
  const sum = { netSales: 0n, invoices: 0, invoicesMinor: 0n };
  for (const d of days) {
    if (d.day < from || d.day > to) continue;
    sum.netSales += d.netSales;
    sum.invoices += d.invoices;
    sum.invoicesMinor += d.invoicesMinor;
  }
  return sum;
}

/** The invoices settled on one day, with the sums average days to pay depends on. */
export interface SettledOn {
  day: string;
  invoices: number;
  totalMinor: bigint;
  /** Σ (settled date − issue date) and Σ total × (settled date − issue date). */
  daysSum: number;
  amountDaysSum: bigint;
}

/**
 * Invoices (positive total) paid in full between two dates, by settled_on (the date of the allocation that settled
 * them), summed per settlement day: from the day totals, or from the invoices.
 */
export async function settledPerDay(executor: Executor, scope: KpiScope, from: string, to: string, source: KpiSource = sourceFor(scope)): Promise<SettledOn[]> {
  const rows = await queryRows<{ day: string; n: number; total: unknown; days: unknown; amount_days: unknown }>(
    executor,
    source === 'day_totals'
      ? sql`select t.day::text as day, sum(t.invoices_settled)::int as n, sum(t.settled_minor)::text as total, sum(t.settled_days)::text as days,
                   sum(t.settled_amount_days)::text as amount_days
              from ${receivableDayTotals} t
             where t.tenant_id = ${scope.tenantId} and t.currency = ${scope.currency} and t.day between ${from} and ${to}
             group by t.day
            having sum(t.invoices_settled) <> 0
             order by t.day`
      : sql`select i.settled_on::text as day, count(*)::int as n, sum(i.total_minor)::text as total, sum(i.settled_on - i.issue_date)::text as days,
                   sum(i.total_minor::numeric * (i.settled_on - i.issue_date))::text as amount_days
              from invoices i
             where ${scopeFilter(scope, 'i')} and i.kind = 'invoice' and i.total_minor > 0 and i.settled_on between ${from} and ${to}
             group by i.settled_on
             order by i.settled_on`,
  );
  return rows.map((r) => ({ day: r.day, invoices: Number(r.n), totalMinor: toBigInt(r.total), daysSum: Number(toBigInt(r.days)), amountDaysSum: toBigInt(r.amount_days) }));
}

/** Average days to pay of the invoices settled in a period, from the per-day sums (no row per invoice). */
function daysToPayIn(days: readonly SettledOn[], p: Period, currency: string): ReturnType<typeof averageDaysToPayFromTotals> {
  const from = p.start.toString();
  const to = p.end.toString();
  let invoiceCount = 0;
  let daysSum = 0;
  let amountDaysSum = 0n;
  let totalAmountMinor = 0n;
  for (const d of days) {
    if (d.day < from || d.day > to) continue;
    invoiceCount += d.invoices;
    daysSum += d.daysSum;
    amountDaysSum += d.amountDaysSum;
    totalAmountMinor += d.totalMinor;
  }
  return averageDaysToPayFromTotals({ currency, period: p, invoiceCount, daysSum, amountDaysSum, totalAmountMinor });
}

/** Months of history the countback DSO may walk back through. */
export const countbackMonths = 24;

interface KpiInputs {
  period: Period;
  beginning: Money;
  ending: Money;
  endingCurrent: Money;
  creditSales: Money;
  salesMonths: SalesMonth[];
  daysToPay: ReturnType<typeof averageDaysToPayFromTotals>;
  issuedCount: number;
  issuedAmount: Money;
  disputes: DisputeRecord[];
  promises: PromiseToPay[];
}

const minDate = (dates: readonly string[]) => dates.reduce((a, b) => (b < a ? b : a));
const maxDate = (dates: readonly string[]) => dates.reduce((a, b) => (b > a ? b : a));

/**
 * What the KPIs of each period need, for any number of periods with the same few grouped queries: receivables at every
 * period's start (the day before) and end in one query, issues per day and settlements per pair of dates over the
 * whole span (the countback's 24 months before the first period included), disputes and promises up to the last end.
 */
async function kpiInputs(executor: Executor, scope: KpiScope, periods: readonly Period[]): Promise<KpiInputs[]> {
  if (periods.length === 0) return [];
  const money = (amountMinor: bigint): Money => ({ amountMinor, currency: scope.currency });
  const starts = periods.map((p) => p.start.toString());
  const ends = periods.map((p) => p.end.toString());
  const dates = [...new Set([...periods.map((p) => p.start.subtract({ days: 1 }).toString()), ...ends])].sort();
  // Countback walks whole calendar months back from each period's end (the last one cut at the end).
  const countback = periods.map((p) => trailingMonths(p.end, countbackMonths));
  const salesFrom = minDate([...starts, ...countback.map((months) => (months[0] as Period).start.toString())]);
  const [receivables, issued, daysToPay, records] = await Promise.all([
    receivablesOnDates(executor, scope, dates),
    issuedPerDay(executor, scope, salesFrom, maxDate(ends)),
    settledPerDay(executor, scope, minDate(starts), maxDate(ends)).then((settled) => periods.map((p) => daysToPayIn(settled, p, scope.currency))),
    collectionsRecords(executor, scope, maxDate(ends)),
  ]);
  const at = (date: string) => receivables[dates.indexOf(date)] ?? { total: money(0n), current: money(0n) };
  return periods.map((p, i) => {
    const end = p.end.toString();
    const ending = at(end);
    const inPeriod = issuedIn(issued, p);
    return {
      period: p,
      beginning: at(p.start.subtract({ days: 1 }).toString()).total,
      ending: ending.total,
      endingCurrent: ending.current,
      creditSales: money(inPeriod.netSales),
      salesMonths: (countback[i] ?? []).map((m) => ({ period: m, creditSales: money(issuedIn(issued, m).netSales) })),
      daysToPay: daysToPay[i] as ReturnType<typeof averageDaysToPayFromTotals>,
      issuedCount: inPeriod.invoices,
      issuedAmount: money(inPeriod.invoicesMinor),
      // Disputes and promises that matter for the period: opened or made by its end.
      disputes: records.disputes.filter((d) => String(d.openedDate) <= end),
      promises: records.promises.filter((pr) => String(pr.madeDate) <= end),
    };
  });
}

function kpiReport(scope: KpiScope, inputs: KpiInputs) {
  const { period: p, beginning, ending, endingCurrent, creditSales } = inputs;
  const turnover = arTurnover({ beginningReceivables: beginning, endingReceivables: ending, creditSales, period: p });
  const { daysToPay } = inputs;
  return {
    period: describePeriod(p),
    currency: scope.currency,
    receivables: { beginning, ending, endingCurrent },
    creditSales,
    figures: [
      dsoStandard({ endingReceivables: ending, creditSales, period: p }),
      dsoCountback({ endingReceivables: ending, months: inputs.salesMonths }),
      bestPossibleDso({ currentReceivables: endingCurrent, creditSales, period: p }),
      averageDaysDelinquent({ totalReceivables: ending, currentReceivables: endingCurrent, creditSales, period: p }),
      collectionEffectivenessIndex({ beginningReceivables: beginning, creditSales, endingReceivables: ending, endingCurrentReceivables: endingCurrent }),
      turnover.turnover,
      turnover.averageCollectionPeriod,
      percentageCurrent({ totalReceivables: ending, currentReceivables: endingCurrent }),
      daysToPay.simple,
      daysToPay.amountWeighted,
      ...collectionsFigures(inputs),
    ],
  };
}

export async function kpisForPeriod(executor: Executor, scope: KpiScope, from: string, to: string) {
  const [inputs] = await kpiInputs(executor, scope, [period(from, to)]);
  return kpiReport(scope, inputs as KpiInputs);
}

export type KpiReport = ReturnType<typeof kpiReport>;

/**
 * The same KPIs for each calendar month of the last `months` months up to `to` (the last month cut at `to`): the
 * figures of each month equal its own kpisForPeriod, from one set of grouped queries for all the months.
 */
export async function kpiTrend(executor: Executor, scope: KpiScope, to: string, months: number): Promise<Array<{ period: PeriodSummary; figures: KpiReport['figures'] }>> {
  const end = Temporal.PlainDate.from(to);
  const start = end.subtract({ months: months - 1 }).with({ day: 1 });
  const inputs = await kpiInputs(executor, scope, monthlyPeriods(period(start, end)));
  return inputs.map((i) => {
    const report = kpiReport(scope, i);
    return { period: report.period, figures: report.figures };
  });
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

/** The payment model of a tenant and currency as used on asOf. */
interface StoredPaymentModel {
  readonly model: PaymentModel;
  readonly trainedOn: string;
  readonly trainingInvoices: number;
}

/**
 * What the forecast and the risk scores learn from on asOf: the tenant's invoices in the currency (newest first, at
 * most maxTrainingInvoices), those settled by asOf, and the payment model (currentPaymentModel) when at least
 * minTrainingInvoices were settled — null below that, where each caller applies its documented fallback.
 */
async function paymentOutlook(executor: Executor, tenantId: string, currency: string, asOf: string): Promise<{ history: PaymentHistoryItem[]; settled: PaymentHistoryItem[]; model: StoredPaymentModel | null }> {
  const history = await paymentHistory(executor, tenantId, currency);
  const settled = history.filter((h) => h.settledDate !== null && h.settledDate <= asOf);
  const model = settled.length >= minTrainingInvoices ? await currentPaymentModel(executor, tenantId, currency, asOf, settled) : null;
  return { history, settled, model };
}

/**
 * The receipts expected after asOf: open invoices at the date the payment model predicts (trained on this tenant's own
 * history; with too little history, the due date shifted by the customer's mean delay), invoices of autopay customers
 * on their due date, and confirmed orders not yet invoiced on their terms after an invoicing lag.
 */
export async function expectedReceipts(executor: Executor, tenantId: string, currency: string, asOf: string): Promise<{ receipts: ExpectedReceipt[]; method: string }> {
  const { history, settled, model: stored } = await paymentOutlook(executor, tenantId, currency, asOf);
  const open = history.filter((h) => h.settledDate === null);
  const autopayCustomers = new Set(
    (await queryRows<{ customer_id: string }>(executor, sql`select distinct customer_id::text as customer_id from stored_cards where tenant_id = ${tenantId} and autopay and status = 'active'`)).map((r) => r.customer_id),
  );
  const receipts: ExpectedReceipt[] = [];
  let method: string;
  if (stored) {
    const { model, trainedOn, trainingInvoices } = stored;
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
async function currentPaymentModel(executor: Executor, tenantId: string, currency: string, asOf: string, settled: readonly PaymentHistoryItem[]): Promise<StoredPaymentModel> {
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

/** Disputes opened and promises to pay made by `end` in the scope (each period takes those opened or made by its own end). */
async function collectionsRecords(executor: Executor, scope: KpiScope, end: string): Promise<{ disputes: DisputeRecord[]; promises: PromiseToPay[] }> {
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
  return {
    disputes: disputeRows.map((d) => ({ disputeId: d.id, invoiceId: d.invoice_id, currency: scope.currency, amountMinor: toBigInt(d.amount), openedDate: d.opened_on, resolvedDate: d.resolved_on })),
    promises: promiseRows.map((r) => ({
      promiseId: r.id, collectorId: r.made_by.startsWith('portal:') ? null : r.made_by, currency: scope.currency, madeDate: r.made_on, promisedDate: r.promised_on,
      promisedAmountMinor: toBigInt(r.amount), paidByPromisedDateMinor: toBigInt(r.paid),
    })),
  };
}

function collectionsFigures(inputs: Pick<KpiInputs, 'period' | 'issuedCount' | 'issuedAmount' | 'disputes' | 'promises'>) {
  const p = inputs.period;
  const rates = disputeRate({ period: p, issuedInvoiceCount: inputs.issuedCount, issuedAmount: inputs.issuedAmount, disputes: inputs.disputes });
  return [rates.countRate, rates.amountRate, averageDaysToResolve({ period: p, disputes: inputs.disputes }), promiseKeptRate({ period: p, promises: inputs.promises }).keptRate];
}

/** Dispute rate (by count and amount), average days to resolve and promise-kept rate for a period. */
export async function collectionsKpis(executor: Executor, scope: KpiScope, from: string, to: string) {
  const p = period(from, to);
  const [records, issued] = await Promise.all([collectionsRecords(executor, scope, to), issuedPerDay(executor, scope, from, to)]);
  const inPeriod = issuedIn(issued, p);
  return collectionsFigures({ period: p, issuedCount: inPeriod.invoices, issuedAmount: { amountMinor: inPeriod.invoicesMinor, currency: scope.currency }, ...records });
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

// ---- customer risk scores ----

export type CustomerRiskScoreRow = typeof customerRiskScores.$inferSelect;

/** Risk scores are written this many rows per statement. */
export const riskScoreRowsPerStatement = 500;
/**
 * A customer is scored once it has this many invoices of its own settled before asOf. With fewer, the score would be
 * the tenant's average plus the age of what is overdue — which the worklist's bands already weigh — so the risk class
 * set by credit review stays in charge. (3 is also where the customer's own mean outweighs the tenant's in the
 * features, customerMeanShrinkageInvoices, and the least the trend needs.)
 */
export const minSettledInvoicesForRiskScore = 3;

const roundTo = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * The inputs of customerRiskScore for one open invoice on asOf. With a payment model: its prediction. Below the model
 * threshold (the documented fallback): the customer's share of late payments as the probability of paying late, and
 * its mean delay as the expected days late — both from the invoice's features, so shrunk towards the tenant's figures
 * for a customer with little history (customerMeanShrinkageInvoices). Either way what is already known on asOf wins:
 * an invoice past its due date is late (probability 1) by at least the days it is overdue.
 */
function openInvoiceRisk(item: PaymentHistoryItem, features: ReturnType<typeof invoiceFeatures>, model: PaymentModel | null, asOf: string): OpenInvoiceRisk {
  const estimate = model
    ? predictInvoice(model, features)
    : { probabilityLate: features.values.shareLate, expectedDaysLate: features.values.meanDaysLate };
  const daysOverdue = Temporal.PlainDate.from(item.dueDate).until(Temporal.PlainDate.from(asOf)).days;
  return daysOverdue > 0
    ? { amountMinor: item.amountMinor, probabilityLate: 1, expectedDaysLate: Math.max(estimate.expectedDaysLate, daysOverdue) }
    : { amountMinor: item.amountMinor, probabilityLate: estimate.probabilityLate, expectedDaysLate: estimate.expectedDaysLate };
}

/**
 * Daily task: each customer's risk score (0–100, customerRiskScore of prediction/model.ts) as of asOf, from every
 * currency it has invoices in: the open invoices as of asOf (issued by then, not settled by then) with their
 * predictions, the trend of days late per invoice and the share of late payments, all as known at the start of asOf.
 * The payment model is the stored one (reused for a week, the same the forecast uses); with fewer than
 * minTrainingInvoices settled invoices the fallback of openInvoiceRisk applies. Customers with fewer than
 * minSettledInvoicesForRiskScore settled invoices are not scored. One row per customer (upserted; a
 * customer invoiced in several currencies keeps its highest score); a replayed past day never overwrites a newer score.
 */
export async function recordRiskScores(db: Database, tenantId: string, asOf: string, heartbeat: () => Promise<void> = async () => {}): Promise<Record<string, unknown>> {
  const currencies = await queryRows<{ currency: string }>(
    db,
    sql`select distinct currency from invoices where tenant_id = ${tenantId} and kind = 'invoice' and status <> 'draft' and issue_date <= ${asOf} order by currency`,
  );
  const scores = new Map<string, { score: number; details: Record<string, unknown> }>();
  const methods: Record<string, string> = {};
  for (const { currency } of currencies) {
    const { history, settled, model: stored } = await paymentOutlook(db, tenantId, currency, asOf);
    const known = history.filter((h) => h.invoiceDate <= asOf);
    if (known.length === 0) continue;
    const index = indexPaymentHistory(history);
    const method = stored
      ? `payment model trained on ${stored.trainingInvoices} settled invoices as of ${stored.trainedOn}`
      : `each customer's share of late payments and mean delay (${settled.length} settled invoices: too few to train the model)`;
    methods[currency] = method;
    const openByCustomer = new Map<string, PaymentHistoryItem[]>();
    for (const item of known) {
      const list = openByCustomer.get(item.customerId) ?? [];
      if (item.settledDate === null || item.settledDate > asOf) list.push(item);
      openByCustomer.set(item.customerId, list);
    }
    for (const [customerId, open] of openByCustomer) {
      // The customer's record as known at the start of asOf, through a probe invoice that is not in its history.
      const probe: PaymentHistoryItem = { customerId, invoiceId: '', invoiceDate: asOf, dueDate: asOf, settledDate: null, amountMinor: 0n, currency, disputed: false };
      const record = invoiceFeatures(index, probe, asOf).values;
      if (record.priorSettledCount < minSettledInvoicesForRiskScore) continue;
      const risks = open.map((item) => openInvoiceRisk(item, invoiceFeatures(index, item, asOf), stored?.model ?? null, asOf));
      const risk = customerRiskScore(risks, record.trendDaysLatePerInvoice, record.shareLate);
      const previous = scores.get(customerId);
      if (previous && previous.score >= risk.score) continue;
      scores.set(customerId, {
        score: risk.score,
        details: {
          formula: 'score = 100 × (0.60 × P + 0.25 × S + 0.15 × W), rounded',
          currency,
          method: stored ? 'payment_model' : 'customer_history',
          basis: method,
          openInvoices: open.length,
          overdueInvoices: open.filter((o) => o.dueDate < asOf).length,
          openAmountMinor: open.reduce((s, o) => s + o.amountMinor, 0n).toString(),
          weightedProbabilityLate: roundTo(risk.weightedProbabilityLate, 3),
          severity: roundTo(risk.severity, 3),
          worsening: roundTo(risk.worsening, 3),
          trendDaysLatePerInvoice: roundTo(record.trendDaysLatePerInvoice, 2),
          historicalShareLate: roundTo(record.shareLate, 3),
          meanDaysLate: roundTo(record.meanDaysLate, 1),
          settledInvoices: record.priorSettledCount,
        },
      });
    }
    await heartbeat();
  }
  const rows = [...scores].map(([customerId, s]) => ({ tenantId, customerId, score: s.score, computedOn: asOf, details: s.details }));
  for (let i = 0; i < rows.length; i += riskScoreRowsPerStatement) {
    await db
      .insert(customerRiskScores)
      .values(rows.slice(i, i + riskScoreRowsPerStatement))
      .onConflictDoUpdate({
        target: [customerRiskScores.tenantId, customerRiskScores.customerId],
        set: { score: sql`excluded.score`, computedOn: sql`excluded.computed_on`, details: sql`excluded.details` },
        setWhere: sql`${customerRiskScores.computedOn} <= excluded.computed_on`,
      });
  }
  return { scored: rows.length, methods };
}

export async function riskScoreOf(executor: Executor, tenantId: string, customerId: string): Promise<Result<CustomerRiskScoreRow>> {
  const [customer] = await executor.select({ id: customers.id }).from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  if (!customer) return fail('not_found', `no customer ${customerId}`);
  const [row] = await executor.select().from(customerRiskScores).where(and(eq(customerRiskScores.tenantId, tenantId), eq(customerRiskScores.customerId, customerId)));
  if (!row) return fail('not_found', 'no risk score yet for this customer: the daily run scores customers with invoices');
  return ok(row);
}

// ---- credit recommendations ----

export type CreditRecommendationRow = typeof creditRecommendations.$inferSelect;

/** Bounded work per run: at most this many settled invoices of the window are read. */
export const maxRecommendationInvoices = 200_000;
/** Recommendations are written this many rows per statement. */
export const recommendationRowsPerStatement = 500;

/** The month ends inside the window (after its start, before asOf) and asOf itself, for the peak utilisation. */
function utilisationDates(windowStart: string, asOf: string): string[] {
  const dates = [asOf];
  let d = Temporal.PlainDate.from(asOf).with({ day: 1 }).subtract({ days: 1 });
  while (d.toString() > windowStart) {
    dates.push(d.toString());
    d = d.with({ day: 1 }).subtract({ days: 1 });
  }
  return dates;
}

/**
 * Daily task: the credit recommendations of recommendations.ts for every active customer, from its invoices in its
 * own currency settled in the last 12 months as of asOf, its rejected disputes and its peak open receivables against
 * its limit. Only new suggestions are written: an open one of the same customer and kind already exists (the partial
 * unique index credit_recommendations_open_key makes a duplicate impossible), and nothing decided within the cool-off
 * (recommendationCoolOffDays) is suggested again.
 */
export async function suggestCreditRecommendations(db: Database, tenantId: string, asOf: string): Promise<Record<string, unknown>> {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) return { created: 0 };
  const window = recommendationWindow(asOf);
  const customerRows = await db
    .select({ id: customers.id, currency: customers.currency, paymentTermsDays: customers.paymentTermsDays, paymentTermsId: customers.paymentTermsId, creditLimitMinor: customers.creditLimitMinor, riskClass: customers.riskClass, blockedForOrders: customers.blockedForOrders })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), isNull(customers.archivedAt)));
  const settledRows = await queryRows<{ customer_id: string; id: string; due_date: string; settled_on: string }>(
    db,
    sql`select i.customer_id::text as customer_id, i.id::text as id, i.due_date::text as due_date, s.settled_on::text as settled_on
          from invoices i join customers c on c.id = i.customer_id and c.currency = i.currency
          cross join lateral (select max(a.applied_on) as settled_on, coalesce(sum(a.amount_minor), 0) as paid from allocations a
                               where a.tenant_id = i.tenant_id and a.invoice_id = i.id and a.applied_on <= ${asOf}) s
         where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status <> 'draft' and i.due_date is not null and i.total_minor > 0
           and i.issue_date <= ${asOf} and s.paid >= i.total_minor and s.settled_on > ${window.start}
         order by s.settled_on desc limit ${maxRecommendationInvoices}`,
  );
  const lostRows = await queryRows<{ customer_id: string; n: number | string }>(
    db,
    sql`select customer_id::text as customer_id, count(*) as n from disputes
         where tenant_id = ${tenantId} and status = 'rejected' and resolved_on > ${window.start} and resolved_on <= ${asOf} group by customer_id`,
  );
  const dates = utilisationDates(window.start, asOf);
  const peakRows = await queryRows<{ customer_id: string; peak: unknown }>(
    db,
    sql`with ends(on_date) as (values ${sql.join(dates.map((d) => sql`(${d}::date)`), sql`, `)}),
        candidates as (
          select i.id, i.customer_id, i.issue_date, i.total_minor from invoices i
            join customers c on c.id = i.customer_id and c.currency = i.currency and c.credit_limit_minor is not null
           where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date <= ${asOf}
             and (i.open_minor > 0 or exists (select 1 from allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id and a.applied_on > ${window.start}))
        ),
        balances as (
          select k.customer_id, e.on_date,
                 sum(k.total_minor - coalesce((select sum(a.amount_minor) from allocations a where a.tenant_id = ${tenantId} and a.invoice_id = k.id and a.applied_on <= e.on_date), 0)) as open
            from candidates k join ends e on k.issue_date <= e.on_date
           group by k.customer_id, e.on_date
        )
        select customer_id::text as customer_id, max(open)::text as peak from balances group by customer_id`,
  );
  const decidedRows = await queryRows<{ customer_id: string; kind: RecommendationKind; decided_on: string }>(
    db,
    sql`select customer_id::text as customer_id, kind, (decided_at at time zone ${tenant.timeZone})::date::text as decided_on
          from credit_recommendations
         where tenant_id = ${tenantId} and status <> 'open' and decided_at is not null
           and (decided_at at time zone ${tenant.timeZone})::date > ${asOf}::date - ${recommendationCoolOffDays}::int`,
  );
  const settledBy = new Map<string, SettledInvoiceRecord[]>();
  for (const r of settledRows) {
    const list = settledBy.get(r.customer_id) ?? [];
    list.push({ invoiceId: r.id, dueDate: r.due_date, settledDate: r.settled_on });
    settledBy.set(r.customer_id, list);
  }
  const lost = new Map(lostRows.map((r) => [r.customer_id, Number(r.n)]));
  const peaks = new Map(peakRows.map((r) => [r.customer_id, toBigInt(r.peak)]));
  const suggestions = customerRows.flatMap((c) =>
    recommendCreditChanges(
      {
        customerId: c.id, currency: c.currency, paymentTermsDays: c.paymentTermsDays, namedTerms: c.paymentTermsId !== null, creditLimitMinor: c.creditLimitMinor,
        riskClass: c.riskClass, blockedForOrders: c.blockedForOrders, settled: settledBy.get(c.id) ?? [], disputesLost: lost.get(c.id) ?? 0, peakReceivablesMinor: peaks.get(c.id) ?? 0n,
      },
      asOf,
    ),
  );
  const rows = withoutRecentlyDecided(suggestions, decidedRows.map((d) => ({ customerId: d.customer_id, kind: d.kind, decidedOn: d.decided_on })), asOf).map((r) => ({
    id: newId(), tenantId, customerId: r.customerId, kind: r.kind, currentValue: r.currentValue, proposedValue: r.proposedValue, reason: r.reason, evidence: r.evidence, status: 'open', createdOn: asOf,
  }));
  let created = 0;
  for (let i = 0; i < rows.length; i += recommendationRowsPerStatement) {
    // The open-recommendation index refuses a second open one of a customer and kind: that row is simply not added.
    created += (await db.insert(creditRecommendations).values(rows.slice(i, i + recommendationRowsPerStatement)).onConflictDoNothing().returning({ id: creditRecommendations.id })).length;
  }
  return { created, suggested: suggestions.length };
}

export async function listRecommendations(
  executor: Executor,
  actor: Actor,
  query: { status?: 'open' | 'accepted' | 'dismissed' | undefined; customerId?: string | undefined; beforeId?: string | undefined; limit: number },
): Promise<CreditRecommendationRow[]> {
  const conditions = [eq(creditRecommendations.tenantId, actor.tenantId)];
  if (query.status) conditions.push(eq(creditRecommendations.status, query.status));
  if (query.customerId) conditions.push(eq(creditRecommendations.customerId, query.customerId));
  if (query.beforeId) conditions.push(lt(creditRecommendations.id, query.beforeId));
  return executor.select().from(creditRecommendations).where(and(...conditions)).orderBy(desc(creditRecommendations.id)).limit(query.limit + 1);
}

async function lockOpenRecommendation(tx: Transaction, actor: Actor, id: string): Promise<CreditRecommendationRow> {
  const [row] = await tx.select().from(creditRecommendations).where(and(eq(creditRecommendations.tenantId, actor.tenantId), eq(creditRecommendations.id, id))).for('update');
  if (!row) throw new DomainFailure({ code: 'not_found', message: `no recommendation ${id}` });
  if (row.status !== 'open') throw new DomainFailure({ code: 'invalid_state', message: `the recommendation was already ${row.status}` });
  return row;
}

/**
 * Accepts a recommendation: applies it to the customer (payment terms, credit limit, or risk class high and a stop on
 * orders for prepayment) and marks it accepted, with audit records of both, in one transaction. A change of limit or
 * risk class goes into the customer's credit history as a review, as if made through a credit review. Refused when
 * the customer's value is no longer the one the recommendation was made from (changed since).
 */
export async function acceptRecommendation(db: Database, actor: Actor, id: string, input: { note?: string | undefined }): Promise<Result<{ recommendation: CreditRecommendationRow; customer: typeof customers.$inferSelect }>> {
  return inTransaction(db, async (tx) => {
    const recommendation = await lockOpenRecommendation(tx, actor, id);
    const [before] = await tx.select().from(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, recommendation.customerId))).for('update');
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no customer ${recommendation.customerId}` });
    const change = customerChangeFor(recommendation as { kind: RecommendationKind; currentValue: string | null; proposedValue: string | null }, before);
    if (!change.ok) throw new DomainFailure(change.error);
    const [after] = await tx
      .update(customers)
      .set({ ...change.value, updatedAt: new Date() })
      .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, before.id)))
      .returning();
    if (!after) throw new Error('update returned nothing');
    const note = `accepted recommendation (${recommendation.kind}): ${recommendation.reason}${input.note ? ` Note: ${input.note}` : ''}`;
    if (before.creditLimitMinor !== after.creditLimitMinor || before.riskClass !== after.riskClass) {
      await tx.insert(creditLimitChanges).values({
        id: newId(), tenantId: actor.tenantId, customerId: after.id, previousLimitMinor: before.creditLimitMinor, newLimitMinor: after.creditLimitMinor,
        previousRiskClass: before.riskClass, newRiskClass: after.riskClass, source: 'review', note, actor: actor.label,
      });
    }
    if (before.creditLimitMinor !== after.creditLimitMinor) {
      await emitEvent(tx, actor.tenantId, 'customer.credit_limit_changed', { type: 'customer', id: after.id }, {
        customerId: after.id, previousLimitMinor: before.creditLimitMinor, newLimitMinor: after.creditLimitMinor, currency: after.currency, source: 'review', note,
      });
    }
    await recordAudit(tx, actor, 'customer.recommendation_applied', { type: 'customer', id: after.id }, before, { ...after, recommendationId: id });
    const [decided] = await tx
      .update(creditRecommendations)
      .set({ status: 'accepted', decidedBy: actor.label, decidedAt: new Date() })
      .where(eq(creditRecommendations.id, id))
      .returning();
    if (!decided) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'credit_recommendation.accepted', { type: 'credit_recommendation', id }, recommendation, { ...decided, note: input.note ?? null });
    return { recommendation: decided, customer: after };
  });
}

/** Dismisses a recommendation (audited); the same kind is not suggested again for the customer within the cool-off. */
export async function dismissRecommendation(db: Database, actor: Actor, id: string, input: { note?: string | undefined }): Promise<Result<CreditRecommendationRow>> {
  return inTransaction(db, async (tx) => {
    const recommendation = await lockOpenRecommendation(tx, actor, id);
    const [decided] = await tx
      .update(creditRecommendations)
      .set({ status: 'dismissed', decidedBy: actor.label, decidedAt: new Date() })
      .where(eq(creditRecommendations.id, id))
      .returning();
    if (!decided) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'credit_recommendation.dismissed', { type: 'credit_recommendation', id }, recommendation, { ...decided, note: input.note ?? null });
    return decided;
  });
}

// ---- weekly KPI digest ----

/** The digest reports at most this many currencies (the base currency first), so one email stays readable. */
export const maxDigestCurrencies = 5;
/** Biggest movers listed per currency and direction. */
export const digestMoversPerDirection = 5;

const kpiLabels: Readonly<Record<string, string>> = {
  dso_standard: 'DSO',
  dso_countback: 'DSO (countback)',
  best_possible_dso: 'Best possible DSO',
  average_days_delinquent: 'Average days delinquent',
  collection_effectiveness_index: 'CEI',
  ar_turnover: 'AR turnover',
  average_collection_period: 'Average collection period',
  percentage_current: 'Percentage current',
  average_days_to_pay: 'Average days to pay',
  average_days_to_pay_weighted: 'Average days to pay (amount-weighted)',
  dispute_rate_count: 'Dispute rate',
  dispute_rate_amount: 'Dispute rate (amount)',
  average_days_to_resolve: 'Average days to resolve disputes',
  promise_kept_rate: 'Promise-kept rate',
};

interface DigestFigure {
  kpi: string;
  unit: string;
  value: number | null;
  reason: string | null;
  target: { value: number; direction: 'at_most' | 'at_least'; met: boolean | null } | null;
}

interface OverdueMover {
  customerId: string;
  customerName: string;
  currency: string;
  overdueBeforeMinor: bigint;
  overdueAfterMinor: bigint;
  changeMinor: bigint;
}

/** Overdue amount (past due, rebuilt from allocations) per customer and currency at the end of `before` and of `after`. */
async function overdueMovers(executor: Executor, tenantId: string, before: string, after: string): Promise<OverdueMover[]> {
  const rows = await queryRows<{ customer_id: string; name: string; currency: string; before_amount: unknown; after_amount: unknown }>(
    executor,
    sql`with dates(on_date) as (values (${before}::date), (${after}::date)),
        overdue as (
          select i.customer_id, i.currency, d.on_date,
                 sum(i.total_minor - coalesce((select sum(a.amount_minor) from allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id and a.applied_on <= d.on_date), 0)) as amount
            from invoices i join dates d on i.issue_date <= d.on_date and i.due_date < d.on_date
           where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status <> 'draft'
             and (i.open_minor > 0 or exists (select 1 from allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id and a.applied_on > ${before}))
           group by 1, 2, 3
        )
        select o.customer_id::text as customer_id, c.name, o.currency,
               coalesce(sum(o.amount) filter (where o.on_date = ${before}::date), 0)::text as before_amount,
               coalesce(sum(o.amount) filter (where o.on_date = ${after}::date), 0)::text as after_amount
          from overdue o join customers c on c.id = o.customer_id
         group by o.customer_id, c.name, o.currency`,
  );
  return rows.map((r) => {
    const b = toBigInt(r.before_amount);
    const a = toBigInt(r.after_amount);
    return { customerId: r.customer_id, customerName: r.name, currency: r.currency, overdueBeforeMinor: b, overdueAfterMinor: a, changeMinor: a - b };
  });
}

/** Per currency: the customers whose overdue amount grew most and shrank most (never compared across currencies). */
function biggestMovers(movers: readonly OverdueMover[]): { currency: string; grew: OverdueMover[]; shrank: OverdueMover[] }[] {
  const byName = (a: OverdueMover, b: OverdueMover) => (a.customerName < b.customerName ? -1 : a.customerName > b.customerName ? 1 : 0);
  return [...new Set(movers.map((m) => m.currency))].sort().map((currency) => {
    const own = movers.filter((m) => m.currency === currency);
    return {
      currency,
      grew: own.filter((m) => m.changeMinor > 0n).sort((a, b) => (a.changeMinor === b.changeMinor ? byName(a, b) : a.changeMinor > b.changeMinor ? -1 : 1)).slice(0, digestMoversPerDirection),
      shrank: own.filter((m) => m.changeMinor < 0n).sort((a, b) => (a.changeMinor === b.changeMinor ? byName(a, b) : a.changeMinor < b.changeMinor ? -1 : 1)).slice(0, digestMoversPerDirection),
    };
  });
}

function figureText(f: DigestFigure): string {
  const unit = f.unit === 'percent' ? ' %' : f.unit === 'days' ? ' days' : '×';
  const value = f.value === null ? `n/a (${f.reason ?? 'no value'})` : `${f.value}${unit}`;
  const target = f.target ? ` (target ${f.target.direction === 'at_most' ? 'at most' : 'at least'} ${f.target.value}${unit}: ${f.target.met === null ? 'no value' : f.target.met ? 'met' : 'missed'})` : '';
  return `  ${kpiLabels[f.kpi] ?? f.kpi}: ${value}${target}`;
}

const moneyText = (amountMinor: bigint, currency: string) => `${formatMinor(amountMinor, currency)} ${currency}`;

/**
 * Daily task, working on Mondays only: the digest of the week that ended the day before (Monday to Sunday) for the AR
 * managers — the KPIs of the last full calendar month and of the week against the tenant's targets, per currency; the
 * customers whose overdue amount grew or shrank most over the week; each collector's results for the week. Sent to the
 * active staff users with the role ar_manager or admin, or to the tenant's email when there are none, through the
 * email outbox (dedupe key digest:<weekStart>:<address>: one message per recipient and week). The kpi_digests row is
 * written in the same transaction and is the once-only key: a digest already recorded for the week adds nothing.
 */
export async function sendWeeklyDigest(db: Database, tenantId: string, asOf: string): Promise<Record<string, unknown>> {
  const day = Temporal.PlainDate.from(asOf);
  if (day.dayOfWeek !== 1) return { sent: 0, skipped: 'the digest goes out on Mondays' };
  const weekStart = day.subtract({ days: 7 }).toString();
  const weekEnd = day.subtract({ days: 1 }).toString();
  const [already] = await db.select({ sentOn: kpiDigests.sentOn }).from(kpiDigests).where(and(eq(kpiDigests.tenantId, tenantId), eq(kpiDigests.weekStart, weekStart)));
  if (already) return { sent: 0, weekStart, alreadySentOn: already.sentOn };
  const tenant = await findTenant(db, tenantId);
  if (!tenant) return { sent: 0 };
  const monthEnd = day.with({ day: 1 }).subtract({ days: 1 });
  const month = { start: monthEnd.with({ day: 1 }).toString(), end: monthEnd.toString() };
  const invoiced = await queryRows<{ currency: string }>(db, sql`select distinct currency from invoices where tenant_id = ${tenantId} and status <> 'draft' and issue_date <= ${weekEnd} order by currency`);
  const currencies = [tenant.baseCurrency, ...invoiced.map((r) => r.currency).filter((c) => c !== tenant.baseCurrency)].slice(0, maxDigestCurrencies);
  const targets = await loadTargets(db, tenantId);
  const figuresOf = (report: KpiReport): DigestFigure[] =>
    withTargets(report.figures, targets).map((f) => ({ kpi: f.kpi, unit: f.unit, value: f.value, reason: f.reason, target: f.target }));
  const kpis = [];
  for (const currency of currencies) {
    const scope = { tenantId, currency };
    kpis.push({ currency, month: { ...month, figures: figuresOf(await kpisForPeriod(db, scope, month.start, month.end)) }, week: { start: weekStart, end: weekEnd, figures: figuresOf(await kpisForPeriod(db, scope, weekStart, weekEnd)) } });
  }
  const movers = biggestMovers(await overdueMovers(db, tenantId, day.subtract({ days: 8 }).toString(), weekEnd));
  const collectors = await collectorResults(db, tenantId, weekStart, weekEnd);
  const staff = await db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), inArray(staffUsers.role, ['ar_manager', 'admin']), isNull(staffUsers.disabledAt)))
    .orderBy(asc(staffUsers.email));
  const recipients = staff.length > 0 ? [...new Set(staff.map((s) => s.email))] : tenant.email ? [tenant.email] : [];

  const lines = [`Weekly receivables digest for ${tenant.legalName ?? tenant.name}: week ${weekStart} to ${weekEnd}`, ''];
  for (const k of kpis) {
    lines.push(`KPIs in ${k.currency}, ${k.month.start} to ${k.month.end} (last full month):`, ...k.month.figures.map(figureText), '');
    lines.push(`KPIs in ${k.currency}, week ${weekStart} to ${weekEnd}:`, ...k.week.figures.map(figureText), '');
  }
  lines.push('Biggest movers in overdue amounts over the week:');
  const moved = movers.filter((m) => m.grew.length + m.shrank.length > 0);
  if (moved.length === 0) lines.push('  no change');
  for (const m of moved) {
    for (const g of m.grew) lines.push(`  up   ${g.customerName}: +${moneyText(g.changeMinor, m.currency)} (now ${moneyText(g.overdueAfterMinor, m.currency)} overdue)`);
    for (const s of m.shrank) lines.push(`  down ${s.customerName}: -${moneyText(-s.changeMinor, m.currency)} (now ${moneyText(s.overdueAfterMinor, m.currency)} overdue)`);
  }
  lines.push('', "Collectors' results for the week:");
  if (collectors.length === 0) lines.push('  no activity recorded');
  for (const c of collectors) {
    const kept = c.promiseKeptRate.value === null ? 'no promise due' : `${c.promiseKeptRate.value} % of promises due kept`;
    const collected = c.collected.length === 0 ? 'nothing collected' : `collected ${c.collected.map((m) => moneyText(m.amountMinor, m.currency)).join(', ')}`;
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`  ${c.collectorId}: ${count(c.contacts, 'contact')}, ${count(c.promisesMade, 'promise')} taken, ${kept}, ${collected}`);
  }
  const subject = `Receivables digest, week of ${weekStart}: ${tenant.name}`;
  const body = lines.join('\n');
  const content = kpiJson({ weekStart, weekEnd, month, kpis, movers, collectors, recipients }) as Record<string, unknown>;

  const outcome = await inTransaction(db, async (tx) => {
    const recorded = await tx.insert(kpiDigests).values({ tenantId, weekStart, sentOn: asOf, content }).onConflictDoNothing().returning({ weekStart: kpiDigests.weekStart });
    if (recorded.length === 0) return 0;
    const messages = recipients.map((to) => {
      const id = newId();
      return { id, tenantId, messageId: `<${id}@cashloop.invalid>`, dedupeKey: `digest:${weekStart}:${to}`, toAddress: to, subject, body, attachments: [], status: 'pending', nextAttemptAt: new Date() };
    });
    if (messages.length > 0) await tx.insert(emailOutbox).values(messages).onConflictDoNothing();
    return messages.length;
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { sent: outcome.value, weekStart, recipients: recipients.length };
}
