import { bigint, date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';
import { invoices } from '../invoicing/schema.js';

/** A late-fee policy of the tenant (customer null) or of one customer, which then overrides the tenant's. */
export const lateFeePolicies = pgTable(
  'late_fee_policies',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** The LateFeePolicy of late-fee.ts, amounts as strings of minor units. */
    definition: jsonb('definition').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('late_fee_policies_scope_key').on(t.tenantId, t.customerId).nullsNotDistinct()],
);

/** Every fee or interest charge: the (invoice, period) key makes charging the same period twice impossible. */
export const lateFeeCharges = pgTable(
  'late_fee_charges',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    periodKey: text('period_key').notNull(),
    kind: text('kind').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    /** The fee invoice that carries the charge on the customer's account. */
    feeInvoiceId: uuid('fee_invoice_id').notNull().references(() => invoices.id),
    chargedOn: date('charged_on', { mode: 'string' }).notNull(),
  },
  (t) => [unique('late_fee_charges_period_key').on(t.invoiceId, t.periodKey), index('late_fee_charges_fee_invoice_idx').on(t.feeInvoiceId)],
);
