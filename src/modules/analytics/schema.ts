import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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
