import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { products } from '../catalog/schema.js';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';
import { invoices } from '../invoicing/schema.js';

export const salesOrders = pgTable(
  'sales_orders',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    number: text('number').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    customerReference: text('customer_reference'),
    /** on_confirmation | on_fulfilment | milestones | recurring */
    billingPolicy: text('billing_policy').notNull(),
    /** Milestones [{key, label, date, percent}] or a recurrence {interval, startDate, endDate}. */
    billingSchedule: jsonb('billing_schedule'),
    subtotalMinor: bigint('subtotal_minor', { mode: 'bigint' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'bigint' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
    /** Invoiced so far, gross; confirmed exposure = total − invoiced (one-off orders). */
    invoicedMinor: bigint('invoiced_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    holdReasons: jsonb('hold_reasons'),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('sales_orders_tenant_number_key').on(t.tenantId, t.number),
    index('sales_orders_customer_idx').on(t.tenantId, t.customerId, t.status),
    check(
      'sales_orders_status_check',
      sql`${t.status} in ('draft', 'submitted', 'credit_hold', 'confirmed', 'partially_fulfilled', 'fulfilled', 'invoiced', 'closed', 'cancelled')`,
    ),
    check('sales_orders_billing_policy_check', sql`${t.billingPolicy} in ('on_confirmation', 'on_fulfilment', 'milestones', 'recurring')`),
    check('sales_orders_invoiced_check', sql`${t.invoicedMinor} >= 0`),
  ],
);

export const salesOrderLines = pgTable(
  'sales_order_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    orderId: uuid('order_id').notNull().references(() => salesOrders.id),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull().references(() => products.id),
    description: text('description').notNull(),
    unit: text('unit').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'bigint' }).notNull(),
    priceOverridden: boolean('price_overridden').notNull(),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }).notNull(),
    taxRatePercent: numeric('tax_rate_percent', { precision: 7, scale: 4 }).notNull(),
    netMinor: bigint('net_minor', { mode: 'bigint' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'bigint' }).notNull(),
    shippedQuantity: numeric('shipped_quantity', { precision: 18, scale: 4 }).notNull().default('0'),
    invoicedQuantity: numeric('invoiced_quantity', { precision: 18, scale: 4 }).notNull().default('0'),
    returnedQuantity: numeric('returned_quantity', { precision: 18, scale: 4 }).notNull().default('0'),
  },
  (t) => [
    unique('sales_order_lines_position_key').on(t.orderId, t.position),
    check('sales_order_lines_quantity_check', sql`${t.quantity} > 0`),
    // An order never ships, invoices or takes back more than was ordered.
    check('sales_order_lines_shipped_check', sql`${t.shippedQuantity} >= 0 and ${t.shippedQuantity} <= ${t.quantity}`),
    check('sales_order_lines_invoiced_check', sql`${t.invoicedQuantity} >= 0 and ${t.invoicedQuantity} <= ${t.quantity}`),
    check('sales_order_lines_returned_check', sql`${t.returnedQuantity} >= 0 and ${t.returnedQuantity} <= ${t.shippedQuantity}`),
  ],
);

export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    orderId: uuid('order_id').notNull().references(() => salesOrders.id),
    kind: text('kind').notNull(),
    shippedOn: date('shipped_on', { mode: 'string' }).notNull(),
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shipments_order_idx').on(t.tenantId, t.orderId), check('shipments_kind_check', sql`${t.kind} in ('delivery', 'return')`)],
);

export const shipmentLines = pgTable(
  'shipment_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    shipmentId: uuid('shipment_id').notNull().references(() => shipments.id),
    orderLineId: uuid('order_line_id').notNull().references(() => salesOrderLines.id),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
  },
  (t) => [index('shipment_lines_shipment_idx').on(t.shipmentId), check('shipment_lines_quantity_check', sql`${t.quantity} > 0`)],
);

/**
 * One row per billing of an order: 'confirmation', 'shipment:<id>', 'milestone:<key>', 'period:2026-03', 'return:<id>'.
 * The unique key is what makes billing exactly-once, whoever runs it and however often.
 */
export const orderBillings = pgTable(
  'order_billings',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    orderId: uuid('order_id').notNull().references(() => salesOrders.id),
    billingKey: text('billing_key').notNull(),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    /** order line id → quantity billed (or credited, for a return) by this document. */
    quantities: jsonb('quantities').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('order_billings_key').on(t.orderId, t.billingKey), index('order_billings_invoice_idx').on(t.tenantId, t.invoiceId)],
);

/** The order's history: every state change as an event (published as webhooks by the integration module). */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    orderId: uuid('order_id').notNull().references(() => salesOrders.id),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    actor: text('actor').notNull(),
    payload: jsonb('payload'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.tenantId, t.orderId)],
);
