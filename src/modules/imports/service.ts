import { parse } from 'csv-parse';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, type Result } from '../../kernel/result.js';
import { creditLimitChanges, customerContacts, customers } from '../customers/schema.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { invoices } from '../invoicing/schema.js';
import { baseCurrencyOf, postJournalEntries, type Posting } from '../ledger/service.js';
import { bookingRate, exchangeRateOn } from '../ledger/store.js';
import { baseCredit, baseDebit, convertAtDocumentRate } from '../invoicing/service.js';
import { checkRow, headerIssues, rowKey, type ContactRow, type CustomerRow, type ImportKind, type ImportRow, type OpenInvoiceRow, type PaidInvoiceRow, type RowIssue } from './row-rules.js';
import { importBatches, importIssues, paymentHistory } from './schema.js';

export type BatchRow = typeof importBatches.$inferSelect;

/** Rows checked against the database and written per statement: bounds memory and statement size. */
export const importChunkRows = 2_000;
/** Issues returned inline with a review; all of them are stored and can be paged through. */
export const maxIssuesInResponse = 1_000;
export const maxImportRows = 2_000_000;

export interface ReviewReport {
  batchId: string;
  kind: ImportKind;
  fileName: string | null;
  sha256: string;
  rowCount: number;
  acceptedCount: number;
  warningCount: number;
  errorCount: number;
  totalsByCurrency: Record<string, string>;
  alreadyCommitted: boolean;
  issues: { line: number; severity: 'error' | 'warning'; column: string | null; message: string }[];
}

interface CheckedRow {
  line: number;
  row: ImportRow;
  issues: RowIssue[];
  customerId?: string;
}

interface PassResult {
  sha256: string;
  rowCount: number;
  acceptedCount: number;
  warningCount: number;
  errorCount: number;
  totalsByCurrency: Map<string, bigint>;
}

/**
 * Streams a CSV once: hashes it, checks the header and every row (within the file and, chunk by chunk, against the
 * database), and hands each checked chunk to `onChunk`. Memory holds one chunk and the keys seen so far.
 */
async function passOverFile(
  executor: Executor,
  tenantId: string,
  kind: ImportKind,
  source: Readable,
  onChunk: (rows: CheckedRow[]) => Promise<void>,
  onProgress?: (rows: number) => void,
): Promise<PassResult> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let header: string[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    columns: (names: string[]) => {
      header = names.map((n) => n.trim().toLowerCase());
      return header;
    },
  });
  const result: PassResult = { sha256: '', rowCount: 0, acceptedCount: 0, warningCount: 0, errorCount: 0, totalsByCurrency: new Map() };
  const seenKeys = new Set<string>();
  let chunk: CheckedRow[] = [];
  let headerChecked = false;
  const flush = async () => {
    if (chunk.length === 0) return;
    await checkAgainstDatabase(executor, tenantId, kind, chunk);
    for (const r of chunk) {
      if (r.issues.some((i) => i.severity === 'error')) result.errorCount++;
      else {
        result.acceptedCount++;
        if (r.issues.length > 0) result.warningCount++;
        const amount = kind === 'open_invoices' ? (r.row as OpenInvoiceRow).openMinor : kind === 'paid_invoices' ? (r.row as PaidInvoiceRow).amountMinor : undefined;
        const currency = (r.row as { currency?: string }).currency;
        if (amount !== undefined && currency) result.totalsByCurrency.set(currency, (result.totalsByCurrency.get(currency) ?? 0n) + amount);
      }
    }
    await onChunk(chunk);
    onProgress?.(result.rowCount);
    chunk = [];
  };
  source.pipe(hashing).pipe(parser);
  source.on('error', (e) => parser.destroy(e));
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!headerChecked) {
      headerChecked = true;
      const fatal = headerIssues(kind, header).filter((i) => i.severity === 'error');
      if (fatal.length > 0) {
        throw new DomainFailure({ code: 'validation_failed', message: `the file header is not a ${kind} import`, fieldErrors: fatal.map((i) => ({ pointer: `/header/${i.column}`, detail: i.message })) });
      }
    }
    result.rowCount++;
    if (result.rowCount > maxImportRows) throw new DomainFailure({ code: 'validation_failed', message: `at most ${maxImportRows} rows per file` });
    const { row, issues } = checkRow(kind, item.record);
    const key = rowKey(kind, row);
    if (key) {
      if (seenKeys.has(key)) issues.push({ severity: 'error', column: kind === 'customers' ? 'external_ref' : 'invoice_number', message: `"${key}" appears more than once in this file` });
      seenKeys.add(key);
    }
    chunk.push({ line: item.info.lines, row, issues });
    if (chunk.length >= importChunkRows) await flush();
  }
  await flush();
  if (!headerChecked) throw new DomainFailure({ code: 'validation_failed', message: 'the file is empty' });
  result.sha256 = hash.digest('hex');
  return result;
}

/** Duplicates against stored data and references to customers, for one chunk (a few queries, not one per row). */
async function checkAgainstDatabase(executor: Executor, tenantId: string, kind: ImportKind, chunk: CheckedRow[]): Promise<void> {
  if (kind === 'customers') {
    const refs = chunk.map((r) => (r.row as CustomerRow).externalRef).filter(Boolean);
    const existing = new Set(
      refs.length === 0 ? [] : (await executor.select({ ref: customers.externalRef }).from(customers).where(and(eq(customers.tenantId, tenantId), inArray(customers.externalRef, refs)))).map((r) => r.ref),
    );
    for (const r of chunk) {
      const ref = (r.row as CustomerRow).externalRef;
      if (existing.has(ref)) r.issues.push({ severity: 'error', column: 'external_ref', message: `a customer with external_ref "${ref}" already exists` });
    }
    return;
  }
  const refs = [...new Set(chunk.map((r) => (r.row as ContactRow).customerExternalRef).filter(Boolean))];
  const found =
    refs.length === 0
      ? []
      : await executor
          .select({ id: customers.id, ref: customers.externalRef, currency: customers.currency })
          .from(customers)
          .where(and(eq(customers.tenantId, tenantId), inArray(customers.externalRef, refs)));
  const byRef = new Map(found.map((c) => [c.ref ?? '', c]));
  for (const r of chunk) {
    const ref = (r.row as ContactRow).customerExternalRef;
    const customer = byRef.get(ref);
    if (!customer) {
      if (ref) r.issues.push({ severity: 'error', column: 'customer_external_ref', message: `no customer with external_ref "${ref}" (import customers first)` });
      continue;
    }
    r.customerId = customer.id;
    const currency = (r.row as { currency?: string }).currency;
    if (currency && currency !== customer.currency) r.issues.push({ severity: 'error', column: 'currency', message: `the customer is invoiced in ${customer.currency}` });
  }
  if (kind === 'open_invoices' || kind === 'paid_invoices') {
    const numbers = chunk.map((r) => (r.row as OpenInvoiceRow).invoiceNumber).filter(Boolean);
    const table = kind === 'open_invoices' ? invoices : paymentHistory;
    const column = kind === 'open_invoices' ? invoices.number : paymentHistory.invoiceNumber;
    const stored = new Set(
      numbers.length === 0 ? [] : (await executor.select({ n: column }).from(table).where(and(eq(table.tenantId, tenantId), inArray(column, numbers)))).map((r) => r.n),
    );
    for (const r of chunk) {
      const n = (r.row as OpenInvoiceRow).invoiceNumber;
      if (stored.has(n)) r.issues.push({ severity: 'error', column: 'invoice_number', message: `invoice "${n}" is already stored` });
    }
  }
  if (kind === 'open_invoices') {
    // An open invoice in another currency is booked in base currency: it needs a rate for its issue date.
    const baseCurrency = await baseCurrencyOf(executor, tenantId);
    const known = new Map<string, boolean>();
    for (const r of chunk) {
      const o = r.row as OpenInvoiceRow;
      if (!o.currency || o.currency === baseCurrency || !o.issueDate || r.issues.some((i) => i.severity === 'error')) continue;
      const key = `${o.currency}|${o.issueDate}`;
      if (!known.has(key)) known.set(key, (await exchangeRateOn(executor, tenantId, o.currency, o.issueDate)) !== undefined);
      if (!known.get(key)) {
        r.issues.push({ severity: 'error', column: 'currency', message: `no exchange rate from ${o.currency} to ${baseCurrency} on or before ${o.issueDate}: add one (PUT /v1/exchange-rates/${o.currency}/${o.issueDate}) and review again` });
      }
    }
  }
}

async function committedSibling(executor: Executor, tenantId: string, kind: ImportKind, sha256: string): Promise<BatchRow | undefined> {
  const [row] = await executor
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.tenantId, tenantId), eq(importBatches.kind, kind), eq(importBatches.fileSha256, sha256), eq(importBatches.status, 'committed')));
  return row;
}

/** The dry run: nothing is imported; the report and its issues are kept for the commit and for people to read. */
export async function reviewImport(
  db: Database,
  actor: Actor,
  kind: ImportKind,
  source: Readable,
  fileName: string | null,
  options: { onProgress?: (rows: number) => void } = {},
): Promise<Result<ReviewReport>> {
  const batchId = newId();
  const issues: { id: string; batchId: string; lineNumber: number; severity: string; column: string | null; message: string }[] = [];
  const inline: ReviewReport['issues'] = [];
  try {
    const result = await passOverFile(db, actor.tenantId, kind, source, async (rows) => {
      for (const r of rows) {
        for (const i of r.issues) {
          issues.push({ id: newId(), batchId, lineNumber: r.line, severity: i.severity, column: i.column, message: i.message });
          if (inline.length < maxIssuesInResponse) inline.push({ line: r.line, severity: i.severity, column: i.column, message: i.message });
        }
      }
    }, options.onProgress);
    const already = await committedSibling(db, actor.tenantId, kind, result.sha256);
    const totals = Object.fromEntries([...result.totalsByCurrency].map(([c, v]) => [c, v.toString()]));
    await db.transaction(async (tx) => {
      await tx.insert(importBatches).values({
        id: batchId,
        tenantId: actor.tenantId,
        kind,
        fileName,
        fileSha256: result.sha256,
        status: 'reviewed',
        rowCount: result.rowCount,
        acceptedCount: result.acceptedCount,
        warningCount: result.warningCount,
        errorCount: result.errorCount,
        summary: { totalsByCurrency: totals },
        createdBy: actor.label,
      });
      for (let i = 0; i < issues.length; i += importChunkRows) await tx.insert(importIssues).values(issues.slice(i, i + importChunkRows));
    });
    return {
      ok: true,
      value: { batchId, kind, fileName, sha256: result.sha256, rowCount: result.rowCount, acceptedCount: result.acceptedCount, warningCount: result.warningCount, errorCount: result.errorCount, totalsByCurrency: totals, alreadyCommitted: Boolean(already), issues: inline },
    };
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.error };
    if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('CSV_')) {
      return { ok: false, error: { code: 'validation_failed', message: `the file is not valid CSV: ${error.message}` } };
    }
    throw error;
  }
}

export interface CommitOutcome {
  batchId: string;
  imported: number;
  skippedWithErrors: number;
  alreadyCommitted: boolean;
}

/**
 * Applies exactly the reviewed file: refused when the file differs (SHA-256) or when re-checking it now gives another
 * result than the review (the stored data changed meanwhile). All rows go in one transaction, in chunks: a failure
 * anywhere leaves nothing imported. A file already committed for the same kind imports nothing again.
 */
export async function commitImport(
  db: Database,
  actor: Actor,
  batchId: string,
  source: Readable,
  options: { onProgress?: (rows: number) => void } = {},
): Promise<Result<CommitOutcome>> {
  const [batch] = await db.select().from(importBatches).where(and(eq(importBatches.tenantId, actor.tenantId), eq(importBatches.id, batchId)));
  if (!batch) return { ok: false, error: { code: 'not_found', message: `no import ${batchId}` } };
  if (batch.status === 'committed') return { ok: true, value: { batchId, imported: 0, skippedWithErrors: 0, alreadyCommitted: true } };
  const kind = batch.kind as ImportKind;
  try {
    return await db.transaction(async (tx) => {
      // Serialise commits of one tenant's imports: two commits of the same file must not both apply it.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${actor.tenantId}`}))`);
      const sibling = await committedSibling(tx, actor.tenantId, kind, batch.fileSha256);
      let chunkIndex = 0;
      let imported = 0;
      const result = await passOverFile(tx, actor.tenantId, kind, source, async (rows) => {
        if (sibling) return;
        const accepted = rows.filter((r) => !r.issues.some((i) => i.severity === 'error'));
        imported += accepted.length;
        await applyChunk(tx, actor, kind, batchId, chunkIndex++, accepted);
      }, options.onProgress);
      if (result.sha256 !== batch.fileSha256) {
        throw new DomainFailure({ code: 'conflict', message: 'this is not the file that was reviewed (its SHA-256 differs); review it first' });
      }
      if (sibling) return { ok: true as const, value: { batchId, imported: 0, skippedWithErrors: 0, alreadyCommitted: true } };
      if (result.acceptedCount !== batch.acceptedCount || result.errorCount !== batch.errorCount) {
        throw new DomainFailure({ code: 'conflict', message: 'the stored data changed since the review (rows that were accepted are not any more, or the reverse); review the file again' });
      }
      await tx.update(importBatches).set({ status: 'committed', committedAt: new Date() }).where(eq(importBatches.id, batchId));
      await recordAudit(tx, actor, 'import.committed', { type: 'import_batch', id: batchId }, null, { kind, fileSha256: batch.fileSha256, imported, skipped: result.errorCount });
      return { ok: true as const, value: { batchId, imported, skippedWithErrors: result.errorCount, alreadyCommitted: false } };
    });
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.error };
    throw error;
  }
}

async function applyChunk(tx: Transaction, actor: Actor, kind: ImportKind, batchId: string, chunkIndex: number, rows: CheckedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const tenantId = actor.tenantId;
  if (kind === 'customers') {
    const values = rows.map((r) => {
      const c = r.row as CustomerRow;
      return { id: newId(), tenantId, name: c.name, email: c.email, taxId: c.taxId, currency: c.currency, paymentTermsDays: c.paymentTermsDays, creditLimitMinor: c.creditLimitMinor, externalRef: c.externalRef, segment: c.segment };
    });
    await tx.insert(customers).values(values);
    await tx.insert(creditLimitChanges).values(
      values.map((v) => ({ id: newId(), tenantId, customerId: v.id, previousLimitMinor: null, newLimitMinor: v.creditLimitMinor, previousRiskClass: null, newRiskClass: 'medium', source: 'initial', note: `import ${batchId}`, actor: actor.label })),
    );
    return;
  }
  if (kind === 'contacts') {
    await tx.insert(customerContacts).values(
      rows.map((r) => {
        const c = r.row as ContactRow;
        return { id: newId(), tenantId, customerId: r.customerId ?? '', name: c.name, email: c.email, phone: c.phone, role: c.role };
      }),
    );
    return;
  }
  if (kind === 'paid_invoices') {
    await tx.insert(paymentHistory).values(
      rows.map((r) => {
        const p = r.row as PaidInvoiceRow;
        return { id: newId(), tenantId, customerId: r.customerId ?? '', invoiceNumber: p.invoiceNumber, currency: p.currency, amountMinor: p.amountMinor, issueDate: p.issueDate, dueDate: p.dueDate, paidDate: p.paidDate, disputed: p.disputed ? 1 : 0, importBatchId: batchId };
      }),
    );
    return;
  }
  // Opening balances: each open invoice comes in for its open amount (total = open = the balance the legacy system
  // carried), posted Dr accounts receivable / Cr opening balance equity on its issue date, so the aging and the ledger
  // agree on every date.
  // A legacy invoice in another currency is booked at the tenant's rate of its issue date (see bookingRate).
  const baseCurrency = await baseCurrencyOf(tx, tenantId);
  const rates = new Map<string, string | null>();
  for (const r of rows) {
    const o = r.row as OpenInvoiceRow;
    const key = `${o.currency}|${o.issueDate}`;
    if (o.currency !== baseCurrency && !rates.has(key)) rates.set(key, await bookingRate(tx, tenantId, o.currency, o.issueDate));
  }
  const values = rows.map((r) => {
    const o = r.row as OpenInvoiceRow;
    const terms = Math.round((Date.parse(o.dueDate) - Date.parse(o.issueDate)) / 86_400_000);
    return {
      id: newId(),
      tenantId,
      customerId: r.customerId ?? '',
      kind: 'invoice',
      number: o.invoiceNumber,
      status: 'open',
      currency: o.currency,
      issueDate: o.issueDate,
      dueDate: o.dueDate,
      paymentTermsDays: Math.min(Math.max(terms, 0), 3650),
      subtotalMinor: o.openMinor,
      taxMinor: 0n,
      totalMinor: o.openMinor,
      openMinor: o.openMinor,
      memo: `Opening balance imported (${batchId})`,
      exchangeRate: rates.get(`${o.currency}|${o.issueDate}`) ?? null,
    };
  });
  await tx.insert(invoices).values(values);
  const groups = new Map<string, Map<string, { amount: bigint; base: bigint | undefined }>>();
  for (const v of values) {
    const key = `${v.issueDate}|${v.currency}`;
    const perCustomer = groups.get(key) ?? new Map<string, { amount: bigint; base: bigint | undefined }>();
    const sum = perCustomer.get(v.customerId) ?? { amount: 0n, base: undefined };
    const base = convertAtDocumentRate(v, v.openMinor, baseCurrency);
    perCustomer.set(v.customerId, { amount: sum.amount + v.openMinor, base: base === undefined ? undefined : (sum.base ?? 0n) + base });
    groups.set(key, perCustomer);
  }
  const postings: Posting[] = [];
  for (const [key, perCustomer] of groups) {
    const [entryDate = '', currency = ''] = key.split('|');
    const total = [...perCustomer.values()].reduce((s, v) => s + v.amount, 0n);
    const totalBase = [...perCustomer.values()].reduce<bigint | undefined>((s, v) => (v.base === undefined ? s : (s ?? 0n) + v.base), undefined);
    postings.push({
      entryDate,
      description: `Opening balances imported (${batchId})`,
      sourceType: 'import_batch',
      sourceId: batchId,
      postingKey: `import:${batchId}:${chunkIndex}:${key}`,
      lines: [
        ...[...perCustomer].map(([customerId, sum]) => ({ account: 'accounts_receivable' as const, currency, debitMinor: sum.amount, ...baseDebit(sum.base), customerId })),
        { account: 'opening_balance' as const, currency, creditMinor: total, ...baseCredit(totalBase) },
      ],
    });
  }
  await postJournalEntries(tx, tenantId, postings);
}

export async function getImport(db: Database, actor: Actor, batchId: string) {
  const [batch] = await db.select().from(importBatches).where(and(eq(importBatches.tenantId, actor.tenantId), eq(importBatches.id, batchId)));
  return batch;
}

export async function listImportIssues(db: Database, batchId: string, afterId: string | undefined, limit: number) {
  const conditions = [eq(importIssues.batchId, batchId)];
  if (afterId) conditions.push(gt(importIssues.id, afterId));
  return db.select().from(importIssues).where(and(...conditions)).orderBy(asc(importIssues.id)).limit(limit + 1);
}
