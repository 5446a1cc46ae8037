import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';
import { invoices } from '../invoicing/schema.js';

/**
 * A dunning policy: its levels (offset from the due date, channel, minimum amount, escalations), the message interval
 * and the weekend/holiday rule, as a validated JSON definition. One policy per tenant is the default; a customer
 * segment or a single customer can be given another.
 */
export const dunningPolicies = pgTable(
  'dunning_policies',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    /** customers of this segment follow this policy (unless they have their own) */
    segment: text('segment'),
    /** pilot (dry run): everything is decided and recorded as "would have sent", nothing goes out */
    pilot: boolean('pilot').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dunning_policies_default_key').on(t.tenantId).where(sql`${t.isDefault}`),
    uniqueIndex('dunning_policies_segment_key').on(t.tenantId, t.segment).where(sql`${t.segment} is not null`),
  ],
);

/** How a customer is collected: its own policy (overrides segment and default), do-not-dun, pilot, its collector. */
export const customerCollectionSettings = pgTable(
  'customer_collection_settings',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    policyId: uuid('policy_id').references(() => dunningPolicies.id),
    doNotDun: boolean('do_not_dun').notNull().default(false),
    pilot: boolean('pilot').notNull().default(false),
    /** the collector (API key name) this account is assigned to by hand */
    collector: text('collector'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] })],
);

/**
 * One dunning message: at most one per customer and business date (the daily run's exactly-once key). Its lines list
 * every overdue item with its level; status queued (in the email outbox), letter (a PDF to print), webhook (handed to
 * the tenant's SMS/other channel through an event) or pilot (would have been sent).
 */
export const dunningNotices = pgTable(
  'dunning_notices',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    policyId: uuid('policy_id').notNull().references(() => dunningPolicies.id),
    level: integer('level').notNull(),
    levelName: text('level_name').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    lines: jsonb('lines').notNull(),
    totals: jsonb('totals').notNull(),
    escalations: jsonb('escalations').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('dunning_notices_day_key').on(t.tenantId, t.customerId, t.asOf),
    index('dunning_notices_customer_idx').on(t.tenantId, t.customerId, t.asOf),
    check('dunning_notices_status_check', sql`${t.status} in ('queued', 'letter', 'webhook', 'pilot')`),
  ],
);

/** Each invoice reaches each level once: the level an invoice is at is the highest row here (pilot rows excluded). */
export const dunningItemLevels = pgTable(
  'dunning_item_levels',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    level: integer('level').notNull(),
    pilot: boolean('pilot').notNull().default(false),
    noticeId: uuid('notice_id').notNull().references(() => dunningNotices.id),
    asOf: date('as_of', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.invoiceId, t.pilot, t.level] })],
);

export const disputeReasons = ['pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'other'] as const;
export const disputeStatuses = ['open', 'resolved_credit_note', 'resolved_write_off', 'rejected'] as const;

/** A customer's dispute of an invoice (whole or part): dunning of the invoice pauses while it is open. */
export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull(),
    owner: text('owner'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    resolveBy: date('resolve_by', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolution: text('resolution'),
    /** the credit note or write-off document that resolved it */
    resolvedByDocumentId: uuid('resolved_by_document_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('disputes_invoice_idx').on(t.tenantId, t.invoiceId),
    index('disputes_status_idx').on(t.tenantId, t.status),
    check('disputes_amount_check', sql`${t.amountMinor} > 0`),
    check('disputes_reason_check', sql`${t.reason} in ('pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'other')`),
    check('disputes_status_check', sql`${t.status} in ('open', 'resolved_credit_note', 'resolved_write_off', 'rejected')`),
  ],
);

/** A promise to pay: amount by a date, for some or all of the customer's open invoices. The daily run checks it. */
export const promisesToPay = pgTable(
  'promises_to_pay',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    promisedOn: date('promised_on', { mode: 'string' }).notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    invoiceIds: jsonb('invoice_ids').notNull(),
    /** open (waiting), kept, broken (nothing or too little came by the date) */
    status: text('status').notNull(),
    paidMinor: bigint('paid_minor', { mode: 'bigint' }),
    checkedOn: date('checked_on', { mode: 'string' }),
    madeBy: text('made_by').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('promises_customer_idx').on(t.tenantId, t.customerId),
    check('promises_amount_check', sql`${t.amountMinor} > 0`),
    check('promises_status_check', sql`${t.status} in ('open', 'kept', 'broken')`),
  ],
);

/** The collector's log: calls, emails, notes, and what the system did (messages, promises, disputes). */
export const collectionActivities = pgTable(
  'collection_activities',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('collection_activities_customer_idx').on(t.tenantId, t.customerId, t.occurredOn),
    check('collection_activities_kind_check', sql`${t.kind} in ('call', 'email', 'note', 'letter', 'dunning', 'promise', 'promise_kept', 'promise_broken', 'dispute', 'escalation')`),
  ],
);
