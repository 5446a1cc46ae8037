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
    check('collection_activities_kind_check', sql`${t.kind} in ('call', 'email', 'note', 'letter', 'dunning', 'promise', 'promise_kept', 'promise_broken', 'dispute', 'escalation', 'payment_plan', 'payment_plan_broken')`),
  ],
);

/**
 * How accounts are shared out between collectors: the first rule (lowest priority number) whose conditions all hold
 * gives the customer its collector, unless the customer was assigned by hand (customer_collection_settings.collector).
 * A condition left null matches every customer. The balance bounds are inclusive and compare the customer's open
 * balance in its own currency (minor units).
 */
export const collectorPortfolioRules = pgTable(
  'collector_portfolio_rules',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    /** the collector's name (the name of their API key) */
    collector: text('collector').notNull(),
    segment: text('segment'),
    /** ISO 3166-1 alpha-2 */
    countryCode: text('country_code'),
    minBalanceMinor: bigint('min_balance_minor', { mode: 'bigint' }),
    maxBalanceMinor: bigint('max_balance_minor', { mode: 'bigint' }),
    /** lower is tried first; unique per tenant so the order is never a tie */
    priority: integer('priority').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('collector_portfolio_rules_priority_key').on(t.tenantId, t.priority),
    check('collector_portfolio_rules_balance_check', sql`${t.minBalanceMinor} is null or ${t.maxBalanceMinor} is null or ${t.minBalanceMinor} <= ${t.maxBalanceMinor}`),
  ],
);

export const paymentPlanStatuses = ['active', 'completed', 'broken', 'cancelled'] as const;
export const instalmentStatuses = ['open', 'paid', 'missed'] as const;

/**
 * A payment plan: some or all of a customer's overdue invoices paid off in instalments. While it is active the
 * invoices are left out of dunning; the daily run checks each instalment once its due date has passed.
 */
export const paymentPlans = pgTable(
  'payment_plans',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    currency: text('currency').notNull(),
    /** the principal: the open amount of the covered invoices when the plan was made */
    totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
    /** simple interest per year, as a decimal string ("8", "7.5"); null = no interest */
    interestPercent: text('interest_percent'),
    status: text('status').notNull(),
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    /** the day it was completed, broken or cancelled */
    endedOn: date('ended_on', { mode: 'string' }),
    autopay: boolean('autopay').notNull().default(false),
    invoiceIds: jsonb('invoice_ids').notNull(),
    createdBy: text('created_by').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_plans_customer_idx').on(t.tenantId, t.customerId),
    index('payment_plans_status_idx').on(t.tenantId, t.status),
    check('payment_plans_total_check', sql`${t.totalMinor} > 0`),
    check('payment_plans_status_check', sql`${t.status} in ('active', 'completed', 'broken', 'cancelled')`),
  ],
);

/** One instalment of a plan: principal (amount_minor) and the interest stated beside it, due on a date. */
export const paymentPlanInstalments = pgTable(
  'payment_plan_instalments',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    planId: uuid('plan_id').notNull().references(() => paymentPlans.id),
    number: integer('number').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    interestMinor: bigint('interest_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    paidMinor: bigint('paid_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    status: text('status').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.number] }),
    check('payment_plan_instalments_amount_check', sql`${t.amountMinor} > 0 and ${t.interestMinor} >= 0 and ${t.paidMinor} >= 0`),
    check('payment_plan_instalments_status_check', sql`${t.status} in ('open', 'paid', 'missed')`),
  ],
);
