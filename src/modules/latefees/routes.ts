import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, idParam, nonNegativeAmountMinor, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import { euStatutoryPolicy, ukStatutoryPolicy, type LateFeePolicy } from './late-fee.js';
import { loadLateFeePolicies, saveLateFeePolicy } from './service.js';

const percentText = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/);
const rates = z.record(z.string().regex(/^\d{4}-H[12]$/), percentText).describe('Reference rate per half-year, e.g. {"2026-H1": "2.15"}');

const policyInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('flat'), flatMinor: nonNegativeAmountMinor, graceDays: z.number().int().min(0).max(365).default(0), minimumMinor: nonNegativeAmountMinor.default(0), capMinor: nonNegativeAmountMinor.nullable().default(null), waived: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('percent'), percent: percentText, graceDays: z.number().int().min(0).max(365).default(0), minimumMinor: nonNegativeAmountMinor.default(0), capMinor: nonNegativeAmountMinor.nullable().default(null), waived: z.boolean().default(false) }),
  z.strictObject({
    kind: z.literal('interest'),
    percent: percentText.describe('Annual rate, or the margin over referenceRates when given'),
    dayCount: z.enum(['actual_365', 'actual_360']).default('actual_365'),
    referenceRates: rates.optional(),
    graceDays: z.number().int().min(0).max(365).default(0),
    minimumMinor: nonNegativeAmountMinor.default(0),
    capMinor: nonNegativeAmountMinor.nullable().default(null),
    waived: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('eu_directive'), referenceRates: rates, waived: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('uk_act'), referenceRates: rates, waived: z.boolean().default(false) }),
]);

function toPolicy(input: z.infer<typeof policyInput>): LateFeePolicy {
  if (input.kind === 'eu_directive') return { ...euStatutoryPolicy(input.referenceRates), waived: input.waived };
  if (input.kind === 'uk_act') return { ...ukStatutoryPolicy(input.referenceRates), waived: input.waived };
  const common = { graceDays: input.graceDays, minimumMinor: BigInt(input.minimumMinor), capMinor: input.capMinor === null ? null : BigInt(input.capMinor), waived: input.waived };
  if (input.kind === 'flat') return { ...common, kind: 'flat', flatMinor: BigInt(input.flatMinor) };
  if (input.kind === 'percent') return { ...common, kind: 'percent', percent: input.percent };
  return { ...common, kind: 'interest', percent: input.percent, dayCount: input.dayCount, ...(input.referenceRates ? { referenceRates: input.referenceRates } : {}) };
}

const policyView = z.unknown();
const toView = (p: LateFeePolicy | null) => (p === null ? null : JSON.parse(JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))));

export function registerLateFeeRoutes(app: CashloopApp, db: Database): void {
  const tags = ['late fees'];

  app.get('/v1/late-fee-policy', {
    schema: { tags, summary: "The tenant's late-fee policy (null: none)", response: { 200: z.object({ policy: policyView }) } },
    handler: async (request) => ({ policy: toView((await loadLateFeePolicies(db, actorOf(request).tenantId)).tenant) }),
  });

  app.put('/v1/late-fee-policy', {
    schema: {
      tags,
      summary: "Set the tenant's late-fee policy (admin, ar_manager): flat, percent, interest (actual/365 or /360), or a statutory preset",
      description: 'Charged by the daily run: flat and percent fees and statutory compensation once per invoice, interest per complete calendar month on each day\'s overdue amount; never twice for the same period; posted to late-fee income on a fee invoice.',
      body: policyInput,
      response: { 200: z.object({ policy: policyView }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return { policy: toView(unwrap(await saveLateFeePolicy(db, actor, null, toPolicy(request.body)))) };
    },
  });

  app.put('/v1/customers/:id/late-fee-policy', {
    schema: { tags, summary: "A customer's own late-fee policy (admin, ar_manager), e.g. waived", params: idParam, body: policyInput, response: { 200: z.object({ policy: policyView }) } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      if (!(await findCustomer(db, actor.tenantId, request.params.id))) throw new DomainFailure({ code: 'not_found', message: `no customer ${request.params.id}` });
      return { policy: toView(unwrap(await saveLateFeePolicy(db, actor, request.params.id, toPolicy(request.body)))) };
    },
  });
}
