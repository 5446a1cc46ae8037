import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, currencyCode, idParam, minorToJson, nonNegativeAmountMinor, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import { tenantToday } from '../identity/service.js';
import { decideCredit, exposureOf, type CreditPosition } from './credit-decision.js';
import { creditRiskOf, loadCreditSettings, saveCreditSettings } from './service.js';

const riskHoldScoreMinDoc =
  "New orders of a customer whose risk score (0–100, from its payment history and open items, computed by the daily run) is at or above this are held for credit review; null: the score holds no order. A customer not yet scored is never held for its score.";

const settingsView = z.object({
  overdueHoldDays: z.number().int(),
  riskHoldScoreMin: z.number().int().nullable().describe(riskHoldScoreMinDoc),
  defaults: z.array(z.object({ segment: z.string(), currency: z.string(), limitMinor: z.number().int() })),
});

/** `position` is given by the orders module (it knows the orders not yet invoiced). */
export function registerCreditRoutes(
  app: CashloopApp,
  db: Database,
  position: (customer: NonNullable<Awaited<ReturnType<typeof findCustomer>>>, asOf: string) => Promise<CreditPosition>,
): void {
  const tags = ['credit'];

  app.get('/v1/credit/policy', {
    schema: { tags, summary: 'Credit policy: overdue threshold for holds and default limits for new customers', response: { 200: settingsView } },
    handler: async (request) => {
      const s = await loadCreditSettings(db, actorOf(request).tenantId);
      return { overdueHoldDays: s.overdueHoldDays, riskHoldScoreMin: s.riskHoldScoreMin, defaults: s.defaults.map((d) => ({ ...d, limitMinor: minorToJson(d.limitMinor) })) };
    },
  });

  app.post('/v1/credit/policy', {
    schema: {
      tags,
      summary: 'Set the credit policy (admin, ar_manager); segment "" is the default for every segment',
      body: z.strictObject({
        overdueHoldDays: z.number().int().min(0).max(3650),
        riskHoldScoreMin: z.number().int().min(0).max(100).nullable().optional().describe(`${riskHoldScoreMinDoc} Left out: the threshold stays as it was.`),
        defaults: z.array(z.strictObject({ segment: z.string().max(50), currency: currencyCode, limitMinor: nonNegativeAmountMinor })).max(500).default([]),
      }),
      response: { 200: settingsView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const s = unwrap(await saveCreditSettings(db, actor, request.body));
      return { overdueHoldDays: s.overdueHoldDays, riskHoldScoreMin: s.riskHoldScoreMin, defaults: s.defaults.map((d) => ({ ...d, limitMinor: minorToJson(d.limitMinor) })) };
    },
  });

  app.get('/v1/customers/:id/credit', {
    schema: {
      tags,
      summary: "A customer's credit position: limit, exposure (open receivables + orders not yet invoiced), available credit, oldest overdue item",
      params: idParam,
      querystring: z.object({ asOf: businessDate.optional() }),
      response: {
        200: z.object({
          customerId: z.uuid(),
          currency: z.string(),
          riskClass: z.string().describe('The class set by credit review'),
          riskScore: z.number().int().nullable().describe("The customer's latest risk score (0–100) computed by asOf, from its payment history; null before the daily run has scored it"),
          riskScoreComputedOn: z.string().nullable(),
          effectiveRiskClass: z.enum(['low', 'medium', 'high']).describe('The class credit control works with: from the score when there is one (≥ 70 high, ≤ 30 low, else medium), else the reviewed class'),
          blockedForOrders: z.boolean(),
          creditLimitMinor: z.number().int().nullable(),
          openReceivablesMinor: z.number().int(),
          uninvoicedOrdersMinor: z.number().int(),
          exposureMinor: z.number().int(),
          availableMinor: z.number().int().nullable(),
          oldestOverdueDays: z.number().int(),
          wouldHoldNewOrders: z.boolean().describe('True when even a zero-value order would be held now'),
          holdReasons: z
            .array(z.object({ code: z.enum(['over_credit_limit', 'overdue_beyond_threshold', 'risk_score_above_threshold']), detail: z.string() }))
            .describe('Why a new order would be held now, in words (empty when it would not be)'),
        }),
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const customer = await findCustomer(db, actor.tenantId, request.params.id);
      if (!customer) throw new DomainFailure({ code: 'not_found', message: `no customer ${request.params.id}` });
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      const p = await position(customer, asOf);
      const decision = decideCredit(p, 0n, await loadCreditSettings(db, actor.tenantId));
      const risk = await creditRiskOf(db, customer, asOf);
      return {
        customerId: customer.id,
        currency: customer.currency,
        riskClass: customer.riskClass,
        ...risk,
        blockedForOrders: customer.blockedForOrders,
        creditLimitMinor: p.limitMinor === null ? null : minorToJson(p.limitMinor),
        openReceivablesMinor: minorToJson(p.openReceivablesMinor),
        uninvoicedOrdersMinor: minorToJson(p.uninvoicedOrdersMinor),
        exposureMinor: minorToJson(exposureOf(p)),
        availableMinor: decision.availableMinor === null ? null : minorToJson(decision.availableMinor),
        oldestOverdueDays: p.oldestOverdueDays,
        wouldHoldNewOrders: !decision.approved || customer.blockedForOrders,
        holdReasons: decision.reasons.map((r) => ({ code: r.code, detail: r.detail })),
      };
    },
  });
}
