import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    email: text('email'),
    taxId: text('tax_id'),
    addressLine: text('address_line'),
    city: text('city'),
    postalCode: text('postal_code'),
    /** ISO 3166-1 alpha-2. */
    countryCode: text('country_code'),
    currency: text('currency').notNull(),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    creditLimitMinor: bigint('credit_limit_minor', { mode: 'bigint' }),
    externalRef: text('external_ref'),
    /** The buyer's Peppol participant id (EN 16931 BT-49): EAS scheme code and id; when null, derived from the VAT id. */
    peppolEndpointScheme: text('peppol_endpoint_scheme'),
    peppolEndpointId: text('peppol_endpoint_id'),
    /** How issued invoices reach the customer: email (to `email`) or none (printed, portal). */
    invoiceDelivery: text('invoice_delivery').notNull().default('email'),
    /** Attach the UBL e-invoice to invoice emails. */
    attachUbl: boolean('attach_ubl').notNull().default(false),
    /** Language of messages: en, de. */
    language: text('language').notNull().default('en'),
    /** Named payment terms (modules/terms); when null, net paymentTermsDays. */
    paymentTermsId: uuid('payment_terms_id'),
    /** Customer segment (e.g. retail, wholesale, enterprise): selects price lists and default credit limits. */
    segment: text('segment'),
    /** Credit risk class set by credit review: low, medium, high. */
    riskClass: text('risk_class').notNull().default('medium'),
    /** Blocked from new orders (credit stop); invoices and payments go on. */
    blockedForOrders: boolean('blocked_for_orders').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_tenant_name_idx').on(t.tenantId, t.name),
    check('customers_terms_check', sql`${t.paymentTermsDays} between 0 and 3650`),
    check('customers_credit_limit_check', sql`${t.creditLimitMinor} is null or ${t.creditLimitMinor} >= 0`),
    check('customers_risk_class_check', sql`${t.riskClass} in ('low', 'medium', 'high')`),
    check('customers_peppol_endpoint_check', sql`(${t.peppolEndpointScheme} is null) = (${t.peppolEndpointId} is null)`),
  ],
);

/** Every change of a credit limit or risk class, with who changed it and why: the credit review history. */
export const creditLimitChanges = pgTable(
  'credit_limit_changes',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    previousLimitMinor: bigint('previous_limit_minor', { mode: 'bigint' }),
    newLimitMinor: bigint('new_limit_minor', { mode: 'bigint' }),
    previousRiskClass: text('previous_risk_class'),
    newRiskClass: text('new_risk_class').notNull(),
    /** initial (at creation), default_policy, review, update */
    source: text('source').notNull(),
    note: text('note'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('credit_limit_changes_customer_idx').on(t.tenantId, t.customerId)],
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
