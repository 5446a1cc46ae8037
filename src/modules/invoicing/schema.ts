import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';

/** Gapless document numbers: the counter row is locked by the issuing transaction, so a rollback returns its number. */
export const numberSeries = pgTable(
  'number_series',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    series: text('series').notNull(),
    prefix: text('prefix').notNull(),
    width: integer('width').notNull(),
    nextValue: bigint('next_value', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.series] })],
);

/** Invoices and credit notes: both are documents that move a customer's receivable balance. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    kind: text('kind').notNull(),
    number: text('number'),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    issueDate: date('issue_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    /** The terms in force for this invoice (a snapshot: later changes to a template do not move it). */
    paymentTerms: jsonb('payment_terms'),
    /** Early-payment discount offered, and the last day to take it. */
    discountMinor: bigint('discount_minor', { mode: 'bigint' }),
    discountDeadline: date('discount_deadline', { mode: 'string' }),
    /** Instalment schedule [{ dueDate, amountMinor }] when the terms split the amount. */
    instalments: jsonb('instalments'),
    /** ISO 11649 structured creditor reference (RF..) printed on the invoice for payment matching. */
    creditorReference: text('creditor_reference'),
    writeOffReason: text('write_off_reason'),
    /** Unit prices include VAT (the tax was taken out of the line amounts). */
    pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
    subtotalMinor: bigint('subtotal_minor', { mode: 'bigint' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'bigint' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
    /** What is still to be paid (invoice) or still to be used (credit note); kept equal to total minus allocations. */
    openMinor: bigint('open_minor', { mode: 'bigint' }).notNull(),
    /**
     * For an invoice: the date of the allocation that brought its open balance to zero, null while anything is open.
     * Kept by the same transaction that changes open_minor; lets reports as of a past date skip everything settled by
     * then (open on D = open now + allocations dated after D).
     */
    settledOn: date('settled_on', { mode: 'string' }),
    /**
     * For an invoice: the date of its earliest allocation (payment, credit note, adjustment, write-off, or a reversal's
     * negative row), null while nothing was ever applied. Kept with settled_on; on any date before it the invoice was
     * open for its whole total, so aging as of a past date reads allocations only of invoices touched by then.
     */
    firstAppliedOn: date('first_applied_on', { mode: 'string' }),
    /**
     * For a document in another currency than the tenant's base currency: base-currency units per unit of its currency,
     * fixed when it is issued (credit notes take their invoice's rate). The ledger books it in base currency at this
     * rate; null for base-currency documents.
     */
    exchangeRate: numeric('exchange_rate', { precision: 20, scale: 10 }),
    /** For a credit note: the invoice it credits. */
    creditedInvoiceId: uuid('credited_invoice_id'),
    voidReason: text('void_reason'),
    memo: text('memo'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('invoices_tenant_number_key').on(t.tenantId, t.number),
    index('invoices_tenant_customer_idx').on(t.tenantId, t.customerId),
    index('invoices_tenant_status_idx').on(t.tenantId, t.status),
    check('invoices_kind_check', sql`${t.kind} in ('invoice', 'credit_note', 'write_off', 'adjustment')`),
    index('invoices_creditor_reference_idx').on(t.tenantId, t.creditorReference).where(sql`${t.creditorReference} is not null`),
    check('invoices_status_check', sql`${t.status} in ('draft', 'open', 'partially_paid', 'paid', 'void', 'applied', 'written_off')`),
    check('invoices_open_range_check', sql`${t.openMinor} >= 0 and ${t.openMinor} <= ${t.totalMinor}`),
    check('invoices_totals_check', sql`${t.totalMinor} = ${t.subtotalMinor} + ${t.taxMinor} and ${t.subtotalMinor} >= 0 and ${t.taxMinor} >= 0`),
    check('invoices_issued_check', sql`${t.status} = 'draft' or (${t.number} is not null and ${t.issueDate} is not null and ${t.dueDate} is not null)`),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    invoiceId: uuid('invoice_id').notNull().references(() => invoices.id),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'bigint' }).notNull(),
    taxRatePercent: numeric('tax_rate_percent', { precision: 7, scale: 4 }).notNull(),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    netMinor: bigint('net_minor', { mode: 'bigint' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'bigint' }).notNull(),
    /** VAT category (UNCL5305: S, Z, E, AE, G); null = derived from the rate (above 0 → S, 0 → Z). */
    taxCategory: text('tax_category'),
    /** Why no VAT is charged (BT-120), for categories E, AE and G. */
    taxExemptionReason: text('tax_exemption_reason'),
  },
  (t) => [
    unique('invoice_lines_position_key').on(t.invoiceId, t.position),
    check('invoice_lines_tax_category_check', sql`${t.taxCategory} is null or ${t.taxCategory} in ('S', 'Z', 'E', 'AE', 'G')`),
  ],
);

/** How a tenant prices invoices: tax rounded per line or once per rate, and whether prices include tax by default. */
export const invoicingSettings = pgTable(
  'invoicing_settings',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
    taxRounding: text('tax_rounding').notNull().default('line'),
    pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  },
  (t) => [check('invoicing_settings_rounding_check', sql`${t.taxRounding} in ('line', 'invoice')`)],
);

/**
 * A billing run: invoices issued in bulk on one date under a run key of the caller's. Running the same key again
 * (after a crash, or twice at once) issues only what is missing; the same key with other invoices is refused.
 */
export const billingRuns = pgTable(
  'billing_runs',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    runKey: text('run_key').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    /** SHA-256 of what the run was asked to issue. */
    requestDigest: text('request_digest').notNull(),
    requestedCount: integer('requested_count').notNull(),
    issuedCount: integer('issued_count').notNull().default(0),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    unique('billing_runs_tenant_key').on(t.tenantId, t.runKey),
    check('billing_runs_status_check', sql`${t.status} in ('running', 'completed')`),
  ],
);

/**
 * The invoices a run issued, one row per position in its request. Claimed (inserted) before the invoice is numbered
 * in the same transaction: a second run of the same key waits on the claim and then skips it, so nothing is issued
 * twice. No foreign key to invoices: the claim precedes the invoice row it names.
 */
export const billingRunItems = pgTable(
  'billing_run_items',
  {
    runId: uuid('run_id').notNull().references(() => billingRuns.id),
    itemIndex: integer('item_index').notNull(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    invoiceId: uuid('invoice_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.itemIndex] }), index('billing_run_items_invoice_idx').on(t.tenantId, t.invoiceId)],
);
