import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/connection.js';
import { queryRows } from '../../db/connection.js';
import { insertRows } from '../../db/bulk-insert.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, type FieldError, type Result } from '../../kernel/result.js';
import { customers } from '../customers/schema.js';
import { emitEvents } from '../events/service.js';
import { recordAudits } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { bookingRate } from '../ledger/store.js';
import { postJournalEntries } from '../ledger/service.js';
import type { BusinessCalendar, PaymentTerms } from '../terms/payment-terms.js';
import { findPaymentTerms, loadBusinessCalendar } from '../terms/service.js';
import {
  bookingRateKey,
  chunked,
  invoicesPerChunk,
  type BookingRates,
  planDraftIssues,
  planNewInvoices,
  priceBillingRunInputs,
  type BillingCustomer,
  type BillingRunInvoiceInput,
  type PricedInput,
} from './billing-run.js';
import { billingRunItems, billingRuns, invoices, invoiceLines } from './schema.js';
import { announceInvoicesIssued, invoiceEventPayload, loadInvoicingSettings, takeNumberRange, type InvoiceRow } from './service.js';

/**
 * The billing run's shell: loads what the planner (billing-run.ts, pure) needs, and writes each chunk of its plan with
 * a few multi-row statements in one transaction: claim the run's items, take the chunk's numbers in one step under the
 * series lock, insert the invoices and their lines, post the journal entries, and write the events, the dispatch
 * messages and the audit records. A crash loses at most the chunk in flight, which the next run of the same key
 * issues.
 */

export interface BillingRunRequest {
  /** The caller's key for the run: running it again issues only what is missing. */
  readonly runKey: string;
  readonly issueDate: string;
  /** New invoices to create and issue. */
  readonly invoices?: readonly BillingRunInvoiceInput[] | undefined;
  /** Drafts to issue. */
  readonly draftIds?: readonly string[] | undefined;
}

export interface BillingRunSummary {
  readonly runKey: string;
  readonly issueDate: string;
  /** Invoices in the request (new ones and drafts). */
  readonly requested: number;
  /** Issued by this call. */
  readonly issued: number;
  /** Issued before this call (by an earlier run under the key, or drafts issued one by one since). */
  readonly alreadyIssued: number;
  /** The numbers this call gave, in the order of the request; null when it issued nothing. */
  readonly firstNumber: string | null;
  readonly lastNumber: string | null;
  readonly chunks: number;
}

export interface BillingRunOptions {
  /** Invoices per transaction (tests use small chunks to exercise several). */
  readonly chunkSize?: number;
  /** Called after each committed chunk (the daily run renews its lease here). */
  readonly afterChunk?: (issuedSoFar: number) => Promise<void>;
}

/** Canonical JSON of the request (bigints as strings), hashed: the same key must come with the same invoices. */
function requestDigest(request: BillingRunRequest): string {
  const canonical = JSON.stringify({ issueDate: request.issueDate, invoices: request.invoices ?? [], draftIds: request.draftIds ?? [] }, (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

async function loadCustomers(db: Database, tenantId: string, ids: readonly string[]): Promise<Map<string, BillingCustomer>> {
  const found = new Map<string, BillingCustomer>();
  for (let i = 0; i < ids.length; i += 5_000) {
    // Read directly, like the outbox does: one statement per 5,000 customers instead of one per invoice.
    const rows = await db
      .select({ id: customers.id, currency: customers.currency, paymentTermsId: customers.paymentTermsId, paymentTermsDays: customers.paymentTermsDays, archivedAt: customers.archivedAt })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids.slice(i, i + 5_000))));
    for (const r of rows) found.set(r.id, { id: r.id, currency: r.currency, paymentTermsId: r.paymentTermsId, paymentTermsDays: r.paymentTermsDays, archived: r.archivedAt !== null });
  }
  return found;
}

async function loadNamedTerms(db: Database, tenantId: string, ids: ReadonlySet<string>): Promise<Map<string, PaymentTerms>> {
  const found = new Map<string, PaymentTerms>();
  for (const id of ids) {
    const row = await findPaymentTerms(db, tenantId, id);
    if (row) found.set(id, row.definition as PaymentTerms);
  }
  return found;
}

/**
 * The rate each (currency, given rate) pair is booked at on the issue date, as issuing works it out (bookingRate), or
 * why it cannot be: worked out once per pair, before anything is written.
 */
async function bookingRates(db: Database, tenantId: string, pairs: ReadonlyArray<{ currency: string; given: string | null | undefined }>, issueDate: string): Promise<Map<string, { rate: string | null } | { fault: string }>> {
  const rates = new Map<string, { rate: string | null } | { fault: string }>();
  for (const { currency, given } of pairs) {
    const key = bookingRateKey(currency, given);
    if (rates.has(key)) continue;
    try {
      rates.set(key, { rate: await bookingRate(db, tenantId, currency, issueDate, given) });
    } catch (error) {
      if (!(error instanceof DomainFailure)) throw error;
      rates.set(key, { fault: error.message });
    }
  }
  return rates;
}

/** Drafts named in the request must exist and be invoices; drafts already issued are not an error (a re-run). */
async function checkDrafts(db: Database, tenantId: string, draftIds: readonly string[], issueDate: string): Promise<FieldError[]> {
  const faults: FieldError[] = [];
  const seen = new Set<string>();
  const rows = new Map<string, { kind: string; status: string; totalMinor: bigint; currency: string; exchangeRate: string | null }>();
  for (let i = 0; i < draftIds.length; i += 5_000) {
    const found = await db
      .select({ id: invoices.id, kind: invoices.kind, status: invoices.status, totalMinor: invoices.totalMinor, currency: invoices.currency, exchangeRate: invoices.exchangeRate })
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId), inArray(invoices.id, draftIds.slice(i, i + 5_000))));
    for (const r of found) rows.set(r.id, r);
  }
  const rates = await bookingRates(db, tenantId, [...rows.values()].filter((r) => r.status === 'draft').map((r) => ({ currency: r.currency, given: r.exchangeRate })), issueDate);
  draftIds.forEach((id, i) => {
    const pointer = `/draftIds/${i}`;
    const row = rows.get(id);
    if (seen.has(id)) faults.push({ pointer, detail: 'the same draft appears twice' });
    else if (!row || row.kind !== 'invoice') faults.push({ pointer, detail: `no invoice ${id}` });
    else if (row.status === 'draft' && row.totalMinor <= 0n) faults.push({ pointer, detail: 'an invoice needs at least one line and a total above zero' });
    else if (row.status === 'draft') {
      const booking = rates.get(bookingRateKey(row.currency, row.exchangeRate));
      if (booking && 'fault' in booking) faults.push({ pointer, detail: booking.fault });
    }
    seen.add(id);
  });
  return faults;
}

/** Finds or opens the run under its key; the same key with another request is refused. */
async function openRun(db: Database, tenantId: string, request: BillingRunRequest, requested: number): Promise<Result<{ id: string }>> {
  const digest = requestDigest(request);
  await db
    .insert(billingRuns)
    .values({ id: newId(), tenantId, runKey: request.runKey, issueDate: request.issueDate, requestDigest: digest, requestedCount: requested, status: 'running' })
    .onConflictDoNothing();
  const [run] = await db.select().from(billingRuns).where(and(eq(billingRuns.tenantId, tenantId), eq(billingRuns.runKey, request.runKey)));
  if (!run) throw new Error('billing run vanished');
  if (run.requestDigest !== digest) return fail('conflict', `billing run ${request.runKey} was started with other invoices or another issue date; use a new run key`);
  return { ok: true, value: { id: run.id } };
}

/**
 * Claims positions of the run for this transaction: only the positions returned are this transaction's to issue. A
 * concurrent run of the same key waits here until the first commits, then gets nothing back for what that one issued.
 */
async function claimItems(tx: Transaction, tenantId: string, runId: string, items: ReadonlyArray<{ index: number; invoiceId: string }>): Promise<Set<number>> {
  if (items.length === 0) return new Set();
  const rows = await queryRows<{ item_index: number }>(
    tx,
    sql`insert into ${billingRunItems} (run_id, item_index, tenant_id, invoice_id)
        select ${runId}::uuid, r.item_index, ${tenantId}::uuid, r.invoice_id
          from json_to_recordset(${JSON.stringify(items.map((i) => ({ item_index: i.index, invoice_id: i.invoiceId })))}::json) as r(item_index integer, invoice_id uuid)
        on conflict do nothing
        returning item_index`,
  );
  return new Set(rows.map((r) => Number(r.item_index)));
}

interface ChunkOutcome {
  issued: number;
  numbers: string[];
}

/** Writes what follows every issue, for a chunk: journal, events, dispatch (listeners) and audit records. */
async function afterIssue(tx: Transaction, actor: Actor, runKey: string, issued: readonly InvoiceRow[], postings: Parameters<typeof postJournalEntries>[2], before: unknown): Promise<void> {
  await postJournalEntries(tx, actor.tenantId, postings);
  await emitEvents(tx, actor.tenantId, issued.map((i) => ({ type: 'invoice.issued' as const, entity: { type: 'invoice', id: i.id }, payload: invoiceEventPayload(i) })));
  await announceInvoicesIssued(tx, issued);
  await recordAudits(
    tx,
    actor,
    issued.map((i) => ({ action: 'invoice.issued', entity: { type: 'invoice', id: i.id }, before, after: { status: i.status, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, billingRun: runKey } })),
  );
}

async function issueNewChunk(tx: Transaction, actor: Actor, run: { id: string; key: string }, chunk: readonly PricedInput[], issueDate: string, calendar: BusinessCalendar): Promise<ChunkOutcome> {
  const proposed = chunk.map((p) => ({ p, id: newId() }));
  const claimed = await claimItems(tx, actor.tenantId, run.id, proposed.map((x) => ({ index: x.p.index, invoiceId: x.id })));
  const mine = proposed.filter((x) => claimed.has(x.p.index));
  if (mine.length === 0) return { issued: 0, numbers: [] };
  const numbers = await takeNumberRange(tx, actor.tenantId, 'invoice', mine.length, issueDate);
  const plan = planNewInvoices(actor.tenantId, mine.map((x) => x.p), mine.map((x) => x.id), numbers, issueDate, calendar, newId);
  const now = new Date();
  const rows: InvoiceRow[] = plan.invoices.map((i) => ({
    ...i,
    writeOffReason: null,
    settledOn: null,
    firstAppliedOn: null,
    creditedInvoiceId: null,
    voidReason: null,
    createdAt: now,
    updatedAt: now,
  }));
  await insertRows(tx, invoices, rows);
  await insertRows(tx, invoiceLines, plan.lines);
  await afterIssue(tx, actor, run.key, rows, plan.postings, null);
  return { issued: rows.length, numbers };
}

async function issueDraftChunk(
  tx: Transaction,
  actor: Actor,
  run: { id: string; key: string },
  chunk: ReadonlyArray<{ index: number; id: string }>,
  issueDate: string,
  calendar: BusinessCalendar,
): Promise<ChunkOutcome> {
  // Row locks in id order (as lockInvoices takes them), so two runs never wait on each other in a cycle.
  const locked = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, actor.tenantId), inArray(invoices.id, chunk.map((c) => c.id))))
    .orderBy(asc(invoices.id))
    .for('update');
  const byId = new Map(locked.map((r) => [r.id, r]));
  const stillDrafts = chunk.filter((c) => byId.get(c.id)?.status === 'draft');
  const claimed = await claimItems(tx, actor.tenantId, run.id, stillDrafts.map((c) => ({ index: c.index, invoiceId: c.id })));
  const mine = stillDrafts.filter((c) => claimed.has(c.index)).map((c) => byId.get(c.id) as InvoiceRow);
  if (mine.length === 0) return { issued: 0, numbers: [] };
  const numbers = await takeNumberRange(tx, actor.tenantId, 'invoice', mine.length, issueDate);
  // The rate each draft is booked at, as issuing it alone would find it (the run checked that there is one).
  const rates = new Map<string, string | null>();
  const draftRates: (string | null)[] = [];
  for (const d of mine) {
    const key = bookingRateKey(d.currency, d.exchangeRate);
    if (!rates.has(key)) rates.set(key, await bookingRate(tx, actor.tenantId, d.currency, issueDate, d.exchangeRate));
    draftRates.push(rates.get(key) ?? null);
  }
  const plan = planDraftIssues(mine, numbers, draftRates, issueDate, calendar);
  const now = new Date();
  const values = plan.updates.map((u) => ({
    id: u.id,
    number: u.number,
    issue_date: u.issueDate,
    due_date: u.dueDate,
    payment_terms_days: u.paymentTermsDays,
    payment_terms: u.paymentTerms,
    discount_minor: u.discountMinor?.toString() ?? null,
    discount_deadline: u.discountDeadline,
    instalments: u.instalments,
    creditor_reference: u.creditorReference,
    open_minor: u.openMinor.toString(),
    exchange_rate: u.exchangeRate,
  }));
  await tx.execute(
    sql`update ${invoices} as i
           set status = 'open', number = v.number, issue_date = v.issue_date, due_date = v.due_date, payment_terms_days = v.payment_terms_days,
               payment_terms = v.payment_terms, discount_minor = v.discount_minor, discount_deadline = v.discount_deadline, instalments = v.instalments,
               creditor_reference = v.creditor_reference, open_minor = v.open_minor, exchange_rate = v.exchange_rate, updated_at = ${now.toISOString()}::timestamptz
          from json_to_recordset(${JSON.stringify(values)}::json) as v(id uuid, number text, issue_date date, due_date date, payment_terms_days integer,
               payment_terms jsonb, discount_minor bigint, discount_deadline date, instalments jsonb, creditor_reference text, open_minor bigint, exchange_rate numeric)
         where i.tenant_id = ${actor.tenantId} and i.id = v.id and i.status = 'draft'`,
  );
  const rows: InvoiceRow[] = plan.updates.map((u) => ({ ...(byId.get(u.id) as InvoiceRow), ...u, status: 'open', updatedAt: now }));
  await afterIssue(tx, actor, run.key, rows, plan.postings, { status: 'draft' });
  return { issued: rows.length, numbers };
}

/**
 * Issues many invoices on one date: new invoices (customer and lines) and drafts, in chunks of one transaction each.
 * Everything is validated before the first chunk, so a bad invoice refuses the run with nothing written. Numbers are
 * gapless and follow the request's order within each chunk (new invoices first, then drafts).
 */
export async function issueBillingRun(db: Database, actor: Actor, request: BillingRunRequest, options: BillingRunOptions = {}): Promise<Result<BillingRunSummary>> {
  const inputs = request.invoices ?? [];
  const draftIds = request.draftIds ?? [];
  const requested = inputs.length + draftIds.length;
  if (requested === 0) return fail('validation_failed', 'a billing run needs invoices or drafts', [{ pointer: '/invoices', detail: 'at least one invoice or draft' }]);
  const settings = await loadInvoicingSettings(db, actor.tenantId);
  const customerMap = await loadCustomers(db, actor.tenantId, [...new Set(inputs.map((i) => i.customerId))]);
  const termIds = new Set<string>();
  for (const input of inputs) {
    const customer = customerMap.get(input.customerId);
    const id = input.paymentTermsId ?? (input.paymentTermsDays === undefined ? customer?.paymentTermsId : null);
    if (id) termIds.add(id);
  }
  const rates: BookingRates = await bookingRates(
    db,
    actor.tenantId,
    inputs.flatMap((i) => {
      const customer = customerMap.get(i.customerId);
      return customer ? [{ currency: customer.currency, given: i.exchangeRate }] : [];
    }),
    request.issueDate,
  );
  const pricing = priceBillingRunInputs(inputs, customerMap, await loadNamedTerms(db, actor.tenantId, termIds), settings, rates);
  const draftFaults = await checkDrafts(db, actor.tenantId, draftIds, request.issueDate);
  const faults = [...(pricing.ok ? [] : pricing.faults), ...draftFaults];
  if (!pricing.ok || faults.length > 0) return fail('validation_failed', 'the billing run cannot be issued', faults);
  const opened = await openRun(db, actor.tenantId, request, requested);
  if (!opened.ok) return opened;
  const run = { id: opened.value.id, key: request.runKey };
  const calendar = await loadBusinessCalendar(db, actor.tenantId);
  const size = options.chunkSize ?? invoicesPerChunk;
  let issued = 0;
  let chunks = 0;
  const numbers: string[] = [];
  const work: Array<(tx: Transaction) => Promise<ChunkOutcome>> = [
    ...chunked(pricing.priced, size).map((chunk) => (tx: Transaction) => issueNewChunk(tx, actor, run, chunk, request.issueDate, calendar)),
    ...chunked(draftIds.map((id, i) => ({ index: inputs.length + i, id })), size).map((chunk) => (tx: Transaction) => issueDraftChunk(tx, actor, run, chunk, request.issueDate, calendar)),
  ];
  for (const step of work) {
    const outcome = await inTransaction(db, step);
    if (!outcome.ok) return outcome;
    issued += outcome.value.issued;
    numbers.push(...outcome.value.numbers);
    chunks++;
    await options.afterChunk?.(issued);
  }
  const [completed] = await queryRows<{ issued: number }>(
    db,
    sql`update ${billingRuns} set status = 'completed', completed_at = now(),
               issued_count = (select count(*)::int from ${billingRunItems} where run_id = ${run.id})
         where id = ${run.id} returning issued_count as issued`,
  );
  if (!completed) throw new DomainFailure({ code: 'not_found', message: `billing run ${request.runKey} vanished` });
  return {
    ok: true,
    value: { runKey: request.runKey, issueDate: request.issueDate, requested, issued, alreadyIssued: requested - issued, firstNumber: numbers[0] ?? null, lastNumber: numbers.at(-1) ?? null, chunks },
  };
}
