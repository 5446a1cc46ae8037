import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';

/**
 * One uploaded file: reviewed by a dry run (its report kept here), then committed exactly as reviewed. The file's
 * SHA-256 identifies it: committing a different file is refused, and a file already committed imports nothing again.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    kind: text('kind').notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256').notNull(),
    status: text('status').notNull(),
    rowCount: integer('row_count').notNull(),
    acceptedCount: integer('accepted_count').notNull(),
    warningCount: integer('warning_count').notNull(),
    errorCount: integer('error_count').notNull(),
    /** Totals by currency of the accepted rows, and other summary figures of the review. */
    summary: jsonb('summary').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    index('import_batches_file_idx').on(t.tenantId, t.kind, t.fileSha256),
    check('import_batches_kind_check', sql`${t.kind} in ('customers', 'contacts', 'open_invoices', 'paid_invoices')`),
    check('import_batches_status_check', sql`${t.status} in ('reviewed', 'committed')`),
  ],
);

/** Rows of a review that were not accepted as they are: errors (skipped on commit) and warnings (imported). */
export const importIssues = pgTable(
  'import_issues',
  {
    id: uuid('id').primaryKey(),
    batchId: uuid('batch_id').notNull().references(() => importBatches.id),
    lineNumber: integer('line_number').notNull(),
    severity: text('severity').notNull(),
    column: text('column'),
    message: text('message').notNull(),
  },
  (t) => [index('import_issues_batch_idx').on(t.batchId, t.lineNumber), check('import_issues_severity_check', sql`${t.severity} in ('error', 'warning')`)],
);

/**
 * Invoices settled in a legacy system before Cashloop: not in the ledger (they were booked there), but history for
 * analytics and payment-date prediction from day one.
 */
export const paymentHistory = pgTable(
  'payment_history',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    invoiceNumber: text('invoice_number').notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    paidDate: date('paid_date', { mode: 'string' }).notNull(),
    disputed: integer('disputed').notNull().default(0),
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
  },
  (t) => [unique('payment_history_number_key').on(t.tenantId, t.invoiceNumber), index('payment_history_customer_idx').on(t.tenantId, t.customerId)],
);
