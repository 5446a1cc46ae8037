import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { queryRows, toBigInt, type Database, type Executor } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { insertRows } from '../../db/bulk-insert.js';
import { isKnownCurrency } from '../../kernel/currency.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, type FieldError, type Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import {
  controlAccountPurposes,
  defaultChartOfAccounts,
  type AccountPurpose,
} from './chart-of-accounts.js';
import { parseExchangeRate } from './exchange.js';
import { journalEntryFaults, normalBalance, withBaseAmounts, type JournalLineDraft } from './journal-entry.js';
import { tenants } from '../identity/schema.js';
import { exchangeRateOn } from './store.js';
import { accounts, journalEntries, journalLines } from './schema.js';

export async function createChartOfAccounts(tx: Executor, tenantId: string): Promise<void> {
  await tx.insert(accounts).values(defaultChartOfAccounts.map((a) => ({ id: newId(), tenantId, ...a })));
}

export interface PostingLine {
  readonly account: AccountPurpose;
  readonly currency: string;
  readonly debitMinor?: bigint;
  readonly creditMinor?: bigint;
  /**
   * Base-currency amounts, for a foreign-currency line that must not simply be converted at the posting's rate: a
   * receivable settled at its invoice's rate, unapplied cash used at its payment's rate, a realised exchange
   * difference (a base amount with no amount of its own). Ignored for base-currency lines.
   */
  readonly baseDebitMinor?: bigint;
  readonly baseCreditMinor?: bigint;
  readonly customerId?: string | null;
}

export interface Posting {
  readonly entryDate: string;
  readonly description: string;
  readonly sourceType: string;
  readonly sourceId: string;
  /** Unique per tenant: the same business event can never be posted twice. */
  readonly postingKey: string;
  /** Base-currency units per unit of the lines' foreign currency: the rate the document is booked at. */
  readonly exchangeRate?: string | null;
  readonly lines: readonly PostingLine[];
}

/**
 * Account ids by purpose and the base currency, per tenant. Safe to keep in the process: a tenant's accounts are
 * created with it, their purposes and its base currency never change, so every instance computes the same map.
 */
interface TenantBooks {
  readonly accountIds: Map<string, string>;
  readonly baseCurrency: string;
}
const tenantBooksCache = new Map<string, TenantBooks>();
const maxCachedTenants = 10_000;

async function tenantBooks(tx: Executor, tenantId: string): Promise<TenantBooks> {
  const cached = tenantBooksCache.get(tenantId);
  if (cached) return cached;
  const rows = await tx
    .select({ id: accounts.id, purpose: accounts.purpose })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`${accounts.purpose} is not null`));
  const [tenant] = await tx.select({ baseCurrency: tenants.baseCurrency }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const books = { accountIds: new Map(rows.map((r) => [r.purpose ?? '', r.id])), baseCurrency: tenant.baseCurrency };
  // Cache only a complete chart (a tenant still being created inside an open transaction may not be visible yet).
  if (books.accountIds.has('accounts_receivable') && books.accountIds.has('opening_balance')) {
    if (tenantBooksCache.size >= maxCachedTenants) tenantBooksCache.clear();
    tenantBooksCache.set(tenantId, books);
  }
  return books;
}

/** The tenant's base currency (the currency its ledger is kept in). */
export async function baseCurrencyOf(tx: Executor, tenantId: string): Promise<string> {
  return (await tenantBooks(tx, tenantId)).baseCurrency;
}

/** A posting's lines as journal lines with their base-currency amounts; throws on an unpostable entry. */
function journalLinesOf(books: TenantBooks, tenantId: string, posting: Posting): JournalLineDraft[] {
  const rate = posting.exchangeRate ? parseExchangeRate(posting.exchangeRate) : undefined;
  if (posting.exchangeRate && !rate) throw new Error(`refusing to post ${posting.postingKey}: bad exchange rate ${posting.exchangeRate}`);
  const unconverted = posting.lines
    .filter((l) => (l.debitMinor ?? 0n) !== 0n || (l.creditMinor ?? 0n) !== 0n || (l.baseDebitMinor ?? 0n) !== 0n || (l.baseCreditMinor ?? 0n) !== 0n)
    .map((l) => {
      const accountId = books.accountIds.get(l.account);
      if (!accountId) throw new Error(`tenant ${tenantId} has no ${l.account} account`);
      return {
        accountId,
        currency: l.currency,
        debitMinor: l.debitMinor ?? 0n,
        creditMinor: l.creditMinor ?? 0n,
        baseDebitMinor: l.baseDebitMinor,
        baseCreditMinor: l.baseCreditMinor,
        keepsExactBase: controlAccountPurposes.has(l.account),
        customerId: l.customerId ?? null,
      };
    });
  const lines: JournalLineDraft[] = withBaseAmounts(unconverted, books.baseCurrency, rate, `posting ${posting.postingKey}`)
    // A foreign line whose base amounts came out as zero on both sides and has no amount of its own moves nothing.
    .filter((l) => l.debitMinor + l.creditMinor + l.baseDebitMinor + l.baseCreditMinor > 0n)
    .map(({ keepsExactBase: _k, ...line }) => line);
  const faults = journalEntryFaults(lines);
  if (faults.length > 0) throw new Error(`refusing to post ${posting.postingKey}: ${faults.map((f) => f.detail).join('; ')}`);
  return lines;
}

/**
 * Posts a balanced entry inside the caller's transaction. Zero-amount lines are dropped (a tax-free invoice has no
 * tax line). An unbalanced entry is a programming error here, so it throws; the database would refuse it anyway.
 */
export async function postJournalEntry(tx: Executor, tenantId: string, posting: Posting): Promise<string> {
  const books = await tenantBooks(tx, tenantId);
  return insertEntry(tx, tenantId, posting, journalLinesOf(books, tenantId, posting));
}

/**
 * Posts many balanced entries with two multi-row statements (bulk paths: imports, billing runs). Same checks as
 * postJournalEntry, entry by entry.
 */
export async function postJournalEntries(tx: Executor, tenantId: string, postings: readonly Posting[]): Promise<void> {
  if (postings.length === 0) return;
  const books = await tenantBooks(tx, tenantId);
  const entryRows: (typeof journalEntries.$inferInsert)[] = [];
  const lineRows: (typeof journalLines.$inferInsert)[] = [];
  for (const posting of postings) {
    const entryId = newId();
    const lines = journalLinesOf(books, tenantId, posting);
    entryRows.push({ id: entryId, tenantId, entryDate: posting.entryDate, description: posting.description, sourceType: posting.sourceType, sourceId: posting.sourceId, postingKey: posting.postingKey });
    for (const l of lines) lineRows.push(journalLineRow(entryId, tenantId, l));
  }
  await insertRows(tx, journalEntries, entryRows);
  await insertRows(tx, journalLines, lineRows);
}

function journalLineRow(entryId: string, tenantId: string, l: JournalLineDraft): typeof journalLines.$inferInsert {
  return {
    id: newId(),
    entryId,
    tenantId,
    accountId: l.accountId,
    currency: l.currency,
    debitMinor: l.debitMinor,
    creditMinor: l.creditMinor,
    baseDebitMinor: l.baseDebitMinor,
    baseCreditMinor: l.baseCreditMinor,
    customerId: l.customerId ?? null,
  };
}

async function insertEntry(
  tx: Executor,
  tenantId: string,
  posting: Omit<Posting, 'lines'>,
  lines: readonly JournalLineDraft[],
): Promise<string> {
  const entryId = newId();
  await tx.insert(journalEntries).values({
    id: entryId,
    tenantId,
    entryDate: posting.entryDate,
    description: posting.description,
    sourceType: posting.sourceType,
    sourceId: posting.sourceId,
    postingKey: posting.postingKey,
  });
  await tx.insert(journalLines).values(lines.map((l) => journalLineRow(entryId, tenantId, l)));
  return entryId;
}

export interface ManualJournalEntryInput {
  readonly entryDate: string;
  readonly description: string;
  readonly lines: readonly { accountCode: string; currency: string; debitMinor: number; creditMinor: number }[];
}

/**
 * A manual entry by a person (accruals, corrections). It may not touch the AR or unapplied-cash control accounts:
 * those move only with the documents behind them, so the sub-ledger and the ledger always agree.
 */
export async function postManualJournalEntry(
  db: Database,
  actor: Actor,
  input: ManualJournalEntryInput,
): Promise<Result<JournalEntryView>> {
  const codes = [...new Set(input.lines.map((l) => l.accountCode))];
  const found = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, actor.tenantId), inArray(accounts.code, codes)));
  const byCode = new Map(found.map((a) => [a.code, a]));
  const faults: FieldError[] = [];
  const unconverted = input.lines.map((l, i) => {
    const account = byCode.get(l.accountCode);
    if (!account) faults.push({ pointer: `/lines/${i}/accountCode`, detail: `no account with code ${l.accountCode}` });
    else if (account.purpose && controlAccountPurposes.has(account.purpose as AccountPurpose)) {
      faults.push({
        pointer: `/lines/${i}/accountCode`,
        detail: `${account.name} is a control account; it moves only with invoices, payments and allocations`,
      });
    }
    if (!isKnownCurrency(l.currency)) faults.push({ pointer: `/lines/${i}/currency`, detail: `unknown currency ${l.currency}` });
    return {
      accountId: account?.id ?? '',
      currency: l.currency,
      debitMinor: BigInt(l.debitMinor),
      creditMinor: BigInt(l.creditMinor),
    };
  });
  // Lines in another currency are booked in base currency at the tenant's rate of the entry date (one such currency
  // per entry, so the rounding of the conversion has one place to go).
  const baseCurrency = await baseCurrencyOf(db, actor.tenantId);
  const foreign = [...new Set(unconverted.map((l) => l.currency).filter((c) => c !== baseCurrency && isKnownCurrency(c)))];
  if (foreign.length > 1) faults.push({ pointer: '/lines', detail: `a manual entry may use one currency besides ${baseCurrency}; this one uses ${foreign.join(', ')}` });
  let rate: string | undefined;
  if (foreign.length === 1 && foreign[0]) {
    rate = (await exchangeRateOn(db, actor.tenantId, foreign[0], input.entryDate))?.rate;
    if (!rate) faults.push({ pointer: '/lines', detail: `no exchange rate from ${foreign[0]} to ${baseCurrency} on or before ${input.entryDate}` });
  }
  if (faults.length > 0) return fail('validation_failed', 'the journal entry cannot be posted', faults);
  const drafts: JournalLineDraft[] = withBaseAmounts(unconverted, baseCurrency, rate ? parseExchangeRate(rate) : undefined, 'manual entry');
  faults.push(...journalEntryFaults(drafts));
  if (faults.length > 0) return fail('validation_failed', 'the journal entry cannot be posted', faults);
  const sourceId = newId();
  const result = await inTransaction(db, async (tx) => {
    const entryId = await insertEntry(
      tx,
      actor.tenantId,
      {
        entryDate: input.entryDate,
        description: input.description,
        sourceType: 'manual_journal_entry',
        sourceId,
        postingKey: `manual:${sourceId}`,
      },
      drafts,
    );
    const [entry] = await loadEntries(tx, actor.tenantId, { entryIds: [entryId] });
    if (!entry) throw new DomainFailure({ code: 'not_found', message: 'entry vanished' });
    await recordAudit(tx, actor, 'journal_entry.posted', { type: 'journal_entry', id: entry.id }, null, entry);
    return entry;
  });
  return result;
}

export interface JournalEntryView {
  id: string;
  entryDate: string;
  description: string;
  sourceType: string;
  sourceId: string;
  lines: { accountCode: string; accountName: string; currency: string; debitMinor: bigint; creditMinor: bigint; baseDebitMinor: bigint; baseCreditMinor: bigint; customerId: string | null }[];
}

export async function loadEntries(
  executor: Executor,
  tenantId: string,
  filter: { entryIds?: string[]; afterId?: string; limit?: number; sourceId?: string },
): Promise<JournalEntryView[]> {
  const conditions = [eq(journalEntries.tenantId, tenantId)];
  if (filter.entryIds) conditions.push(inArray(journalEntries.id, filter.entryIds));
  if (filter.afterId) conditions.push(gt(journalEntries.id, filter.afterId));
  if (filter.sourceId) conditions.push(eq(journalEntries.sourceId, filter.sourceId));
  const entries = await executor
    .select()
    .from(journalEntries)
    .where(and(...conditions))
    .orderBy(asc(journalEntries.id))
    .limit(filter.limit ?? 1000);
  if (entries.length === 0) return [];
  const lines = await executor
    .select({
      entryId: journalLines.entryId,
      accountCode: accounts.code,
      accountName: accounts.name,
      currency: journalLines.currency,
      debitMinor: journalLines.debitMinor,
      creditMinor: journalLines.creditMinor,
      baseDebitMinor: journalLines.baseDebitMinor,
      baseCreditMinor: journalLines.baseCreditMinor,
      customerId: journalLines.customerId,
    })
    .from(journalLines)
    .innerJoin(accounts, eq(accounts.id, journalLines.accountId))
    .where(and(eq(journalLines.tenantId, tenantId), inArray(journalLines.entryId, entries.map((e) => e.id))))
    .orderBy(asc(journalLines.id));
  return entries.map((e) => ({
    id: e.id,
    entryDate: e.entryDate,
    description: e.description,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    lines: lines.filter((l) => l.entryId === e.id).map(({ entryId: _e, ...rest }) => rest),
  }));
}

export interface TrialBalanceRow {
  accountCode: string;
  accountName: string;
  accountType: string;
  currency: string;
  debitMinor: bigint;
  creditMinor: bigint;
  /** In the account's normal direction. */
  balanceMinor: bigint;
  baseDebitMinor: bigint;
  baseCreditMinor: bigint;
  baseBalanceMinor: bigint;
}

export interface TrialBalance {
  asOf: string;
  rows: TrialBalanceRow[];
  /** Per currency: total debits, total credits; they are equal in a sound ledger. */
  totals: { currency: string; debitMinor: bigint; creditMinor: bigint }[];
  /** All lines in the base currency; equal debits and credits in a sound ledger. */
  baseTotals: { currency: string; debitMinor: bigint; creditMinor: bigint };
}

export async function trialBalance(executor: Executor, tenantId: string, asOf: string): Promise<TrialBalance> {
  const rows = await queryRows<Record<string, unknown>>(
    executor,
    sql`select a.code, a.name, a.type, l.currency,
               sum(l.debit_minor)::text as debit, sum(l.credit_minor)::text as credit,
               sum(l.base_debit_minor)::text as base_debit, sum(l.base_credit_minor)::text as base_credit
          from ${journalLines} l
          join ${journalEntries} e on e.id = l.entry_id
          join ${accounts} a on a.id = l.account_id
         where l.tenant_id = ${tenantId} and e.entry_date <= ${asOf}
         group by a.code, a.name, a.type, l.currency
         order by a.code, l.currency`,
  );
  const result: TrialBalanceRow[] = rows.map((r) => {
    const debitMinor = toBigInt(r.debit);
    const creditMinor = toBigInt(r.credit);
    const accountType = String(r.type);
    const baseDebitMinor = toBigInt(r.base_debit);
    const baseCreditMinor = toBigInt(r.base_credit);
    return {
      baseDebitMinor,
      baseCreditMinor,
      baseBalanceMinor: normalBalance(accountType, baseDebitMinor, baseCreditMinor),
      accountCode: String(r.code),
      accountName: String(r.name),
      accountType,
      currency: String(r.currency),
      debitMinor,
      creditMinor,
      balanceMinor: normalBalance(accountType, debitMinor, creditMinor),
    };
  });
  const totals = new Map<string, { currency: string; debitMinor: bigint; creditMinor: bigint }>();
  for (const r of result) {
    const t = totals.get(r.currency) ?? { currency: r.currency, debitMinor: 0n, creditMinor: 0n };
    t.debitMinor += r.debitMinor;
    t.creditMinor += r.creditMinor;
    totals.set(r.currency, t);
  }
  const baseTotals = {
    currency: await baseCurrencyOf(executor, tenantId),
    debitMinor: result.reduce((s, r) => s + r.baseDebitMinor, 0n),
    creditMinor: result.reduce((s, r) => s + r.baseCreditMinor, 0n),
  };
  return { asOf, rows: result, totals: [...totals.values()], baseTotals };
}

/** Balance of a control account per customer and currency (debit minus credit), up to and including asOf. */
export async function controlAccountBalances(
  executor: Executor,
  tenantId: string,
  purpose: AccountPurpose,
  asOf?: string,
): Promise<{ customerId: string | null; currency: string; debitMinusCreditMinor: bigint }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    executor,
    sql`select l.customer_id::text as customer_id, l.currency, sum(l.debit_minor - l.credit_minor)::text as net
          from ${journalLines} l
          join ${accounts} a on a.id = l.account_id
          join ${journalEntries} e on e.id = l.entry_id
         where l.tenant_id = ${tenantId} and a.purpose = ${purpose}
           ${asOf ? sql`and e.entry_date <= ${asOf}` : sql``}
         group by l.customer_id, l.currency`,
  );
  return rows.map((r) => ({
    customerId: (r.customer_id as string | null) ?? null,
    currency: String(r.currency),
    debitMinusCreditMinor: toBigInt(r.net),
  }));
}

export async function listAccounts(executor: Executor, tenantId: string) {
  return executor.select().from(accounts).where(eq(accounts.tenantId, tenantId)).orderBy(asc(accounts.code));
}

