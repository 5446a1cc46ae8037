import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, currencyCode, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { findTenant, tenantToday } from '../identity/service.js';
import { recommendationKinds } from './recommendations.js';
import {
  acceptRecommendation,
  cashForecast,
  collectorResults,
  dismissRecommendation,
  forecastAgainstActual,
  kpiJson,
  kpisForPeriod,
  kpiTrend,
  listRecommendations,
  loadTargets,
  riskScoreOf,
  saveTarget,
  withTargets,
  type CreditRecommendationRow,
} from './service.js';

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

  app.get('/v1/customers/:id/risk', {
    schema: {
      tags,
      summary: "A customer's latest risk score (0–100, higher is riskier), computed by the daily run, with the parts it is made of",
      description:
        'score = 100 × (0.60 × P + 0.25 × S + 0.15 × W), rounded. P: the amount-weighted probability that the open invoices are paid late (with nothing open, the ' +
        "customer's share of late payments); S: their amount-weighted expected days late ÷ 30, at most 1; W: the trend of days late per invoice ÷ 5, between 0 and 1. " +
        'Predictions come from the payment model trained on the tenant\'s own history; below 200 settled invoices, from the customer\'s share of late payments and mean delay. ' +
        'An invoice already past its due date counts as late by at least the days it is overdue. Customers with fewer than 3 settled invoices are not scored.',
      params: idParam,
      response: { 200: z.object({ customerId: z.uuid(), score: z.number().int().min(0).max(100), computedOn: z.string(), details: z.record(z.string(), z.unknown()) }) },
    },
    handler: async (request) => {
      const row = unwrap(await riskScoreOf(db, actorOf(request).tenantId, request.params.id));
      return { customerId: row.customerId, score: row.score, computedOn: row.computedOn, details: row.details as Record<string, unknown> };
    },
  });

  const recommendationView = z.object({
    id: z.uuid(),
    customerId: z.uuid(),
    kind: z.enum(recommendationKinds),
    currentValue: z.string().nullable().describe('Net days for terms, minor units for limits, "on account" for prepayment'),
    proposedValue: z.string().nullable(),
    reason: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    status: z.enum(['open', 'accepted', 'dismissed']),
    createdOn: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
  });
  const toRecommendationView = (r: CreditRecommendationRow) => ({
    id: r.id, customerId: r.customerId, kind: r.kind as (typeof recommendationKinds)[number], currentValue: r.currentValue, proposedValue: r.proposedValue, reason: r.reason,
    evidence: r.evidence as Record<string, unknown>, status: r.status as 'open' | 'accepted' | 'dismissed', createdOn: r.createdOn, decidedBy: r.decidedBy, decidedAt: r.decidedAt?.toISOString() ?? null,
  });
  const recommendationRules = `Made daily from each customer's invoices settled in the last 12 months (days late = settled − due date; paying early does not offset lateness):
- Established on-time record: at least 6 invoices, at least 90 % paid by the due date, no dispute lost (rejected), average lateness at most 2 days → extend_terms (+15 days, at most 60) and raise_limit (+25 %, only when open receivables reached 80 % of the limit at a month end).
- Deteriorating: average lateness of the last 3 months at least 10 days worse than the 9 months before, or at least half of at least 4 invoices paid late → shorten_terms (−15 days, at least 7) and lower_limit (−25 %); when the recent average lateness is 60 days or more, require_prepayment instead.
One open recommendation per customer and kind; one accepted or dismissed is not suggested again for 90 days.`;

  app.get('/v1/recommendations', {
    schema: {
      tags,
      summary: 'Credit recommendations for AR managers (longer terms or a higher limit for reliable payers; shorter terms, a lower limit or prepayment for deteriorating ones), newest first',
      description: recommendationRules,
      querystring: pageQuery.extend({ status: z.enum(['open', 'accepted', 'dismissed']).optional(), customerId: z.uuid().optional() }),
      response: { 200: pageSchema(recommendationView) },
    },
    handler: async (request) => {
      const { limit, cursor, status, customerId } = request.query;
      const page = pageOf(await listRecommendations(db, actorOf(request), { status, customerId, beforeId: decodeCursor(cursor), limit }), limit);
      return { data: page.items.map(toRecommendationView), nextCursor: page.nextCursor };
    },
  });

  const decisionBody = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() });
  app.post('/v1/recommendations/:id/acceptance', {
    schema: {
      tags,
      summary: "Accept a recommendation (admin, ar_manager): the customer's terms, credit limit, or risk class and order stop (prepayment) change accordingly, audited, in one transaction",
      description: 'Refused (409) when the customer\'s value changed since the recommendation was made.',
      params: idParam,
      body: decisionBody,
      response: {
        200: z.object({
          recommendation: recommendationView,
          customer: z.object({ id: z.uuid(), paymentTermsDays: z.number().int(), creditLimitMinor: z.number().int().nullable(), riskClass: z.string(), blockedForOrders: z.boolean() }),
        }),
      },
    },
    handler: async (request) => {
      const { recommendation, customer } = unwrap(await acceptRecommendation(db, requireRole(request, 'admin', 'ar_manager'), request.params.id, request.body));
      return {
        recommendation: toRecommendationView(recommendation),
        customer: { id: customer.id, paymentTermsDays: customer.paymentTermsDays, creditLimitMinor: customer.creditLimitMinor === null ? null : minorToJson(customer.creditLimitMinor), riskClass: customer.riskClass, blockedForOrders: customer.blockedForOrders },
      };
    },
  });

  app.post('/v1/recommendations/:id/dismissal', {
    schema: {
      tags,
      summary: 'Dismiss a recommendation (admin, ar_manager), audited; the same kind is not suggested again for the customer within 90 days',
      params: idParam,
      body: decisionBody,
      response: { 200: recommendationView },
    },
    handler: async (request) => toRecommendationView(unwrap(await dismissRecommendation(db, requireRole(request, 'admin', 'ar_manager'), request.params.id, request.body))),
  });
}
