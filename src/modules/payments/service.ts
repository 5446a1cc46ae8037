import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { insertRows } from '../../db/bulk-insert.js';
import { compareDates } from '../../kernel/business-date.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, type FieldError, type Result } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import { recordAudit, recordAudits } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { baseCredit, baseDebit, findInvoice, increaseOpenBalance, lockInvoices, receivableBaseDelta, reduceOpenBalance, type InvoiceRow } from '../invoicing/service.js';
import { emitEvent, emitEvents } from '../events/service.js';
import { baseCurrencyOf, postJournalEntries, postJournalEntry, type Posting, type PostingLine } from '../ledger/service.js';
import { bookingRate } from '../ledger/store.js';
import { parseExchangeRate, settledBaseDelta } from '../ledger/exchange.js';
import { allocations, payments, refunds } from './schema.js';

export type PaymentRow = typeof payments.$inferSelect;
export type AllocationRow = typeof allocations.$inferSelect;
export interface PaymentWithAllocations extends PaymentRow {
  allocations: AllocationRow[];
}

export const paymentMethods = ['bank_transfer', 'direct_debit', 'card', 'cheque', 'cash'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
/** Bounded work per request: one payment settles at most this many invoices in one call. */
export const maxAllocationsPerRequest = 500;

export interface AllocationInput {
  invoiceId: string;
  amountMinor: number;
}

export interface PaymentInput {
  customerId: string;
  method: PaymentMethod;
  amountMinor: number;
  currency: string;
  valueDate: string;
  payerName?: string | null | undefined;
  reference?: string | null | undefined;
  allocations?: AllocationInput[] | undefined;
  /** For a payment in another currency than the base currency: the rate its cash is booked at (else the tenant's rate of the value date). */
  exchangeRate?: string | null | undefined;
}

async function loadAllocations(executor: Executor, tenantId: string, paymentId: string): Promise<AllocationRow[]> {
  return executor
    .select()
    .from(allocations)
    .where(and(eq(allocations.tenantId, tenantId), eq(allocations.paymentId, paymentId)))
    .orderBy(asc(allocations.id));
}

export async function findPayment(executor: Executor, tenantId: string, paymentId: string, options: { forUpdate?: boolean } = {}) {
  const query = executor.select().from(payments).where(and(eq(payments.tenantId, tenantId), eq(payments.id, paymentId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * Settles invoices from a payment's unapplied cash, inside the caller's transaction which holds the payment's lock.
 * For each allocation: Dr unapplied cash / Cr accounts receivable, dated appliedOn (never before the payment was
 * received nor before the invoice was issued). Refuses to allocate more than the payment has unapplied or more than
 * an invoice has open; the row locks make this hold under concurrent requests, and CHECK constraints back it up.
 */
async function allocate(
  tx: Transaction,
  actor: Actor,
  payment: PaymentRow,
  requested: AllocationInput[],
  appliedOn: string | undefined,
): Promise<PaymentRow> {
  if (requested.length === 0) return payment;
  const faults: FieldError[] = [];
  const seen = new Set<string>();
  requested.forEach((a, i) => {
    if (seen.has(a.invoiceId)) faults.push({ pointer: `/allocations/${i}/invoiceId`, detail: 'the same invoice appears twice' });
    seen.add(a.invoiceId);
  });
  if (faults.length > 0) throw new DomainFailure({ code: 'validation_failed', message: 'invalid allocations', fieldErrors: faults });

  const requestedTotal = requested.reduce((s, a) => s + BigInt(a.amountMinor), 0n);
  if (requestedTotal > payment.unappliedMinor) {
    throw new DomainFailure({
      code: 'over_allocation',
      message: `allocations total ${requestedTotal} but the payment has only ${payment.unappliedMinor} unapplied`,
    });
  }
  const locked = await lockInvoices(tx, actor.tenantId, requested.map((a) => a.invoiceId));
  requested.forEach((a, i) => {
    const invoice = locked.get(a.invoiceId);
    const pointer = `/allocations/${i}`;
    if (!invoice || invoice.customerId !== payment.customerId) {
      faults.push({ pointer: `${pointer}/invoiceId`, detail: `no invoice ${a.invoiceId} for this customer` });
    } else if (invoice.kind !== 'invoice' || !['open', 'partially_paid'].includes(invoice.status)) {
      faults.push({ pointer: `${pointer}/invoiceId`, detail: `invoice ${invoice.number ?? a.invoiceId} is ${invoice.status}` });
    } else if (invoice.currency !== payment.currency) {
      faults.push({ pointer: `${pointer}/invoiceId`, detail: `invoice is in ${invoice.currency}, the payment in ${payment.currency}` });
    } else if (BigInt(a.amountMinor) > invoice.openMinor) {
      throw new DomainFailure({
        code: 'over_allocation',
        message: `invoice ${invoice.number} has ${invoice.openMinor} open; cannot allocate ${a.amountMinor}`,
        fieldErrors: [{ pointer: `${pointer}/amountMinor`, detail: `at most ${invoice.openMinor}` }],
      });
    }
  });
  if (faults.length > 0) throw new DomainFailure({ code: 'validation_failed', message: 'invalid allocations', fieldErrors: faults });

  const baseCurrency = await baseCurrencyOf(tx, actor.tenantId);
  let consumedMinor = payment.amountMinor - payment.unappliedMinor;
  for (const a of requested) {
    const invoice = locked.get(a.invoiceId);
    if (!invoice?.issueDate) throw new Error('checked above');
    const amountMinor = BigInt(a.amountMinor);
    // Effective no earlier than both the receipt and the invoice: the as-of history stays truthful.
    let effective = appliedOn ?? payment.valueDate;
    if (compareDates(effective, payment.valueDate) < 0) effective = payment.valueDate;
    if (compareDates(effective, invoice.issueDate) < 0) effective = invoice.issueDate;
    const allocationId = newId();
    await tx.insert(allocations).values({
      id: allocationId,
      tenantId: actor.tenantId,
      customerId: payment.customerId,
      invoiceId: invoice.id,
      paymentId: payment.id,
      amountMinor,
      currency: payment.currency,
      appliedOn: effective,
    });
    // In base currency: unapplied cash is used at the payment's rate, the receivable cleared at the invoice's rate;
    // what differs is a realised exchange gain or loss.
    const unappliedBase = unappliedBaseDelta(payment, consumedMinor, amountMinor, baseCurrency);
    const receivableBase = receivableBaseDelta(invoice, amountMinor, baseCurrency);
    consumedMinor += amountMinor;
    const after = await reduceOpenBalance(tx, invoice, amountMinor);
    locked.set(invoice.id, after);
    await emitEvent(tx, actor.tenantId, 'payment.applied', { type: 'payment', id: payment.id }, {
      paymentId: payment.id,
      allocationId,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      customerId: payment.customerId,
      amountMinor,
      currency: payment.currency,
      appliedOn: effective,
      invoiceOpenMinor: after.openMinor,
    });
    await postJournalEntry(tx, actor.tenantId, {
      entryDate: effective,
      description: `Payment applied to invoice ${invoice.number}`,
      sourceType: 'allocation',
      sourceId: allocationId,
      postingKey: `allocation:${allocationId}`,
      lines: [
        { account: 'unapplied_cash', currency: payment.currency, debitMinor: amountMinor, ...baseDebit(unappliedBase), customerId: payment.customerId },
        { account: 'accounts_receivable', currency: payment.currency, creditMinor: amountMinor, ...baseCredit(receivableBase), customerId: payment.customerId },
        ...exchangeDifference(payment.currency, unappliedBase, receivableBase),
      ],
    });
  }
  const [updated] = await tx
    .update(payments)
    .set({ unappliedMinor: payment.unappliedMinor - requestedTotal, usedUpOn: usedUpOnWhen(payment.unappliedMinor - requestedTotal, payment) })
    .where(eq(payments.id, payment.id))
    .returning();
  if (!updated) throw new Error('update returned nothing');
  return updated;
}

/**
 * Records money received: Dr bank / Cr unapplied cash (the customer's credit) on the value date, then applies the
 * requested allocations. What is not allocated stays on the customer's account as unapplied cash.
 */
export async function recordPayment(db: Database, actor: Actor, input: PaymentInput): Promise<Result<PaymentWithAllocations>> {
  return inTransaction(db, (tx) => recordPaymentInTransaction(tx, actor, input));
}

type PaymentRecordedListener = (tx: Transaction, payments: readonly PaymentWithAllocations[]) => Promise<void>;
const paymentRecordedListeners: PaymentRecordedListener[] = [];
/** Runs in the recording transaction (e.g. the receipt email goes to the outbox exactly when the payment exists). */
export function onPaymentRecorded(listener: PaymentRecordedListener): void {
  paymentRecordedListeners.push(listener);
}

/** recordPayment inside the caller's transaction (imports, the demo, other modules that receive money). */
export async function recordPaymentInTransaction(tx: Transaction, actor: Actor, input: PaymentInput): Promise<PaymentWithAllocations> {
  {
    const customer = await findCustomer(tx, actor.tenantId, input.customerId);
    if (!customer) {
      throw new DomainFailure({ code: 'validation_failed', message: 'unknown customer', fieldErrors: [{ pointer: '/customerId', detail: `no customer ${input.customerId}` }] });
    }
    const paymentId = newId();
    // Booked at the given rate, the tenant's rate of the value date, or (card and other automatic payments of a tenant
    // without a rate table) the rate of the first invoice it pays.
    const firstInvoice = input.allocations?.[0] ? await findInvoice(tx, actor.tenantId, input.allocations[0].invoiceId) : undefined;
    const exchangeRate = await bookingRate(tx, actor.tenantId, input.currency, input.valueDate, input.exchangeRate, { fallback: firstInvoice?.currency === input.currency ? firstInvoice.exchangeRate : null });
    const [payment] = await tx
      .insert(payments)
      .values({
        id: paymentId,
        tenantId: actor.tenantId,
        customerId: customer.id,
        method: input.method,
        amountMinor: BigInt(input.amountMinor),
        currency: input.currency,
        valueDate: input.valueDate,
        payerName: input.payerName ?? null,
        reference: input.reference ?? null,
        unappliedMinor: BigInt(input.amountMinor),
        exchangeRate,
      })
      .returning();
    if (!payment) throw new Error('insert returned nothing');
    await postJournalEntry(tx, actor.tenantId, {
      entryDate: input.valueDate,
      description: `Payment received from ${customer.name}${input.reference ? ` (${input.reference})` : ''}`,
      sourceType: 'payment',
      sourceId: paymentId,
      postingKey: `payment.received:${paymentId}`,
      exchangeRate,
      lines: [
        { account: 'bank', currency: payment.currency, debitMinor: payment.amountMinor },
        { account: 'unapplied_cash', currency: payment.currency, creditMinor: payment.amountMinor, customerId: customer.id },
      ],
    });
    await emitEvent(tx, actor.tenantId, 'payment.received', { type: 'payment', id: paymentId }, {
      id: paymentId,
      customerId: customer.id,
      method: payment.method,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      valueDate: payment.valueDate,
      reference: payment.reference,
    });
    const after = await allocate(tx, actor, payment, input.allocations ?? [], undefined);
    const result = { ...after, allocations: await loadAllocations(tx, actor.tenantId, paymentId) };
    await recordAudit(tx, actor, 'payment.recorded', { type: 'payment', id: paymentId }, null, result);
    for (const listener of paymentRecordedListeners) await listener(tx, [result]);
    return result;
  }
}

/** Allocates a payment's unapplied cash to invoices later (cash application by hand). */
export async function allocatePayment(
  db: Database,
  actor: Actor,
  paymentId: string,
  input: { allocations: AllocationInput[]; appliedOn: string },
): Promise<Result<PaymentWithAllocations>> {
  return inTransaction(db, async (tx) => {
    const payment = await findPayment(tx, actor.tenantId, paymentId, { forUpdate: true });
    if (!payment) throw new DomainFailure({ code: 'not_found', message: `no payment ${paymentId}` });
    const before = { unappliedMinor: payment.unappliedMinor };
    const after = await allocate(tx, actor, payment, input.allocations, input.appliedOn);
    const result = { ...after, allocations: await loadAllocations(tx, actor.tenantId, paymentId) };
    await recordAudit(tx, actor, 'payment.allocated', { type: 'payment', id: paymentId }, before, { unappliedMinor: after.unappliedMinor, allocations: input.allocations });
    return result;
  });
}

export async function getPayment(db: Database, actor: Actor, paymentId: string): Promise<Result<PaymentWithAllocations>> {
  const payment = await findPayment(db, actor.tenantId, paymentId);
  if (!payment) return { ok: false, error: { code: 'not_found', message: `no payment ${paymentId}` } };
  return { ok: true, value: { ...payment, allocations: await loadAllocations(db, actor.tenantId, paymentId) } };
}

export async function listPayments(
  db: Database,
  actor: Actor,
  query: { customerId?: string | undefined; unappliedOnly?: boolean | undefined; afterId?: string | undefined; limit: number },
): Promise<PaymentRow[]> {
  const conditions = [eq(payments.tenantId, actor.tenantId)];
  if (query.customerId) conditions.push(eq(payments.customerId, query.customerId));
  if (query.unappliedOnly) conditions.push(gt(payments.unappliedMinor, 0n));
  if (query.afterId) conditions.push(gt(payments.id, query.afterId));
  return db.select().from(payments).where(and(...conditions)).orderBy(asc(payments.id)).limit(query.limit + 1);
}

export async function customerHasPayments(executor: Executor, tenantId: string, customerId: string): Promise<boolean> {
  const rows = await queryRows(executor, sql`select 1 from ${payments} where tenant_id = ${tenantId} and customer_id = ${customerId} limit 1`);
  return rows.length > 0;
}

export interface CheckedPayment {
  customerId: string;
  method: PaymentMethod;
  amountMinor: bigint;
  currency: string;
  valueDate: string;
  payerName: string | null;
  reference: string | null;
  /** invoices the caller holds locked, with amounts it has checked against their open balances */
  allocations: ReadonlyArray<{ invoice: InvoiceRow; amountMinor: bigint; /** the invoice's open balance once this allocation is made */ openAfterMinor: bigint }>;
}

/**
 * Records many payments with their allocations at once (an automatic cash-application batch), in the caller's
 * transaction. The caller holds the invoices' row locks and has checked every allocation (customer, currency, status,
 * amount within the open balance, total within the payment) and sets the invoices' final open balances itself with
 * applyOpenBalances. Everything else is what recordPayment writes, with a few multi-row statements: the payment rows,
 * the allocations, the journal entries (the receipts of one value date and currency as one entry: Dr bank for their
 * sum / Cr AR per invoice and Cr unapplied cash per payment; Dr unapplied cash / Cr AR for an allocation dated
 * later), the events, the audit records and the receipts (through the payment listeners).
 */
export async function insertCheckedPayments(tx: Transaction, actor: Actor, checked: readonly CheckedPayment[]): Promise<PaymentWithAllocations[]> {
  const paymentRows: PaymentRow[] = [];
  const allocationRows: AllocationRow[] = [];
  const postings: Posting[] = [];
  const events: Parameters<typeof emitEvents>[2][number][] = [];
  const recorded: PaymentWithAllocations[] = [];
  const createdAt = new Date();
  const baseCurrency = await baseCurrencyOf(tx, actor.tenantId);
  const rates = new Map<string, string | null>();
  // Several payments of a batch may settle one invoice: each clears it on from where the previous one left it.
  const clearedSoFar = new Map<string, bigint>();
  const receipts = new Map<string, { entryDate: string; currency: string; payments: number; bankMinor: bigint; bankBase: (bigint | undefined)[]; lines: PostingLine[] }>();
  for (const input of checked) {
    const allocatedMinor = input.allocations.reduce((s, a) => s + a.amountMinor, 0n);
    if (input.amountMinor <= 0n || allocatedMinor > input.amountMinor) throw new Error('insertCheckedPayments: allocations exceed the payment');
    const payment: PaymentRow = {
      id: newId(), tenantId: actor.tenantId, customerId: input.customerId, method: input.method, amountMinor: input.amountMinor, currency: input.currency,
      valueDate: input.valueDate, payerName: input.payerName, reference: input.reference, unappliedMinor: input.amountMinor - allocatedMinor, createdAt,
      status: 'received', reversedOn: null, reversalReason: null, usedUpOn: null, gateway: null, gatewayChargeId: null, exchangeRate: null,
    };
    if (input.currency !== baseCurrency) {
      const key = `${input.currency}:${input.valueDate}`;
      if (!rates.has(key)) {
        const firstInvoice = input.allocations[0]?.invoice;
        rates.set(key, await bookingRate(tx, actor.tenantId, input.currency, input.valueDate, null, { fallback: firstInvoice?.currency === input.currency ? firstInvoice.exchangeRate : null }));
      }
      payment.exchangeRate = rates.get(key) ?? null;
    }
    paymentRows.push(payment);
    events.push({ type: 'payment.received', entity: { type: 'payment', id: payment.id }, payload: { id: payment.id, customerId: payment.customerId, method: payment.method, amountMinor: payment.amountMinor, currency: payment.currency, valueDate: payment.valueDate, reference: payment.reference } });
    const own: AllocationRow[] = [];
    for (const a of input.allocations) {
      if (a.invoice.customerId !== payment.customerId || a.invoice.currency !== payment.currency || !a.invoice.issueDate) throw new Error('insertCheckedPayments: allocation not checked');
      let effective = payment.valueDate;
      if (compareDates(effective, a.invoice.issueDate) < 0) effective = a.invoice.issueDate;
      const allocation: AllocationRow = { id: newId(), tenantId: actor.tenantId, customerId: payment.customerId, invoiceId: a.invoice.id, paymentId: payment.id, creditNoteId: null, amountMinor: a.amountMinor, currency: payment.currency, appliedOn: effective, reversesAllocationId: null, createdAt };
      own.push(allocation);
      events.push({ type: 'payment.applied', entity: { type: 'payment', id: payment.id }, payload: { paymentId: payment.id, allocationId: allocation.id, invoiceId: a.invoice.id, invoiceNumber: a.invoice.number, customerId: payment.customerId, amountMinor: a.amountMinor, currency: payment.currency, appliedOn: effective, invoiceOpenMinor: a.openAfterMinor } });
    }
    // Received and applied in the same step: one entry. Allocations effective on the value date settle receivable
    // straight from the bank line (Dr bank / Cr AR per invoice, Cr unapplied cash for what is left); an allocation that
    // takes effect later (an invoice issued after the money came) goes through unapplied cash on its own date.
    // Base amounts of foreign-currency money (undefined in base currency): each receivable cleared at its invoice's
    // rate, in the order the allocations are made; the payment's cash at its own rate; the rest an exchange difference.
    const receivableBase = new Map<string, bigint | undefined>();
    input.allocations.forEach((a, i) => {
      const allocation = own[i];
      if (!allocation) return;
      const clearedBefore = clearedSoFar.get(a.invoice.id) ?? a.invoice.totalMinor - (a.openAfterMinor + a.amountMinor);
      clearedSoFar.set(a.invoice.id, clearedBefore + a.amountMinor);
      receivableBase.set(allocation.id, receivableBaseDelta({ ...a.invoice, openMinor: a.invoice.totalMinor - clearedBefore }, a.amountMinor, baseCurrency));
    });
    const sameDay = own.filter((a) => a.appliedOn === payment.valueDate);
    const later = own.filter((a) => a.appliedOn !== payment.valueDate);
    const sameDayMinor = sameDay.reduce((s, a) => s + a.amountMinor, 0n);
    const bankBase = unappliedBaseDelta(payment, 0n, payment.amountMinor, baseCurrency);
    const sameDayCashBase = unappliedBaseDelta(payment, 0n, sameDayMinor, baseCurrency);
    const unappliedBase = bankBase === undefined || sameDayCashBase === undefined ? undefined : bankBase - sameDayCashBase;
    const sameDayReceivableBase = sameDay.map((a) => receivableBase.get(a.id));
    // The batch's receipts of one value date and currency become one journal entry (posted after the loop): the bank
    // is debited once with their sum, each payment credits receivable per invoice and unapplied cash for the rest.
    const receiptKey = `${payment.valueDate}\u001f${payment.currency}`;
    let receipt = receipts.get(receiptKey);
    if (!receipt) receipts.set(receiptKey, (receipt = { entryDate: payment.valueDate, currency: payment.currency, payments: 0, bankMinor: 0n, bankBase: [], lines: [] }));
    receipt.payments++;
    receipt.bankMinor += payment.amountMinor;
    receipt.bankBase.push(bankBase);
    receipt.lines.push(
      ...sameDay.map((a, i) => ({ account: 'accounts_receivable' as const, currency: payment.currency, creditMinor: a.amountMinor, ...baseCredit(sameDayReceivableBase[i]), customerId: payment.customerId })),
      { account: 'unapplied_cash', currency: payment.currency, creditMinor: payment.amountMinor - sameDayMinor, ...baseCredit(unappliedBase), customerId: payment.customerId },
      ...exchangeDifference(payment.currency, sameDayCashBase, sumBase(sameDayReceivableBase)),
    );
    let consumedMinor = sameDayMinor;
    for (const a of later) {
      const cashBase = unappliedBaseDelta(payment, consumedMinor, a.amountMinor, baseCurrency);
      consumedMinor += a.amountMinor;
      const arBase = receivableBase.get(a.id);
      postings.push({
        entryDate: a.appliedOn, description: 'Payment applied to invoice', sourceType: 'allocation', sourceId: a.id, postingKey: `allocation:${a.id}`,
        lines: [
          { account: 'unapplied_cash', currency: payment.currency, debitMinor: a.amountMinor, ...baseDebit(cashBase), customerId: payment.customerId },
          { account: 'accounts_receivable', currency: payment.currency, creditMinor: a.amountMinor, ...baseCredit(arBase), customerId: payment.customerId },
          ...exchangeDifference(payment.currency, cashBase, arBase),
        ],
      });
    }
    // Used up at once when fully applied: on the latest of its allocations' dates (never before the value date).
    if (payment.unappliedMinor === 0n) payment.usedUpOn = own.reduce((latest, a) => (compareDates(a.appliedOn, latest) > 0 ? a.appliedOn : latest), payment.valueDate);
    allocationRows.push(...own);
    recorded.push({ ...payment, allocations: own });
  }
  // One entry per value date and currency for the batch's receipts, as a bank deposit is booked: the bank line is the
  // day's total on the statement, the receivable and unapplied-cash lines keep their customer. Each payment still
  // has its own rows (payment, allocations) and its own entries for allocations dated later, reversals and refunds.
  for (const receipt of receipts.values()) {
    const id = newId();
    postings.push({
      entryDate: receipt.entryDate, description: `Payments received: ${receipt.payments} in ${receipt.currency} on ${receipt.entryDate}`,
      sourceType: 'payment_receipts', sourceId: id, postingKey: `payment.receipts:${id}`,
      lines: [{ account: 'bank', currency: receipt.currency, debitMinor: receipt.bankMinor, ...baseDebit(...receipt.bankBase) }, ...receipt.lines],
    });
  }
  await insertRows(tx, payments, paymentRows);
  await insertRows(tx, allocations, allocationRows);
  await postJournalEntries(tx, actor.tenantId, postings);
  await emitEvents(tx, actor.tenantId, events);
  await recordAudits(tx, actor, recorded.map((p) => ({ action: 'payment.recorded', entity: { type: 'payment', id: p.id }, before: null, after: p })));
  for (const listener of paymentRecordedListeners) await listener(tx, recorded);
  return recorded;
}

export const reversalReasons = ['bounced_cheque', 'chargeback', 'returned_direct_debit', 'entered_in_error'] as const;
export type ReversalReason = (typeof reversalReasons)[number];

/**
 * Reverses a payment whose money did not stay (a bounced cheque, a card chargeback, a returned direct debit, or one
 * recorded by mistake), in the caller's transaction. Nothing posted is edited: every allocation gets a negative twin
 * dated `date` (so the open balance on any earlier date is unchanged and on later dates the invoice is open again),
 * the invoices' balances go back up, and one journal entry undoes the money: Dr accounts receivable (what had been
 * applied) and Dr unapplied cash (what was still unapplied) / Cr bank. A payment part of which was already refunded
 * cannot be reversed whole: that is refused, as is reversing twice or before the payment was received.
 */
export async function reversePaymentInTransaction(
  tx: Transaction,
  actor: Actor,
  paymentId: string,
  input: { date: string; reason: ReversalReason; note?: string | undefined },
): Promise<PaymentWithAllocations> {
  const payment = await findPayment(tx, actor.tenantId, paymentId, { forUpdate: true });
  if (!payment) throw new DomainFailure({ code: 'not_found', message: `no payment ${paymentId}` });
  if (payment.status === 'reversed') throw new DomainFailure({ code: 'invalid_state', message: `payment was already reversed on ${payment.reversedOn}` });
  if (compareDates(input.date, payment.valueDate) < 0) {
    throw new DomainFailure({ code: 'validation_failed', message: 'a payment cannot be reversed before it was received', fieldErrors: [{ pointer: '/date', detail: `on or after ${payment.valueDate}` }] });
  }
  const [refunded] = await queryRows<{ total: unknown }>(tx, sql`select coalesce(sum(amount_minor), 0) as total from ${refunds} where tenant_id = ${actor.tenantId} and payment_id = ${paymentId}`);
  if (toBigInt(refunded?.total) > 0n) {
    throw new DomainFailure({ code: 'invalid_state', message: 'part of this payment was already refunded to the customer; a reversal would take that money back twice' });
  }
  const existing = await loadAllocations(tx, actor.tenantId, paymentId);
  const reversedIds = new Set(existing.filter((a) => a.reversesAllocationId).map((a) => a.reversesAllocationId));
  const active = existing.filter((a) => a.amountMinor > 0n && !reversedIds.has(a.id));
  const latest = active.reduce((d, a) => (compareDates(a.appliedOn, d) > 0 ? a.appliedOn : d), payment.valueDate);
  if (compareDates(input.date, latest) < 0) {
    throw new DomainFailure({ code: 'validation_failed', message: `the payment settled invoices up to ${latest}; reverse it on or after that date`, fieldErrors: [{ pointer: '/date', detail: `on or after ${latest}` }] });
  }
  const locked = await lockInvoices(tx, actor.tenantId, [...new Set(active.map((a) => a.invoiceId))]);
  const baseCurrency = await baseCurrencyOf(tx, actor.tenantId);
  let reopenedMinor = 0n;
  let reopenedBase: bigint | undefined;
  for (const a of active) {
    const invoice = locked.get(a.invoiceId);
    if (!invoice) throw new Error(`allocation ${a.id} names an invoice that is gone`);
    const delta = receivableBaseDelta(invoice, -a.amountMinor, baseCurrency);
    if (delta !== undefined) reopenedBase = (reopenedBase ?? 0n) - delta;
    await tx.insert(allocations).values({
      id: newId(), tenantId: actor.tenantId, customerId: a.customerId, invoiceId: a.invoiceId, paymentId, amountMinor: -a.amountMinor,
      currency: a.currency, appliedOn: input.date, reversesAllocationId: a.id,
    });
    locked.set(invoice.id, await increaseOpenBalance(tx, invoice, a.amountMinor, `payment ${input.reason.replaceAll('_', ' ')}`));
    reopenedMinor += a.amountMinor;
  }
  const consumedMinor = payment.amountMinor - payment.unappliedMinor;
  const bankBase = unappliedBaseDelta(payment, 0n, payment.amountMinor, baseCurrency);
  const unappliedRemainingBase = unappliedBaseDelta(payment, consumedMinor, payment.unappliedMinor, baseCurrency);
  await postJournalEntry(tx, actor.tenantId, {
    entryDate: input.date,
    description: `Payment reversed (${input.reason.replaceAll('_', ' ')})${payment.reference ? `: ${payment.reference}` : ''}`,
    sourceType: 'payment_reversal',
    sourceId: paymentId,
    postingKey: `payment.reversed:${paymentId}`,
    lines: [
      { account: 'accounts_receivable', currency: payment.currency, debitMinor: reopenedMinor, ...baseDebit(reopenedBase), customerId: payment.customerId },
      { account: 'unapplied_cash', currency: payment.currency, debitMinor: payment.unappliedMinor, ...baseDebit(unappliedRemainingBase), customerId: payment.customerId },
      { account: 'bank', currency: payment.currency, creditMinor: payment.amountMinor, ...baseCredit(bankBase) },
      // The exchange differences its allocations realised are undone with them.
      ...exchangeDifference(payment.currency, sumBase([reopenedBase, unappliedRemainingBase]), bankBase),
    ],
  });
  const [after] = await tx
    .update(payments)
    .set({ status: 'reversed', reversedOn: input.date, reversalReason: input.reason, unappliedMinor: 0n, usedUpOn: usedUpOnWhen(0n, payment, input.date) })
    .where(eq(payments.id, paymentId))
    .returning();
  if (!after) throw new Error('update returned nothing');
  await emitEvent(tx, actor.tenantId, 'payment.reversed', { type: 'payment', id: paymentId }, {
    id: paymentId, customerId: payment.customerId, amountMinor: payment.amountMinor, currency: payment.currency, reversedOn: input.date, reason: input.reason,
    reopenedInvoices: active.map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor })),
  });
  await recordAudit(tx, actor, 'payment.reversed', { type: 'payment', id: paymentId }, { status: payment.status, unappliedMinor: payment.unappliedMinor }, { status: 'reversed', reason: input.reason, note: input.note ?? null, date: input.date });
  return { ...after, allocations: await loadAllocations(tx, actor.tenantId, paymentId) };
}

export async function reversePayment(db: Database, actor: Actor, paymentId: string, input: { date: string; reason: ReversalReason; note?: string | undefined }): Promise<Result<PaymentWithAllocations>> {
  return inTransaction(db, (tx) => reversePaymentInTransaction(tx, actor, paymentId, input));
}

export type RefundRow = typeof refunds.$inferSelect;
export const refundMethods = ['bank_transfer', 'card', 'cheque', 'cash'] as const;

/** How a card payment's money goes back: the gateway's refund call (the payments module knows no gateway itself). */
export type GatewayRefund = (request: { gateway: string; chargeId: string; amountMinor: bigint; currency: string; idempotencyKey: string; reason: string }) => Promise<{ refundId: string | null }>;

/**
 * Pays money back to the customer out of a payment's unapplied cash (an overpayment, a credit the customer does not
 * want to keep): Dr unapplied cash / Cr bank on `date`. At most what is unapplied: money already settling invoices is
 * not refundable until it is freed (a credit note on the invoice, or a reversal). A card payment is refunded through
 * its gateway first (the gateway refuses → nothing is recorded); other methods record a refund the AR team pays out.
 */
export async function refundPayment(
  db: Database,
  actor: Actor,
  paymentId: string,
  input: { amountMinor: number; date: string; reason: string; method?: (typeof refundMethods)[number] | undefined },
  gatewayRefund?: GatewayRefund,
): Promise<Result<{ refund: RefundRow; payment: PaymentWithAllocations }>> {
  return inTransaction(db, async (tx) => {
    const payment = await findPayment(tx, actor.tenantId, paymentId, { forUpdate: true });
    if (!payment) throw new DomainFailure({ code: 'not_found', message: `no payment ${paymentId}` });
    if (payment.status !== 'received') throw new DomainFailure({ code: 'invalid_state', message: `payment is ${payment.status}; nothing to refund` });
    const amountMinor = BigInt(input.amountMinor);
    if (amountMinor > payment.unappliedMinor) {
      throw new DomainFailure({
        code: 'over_allocation',
        message: `the payment has ${payment.unappliedMinor} unapplied; only unapplied cash can be refunded (free applied money with a credit note first)`,
        fieldErrors: [{ pointer: '/amountMinor', detail: `at most ${payment.unappliedMinor}` }],
      });
    }
    if (compareDates(input.date, payment.valueDate) < 0) {
      throw new DomainFailure({ code: 'validation_failed', message: 'a refund cannot precede the payment', fieldErrors: [{ pointer: '/date', detail: `on or after ${payment.valueDate}` }] });
    }
    const id = newId();
    const throughGateway = payment.method === 'card' && payment.gateway !== null && payment.gatewayChargeId !== null;
    let gatewayRefundId: string | null = null;
    if (throughGateway) {
      if (!gatewayRefund) throw new DomainFailure({ code: 'invalid_state', message: 'this card payment can only be refunded through its payment gateway, which is not configured' });
      ({ refundId: gatewayRefundId } = await gatewayRefund({ gateway: payment.gateway as string, chargeId: payment.gatewayChargeId as string, amountMinor, currency: payment.currency, idempotencyKey: `refund:${id}`, reason: input.reason }));
    }
    const method = throughGateway ? 'card' : (input.method ?? (payment.method === 'direct_debit' ? 'bank_transfer' : payment.method === 'card' ? 'bank_transfer' : payment.method));
    const [refund] = await tx
      .insert(refunds)
      .values({ id, tenantId: actor.tenantId, customerId: payment.customerId, paymentId, amountMinor, currency: payment.currency, method, refundedOn: input.date, reason: input.reason, gateway: throughGateway ? payment.gateway : null, gatewayRefundId })
      .returning();
    if (!refund) throw new Error('insert returned nothing');
    // Paid back at the rate the cash was booked at: the credit leaves the books at what it was worth when it came in.
    const base = unappliedBaseDelta(payment, payment.amountMinor - payment.unappliedMinor, amountMinor, await baseCurrencyOf(tx, actor.tenantId));
    await postJournalEntry(tx, actor.tenantId, {
      entryDate: input.date,
      description: `Refund to customer: ${input.reason}`,
      sourceType: 'refund',
      sourceId: id,
      postingKey: `refund:${id}`,
      lines: [
        { account: 'unapplied_cash', currency: payment.currency, debitMinor: amountMinor, ...baseDebit(base), customerId: payment.customerId },
        { account: 'bank', currency: payment.currency, creditMinor: amountMinor, ...baseCredit(base) },
      ],
    });
    const [after] = await tx.update(payments).set({ unappliedMinor: payment.unappliedMinor - amountMinor, usedUpOn: usedUpOnWhen(payment.unappliedMinor - amountMinor, payment) }).where(eq(payments.id, paymentId)).returning();
    if (!after) throw new Error('update returned nothing');
    await emitEvent(tx, actor.tenantId, 'payment.refunded', { type: 'payment', id: paymentId }, { refundId: id, paymentId, customerId: payment.customerId, amountMinor, currency: payment.currency, refundedOn: input.date, method, reason: input.reason });
    await recordAudit(tx, actor, 'payment.refunded', { type: 'payment', id: paymentId }, { unappliedMinor: payment.unappliedMinor }, { unappliedMinor: after.unappliedMinor, refund });
    return { refund, payment: { ...after, allocations: await loadAllocations(tx, actor.tenantId, paymentId) } };
  });
}

export async function listRefunds(db: Database, actor: Actor, paymentId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(and(eq(refunds.tenantId, actor.tenantId), eq(refunds.paymentId, paymentId))).orderBy(asc(refunds.id));
}

/**
 * How much of a payment's cash moves in base currency when `amountMinor` more of it is used (applied or refunded)
 * after `consumedMinor`: cumulative conversion at the payment's own rate. Undefined for a base-currency payment.
 */
export function unappliedBaseDelta(payment: Pick<PaymentRow, 'currency' | 'exchangeRate'>, consumedMinor: bigint, amountMinor: bigint, baseCurrency: string): bigint | undefined {
  if (payment.currency === baseCurrency) return undefined;
  const rate = payment.exchangeRate ? parseExchangeRate(payment.exchangeRate) : undefined;
  if (!rate) throw new Error(`payment in ${payment.currency} has no exchange rate`);
  return settledBaseDelta(consumedMinor, consumedMinor + amountMinor, payment.currency, baseCurrency, rate);
}

function sumBase(parts: readonly (bigint | undefined)[]): bigint | undefined {
  return parts.every((p) => p === undefined) ? undefined : parts.reduce<bigint>((s, p) => s + (p ?? 0n), 0n);
}

/**
 * The realised exchange difference of an entry whose debits are worth `debitBase` and credits `creditBase` in base
 * currency (the same amount of foreign money booked at two rates): a gain is credited, a loss debited, with no amount
 * in the foreign currency itself. Nothing for base-currency money.
 */
function exchangeDifference(currency: string, debitBase: bigint | undefined, creditBase: bigint | undefined): PostingLine[] {
  if (debitBase === undefined || creditBase === undefined || debitBase === creditBase) return [];
  return debitBase > creditBase
    ? [{ account: 'fx_gain_loss', currency, baseCreditMinor: debitBase - creditBase }]
    : [{ account: 'fx_gain_loss', currency, baseDebitMinor: creditBase - debitBase }];
}

/**
 * payments.used_up_on as it goes with a new unapplied amount (or a reversal on `reversedOn`): once nothing is unapplied
 * or the payment is reversed, the latest of its value date, its allocations' and refunds' dates and the reversal (every
 * caller writes the allocation or refund first), so it carries no unapplied cash on that date or any later one; null
 * while any of it is unapplied. Reports as of a past date read only the payments not used up by then.
 */
function usedUpOnWhen(unappliedMinor: bigint, payment: { tenantId: string; id: string; valueDate: string }, reversedOn?: string): SQL {
  if (unappliedMinor !== 0n && reversedOn === undefined) return sql`null`;
  return sql`greatest(${payment.valueDate}::date, ${reversedOn ?? null}::date,
                      (select max(a.applied_on) from ${allocations} a where a.tenant_id = ${payment.tenantId} and a.payment_id = ${payment.id}),
                      (select max(r.refunded_on) from ${refunds} r where r.tenant_id = ${payment.tenantId} and r.payment_id = ${payment.id}))`;
}
