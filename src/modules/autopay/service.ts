import { and, asc, desc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { compareDates } from '../../kernel/business-date.js';
import { isUuid, newId } from '../../kernel/ids.js';
import { DomainFailure, fail, ok, type FieldError, type Result } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import {
  GatewayConfigurationError,
  isRetryableDecline,
  nextAutopayAttempt,
  sandboxTestCards,
  tokenizeSandboxCard,
  WebhookSignatureError,
  gatewayConfigFromEnv,
  gatewayFromConfig,
  type ChargeOutcome,
  type ChargeRequest,
  type GatewayEvent,
  type PaymentGateway,
  type WebhookHeaders,
} from '../gateways/index.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { tenantToday } from '../identity/service.js';
import { findInvoice, lockInvoices } from '../invoicing/service.js';
import { paymentPlanInstalments, paymentPlans } from '../collections/schema.js';
import { allocations, payments, refunds } from '../payments/schema.js';
import { recordPaymentInTransaction, reversePaymentInTransaction, type GatewayRefund, type PaymentRow, type PaymentWithAllocations } from '../payments/service.js';
import { checkCardExpiry } from './card-expiry.js';
import { autopayAttempts, gatewayEvents, portalCardCharges, storedCards } from './schema.js';

export type StoredCardRow = typeof storedCards.$inferSelect;
export type AutopayAttemptRow = typeof autopayAttempts.$inferSelect;
export type PortalCardChargeRow = typeof portalCardCharges.$inferSelect;

// ---- the gateway of this process ----------------------------------------------------------------------------------

let processGateway: PaymentGateway | undefined;

/**
 * The payment gateway this process charges cards through, built on first use from the environment
 * (gatewayConfigFromEnv): Stripe when STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET are set, else the built-in sandbox,
 * which signs its webhooks with CASHLOOP_SANDBOX_WEBHOOK_SECRET or, when unset, a random secret of this process.
 *
 * The sandbox keeps its charges in the memory of this process and forgets them on restart. That is fine for demos and
 * tests, where the settle and dispute webhooks come from the same sandbox instance (which is also why a per-process
 * secret loses nothing); it moves no money. Production charges through Stripe.
 * @throws GatewayConfigurationError when Stripe is half configured.
 */
export function paymentGateway(): PaymentGateway {
  processGateway ??= gatewayFromConfig(gatewayConfigFromEnv());
  return processGateway;
}

/** Replaces the process's gateway (a sandbox the test holds, to settle and dispute its charges); undefined resets it. */
export function useGatewayForTests(gateway: PaymentGateway | undefined): void {
  processGateway = gateway;
}

/**
 * Gives back money of a card payment through the gateway that took it (the payments module's refund calls this).
 * A refusal by the gateway is an invalid_state failure, so nothing is recorded.
 */
export const refundCardCharge: GatewayRefund = async (request) => {
  const gateway = paymentGateway();
  if (request.gateway !== gateway.name) {
    throw new DomainFailure({ code: 'invalid_state', message: `the payment was taken through ${request.gateway}, but this installation charges cards through ${gateway.name}` });
  }
  const { chargeId, amountMinor, currency, idempotencyKey, reason } = request;
  const outcome = await gateway.refund({ chargeId, amountMinor, currency, idempotencyKey, reason });
  if (outcome.status === 'failed') throw new DomainFailure({ code: 'invalid_state', message: `the gateway refused the refund: ${outcome.message ?? 'no reason given'}` });
  return { refundId: outcome.refundId };
};

// ---- cards on file ------------------------------------------------------------------------------------------------

/** Cards on file per customer: a few are normal, more is a mistake or abuse. */
export const maxActiveCardsPerCustomer = 20;

export interface StoredCardInput {
  /** The gateway's token for the card (a Stripe PaymentMethod id, a sandbox test token). */
  token?: string | undefined;
  /** Sandbox only: a test card number, exchanged for its sandbox token and then forgotten. */
  sandboxCardNumber?: string | undefined;
  gatewayCustomerId?: string | null | undefined;
  brand?: string | null | undefined;
  last4?: string | null | undefined;
  expiryMonth?: number | null | undefined;
  expiryYear?: number | null | undefined;
  autopay?: boolean | undefined;
}

/**
 * A string that is a plausible card number (12 to 19 digits, spaces and dashes allowed, Luhn check digit right).
 * Sent where a gateway token belongs, it is refused and never stored: PCI DSS keeps card numbers out of our systems.
 */
function looksLikeCardNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function refuse(pointer: string, detail: string): never {
  throw new DomainFailure({ code: 'validation_failed', message: detail, fieldErrors: [{ pointer, detail }] });
}

/** The token and what may be shown of the card, from either a gateway token or (sandbox only) a test card number. */
function cardFromInput(gateway: PaymentGateway, input: StoredCardInput): { token: string; last4: string | null; brand: string | null } {
  const { token, sandboxCardNumber } = input;
  if ((token === undefined) === (sandboxCardNumber === undefined)) {
    refuse('/token', 'send either token (the gateway token for the card) or, with the sandbox, sandboxCardNumber');
  }
  if (sandboxCardNumber !== undefined) {
    if (gateway.name !== 'sandbox') {
      refuse('/sandboxCardNumber', `test card numbers are for the built-in sandbox; this installation charges cards through ${gateway.name}: send the gateway's token for the card`);
    }
    const tokenized = tokenizeSandboxCard(sandboxCardNumber);
    if (!tokenized.ok) refuse('/sandboxCardNumber', tokenized.error.message);
    const testCard = sandboxTestCards.find((c) => c.token === tokenized.value);
    const digits = testCard?.cardNumber.replace(/\D/g, '') ?? '';
    // Every sandbox test number is a Visa number (they start with 4).
    return { token: tokenized.value, last4: digits.slice(-4) || null, brand: input.brand ?? (digits.startsWith('4') ? 'visa' : null) };
  }
  const given = (token ?? '').trim();
  if (given === '') refuse('/token', 'the gateway token for the card');
  if (looksLikeCardNumber(given)) refuse('/token', 'this looks like a card number: Cashloop never takes card numbers; send the token the gateway gave for the card');
  return { token: given, last4: input.last4 ?? null, brand: input.brand ?? null };
}

/** Turns autopay off on the customer's other cards: only one card per customer is charged automatically. */
async function keepOnlyAutopayCard(tx: Transaction, tenantId: string, customerId: string, cardId: string): Promise<string[]> {
  const turnedOff = await tx
    .update(storedCards)
    .set({ autopay: false })
    .where(and(eq(storedCards.tenantId, tenantId), eq(storedCards.customerId, customerId), eq(storedCards.autopay, true), sql`${storedCards.id} <> ${cardId}`))
    .returning({ id: storedCards.id });
  return turnedOff.map((r) => r.id);
}

/** The customer, locked: card changes of one customer run one at a time, so "one autopay card" holds under races. */
async function lockCustomer(tx: Transaction, tenantId: string, customerId: string) {
  const customer = await findCustomer(tx, tenantId, customerId, { forUpdate: true });
  if (!customer) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
  return customer;
}

async function findCard(executor: Executor, tenantId: string, customerId: string, cardId: string, options: { forUpdate?: boolean } = {}) {
  const query = executor
    .select()
    .from(storedCards)
    .where(and(eq(storedCards.tenantId, tenantId), eq(storedCards.customerId, customerId), eq(storedCards.id, cardId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** What the audit trail keeps of a card: everything but the token (which is useless without our gateway keys anyway). */
function auditedCard(card: StoredCardRow) {
  const { token: _token, ...rest } = card;
  return rest;
}

/**
 * Stores a card the customer gave the gateway, known to us by the gateway's token; with autopay on, it becomes the
 * one card the daily run charges for the customer's due invoices. A card removed earlier comes back when added again.
 */
export async function addStoredCard(db: Database, actor: Actor, customerId: string, input: StoredCardInput, today: string): Promise<Result<StoredCardRow>> {
  return inTransaction(db, async (tx) => {
    await lockCustomer(tx, actor.tenantId, customerId);
    const gateway = paymentGateway();
    const card = cardFromInput(gateway, input);
    const faults: FieldError[] = checkCardExpiry(input, today);
    if (faults.length > 0) throw new DomainFailure({ code: 'validation_failed', message: 'invalid card expiry', fieldErrors: faults });

    const [{ active } = { active: 0 }] = await queryRows<{ active: number }>(
      tx,
      sql`select count(*)::int as active from ${storedCards} where tenant_id = ${actor.tenantId} and customer_id = ${customerId} and status = 'active'`,
    );
    if (active >= maxActiveCardsPerCustomer) {
      throw new DomainFailure({ code: 'conflict', message: `a customer may have at most ${maxActiveCardsPerCustomer} cards on file; remove one first` });
    }

    const values = {
      gatewayCustomerId: input.gatewayCustomerId ?? null,
      brand: card.brand,
      last4: card.last4,
      expiryMonth: input.expiryMonth ?? null,
      expiryYear: input.expiryYear ?? null,
      autopay: input.autopay ?? false,
      status: 'active',
    };
    const [existing] = await tx
      .select()
      .from(storedCards)
      .where(and(eq(storedCards.tenantId, actor.tenantId), eq(storedCards.gateway, gateway.name), eq(storedCards.token, card.token)))
      .for('update');
    let saved: StoredCardRow | undefined;
    let before: StoredCardRow | null = null;
    if (existing) {
      // One gateway token is one card: it belongs to one customer and is on file once.
      if (existing.customerId !== customerId) throw new DomainFailure({ code: 'conflict', message: 'this card is on file for another customer' });
      if (existing.status === 'active') throw new DomainFailure({ code: 'conflict', message: `this card is already on file as card ${existing.id}` });
      before = existing;
      [saved] = await tx.update(storedCards).set(values).where(eq(storedCards.id, existing.id)).returning();
    } else {
      [saved] = await tx.insert(storedCards).values({ id: newId(), tenantId: actor.tenantId, customerId, gateway: gateway.name, token: card.token, ...values }).returning();
    }
    if (!saved) throw new Error('write returned nothing');
    const autopayTurnedOffOn = saved.autopay ? await keepOnlyAutopayCard(tx, actor.tenantId, customerId, saved.id) : [];
    await recordAudit(tx, actor, before ? 'stored_card.restored' : 'stored_card.added', { type: 'stored_card', id: saved.id }, before && auditedCard(before), {
      ...auditedCard(saved),
      autopayTurnedOffOn,
    });
    return saved;
  });
}

export async function listStoredCards(db: Database, actor: Actor, customerId: string, options: { includeRemoved: boolean }): Promise<Result<StoredCardRow[]>> {
  if (!(await findCustomer(db, actor.tenantId, customerId))) return fail('not_found', `no customer ${customerId}`);
  const conditions = [eq(storedCards.tenantId, actor.tenantId), eq(storedCards.customerId, customerId)];
  if (!options.includeRemoved) conditions.push(eq(storedCards.status, 'active'));
  return ok(await db.select().from(storedCards).where(and(...conditions)).orderBy(asc(storedCards.createdAt), asc(storedCards.id)));
}

/** Turns autopay on (off for the customer's other cards) or off for one card. */
export async function setCardAutopay(db: Database, actor: Actor, customerId: string, cardId: string, autopay: boolean): Promise<Result<StoredCardRow>> {
  return inTransaction(db, async (tx) => {
    await lockCustomer(tx, actor.tenantId, customerId);
    const card = await findCard(tx, actor.tenantId, customerId, cardId, { forUpdate: true });
    if (!card) throw new DomainFailure({ code: 'not_found', message: `no card ${cardId} for this customer` });
    if (card.status !== 'active' && autopay) throw new DomainFailure({ code: 'invalid_state', message: 'the card was removed; add it again to use it for autopay' });
    if (card.autopay === autopay) return card;
    const [after] = await tx.update(storedCards).set({ autopay }).where(eq(storedCards.id, card.id)).returning();
    if (!after) throw new Error('update returned nothing');
    const autopayTurnedOffOn = autopay ? await keepOnlyAutopayCard(tx, actor.tenantId, customerId, card.id) : [];
    await recordAudit(tx, actor, 'stored_card.autopay_changed', { type: 'stored_card', id: card.id }, { autopay: card.autopay }, { autopay, autopayTurnedOffOn });
    return after;
  });
}

/** Takes a card off file (kept, as removed, for the attempts that name it); autopay stops charging it. */
export async function removeStoredCard(db: Database, actor: Actor, customerId: string, cardId: string): Promise<Result<StoredCardRow>> {
  return inTransaction(db, async (tx) => {
    await lockCustomer(tx, actor.tenantId, customerId);
    const card = await findCard(tx, actor.tenantId, customerId, cardId, { forUpdate: true });
    if (!card) throw new DomainFailure({ code: 'not_found', message: `no card ${cardId} for this customer` });
    if (card.status === 'removed') return card;
    const [after] = await tx.update(storedCards).set({ status: 'removed', autopay: false }).where(eq(storedCards.id, card.id)).returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'stored_card.removed', { type: 'stored_card', id: card.id }, auditedCard(card), auditedCard(after));
    return after;
  });
}

// ---- what autopay does next for one invoice -----------------------------------------------------------------------

export type AutopayAttemptFacts = Pick<AutopayAttemptRow, 'attemptNumber' | 'status' | 'cardId' | 'attemptedOn' | 'declineCode' | 'retryable'>;

export type AutopayStep =
  /** An attempt succeeded or is pending: the invoice is being paid by card; never charge it again automatically. */
  | { readonly kind: 'collected' }
  /** The last attempt was claimed but its gateway call never finished: repeat it with its own idempotency key. */
  | { readonly kind: 'resume'; readonly attemptNumber: number }
  | { readonly kind: 'attempt'; readonly attemptNumber: number }
  | { readonly kind: 'wait'; readonly retryOn: string }
  | { readonly kind: 'give_up'; readonly reason: string };

/**
 * The next step for one due invoice from its attempts so far and the customer's autopay card. The retry schedule
 * (gateways/autopay-retry.ts) runs per card: when the customer replaces a declined card, the new card gets its own
 * first attempt, while the attempt numbers keep counting per invoice.
 */
export function nextAutopayStep(attempts: readonly AutopayAttemptFacts[], cardId: string, asOf: string): AutopayStep {
  const ordered = [...attempts].sort((a, b) => a.attemptNumber - b.attemptNumber);
  if (ordered.some((a) => a.status === 'succeeded' || a.status === 'pending')) return { kind: 'collected' };
  const last = ordered.at(-1);
  if (last?.status === 'started') return { kind: 'resume', attemptNumber: last.attemptNumber };
  const withCard = ordered.filter((a) => a.cardId === cardId);
  const firstOn = withCard.reduce((earliest, a) => (compareDates(a.attemptedOn, earliest) < 0 ? a.attemptedOn : earliest), withCard[0]?.attemptedOn ?? asOf);
  const decision = nextAutopayAttempt(
    withCard.map((a) => ({ attemptedOn: a.attemptedOn, declineCode: a.declineCode, retryable: a.retryable ?? false })),
    firstOn,
  );
  if ('giveUp' in decision) return { kind: 'give_up', reason: decision.reason };
  if (compareDates(decision.retryOn, asOf) > 0) return { kind: 'wait', retryOn: decision.retryOn };
  return { kind: 'attempt', attemptNumber: (last?.attemptNumber ?? 0) + 1 };
}

// ---- charging -----------------------------------------------------------------------------------------------------

/**
 * The gateway request of an attempt. Built only from what the attempt row fixes, so repeating it after a crash sends
 * exactly the same request under the same idempotency key, and the gateway answers with the first outcome.
 */
export function autopayChargeRequest(
  attempt: Pick<AutopayAttemptRow, 'id' | 'tenantId' | 'invoiceId' | 'attemptNumber' | 'amountMinor' | 'currency' | 'idempotencyKey'>,
  card: Pick<StoredCardRow, 'token' | 'gatewayCustomerId'>,
  invoiceNumber: string | null,
): ChargeRequest {
  return {
    amountMinor: attempt.amountMinor,
    currency: attempt.currency,
    paymentMethodToken: card.token,
    gatewayCustomerId: card.gatewayCustomerId,
    idempotencyKey: attempt.idempotencyKey,
    description: `Invoice ${invoiceNumber ?? attempt.invoiceId} (autopay attempt ${attempt.attemptNumber})`,
    metadata: { tenantId: attempt.tenantId, invoiceId: attempt.invoiceId, attemptId: attempt.id },
  };
}

function safeMinor(amountMinor: bigint): number {
  const n = Number(amountMinor);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${amountMinor} exceeds the safe integer range`);
  return n;
}

/**
 * Records a collected card charge as a 'card' payment, allocated to the invoice up to what is open on it now (the
 * rest stays unapplied cash of the customer), with the gateway's charge id on the payment: a charge is recorded once
 * (payments_gateway_charge_key), whichever of the daily run and the webhook gets there first.
 */
async function recordCardPayment(
  tx: Transaction,
  actor: Actor,
  attempt: AutopayAttemptRow,
  charge: { chargeId: string; amountMinor: bigint; valueDate: string },
): Promise<PaymentRow> {
  const [already] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, attempt.tenantId), eq(payments.gateway, attempt.gateway), eq(payments.gatewayChargeId, charge.chargeId)));
  if (already) return already;
  // An invoice's own charge settles that invoice; a plan instalment settles the plan's invoices, oldest first.
  let invoiceIds = [attempt.invoiceId];
  if (attempt.paymentPlanId) {
    const [plan] = await tx.select({ invoiceIds: paymentPlans.invoiceIds }).from(paymentPlans).where(and(eq(paymentPlans.tenantId, attempt.tenantId), eq(paymentPlans.id, attempt.paymentPlanId)));
    invoiceIds = (plan?.invoiceIds as string[] | undefined) ?? invoiceIds;
  }
  const locked = await lockInvoices(tx, attempt.tenantId, invoiceIds);
  const allocations: Array<{ invoiceId: string; amountMinor: number }> = [];
  let left = charge.amountMinor;
  const settleable = [...locked.values()]
    .filter((invoice) => invoice.kind === 'invoice' && ['open', 'partially_paid'].includes(invoice.status) && invoice.currency === attempt.currency && invoice.customerId === attempt.customerId)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || (a.number ?? '').localeCompare(b.number ?? ''));
  for (const invoice of settleable) {
    if (left <= 0n) break;
    const take = invoice.openMinor < left ? invoice.openMinor : left;
    if (take > 0n) allocations.push({ invoiceId: invoice.id, amountMinor: safeMinor(take) });
    left -= take;
  }
  const payment = await recordPaymentInTransaction(tx, actor, {
    customerId: attempt.customerId,
    method: 'card',
    amountMinor: safeMinor(charge.amountMinor),
    currency: attempt.currency,
    valueDate: charge.valueDate,
    payerName: null,
    reference: `Card payment ${charge.chargeId}`,
    allocations,
  });
  const [linked] = await tx
    .update(payments)
    .set({ gateway: attempt.gateway, gatewayChargeId: charge.chargeId })
    .where(and(eq(payments.tenantId, attempt.tenantId), eq(payments.id, payment.id)))
    .returning();
  if (!linked) throw new Error('update returned nothing');
  await recordAudit(tx, actor, 'payment.card_charge_linked', { type: 'payment', id: payment.id }, null, { gateway: attempt.gateway, gatewayChargeId: charge.chargeId, autopayAttemptId: attempt.id });
  return linked;
}

/**
 * Records a settled card charge the customer made for invoices they chose (the portal) as a 'card' payment: the money
 * goes to those invoices in the order given, up to what is open on each now (one paid another way meanwhile leaves the
 * rest as the customer's unapplied cash rather than failing a charge that went through), and the payment carries the
 * gateway's charge id, so a charge is recorded once (payments_gateway_charge_key). The payment already recorded for
 * the charge is returned as it is.
 */
export async function recordCardChargeForInvoices(
  tx: Transaction,
  actor: Actor,
  charge: { customerId: string; gateway: string; chargeId: string; amountMinor: bigint; currency: string; valueDate: string; invoiceIds: readonly string[]; source: string },
): Promise<PaymentWithAllocations> {
  const [already] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.tenantId, actor.tenantId), eq(payments.gateway, charge.gateway), eq(payments.gatewayChargeId, charge.chargeId)));
  if (already) {
    const [row] = await tx.select().from(payments).where(eq(payments.id, already.id));
    const rows = await tx.select().from(allocations).where(and(eq(allocations.tenantId, actor.tenantId), eq(allocations.paymentId, already.id)));
    if (!row) throw new Error('payment vanished');
    return { ...row, allocations: rows };
  }
  const locked = await lockInvoices(tx, actor.tenantId, [...charge.invoiceIds]);
  let remaining = charge.amountMinor;
  const shares: { invoiceId: string; amountMinor: number }[] = [];
  for (const id of charge.invoiceIds) {
    const invoice = locked.get(id);
    if (!invoice || invoice.kind !== 'invoice' || invoice.customerId !== charge.customerId || !['open', 'partially_paid'].includes(invoice.status) || invoice.currency !== charge.currency) continue;
    if (remaining <= 0n) break;
    const share = invoice.openMinor < remaining ? invoice.openMinor : remaining;
    if (share <= 0n) continue;
    shares.push({ invoiceId: id, amountMinor: safeMinor(share) });
    remaining -= share;
  }
  const payment = await recordPaymentInTransaction(tx, actor, {
    customerId: charge.customerId,
    method: 'card',
    amountMinor: safeMinor(charge.amountMinor),
    currency: charge.currency,
    valueDate: charge.valueDate,
    payerName: null,
    reference: `Card payment ${charge.chargeId}`,
    allocations: shares,
  });
  const [linked] = await tx
    .update(payments)
    .set({ gateway: charge.gateway, gatewayChargeId: charge.chargeId })
    .where(and(eq(payments.tenantId, actor.tenantId), eq(payments.id, payment.id)))
    .returning();
  if (!linked) throw new Error('update returned nothing');
  await recordAudit(tx, actor, 'payment.card_charge_linked', { type: 'payment', id: payment.id }, null, { gateway: charge.gateway, gatewayChargeId: charge.chargeId, source: charge.source });
  return { ...payment, ...linked, allocations: payment.allocations };
}

/** Keeps a portal card charge the gateway settles later, with the invoices it is for (once per charge). */
export async function recordPendingPortalCharge(
  executor: Executor,
  actor: Actor,
  charge: { customerId: string; gateway: string; chargeId: string; amountMinor: bigint; currency: string; requestedOn: string; invoiceIds: readonly string[] },
): Promise<void> {
  await executor
    .insert(portalCardCharges)
    .values({ id: newId(), tenantId: actor.tenantId, customerId: charge.customerId, gateway: charge.gateway, chargeId: charge.chargeId, amountMinor: charge.amountMinor, currency: charge.currency, invoiceIds: [...charge.invoiceIds], requestedOn: charge.requestedOn, status: 'pending', createdBy: actor.label })
    .onConflictDoNothing();
}

/** The customer's invoices named by a portal card charge still waiting for the gateway's settlement. */
export async function invoicesWithPendingPortalCharges(executor: Executor, tenantId: string, customerId: string): Promise<Set<string>> {
  const rows = await executor
    .select({ invoiceIds: portalCardCharges.invoiceIds })
    .from(portalCardCharges)
    .where(and(eq(portalCardCharges.tenantId, tenantId), eq(portalCardCharges.customerId, customerId), eq(portalCardCharges.status, 'pending')));
  return new Set(rows.flatMap((r) => r.invoiceIds as string[]));
}

async function lockAttempt(tx: Transaction, tenantId: string, attemptId: string): Promise<AutopayAttemptRow | undefined> {
  const [row] = await tx
    .select()
    .from(autopayAttempts)
    .where(and(eq(autopayAttempts.tenantId, tenantId), eq(autopayAttempts.id, attemptId)))
    .for('update');
  return row;
}

type FinishResult = 'charged' | 'pending' | 'declined' | 'already_finished';

/**
 * Writes the gateway's answer onto a locked attempt that is still open ('started', or 'pending' for a webhook's final
 * word): a success records the payment in this same transaction.
 */
async function applyOutcome(tx: Transaction, actor: Actor, attempt: AutopayAttemptRow, outcome: ChargeOutcome, valueDate: string): Promise<FinishResult> {
  const finishedAt = new Date();
  const where = eq(autopayAttempts.id, attempt.id);
  switch (outcome.status) {
    case 'succeeded': {
      const payment = await recordCardPayment(tx, actor, attempt, { chargeId: outcome.chargeId, amountMinor: outcome.amountMinor, valueDate });
      await tx.update(autopayAttempts).set({ status: 'succeeded', chargeId: outcome.chargeId, paymentId: payment.id, message: null, finishedAt }).where(where);
      return 'charged';
    }
    case 'pending':
      await tx.update(autopayAttempts).set({ status: 'pending', chargeId: outcome.chargeId, message: null }).where(where);
      return 'pending';
    case 'declined':
      await tx
        .update(autopayAttempts)
        .set({ status: 'declined', chargeId: outcome.chargeId, declineCode: outcome.declineCode, retryable: outcome.retryable, message: outcome.message, finishedAt })
        .where(where);
      return 'declined';
  }
}

const autopayActor = (tenantId: string): Actor => ({ tenantId, role: 'admin', label: 'system:autopay' });

/**
 * Calls the gateway for a claimed attempt and records the answer. A gateway call that throws leaves the attempt
 * 'started' with the error as its message: the next run repeats the same request under the same key. A gateway that
 * refuses our credentials stops the run, since every other charge would fail the same way.
 */
async function chargeAttempt(db: Database, gateway: PaymentGateway, attempt: AutopayAttemptRow, card: StoredCardRow, invoiceNumber: string | null): Promise<FinishResult | 'unfinished'> {
  let outcome: ChargeOutcome;
  try {
    outcome = await gateway.charge(autopayChargeRequest(attempt, card, invoiceNumber));
  } catch (error) {
    if (error instanceof GatewayConfigurationError) throw error;
    const message = `the gateway call did not finish (${error instanceof Error ? error.message : String(error)}); it is repeated with the same idempotency key on the next run`;
    await db
      .update(autopayAttempts)
      .set({ message: message.slice(0, 1000) })
      .where(and(eq(autopayAttempts.id, attempt.id), eq(autopayAttempts.status, 'started')));
    return 'unfinished';
  }
  const result = await inTransaction(db, async (tx) => {
    const locked = await lockAttempt(tx, attempt.tenantId, attempt.id);
    if (!locked || locked.status !== 'started') return 'already_finished' as const;
    // The card was charged on the day the attempt was made, whenever the answer is written down.
    return applyOutcome(tx, autopayActor(attempt.tenantId), locked, outcome, locked.attemptedOn);
  });
  if (!result.ok) throw new Error(`autopay attempt ${attempt.id}: ${result.error.message}`);
  return result.value;
}

export type AutopayRunOutcome = {
  /** Charges that succeeded and were recorded as payments. */
  charged: number;
  /** Charges accepted by the gateway that settle later (by webhook). */
  pending: number;
  declined: number;
  /** Due invoices on which autopay has stopped trying (a hard decline, or every retry declined). */
  gaveUp: number;
  /** Due invoices with nothing to do today: already collected, a retry not yet due, or claimed by another worker. */
  skipped: number;
  /** Gateway calls that failed without an answer; repeated with the same key on the next run. */
  unfinished: number;
};

/** Due invoices are read in pages of this many, in invoice id order. */
export const autopayCandidatesPerPage = 500;

function count(outcome: AutopayRunOutcome, result: FinishResult | 'unfinished'): void {
  if (result === 'charged') outcome.charged++;
  else if (result === 'pending') outcome.pending++;
  else if (result === 'declined') outcome.declined++;
  else if (result === 'unfinished') outcome.unfinished++;
  else outcome.skipped++;
}

async function loadCardById(executor: Executor, tenantId: string, cardId: string): Promise<StoredCardRow | undefined> {
  const [card] = await executor.select().from(storedCards).where(and(eq(storedCards.tenantId, tenantId), eq(storedCards.id, cardId)));
  return card;
}

/**
 * The daily run's autopay: charges every due invoice (kind invoice, open, due on or before asOf) of customers with an
 * autopay card, following the retry schedule after declines. Each attempt is claimed by inserting its row before the
 * gateway is called (unique per invoice and attempt number), so a replayed day or a second worker never charges twice;
 * an attempt left 'started' by a worker that died mid-call is first repeated with its own idempotency key.
 */
export async function collectAutopay(db: Database, tenantId: string, asOf: string, heartbeat: () => Promise<void> = async () => undefined): Promise<AutopayRunOutcome> {
  const outcome: AutopayRunOutcome = { charged: 0, pending: 0, declined: 0, gaveUp: 0, skipped: 0, unfinished: 0 };
  const anyStarted = await db
    .select({ id: autopayAttempts.id })
    .from(autopayAttempts)
    .where(and(eq(autopayAttempts.tenantId, tenantId), eq(autopayAttempts.status, 'started')))
    .limit(1);
  const anyAutopayCard = await db
    .select({ id: storedCards.id })
    .from(storedCards)
    .where(and(eq(storedCards.tenantId, tenantId), eq(storedCards.status, 'active'), eq(storedCards.autopay, true)))
    .limit(1);
  // A tenant without autopay never needs the gateway (nor its configuration).
  if (anyStarted.length === 0 && anyAutopayCard.length === 0) return outcome;
  const gateway = paymentGateway();

  // 1. Finish what a worker left half done, whatever became of the invoice since (a charge that went through is money
  //    received, even if the invoice was paid another way in the meantime: it then stays unapplied).
  const unfinished = await db
    .select()
    .from(autopayAttempts)
    .where(and(eq(autopayAttempts.tenantId, tenantId), eq(autopayAttempts.status, 'started'), eq(autopayAttempts.gateway, gateway.name), lte(autopayAttempts.attemptedOn, asOf)))
    .orderBy(asc(autopayAttempts.id));
  for (const attempt of unfinished) {
    const card = await loadCardById(db, tenantId, attempt.cardId);
    const invoice = await findInvoice(db, tenantId, attempt.invoiceId);
    if (!card) throw new Error(`autopay attempt ${attempt.id} names no card of its tenant`);
    count(outcome, await chargeAttempt(db, gateway, attempt, card, invoice?.number ?? null));
    await heartbeat();
  }

  // 2. Every due invoice of a customer with an autopay card.
  let afterInvoiceId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const candidates = await queryRows<{ invoice_id: string; card_id: string }>(
      db,
      sql`select distinct on (i.id) i.id::text as invoice_id, c.id::text as card_id
            from invoices i
            join ${storedCards} c on c.tenant_id = i.tenant_id and c.customer_id = i.customer_id and c.status = 'active' and c.autopay and c.gateway = ${gateway.name}
           where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status in ('open', 'partially_paid') and i.open_minor > 0
             and i.due_date <= ${asOf}::date and i.id > ${afterInvoiceId}::uuid
             and not exists (select 1 from ${paymentPlans} p where p.tenant_id = i.tenant_id and p.status = 'active' and p.invoice_ids ? (i.id::text))
           order by i.id, c.created_at desc
           limit ${autopayCandidatesPerPage}`,
    );
    for (const candidate of candidates) {
      await collectInvoice(db, gateway, tenantId, candidate.invoice_id, candidate.card_id, asOf, outcome);
      await heartbeat();
    }
    const last = candidates.at(-1);
    if (!last || candidates.length < autopayCandidatesPerPage) break;
    afterInvoiceId = last.invoice_id;
  }

  // 3. Instalments of payment plans agreed with autopay, on their due date, with the customer's autopay card.
  const instalments = await queryRows<{ plan_id: string; number: number; due: unknown; customer_id: string; currency: string; first_invoice: string; card_id: string | null }>(
    db,
    sql`select p.id::text as plan_id, n.number, (n.amount_minor + n.interest_minor - n.paid_minor)::text as due, p.customer_id::text as customer_id, p.currency,
               (p.invoice_ids ->> 0) as first_invoice,
               (select c.id::text from ${storedCards} c where c.tenant_id = p.tenant_id and c.customer_id = p.customer_id and c.status = 'active' and c.autopay and c.gateway = ${gateway.name} order by c.created_at desc limit 1) as card_id
          from ${paymentPlans} p join ${paymentPlanInstalments} n on n.plan_id = p.id
         where p.tenant_id = ${tenantId} and p.status = 'active' and p.autopay and n.status = 'open' and n.due_on <= ${asOf}::date
         order by p.id, n.number`,
  );
  for (const instalment of instalments) {
    await collectInstalment(db, gateway, tenantId, instalment, asOf, outcome);
    await heartbeat();
  }
  return outcome;
}

/** Charges one due plan instalment (what is still owed on it), claimed like an invoice's attempt. */
async function collectInstalment(
  db: Database,
  gateway: PaymentGateway,
  tenantId: string,
  instalment: { plan_id: string; number: number; due: unknown; customer_id: string; currency: string; first_invoice: string; card_id: string | null },
  asOf: string,
  outcome: AutopayRunOutcome,
): Promise<void> {
  const amountMinor = toBigInt(instalment.due);
  if (!instalment.card_id || amountMinor <= 0n) {
    outcome.skipped++;
    return;
  }
  const attempts = await db
    .select()
    .from(autopayAttempts)
    .where(and(eq(autopayAttempts.tenantId, tenantId), eq(autopayAttempts.paymentPlanId, instalment.plan_id), eq(autopayAttempts.instalmentNumber, instalment.number)))
    .orderBy(asc(autopayAttempts.attemptNumber));
  const step = nextAutopayStep(attempts, instalment.card_id, asOf);
  if (step.kind !== 'attempt') {
    if (step.kind === 'give_up') outcome.gaveUp++;
    else outcome.skipped++;
    return;
  }
  const card = await loadCardById(db, tenantId, instalment.card_id);
  if (!card) {
    outcome.skipped++;
    return;
  }
  const attemptId = newId();
  const [claimed] = await db
    .insert(autopayAttempts)
    .values({
      id: attemptId, tenantId, customerId: instalment.customer_id, invoiceId: instalment.first_invoice, cardId: card.id, attemptNumber: step.attemptNumber, attemptedOn: asOf,
      amountMinor, currency: instalment.currency, idempotencyKey: `autopay:${attemptId}`, status: 'started', gateway: gateway.name,
      paymentPlanId: instalment.plan_id, instalmentNumber: instalment.number,
    })
    .onConflictDoNothing()
    .returning();
  if (!claimed) {
    outcome.skipped++;
    return;
  }
  count(outcome, await chargeAttempt(db, gateway, claimed, card, `payment plan instalment ${instalment.number}`));
}

async function collectInvoice(db: Database, gateway: PaymentGateway, tenantId: string, invoiceId: string, cardId: string, asOf: string, outcome: AutopayRunOutcome): Promise<void> {
  const attempts = await db
    .select()
    .from(autopayAttempts)
    .where(and(eq(autopayAttempts.tenantId, tenantId), eq(autopayAttempts.invoiceId, invoiceId), isNull(autopayAttempts.paymentPlanId)))
    .orderBy(asc(autopayAttempts.attemptNumber));
  const step = nextAutopayStep(attempts, cardId, asOf);
  if (step.kind === 'give_up') {
    outcome.gaveUp++;
    return;
  }
  // 'resume' here means the repeat above did not finish (or the attempt is another gateway's): leave it for next time.
  if (step.kind !== 'attempt') {
    outcome.skipped++;
    return;
  }
  const [invoice, card] = await Promise.all([findInvoice(db, tenantId, invoiceId), loadCardById(db, tenantId, cardId)]);
  if (!invoice || !card || invoice.openMinor <= 0n || !['open', 'partially_paid'].includes(invoice.status)) {
    outcome.skipped++;
    return;
  }
  const attemptId = newId();
  const [claimed] = await db
    .insert(autopayAttempts)
    .values({
      id: attemptId,
      tenantId,
      customerId: invoice.customerId,
      invoiceId,
      cardId,
      attemptNumber: step.attemptNumber,
      attemptedOn: asOf,
      amountMinor: invoice.openMinor,
      currency: invoice.currency,
      idempotencyKey: `autopay:${attemptId}`,
      status: 'started',
      gateway: gateway.name,
    })
    .onConflictDoNothing()
    .returning();
  if (!claimed) {
    // Another worker claimed this attempt number first: it makes the charge.
    outcome.skipped++;
    return;
  }
  count(outcome, await chargeAttempt(db, gateway, claimed, card, invoice.number));
}

// ---- the attempts, for people -------------------------------------------------------------------------------------

export async function listAutopayAttempts(
  db: Database,
  actor: Actor,
  query: { customerId?: string | undefined; invoiceId?: string | undefined; beforeId?: string | undefined; limit: number },
): Promise<AutopayAttemptRow[]> {
  const conditions = [eq(autopayAttempts.tenantId, actor.tenantId)];
  if (query.customerId) conditions.push(eq(autopayAttempts.customerId, query.customerId));
  if (query.invoiceId) conditions.push(eq(autopayAttempts.invoiceId, query.invoiceId));
  // Ids are time-ordered (UUIDv7): descending id is newest first, and the cursor continues below the last one.
  if (query.beforeId) conditions.push(lt(autopayAttempts.id, query.beforeId));
  return db.select().from(autopayAttempts).where(and(...conditions)).orderBy(desc(autopayAttempts.id)).limit(query.limit + 1);
}

// ---- gateway webhooks ---------------------------------------------------------------------------------------------

export interface WebhookReceipt {
  /** The event was handled before (a redelivery): nothing changed. */
  readonly duplicate: boolean;
  /** What the event did, in a word (recorded_payment, declined_attempt, reversed_payment, ...). */
  readonly outcome: string;
}

type EventEffect = { result: string } & Record<string, unknown>;

/** The business date of an instant in the tenant's time zone, never before `notBefore`. */
async function tenantDateOf(executor: Executor, tenantId: string, instant: string, notBefore: string): Promise<string> {
  let at: Temporal.Instant;
  try {
    at = Temporal.Instant.from(instant);
  } catch {
    at = Temporal.Now.instant();
  }
  const date = await tenantToday(executor, tenantId, at);
  return compareDates(date, notBefore) < 0 ? notBefore : date;
}

async function applyEvent(
  tx: Transaction,
  gateway: PaymentGateway,
  event: GatewayEvent & { readonly chargeId: string },
  tenantId: string,
  attempt: AutopayAttemptRow | undefined, payment: PaymentRow | undefined, portalCharge: PortalCardChargeRow | undefined): Promise<EventEffect> {
  const actor: Actor = { tenantId, role: 'admin', label: `gateway:${gateway.name}` };
  switch (event.type) {
    case 'charge.succeeded': {
      if (payment) return { result: 'payment_already_recorded', paymentId: payment.id };
      if (portalCharge) return settlePortalCharge(tx, actor, portalCharge, event);
      if (!attempt) return { result: 'no_autopay_attempt' };
      if (attempt.status !== 'pending') return { result: `attempt_already_${attempt.status}`, attemptId: attempt.id };
      if (event.currency !== null && event.currency !== attempt.currency) {
        return { result: 'currency_mismatch', attemptId: attempt.id, expected: attempt.currency, got: event.currency };
      }
      const valueDate = await tenantDateOf(tx, tenantId, event.occurredAt, attempt.attemptedOn);
      const amountMinor = event.amountMinor ?? attempt.amountMinor;
      await applyOutcome(tx, actor, attempt, { status: 'succeeded', chargeId: event.chargeId, amountMinor, currency: attempt.currency }, valueDate);
      return { result: 'recorded_payment', attemptId: attempt.id };
    }
    case 'charge.failed': {
      if (portalCharge && !payment) return failPortalCharge(tx, actor, portalCharge, event.declineCode ?? 'card_declined');
      if (!attempt) return { result: payment ? 'payment_already_recorded' : 'no_autopay_attempt' };
      if (attempt.status !== 'pending') return { result: `attempt_already_${attempt.status}`, attemptId: attempt.id };
      const declineCode = event.declineCode ?? 'card_declined';
      await applyOutcome(
        tx,
        actor,
        attempt,
        { status: 'declined', chargeId: attempt.chargeId, declineCode, retryable: isRetryableDecline(declineCode), message: `The pending charge failed at the gateway (${declineCode}).` },
        attempt.attemptedOn,
      );
      return { result: 'declined_attempt', attemptId: attempt.id, declineCode };
    }
    case 'charge.disputed': {
      if (!payment) return { result: 'no_payment_to_reverse' };
      if (payment.status === 'reversed') return { result: 'payment_already_reversed', paymentId: payment.id };
      // Reversed on the tenant's today: the day we learn the money is gone (never before it was received).
      const today = await tenantToday(tx, tenantId);
      const date = compareDates(today, payment.valueDate) < 0 ? payment.valueDate : today;
      await reversePaymentInTransaction(tx, actor, payment.id, {
        date,
        reason: 'chargeback',
        note: `The cardholder's bank disputed charge ${event.chargeId} (${gateway.name} event ${event.id}).`,
      });
      return { result: 'reversed_payment', paymentId: payment.id, date };
    }
    case 'charge.refunded': {
      if (!payment) return { result: 'no_payment_refunded' };
      const [row] = await queryRows<{ refunded: string | null }>(
        tx,
        sql`select sum(amount_minor)::text as refunded from ${refunds} where tenant_id = ${tenantId} and payment_id = ${payment.id}`,
      );
      const recordedMinor = row?.refunded ? toBigInt(row.refunded) : 0n;
      const gatewayMinor = event.amountMinor ?? 0n;
      // Refunds are made from Cashloop, which records them; one made in the gateway's dashboard is not, and a person
      // decides how to book it. The event is kept so the difference can be found.
      if (recordedMinor >= gatewayMinor) return { result: 'refund_already_recorded', paymentId: payment.id };
      return {
        result: 'refund_not_recorded',
        paymentId: payment.id,
        gatewayRefundedMinor: gatewayMinor.toString(),
        recordedRefundedMinor: recordedMinor.toString(),
        note: 'refunded at the gateway but not through Cashloop: record the refund against the payment',
      };
    }
    case 'ignored':
      return { result: 'ignored' };
  }
}

/**
 * The gateway settled a portal card charge: the payment is recorded against the invoices the customer chose, dated the
 * day it settled in the tenant's time zone (never before the day it was made). Exactly once: the charge row changes
 * only from pending, and the payment is unique per charge.
 */
async function settlePortalCharge(tx: Transaction, actor: Actor, charge: PortalCardChargeRow, event: GatewayEvent & { readonly chargeId: string }): Promise<EventEffect> {
  if (charge.status !== 'pending') return { result: `portal_charge_already_${charge.status}`, portalChargeId: charge.id };
  if (event.currency !== null && event.currency !== charge.currency) return { result: 'currency_mismatch', portalChargeId: charge.id, expected: charge.currency, got: event.currency };
  const valueDate = await tenantDateOf(tx, charge.tenantId, event.occurredAt, charge.requestedOn);
  const payment = await recordCardChargeForInvoices(tx, actor, {
    customerId: charge.customerId,
    gateway: charge.gateway,
    chargeId: charge.chargeId,
    amountMinor: event.amountMinor ?? charge.amountMinor,
    currency: charge.currency,
    valueDate,
    invoiceIds: charge.invoiceIds as string[],
    source: 'portal',
  });
  await tx.update(portalCardCharges).set({ status: 'succeeded', paymentId: payment.id, finishedAt: new Date() }).where(eq(portalCardCharges.id, charge.id));
  return { result: 'recorded_payment', portalChargeId: charge.id, paymentId: payment.id };
}

/** The gateway could not collect a pending portal charge: nothing was paid; the invoices are simply open again. */
async function failPortalCharge(tx: Transaction, actor: Actor, charge: PortalCardChargeRow, declineCode: string): Promise<EventEffect> {
  if (charge.status !== 'pending') return { result: `portal_charge_already_${charge.status}`, portalChargeId: charge.id };
  await tx.update(portalCardCharges).set({ status: 'failed', declineCode, finishedAt: new Date() }).where(eq(portalCardCharges.id, charge.id));
  await recordAudit(tx, actor, 'portal.card_charge_failed', { type: 'customer', id: charge.customerId }, { status: 'pending' }, { status: 'failed', chargeId: charge.chargeId, declineCode });
  return { result: 'failed_portal_charge', portalChargeId: charge.id, declineCode };
}

/**
 * Handles a webhook from the payment gateway, authenticated by its signature alone. Each event id is handled once
 * (gateway_events, written in the same transaction as the effect). The tenant named in the event's metadata is
 * trusted only when one of its autopay attempts or payments carries the event's charge id.
 */
export async function receiveGatewayWebhook(db: Database, gatewayName: string, rawBody: string | Buffer, headers: WebhookHeaders): Promise<Result<WebhookReceipt>> {
  const gateway = paymentGateway();
  if (gatewayName !== gateway.name) return fail('not_found', `this installation takes card payments through ${gateway.name}, not ${gatewayName}`);
  let event: GatewayEvent;
  try {
    event = gateway.verifyWebhook(rawBody, headers);
  } catch (error) {
    if (error instanceof WebhookSignatureError) return fail('validation_failed', `webhook signature refused: ${error.message}`);
    // Signed by the gateway but not an event we can read.
    if (error instanceof TypeError) return fail('validation_failed', error.message);
    throw error;
  }
  if (event.type === 'ignored') return ok({ duplicate: false, outcome: 'ignored' });

  return inTransaction(db, async (tx) => {
    const claimedTenant = event.metadata.tenantId;
    let tenantId: string | null = null;
    let attempt: AutopayAttemptRow | undefined;
    let payment: PaymentRow | undefined;
    let portalCharge: PortalCardChargeRow | undefined;
    if (claimedTenant !== undefined && isUuid(claimedTenant) && event.chargeId !== null) {
      [attempt] = await tx
        .select()
        .from(autopayAttempts)
        .where(and(eq(autopayAttempts.tenantId, claimedTenant), eq(autopayAttempts.gateway, gateway.name), eq(autopayAttempts.chargeId, event.chargeId)))
        .for('update');
      [payment] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, claimedTenant), eq(payments.gateway, gateway.name), eq(payments.gatewayChargeId, event.chargeId)))
        .for('update');
      [portalCharge] = await tx
        .select()
        .from(portalCardCharges)
        .where(and(eq(portalCardCharges.tenantId, claimedTenant), eq(portalCardCharges.gateway, gateway.name), eq(portalCardCharges.chargeId, event.chargeId)))
        .for('update');
      if (attempt || payment || portalCharge) tenantId = claimedTenant;
      else if (event.metadata.source === 'portal' && event.metadata.customerId !== undefined && isUuid(event.metadata.customerId)) {
        // A portal charge the gateway settles before the portal has written it down (the settlement raced the answer
        // to the charge): ask for the event again later rather than drop the customer's payment.
        const customer = await findCustomer(tx, claimedTenant, event.metadata.customerId);
        if (customer && event.type === 'charge.succeeded') throw new DomainFailure({ code: 'conflict', message: 'the portal payment is still being recorded; deliver the event again later' });
      } else {
        // The charge of an attempt whose gateway call has not been written down yet: ask the gateway to deliver again
        // later rather than drop it (the run that made the call records the outcome first).
        const attemptId = event.metadata.attemptId;
        if (attemptId !== undefined && isUuid(attemptId)) {
          const [open] = await tx
            .select({ status: autopayAttempts.status })
            .from(autopayAttempts)
            .where(and(eq(autopayAttempts.tenantId, claimedTenant), eq(autopayAttempts.id, attemptId)));
          if (open?.status === 'started') throw new DomainFailure({ code: 'conflict', message: 'the charge is still being recorded; deliver the event again later' });
        }
      }
    }

    const [fresh] = await tx
      .insert(gatewayEvents)
      .values({ gateway: gateway.name, eventId: event.id, tenantId, type: event.type })
      .onConflictDoNothing()
      .returning({ eventId: gatewayEvents.eventId });
    if (!fresh) return { duplicate: true, outcome: 'duplicate' };

    const effect: EventEffect =
      tenantId === null || event.chargeId === null ? { result: 'unknown_charge' } : await applyEvent(tx, gateway, { ...event, chargeId: event.chargeId }, tenantId, attempt, payment, portalCharge);
    await tx
      .update(gatewayEvents)
      .set({ outcome: { ...effect, chargeId: event.chargeId } })
      .where(and(eq(gatewayEvents.gateway, gateway.name), eq(gatewayEvents.eventId, event.id)));
    return { duplicate: false, outcome: effect.result };
  });
}
