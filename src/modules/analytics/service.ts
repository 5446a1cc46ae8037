/**
 * AR KPIs from the books: the shell that gathers receivables, sales and settlements for a period with a few grouped
 * queries, and hands them to the pure formulas in kpi.ts. Everything is rebuilt as of the period's dates from the
 * documents and allocations, so a past period reads the same today as it did then.
 */
import { sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import type { Money } from '../../kernel/money.js';
import {
  arTurnover,
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
