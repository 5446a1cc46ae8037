import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';
import { invoices } from '../invoicing/schema.js';

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    method: text('method').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    payerName: text('payer_name'),
    reference: text('reference'),
    /** Received but not yet allocated to an invoice: the customer's unapplied cash from this payment. */
    unappliedMinor: bigint('unapplied_minor', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_tenant_customer_idx').on(t.tenantId, t.customerId),
    check('payments_method_check', sql`${t.method} in ('bank_transfer', 'direct_debit', 'card', 'cheque', 'cash')`),
    check('payments_amount_check', sql`${t.amountMinor} > 0`),
    check('payments_unapplied_range_check', sql`${t.unappliedMinor} >= 0 and ${t.unappliedMinor} <= ${t.amountMinor}`),
  ],
);

/**
 * An allocation settles part of an invoice with a payment or a credit note, effective on appliedOn.
 * Open balances on any past date are rebuilt from these rows: open(asOf) = total − allocations applied on or before asOf.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    creditNoteId: uuid('credit_note_id').references(() => invoices.id),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('allocations_invoice_idx').on(t.tenantId, t.invoiceId),
    index('allocations_payment_idx').on(t.tenantId, t.paymentId),
    check('allocations_amount_check', sql`${t.amountMinor} > 0`),
    check('allocations_source_check', sql`(${t.paymentId} is null) <> (${t.creditNoteId} is null)`),
  ],
);
