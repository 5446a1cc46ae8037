/**
 * Cash application, the shell around the matching engine: import a bank statement file (stored once, however often
 * it is uploaded), run the engine over the new lines, apply what is certain and not suspect, queue the rest for a
 * person, and learn from that person's decisions.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { insertRows, withStagedRows } from '../../db/bulk-insert.js';
import { isAnyOf } from '../../db/id-list.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { parseBai2 } from '../banking/bai2.js';
import { parseCamt } from '../banking/camt.js';
import { parseCsvStatement, type CsvStatementMapping } from '../banking/csv-statement.js';
import { decodeStatementBytes, parseMt940 } from '../banking/mt940.js';
import { StatementParseError, type ParsedStatement, type StatementEntry } from '../banking/statement.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { applyOpenBalances, insertShortPaymentSettlements, lockInvoices, settleShortPayment, type InvoiceRow } from '../invoicing/service.js';
import { insertCheckedPayments, recordPaymentInTransaction, type PaymentWithAllocations } from '../payments/service.js';
import { planApplication } from './application-plan.js';
import { accountIdentifierOf, checkedCsvMapping, csvContextOf, proposeCsvMapping, savedCsvMapping, type CsvMappingProposal } from './bank-accounts.js';
import {
  buildMatchIndex,
  compactReference,
  defaultMatchSettings,
  learnPayer,
  matchStatementLine,
  settleInIndex,
  type KnownPayer,
  type MatchOutcome,
  type MatchProposal,
  type MatchSettings,
  type OpenItem,
  type ProposedAllocation,
  type StatementLineToMatch,
} from './match.js';
import { bankAccounts, bankStatements, cashApplicationSettings, knownPayers, statementLines } from './schema.js';
import { defaultSuspicionSettings, findDuplicate, suspicionsForCustomer, type PaymentSeen, type Suspicion } from './suspect.js';

export type StatementLineRow = typeof statementLines.$inferSelect;
export type BankStatementRow = typeof bankStatements.$inferSelect;
export type BankAccountRow = typeof bankAccounts.$inferSelect;
export type StatementFileFormat = 'camt' | 'mt940' | 'bai2';
/** CSV needs the bank account's saved column mapping, so it is never recognised from the content alone. */
export type StatementImportFormat = StatementFileFormat | 'csv';

/** Bounded work: lines matched in one run. */
export const maxLinesPerRun = 200_000;

export interface StatementImportSummary {
  fileSha256: string;
  format: string;
  statements: Array<{ id: string | null; statementKey: string; account: string; lines: number; newLines: number; alreadyImported: boolean }>;
  linesAdded: number;
  linesAlreadyKnown: number;
}

/** Recognises the format from the content: XML is camt, a "01," header is BAI2, SWIFT tags are MT940. */
export function detectStatementFormat(text: string): StatementFileFormat | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096);
  if (head.startsWith('<')) return 'camt';
  if (/^01,/.test(head)) return 'bai2';
  if (/:20:|:25:|:60[FM]:|\{1:/.test(head) || /^:?940:?/m.test(head)) return 'mt940';
  return undefined;
}

export function parseStatementFile(content: Uint8Array | string, format?: StatementFileFormat): ParsedStatement[] {
  const text = typeof content === 'string' ? content : decodeStatementBytes(content);
  const chosen = format ?? detectStatementFormat(text);
  if (chosen === 'camt') return parseCamt(text);
  if (chosen === 'bai2') return parseBai2(text);
  if (chosen === 'mt940') return parseMt940(text);
  throw new StatementParseError('unknown', [{ location: 'line 1', message: 'not a camt.053/054 (XML), MT940 or BAI2 file; a CSV statement is imported with format=csv and the bank account whose saved column mapping reads it' }]);
}

function lineFingerprint(account: string, entry: StatementEntry, occurrence: number): string {
  const parts = [account, entry.valueDate ?? entry.bookingDate, entry.amountMinor.toString(), entry.currency, entry.bankReference, entry.customerReference, entry.structuredReference, entry.remittanceText, entry.counterparty.iban, String(occurrence)];
  return createHash('sha256').update(parts.map((p) => p ?? '').join('\u001f')).digest('hex');
}

// ---- the tenant's bank accounts and their CSV mappings ----

export interface NewBankAccount {
  name: string;
  iban?: string | undefined;
  accountNumber?: string | undefined;
  currency: string;
  csvMapping?: CsvStatementMapping | undefined;
}

/** Registers one of the tenant's own bank accounts; the same IBAN or account number twice is a conflict. */
export async function createBankAccount(db: Database, actor: Actor, input: NewBankAccount): Promise<Result<BankAccountRow>> {
  const accountIdentifier = accountIdentifierOf(input);
  if (!accountIdentifier.ok) return accountIdentifier;
  const csvMapping = input.csvMapping === undefined ? ok(null) : checkedCsvMapping(input.csvMapping, '/csvMapping');
  if (!csvMapping.ok) return csvMapping;
  return inTransaction(db, async (tx) => {
    const now = new Date();
    const [created] = await tx
      .insert(bankAccounts)
      .values({ id: newId(), tenantId: actor.tenantId, name: input.name, accountIdentifier: accountIdentifier.value, currency: input.currency, csvMapping: csvMapping.value, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [bankAccounts.tenantId, bankAccounts.accountIdentifier] })
      .returning();
    if (!created) throw new DomainFailure({ code: 'conflict', message: `the bank account ${accountIdentifier.value} is already registered` });
    await recordAudit(tx, actor, 'bank_account.created', { type: 'bank_account', id: created.id }, null, created);
    return created;
  });
}

export async function listBankAccounts(db: Database, actor: Actor, page: { afterId?: string | undefined; limit: number }): Promise<BankAccountRow[]> {
  const conditions = [eq(bankAccounts.tenantId, actor.tenantId)];
  if (page.afterId) conditions.push(sql`${bankAccounts.id} > ${page.afterId}`);
  return db.select().from(bankAccounts).where(and(...conditions)).orderBy(asc(bankAccounts.id)).limit(page.limit + 1);
}

export async function getBankAccount(executor: Executor, actor: Actor, id: string): Promise<Result<BankAccountRow>> {
  const [row] = await executor.select().from(bankAccounts).where(and(eq(bankAccounts.tenantId, actor.tenantId), eq(bankAccounts.id, id)));
  return row ? ok(row) : fail('not_found', `no bank account ${id}`);
}

/** Saves (or replaces) how the account's CSV exports are read; the mapping is checked whole before anything is stored. */
export async function saveCsvMapping(db: Database, actor: Actor, id: string, mapping: CsvStatementMapping): Promise<Result<BankAccountRow>> {
  const checked = checkedCsvMapping(mapping, '/mapping');
  if (!checked.ok) return checked;
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(bankAccounts).where(and(eq(bankAccounts.tenantId, actor.tenantId), eq(bankAccounts.id, id))).for('update');
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no bank account ${id}` });
    const [after] = await tx.update(bankAccounts).set({ csvMapping: checked.value, updatedAt: new Date() }).where(eq(bankAccounts.id, id)).returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'bank_account.csv_mapping_changed', { type: 'bank_account', id }, { csvMapping: before.csvMapping }, { csvMapping: after.csvMapping });
    return after;
  });
}

/** A mapping proposed from a sample of the account's CSV export, with the sample read through it. Nothing is stored. */
export async function suggestCsvMappingForAccount(db: Database, actor: Actor, id: string, sample: Buffer | string): Promise<Result<CsvMappingProposal>> {
  const account = await getBankAccount(db, actor, id);
  return account.ok ? proposeCsvMapping(account.value, sample) : account;
}

// ---- statement files ----

/** A file refused whole: each fault located by line or element path, nothing stored. */
function refusedFile(error: StatementParseError): Result<never> {
  const count = error.faults.length;
  return fail(
    'validation_failed',
    `the statement file was refused and nothing was imported: ${count} ${count === 1 ? 'problem' : 'problems'} to correct`,
    error.faults.slice(0, 100).map((f) => ({ pointer: f.location, detail: f.message })),
  );
}

export interface StatementFileToImport {
  content: Uint8Array | string;
  fileName?: string | undefined;
  /** the file's format; recognised from the content when not given, except CSV, which is never guessed */
  format?: StatementImportFormat | undefined;
  /**
   * The tenant's bank account the file is for. Required for CSV (its saved mapping reads the file, and the account
   * identifier and currency come from the account); for the other formats it makes sure the file is of that account.
   */
  bankAccountId?: string | undefined;
}

/** Parses the file: CSV with the bank account's saved mapping, the other formats on their own, checked against the account. */
async function parseFileToImport(db: Database, actor: Actor, input: StatementFileToImport): Promise<Result<ParsedStatement[]>> {
  let account: BankAccountRow | null = null;
  if (input.bankAccountId !== undefined) {
    const found = await getBankAccount(db, actor, input.bankAccountId);
    if (!found.ok) {
      return fail('validation_failed', 'the bank account is not known', [{ pointer: '/querystring/bankAccountId', detail: `there is no bank account ${input.bankAccountId} in this company` }]);
    }
    account = found.value;
  }
  if (input.format === 'csv') {
    if (!account) {
      return fail('validation_failed', 'a CSV statement needs its bank account: its saved column mapping says how the file is read', [{ pointer: '/querystring/bankAccountId', detail: 'required with format=csv' }]);
    }
    const mapping = savedCsvMapping(account);
    if (!mapping) {
      return fail('validation_failed', `the bank account "${account.name}" has no CSV column mapping yet: save one for this bank's export before importing its CSV statements`, [
        { pointer: '/querystring/bankAccountId', detail: 'this bank account has no saved CSV mapping' },
      ]);
    }
    const content = typeof input.content === 'string' ? input.content : Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength);
    try {
      return ok([parseCsvStatement(content, mapping, csvContextOf(account))]);
    } catch (error) {
      if (error instanceof StatementParseError) return refusedFile(error);
      throw error;
    }
  }
  let statements: ParsedStatement[];
  try {
    statements = parseStatementFile(input.content, input.format);
  } catch (error) {
    if (error instanceof StatementParseError) return refusedFile(error);
    throw error;
  }
  if (account) {
    const expected = account;
    const mismatches = statements.flatMap((statement) => {
      const identifier = compactReference(statement.account.iban ?? statement.account.accountNumber ?? '');
      const problems: string[] = [];
      if (identifier !== expected.accountIdentifier) problems.push(`statement ${statement.statementId} is for account ${identifier || '(none given)'}, not ${expected.accountIdentifier}`);
      if (statement.account.currency && statement.account.currency !== expected.currency) problems.push(`statement ${statement.statementId} is in ${statement.account.currency}; the account is kept in ${expected.currency}`);
      return problems;
    });
    if (mismatches.length > 0) {
      return fail('validation_failed', `the file is not a statement of the bank account "${expected.name}" (${expected.accountIdentifier}); nothing was imported`, mismatches.slice(0, 100).map((detail) => ({ pointer: '/querystring/bankAccountId', detail })));
    }
  }
  return ok(statements);
}

/**
 * Stores a statement file's lines, once. A statement already imported (same account, format and bank statement id)
 * adds nothing; a line already known from an overlapping statement of the same account is skipped by its
 * fingerprint. A file that does not parse is refused whole and nothing is stored. A CSV file has no statement id of
 * its own: its content hash stands in, so the same export uploaded twice is recognised.
 */
export async function importBankStatement(db: Database, actor: Actor, input: StatementFileToImport): Promise<Result<StatementImportSummary>> {
  const parsed = await parseFileToImport(db, actor, input);
  if (!parsed.ok) return parsed;
  const statements = parsed.value;
  const fileSha256 = createHash('sha256').update(input.content).digest('hex');
  const imported = await inTransaction(db, async (tx) => {
    const summary: StatementImportSummary = { fileSha256, format: statements[0]?.format ?? 'unknown', statements: [], linesAdded: 0, linesAlreadyKnown: 0 };
    for (const statement of statements) {
      const account = compactReference(statement.account.iban ?? statement.account.accountNumber ?? 'UNKNOWN');
      const id = newId();
      const [stored] = await tx
        .insert(bankStatements)
        .values({
          id, tenantId: actor.tenantId, format: statement.format, accountIdentifier: account, statementKey: statement.statementId,
          sequenceNumber: statement.sequenceNumber, currency: statement.account.currency ?? statement.entries[0]?.currency ?? null,
          fileSha256, fileName: input.fileName ?? null, lineCount: statement.entries.length,
          balances: statement.balances.map((b) => ({ ...b, amountMinor: b.amountMinor.toString() })),
        })
        .onConflictDoNothing()
        .returning({ id: bankStatements.id });
      if (!stored) {
        summary.statements.push({ id: null, statementKey: statement.statementId, account, lines: statement.entries.length, newLines: 0, alreadyImported: true });
        summary.linesAlreadyKnown += statement.entries.length;
        continue;
      }
      const occurrences = new Map<string, number>();
      const rows = statement.entries.map((entry, position) => {
        const base = lineFingerprint(account, entry, 0);
        const occurrence = (occurrences.get(base) ?? 0) + 1;
        occurrences.set(base, occurrence);
        const valueDate = entry.valueDate ?? entry.bookingDate;
        if (!valueDate) throw new DomainFailure({ code: 'validation_failed', message: `line at ${entry.location} has no date` });
        return {
          id: newId(), tenantId: actor.tenantId, statementId: stored.id, position: position + 1, location: entry.location,
          bookingDate: entry.bookingDate, valueDate, amountMinor: entry.amountMinor, currency: entry.currency,
          bankReference: entry.bankReference, customerReference: entry.customerReference, structuredReference: entry.structuredReference,
          remittanceText: entry.remittanceText, payerName: entry.counterparty.name, payerIban: entry.counterparty.iban ?? entry.counterparty.accountNumber,
          transactionCode: entry.transactionCode, reversal: entry.reversal, fingerprint: lineFingerprint(account, entry, occurrence),
          // Money out, reversals and zero lines are not customer payments: kept for the record, not matched.
          status: entry.amountMinor > 0n && !entry.reversal ? 'new' : 'ignored',
        };
      });
      // Multi-row statements with the rows as one JSON parameter: building the same insert in drizzle cost more than the insert.
      const added = await insertRows(tx, statementLines, rows, { onConflictDoNothing: true });
      summary.statements.push({ id: stored.id, statementKey: statement.statementId, account, lines: rows.length, newLines: added, alreadyImported: false });
      summary.linesAdded += added;
      summary.linesAlreadyKnown += rows.length - added;
    }
    await recordAudit(tx, actor, 'bank_statement.imported', { type: 'bank_statement_file', id: fileSha256 }, null, { statements: summary.statements.length, linesAdded: summary.linesAdded, bankAccountId: input.bankAccountId ?? null });
    return summary;
  });
  // A large import changes what the planner should expect of the waiting lines (the next run locks and updates them
  // by id): with the statistics of before, it takes 'new' for rare and reads every waiting line once per batch. After
  // the commit, so the statistics lock is held only for the ANALYZE itself; the import stands if it fails.
  if (imported.ok && imported.value.linesAdded >= 1_000) await db.execute(sql`analyze ${statementLines}`).catch(() => undefined);
  return imported;
}

// ---- settings ----

export async function loadMatchSettings(executor: Executor, tenantId: string): Promise<MatchSettings> {
  const [row] = await executor.select().from(cashApplicationSettings).where(eq(cashApplicationSettings.tenantId, tenantId));
  if (!row) return defaultMatchSettings;
  const s = row.settings as Record<string, unknown>;
  return {
    ...defaultMatchSettings,
    ...s,
    shortPaymentToleranceMinor: BigInt((s.shortPaymentToleranceMinor as string | number | undefined) ?? defaultMatchSettings.shortPaymentToleranceMinor),
  } as MatchSettings;
}

export async function saveMatchSettings(db: Database, actor: Actor, settings: MatchSettings): Promise<Result<MatchSettings>> {
  return inTransaction(db, async (tx) => {
    const stored = { ...settings, shortPaymentToleranceMinor: settings.shortPaymentToleranceMinor.toString() };
    await tx.insert(cashApplicationSettings).values({ tenantId: actor.tenantId, settings: stored }).onConflictDoUpdate({ target: cashApplicationSettings.tenantId, set: { settings: stored, updatedAt: new Date() } });
    await recordAudit(tx, actor, 'cash_application.settings_changed', { type: 'tenant', id: actor.tenantId }, null, stored);
    return settings;
  });
}

// ---- what the engine knows ----

async function loadOpenItems(executor: Executor, tenantId: string): Promise<OpenItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    executor,
    sql`select id, number, customer_id, currency, open_minor, total_minor, issue_date::text as issue_date, due_date::text as due_date,
               creditor_reference, discount_minor, discount_deadline::text as discount_deadline
        from invoices where tenant_id = ${tenantId} and kind = 'invoice' and status in ('open', 'partially_paid') and open_minor > 0`,
  );
  return rows.map((r) => ({
    invoiceId: r.id as string, number: (r.number as string | null) ?? '', customerId: r.customer_id as string, currency: r.currency as string,
    openMinor: toBigInt(r.open_minor), totalMinor: toBigInt(r.total_minor), issueDate: r.issue_date as string, dueDate: (r.due_date as string | null) ?? null,
    creditorReference: (r.creditor_reference as string | null) ?? null,
    discountMinor: r.discount_minor === null || r.discount_minor === undefined ? null : toBigInt(r.discount_minor),
    discountDeadline: (r.discount_deadline as string | null) ?? null,
  }));
}

interface PayerKnowledge {
  payers: KnownPayer[];
  historyByCustomer: Map<string, { ibanCounts: Map<string, number>; paymentCount: number; largestPaymentMinor: bigint }>;
}

async function loadPayerKnowledge(executor: Executor, tenantId: string): Promise<PayerKnowledge> {
  const learned = await queryRows<{ customer_id: string; iban: string | null; payer_name: string | null; payment_count: number; largest_payment_minor: unknown }>(
    executor,
    sql`select customer_id, iban, payer_name, payment_count, largest_payment_minor from known_payers where tenant_id = ${tenantId}`,
  );
  const names = await queryRows<{ id: string; name: string }>(executor, sql`select id, name from customers where tenant_id = ${tenantId}`);
  const byCustomer = new Map<string, { ibans: string[]; names: string[] }>();
  const entry = (id: string) => {
    let e = byCustomer.get(id);
    if (!e) byCustomer.set(id, (e = { ibans: [], names: [] }));
    return e;
  };
  for (const c of names) entry(c.id).names.push(c.name);
  const historyByCustomer: PayerKnowledge['historyByCustomer'] = new Map();
  for (const row of learned) {
    if (row.iban) entry(row.customer_id).ibans.push(row.iban);
    if (row.payer_name) entry(row.customer_id).names.push(row.payer_name);
    let h = historyByCustomer.get(row.customer_id);
    if (!h) historyByCustomer.set(row.customer_id, (h = { ibanCounts: new Map(), paymentCount: 0, largestPaymentMinor: 0n }));
    if (row.iban) {
      h.ibanCounts.set(row.iban, (h.ibanCounts.get(row.iban) ?? 0) + Number(row.payment_count));
      h.paymentCount += Number(row.payment_count);
    }
    const largest = toBigInt(row.largest_payment_minor);
    if (largest > h.largestPaymentMinor) h.largestPaymentMinor = largest;
  }
  return { payers: [...byCustomer].map(([customerId, e]) => ({ customerId, ibans: e.ibans, names: e.names })), historyByCustomer };
}

/**
 * Remembers that these accounts / names paid for these customers (and how much), for matching and suspicion checks:
 * one upsert per chunk, with the counts of the same payer and customer added up first.
 */
async function rememberPayers(tx: Transaction, tenantId: string, payments: ReadonlyArray<{ customerId: string; iban: string | null; payerName: string | null; amountMinor: bigint }>, source: 'manual' | 'automatic') {
  const merged = new Map<string, { customerId: string; iban: string | null; payerName: string | null; count: number; largest: bigint }>();
  for (const p of payments) {
    const keys = [
      ...(p.iban ? [{ iban: compactReference(p.iban), payerName: null }] : []),
      ...(p.payerName && source === 'manual' ? [{ iban: null, payerName: p.payerName.trim() }] : []),
    ];
    for (const k of keys) {
      const key = `${p.customerId}\u001f${k.iban ?? ''}\u001f${k.payerName ?? ''}`;
      const seen = merged.get(key);
      if (seen) {
        seen.count++;
        if (p.amountMinor > seen.largest) seen.largest = p.amountMinor;
      } else merged.set(key, { customerId: p.customerId, ...k, count: 1, largest: p.amountMinor });
    }
  }
  // In key order (the statement below sorts them so), so two batches upserting the same payers lock them in the same
  // order and never deadlock.
  const rows = [...merged.values()];
  if (rows.length === 0) return;
  // Staged (COPY) and upserted with one statement, in the same order.
  await withStagedRows(
    tx,
    knownPayers,
    rows.map((r) => ({ id: newId(), customerId: r.customerId, iban: r.iban, payerName: r.payerName, paymentCount: r.count, largestPaymentMinor: r.largest })),
    (v) =>
      tx.execute(sql`insert into ${knownPayers} (id, tenant_id, customer_id, iban, payer_name, source, payment_count, largest_payment_minor)
                       select v.id, ${tenantId}, v.customer_id, v.iban, v.payer_name, ${source}, v.payment_count, v.largest_payment_minor
                         from ${v} as v
                        order by v.customer_id, v.iban nulls first, v.payer_name nulls first
                       on conflict (tenant_id, customer_id, iban, payer_name) do update
                         set payment_count = ${knownPayers}.payment_count + excluded.payment_count,
                             largest_payment_minor = greatest(${knownPayers}.largest_payment_minor, excluded.largest_payment_minor)`),
  );
}

function toLineToMatch(row: StatementLineRow): StatementLineToMatch {
  return {
    lineId: row.id, amountMinor: row.amountMinor, currency: row.currency, valueDate: row.valueDate, structuredReference: row.structuredReference,
    customerReference: row.customerReference, remittanceText: row.remittanceText, payerName: row.payerName, payerIban: row.payerIban,
  };
}

function seenOf(row: StatementLineRow): PaymentSeen {
  return { lineId: row.id, valueDate: row.valueDate, amountMinor: row.amountMinor, payerIban: row.payerIban, payerName: row.payerName, reference: row.structuredReference ?? row.remittanceText };
}

const proposalJson = (p: MatchProposal | null) =>
  p && {
    ...p,
    allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor.toString() })),
    adjustments: p.adjustments.map((a) => ({ ...a, amountMinor: a.amountMinor.toString() })),
    unappliedMinor: p.unappliedMinor.toString(),
  };

function proposalFromJson(value: unknown): MatchProposal | null {
  if (!value || typeof value !== 'object') return null;
  const p = value as Record<string, unknown> & { allocations: Array<{ invoiceId: string; amountMinor: string }>; adjustments: Array<{ kind: 'bank_charges'; invoiceId: string; amountMinor: string }> };
  return {
    ...(p as unknown as MatchProposal),
    allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: BigInt(a.amountMinor) })),
    adjustments: p.adjustments.map((a) => ({ kind: a.kind, invoiceId: a.invoiceId, amountMinor: BigInt(a.amountMinor) })),
    unappliedMinor: BigInt(p.unappliedMinor as string),
  };
}

/**
 * Applies one line as a payment of the customer with the given allocations and short-payment adjustments, in the
 * caller's transaction. The line is locked first and must still be waiting: an automatic run and a person racing on
 * the same line (or the same invoice) never apply twice — the second finds it applied, or finds the invoice's open
 * amount smaller and fails with over_allocation, rolled back whole.
 */
async function applyLine(tx: Transaction, actor: Actor, lineId: string, proposal: { customerId: string; allocations: ProposedAllocation[]; adjustments: MatchProposal['adjustments']; rule: string; confidence: number; explanation: string }, decidedBy: string, source: 'manual' | 'automatic'): Promise<StatementLineRow> {
  const [line] = await tx.select().from(statementLines).where(and(eq(statementLines.tenantId, actor.tenantId), eq(statementLines.id, lineId))).for('update');
  if (!line) throw new DomainFailure({ code: 'not_found', message: `no statement line ${lineId}` });
  if (line.status !== 'new' && line.status !== 'exception') throw new DomainFailure({ code: 'invalid_state', message: `statement line is already ${line.status}` });
  if (line.amountMinor <= 0n) throw new DomainFailure({ code: 'invalid_state', message: 'only incoming payments can be applied' });
  // Payments are recorded through the payments API, which carries amounts as safe integers.
  if (line.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) throw new DomainFailure({ code: 'validation_failed', message: 'the amount is too large to record as one payment' });
  const allocated = proposal.allocations.reduce((s, a) => s + a.amountMinor, 0n);
  if (allocated > line.amountMinor) throw new DomainFailure({ code: 'over_allocation', message: `allocations total ${allocated}, the line brought ${line.amountMinor}` });
  const payment = await recordPaymentInTransaction(tx, actor, {
    customerId: proposal.customerId,
    method: 'bank_transfer',
    amountMinor: Number(line.amountMinor),
    currency: line.currency,
    valueDate: line.valueDate,
    payerName: line.payerName,
    reference: (line.structuredReference ?? line.customerReference ?? line.remittanceText).slice(0, 200) || null,
    allocations: proposal.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: Number(a.amountMinor) })),
  });
  for (const adjustment of proposal.adjustments) {
    await settleShortPayment(tx, actor, adjustment.invoiceId, { amountMinor: adjustment.amountMinor, date: line.valueDate, reason: adjustment.kind, paymentId: payment.id });
  }
  await rememberPayers(tx, actor.tenantId, [{ customerId: proposal.customerId, iban: line.payerIban, payerName: line.payerName, amountMinor: line.amountMinor }], source);
  const [after] = await tx
    .update(statementLines)
    .set({
      status: 'applied', customerId: proposal.customerId, paymentId: payment.id, rule: proposal.rule, confidenceBasisPoints: Math.round(proposal.confidence * 10_000),
      explanation: proposal.explanation, decidedBy, decidedAt: new Date(),
    })
    .where(eq(statementLines.id, lineId))
    .returning();
  if (!after) throw new Error('update returned nothing');
  return after;
}

export interface CashApplicationSummary {
  linesConsidered: number;
  applied: number;
  exceptions: number;
  suspect: number;
  failedToApply: number;
}

interface ApplyCandidate {
  line: StatementLineRow;
  proposal: MatchProposal;
}

/** Lines applied per transaction by the automatic run: large enough for multi-row statements to pay off. */
export const applyBatchLines = 2_000;

/**
 * Applies a batch of the engine's certain proposals in one transaction with a fixed number of multi-row statements:
 * the lines and then the invoices are locked (in id order), the plan re-checks every line against the invoices as
 * they are now, and the accepted lines' payments, allocations, adjustments, journal entries, events, receipts, audit
 * records, learned payers and line statuses are written in bulk. What applyLine does for one line, for thousands.
 * Lines the plan refuses (a person got there first, an invoice was settled meanwhile) are returned with the reason.
 */
async function applyLinesInBulk(tx: Transaction, actor: Actor, candidates: readonly ApplyCandidate[]): Promise<{ applied: StatementLineRow[]; refused: Array<{ lineId: string; reason: string }> }> {
  const ids = candidates.map((c) => c.line.id).sort();
  const stillWaiting = new Set<string>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select id::text as id from ${statementLines} where tenant_id = ${actor.tenantId} and ${isAnyOf(sql`id`, ids.slice(i, i + 5_000))} and status = 'new' order by id for update`,
    );
    for (const r of rows) stillWaiting.add(r.id);
  }
  const refused: Array<{ lineId: string; reason: string }> = [];
  const waiting = candidates.filter((c) => {
    if (stillWaiting.has(c.line.id)) return true;
    refused.push({ lineId: c.line.id, reason: 'the line was decided elsewhere meanwhile' });
    return false;
  });
  const invoiceIds = [...new Set(waiting.flatMap((c) => [...c.proposal.allocations, ...c.proposal.adjustments].map((a) => a.invoiceId)))];
  const locked = new Map<string, InvoiceRow>();
  for (let i = 0; i < invoiceIds.length; i += 5_000) {
    for (const [id, row] of await lockInvoices(tx, actor.tenantId, invoiceIds.slice(i, i + 5_000).sort())) locked.set(id, row);
  }
  const plan = planApplication(
    waiting.map((c) => ({ lineId: c.line.id, amountMinor: c.line.amountMinor, currency: c.line.currency, customerId: c.proposal.customerId, allocations: c.proposal.allocations, adjustments: c.proposal.adjustments })),
    locked,
  );
  refused.push(...plan.refused);
  const byLine = new Map(waiting.map((c) => [c.line.id, c]));
  const accepted = plan.accepted.map((p) => ({ planned: p, candidate: byLine.get(p.line.lineId) as ApplyCandidate }));
  if (accepted.length === 0) return { applied: [], refused };

  const recorded = await insertCheckedPayments(
    tx,
    actor,
    accepted.map(({ planned, candidate: { line } }) => ({
      customerId: planned.line.customerId, method: 'bank_transfer' as const, amountMinor: line.amountMinor, currency: line.currency, valueDate: line.valueDate,
      payerName: line.payerName, reference: (line.structuredReference ?? line.customerReference ?? line.remittanceText).slice(0, 200) || null,
      allocations: planned.allocations.map((a) => ({ invoice: locked.get(a.invoiceId) as InvoiceRow, amountMinor: a.amountMinor, openAfterMinor: a.openAfterMinor })),
    })),
  );
  await rememberPayers(tx, actor.tenantId, accepted.map(({ planned, candidate: { line } }) => ({ customerId: planned.line.customerId, iban: line.payerIban, payerName: null, amountMinor: line.amountMinor })), 'automatic');

  const decidedAt = new Date();
  const applied = accepted.map(({ candidate: { line, proposal } }, i): StatementLineRow => ({
    ...line, status: 'applied', customerId: proposal.customerId, paymentId: (recorded[i] as PaymentWithAllocations).id, rule: proposal.rule,
    confidenceBasisPoints: Math.round(proposal.confidence * 10_000), explanation: proposal.explanation, decidedBy: 'cash-application', decidedAt,
  }));
  // Flat rows as one JSON parameter: the planner takes json_to_recordset for a few rows and updates by primary key.
  for (let i = 0; i < applied.length; i += 5_000) {
    const chunk = JSON.stringify(applied.slice(i, i + 5_000).map((l) => ({ id: l.id, customer_id: l.customerId, payment_id: l.paymentId, rule: l.rule, confidence: l.confidenceBasisPoints, explanation: l.explanation })));
    await tx.execute(sql`update ${statementLines} as l set status = 'applied', customer_id = v.customer_id, payment_id = v.payment_id, rule = v.rule,
                           confidence_basis_points = v.confidence, explanation = v.explanation, decided_by = 'cash-application', decided_at = ${decidedAt.toISOString()}::timestamptz
                         from json_to_recordset(${chunk}::json) as v(id uuid, customer_id uuid, payment_id uuid, rule text, confidence integer, explanation text)
                         where l.tenant_id = ${actor.tenantId} and l.id = v.id and l.status = 'new'`);
  }
  // Last, the adjustments: their gapless numbers lock the tenant's number series until commit, and a batch in flight
  // beside this one waits for that lock, so it is taken once everything else of the batch is written.
  await insertShortPaymentSettlements(
    tx,
    actor,
    accepted.flatMap(({ candidate }, i) =>
      candidate.proposal.adjustments.map((a) => ({ invoice: locked.get(a.invoiceId) as InvoiceRow, amountMinor: a.amountMinor, date: candidate.line.valueDate, reason: a.kind, paymentId: (recorded[i] as PaymentWithAllocations).id })),
    ),
  );
  await applyOpenBalances(tx, actor.tenantId, [...plan.openAfter].map(([id, openMinor]) => ({ invoice: locked.get(id) as InvoiceRow, openMinor, settledBy: 'payment' as const })));
  return { applied, refused };
}

/**
 * Runs the engine over every statement line still waiting ('new'), oldest first. Proposals at or above the tenant's
 * threshold, with no suspicion and no rival proposal, are applied in batches (one transaction per batch, set-based);
 * the rest go to the exception queue with the proposal, the alternatives and the reasons. Safe to run concurrently
 * with people working the queue and with other runs: every batch locks its lines and invoices and re-checks them, and
 * a line that can no longer be applied goes to the queue with the reason.
 */
export async function runCashApplication(db: Database, actor: Actor, options: { limit?: number; parallelBatches?: number } = {}): Promise<CashApplicationSummary> {
  const parallelBatches = Math.max(1, Math.min(options.parallelBatches ?? 2, 8));
  const limit = Math.min(options.limit ?? maxLinesPerRun, maxLinesPerRun);
  const waiting = and(eq(statementLines.tenantId, actor.tenantId), eq(statementLines.status, 'new'));
  const summary: CashApplicationSummary = { linesConsidered: 0, applied: 0, exceptions: 0, suspect: 0, failedToApply: 0 };
  if ((await db.select({ id: statementLines.id }).from(statementLines).where(waiting).limit(1)).length === 0) return summary;
  // Everything the engine needs, read side by side (on PostgreSQL each on its own connection). Duplicates are looked
  // for among lines of the last window before the earliest waiting line, already processed or processed in this run.
  const [lines, settings, openItems, knowledge, recent] = await Promise.all([
    db.select().from(statementLines).where(waiting).orderBy(asc(statementLines.valueDate), asc(statementLines.createdAt), asc(statementLines.position)).limit(limit),
    loadMatchSettings(db, actor.tenantId),
    loadOpenItems(db, actor.tenantId),
    loadPayerKnowledge(db, actor.tenantId),
    db
      .select()
      .from(statementLines)
      .where(
        and(
          eq(statementLines.tenantId, actor.tenantId),
          inArray(statementLines.status, ['applied', 'exception']),
          sql`${statementLines.valueDate} >= (select min(w.value_date) from ${statementLines} w where w.tenant_id = ${actor.tenantId} and w.status = 'new') - ${defaultSuspicionSettings.duplicateWindowDays}::int`,
        ),
      ),
  ]);
  summary.linesConsidered = lines.length;
  if (lines.length === 0) return summary;
  const index = buildMatchIndex(openItems, knowledge.payers);

  const seenByAmount = new Map<string, PaymentSeen[]>();
  const remember = (row: StatementLineRow) => {
    const key = `${row.currency}:${row.amountMinor}`;
    const list = seenByAmount.get(key) ?? [];
    list.push(seenOf(row));
    seenByAmount.set(key, list);
  };
  recent.forEach(remember);

  const exceptions: Array<{ line: StatementLineRow; outcome: MatchOutcome; suspicions: Suspicion[] }> = [];
  let batch: ApplyCandidate[] = [];
  const applyBatch = async (candidates: ApplyCandidate[]) => {
    if (candidates.length === 0) return;
    const bulk = await inTransaction(db, (tx) => applyLinesInBulk(tx, actor, candidates));
    let refused: Array<{ lineId: string; reason: string }>;
    if (bulk.ok) {
      summary.applied += bulk.value.applied.length;
      refused = bulk.value.refused;
    } else {
      // The batch failed whole (e.g. a deadlock with a person's match): nothing of it was written. Fall back to one
      // line at a time, so one contested line cannot hold back the others.
      refused = [];
      for (const c of candidates) {
        const single = await inTransaction(db, (tx) => applyLine(tx, actor, c.line.id, c.proposal, 'cash-application', 'automatic'));
        if (single.ok) summary.applied++;
        else refused.push({ lineId: c.line.id, reason: single.error.message });
      }
    }
    const byId = new Map(candidates.map((c) => [c.line.id, c]));
    for (const r of refused) {
      const c = byId.get(r.lineId);
      if (!c) continue;
      summary.failedToApply++;
      exceptions.push({ line: c.line, outcome: { lineId: c.line.id, proposal: c.proposal, alternatives: [], autoApply: false, reasons: [`could not be applied automatically: ${r.reason}`] }, suspicions: [] });
    }
  };

  // Batches are written while the engine works on the next lines: up to parallelBatches transactions in flight (on
  // PostgreSQL they run side by side on their own connections; PGlite runs them one after another).
  const inFlight: Promise<void>[] = [];
  const flush = async () => {
    const candidates = batch;
    batch = [];
    const writing = applyBatch(candidates);
    writing.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    inFlight.push(writing);
    if (inFlight.length >= parallelBatches) await inFlight.shift();
  };
  let matched = 0;
  for (const line of lines) {
    // Let the batches in flight send their next statement now and then.
    if (++matched % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    const outcome: MatchOutcome = matchStatementLine(toLineToMatch(line), index, settings);
    const suspicions: Suspicion[] = [];
    const duplicate = findDuplicate(seenOf(line), seenByAmount.get(`${line.currency}:${line.amountMinor}`) ?? []);
    if (duplicate) suspicions.push(duplicate);
    const customerId = outcome.proposal?.customerId;
    if (customerId) {
      const history = knowledge.historyByCustomer.get(customerId);
      if (history) suspicions.push(...suspicionsForCustomer(seenOf(line), history));
    }
    remember(line);
    if (outcome.autoApply && outcome.proposal && suspicions.length === 0) {
      const proposal = outcome.proposal;
      batch.push({ line, proposal });
      // The engine's picture moves on as if the line were applied; a line the batch later refuses goes to the queue.
      for (const a of proposal.allocations) settleInIndex(index, a.invoiceId, a.amountMinor);
      for (const a of proposal.adjustments) settleInIndex(index, a.invoiceId, a.amountMinor);
      learnPayer(index, proposal.customerId, line.payerIban, null);
      const h = knowledge.historyByCustomer.get(proposal.customerId) ?? { ibanCounts: new Map(), paymentCount: 0, largestPaymentMinor: 0n };
      if (line.payerIban) h.ibanCounts.set(compactReference(line.payerIban), (h.ibanCounts.get(compactReference(line.payerIban)) ?? 0) + 1);
      h.paymentCount++;
      if (line.amountMinor > h.largestPaymentMinor) h.largestPaymentMinor = line.amountMinor;
      knowledge.historyByCustomer.set(proposal.customerId, h);
      if (batch.length >= applyBatchLines) await flush();
      continue;
    }
    exceptions.push({ line, outcome, suspicions });
  }
  await flush();
  await Promise.all(inFlight);

  // The queue: staged and written with one UPDATE … FROM per chunk of 10,000; a line someone decided meanwhile (no
  // longer 'new') is left as they left it.
  for (let i = 0; i < exceptions.length; i += 10_000) {
    const chunk = exceptions.slice(i, i + 10_000);
    const rows = chunk.map(({ line, outcome, suspicions }) => ({
      id: line.id, customerId: outcome.proposal?.customerId ?? null, rule: outcome.proposal?.rule ?? null,
      confidenceBasisPoints: outcome.proposal ? Math.round(outcome.proposal.confidence * 10_000) : null, explanation: outcome.proposal?.explanation ?? null,
      proposal: proposalJson(outcome.proposal), alternatives: outcome.alternatives.map(proposalJson),
      reasons: [...suspicions.map((s) => `suspect (${s.code}): ${s.detail}`), ...outcome.reasons], suspicions,
    }));
    const written = await inTransaction(db, (tx) =>
      withStagedRows(
        tx,
        statementLines,
        rows,
        (v) =>
          tx.execute(sql`update ${statementLines} as l set status = 'exception', customer_id = v.customer_id, rule = v.rule, confidence_basis_points = v.confidence_basis_points,
                           explanation = v.explanation, proposal = v.proposal, alternatives = v.alternatives, reasons = v.reasons, suspicions = v.suspicions
                         from ${v} as v
                         where l.tenant_id = ${actor.tenantId} and l.id = v.id and l.status = 'new'`),
        { lookUpByKey: true },
      ),
    );
    if (!written.ok) throw new Error(`the exception queue could not be written: ${written.error.message}`);
    for (const { suspicions } of chunk) {
      if (suspicions.length > 0) summary.suspect++;
      summary.exceptions++;
    }
  }
  return summary;
}

// ---- the exception queue: a person decides ----

export async function listStatementLines(db: Database, actor: Actor, filter: { status?: string | undefined; statementId?: string | undefined; afterId?: string | undefined; limit: number }): Promise<StatementLineRow[]> {
  const conditions = [eq(statementLines.tenantId, actor.tenantId)];
  if (filter.status) conditions.push(eq(statementLines.status, filter.status));
  if (filter.statementId) conditions.push(eq(statementLines.statementId, filter.statementId));
  if (filter.afterId) conditions.push(sql`${statementLines.id} > ${filter.afterId}`);
  return db.select().from(statementLines).where(and(...conditions)).orderBy(asc(statementLines.id)).limit(filter.limit + 1);
}

export async function getStatementLine(db: Database, actor: Actor, lineId: string): Promise<Result<StatementLineRow>> {
  const [row] = await db.select().from(statementLines).where(and(eq(statementLines.tenantId, actor.tenantId), eq(statementLines.id, lineId)));
  return row ? ok(row) : fail('not_found', `no statement line ${lineId}`);
}

/** Accepts the engine's proposal for a queued line: applies it and teaches the engine this payer. */
export async function acceptProposal(db: Database, actor: Actor, lineId: string): Promise<Result<StatementLineRow>> {
  return inTransaction(db, async (tx) => {
    const [line] = await tx.select().from(statementLines).where(and(eq(statementLines.tenantId, actor.tenantId), eq(statementLines.id, lineId)));
    const proposal = proposalFromJson(line?.proposal);
    if (!line || !proposal) throw new DomainFailure({ code: 'invalid_state', message: 'this line has no proposal to accept; match it by hand' });
    const after = await applyLine(tx, actor, lineId, proposal, actor.label, 'manual');
    await recordAudit(tx, actor, 'statement_line.proposal_accepted', { type: 'statement_line', id: lineId }, { status: line.status }, { status: 'applied', paymentId: after.paymentId });
    return after;
  });
}

/** Matches a queued line by hand to a customer and (optionally) invoices; what is not allocated stays as credit. */
export async function matchLineManually(db: Database, actor: Actor, lineId: string, input: { customerId: string; allocations: Array<{ invoiceId: string; amountMinor: number }> }): Promise<Result<StatementLineRow>> {
  return inTransaction(db, async (tx) => {
    const allocations: ProposedAllocation[] = input.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: BigInt(a.amountMinor) }));
    const after = await applyLine(tx, actor, lineId, { customerId: input.customerId, allocations, adjustments: [], rule: 'manual', confidence: 1, explanation: 'matched by hand' }, actor.label, 'manual');
    await recordAudit(tx, actor, 'statement_line.matched_manually', { type: 'statement_line', id: lineId }, null, { customerId: input.customerId, allocations: input.allocations, paymentId: after.paymentId });
    return after;
  });
}

/** Rejects the proposal (the line stays in the queue for a manual match) or sets the line aside as not a customer payment. */
export async function rejectLine(db: Database, actor: Actor, lineId: string, input: { reason: string; notACustomerPayment: boolean }): Promise<Result<StatementLineRow>> {
  return inTransaction(db, async (tx) => {
    const [line] = await tx.select().from(statementLines).where(and(eq(statementLines.tenantId, actor.tenantId), eq(statementLines.id, lineId))).for('update');
    if (!line) throw new DomainFailure({ code: 'not_found', message: `no statement line ${lineId}` });
    if (line.status !== 'new' && line.status !== 'exception') throw new DomainFailure({ code: 'invalid_state', message: `statement line is already ${line.status}` });
    const [after] = await tx
      .update(statementLines)
      .set(
        input.notACustomerPayment
          ? { status: 'rejected', decidedBy: actor.label, decidedAt: new Date(), reasons: [`rejected: ${input.reason}`] }
          : { status: 'exception', proposal: null, rule: null, confidenceBasisPoints: null, explanation: null, reasons: [`proposal rejected: ${input.reason}`, ...((line.reasons as string[] | null) ?? [])] },
      )
      .where(eq(statementLines.id, lineId))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'statement_line.rejected', { type: 'statement_line', id: lineId }, { status: line.status, proposal: line.proposal }, { status: after.status, reason: input.reason });
    return after;
  });
}

export async function listBankStatements(db: Database, actor: Actor, limit: number): Promise<BankStatementRow[]> {
  return db.select().from(bankStatements).where(eq(bankStatements.tenantId, actor.tenantId)).orderBy(sql`${bankStatements.importedAt} desc`).limit(limit);
}
