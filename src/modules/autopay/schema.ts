import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';
import { invoices } from '../invoicing/schema.js';
import { payments } from '../payments/schema.js';

/**
 * A card the customer stored with the payment gateway. Only the gateway's token and what may be shown (brand, last
 * four digits, expiry) are kept here, never a card number. With autopay on, the daily run charges due invoices to it.
 */
export const storedCards = pgTable(
  'stored_cards',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    gateway: text('gateway').notNull(),
    token: text('token').notNull(),
    gatewayCustomerId: text('gateway_customer_id'),
    brand: text('brand'),
    last4: text('last4'),
    expiryMonth: integer('expiry_month'),
    expiryYear: integer('expiry_year'),
    autopay: boolean('autopay').notNull().default(false),
    /** active, or removed (kept for the attempts that name it) */
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('stored_cards_token_key').on(t.tenantId, t.gateway, t.token),
    index('stored_cards_customer_idx').on(t.tenantId, t.customerId),
    check('stored_cards_status_check', sql`${t.status} in ('active', 'removed')`),
    check('stored_cards_last4_check', sql`${t.last4} is null or ${t.last4} ~ '^[0-9]{4}$'`),
  ],
);

/**
 * Every autopay charge attempt, claimed before the gateway is called: (invoice, attempt number) is unique, so two
 * workers or a replayed day never charge the same attempt twice, and the gateway call carries the attempt's own
 * idempotency key, so a worker that died mid-call can repeat it safely.
 */
export const autopayAttempts = pgTable(
  'autopay_attempts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    cardId: uuid('card_id').notNull().references(() => storedCards.id),
    attemptNumber: integer('attempt_number').notNull(),
    attemptedOn: date('attempted_on', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** started (claimed, gateway not yet answered), succeeded, pending (settles by webhook), declined */
    status: text('status').notNull(),
    gateway: text('gateway').notNull(),
    chargeId: text('charge_id'),
    declineCode: text('decline_code'),
    retryable: boolean('retryable'),
    message: text('message'),
    paymentId: uuid('payment_id').references(() => payments.id),
    /**
     * Set when the attempt collects an instalment of a payment plan (then invoiceId names the plan's first invoice and
     * the charge is spread over the plan's invoices, oldest first); null for an invoice's own autopay.
     */
    paymentPlanId: uuid('payment_plan_id'),
    instalmentNumber: integer('instalment_number'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('autopay_attempts_key').on(t.tenantId, t.invoiceId, t.paymentPlanId, t.instalmentNumber, t.attemptNumber).nullsNotDistinct(),
    check('autopay_attempts_plan_check', sql`(${t.paymentPlanId} is null) = (${t.instalmentNumber} is null)`),
    unique('autopay_attempts_idempotency_key').on(t.idempotencyKey),
    index('autopay_attempts_charge_idx').on(t.gateway, t.chargeId),
    check('autopay_attempts_status_check', sql`${t.status} in ('started', 'succeeded', 'pending', 'declined')`),
    check('autopay_attempts_amount_check', sql`${t.amountMinor} > 0`),
  ],
);

/** Gateway webhook events already handled: a redelivered event changes nothing. */
export const gatewayEvents = pgTable(
  'gateway_events',
  {
    gateway: text('gateway').notNull(),
    eventId: text('event_id').notNull(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    type: text('type').notNull(),
    outcome: jsonb('outcome'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('gateway_events_key').on(t.gateway, t.eventId)],
);

/**
 * A card payment made in the customer portal that the gateway accepted but settles later (a pending charge). It keeps
 * the invoices the customer chose, in their order, so the gateway's settlement webhook records the payment against
 * them; until then the portal shows those invoices as "payment pending". One row per charge.
 */
export const portalCardCharges = pgTable(
  'portal_card_charges',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    gateway: text('gateway').notNull(),
    chargeId: text('charge_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    /** The invoices the customer chose to pay, in the order the money goes to them. */
    invoiceIds: jsonb('invoice_ids').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    /** pending (the gateway settles later), succeeded (paymentId recorded), failed (nothing was paid) */
    status: text('status').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id),
    declineCode: text('decline_code'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('portal_card_charges_charge_key').on(t.tenantId, t.gateway, t.chargeId),
    index('portal_card_charges_customer_idx').on(t.tenantId, t.customerId, t.status),
    check('portal_card_charges_status_check', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
    check('portal_card_charges_amount_check', sql`${t.amountMinor} > 0`),
  ],
);
