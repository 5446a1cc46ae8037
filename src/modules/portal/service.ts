import { createHash } from 'node:crypto';
import { and, asc, desc, eq, exists, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { invoicesWithPendingPortalCharges, paymentGateway, recordCardChargeForInvoices, recordPendingPortalCharge } from '../autopay/service.js';
import { openDispute, recordPromise, type DisputeRow, type PromiseRow } from '../collections/service.js';
import { customerContacts, customers } from '../customers/schema.js';
import { findCustomer, type CustomerRow } from '../customers/service.js';
import { invoicePdfFor, statementPdfFor } from '../documents/service.js';
import { ublForInvoice } from '../einvoice/service.js';
import { IdempotencyConflictError, tokenizeSandboxCard, type ChargeOutcome } from '../gateways/index.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { createPortalSignInLink, findTenant, normaliseEmail, portalSignInLinkLifetimeMs, portalSignInLinksSince, tenantToday, type TenantRow } from '../identity/service.js';
import { invoices } from '../invoicing/schema.js';
import { getInvoice, type InvoiceRow, type InvoiceWithLines } from '../invoicing/service.js';
import { emailOutbox } from '../notifications/schema.js';
import { salesOrders } from '../orders/schema.js';
import type { OrderRow } from '../orders/service.js';
import { payments } from '../payments/schema.js';
import type { PaymentWithAllocations } from '../payments/service.js';
import { customerReceivables } from '../reporting/service.js';
import { storedCards } from '../autopay/schema.js';

/**
 * The customer portal: a contact of a customer signs in with a one-time link sent to an email address the tenant has
 * on file for that customer, then sees that customer's documents and nothing else, and can pay, store a card, raise
 * a dispute or promise a payment. Every use case here takes the portal session and works inside its customer.
 */

/** Who is signed in to the portal: one customer of one tenant, through one of its email addresses. */
export interface PortalSession {
  readonly tenantId: string;
  readonly customerId: string;
  readonly contactEmail: string;
}

/**
 * The actor a portal session acts as in the modules it reuses (cards, disputes, promises, payments): the rights of
 * an AR manager, but only ever on the session's own customer, which every portal use case checks first.
 */
export function portalActor(session: PortalSession): Actor {
  return { tenantId: session.tenantId, role: 'ar_manager', label: `portal:${session.contactEmail}` };
}

// ---- sign-in links --------------------------------------------------------------------------------------------------

/** An address asking more often than this within the lifetime of a link gets no more emails (mail bombing). */
export const maxSignInLinksPerEmailPerWindow = 5;
/** One email address may be on file for several customers (an accountant); each gets its own link, this many at most. */
export const maxCustomersPerSignInRequest = 10;

/** Where the links in portal emails point: the server's public address. */
export function portalPublicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.CASHLOOP_PUBLIC_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '');
}

function signInEmail(language: string, values: { company: string; customer: string; link: string }): { subject: string; body: string } {
  const minutes = portalSignInLinkLifetimeMs / 60_000;
  if (language === 'de') {
    return {
      subject: `Ihr Anmeldelink für ${values.company}`,
      body:
        `Hallo,\n\nmit diesem Link sehen Sie die Rechnungen von ${values.customer} bei ${values.company} und können sie online bezahlen:\n\n` +
        `${values.link}\n\nDer Link gilt einmal und ${minutes} Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.\n`,
    };
  }
  return {
    subject: `Your sign-in link for ${values.company}`,
    body:
      `Hello,\n\nuse this link to see the invoices of ${values.customer} from ${values.company} and pay them online:\n\n` +
      `${values.link}\n\nThe link works once, for ${minutes} minutes. If you did not ask for it, ignore this email.\n`,
  };
}

/** Customers (not archived) of the tenant that have this email as their own or as one of their contacts'. */
async function customersWithEmail(db: Database, tenantId: string, email: string): Promise<CustomerRow[]> {
  const contactHasEmail = db
    .select({ one: sql`1` })
    .from(customerContacts)
    .where(and(eq(customerContacts.tenantId, tenantId), eq(customerContacts.customerId, customers.id), sql`lower(trim(${customerContacts.email})) = ${email}`));
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), isNull(customers.archivedAt), or(sql`lower(trim(${customers.email})) = ${email}`, exists(contactHasEmail))))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(maxCustomersPerSignInRequest);
}

/**
 * Sends a sign-in link to the address when the tenant has it on file for a customer, through the email outbox in one
 * transaction. Returns nothing either way: the caller answers the same whether the address is known or not.
 */
export async function requestPortalSignInLink(db: Database, input: { tenantId: string; email: string }, now: Date = new Date()): Promise<void> {
  const email = normaliseEmail(input.email);
  const tenant = await findTenant(db, input.tenantId);
  if (!tenant) return;
  const since = new Date(now.getTime() - portalSignInLinkLifetimeMs);
  if ((await portalSignInLinksSince(db, tenant.id, email, since)) >= maxSignInLinksPerEmailPerWindow) return;
  const matches = await customersWithEmail(db, tenant.id, email);
  if (matches.length === 0) return;
  const result = await inTransaction(db, async (tx) => {
    for (const customer of matches) {
      const link = await createPortalSignInLink(tx, { tenantId: tenant.id, customerId: customer.id, email }, now);
      const message = signInEmail(customer.language, {
        company: tenant.legalName ?? tenant.name,
        customer: customer.name,
        link: `${portalPublicUrl()}/portal/sign-in?token=${link.token}`,
      });
      const id = newId();
      await tx.insert(emailOutbox).values({
        id,
        tenantId: tenant.id,
        messageId: `<${id}@cashloop.invalid>`,
        dedupeKey: `portal.sign_in_link:${id}`,
        toAddress: email,
        subject: message.subject,
        body: message.body,
        attachments: [],
        status: 'pending',
        nextAttemptAt: now,
      });
      await recordAudit(tx, { tenantId: tenant.id, role: 'viewer', label: `portal:${email}` }, 'portal.sign_in_link_sent', { type: 'customer', id: customer.id }, null, {
        email,
        expiresAt: link.expiresAt,
      });
    }
  });
  if (!result.ok) throw new Error(result.error.message);
}

// ---- what the customer sees -----------------------------------------------------------------------------------------

export async function portalProfile(db: Database, session: PortalSession): Promise<Result<{ customer: CustomerRow; tenant: TenantRow }>> {
  const customer = await findCustomer(db, session.tenantId, session.customerId);
  const tenant = await findTenant(db, session.tenantId);
  if (!customer || !tenant) return fail('not_found', 'the customer of this session no longer exists');
  return ok({ customer, tenant });
}

/** Which documents a filter shows: open = something still to pay (or to use, for a credit note). */
export const portalInvoiceFilters = ['open', 'paid', 'all'] as const;
export type PortalInvoiceFilter = (typeof portalInvoiceFilters)[number];
const statusesOf: Record<PortalInvoiceFilter, readonly string[] | null> = {
  open: ['open', 'partially_paid'],
  paid: ['paid', 'applied'],
  all: null,
};
/** The customer sees issued invoices and credit notes; drafts, write-off documents and adjustments are internal. */
const visibleKinds = ['invoice', 'credit_note'];

function isVisible(session: PortalSession, invoice: InvoiceRow): boolean {
  return invoice.customerId === session.customerId && visibleKinds.includes(invoice.kind) && invoice.status !== 'draft';
}

/** The customer's invoices paid by a portal card charge that the gateway has not settled yet ("payment pending"). */
export async function portalInvoicesPaymentPending(db: Database, session: PortalSession): Promise<Set<string>> {
  return invoicesWithPendingPortalCharges(db, session.tenantId, session.customerId);
}

/** The customer's invoices and credit notes, newest first (cursor: the last id of the previous page). */
export async function listPortalInvoices(
  db: Database,
  session: PortalSession,
  query: { filter: PortalInvoiceFilter; beforeId?: string | undefined; limit: number },
): Promise<InvoiceRow[]> {
  const conditions = [
    eq(invoices.tenantId, session.tenantId),
    eq(invoices.customerId, session.customerId),
    inArray(invoices.kind, visibleKinds),
    ne(invoices.status, 'draft'),
  ];
  const statuses = statusesOf[query.filter];
  if (statuses) conditions.push(inArray(invoices.status, [...statuses]));
  if (query.beforeId) conditions.push(lt(invoices.id, query.beforeId));
  return db.select().from(invoices).where(and(...conditions)).orderBy(desc(invoices.id)).limit(query.limit + 1);
}

/**
 * One of the customer's documents. Another customer's id answers exactly like an id that does not exist, so ids
 * cannot be probed from the portal.
 */
export async function getPortalInvoice(db: Database, session: PortalSession, invoiceId: string): Promise<Result<InvoiceWithLines>> {
  const found = await getInvoice(db, portalActor(session), invoiceId);
  if (!found.ok || !isVisible(session, found.value)) return fail('not_found', `no invoice ${invoiceId}`);
  return found;
}

export async function portalInvoicePdf(db: Database, session: PortalSession, invoiceId: string): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  const found = await getPortalInvoice(db, session, invoiceId);
  if (!found.ok) return found;
  return invoicePdfFor(db, portalActor(session), invoiceId);
}

/** The e-invoice (UBL) of one of the customer's own documents; plain EN 16931, so missing Peppol ids never block it. */
export async function portalInvoiceUbl(db: Database, session: PortalSession, invoiceId: string): Promise<Result<{ fileName: string; xml: string }>> {
  const found = await getPortalInvoice(db, session, invoiceId);
  if (!found.ok) return found;
  return ublForInvoice(db, portalActor(session), invoiceId, { conformance: 'en16931' });
}

/** The customer's orders (not drafts, which are still being prepared), newest first. */
export async function listPortalOrders(db: Database, session: PortalSession, query: { beforeId?: string | undefined; limit: number }): Promise<OrderRow[]> {
  const conditions = [eq(salesOrders.tenantId, session.tenantId), eq(salesOrders.customerId, session.customerId), ne(salesOrders.status, 'draft')];
  if (query.beforeId) conditions.push(lt(salesOrders.id, query.beforeId));
  return db.select().from(salesOrders).where(and(...conditions)).orderBy(desc(salesOrders.id)).limit(query.limit + 1);
}

/** Open items on one statement; a customer with more is better served by the PDF statement for a period. */
export const maxStatementItems = 500;

export interface PortalStatement {
  asOf: string;
  currency: string;
  /** Open invoices less unused credit notes and unapplied cash, in the customer's currency. */
  balanceMinor: bigint;
  overdueMinor: bigint;
  unappliedCashMinor: bigint;
  openItems: InvoiceRow[];
  /** More open items exist than are listed. */
  truncated: boolean;
}

/** The customer's account today: what is owed, what is overdue, and the open items. */
export async function portalStatement(db: Database, session: PortalSession): Promise<Result<PortalStatement>> {
  const customer = await findCustomer(db, session.tenantId, session.customerId);
  if (!customer) return fail('not_found', 'the customer of this session no longer exists');
  const asOf = await tenantToday(db, session.tenantId);
  const receivables = await customerReceivables(db, session.tenantId, session.customerId, customer.currency, asOf);
  const [unapplied] = await queryRows<{ total: string }>(
    db,
    sql`select coalesce(sum(unapplied_minor), 0)::text as total from ${payments}
         where tenant_id = ${session.tenantId} and customer_id = ${session.customerId} and currency = ${customer.currency}`,
  );
  const items = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, session.tenantId),
        eq(invoices.customerId, session.customerId),
        inArray(invoices.kind, visibleKinds),
        inArray(invoices.status, ['open', 'partially_paid']),
        gt(invoices.openMinor, 0n),
      ),
    )
    .orderBy(asc(invoices.dueDate), asc(invoices.id))
    .limit(maxStatementItems + 1);
  return ok({
    asOf,
    currency: customer.currency,
    balanceMinor: receivables.balanceMinor,
    overdueMinor: receivables.overdueMinor,
    unappliedCashMinor: toBigInt(unapplied?.total),
    openItems: items.slice(0, maxStatementItems),
    truncated: items.length > maxStatementItems,
  });
}

export async function portalStatementPdf(db: Database, session: PortalSession, from: string, to: string): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  return statementPdfFor(db, portalActor(session), session.customerId, from, to);
}

// ---- what the customer does -----------------------------------------------------------------------------------------

/** Invoices one portal payment may settle: one charge, one payment, a readable receipt. */
export const maxInvoicesPerPortalPayment = 50;

export type PortalPaymentOutcome =
  | { readonly status: 'paid'; readonly payment: PaymentWithAllocations }
  /** The gateway accepted the charge but settles it later: kept as a pending charge, recorded by its settlement webhook. */
  | { readonly status: 'pending'; readonly chargeId: string; readonly amountMinor: bigint; readonly currency: string }
  | { readonly status: 'declined'; readonly declineCode: string; readonly message: string };

/** The customer's own open invoices, or a failure that says no more about other customers' invoices than "not found". */
async function payableInvoices(db: Database, session: PortalSession, invoiceIds: readonly string[]): Promise<InvoiceRow[]> {
  if (new Set(invoiceIds).size !== invoiceIds.length) {
    throw new DomainFailure({ code: 'validation_failed', message: 'an invoice appears twice', fieldErrors: [{ pointer: '/invoiceIds', detail: 'each invoice once' }] });
  }
  const rows = await db.select().from(invoices).where(and(eq(invoices.tenantId, session.tenantId), inArray(invoices.id, [...invoiceIds])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chosen: InvoiceRow[] = [];
  for (const id of invoiceIds) {
    const invoice = byId.get(id);
    if (!invoice || !isVisible(session, invoice)) throw new DomainFailure({ code: 'not_found', message: `no invoice ${id}` });
    if (invoice.kind !== 'invoice' || !['open', 'partially_paid'].includes(invoice.status) || invoice.openMinor <= 0n) {
      throw new DomainFailure({ code: 'invalid_state', message: `${invoice.kind === 'invoice' ? 'invoice' : 'credit note'} ${invoice.number} has nothing to pay (${invoice.status})` });
    }
    chosen.push(invoice);
  }
  const currencies = new Set(chosen.map((i) => i.currency));
  if (currencies.size > 1) {
    throw new DomainFailure({ code: 'validation_failed', message: `the invoices are in ${[...currencies].join(' and ')}: pay each currency separately`, fieldErrors: [{ pointer: '/invoiceIds', detail: 'one currency per payment' }] });
  }
  return chosen;
}

/**
 * Pays the customer's open invoices by card: one gateway charge for what is open on them, then, when the charge
 * succeeded, a 'card' payment allocated to them in one transaction, carrying the gateway's charge id (so a chargeback
 * webhook finds it, and a charge is never recorded twice). A decline records nothing.
 *
 * `requestKey` (the request's Idempotency-Key, already unique to the customer) becomes the gateway's idempotency key:
 * a retry after a crash between the charge and the recording gets the first charge back from the gateway instead of
 * charging again, and records it then.
 */
export async function payInvoicesByCard(
  db: Database,
  session: PortalSession,
  input: { invoiceIds: readonly string[]; sandboxCardNumber?: string | undefined; cardId?: string | undefined },
  requestKey: string | undefined,
): Promise<Result<PortalPaymentOutcome>> {
  try {
    const actor = portalActor(session);
    if ((input.sandboxCardNumber === undefined) === (input.cardId === undefined)) {
      return fail('validation_failed', 'send either cardId (a card on file) or, with the sandbox, sandboxCardNumber', [{ pointer: '/cardId', detail: 'cardId or sandboxCardNumber' }]);
    }
    const chosen = await payableInvoices(db, session, input.invoiceIds);
    const currency = chosen[0]?.currency;
    if (!currency) return fail('validation_failed', 'name at least one invoice', [{ pointer: '/invoiceIds', detail: 'at least one' }]);
    const amountMinor = chosen.reduce((s, i) => s + i.openMinor, 0n);

    const gateway = paymentGateway();
    let paymentMethodToken: string;
    let gatewayCustomerId: string | null = null;
    if (input.cardId !== undefined) {
      const [card] = await db
        .select()
        .from(storedCards)
        .where(and(eq(storedCards.tenantId, session.tenantId), eq(storedCards.customerId, session.customerId), eq(storedCards.id, input.cardId), eq(storedCards.status, 'active')));
      if (!card) return fail('not_found', `no card ${input.cardId} on file`);
      if (card.gateway !== gateway.name) return fail('invalid_state', `this card was stored with ${card.gateway}, but payments are now taken through ${gateway.name}: add the card again`);
      paymentMethodToken = card.token;
      gatewayCustomerId = card.gatewayCustomerId;
    } else {
      if (gateway.name !== 'sandbox') {
        return fail('validation_failed', `test card numbers are for the built-in sandbox; this installation charges cards through ${gateway.name}`, [{ pointer: '/sandboxCardNumber', detail: 'sandbox only' }]);
      }
      const tokenized = tokenizeSandboxCard(input.sandboxCardNumber ?? '');
      if (!tokenized.ok) return fail('validation_failed', tokenized.error.message, [{ pointer: '/sandboxCardNumber', detail: tokenized.error.message }]);
      paymentMethodToken = tokenized.value;
    }

    const idempotencyKey = requestKey
      ? `portal-payment:${createHash('sha256').update(`${session.tenantId}:${requestKey}`).digest('hex')}`
      : `portal-payment:${newId()}`;
    const numbers = chosen.map((i) => i.number ?? i.id).join(', ');
    let outcome: ChargeOutcome;
    try {
      outcome = await gateway.charge({
        amountMinor,
        currency,
        paymentMethodToken,
        gatewayCustomerId,
        idempotencyKey,
        description: `Invoice${chosen.length > 1 ? 's' : ''} ${numbers}`.slice(0, 500),
        metadata: { tenantId: session.tenantId, customerId: session.customerId, source: 'portal', invoiceCount: String(chosen.length) },
      });
    } catch (error) {
      if (error instanceof IdempotencyConflictError) return fail('conflict', 'this Idempotency-Key was used for another payment: use a new key');
      throw error;
    }

    if (outcome.status === 'declined') return ok({ status: 'declined', declineCode: outcome.declineCode, message: outcome.message });
    if (outcome.status === 'pending') {
      // Settled later by the gateway: nothing is owed less until it is. The charge is kept with the invoices chosen,
      // so the settlement webhook records the payment against them (and the portal shows them as payment pending).
      const pending = outcome;
      const requestedOn = await tenantToday(db, session.tenantId);
      const kept = await inTransaction(db, async (tx) => {
        await recordPendingPortalCharge(tx, actor, { customerId: session.customerId, gateway: gateway.name, chargeId: pending.chargeId, amountMinor, currency, requestedOn, invoiceIds: chosen.map((i) => i.id) });
        await recordAudit(tx, actor, 'portal.card_charge_pending', { type: 'customer', id: session.customerId }, null, {
          chargeId: pending.chargeId,
          gateway: gateway.name,
          amountMinor,
          currency,
          invoiceIds: chosen.map((i) => i.id),
        });
      });
      if (!kept.ok) throw new Error(`portal card charge ${pending.chargeId} (${gateway.name}) is pending but was not kept: ${kept.error.message}`);
      return ok({ status: 'pending', chargeId: pending.chargeId, amountMinor, currency });
    }

    const charge = outcome;
    const valueDate = await tenantToday(db, session.tenantId);
    // A retry whose first attempt recorded the charge but never answered gets the payment recorded then.
    const recorded = await inTransaction(db, (tx) =>
      recordCardChargeForInvoices(tx, actor, {
        customerId: session.customerId,
        gateway: gateway.name,
        chargeId: charge.chargeId,
        amountMinor: charge.amountMinor,
        currency: charge.currency,
        valueDate,
        invoiceIds: chosen.map((i) => i.id),
        source: 'portal',
      }),
    );
    if (!recorded.ok) {
      // The card was charged: a payment that cannot be recorded must not look like a refusal to the customer.
      throw new Error(`portal card charge ${charge.chargeId} (${gateway.name}) succeeded but was not recorded: ${recorded.error.message}`);
    }
    return ok({ status: 'paid', payment: recorded.value });
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.error };
    throw error;
  }
}

/** Raises a dispute on one of the customer's invoices; its dunning pauses until the tenant resolves it. */
export async function openPortalDispute(
  db: Database,
  session: PortalSession,
  input: { invoiceId: string; reason: DisputeRow['reason']; description: string; amountMinor?: number | undefined },
): Promise<Result<DisputeRow>> {
  const found = await getPortalInvoice(db, session, input.invoiceId);
  if (!found.ok) return found;
  const openedOn = await tenantToday(db, session.tenantId);
  return openDispute(db, portalActor(session), { ...input, openedOn });
}

/** Records the customer's promise to pay by a date, in the customer's currency. */
export async function recordPortalPromise(
  db: Database,
  session: PortalSession,
  input: { amountMinor: number; currency?: string | undefined; promisedOn: string; invoiceIds: string[] },
): Promise<Result<PromiseRow>> {
  const customer = await findCustomer(db, session.tenantId, session.customerId);
  if (!customer) return fail('not_found', 'the customer of this session no longer exists');
  for (const id of input.invoiceIds) {
    const found = await getPortalInvoice(db, session, id);
    if (!found.ok) return found;
  }
  const madeOn = await tenantToday(db, session.tenantId);
  return recordPromise(db, portalActor(session), session.customerId, {
    ...input,
    currency: input.currency ?? customer.currency,
    madeOn,
    note: `Promised through the customer portal by ${session.contactEmail}`,
  });
}
