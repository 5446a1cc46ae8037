import { sql } from 'drizzle-orm';
import { bigint, check, date, index, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** asset and expense accounts have a debit normal balance; liability, equity and income a credit one. */
    type: text('type').notNull(),
    /** The role the account plays for the AR engine (accounts_receivable, bank, revenue, ...), or null for others. */
    purpose: text('purpose'),
  },
  (t) => [
    unique('accounts_tenant_code_key').on(t.tenantId, t.code),
    unique('accounts_tenant_purpose_key').on(t.tenantId, t.purpose),
    check('accounts_type_check', sql`${t.type} in ('asset', 'liability', 'equity', 'income', 'expense')`),
  ],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    /** One posting per business event: a second attempt to post the same event violates this key. */
    postingKey: text('posting_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('journal_entries_posting_key').on(t.tenantId, t.postingKey),
    index('journal_entries_date_idx').on(t.tenantId, t.entryDate),
  ],
);

export const journalLines = pgTable(
  'journal_lines',
  {
    id: uuid('id').primaryKey(),
    entryId: uuid('entry_id').notNull().references(() => journalEntries.id),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    currency: text('currency').notNull(),
    debitMinor: bigint('debit_minor', { mode: 'bigint' }).notNull(),
    creditMinor: bigint('credit_minor', { mode: 'bigint' }).notNull(),
    /**
     * The same debit or credit in the tenant's base currency (equal to the amounts above for base-currency lines). Every
     * entry balances in base currency too; a realised exchange difference is a line with a base amount only.
     */
    baseDebitMinor: bigint('base_debit_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    baseCreditMinor: bigint('base_credit_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Sub-ledger dimension: the customer whose account this line moves (AR and unapplied cash lines). */
    customerId: uuid('customer_id'),
  },
  (t) => [
    index('journal_lines_entry_idx').on(t.entryId),
    index('journal_lines_account_idx').on(t.tenantId, t.accountId),
    check(
      'journal_lines_one_side_check',
      sql`${t.debitMinor} >= 0 and ${t.creditMinor} >= 0 and ${t.baseDebitMinor} >= 0 and ${t.baseCreditMinor} >= 0 and (${t.debitMinor} = 0 or ${t.creditMinor} = 0) and (${t.baseDebitMinor} = 0 or ${t.baseCreditMinor} = 0) and (${t.debitMinor} = 0 or ${t.baseCreditMinor} = 0) and (${t.creditMinor} = 0 or ${t.baseDebitMinor} = 0) and ${t.debitMinor} + ${t.creditMinor} + ${t.baseDebitMinor} + ${t.baseCreditMinor} > 0`,
    ),
  ],
);

/**
 * Exchange rates a tenant books foreign-currency documents at: base-currency units per unit of `currency`, valid from
 * rateDate until the next rate. Entered by hand, imported, or given on a document.
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    currency: text('currency').notNull(),
    rateDate: date('rate_date', { mode: 'string' }).notNull(),
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('exchange_rates_day_key').on(t.tenantId, t.currency, t.rateDate),
    check('exchange_rates_rate_check', sql`${t.rate} > 0`),
  ],
);
