import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, currencyCode, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { findTenant, tenantToday } from '../identity/service.js';
import { kpiJson, kpisForPeriod, kpiTrend } from './service.js';

const figureView = z.object({
  kpi: z.string(),
  unit: z.enum(['days', 'percent', 'times']),
  formula: z.string(),
  value: z.number().nullable().describe('Rounded half up: days and percent to 1 decimal, times to 2'),
  exact: z.string().nullable().describe('The exact value as a fraction, before rounding'),
  reason: z.string().nullable().describe('Why there is no value (e.g. no_credit_sales), or null'),
  detail: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
});
const moneyView = z.object({ amountMinor: z.number().int(), currency: z.string() });
const scopeQuery = z.object({
  currency: currencyCode.optional().describe("Defaults to the tenant's base currency; KPIs never mix currencies"),
  customerId: z.uuid().optional(),
  segment: z.string().min(1).max(100).optional(),
});

const formulas = `Formulas (receivables = invoices open at the end of the day, rebuilt from allocations; credit sales = invoices less credit notes issued in the period):
- DSO = ending receivables ÷ credit sales × days in the period.
- Countback DSO = days of the latest calendar months whose credit sales add up to the ending receivables, the oldest month pro rata.
- Best possible DSO = current (not yet due) receivables ÷ credit sales × days.
- Average days delinquent = DSO − best possible DSO.
- CEI = (beginning receivables + credit sales − ending receivables) ÷ (beginning receivables + credit sales − ending current receivables) × 100.
- AR turnover = credit sales ÷ average of beginning and ending receivables; average collection period = days ÷ turnover.
- Percentage current = current ÷ total receivables × 100.
- Average days to pay = mean of (paid in full − invoice date) over invoices paid in the period; also amount-weighted.
A figure without a value says why (reason), never Infinity.`;

export function registerAnalyticsRoutes(app: CashloopApp, db: Database): void {
  const tags = ['analytics'];
  const scopeOf = async (tenantId: string, q: z.infer<typeof scopeQuery>) => {
    const tenant = await findTenant(db, tenantId);
    return { tenantId, currency: q.currency ?? tenant?.baseCurrency ?? 'EUR', customerId: q.customerId, segment: q.segment };
  };

  app.get('/v1/analytics/kpis', {
    schema: {
      tags,
      summary: 'AR KPIs for a period: DSO (standard and countback), best possible DSO, average days delinquent, CEI, turnover, percentage current, days to pay',
      description: formulas,
      querystring: scopeQuery.extend({ from: businessDate.optional().describe('Defaults to the first day of the month of `to`'), to: businessDate.optional().describe("Defaults to the tenant's today") }),
      response: { 200: z.object({ period: z.object({ start: z.string(), end: z.string(), days: z.number().int() }), currency: z.string(), receivables: z.object({ beginning: moneyView, ending: moneyView, endingCurrent: moneyView }), creditSales: moneyView, figures: z.array(figureView) }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const to = request.query.to ?? (await tenantToday(db, actor.tenantId));
      const from = request.query.from ?? `${to.slice(0, 8)}01`;
      if (from > to) throw new DomainFailure({ code: 'validation_failed', message: 'from is after to', fieldErrors: [{ pointer: '/querystring/from', detail: 'on or before to' }] });
      return kpiJson(await kpisForPeriod(db, await scopeOf(actor.tenantId, request.query), from, to)) as never;
    },
  });

  app.get('/v1/analytics/kpis/trend', {
    schema: {
      tags,
      summary: 'The same KPIs month by month (the last month up to `to`)',
      description: formulas,
      querystring: scopeQuery.extend({ to: businessDate.optional(), months: z.coerce.number().int().min(1).max(36).default(12) }),
      response: { 200: z.object({ currency: z.string(), points: z.array(z.object({ period: z.object({ start: z.string(), end: z.string(), days: z.number().int() }), figures: z.array(figureView) })) }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const to = request.query.to ?? (await tenantToday(db, actor.tenantId));
      const scope = await scopeOf(actor.tenantId, request.query);
      return { currency: scope.currency, points: kpiJson(await kpiTrend(db, scope, to, request.query.months)) as never };
    },
  });
}
