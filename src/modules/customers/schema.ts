import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    email: text('email'),
    taxId: text('tax_id'),
    currency: text('currency').notNull(),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    creditLimitMinor: bigint('credit_limit_minor', { mode: 'bigint' }),
    externalRef: text('external_ref'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_tenant_name_idx').on(t.tenantId, t.name),
    check('customers_terms_check', sql`${t.paymentTermsDays} between 0 and 3650`),
    check('customers_credit_limit_check', sql`${t.creditLimitMinor} is null or ${t.creditLimitMinor} >= 0`),
  ],
);

export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    role: text('role'),
  },
  (t) => [index('customer_contacts_customer_idx').on(t.tenantId, t.customerId)],
);
