import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { isAnyOf } from '../../db/id-list.js';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { insertRows } from '../../db/bulk-insert.js';
import { compareDates, daysBetween } from '../../kernel/business-date.js';
import { dueDate as termsDueDate, earlyPaymentDiscount, instalmentSchedule, type PaymentTerms } from '../terms/payment-terms.js';
import { findPaymentTerms, loadBusinessCalendar } from '../terms/service.js';
import { creditorReference } from './creditor-reference.js';
import { isUuid, newId } from '../../kernel/ids.js';
import { DomainFailure, type Result } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import { recordAudit, recordAudits } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { emitEvent, emitEvents } from '../events/service.js';
import { baseCurrencyOf, postJournalEntries, postJournalEntry, type Posting } from '../ledger/service.js';
import { bookingRate } from '../ledger/store.js';
import { parseExchangeRate, settledBaseDelta, toBaseMinor } from '../ledger/exchange.js';
import { allocations } from '../payments/schema.js';
import { priceInvoice, statusFromBalance, type InvoiceLineInput, type PricingOptions } from './invoice-totals.js';
import { invoiceLines, invoices, invoicingSettings, numberSeries } from './schema.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export interface InvoiceWithLines extends InvoiceRow {
  lines: InvoiceLineRow[];
}

const seriesDefaults = {
  invoice: { prefix: 'INV-', width: 6 },
  credit_note: { prefix: 'CN-', width: 6 },
  sales_order: { prefix: 'SO-', width: 6 },
  write_off: { prefix: 'WO-', width: 6 },
  adjustment: { prefix: 'ADJ-', width: 6 },
} as const;
export type SeriesName = keyof typeof seriesDefaults;

export async function createNumberSeries(tx: Executor, tenantId: string): Promise<void> {
  await tx.insert(numberSeries).values(
    (Object.keys(seriesDefaults) as SeriesName[]).map((series) => ({
      tenantId,
      series,
      prefix: seriesDefaults[series].prefix,
      width: seriesDefaults[series].width,
      nextValue: 1n,
    })),
  );
}

/**
 * Takes the next number of a series. The UPDATE locks the counter row until the issuing transaction ends, so
 * concurrent issues queue here and a rolled-back issue gives its number back: the series has no gaps.
 */
export async function takeNextNumber(tx: Transaction, tenantId: string, series: SeriesName, onDate?: string): Promise<string> {
  const [number] = await takeNumberRange(tx, tenantId, series, 1, onDate);
  if (!number) throw new Error('no number taken');
  return number;
}

/**
 * Takes `count` consecutive numbers of a series in one step (bulk paths). The counter row stays locked until the
 * caller's transaction ends, so the numbers are gapless and in order: a rollback gives them all back.
 */
export async function takeNumberRange(tx: Transaction, tenantId: string, series: SeriesName, count: number, onDate?: string): Promise<string[]> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  // A series added after the tenant was created starts at 1 the first time it is used.
  await tx
    .insert(numberSeries)
    .values({ tenantId, series, prefix: seriesDefaults[series].prefix, width: seriesDefaults[series].width, nextValue: 1n })
    .onConflictDoNothing();
  const [config] = await tx.select().from(numberSeries).where(and(eq(numberSeries.tenantId, tenantId), eq(numberSeries.series, series)));
  if (!config) throw new Error(`tenant ${tenantId} has no ${series} number series`);
  // A prefix with {year} numbers each year from 1 (INV-2026-000001): the year's own counter row is the one locked.
  const yearly = config.prefix.includes('{year}');
  const year = (onDate ?? new Date().toISOString()).slice(0, 4);
  const counter = yearly ? `${series}@${year}` : series;
  if (yearly) {
    await tx.insert(numberSeries).values({ tenantId, series: counter, prefix: config.prefix, width: config.width, nextValue: 1n }).onConflictDoNothing();
  }
  const [row] = await tx
    .update(numberSeries)
    .set({ nextValue: sql`${numberSeries.nextValue} + ${count}` })
    .where(and(eq(numberSeries.tenantId, tenantId), eq(numberSeries.series, counter)))
    .returning({ first: sql<string>`(${numberSeries.nextValue} - ${count})::text` });
  if (!row) throw new Error(`tenant ${tenantId} has no ${counter} number series`);
  const first = BigInt(row.first);
  return Array.from({ length: count }, (_, i) => formatDocumentNumber(config.prefix, config.width, year, first + BigInt(i)));
}

/** Prefix (with {year} replaced) and the counter padded to the width: "INV-{year}-", 6, 42 → INV-2026-000042. */
export function formatDocumentNumber(prefix: string, width: number, year: string, value: bigint): string {
  return prefix.replaceAll('{year}', year) + value.toString().padStart(width, '0');
}

export const numberedSeries = Object.keys(seriesDefaults) as SeriesName[];

/** Sets the prefix and width of a series (admin). Numbers already issued stay as they are. */
export async function configureNumberSeries(db: Database, actor: Actor, series: SeriesName, input: { prefix: string; width: number }): Promise<Result<{ series: string; prefix: string; width: number; example: string }>> {
  return inTransaction(db, async (tx) => {
    await tx
      .insert(numberSeries)
      .values({ tenantId: actor.tenantId, series, prefix: input.prefix, width: input.width, nextValue: 1n })
      .onConflictDoUpdate({ target: [numberSeries.tenantId, numberSeries.series], set: { prefix: input.prefix, width: input.width } });
    await recordAudit(tx, actor, 'number_series.configured', { type: 'number_series', id: series }, null, input);
    return { series, ...input, example: formatDocumentNumber(input.prefix, input.width, '2026', 1n) };
  });
}

export async function findInvoice(
  executor: Executor,
  tenantId: string,
  invoiceId: string,
  options: { forUpdate?: boolean } = {},
): Promise<InvoiceRow | undefined> {
  const query = executor.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

async function loadLines(executor: Executor, tenantId: string, invoiceId: string): Promise<InvoiceLineRow[]> {
  return executor
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, invoiceId)))
    .orderBy(asc(invoiceLines.position));
}

async function withLines(executor: Executor, row: InvoiceRow): Promise<InvoiceWithLines> {
  return { ...row, lines: await loadLines(executor, row.tenantId, row.id) };
}

export async function getInvoice(db: Database, actor: Actor, invoiceId: string): Promise<Result<InvoiceWithLines>> {
  const row = await findInvoice(db, actor.tenantId, invoiceId);
  if (!row) return { ok: false, error: { code: 'not_found', message: `no invoice ${invoiceId}` } };
  return { ok: true, value: await withLines(db, row) };
}

export interface DraftInvoiceInput {
  customerId: string;
  /** Named terms of the tenant; defaults to the customer's terms, then net paymentTermsDays. */
  paymentTermsId?: string | undefined;
  /** Unit prices include VAT; defaults to the tenant's invoicing setting. */
  pricesIncludeTax?: boolean | undefined;
  lines: {
    description: string;
    quantity: string;
    unitPriceMinor: number;
    taxRatePercent: string;
    discountPercent?: string | undefined;
    taxCategory?: string | null | undefined;
    taxExemptionReason?: string | null | undefined;
  }[];
  paymentTermsDays?: number | undefined;
  memo?: string | null | undefined;
  /**
   * For a customer invoiced in another currency than the base currency: the rate to book it at (base units per unit).
   * Without it the tenant's rate in force on the issue date is used.
   */
  exchangeRate?: string | null | undefined;
}

export async function loadInvoicingSettings(executor: Executor, tenantId: string): Promise<{ taxRounding: 'line' | 'invoice'; pricesIncludeTax: boolean }> {
  const [row] = await executor.select().from(invoicingSettings).where(eq(invoicingSettings.tenantId, tenantId));
  return { taxRounding: row?.taxRounding === 'invoice' ? 'invoice' : 'line', pricesIncludeTax: row?.pricesIncludeTax ?? false };
}

export async function saveInvoicingSettings(db: Database, actor: Actor, input: { taxRounding: 'line' | 'invoice'; pricesIncludeTax: boolean }): Promise<Result<typeof input>> {
  return inTransaction(db, async (tx) => {
    const before = await loadInvoicingSettings(tx, actor.tenantId);
    await tx.insert(invoicingSettings).values({ tenantId: actor.tenantId, ...input }).onConflictDoUpdate({ target: invoicingSettings.tenantId, set: input });
    await recordAudit(tx, actor, 'invoicing_settings.updated', { type: 'invoicing_settings', id: actor.tenantId }, before, input);
    return input;
  });
}

function priceOrFail(lines: DraftInvoiceInput['lines'], options: PricingOptions = {}) {
  const inputs: InvoiceLineInput[] = lines.map((l) => ({ ...l, unitPriceMinor: BigInt(l.unitPriceMinor) }));
  const priced = priceInvoice(inputs, options);
  if (!priced.ok) throw new DomainFailure({ code: 'validation_failed', message: 'the invoice lines are invalid', fieldErrors: priced.faults });
  return priced.totals;
}

async function writeLines(tx: Transaction, tenantId: string, invoiceId: string, totals: ReturnType<typeof priceOrFail>) {
  if (totals.lines.length === 0) return;
  await tx.insert(invoiceLines).values(
    totals.lines.map((l, position) => ({
      id: newId(),
      tenantId,
      invoiceId,
      position,
      description: l.description,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      taxRatePercent: l.taxRatePercent,
      discountPercent: l.discountPercent ?? '0',
      netMinor: l.netMinor,
      taxMinor: l.taxMinor,
      taxCategory: l.taxCategory,
      taxExemptionReason: l.taxExemptionReason,
    })),
  );
}

/** Terms for a new invoice: named terms given, else the customer's named terms, else net N days. */
async function termsForDraft(tx: Transaction, tenantId: string, customer: { paymentTermsId: string | null; paymentTermsDays: number }, input: DraftInvoiceInput): Promise<PaymentTerms> {
  const templateId = input.paymentTermsId ?? (input.paymentTermsDays === undefined ? customer.paymentTermsId : null);
  if (templateId) {
    const template = await findPaymentTerms(tx, tenantId, templateId);
    if (!template) throw new DomainFailure({ code: 'validation_failed', message: 'unknown payment terms', fieldErrors: [{ pointer: '/paymentTermsId', detail: `no payment terms ${templateId}` }] });
    return template.definition as PaymentTerms;
  }
  return { due: { kind: 'net', days: input.paymentTermsDays ?? customer.paymentTermsDays } };
}

async function insertDraft(tx: Transaction, actor: Actor, input: DraftInvoiceInput): Promise<InvoiceRow> {
  const customer = await findCustomer(tx, actor.tenantId, input.customerId);
  if (!customer) {
    throw new DomainFailure({ code: 'validation_failed', message: 'unknown customer', fieldErrors: [{ pointer: '/customerId', detail: `no customer ${input.customerId}` }] });
  }
  if (customer.archivedAt) throw new DomainFailure({ code: 'invalid_state', message: 'the customer is archived' });
  const settings = await loadInvoicingSettings(tx, actor.tenantId);
  const pricesIncludeTax = input.pricesIncludeTax ?? settings.pricesIncludeTax;
  const totals = priceOrFail(input.lines, { pricesIncludeTax, taxRounding: settings.taxRounding });
  const terms = await termsForDraft(tx, actor.tenantId, customer, input);
  const id = newId();
  const [row] = await tx
    .insert(invoices)
    .values({
      id,
      tenantId: actor.tenantId,
      customerId: customer.id,
      kind: 'invoice',
      status: 'draft',
      currency: customer.currency,
      paymentTerms: terms,
      pricesIncludeTax,
      paymentTermsDays: terms.due.kind === 'net' ? terms.due.days : 0,
      subtotalMinor: totals.subtotalMinor,
      taxMinor: totals.taxMinor,
      totalMinor: totals.totalMinor,
      openMinor: 0n,
      memo: input.memo ?? null,
      exchangeRate: input.exchangeRate ? await bookingRate(tx, actor.tenantId, customer.currency, '0001-01-01', input.exchangeRate) : null,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await writeLines(tx, actor.tenantId, id, totals);
  return row;
}

/** A draft is not a receivable yet: it has no number, posts nothing and can still be changed. */
export async function createDraftInvoice(db: Database, actor: Actor, input: DraftInvoiceInput): Promise<Result<InvoiceWithLines>> {
  return inTransaction(db, async (tx) => {
    const created = await withLines(tx, await insertDraft(tx, actor, input));
    await recordAudit(tx, actor, 'invoice.draft_created', { type: 'invoice', id: created.id }, null, created);
    return created;
  });
}

/**
 * Creates and issues an invoice inside the caller's transaction: for other modules that bill (orders, schedules).
 * Refusals are thrown as DomainFailure and roll the caller's transaction back.
 */
export async function createAndIssueInvoice(
  tx: Transaction,
  actor: Actor,
  input: DraftInvoiceInput,
  issueDate: string,
  options: { incomeAccount?: 'revenue' | 'late_fee_income' } = {},
): Promise<InvoiceWithLines> {
  const draft = await insertDraft(tx, actor, input);
  const issued = await issueDraft(tx, actor, draft.id, issueDate, options.incomeAccount ?? 'revenue');
  await recordAudit(tx, actor, 'invoice.issued', { type: 'invoice', id: issued.id }, null, issued);
  return issued;
}

/** Replaces the lines (and terms or memo) of a draft. Issued invoices are never edited: credit them instead. */
export async function updateDraftInvoice(
  db: Database,
  actor: Actor,
  invoiceId: string,
  input: Partial<Omit<DraftInvoiceInput, 'customerId'>>,
): Promise<Result<InvoiceWithLines>> {
  return inTransaction(db, async (tx) => {
    const before = await findInvoice(tx, actor.tenantId, invoiceId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
    if (before.status !== 'draft') {
      throw new DomainFailure({ code: 'invalid_state', message: `invoice ${before.number ?? invoiceId} is ${before.status}; only drafts can be changed` });
    }
    const beforeFull = await withLines(tx, before);
    const changes: Partial<typeof invoices.$inferInsert> = { updatedAt: new Date() };
    if (input.lines) {
      const settings = await loadInvoicingSettings(tx, actor.tenantId);
      const totals = priceOrFail(input.lines, { pricesIncludeTax: before.pricesIncludeTax, taxRounding: settings.taxRounding });
      await tx.delete(invoiceLines).where(and(eq(invoiceLines.tenantId, actor.tenantId), eq(invoiceLines.invoiceId, invoiceId)));
      await writeLines(tx, actor.tenantId, invoiceId, totals);
      Object.assign(changes, { subtotalMinor: totals.subtotalMinor, taxMinor: totals.taxMinor, totalMinor: totals.totalMinor });
    }
    if (input.paymentTermsDays !== undefined) {
      changes.paymentTermsDays = input.paymentTermsDays;
      changes.paymentTerms = { due: { kind: 'net', days: input.paymentTermsDays } } satisfies PaymentTerms;
    }
    if (input.paymentTermsId !== undefined) {
      const template = await findPaymentTerms(tx, actor.tenantId, input.paymentTermsId);
      if (!template) throw new DomainFailure({ code: 'validation_failed', message: 'unknown payment terms', fieldErrors: [{ pointer: '/paymentTermsId', detail: `no payment terms ${input.paymentTermsId}` }] });
      changes.paymentTerms = template.definition;
    }
    if (input.memo !== undefined) changes.memo = input.memo;
    const [after] = await tx.update(invoices).set(changes).where(eq(invoices.id, invoiceId)).returning();
    if (!after) throw new Error('update returned nothing');
    const afterFull = await withLines(tx, after);
    await recordAudit(tx, actor, 'invoice.draft_updated', { type: 'invoice', id: invoiceId }, beforeFull, afterFull);
    return afterFull;
  });
}

/**
 * Issues a draft: gapless number, due date from the terms, and the journal entry
 * Dr accounts receivable (total) / Cr revenue (net) / Cr tax payable (tax), dated the issue date.
 */
export async function issueInvoice(db: Database, actor: Actor, invoiceId: string, issueDate: string): Promise<Result<InvoiceWithLines>> {
  return inTransaction(db, async (tx) => {
    const issued = await issueDraft(tx, actor, invoiceId, issueDate);
    await recordAudit(tx, actor, 'invoice.issued', { type: 'invoice', id: invoiceId }, { status: 'draft' }, { status: issued.status, number: issued.number, issueDate, dueDate: issued.dueDate });
    return issued;
  });
}

async function issueDraft(
  tx: Transaction,
  actor: Actor,
  invoiceId: string,
  issueDate: string,
  incomeAccount: 'revenue' | 'late_fee_income' = 'revenue',
): Promise<InvoiceWithLines> {
  const before = await findInvoice(tx, actor.tenantId, invoiceId, { forUpdate: true });
  if (!before) throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
  if (before.status !== 'draft') {
    throw new DomainFailure({ code: 'invalid_state', message: `invoice ${before.number ?? invoiceId} is already ${before.status}` });
  }
  if (before.totalMinor <= 0n) throw new DomainFailure({ code: 'invalid_state', message: 'an invoice needs at least one line and a total above zero' });
  const number = await takeNextNumber(tx, actor.tenantId, 'invoice', issueDate);
  // Terms engine: due date rolled by the tenant's business calendar, early-payment discount, instalments.
  const terms = (before.paymentTerms as PaymentTerms | null) ?? { due: { kind: 'net', days: before.paymentTermsDays } };
  const calendar = await loadBusinessCalendar(tx, actor.tenantId);
  const dueDate = termsDueDate(terms, issueDate, calendar);
  const discount = earlyPaymentDiscount(terms, before.totalMinor, issueDate, calendar);
  const schedule = terms.instalments?.length ? instalmentSchedule(terms, before.totalMinor, issueDate, calendar) : null;
  // A foreign-currency invoice is booked at its own rate (given on the draft) or the tenant's rate of the issue date.
  const exchangeRate = await bookingRate(tx, actor.tenantId, before.currency, issueDate, before.exchangeRate);
  const [after] = await tx
    .update(invoices)
    .set({
      status: 'open',
      number,
      issueDate,
      dueDate,
      paymentTermsDays: daysBetween(issueDate, dueDate),
      paymentTerms: terms,
      discountMinor: discount?.amountMinor ?? null,
      discountDeadline: discount?.deadline ?? null,
      instalments: schedule?.map((i) => ({ dueDate: i.dueDate, amountMinor: i.amountMinor.toString() })) ?? null,
      // The reference holds at most 21 letters and digits: the end of the number, where the counter is.
      creditorReference: creditorReference(number.replace(/[^A-Za-z0-9]/g, '').slice(-21)),
      openMinor: before.totalMinor,
      exchangeRate,
      updatedAt: new Date(),
    })
    .where(eq(invoices.id, invoiceId))
    .returning();
  if (!after) throw new Error('update returned nothing');
  await postJournalEntry(tx, actor.tenantId, {
    entryDate: issueDate,
    description: `Invoice ${number}`,
    sourceType: 'invoice',
    sourceId: invoiceId,
    postingKey: `invoice.issued:${invoiceId}`,
    exchangeRate,
    lines: [
      { account: 'accounts_receivable', currency: after.currency, debitMinor: after.totalMinor, customerId: after.customerId },
      { account: incomeAccount, currency: after.currency, creditMinor: after.subtotalMinor },
      { account: 'tax_payable', currency: after.currency, creditMinor: after.taxMinor },
    ],
  });
  await emitEvent(tx, actor.tenantId, 'invoice.issued', { type: 'invoice', id: invoiceId }, invoiceEventPayload(after));
  await announceInvoicesIssued(tx, [after]);
  return withLines(tx, after);
}

export function invoiceEventPayload(i: InvoiceRow) {
  return {
    id: i.id,
    kind: i.kind,
    number: i.number,
    status: i.status,
    customerId: i.customerId,
    currency: i.currency,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    totalMinor: i.totalMinor,
    openMinor: i.openMinor,
    creditedInvoiceId: i.creditedInvoiceId,
  };
}

/**
 * A credit note for part (or all) of an issued invoice: priced like an invoice, posted Dr revenue / Dr tax payable /
 * Cr accounts receivable on its date, and applied to the invoice up to its open balance. What the invoice no longer
 * owes stays on the credit note as the customer's credit (its open balance), usable or refundable later.
 * The credits on one invoice never exceed its total.
 */
export async function issueCreditNote(
  tx: Transaction,
  actor: Actor,
  invoiceId: string,
  input: { lines: DraftInvoiceInput['lines']; issueDate: string; reason: string },
): Promise<InvoiceWithLines> {
  const invoice = await findInvoice(tx, actor.tenantId, invoiceId, { forUpdate: true });
  if (!invoice) throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
  if (invoice.kind !== 'invoice' || !['open', 'partially_paid', 'paid'].includes(invoice.status)) {
    throw new DomainFailure({ code: 'invalid_state', message: `invoice ${invoice.number ?? invoiceId} is ${invoice.status}; only issued invoices can be credited` });
  }
  if (invoice.issueDate && compareDates(input.issueDate, invoice.issueDate) < 0) {
    throw new DomainFailure({ code: 'validation_failed', message: 'the credit note is dated before the invoice', fieldErrors: [{ pointer: '/issueDate', detail: `must be on or after ${invoice.issueDate}` }] });
  }
  const settings = await loadInvoicingSettings(tx, actor.tenantId);
  const totals = priceOrFail(input.lines, { pricesIncludeTax: invoice.pricesIncludeTax, taxRounding: settings.taxRounding });
  if (totals.totalMinor <= 0n) throw new DomainFailure({ code: 'validation_failed', message: 'a credit note needs an amount above zero' });
  const [credited] = await queryRows<{ total: string | null }>(
    tx,
    sql`select coalesce(sum(total_minor), 0)::text as total from ${invoices}
         where tenant_id = ${actor.tenantId} and kind = 'credit_note' and credited_invoice_id = ${invoiceId}`,
  );
  const alreadyCredited = BigInt(credited?.total ?? '0');
  if (alreadyCredited + totals.totalMinor > invoice.totalMinor) {
    throw new DomainFailure({
      code: 'over_allocation',
      message: `invoice ${invoice.number} totals ${invoice.totalMinor}; ${alreadyCredited} is already credited, so at most ${invoice.totalMinor - alreadyCredited} more can be`,
    });
  }
  const applied = totals.totalMinor < invoice.openMinor ? totals.totalMinor : invoice.openMinor;
  const creditNoteId = newId();
  const number = await takeNextNumber(tx, actor.tenantId, 'credit_note', input.issueDate);
  const [creditNote] = await tx
    .insert(invoices)
    .values({
      id: creditNoteId,
      tenantId: actor.tenantId,
      customerId: invoice.customerId,
      kind: 'credit_note',
      number,
      status: applied === totals.totalMinor ? 'applied' : 'open',
      currency: invoice.currency,
      issueDate: input.issueDate,
      dueDate: input.issueDate,
      paymentTermsDays: 0,
      subtotalMinor: totals.subtotalMinor,
      taxMinor: totals.taxMinor,
      totalMinor: totals.totalMinor,
      openMinor: totals.totalMinor - applied,
      creditedInvoiceId: invoiceId,
      pricesIncludeTax: invoice.pricesIncludeTax,
      memo: `Credit note for invoice ${invoice.number}: ${input.reason}`,
      // Credited at the invoice's own rate: the revenue it reverses was booked at that rate.
      exchangeRate: invoice.exchangeRate,
    })
    .returning();
  if (!creditNote) throw new Error('insert returned nothing');
  await writeLines(tx, actor.tenantId, creditNoteId, totals);
  // In base currency the receivable falls by the applied part's share of the invoice's booked amount, plus the rest
  // that stays open on the credit note converted on its own.
  const baseCurrency = await baseCurrencyOf(tx, actor.tenantId);
  const appliedBase = receivableBaseDelta(invoice, applied, baseCurrency);
  const restBase = convertAtDocumentRate(creditNote, totals.totalMinor - applied, baseCurrency);
  await postJournalEntry(tx, actor.tenantId, {
    entryDate: input.issueDate,
    description: `Credit note ${number} for invoice ${invoice.number}`,
    sourceType: 'credit_note',
    sourceId: creditNoteId,
    postingKey: `credit_note.issued:${creditNoteId}`,
    exchangeRate: invoice.exchangeRate,
    lines: [
      { account: 'revenue', currency: invoice.currency, debitMinor: totals.subtotalMinor },
      { account: 'tax_payable', currency: invoice.currency, debitMinor: totals.taxMinor },
      { account: 'accounts_receivable', currency: invoice.currency, creditMinor: totals.totalMinor, ...baseCredit(appliedBase, restBase), customerId: invoice.customerId },
    ],
  });
  if (applied > 0n) {
    await tx.insert(allocations).values({
      id: newId(),
      tenantId: actor.tenantId,
      customerId: invoice.customerId,
      invoiceId,
      creditNoteId,
      amountMinor: applied,
      currency: invoice.currency,
      appliedOn: input.issueDate,
    });
    await reduceOpenBalance(tx, invoice, applied, 'credit_note');
  }
  const full = await withLines(tx, creditNote);
  await emitEvent(tx, actor.tenantId, 'credit_note.issued', { type: 'invoice', id: creditNoteId }, invoiceEventPayload(creditNote));
  await recordAudit(tx, actor, 'credit_note.issued', { type: 'invoice', id: creditNoteId }, null, full);
  return full;
}

/**
 * Writes off what is still open on an invoice as uncollectable: a write-off document (WO-...) posts
 * Dr bad-debt expense / Cr accounts receivable on its date and settles the invoice, which keeps its history.
 */
export async function writeOffInvoice(db: Database, actor: Actor, invoiceId: string, input: { reason: string; date: string }): Promise<Result<InvoiceWithLines>> {
  return inTransaction(db, async (tx) => {
    const invoice = await findInvoice(tx, actor.tenantId, invoiceId, { forUpdate: true });
    if (!invoice) throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
    if (invoice.kind !== 'invoice' || !['open', 'partially_paid'].includes(invoice.status) || invoice.openMinor === 0n) {
      throw new DomainFailure({ code: 'invalid_state', message: `invoice ${invoice.number ?? invoiceId} is ${invoice.status}; only an open balance can be written off` });
    }
    if (invoice.issueDate && compareDates(input.date, invoice.issueDate) < 0) {
      throw new DomainFailure({ code: 'validation_failed', message: 'the write-off is dated before the invoice', fieldErrors: [{ pointer: '/date', detail: `on or after ${invoice.issueDate}` }] });
    }
    const amount = invoice.openMinor;
    const id = newId();
    const number = await takeNextNumber(tx, actor.tenantId, 'write_off', input.date);
    const [document] = await tx
      .insert(invoices)
      .values({
        id,
        tenantId: actor.tenantId,
        customerId: invoice.customerId,
        kind: 'write_off',
        number,
        status: 'applied',
        currency: invoice.currency,
        issueDate: input.date,
        dueDate: input.date,
        paymentTermsDays: 0,
        subtotalMinor: amount,
        taxMinor: 0n,
        totalMinor: amount,
        openMinor: 0n,
        creditedInvoiceId: invoiceId,
        writeOffReason: input.reason,
        memo: `Write-off of invoice ${invoice.number}: ${input.reason}`,
        exchangeRate: invoice.exchangeRate,
      })
      .returning();
    if (!document) throw new Error('insert returned nothing');
    // The expense is what the receivable was booked at (no exchange difference on a loss).
    const base = receivableBaseDelta(invoice, amount, await baseCurrencyOf(tx, actor.tenantId));
    await postJournalEntry(tx, actor.tenantId, {
      entryDate: input.date,
      description: `Write-off ${number} of invoice ${invoice.number}: ${input.reason}`,
      sourceType: 'write_off',
      sourceId: id,
      postingKey: `write_off:${id}`,
      lines: [
        { account: 'bad_debt_expense', currency: invoice.currency, debitMinor: amount, ...baseDebit(base) },
        { account: 'accounts_receivable', currency: invoice.currency, creditMinor: amount, ...baseCredit(base), customerId: invoice.customerId },
      ],
    });
    await tx.insert(allocations).values({ id: newId(), tenantId: actor.tenantId, customerId: invoice.customerId, invoiceId, creditNoteId: id, amountMinor: amount, currency: invoice.currency, appliedOn: input.date });
    await reduceOpenBalance(tx, invoice, amount, 'write_off');
    const [after] = await tx.update(invoices).set({ status: 'written_off', writeOffReason: input.reason, updatedAt: new Date() }).where(eq(invoices.id, invoiceId)).returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'invoice.written_off', { type: 'invoice', id: invoiceId }, { status: invoice.status, openMinor: invoice.openMinor }, { status: 'written_off', writeOff: number, reason: input.reason });
    return withLines(tx, after);
  });
}

export type ShortPaymentReason = 'early_payment_discount' | 'bank_charges';

/**
 * Settles the small rest a payment left on an invoice: an early-payment discount the customer took within terms
 * (Dr discounts allowed) or bank charges deducted on the way (Dr bank charges), Cr accounts receivable. Recorded as an
 * adjustment document allocated to the invoice, in the caller's transaction (cash application applies it together
 * with the payment).
 */
export async function settleShortPayment(
  tx: Transaction,
  actor: Actor,
  invoiceId: string,
  input: { amountMinor: bigint; date: string; reason: ShortPaymentReason; paymentId: string },
): Promise<InvoiceRow> {
  const locked = await lockInvoices(tx, actor.tenantId, [invoiceId]);
  const invoice = locked.get(invoiceId);
  if (!invoice || invoice.kind !== 'invoice') throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
  if (input.amountMinor <= 0n || input.amountMinor > invoice.openMinor) {
    throw new DomainFailure({ code: 'over_allocation', message: `invoice ${invoice.number} has only ${invoice.openMinor} open; cannot settle ${input.amountMinor}` });
  }
  const date = invoice.issueDate && compareDates(input.date, invoice.issueDate) < 0 ? invoice.issueDate : input.date;
  const id = newId();
  const number = await takeNextNumber(tx, actor.tenantId, 'adjustment', date);
  const label = input.reason === 'early_payment_discount' ? 'Early-payment discount taken' : 'Bank charges deducted';
  await tx.insert(invoices).values({
    id, tenantId: actor.tenantId, customerId: invoice.customerId, kind: 'adjustment', number, status: 'applied', currency: invoice.currency,
    issueDate: date, dueDate: date, paymentTermsDays: 0, subtotalMinor: input.amountMinor, taxMinor: 0n, totalMinor: input.amountMinor, openMinor: 0n,
    creditedInvoiceId: invoiceId, memo: `${label} on invoice ${invoice.number} (payment ${input.paymentId})`, exchangeRate: invoice.exchangeRate,
  });
  const base = receivableBaseDelta(invoice, input.amountMinor, await baseCurrencyOf(tx, actor.tenantId));
  await postJournalEntry(tx, actor.tenantId, {
    entryDate: date,
    description: `${label}: ${number} on invoice ${invoice.number}`,
    sourceType: 'adjustment',
    sourceId: id,
    postingKey: `adjustment:${id}`,
    lines: [
      { account: input.reason === 'early_payment_discount' ? 'discounts_allowed' : 'bank_charges', currency: invoice.currency, debitMinor: input.amountMinor, ...baseDebit(base) },
      { account: 'accounts_receivable', currency: invoice.currency, creditMinor: input.amountMinor, ...baseCredit(base), customerId: invoice.customerId },
    ],
  });
  await tx.insert(allocations).values({ id: newId(), tenantId: actor.tenantId, customerId: invoice.customerId, invoiceId, creditNoteId: id, amountMinor: input.amountMinor, currency: invoice.currency, appliedOn: date });
  const after = await reduceOpenBalance(tx, invoice, input.amountMinor, 'credit_note');
  await recordAudit(tx, actor, 'invoice.short_payment_settled', { type: 'invoice', id: invoiceId }, { openMinor: invoice.openMinor }, { openMinor: after.openMinor, adjustment: number, reason: input.reason });
  return after;
}

/**
 * Many short-payment settlements at once (an automatic cash-application batch), in the caller's transaction, which
 * holds the invoices' row locks and has checked the amounts. Writes what settleShortPayment writes — a numbered
 * adjustment document, its journal entry, the allocation and the audit record — with a few multi-row statements, but
 * leaves the invoices' open balances to the caller, who sets each invoice's final balance once with applyOpenBalances.
 */
export async function insertShortPaymentSettlements(
  tx: Transaction,
  actor: Actor,
  settlements: ReadonlyArray<{ invoice: InvoiceRow; amountMinor: bigint; date: string; reason: ShortPaymentReason; paymentId: string }>,
): Promise<void> {
  if (settlements.length === 0) return;
  const dated = settlements.map((s) => ({ ...s, date: s.invoice.issueDate && compareDates(s.date, s.invoice.issueDate) < 0 ? s.invoice.issueDate : s.date }));
  // Numbers are gapless per year: take each year's range in date order.
  dated.sort((a, b) => compareDates(a.date, b.date));
  const byYear = new Map<string, typeof dated>();
  for (const s of dated) {
    const year = s.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), s]);
  }
  const documents: (typeof invoices.$inferInsert)[] = [];
  const postings: Posting[] = [];
  const settlementAllocations: (typeof allocations.$inferInsert)[] = [];
  const audits: Parameters<typeof recordAudits>[2][number][] = [];
  const baseCurrency = await baseCurrencyOf(tx, actor.tenantId);
  // Several settlements of one invoice in a batch each move its receivable on from where the previous one left it.
  const clearedSoFar = new Map<string, bigint>();
  for (const [, group] of byYear) {
    const numbers = await takeNumberRange(tx, actor.tenantId, 'adjustment', group.length, group[0]?.date);
    group.forEach((s, i) => {
      const number = numbers[i] as string;
      const id = newId();
      const label = s.reason === 'early_payment_discount' ? 'Early-payment discount taken' : 'Bank charges deducted';
      documents.push({
        id, tenantId: actor.tenantId, customerId: s.invoice.customerId, kind: 'adjustment', number, status: 'applied', currency: s.invoice.currency,
        issueDate: s.date, dueDate: s.date, paymentTermsDays: 0, subtotalMinor: s.amountMinor, taxMinor: 0n, totalMinor: s.amountMinor, openMinor: 0n,
        creditedInvoiceId: s.invoice.id, memo: `${label} on invoice ${s.invoice.number} (payment ${s.paymentId})`, exchangeRate: s.invoice.exchangeRate,
      });
      const clearedBefore = clearedSoFar.get(s.invoice.id) ?? s.invoice.totalMinor - s.invoice.openMinor;
      clearedSoFar.set(s.invoice.id, clearedBefore + s.amountMinor);
      const base = receivableBaseDelta({ ...s.invoice, openMinor: s.invoice.totalMinor - clearedBefore }, s.amountMinor, baseCurrency);
      postings.push({
        entryDate: s.date, description: `${label}: ${number} on invoice ${s.invoice.number}`, sourceType: 'adjustment', sourceId: id, postingKey: `adjustment:${id}`,
        lines: [
          { account: s.reason === 'early_payment_discount' ? 'discounts_allowed' : 'bank_charges', currency: s.invoice.currency, debitMinor: s.amountMinor, ...baseDebit(base) },
          { account: 'accounts_receivable', currency: s.invoice.currency, creditMinor: s.amountMinor, ...baseCredit(base), customerId: s.invoice.customerId },
        ],
      });
      settlementAllocations.push({ id: newId(), tenantId: actor.tenantId, customerId: s.invoice.customerId, invoiceId: s.invoice.id, creditNoteId: id, amountMinor: s.amountMinor, currency: s.invoice.currency, appliedOn: s.date });
      audits.push({ action: 'invoice.short_payment_settled', entity: { type: 'invoice', id: s.invoice.id }, before: null, after: { amountMinor: s.amountMinor, adjustment: number, reason: s.reason, paymentId: s.paymentId } });
    });
  }
  await insertRows(tx, invoices, documents);
  await postJournalEntries(tx, actor.tenantId, postings);
  await insertRows(tx, allocations, settlementAllocations);
  await recordAudits(tx, actor, audits);
}

/**
 * Sets the final open balance of invoices the caller has locked and settled in bulk (one UPDATE … FROM per chunk),
 * with the same status rule, `invoice.paid` events and settlement listeners as reduceOpenBalance. A balance below
 * zero is refused (and the CHECK constraint refuses it too). Returns the invoices as they are now.
 */
export async function applyOpenBalances(tx: Transaction, tenantId: string, changes: ReadonlyArray<{ invoice: InvoiceRow; openMinor: bigint; settledBy: 'payment' | 'credit_note' }>): Promise<InvoiceRow[]> {
  const now = new Date();
  const after = changes.map((c) => {
    if (c.openMinor < 0n) throw new DomainFailure({ code: 'over_allocation', message: `invoice ${c.invoice.number} has only ${c.invoice.openMinor} open` });
    return { ...c.invoice, openMinor: c.openMinor, status: statusFromBalance(c.invoice.totalMinor, c.openMinor), updatedAt: now };
  });
  const settledOn = new Map<string, { settledOn: string | null; firstAppliedOn: string | null }>();
  for (let i = 0; i < after.length; i += 5_000) {
    const chunk = JSON.stringify(after.slice(i, i + 5_000).map((a) => ({ id: a.id, open_minor: a.openMinor.toString(), status: a.status })));
    const rows = await queryRows<{ id: string; settled_on: string | null; first_applied_on: string | null }>(
      tx,
      sql`update ${invoices} as i set open_minor = v.open_minor, status = v.status, settled_on = ${settledOnWhenOpen(sql`v.open_minor`, { tenantId: sql`i.tenant_id`, id: sql`i.id` })},
                 first_applied_on = ${firstAppliedOn({ tenantId: sql`i.tenant_id`, id: sql`i.id` })},
                 updated_at = ${now.toISOString()}::timestamptz
            from json_to_recordset(${chunk}::json) as v(id uuid, open_minor bigint, status text)
           where i.tenant_id = ${tenantId} and i.id = v.id
          returning i.id::text as id, i.settled_on::text as settled_on, i.first_applied_on::text as first_applied_on`,
    );
    for (const r of rows) settledOn.set(r.id, { settledOn: r.settled_on, firstAppliedOn: r.first_applied_on });
  }
  for (const a of after) Object.assign(a, settledOn.get(a.id));
  const settled = after.filter((a, i) => a.openMinor === 0n && changes[i]?.invoice.openMinor !== 0n);
  // Settled by a payment or a discount/charges adjustment (never a write-off here): each is an invoice paid.
  await emitEvents(tx, tenantId, settled.map((a) => ({ type: 'invoice.paid' as const, entity: { type: 'invoice', id: a.id }, payload: invoiceEventPayload(a) })));
  if (settled.length > 0) for (const listener of invoiceSettledListeners) await listener(tx, settled);
  return after;
}

export async function creditInvoice(
  db: Database,
  actor: Actor,
  invoiceId: string,
  input: { lines: DraftInvoiceInput['lines']; issueDate: string; reason: string },
): Promise<Result<InvoiceWithLines>> {
  return inTransaction(db, (tx) => issueCreditNote(tx, actor, invoiceId, input));
}

/**
 * Voids an issued invoice that nothing has been paid on, by issuing a credit note for its full amount and applying
 * it: Dr revenue / Dr tax payable / Cr accounts receivable on the void date. The invoice itself is never edited
 * beyond its status and open balance, and stays in the books with its number.
 */
export async function voidInvoice(
  db: Database,
  actor: Actor,
  invoiceId: string,
  input: { reason: string; voidDate: string },
): Promise<Result<{ invoice: InvoiceWithLines; creditNote: InvoiceWithLines }>> {
  return inTransaction(db, async (tx) => {
    const invoice = await findInvoice(tx, actor.tenantId, invoiceId, { forUpdate: true });
    if (!invoice) throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
    if (invoice.kind !== 'invoice') throw new DomainFailure({ code: 'invalid_state', message: 'a credit note cannot be voided' });
    if (invoice.status === 'draft') throw new DomainFailure({ code: 'invalid_state', message: 'a draft has nothing to void; delete or change it instead' });
    if (invoice.status === 'void') throw new DomainFailure({ code: 'invalid_state', message: `invoice ${invoice.number} is already void` });
    if (invoice.openMinor !== invoice.totalMinor) {
      throw new DomainFailure({ code: 'invalid_state', message: `invoice ${invoice.number} has payments or credits applied; it cannot be voided in full` });
    }
    if (invoice.issueDate && compareDates(input.voidDate, invoice.issueDate) < 0) {
      throw new DomainFailure({ code: 'validation_failed', message: 'the void date is before the issue date', fieldErrors: [{ pointer: '/voidDate', detail: `must be on or after ${invoice.issueDate}` }] });
    }
    const lines = await loadLines(tx, actor.tenantId, invoiceId);
    const creditNoteId = newId();
    const number = await takeNextNumber(tx, actor.tenantId, 'credit_note', input.voidDate);
    const [creditNote] = await tx
      .insert(invoices)
      .values({
        id: creditNoteId,
        tenantId: actor.tenantId,
        customerId: invoice.customerId,
        kind: 'credit_note',
        number,
        status: 'applied',
        currency: invoice.currency,
        issueDate: input.voidDate,
        dueDate: input.voidDate,
        paymentTermsDays: 0,
        // The credit note prices its lines the way the invoice did, so its documents read the same.
        pricesIncludeTax: invoice.pricesIncludeTax,
        subtotalMinor: invoice.subtotalMinor,
        taxMinor: invoice.taxMinor,
        totalMinor: invoice.totalMinor,
        openMinor: 0n,
        creditedInvoiceId: invoiceId,
        memo: `Credit note for invoice ${invoice.number}: ${input.reason}`,
        exchangeRate: invoice.exchangeRate,
      })
      .returning();
    if (!creditNote) throw new Error('insert returned nothing');
    if (lines.length > 0) {
      await tx.insert(invoiceLines).values(
        lines.map((l) => ({ ...l, id: newId(), invoiceId: creditNoteId })),
      );
    }
    await tx.insert(allocations).values({
      id: newId(),
      tenantId: actor.tenantId,
      customerId: invoice.customerId,
      invoiceId,
      creditNoteId,
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
      appliedOn: input.voidDate,
    });
    const [voided] = await tx
      .update(invoices)
      .set({ status: 'void', openMinor: 0n, settledOn: settledOnWhenOpen(0n, invoice), firstAppliedOn: firstAppliedOn(invoice), voidReason: input.reason, updatedAt: new Date() })
      .where(eq(invoices.id, invoiceId))
      .returning();
    if (!voided) throw new Error('update returned nothing');
    await postJournalEntry(tx, actor.tenantId, {
      entryDate: input.voidDate,
      description: `Credit note ${number} voiding invoice ${invoice.number}`,
      sourceType: 'credit_note',
      sourceId: creditNoteId,
      postingKey: `credit_note.issued:${creditNoteId}`,
      // The same rate and the same conversions as the invoice's own entry: the void undoes it exactly.
      exchangeRate: invoice.exchangeRate,
      lines: [
        { account: 'revenue', currency: invoice.currency, debitMinor: invoice.subtotalMinor },
        { account: 'tax_payable', currency: invoice.currency, debitMinor: invoice.taxMinor },
        { account: 'accounts_receivable', currency: invoice.currency, creditMinor: invoice.totalMinor, customerId: invoice.customerId },
      ],
    });
    await emitEvent(tx, actor.tenantId, 'invoice.voided', { type: 'invoice', id: invoiceId }, { ...invoiceEventPayload(voided), reason: input.reason, creditNoteId });
    await emitEvent(tx, actor.tenantId, 'credit_note.issued', { type: 'invoice', id: creditNoteId }, invoiceEventPayload(creditNote));
    await recordAudit(tx, actor, 'invoice.voided', { type: 'invoice', id: invoiceId }, { status: invoice.status }, { status: 'void', reason: input.reason, creditNote: number });
    return { invoice: await withLines(tx, voided), creditNote: await withLines(tx, creditNote) };
  });
}

/** Deletes a draft (it never had a number). */
export async function deleteDraftInvoice(db: Database, actor: Actor, invoiceId: string): Promise<Result<{ id: string }>> {
  return inTransaction(db, async (tx) => {
    const before = await findInvoice(tx, actor.tenantId, invoiceId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no invoice ${invoiceId}` });
    if (before.status !== 'draft') throw new DomainFailure({ code: 'invalid_state', message: 'only drafts can be deleted; void an issued invoice' });
    await tx.delete(invoiceLines).where(and(eq(invoiceLines.tenantId, actor.tenantId), eq(invoiceLines.invoiceId, invoiceId)));
    await tx.delete(invoices).where(eq(invoices.id, invoiceId));
    await recordAudit(tx, actor, 'invoice.draft_deleted', { type: 'invoice', id: invoiceId }, before, null);
    return { id: invoiceId };
  });
}

export async function listInvoices(
  db: Database,
  actor: Actor,
  query: { customerId?: string | undefined; status?: string | undefined; kind?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<InvoiceRow[]> {
  const conditions = [eq(invoices.tenantId, actor.tenantId)];
  if (query.customerId) conditions.push(eq(invoices.customerId, query.customerId));
  if (query.status) conditions.push(eq(invoices.status, query.status));
  if (query.kind) conditions.push(eq(invoices.kind, query.kind));
  if (query.afterId) conditions.push(gt(invoices.id, query.afterId));
  return db.select().from(invoices).where(and(...conditions)).orderBy(asc(invoices.id)).limit(query.limit + 1);
}

/**
 * Listeners told, inside the issuing transaction, that invoices were issued (the email outbox, ...): one invoice when
 * issued on its own, a whole chunk from a billing run, so a listener does its work with a fixed number of queries.
 */
export type InvoiceIssuedListener = (tx: Transaction, invoices: readonly InvoiceRow[]) => Promise<void>;
const invoiceIssuedListeners: InvoiceIssuedListener[] = [];

export function onInvoiceIssued(listener: InvoiceIssuedListener): void {
  if (!invoiceIssuedListeners.includes(listener)) invoiceIssuedListeners.push(listener);
}

export async function announceInvoicesIssued(tx: Transaction, issued: readonly InvoiceRow[]): Promise<void> {
  if (issued.length === 0) return;
  for (const listener of invoiceIssuedListeners) await listener(tx, issued);
}

/**
 * Listeners told, inside the settling transaction, when an invoice's open balance reaches zero (orders close
 * themselves this way). Registered once at module load; they hold no state of their own.
 */
export type InvoiceSettledListener = (tx: Transaction, invoices: readonly InvoiceRow[]) => Promise<void>;
const invoiceSettledListeners: InvoiceSettledListener[] = [];

export function onInvoiceSettled(listener: InvoiceSettledListener): void {
  if (!invoiceSettledListeners.includes(listener)) invoiceSettledListeners.push(listener);
}

/**
 * invoices.settled_on as it goes with a new open balance: once nothing is open, the latest date of the invoice's
 * allocations (every caller inserts the allocation that settles it before changing the balance), so the invoice is open
 * on no date from then on and reports as of a later date can skip it; null while anything is open. The latest of all
 * its rows, not the settling one's date: a reversal's negative row can be dated after a payment applied since.
 */
function settledOnWhenOpen(openMinor: bigint | SQL, invoice: { tenantId: string | SQL; id: string | SQL }): SQL {
  const latest = sql`(select max(a.applied_on) from ${allocations} a where a.tenant_id = ${invoice.tenantId} and a.invoice_id = ${invoice.id})`;
  return typeof openMinor === 'bigint' ? (openMinor === 0n ? latest : sql`null`) : sql`case when ${openMinor} = 0 then ${latest} end`;
}

/**
 * invoices.first_applied_on: the date of the invoice's earliest allocation (recomputed whenever its balance changes,
 * after the caller inserted the allocation), so an allocation dated before the others moves it back.
 */
function firstAppliedOn(invoice: { tenantId: string | SQL; id: string | SQL }): SQL {
  return sql`(select min(a.applied_on) from ${allocations} a where a.tenant_id = ${invoice.tenantId} and a.invoice_id = ${invoice.id})`;
}

/**
 * Applies `amountMinor` of a settlement to an invoice inside the caller's transaction, which must hold the
 * invoice's row lock. Refuses more than the open balance.
 */
export async function reduceOpenBalance(tx: Transaction, invoice: InvoiceRow, amountMinor: bigint, settledBy: 'payment' | 'credit_note' | 'write_off' = 'payment'): Promise<InvoiceRow> {
  const openMinor = invoice.openMinor - amountMinor;
  if (openMinor < 0n) {
    throw new DomainFailure({ code: 'over_allocation', message: `invoice ${invoice.number} has only ${invoice.openMinor} open` });
  }
  const [after] = await tx
    .update(invoices)
    .set({ openMinor, status: statusFromBalance(invoice.totalMinor, openMinor), settledOn: settledOnWhenOpen(openMinor, invoice), firstAppliedOn: firstAppliedOn(invoice), updatedAt: new Date() })
    .where(eq(invoices.id, invoice.id))
    .returning();
  if (!after) throw new Error('update returned nothing');
  if (openMinor === 0n) {
    if (settledBy !== 'write_off') await emitEvent(tx, after.tenantId, 'invoice.paid', { type: 'invoice', id: after.id }, invoiceEventPayload(after));
    for (const listener of invoiceSettledListeners) await listener(tx, [after]);
  }
  return after;
}

/**
 * Puts `amountMinor` back on an invoice whose settlement was undone (the payment bounced or was charged back), inside
 * the caller's transaction, which holds the invoice's row lock. Never above the invoice's total. A paid invoice is
 * open again from that moment: `invoice.reopened` tells subscribers (collections picks it up again).
 */
export async function increaseOpenBalance(tx: Transaction, invoice: InvoiceRow, amountMinor: bigint, reason: string): Promise<InvoiceRow> {
  const openMinor = invoice.openMinor + amountMinor;
  if (amountMinor <= 0n || openMinor > invoice.totalMinor) {
    throw new DomainFailure({ code: 'invalid_state', message: `invoice ${invoice.number} cannot be reopened by ${amountMinor}: it would owe more than its total` });
  }
  const [after] = await tx
    .update(invoices)
    .set({ openMinor, status: statusFromBalance(invoice.totalMinor, openMinor), settledOn: null, firstAppliedOn: firstAppliedOn(invoice), updatedAt: new Date() })
    .where(eq(invoices.id, invoice.id))
    .returning();
  if (!after) throw new Error('update returned nothing');
  if (invoice.openMinor === 0n) await emitEvent(tx, after.tenantId, 'invoice.reopened', { type: 'invoice', id: after.id }, { ...invoiceEventPayload(after), reason });
  return after;
}

/** Locks invoices in id order (a fixed order, so two transactions never wait on each other in a cycle). */
export async function lockInvoices(tx: Transaction, tenantId: string, invoiceIds: string[]): Promise<Map<string, InvoiceRow>> {
  const rows = await tx
    .select()
    .from(invoices)
    // An id that is not a UUID names no invoice (the caller then reports it as not found).
    .where(and(eq(invoices.tenantId, tenantId), isAnyOf(invoices.id, invoiceIds.filter(isUuid))))
    .orderBy(asc(invoices.id))
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

export async function customerHasInvoices(executor: Executor, tenantId: string, customerId: string): Promise<boolean> {
  const rows = await queryRows(executor, sql`select 1 from ${invoices} where tenant_id = ${tenantId} and customer_id = ${customerId} limit 1`);
  return rows.length > 0;
}

/**
 * How much an invoice's receivable moves in base currency when `amountMinor` more of it is settled (negative: a
 * settlement undone): cumulative conversion at the invoice's own rate, so the pieces add up to exactly what it was
 * booked at. Undefined for a base-currency invoice (its amounts are its base amounts).
 */
export function receivableBaseDelta(invoice: Pick<InvoiceRow, 'currency' | 'exchangeRate' | 'totalMinor' | 'openMinor'>, amountMinor: bigint, baseCurrency: string): bigint | undefined {
  if (invoice.currency === baseCurrency) return undefined;
  const rate = invoice.exchangeRate ? parseExchangeRate(invoice.exchangeRate) : undefined;
  if (!rate) throw new Error(`invoice in ${invoice.currency} has no exchange rate`);
  const clearedBefore = invoice.totalMinor - invoice.openMinor;
  return settledBaseDelta(clearedBefore, clearedBefore + amountMinor, invoice.currency, baseCurrency, rate);
}

/** amountMinor of a document converted at its own rate; undefined for a base-currency document. */
export function convertAtDocumentRate(document: Pick<InvoiceRow, 'currency' | 'exchangeRate'>, amountMinor: bigint, baseCurrency: string): bigint | undefined {
  if (document.currency === baseCurrency) return undefined;
  const rate = document.exchangeRate ? parseExchangeRate(document.exchangeRate) : undefined;
  if (!rate) throw new Error(`document in ${document.currency} has no exchange rate`);
  return toBaseMinor(amountMinor, document.currency, baseCurrency, rate);
}

/** Explicit base amounts for a posting line (nothing for base-currency lines). Sums the parts given. */
export function baseDebit(...parts: (bigint | undefined)[]): { baseDebitMinor?: bigint } {
  return parts.every((p) => p === undefined) ? {} : { baseDebitMinor: parts.reduce<bigint>((s, p) => s + (p ?? 0n), 0n) };
}
export function baseCredit(...parts: (bigint | undefined)[]): { baseCreditMinor?: bigint } {
  return parts.every((p) => p === undefined) ? {} : { baseCreditMinor: parts.reduce<bigint>((s, p) => s + (p ?? 0n), 0n) };
}
