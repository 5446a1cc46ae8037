import { sql } from 'drizzle-orm';
import { bigint, check, date, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** received, or reversed (a bounced cheque, a chargeback, a returned direct debit): the money never stayed */
    status: text('status').notNull().default('received'),
    reversedOn: date('reversed_on', { mode: 'string' }),
    reversalReason: text('reversal_reason'),
    /**
     * The date from which the payment has nothing unapplied for good: once unapplied_minor is zero or it is reversed,
     * the latest of its value date, allocations, refunds and reversal; null while any of it is unapplied. Kept by the
     * transaction that changes unapplied_minor; reports as of a past date read only payments not used up by then.
     */
    usedUpOn: date('used_up_on', { mode: 'string' }),
    /** for card payments: the gateway and its charge id (a webhook for the same charge never records it twice) */
    gateway: text('gateway'),
    gatewayChargeId: text('gateway_charge_id'),
    /**
     * For a payment in another currency than the tenant's base currency: base-currency units per unit of the payment's
     * currency on its value date (the rate its cash was booked at). Null for base-currency payments.
     */
    exchangeRate: numeric('exchange_rate', { precision: 20, scale: 10 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_tenant_customer_idx').on(t.tenantId, t.customerId),
    // Partial: only card payments carry a charge id, and a bank transfer's row need not enter the index at all.
    uniqueIndex('payments_gateway_charge_key').on(t.tenantId, t.gateway, t.gatewayChargeId).where(sql`${t.gatewayChargeId} is not null`),
    check('payments_status_check', sql`${t.status} in ('received', 'reversed')`),
    check('payments_method_check', sql`${t.method} in ('bank_transfer', 'direct_debit', 'card', 'cheque', 'cash')`),
    check('payments_amount_check', sql`${t.amountMinor} > 0`),
    check('payments_unapplied_range_check', sql`${t.unappliedMinor} >= 0 and ${t.unappliedMinor} <= ${t.amountMinor}`),
    check('payments_reversal_check', sql`(${t.status} = 'reversed') = (${t.reversedOn} is not null)`),
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
    /**
     * Set on the negative row that undoes an allocation when its payment is reversed (on appliedOn): allocations are
     * append-only, so an open balance on any date stays the sum of the rows up to that date.
     */
    reversesAllocationId: uuid('reverses_allocation_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('allocations_invoice_idx').on(t.tenantId, t.invoiceId),
    index('allocations_payment_idx').on(t.tenantId, t.paymentId),
    // Partial: only the negative twin of a reversal sets it; every ordinary allocation stays out of the index.
    uniqueIndex('allocations_reverses_key').on(t.reversesAllocationId).where(sql`${t.reversesAllocationId} is not null`),
    check('allocations_amount_check', sql`(${t.amountMinor} > 0 and ${t.reversesAllocationId} is null) or (${t.amountMinor} < 0 and ${t.reversesAllocationId} is not null)`),
    check('allocations_source_check', sql`(${t.paymentId} is null) <> (${t.creditNoteId} is null)`),
  ],
);

/**
 * Money paid back to a customer out of a payment's unapplied cash (an overpayment, a credit no longer wanted):
 * Dr unapplied cash / Cr bank on refundedOn. Card payments are refunded through their gateway.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    method: text('method').notNull(),
    refundedOn: date('refunded_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    gateway: text('gateway'),
    gatewayRefundId: text('gateway_refund_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.tenantId, t.paymentId),
    check('refunds_amount_check', sql`${t.amountMinor} > 0`),
    check('refunds_method_check', sql`${t.method} in ('bank_transfer', 'card', 'cheque', 'cash')`),
  ],
);
