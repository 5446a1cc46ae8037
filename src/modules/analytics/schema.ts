import { sql } from 'drizzle-orm';
import { bigint, check, date, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

/** A tenant's target for a KPI (e.g. DSO at most 35 days, CEI at least 85 %), shown against the actual figures. */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    kpi: text('kpi').notNull(),
    /** decimal text, in the KPI's unit (days, percent, times) */
    target: text('target').notNull(),
    /** at_most (lower is better, e.g. DSO) or at_least (higher is better, e.g. CEI) */
    direction: text('direction').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kpi] }), check('kpi_targets_direction_check', sql`${t.direction} in ('at_most', 'at_least')`)],
);

/**
 * The cash forecast as it was made on a business date (13 weeks of expected receipts per day, by source), kept so it
 * can be compared afterwards with what really came in. One per tenant, date and currency.
 */
export const cashForecasts = pgTable(
  'cash_forecasts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    horizonDays: integer('horizon_days').notNull(),
    /** [{ date, invoicesMinor, autopayMinor, ordersMinor }] as decimal strings */
    days: jsonb('days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('cash_forecasts_day_key').on(t.tenantId, t.madeOn, t.currency)],
);

/**
 * The payment-date model last trained for a tenant and currency (plain JSON trees), retrained when it is a week old:
 * the daily forecast reuses it instead of training every day, and every server instance reads the same model.
 */
export const paymentModels = pgTable(
  'payment_models',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    currency: text('currency').notNull(),
    /** the business date whose settled history it learned from (nothing settled after it) */
    trainedOn: date('trained_on', { mode: 'string' }).notNull(),
    trainingInvoices: integer('training_invoices').notNull(),
    model: jsonb('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency] })],
);

/** A saved report definition (measures, group-by, filters, period), run through the API and exported as CSV/XLSX. */
export const savedReports = pgTable('saved_reports', {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  name: text('name').notNull(),
  definition: jsonb('definition').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The latest risk score of each customer (0–100, from the payment model), used by the worklist and credit control. */
export const customerRiskScores = pgTable(
  'customer_risk_scores',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull(),
    score: integer('score').notNull(),
    computedOn: date('computed_on', { mode: 'string' }).notNull(),
    /** the parts of the score and the figures behind them */
    details: jsonb('details').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] }), check('customer_risk_scores_range_check', sql`${t.score} between 0 and 100`)],
);

/**
 * A suggestion for an AR manager from the payment history: longer terms or a higher limit for reliable payers, shorter
 * terms, a lower limit or prepayment for deteriorating ones. Accepted or dismissed, never silently applied.
 */
export const creditRecommendations = pgTable(
  'credit_recommendations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').notNull(),
    currentValue: text('current_value'),
    proposedValue: text('proposed_value'),
    reason: text('reason').notNull(),
    evidence: jsonb('evidence').notNull(),
    status: text('status').notNull(),
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    check('credit_recommendations_kind_check', sql`${t.kind} in ('extend_terms', 'raise_limit', 'shorten_terms', 'lower_limit', 'require_prepayment')`),
    check('credit_recommendations_status_check', sql`${t.status} in ('open', 'accepted', 'dismissed')`),
  ],
);

/** The weekly KPI digest sent to AR managers: one per tenant and week (exactly once). */
export const kpiDigests = pgTable(
  'kpi_digests',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    content: jsonb('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.weekStart] })],
);

/**
 * What changed the receivables on each day, per tenant and currency, so the KPIs of any period read a few rows per day
 * instead of every invoice and allocation: the AR balance on D is the sum of `receivablesMinor` over the days up to D,
 * the part not yet due the same sum of `currentReceivablesMinor`; net credit sales and invoices issued per issue date;
 * invoices settled per settlement day with the sums average days to pay needs.
 *
 * Written only by database triggers (migration 0021) in the statement that inserts an allocation or inserts, changes or
 * deletes an invoice, so every writer (services, set-based bulk paths, imports, generators) keeps it equal to the
 * documents in the same transaction. The same day is split over `slot` (the writing transaction's id modulo 16) so
 * that concurrent transactions seldom wait on one row; readers sum the slots.
 */
export const receivableDayTotals = pgTable(
  'receivable_day_totals',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    currency: text('currency').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    slot: smallint('slot').notNull(),
    /** Change of the open invoices (kind invoice, issued) on the day: issued total less allocations applied. */
    receivablesMinor: bigint('receivables_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Change of the open invoices not yet due (due date on or after the day). */
    currentReceivablesMinor: bigint('current_receivables_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Invoices less credit notes issued on the day. */
    netSalesMinor: bigint('net_sales_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    invoicesIssued: bigint('invoices_issued', { mode: 'bigint' }).notNull().default(sql`0`),
    invoicesIssuedMinor: bigint('invoices_issued_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Invoices (positive total) whose settled_on is the day: count, Σ total, Σ days from issue, Σ total × days. */
    invoicesSettled: bigint('invoices_settled', { mode: 'bigint' }).notNull().default(sql`0`),
    settledMinor: bigint('settled_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    settledDays: bigint('settled_days', { mode: 'bigint' }).notNull().default(sql`0`),
    settledAmountDays: numeric('settled_amount_days', { precision: 38, scale: 0 }).notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency, t.day, t.slot] })],
);
