import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { businessDate, currencyCode, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, positiveAmountMinor, unwrap, type CashloopApp } from '../../http/conventions.js';
import { problemContentType, problemFor, problemTypeBase } from '../../http/problem.js';
import { DomainFailure } from '../../kernel/result.js';
import { isCardExpired } from '../autopay/card-expiry.js';
import { addStoredCard, listStoredCards, removeStoredCard, setCardAutopay, type StoredCardRow } from '../autopay/service.js';
import { disputeReasons, disputeStatuses } from '../collections/schema.js';
import type { DisputeRow, PromiseRow } from '../collections/service.js';
import { setSessionCookie } from '../identity/routes.js';
import { redeemPortalSignInLink, tenantToday } from '../identity/service.js';
import { findCustomer } from '../customers/service.js';
import type { InvoiceRow, InvoiceWithLines } from '../invoicing/service.js';
import type { OrderRow } from '../orders/service.js';
import {
  getPortalInvoice,
  listPortalInvoices,
  listPortalOrders,
  maxInvoicesPerPortalPayment,
  openPortalDispute,
  payInvoicesByCard,
  portalActor,
  portalInvoiceFilters,
  portalInvoicePdf,
  portalInvoiceUbl,
  portalInvoicesPaymentPending,
  portalProfile,
  portalStatement,
  portalStatementPdf,
  recordPortalPromise,
  requestPortalSignInLink,
  type PortalSession,
} from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the /portal/v1 authentication hook (http/server.ts) from the portal session cookie. */
    portalSession?: PortalSession;
  }
}

/** The signed-in customer; routes under /portal/v1 are only reached with one. */
function sessionOf(request: FastifyRequest): PortalSession {
  if (!request.portalSession) throw new DomainFailure({ code: 'forbidden', message: 'no portal session' });
  return request.portalSession;
}

/** Sends a problem from a handler whose success responses are typed (the reply's send accepts only those). */
async function sendProblem(reply: FastifyReply, problem: { status: number; [field: string]: unknown }): Promise<FastifyReply> {
  return reply.status(problem.status).type(problemContentType).send(problem);
}

// ---- views: what a customer may see of the tenant's records ----------------------------------------------------------

const invoiceKinds = ['invoice', 'credit_note'] as const;
const invoiceStatuses = ['open', 'partially_paid', 'paid', 'void', 'applied', 'written_off'] as const;

const portalInvoiceView = z.object({
  id: z.uuid(),
  kind: z.enum(invoiceKinds),
  number: z.string(),
  status: z.enum(invoiceStatuses),
  currency: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  subtotalMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  openMinor: z.number().int().describe('Still to pay (invoice) or still to use (credit note)'),
  discountMinor: z.number().int().nullable(),
  discountDeadline: z.string().nullable(),
  paymentReference: z.string().nullable(),
  creditedInvoiceId: z.uuid().nullable(),
  memo: z.string().nullable(),
  paymentPending: z.boolean().describe('A card payment for it is waiting for the gateway to settle'),
  lines: z
    .array(z.object({ position: z.number().int(), description: z.string(), quantity: z.string(), unitPriceMinor: z.number().int(), taxRatePercent: z.string(), netMinor: z.number().int(), taxMinor: z.number().int() }))
    .optional(),
});

/** Only what the customer's own copy of the document shows: internal notes (write-off, void reasons) stay out. */
function toPortalInvoiceView(i: InvoiceRow | InvoiceWithLines, pending: ReadonlySet<string>) {
  return {
    id: i.id,
    kind: i.kind as (typeof invoiceKinds)[number],
    number: i.number ?? '',
    status: i.status as (typeof invoiceStatuses)[number],
    currency: i.currency,
    issueDate: i.issueDate ?? '',
    dueDate: i.dueDate ?? '',
    subtotalMinor: minorToJson(i.subtotalMinor),
    taxMinor: minorToJson(i.taxMinor),
    totalMinor: minorToJson(i.totalMinor),
    openMinor: minorToJson(i.openMinor),
    discountMinor: i.discountMinor === null ? null : minorToJson(i.discountMinor),
    discountDeadline: i.discountDeadline,
    paymentReference: i.creditorReference ?? i.number,
    creditedInvoiceId: i.creditedInvoiceId,
    memo: i.memo,
    paymentPending: pending.has(i.id) && ['open', 'partially_paid'].includes(i.status),
    ...('lines' in i
      ? {
          lines: i.lines.map((l) => ({
            position: l.position,
            description: l.description,
            quantity: l.quantity.replace(/\.?0+$/, '') || '0',
            unitPriceMinor: minorToJson(l.unitPriceMinor),
            taxRatePercent: l.taxRatePercent,
            netMinor: minorToJson(l.netMinor),
            taxMinor: minorToJson(l.taxMinor),
          })),
        }
      : {}),
  };
}

const orderView = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.string(),
  orderDate: z.string(),
  customerReference: z.string().nullable(),
  currency: z.string(),
  totalMinor: z.number().int(),
  invoicedMinor: z.number().int(),
});
const toOrderView = (o: OrderRow) => ({
  id: o.id,
  number: o.number,
  status: o.status,
  orderDate: o.orderDate,
  customerReference: o.customerReference,
  currency: o.currency,
  totalMinor: minorToJson(o.totalMinor),
  invoicedMinor: minorToJson(o.invoicedMinor),
});

const cardView = z.object({
  id: z.uuid(),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  expiryMonth: z.number().int().nullable(),
  expiryYear: z.number().int().nullable(),
  expired: z.boolean(),
  autopay: z.boolean(),
  status: z.enum(['active', 'removed']),
});
/** Never the gateway token; the card number was never ours. */
const toCardView = (c: StoredCardRow, today: string) => ({
  id: c.id,
  brand: c.brand,
  last4: c.last4,
  expiryMonth: c.expiryMonth,
  expiryYear: c.expiryYear,
  expired: isCardExpired(c.expiryMonth !== null && c.expiryYear !== null ? { month: c.expiryMonth, year: c.expiryYear } : null, today),
  autopay: c.autopay,
  status: c.status as 'active' | 'removed',
});

const disputeView = z.object({
  id: z.uuid(),
  invoiceId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  reason: z.enum(disputeReasons),
  description: z.string(),
  status: z.enum(disputeStatuses),
  openedOn: z.string(),
  resolveBy: z.string(),
});
const toDisputeView = (d: DisputeRow) => ({
  id: d.id,
  invoiceId: d.invoiceId,
  amountMinor: minorToJson(d.amountMinor),
  currency: d.currency,
  reason: d.reason as (typeof disputeReasons)[number],
  description: d.description,
  status: d.status as (typeof disputeStatuses)[number],
  openedOn: d.openedOn,
  resolveBy: d.resolveBy,
});

const promiseView = z.object({ id: z.uuid(), amountMinor: z.number().int(), currency: z.string(), promisedOn: z.string(), madeOn: z.string(), invoiceIds: z.array(z.uuid()), status: z.string() });
const toPromiseView = (p: PromiseRow) => ({
  id: p.id,
  amountMinor: minorToJson(p.amountMinor),
  currency: p.currency,
  promisedOn: p.promisedOn,
  madeOn: p.madeOn,
  invoiceIds: p.invoiceIds as string[],
  status: p.status,
});

const paymentView = z.object({
  status: z.literal('paid'),
  paymentId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  valueDate: z.string(),
  allocations: z.array(z.object({ invoiceId: z.uuid(), amountMinor: z.number().int() })),
  unappliedMinor: z.number().int().describe('Charged beyond what was still open (an invoice paid another way meanwhile): kept as credit'),
});
const pendingView = z.object({ status: z.literal('pending'), chargeId: z.string(), amountMinor: z.number().int(), currency: z.string() });

const signInLinkSent = {
  accepted: true as const,
  message: 'If this email address is on file for a customer of this company, a sign-in link is on its way. It works once, for 30 minutes.',
};

/**
 * The customer portal's HTTP surface. /portal/sign-in-link and /portal/sign-in are public; everything under
 * /portal/v1 needs a portal session (checked in http/server.ts). None of it is in the API document: it is the
 * portal web app's backend, not the public API the typed client covers.
 */
export function registerPortalRoutes(app: CashloopApp, db: Database): void {
  app.post('/portal/sign-in-link', {
    schema: {
      hide: true,
      body: z.strictObject({ tenantId: z.uuid(), email: z.email().max(320) }),
      response: { 202: z.object({ accepted: z.literal(true), message: z.string() }) },
    },
    handler: async (request, reply) => {
      await requestPortalSignInLink(db, request.body);
      // The same answer whether the address is known or not: the portal does not tell who is a customer.
      return reply.status(202).send(signInLinkSent);
    },
  });

  app.post('/portal/sign-in', {
    schema: {
      hide: true,
      body: z.strictObject({ token: z.string().min(1).max(200) }),
      response: { 200: z.object({ customer: z.object({ id: z.uuid(), name: z.string() }) }) },
    },
    handler: async (request, reply) => {
      const redeemed = await redeemPortalSignInLink(db, request.body.token);
      const customer = redeemed ? await findCustomer(db, redeemed.tenantId, redeemed.customerId) : undefined;
      if (!redeemed || !customer) {
        return sendProblem(reply, problemFor('unauthenticated', 'this sign-in link is unknown, has expired or was already used: ask for a new one'));
      }
      setSessionCookie(request, reply, redeemed.token, redeemed.expiresAt);
      return { customer: { id: customer.id, name: customer.name } };
    },
  });

  app.get('/portal/v1/me', {
    schema: {
      hide: true,
      response: {
        200: z.object({
          customer: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), currency: z.string() }),
          contactEmail: z.string(),
          tenant: z.object({ id: z.uuid(), name: z.string() }),
          payee: z.object({ name: z.string(), iban: z.string().nullable(), bic: z.string().nullable() }).describe("The company's bank account for payments by transfer"),
        }),
      },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const { customer, tenant } = unwrap(await portalProfile(db, session));
      return {
        customer: { id: customer.id, name: customer.name, email: customer.email, currency: customer.currency },
        contactEmail: session.contactEmail,
        tenant: { id: tenant.id, name: tenant.legalName ?? tenant.name },
        payee: { name: tenant.legalName ?? tenant.name, iban: tenant.iban, bic: tenant.bic },
      };
    },
  });

  app.get('/portal/v1/invoices', {
    schema: {
      hide: true,
      querystring: pageQuery.extend({ status: z.enum(portalInvoiceFilters).default('open') }),
      response: { 200: pageSchema(portalInvoiceView) },
    },
    handler: async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await listPortalInvoices(db, sessionOf(request), { filter: status, beforeId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      const pending = await portalInvoicesPaymentPending(db, sessionOf(request));
      return { data: page.items.map((i) => toPortalInvoiceView(i, pending)), nextCursor: page.nextCursor };
    },
  });

  app.get('/portal/v1/invoices/:id', {
    schema: { hide: true, params: idParam, response: { 200: portalInvoiceView } },
    handler: async (request) => {
      const invoice = unwrap(await getPortalInvoice(db, sessionOf(request), request.params.id));
      return toPortalInvoiceView(invoice, await portalInvoicesPaymentPending(db, sessionOf(request)));
    },
  });

  app.get('/portal/v1/invoices/:id/pdf', {
    schema: { hide: true, params: idParam },
    handler: async (request, reply) => {
      const { fileName, pdf } = unwrap(await portalInvoicePdf(db, sessionOf(request), request.params.id));
      return reply.header('content-disposition', `inline; filename="${fileName}"`).type('application/pdf').send(pdf);
    },
  });

  app.get('/portal/v1/invoices/:id/ubl', {
    schema: { hide: true, params: idParam },
    handler: async (request, reply) => {
      const { fileName, xml } = unwrap(await portalInvoiceUbl(db, sessionOf(request), request.params.id));
      return reply.header('content-disposition', `attachment; filename="${fileName}"`).type('application/xml; charset=utf-8').send(xml);
    },
  });

  app.get('/portal/v1/orders', {
    schema: { hide: true, querystring: pageQuery, response: { 200: pageSchema(orderView) } },
    handler: async (request) => {
      const { limit, cursor } = request.query;
      const page = pageOf(await listPortalOrders(db, sessionOf(request), { beforeId: decodeCursor(cursor), limit }), limit);
      return { data: page.items.map(toOrderView), nextCursor: page.nextCursor };
    },
  });

  app.get('/portal/v1/statement', {
    schema: {
      hide: true,
      response: {
        200: z.object({
          asOf: z.string(),
          currency: z.string(),
          balanceMinor: z.number().int(),
          overdueMinor: z.number().int(),
          unappliedCashMinor: z.number().int(),
          openItems: z.array(portalInvoiceView),
          truncated: z.boolean(),
        }),
      },
    },
    handler: async (request) => {
      const s = unwrap(await portalStatement(db, sessionOf(request)));
      const pending = await portalInvoicesPaymentPending(db, sessionOf(request));
      return {
        asOf: s.asOf,
        currency: s.currency,
        balanceMinor: minorToJson(s.balanceMinor),
        overdueMinor: minorToJson(s.overdueMinor),
        unappliedCashMinor: minorToJson(s.unappliedCashMinor),
        openItems: s.openItems.map((i) => toPortalInvoiceView(i, pending)),
        truncated: s.truncated,
      };
    },
  });

  app.get('/portal/v1/statement/pdf', {
    schema: { hide: true, querystring: z.object({ from: businessDate, to: businessDate }) },
    handler: async (request, reply) => {
      const { from, to } = request.query;
      if (to < from) throw new DomainFailure({ code: 'validation_failed', message: 'to is before from', fieldErrors: [{ pointer: '/querystring/to', detail: 'on or after from' }] });
      const { fileName, pdf } = unwrap(await portalStatementPdf(db, sessionOf(request), from, to));
      return reply.header('content-disposition', `inline; filename="${fileName}"`).type('application/pdf').send(pdf);
    },
  });

  app.post('/portal/v1/payments', {
    schema: {
      hide: true,
      body: z.strictObject({
        invoiceIds: z.array(z.uuid()).min(1).max(maxInvoicesPerPortalPayment),
        cardId: z.uuid().optional().describe('A card on file'),
        sandboxCardNumber: z.string().max(30).optional().describe('Sandbox only: one of its test card numbers; never stored'),
      }),
      response: { 201: paymentView, 202: pendingView },
    },
    handler: async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const outcome = unwrap(await payInvoicesByCard(db, sessionOf(request), request.body, typeof key === 'string' ? key : undefined));
      switch (outcome.status) {
        case 'declined': {
          // 402 Payment Required: the card did not pay; nothing was recorded and the customer may try another card.
          return sendProblem(reply, { type: `${problemTypeBase}payment-declined`, title: 'The card was declined', status: 402, detail: outcome.message, declineCode: outcome.declineCode });
        }
        case 'pending':
          return reply.status(202).send({ status: 'pending' as const, chargeId: outcome.chargeId, amountMinor: minorToJson(outcome.amountMinor), currency: outcome.currency });
        case 'paid': {
          const p = outcome.payment;
          return reply.status(201).send({
            status: 'paid' as const,
            paymentId: p.id,
            amountMinor: minorToJson(p.amountMinor),
            currency: p.currency,
            valueDate: p.valueDate,
            allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: minorToJson(a.amountMinor) })),
            unappliedMinor: minorToJson(p.unappliedMinor),
          });
        }
      }
    },
  });

  app.get('/portal/v1/cards', {
    schema: { hide: true, response: { 200: z.object({ data: z.array(cardView) }) } },
    handler: async (request) => {
      const session = sessionOf(request);
      const cards = unwrap(await listStoredCards(db, portalActor(session), session.customerId, { includeRemoved: false }));
      const today = await tenantToday(db, session.tenantId);
      return { data: cards.map((c) => toCardView(c, today)) };
    },
  });

  app.post('/portal/v1/cards', {
    schema: {
      hide: true,
      body: z.strictObject({
        token: z.string().trim().min(1).max(255).optional().describe("The gateway's token for the card, from the gateway's own card form; never a card number"),
        sandboxCardNumber: z.string().max(30).optional().describe('Sandbox only: one of its test card numbers; never stored'),
        brand: z.string().trim().min(1).max(30).nullish(),
        last4: z.string().regex(/^[0-9]{4}$/, 'the last four digits').nullish(),
        expiryMonth: z.number().int().min(1).max(12).nullish(),
        expiryYear: z.number().int().min(1000).max(9999).nullish(),
        autopay: z.boolean().optional().describe('Pay due invoices with this card automatically'),
      }),
      response: { 201: cardView },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      const today = await tenantToday(db, session.tenantId);
      const card = unwrap(await addStoredCard(db, portalActor(session), session.customerId, request.body, today));
      return reply.status(201).send(toCardView(card, today));
    },
  });

  app.patch('/portal/v1/cards/:id', {
    schema: { hide: true, params: idParam, body: z.strictObject({ autopay: z.boolean() }), response: { 200: cardView } },
    handler: async (request) => {
      const session = sessionOf(request);
      const card = unwrap(await setCardAutopay(db, portalActor(session), session.customerId, request.params.id, request.body.autopay));
      return toCardView(card, await tenantToday(db, session.tenantId));
    },
  });

  app.delete('/portal/v1/cards/:id', {
    schema: { hide: true, params: idParam, response: { 200: cardView } },
    handler: async (request) => {
      const session = sessionOf(request);
      const card = unwrap(await removeStoredCard(db, portalActor(session), session.customerId, request.params.id));
      return toCardView(card, await tenantToday(db, session.tenantId));
    },
  });

  app.post('/portal/v1/disputes', {
    schema: {
      hide: true,
      body: z.strictObject({
        invoiceId: z.uuid(),
        reason: z.enum(disputeReasons),
        description: z.string().trim().min(1).max(2000),
        amountMinor: positiveAmountMinor.optional().describe('The disputed part; the whole open amount when left out'),
      }),
      response: { 201: disputeView },
    },
    handler: async (request, reply) => reply.status(201).send(toDisputeView(unwrap(await openPortalDispute(db, sessionOf(request), request.body)))),
  });

  app.post('/portal/v1/promises', {
    schema: {
      hide: true,
      body: z.strictObject({
        amountMinor: positiveAmountMinor,
        currency: currencyCode.optional().describe("Defaults to the customer's currency"),
        promisedOn: businessDate,
        invoiceIds: z.array(z.uuid()).max(maxInvoicesPerPortalPayment).default([]),
      }),
      response: { 201: promiseView },
    },
    handler: async (request, reply) => reply.status(201).send(toPromiseView(unwrap(await recordPortalPromise(db, sessionOf(request), request.body)))),
  });
}
