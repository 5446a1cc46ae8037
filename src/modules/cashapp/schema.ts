import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.js';
import { tenants } from '../identity/schema.js';
import { payments } from '../payments/schema.js';

/**
 * An imported bank statement (camt.053/054, MT940, BAI2, CSV). The same statement of the same account is stored
 * once: importing the file again finds it by (account, format, the bank's statement id) and adds nothing.
 */
export const bankStatements = pgTable(
  'bank_statements',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    format: text('format').notNull(),
    /** IBAN or account number of the tenant's own account the statement is for */
    accountIdentifier: text('account_identifier').notNull(),
    statementKey: text('statement_key').notNull(),
    sequenceNumber: text('sequence_number'),
    currency: text('currency'),
    fileSha256: text('file_sha256').notNull(),
    fileName: text('file_name'),
    lineCount: integer('line_count').notNull(),
    /** declared balances as the bank gave them: [{ kind, amountMinor (string), currency, date }] */
    balances: jsonb('balances').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('bank_statements_key').on(t.tenantId, t.accountIdentifier, t.format, t.statementKey)],
);

/**
 * One line of a statement, and what cash application made of it. status: new (not yet matched), applied (a payment
 * was recorded and allocated), exception (waiting for a person), ignored (not a customer payment: a debit, fees, a
 * transfer), rejected (a person said it is not ours to apply).
 */
export const statementLines = pgTable(
  'statement_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    statementId: uuid('statement_id').notNull().references(() => bankStatements.id),
    position: integer('position').notNull(),
    location: text('location').notNull(),
    bookingDate: date('booking_date', { mode: 'string' }),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    bankReference: text('bank_reference'),
    customerReference: text('customer_reference'),
    structuredReference: text('structured_reference'),
    remittanceText: text('remittance_text').notNull(),
    payerName: text('payer_name'),
    payerIban: text('payer_iban'),
    transactionCode: text('transaction_code'),
    reversal: boolean('reversal').notNull(),
    /** identity of the money movement across overlapping statements of the same account */
    fingerprint: text('fingerprint').notNull(),
    status: text('status').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    rule: text('rule'),
    /** confidence of the proposal in basis points (9900 = 0.99) */
    confidenceBasisPoints: integer('confidence_basis_points'),
    explanation: text('explanation'),
    /** the proposal and alternatives (amounts as strings), the reasons it needs a person, and any suspicions */
    proposal: jsonb('proposal'),
    alternatives: jsonb('alternatives'),
    reasons: jsonb('reasons'),
    suspicions: jsonb('suspicions'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('statement_lines_fingerprint_key').on(t.tenantId, t.fingerprint),
    index('statement_lines_status_idx').on(t.tenantId, t.status, t.valueDate),
    index('statement_lines_statement_idx').on(t.tenantId, t.statementId, t.position),
    check('statement_lines_status_check', sql`${t.status} in ('new', 'applied', 'exception', 'ignored', 'rejected')`),
  ],
);

/** What the engine has learned about who pays for whom: payer IBANs and names seen on applied payments. */
export const knownPayers = pgTable(
  'known_payers',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    /** compact IBAN or account number */
    iban: text('iban'),
    payerName: text('payer_name'),
    /** 'manual' (a person matched it), 'automatic' (seen on an auto-applied payment) */
    source: text('source').notNull(),
    paymentCount: integer('payment_count').notNull().default(0),
    largestPaymentMinor: bigint('largest_payment_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('known_payers_account_key').on(t.tenantId, t.customerId, t.iban, t.payerName).nullsNotDistinct(),
    index('known_payers_iban_idx').on(t.tenantId, t.iban),
  ],
);

/** A tenant's matching rules, their order, thresholds and tolerances (defaults apply when there is no row). */
export const cashApplicationSettings = pgTable('cash_application_settings', {
  tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The tenant's own bank accounts that statements arrive for. A CSV statement has no standard layout, so the column
 * mapping that reads this bank's export is saved here once and used for every later file of the account.
 */
export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    /** compact IBAN or account number: statements of this account are stored under it */
    accountIdentifier: text('account_identifier').notNull(),
    currency: text('currency').notNull(),
    /** how this bank's CSV export is read (CsvStatementMapping), or null when the bank sends camt/MT940/BAI2 */
    csvMapping: jsonb('csv_mapping'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('bank_accounts_identifier_key').on(t.tenantId, t.accountIdentifier)],
);
