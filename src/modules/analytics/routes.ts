import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, currencyCode, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { findTenant, tenantToday } from '../identity/service.js';
import { cashForecast, collectorResults, forecastAgainstActual, kpiJson, kpisForPeriod, kpiTrend, loadTargets, saveTarget, withTargets } from './service.js';

const figureView = z.object({
  kpi: z.string(),
  unit: z.enum(['days', 'percent', 'times']),
  formula: z.string(),
  value: z.number().nullable().describe('Rounded half up: days and percent to 1 decimal, times to 2'),
  exact: z.string().nullable().describe('The exact value as a fraction, before rounding'),
  reason: z.string().nullable().describe('Why there is no value (e.g. no_credit_sales), or null'),
  detail: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
  target: z.object({ value: z.number(), direction: z.enum(['at_most', 'at_least']), met: z.boolean().nullable() }).nullable(),
});
const kpiNames = ['dso_standard', 'dso_countback', 'best_possible_dso', 'average_days_delinquent', 'collection_effectiveness_index', 'ar_turnover', 'average_collection_period', 'percentage_current', 'average_days_to_pay', 'average_days_to_pay_weighted', 'dispute_rate_count', 'dispute_rate_amount', 'average_days_to_resolve', 'promise_kept_rate'] as const;
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
- Dispute rate = invoices with a dispute opened in the period ÷ invoices issued in it × 100 (and by amount); average days to resolve = mean of (resolved − opened) over disputes resolved in the period.
- Promise-kept rate = promises paid in full by their date ÷ promises due in the period × 100.
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
      const report = await kpisForPeriod(db, await scopeOf(actor.tenantId, request.query), from, to);
      return kpiJson({ ...report, figures: withTargets(report.figures, await loadTargets(db, actor.tenantId)) }) as never;
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
      const targets = await loadTargets(db, actor.tenantId);
      const points = (await kpiTrend(db, scope, to, request.query.months)).map((p) => ({ ...p, figures: withTargets(p.figures, targets) }));
      return { currency: scope.currency, points: kpiJson(points) as never };
    },
  });

  app.get('/v1/analytics/targets', {
    schema: { tags, summary: "The tenant's KPI targets", response: { 200: z.object({ data: z.array(z.object({ kpi: z.string(), target: z.string(), direction: z.enum(['at_most', 'at_least']) })) }) } },
    handler: async (request) => ({ data: [...(await loadTargets(db, actorOf(request).tenantId))].map(([kpi, t]) => ({ kpi, ...t })) }),
  });

  app.put('/v1/analytics/targets/:kpi', {
    schema: {
      tags,
      summary: 'Set the target for a KPI (admin, ar_manager), e.g. DSO at most 35 days, CEI at least 85 %',
      params: z.object({ kpi: z.enum(kpiNames) }),
      body: z.strictObject({ target: z.string().regex(/^\d{1,6}(\.\d{1,2})?$/, 'a decimal number in the KPI\'s unit'), direction: z.enum(['at_most', 'at_least']) }),
      response: { 200: z.object({ kpi: z.string(), target: z.string(), direction: z.string() }) },
    },
    handler: async (request) => unwrap(await saveTarget(db, requireRole(request, 'admin', 'ar_manager'), request.params.kpi, request.body)),
  });

  const dayView = z.object({ date: z.string(), invoicesMinor: z.number().int(), autopayMinor: z.number().int(), ordersMinor: z.number().int(), totalMinor: z.number().int() });
  app.get('/v1/analytics/cash-forecast', {
    schema: {
      tags,
      summary: 'Expected receipts per day and week for the next 13 weeks: open invoices at their predicted payment date, autopay charges, confirmed orders not yet invoiced',
      querystring: z.object({ asOf: businessDate.optional(), currency: currencyCode.optional() }),
      response: { 200: z.object({ asOf: z.string(), currency: z.string(), method: z.string(), days: z.array(dayView), weeks: z.array(z.object({ weekStart: z.string(), totalMinor: z.number().int() })), beyondHorizonMinor: z.number().int() }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      const scope = await scopeOf(actor.tenantId, { currency: request.query.currency });
      return kpiJson(await cashForecast(db, actor.tenantId, scope.currency, asOf)) as never;
    },
  });

  app.get('/v1/analytics/cash-forecast/accuracy', {
    schema: {
      tags,
      summary: 'A forecast recorded by the daily run on `madeOn`, against what really came in, week by week (weeks that have passed)',
      querystring: z.object({ madeOn: businessDate, currency: currencyCode.optional() }),
      response: {
        200: z.object({
          madeOn: z.string(), currency: z.string(),
          accuracy: z.object({ weeks: z.array(z.object({ weekStart: z.string(), forecastMinor: z.number().int(), actualMinor: z.number().int(), errorMinor: z.number().int() })), meanAbsoluteErrorMinor: z.number().int(), biasMinor: z.number().int(), weightedAbsolutePercentError: z.number().nullable() }),
        }),
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const scope = await scopeOf(actor.tenantId, { currency: request.query.currency });
      return kpiJson(unwrap(await forecastAgainstActual(db, actor.tenantId, scope.currency, request.query.madeOn, await tenantToday(db, actor.tenantId)))) as never;
    },
  });

  app.get('/v1/analytics/collectors', {
    schema: {
      tags,
      summary: "Each collector's results for a period: contacts by channel, promises taken and kept, money collected from the customers assigned to them",
      querystring: z.object({ from: businessDate, to: businessDate }),
      response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())) }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      if (request.query.from > request.query.to) throw new DomainFailure({ code: 'validation_failed', message: 'from is after to', fieldErrors: [{ pointer: '/querystring/from', detail: 'on or before to' }] });
      return { data: kpiJson(await collectorResults(db, actor.tenantId, request.query.from, request.query.to)) as never };
    },
  });
}
