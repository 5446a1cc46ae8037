import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import { isCardExpired } from './card-expiry.js';
import {
  addStoredCard,
  listAutopayAttempts,
  listStoredCards,
  receiveGatewayWebhook,
  removeStoredCard,
  setCardAutopay,
  type AutopayAttemptRow,
  type StoredCardRow,
} from './service.js';

const cardInput = z.strictObject({
  token: z.string().trim().min(1).max(255).optional().describe("The gateway's token for the card (a Stripe PaymentMethod id, a sandbox token such as tok_sandbox_visa); never a card number"),
  sandboxCardNumber: z
    .string()
    .max(30)
    .optional()
    .describe('Sandbox only: one of its test card numbers (e.g. 4242 4242 4242 4242), exchanged for its token; the number is never stored or returned'),
  gatewayCustomerId: z.string().trim().min(1).max(255).nullish().describe("The customer record at the gateway the card is attached to (Stripe's cus_...)"),
  brand: z.string().trim().min(1).max(30).nullish().describe('visa, mastercard, amex, ...'),
  last4: z.string().regex(/^[0-9]{4}$/, 'the last four digits').nullish(),
  expiryMonth: z.number().int().min(1).max(12).nullish(),
  expiryYear: z.number().int().min(1000).max(9999).nullish(),
  autopay: z.boolean().optional().describe("Charge the customer's due invoices to this card in the daily run (turns autopay off on the customer's other cards)"),
});

const cardView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  gateway: z.string(),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  expiryMonth: z.number().int().nullable(),
  expiryYear: z.number().int().nullable(),
  expired: z.boolean().describe("Past its expiry month on the tenant's today (as far as we know; the gateway may have renewed it)"),
  autopay: z.boolean(),
  status: z.enum(['active', 'removed']),
  createdAt: z.string(),
});

/** What is shown of a card: never the gateway token, and we never had the number. */
function toCardView(card: StoredCardRow, today: string) {
  const expiry = card.expiryMonth !== null && card.expiryYear !== null ? { month: card.expiryMonth, year: card.expiryYear } : null;
  return {
    id: card.id,
    customerId: card.customerId,
    gateway: card.gateway,
    brand: card.brand,
    last4: card.last4,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    expired: isCardExpired(expiry, today),
    autopay: card.autopay,
    status: card.status as 'active' | 'removed',
    createdAt: card.createdAt.toISOString(),
  };
}

const attemptStatuses = ['started', 'succeeded', 'pending', 'declined'] as const;

const attemptView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  invoiceId: z.uuid(),
  cardId: z.uuid(),
  attemptNumber: z.number().int(),
  attemptedOn: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: z.enum(attemptStatuses).describe('started: the gateway has not answered yet (repeated with the same idempotency key on the next run)'),
  gateway: z.string(),
  chargeId: z.string().nullable(),
  declineCode: z.string().nullable(),
  retryable: z.boolean().nullable(),
  message: z.string().nullable(),
  paymentId: z.uuid().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

function toAttemptView(a: AutopayAttemptRow) {
  return {
    id: a.id,
    customerId: a.customerId,
    invoiceId: a.invoiceId,
    cardId: a.cardId,
    attemptNumber: a.attemptNumber,
    attemptedOn: a.attemptedOn,
    amountMinor: minorToJson(a.amountMinor),
    currency: a.currency,
    status: a.status as (typeof attemptStatuses)[number],
    gateway: a.gateway,
    chargeId: a.chargeId,
    declineCode: a.declineCode,
    retryable: a.retryable,
    message: a.message,
    paymentId: a.paymentId,
    createdAt: a.createdAt.toISOString(),
    finishedAt: a.finishedAt?.toISOString() ?? null,
  };
}

const cardParams = z.object({ id: z.uuid(), cardId: z.uuid() });

export function registerAutopayRoutes(app: CashloopApp, db: Database): void {
  const tags = ['autopay'];

  app.post('/v1/customers/:id/cards', {
    schema: {
      tags,
      summary: "Put a card on file for a customer by the gateway's token (admin, ar_manager); optionally make it the autopay card",
      params: idParam,
      body: cardInput,
      response: { 201: cardView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const today = await tenantToday(db, actor.tenantId);
      const card = unwrap(await addStoredCard(db, actor, request.params.id, request.body, today));
      return reply.status(201).send(toCardView(card, today));
    },
  });

  app.get('/v1/customers/:id/cards', {
    schema: {
      tags,
      summary: "A customer's cards on file",
      params: idParam,
      querystring: z.object({ includeRemoved: z.enum(['true', 'false']).optional().transform((v) => v === 'true') }),
      response: { 200: z.object({ data: z.array(cardView) }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const cards = unwrap(await listStoredCards(db, actor, request.params.id, { includeRemoved: request.query.includeRemoved }));
      const today = await tenantToday(db, actor.tenantId);
      return { data: cards.map((c) => toCardView(c, today)) };
    },
  });

  app.patch('/v1/customers/:id/cards/:cardId', {
    schema: {
      tags,
      summary: "Turn autopay on or off for a card (admin, ar_manager); on for one card turns it off for the customer's others",
      params: cardParams,
      body: z.strictObject({ autopay: z.boolean() }),
      response: { 200: cardView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const card = unwrap(await setCardAutopay(db, actor, request.params.id, request.params.cardId, request.body.autopay));
      return toCardView(card, await tenantToday(db, actor.tenantId));
    },
  });

  app.delete('/v1/customers/:id/cards/:cardId', {
    schema: {
      tags,
      summary: 'Take a card off file (admin, ar_manager); autopay stops charging it, its past attempts stay',
      params: cardParams,
      response: { 200: cardView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const card = unwrap(await removeStoredCard(db, actor, request.params.id, request.params.cardId));
      return toCardView(card, await tenantToday(db, actor.tenantId));
    },
  });

  app.get('/v1/autopay-attempts', {
    schema: {
      tags,
      summary: 'Every autopay charge attempt, newest first: what was charged, when, and what the gateway answered',
      querystring: pageQuery.extend({ customerId: z.uuid().optional(), invoiceId: z.uuid().optional() }),
      response: { 200: pageSchema(attemptView) },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await listAutopayAttempts(db, actorOf(request), { ...filter, beforeId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toAttemptView), nextCursor: page.nextCursor };
    },
  });

  // Gateway webhooks: outside /v1 (no API key; the signature is the authentication) and out of the public API document.
  // The signature covers the exact bytes sent, so this scope keeps JSON bodies as the raw string.
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post('/gateway-webhooks/:gateway', {
      schema: {
        hide: true,
        params: z.object({ gateway: z.string().max(50) }),
        body: z.string(),
        response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean(), outcome: z.string() }) },
      },
      handler: async (request) => {
        const receipt = unwrap(await receiveGatewayWebhook(db, request.params.gateway, request.body, request.headers));
        return { received: true as const, ...receipt };
      },
    });
  });
}
