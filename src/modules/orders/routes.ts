import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import {
  actorOf,
  businessDate,
  decodeCursor,
  idParam,
  minorToJson,
  nonNegativeAmountMinor,
  pageOf,
  pageQuery,
  pageSchema,
  requireRole,
  unwrap,
  type CashloopApp,
} from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import { formatQuantity, quantityFromDb } from './quantity.js';
import { billingPolicies, customerFacingStatus, orderStatuses, type OrderStatus } from './order-lifecycle.js';
import {
  cancelOrder,
  confirmOrder,
  createOrder,
  getOrder,
  listOrders,
  maxLinesPerOrder,
  recordDelivery,
  recordReturn,
  rejectOrder,
  releaseOrder,
  submitOrder,
  type OrderDetail,
  type OrderRow,
} from './service.js';

const quantityText = z.string().regex(/^\d{1,14}(\.\d{1,4})?$/, 'a decimal with up to 4 places, as a string ("2", "1.5")');
const percentText = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage as a string ("10", "2.5")');

const orderInput = z.strictObject({
  customerId: z.uuid(),
  orderDate: businessDate.optional().describe("Defaults to the tenant's today"),
  customerReference: z.string().max(100).nullish().describe("The customer's purchase order number"),
  billingPolicy: z.enum(billingPolicies).default('on_fulfilment'),
  milestones: z
    .array(z.strictObject({ key: z.string().regex(/^[\w-]{1,40}$/), label: z.string().min(1).max(200), date: businessDate, percent: z.number().int().min(1).max(100) }))
    .max(50)
    .optional(),
  recurrence: z
    .strictObject({ interval: z.enum(['monthly', 'quarterly']), startDate: businessDate, endDate: businessDate.nullable().default(null) })
    .optional(),
  lines: z
    .array(
      z.strictObject({
        productId: z.uuid(),
        quantity: quantityText,
        unitPriceMinor: nonNegativeAmountMinor.optional().describe('Overrides the price list (admin, ar_manager)'),
        discountPercent: percentText.optional(),
        taxRatePercent: percentText.optional().describe("Defaults to the product's tax rate"),
        description: z.string().min(1).max(1000).optional(),
      }),
    )
    .min(1)
    .max(maxLinesPerOrder),
});

const movementInput = z.strictObject({
  date: businessDate.optional(),
  reference: z.string().max(100).nullish(),
  lines: z.array(z.strictObject({ lineId: z.uuid(), quantity: quantityText })).min(1).max(maxLinesPerOrder),
});

const orderView = z.object({
  id: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  status: z.enum(orderStatuses),
  customerStatus: z.string().describe('The status as the customer sees it in the portal'),
  currency: z.string(),
  orderDate: z.string(),
  customerReference: z.string().nullable(),
  billingPolicy: z.enum(billingPolicies),
  billingSchedule: z.unknown(),
  subtotalMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  invoicedMinor: z.number().int(),
  holdReasons: z.array(z.object({ code: z.string(), detail: z.string() })).nullable(),
  cancelReason: z.string().nullable(),
  lines: z
    .array(
      z.object({
        id: z.uuid(),
        position: z.number().int(),
        productId: z.uuid(),
        description: z.string(),
        unit: z.string(),
        quantity: z.string(),
        unitPriceMinor: z.number().int(),
        priceOverridden: z.boolean(),
        discountPercent: z.string(),
        taxRatePercent: z.string(),
        netMinor: z.number().int(),
        taxMinor: z.number().int(),
        shippedQuantity: z.string(),
        invoicedQuantity: z.string(),
        returnedQuantity: z.string(),
      }),
    )
    .optional(),
  billings: z.array(z.object({ billingKey: z.string(), invoiceId: z.uuid(), quantities: z.unknown() })).optional(),
  events: z
    .array(z.object({ type: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), reason: z.string().nullable(), actor: z.string(), at: z.string(), payload: z.unknown() }))
    .optional(),
});

const q = (text: string) => formatQuantity(quantityFromDb(text));
const rate = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);

function toOrderView(o: OrderRow | OrderDetail) {
  const base = {
    id: o.id,
    number: o.number,
    customerId: o.customerId,
    status: o.status as OrderStatus,
    customerStatus: customerFacingStatus(o.status as OrderStatus),
    currency: o.currency,
    orderDate: o.orderDate,
    customerReference: o.customerReference,
    billingPolicy: o.billingPolicy as (typeof billingPolicies)[number],
    billingSchedule: o.billingSchedule,
    subtotalMinor: minorToJson(o.subtotalMinor),
    taxMinor: minorToJson(o.taxMinor),
    totalMinor: minorToJson(o.totalMinor),
    invoicedMinor: minorToJson(o.invoicedMinor),
    holdReasons: (o.holdReasons as { code: string; detail: string }[] | null) ?? null,
    cancelReason: o.cancelReason,
  };
  if (!('lines' in o)) return base;
  return {
    ...base,
    lines: o.lines.map((l) => ({
      id: l.id,
      position: l.position,
      productId: l.productId,
      description: l.description,
      unit: l.unit,
      quantity: q(l.quantity),
      unitPriceMinor: minorToJson(l.unitPriceMinor),
      priceOverridden: l.priceOverridden,
      discountPercent: rate(l.discountPercent),
      taxRatePercent: rate(l.taxRatePercent),
      netMinor: minorToJson(l.netMinor),
      taxMinor: minorToJson(l.taxMinor),
      shippedQuantity: q(l.shippedQuantity),
      invoicedQuantity: q(l.invoicedQuantity),
      returnedQuantity: q(l.returnedQuantity),
    })),
    billings: o.billings.map((b) => ({ billingKey: b.billingKey, invoiceId: b.invoiceId, quantities: b.quantities })),
    events: o.events.map((e) => ({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, actor: e.actor, at: e.at.toISOString(), payload: e.payload })),
  };
}

export function registerOrderRoutes(app: CashloopApp, db: Database): void {
  const tags = ['orders'];
  const today = async (tenantId: string, given?: string) => given ?? (await tenantToday(db, tenantId));

  app.post('/v1/orders', {
    schema: { tags, summary: 'Create a draft sales order, priced from the price list of the customer segment', body: orderInput, response: { 201: orderView } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const mayOverridePrice = actor.role === 'admin' || actor.role === 'ar_manager';
      const body = request.body;
      const created = unwrap(
        await createOrder(db, actor, { ...body, orderDate: await today(actor.tenantId, body.orderDate) }, { mayOverridePrice }),
      );
      return reply.status(201).send(toOrderView(created));
    },
  });

  app.get('/v1/orders', {
    schema: {
      tags,
      summary: 'List sales orders',
      querystring: pageQuery.extend({ customerId: z.uuid().optional(), status: z.enum(orderStatuses).optional() }),
      response: { 200: pageSchema(orderView) },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await listOrders(db, actorOf(request), { ...filter, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toOrderView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/orders/:id', {
    schema: { tags, summary: 'Get an order with its lines, billings and history', params: idParam, response: { 200: orderView } },
    handler: async (request) => toOrderView(unwrap(await getOrder(db, actorOf(request), request.params.id))),
  });

  const asOfBody = z.strictObject({ asOf: businessDate.optional() }).default({});

  app.post('/v1/orders/:id/submit', {
    schema: {
      tags,
      summary: 'Submit a draft: the credit check passes (submitted) or puts it on credit hold',
      description: 'Exposure = open receivables (net of unapplied cash and credits) + orders submitted or confirmed but not yet invoiced. ' +
        'Held when exposure with this order exceeds the credit limit, or when an item is overdue beyond the tenant threshold.',
      params: idParam,
      body: asOfBody,
      response: { 200: orderView },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      return toOrderView(unwrap(await submitOrder(db, actor, request.params.id, await today(actor.tenantId, request.body.asOf))));
    },
  });

  app.post('/v1/orders/:id/confirm', {
    schema: { tags, summary: 'Confirm a submitted order (credit re-checked); bills it when its policy is on_confirmation', params: idParam, body: asOfBody, response: { 200: orderView } },
    handler: async (request) => {
      const actor = actorOf(request);
      return toOrderView(unwrap(await confirmOrder(db, actor, request.params.id, await today(actor.tenantId, request.body.asOf))));
    },
  });

  app.post('/v1/orders/:id/release', {
    schema: {
      tags,
      summary: 'Release an order from credit hold (admin, ar_manager), with a note',
      params: idParam,
      body: z.strictObject({ note: z.string().trim().min(1).max(2000), asOf: businessDate.optional() }),
      response: { 200: orderView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toOrderView(unwrap(await releaseOrder(db, actor, request.params.id, { note: request.body.note, asOf: await today(actor.tenantId, request.body.asOf) })));
    },
  });

  app.post('/v1/orders/:id/reject', {
    schema: { tags, summary: 'Reject an order on credit hold (admin, ar_manager)', params: idParam, body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }), response: { 200: orderView } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toOrderView(unwrap(await rejectOrder(db, actor, request.params.id, request.body.reason)));
    },
  });

  app.post('/v1/orders/:id/cancel', {
    schema: { tags, summary: 'Cancel an order that has no deliveries or invoices yet', params: idParam, body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }), response: { 200: orderView } },
    handler: async (request) => toOrderView(unwrap(await cancelOrder(db, actorOf(request), request.params.id, request.body.reason))),
  });

  app.post('/v1/orders/:id/deliveries', {
    schema: { tags, summary: 'Record a (partial) delivery; bills it when the policy is on_fulfilment', params: idParam, body: movementInput, response: { 200: orderView } },
    handler: async (request) => {
      const actor = actorOf(request);
      const { date, ...rest } = request.body;
      return toOrderView(unwrap(await recordDelivery(db, actor, request.params.id, { ...rest, date: await today(actor.tenantId, date) })));
    },
  });

  app.post('/v1/orders/:id/returns', {
    schema: {
      tags,
      summary: 'Record returned goods: credit notes for the returned quantity against the invoices that billed it',
      params: idParam,
      body: movementInput.extend({ reason: z.string().trim().min(1).max(2000) }),
      response: { 200: orderView },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { date, ...rest } = request.body;
      return toOrderView(unwrap(await recordReturn(db, actor, request.params.id, { ...rest, date: await today(actor.tenantId, date) })));
    },
  });
}
