import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

/** Named payment terms of a tenant ("Net 30", "2/10 net 30", "30/30/40"), assignable per customer and invoice. */
export const paymentTerms = pgTable(
  'payment_terms',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    /** The PaymentTerms of payment-terms.ts: { due, discount?, instalments? }. */
    definition: jsonb('definition').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('payment_terms_tenant_name_key').on(t.tenantId, t.name)],
);

/** The tenant's business calendar: how due dates on weekends and holidays roll. */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
    roll: text('roll').notNull(),
    /** ISO weekday numbers that are not business days. */
    weekend: jsonb('weekend').notNull(),
    /** Holidays as YYYY-MM-DD strings. */
    holidays: jsonb('holidays').notNull(),
  },
  (t) => [check('business_calendars_roll_check', sql`${t.roll} in ('none', 'following', 'preceding', 'modified_following')`)],
);
