import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import {
  actorOf,
  businessDate,
  currencyCode,
  decodeCursor,
  idParam,
  minorToJson,
  pageOf,
  pageQuery,
  pageSchema,
  positiveAmountMinor,
  unwrap,
  type CashloopApp,
} from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import {
  allocatePayment,
  getPayment,
  listPayments,
  maxAllocationsPerRequest,
  paymentMethods,
  recordPayment,
  type PaymentRow,
  type PaymentWithAllocations,
} from './service.js';

const allocationInput = z.strictObject({ invoiceId: z.uuid(), amountMinor: positiveAmountMinor });

const paymentInput = z.strictObject({
  customerId: z.uuid(),
  method: z.enum(paymentMethods),
  amountMinor: positiveAmountMinor,
  currency: currencyCode,
  valueDate: businessDate.describe('The date the money was received'),
  payerName: z.string().max(200).nullish(),
  reference: z.string().max(200).nullish().describe('The remittance reference the payer gave'),
  allocations: z.array(allocationInput).max(maxAllocationsPerRequest).optional(),
});

const allocationView = z.object({
  id: z.uuid(),
  invoiceId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  appliedOn: z.string(),
});

const paymentView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  method: z.enum(paymentMethods),
  amountMinor: z.number().int(),
  currency: z.string(),
  valueDate: z.string(),
  payerName: z.string().nullable(),
  reference: z.string().nullable(),
  unappliedMinor: z.number().int(),
  allocations: z.array(allocationView).optional(),
});

function toPaymentView(p: PaymentRow | PaymentWithAllocations) {
  return {
    id: p.id,
    customerId: p.customerId,
    method: p.method as (typeof paymentMethods)[number],
    amountMinor: minorToJson(p.amountMinor),
    currency: p.currency,
    valueDate: p.valueDate,
    payerName: p.payerName,
    reference: p.reference,
    unappliedMinor: minorToJson(p.unappliedMinor),
    ...('allocations' in p
      ? {
          allocations: p.allocations.map((a) => ({
            id: a.id,
            invoiceId: a.invoiceId,
            amountMinor: minorToJson(a.amountMinor),
            currency: a.currency,
            appliedOn: a.appliedOn,
          })),
        }
      : {}),
  };
}

export function registerPaymentRoutes(app: CashloopApp, db: Database): void {
  const tags = ['payments'];

  app.post('/v1/payments', {
    schema: {
      tags,
      summary: 'Record a received payment, optionally allocated to invoices of the same customer; the rest stays unapplied',
      body: paymentInput,
      response: { 201: paymentView },
    },
    handler: async (request, reply) => {
      const payment = unwrap(await recordPayment(db, actorOf(request), request.body));
      return reply.status(201).send(toPaymentView(payment));
    },
  });

  app.post('/v1/payments/:id/allocations', {
    schema: {
      tags,
      summary: "Allocate a payment's unapplied cash to open invoices",
      params: idParam,
      body: z.strictObject({
        allocations: z.array(allocationInput).min(1).max(maxAllocationsPerRequest),
        appliedOn: businessDate.optional().describe("Defaults to the tenant's today (never before the payment's value date)"),
      }),
      response: { 200: paymentView },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const appliedOn = request.body.appliedOn ?? (await tenantToday(db, actor.tenantId));
      return toPaymentView(unwrap(await allocatePayment(db, actor, request.params.id, { allocations: request.body.allocations, appliedOn })));
    },
  });

  app.get('/v1/payments', {
    schema: {
      tags,
      summary: 'List payments',
      querystring: pageQuery.extend({
        customerId: z.uuid().optional(),
        unappliedOnly: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
      }),
      response: { 200: pageSchema(paymentView) },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await listPayments(db, actorOf(request), { ...filter, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toPaymentView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/payments/:id', {
    schema: { tags, summary: 'Get a payment with its allocations', params: idParam, response: { 200: paymentView } },
    handler: async (request) => toPaymentView(unwrap(await getPayment(db, actorOf(request), request.params.id))),
  });
}
