import { z } from 'zod';
import { normaliseRate } from '../ledger/exchange.js';
import { exchangeRateText } from '../../http/conventions.js';
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
  requireRole,
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
  refundMethods,
  refundPayment,
  listRefunds,
  reversalReasons,
  reversePayment,
  type GatewayRefund,
  type PaymentRow,
  type RefundRow,
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
  exchangeRate: exchangeRateText.nullish().describe('For a payment in another currency than the base currency: base-currency units per unit of its currency (else the rate in force on the value date). Applied to invoices booked at another rate, the difference is posted as a realised exchange gain or loss'),
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
  status: z.enum(['received', 'reversed']),
  reversedOn: z.string().nullable(),
  reversalReason: z.string().nullable(),
  exchangeRate: z.string().nullable().describe('The rate its cash was booked at (null in the base currency)'),
  allocations: z.array(allocationView).optional(),
});

const refundView = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  customerId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: z.enum(refundMethods),
  refundedOn: z.string(),
  reason: z.string(),
  gatewayRefundId: z.string().nullable(),
});

function toRefundView(r: RefundRow) {
  return {
    id: r.id, paymentId: r.paymentId, customerId: r.customerId, amountMinor: minorToJson(r.amountMinor), currency: r.currency,
    method: r.method as (typeof refundMethods)[number], refundedOn: r.refundedOn, reason: r.reason, gatewayRefundId: r.gatewayRefundId,
  };
}

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
    status: p.status as 'received' | 'reversed',
    reversedOn: p.reversedOn,
    reversalReason: p.reversalReason,
    exchangeRate: p.exchangeRate === null ? null : normaliseRate(p.exchangeRate),
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

export function registerPaymentRoutes(app: CashloopApp, db: Database, gatewayRefund?: GatewayRefund): void {
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

  app.post('/v1/payments/:id/reversal', {
    schema: {
      tags,
      summary: 'Reverse a payment whose money did not stay (bounced cheque, chargeback, returned direct debit, entered in error); the invoices it paid are open again',
      params: idParam,
      body: z.strictObject({
        reason: z.enum(reversalReasons),
        date: businessDate.optional().describe("When the bank took the money back; defaults to the tenant's today"),
        note: z.string().max(500).optional(),
      }),
      response: { 200: paymentView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const date = request.body.date ?? (await tenantToday(db, actor.tenantId));
      return toPaymentView(unwrap(await reversePayment(db, actor, request.params.id, { reason: request.body.reason, date, note: request.body.note })));
    },
  });

  app.post('/v1/payments/:id/refunds', {
    schema: {
      tags,
      summary: "Refund part or all of a payment's unapplied cash to the customer (card payments through their gateway)",
      params: idParam,
      body: z.strictObject({
        amountMinor: positiveAmountMinor,
        reason: z.string().min(1).max(500),
        date: businessDate.optional().describe("Defaults to the tenant's today"),
        method: z.enum(refundMethods).optional().describe('How the money goes back when not through a card gateway; defaults to the way it came'),
      }),
      response: { 201: z.object({ refund: refundView, payment: paymentView }) },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const date = request.body.date ?? (await tenantToday(db, actor.tenantId));
      const { refund, payment } = unwrap(await refundPayment(db, actor, request.params.id, { ...request.body, date }, gatewayRefund));
      return reply.status(201).send({ refund: toRefundView(refund), payment: toPaymentView(payment) });
    },
  });

  app.get('/v1/payments/:id/refunds', {
    schema: { tags, summary: 'The refunds paid out of a payment', params: idParam, response: { 200: z.object({ data: z.array(refundView) }) } },
    handler: async (request) => ({ data: (await listRefunds(db, actorOf(request), request.params.id)).map(toRefundView) }),
  });
}
