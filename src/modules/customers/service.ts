import { and, asc, eq, gt, ilike, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { creditLimitForNewCustomer } from '../credit/service.js';
import { emitEvent } from '../events/service.js';
import { findPaymentTerms } from '../terms/service.js';

async function checkTermsExist(tx: Executor, tenantId: string, termsId: string | null | undefined): Promise<void> {
  if (termsId && !(await findPaymentTerms(tx, tenantId, termsId))) {
    throw new DomainFailure({ code: 'validation_failed', message: 'unknown payment terms', fieldErrors: [{ pointer: '/paymentTermsId', detail: `no payment terms ${termsId}` }] });
  }
}
import { creditLimitChanges, customerContacts, customers } from './schema.js';

export type CustomerRow = typeof customers.$inferSelect;
export type ContactRow = typeof customerContacts.$inferSelect;

export interface ContactInput {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  role?: string | null | undefined;
}

export interface CustomerInput {
  name: string;
  email?: string | null | undefined;
  taxId?: string | null | undefined;
  addressLine?: string | null | undefined;
  city?: string | null | undefined;
  postalCode?: string | null | undefined;
  countryCode?: string | null | undefined;
  currency: string;
  paymentTermsDays: number;
  creditLimitMinor?: number | null | undefined;
  externalRef?: string | null | undefined;
  /** Peppol participant id for e-invoices; null clears it (then derived from the VAT id). */
  peppolEndpoint?: { scheme: string; id: string } | null | undefined;
  segment?: string | null | undefined;
  paymentTermsId?: string | null | undefined;
  invoiceDelivery?: 'email' | 'none' | undefined;
  attachUbl?: boolean | undefined;
  language?: 'en' | 'de' | undefined;
  riskClass?: RiskClass | undefined;
  blockedForOrders?: boolean | undefined;
  contacts?: ContactInput[] | undefined;
}

export const riskClasses = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof riskClasses)[number];

export type CustomerPatch = Partial<Omit<CustomerInput, 'contacts' | 'currency'>>;
export type CreditLimitChangeRow = typeof creditLimitChanges.$inferSelect;

async function recordCreditChange(
  tx: Executor,
  actor: Actor,
  before: Pick<CustomerRow, 'creditLimitMinor' | 'riskClass'> | null,
  after: CustomerRow,
  source: 'initial' | 'default_policy' | 'review' | 'update',
  note: string | null,
): Promise<void> {
  if (before && before.creditLimitMinor === after.creditLimitMinor && before.riskClass === after.riskClass && source !== 'review') return;
  if (before && before.creditLimitMinor !== after.creditLimitMinor) {
    await emitEvent(tx, actor.tenantId, 'customer.credit_limit_changed', { type: 'customer', id: after.id }, {
      customerId: after.id,
      previousLimitMinor: before.creditLimitMinor,
      newLimitMinor: after.creditLimitMinor,
      currency: after.currency,
      source,
      note,
    });
  }
  await tx.insert(creditLimitChanges).values({
    id: newId(),
    tenantId: actor.tenantId,
    customerId: after.id,
    previousLimitMinor: before?.creditLimitMinor ?? null,
    newLimitMinor: after.creditLimitMinor,
    previousRiskClass: before?.riskClass ?? null,
    newRiskClass: after.riskClass,
    source,
    note,
    actor: actor.label,
  });
}

export interface CustomerWithContacts extends CustomerRow {
  contacts: ContactRow[];
}

async function loadContacts(executor: Executor, tenantId: string, customerId: string): Promise<ContactRow[]> {
  return executor
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.tenantId, tenantId), eq(customerContacts.customerId, customerId)))
    .orderBy(asc(customerContacts.id));
}

/** A customer of this tenant, or undefined: another tenant's customer does not exist from here. */
export async function findCustomer(
  executor: Executor,
  tenantId: string,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerRow | undefined> {
  const query = executor
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function getCustomer(db: Database, actor: Actor, customerId: string): Promise<Result<CustomerWithContacts>> {
  const row = await findCustomer(db, actor.tenantId, customerId);
  if (!row) return fail('not_found', `no customer ${customerId}`);
  return ok({ ...row, contacts: await loadContacts(db, actor.tenantId, customerId) });
}

export async function createCustomer(db: Database, actor: Actor, input: CustomerInput): Promise<Result<CustomerWithContacts>> {
  return inTransaction(db, async (tx) => {
    await checkTermsExist(tx, actor.tenantId, input.paymentTermsId);
    const id = newId();
    // No limit given: the tenant's default for the customer's segment and currency applies (credit policy).
    const given = input.creditLimitMinor;
    const usesDefault = given === undefined;
    const creditLimitMinor =
      given === undefined
        ? await creditLimitForNewCustomer(tx, actor.tenantId, input.segment ?? null, input.currency)
        : given === null
          ? null
          : BigInt(given);
    const [row] = await tx
      .insert(customers)
      .values({
        id,
        tenantId: actor.tenantId,
        name: input.name,
        email: input.email ?? null,
        taxId: input.taxId ?? null,
        addressLine: input.addressLine ?? null,
        city: input.city ?? null,
        postalCode: input.postalCode ?? null,
        countryCode: input.countryCode ?? null,
        currency: input.currency,
        paymentTermsDays: input.paymentTermsDays,
        creditLimitMinor,
        externalRef: input.externalRef ?? null,
        peppolEndpointScheme: input.peppolEndpoint?.scheme ?? null,
        peppolEndpointId: input.peppolEndpoint?.id ?? null,
        segment: input.segment ?? null,
        paymentTermsId: input.paymentTermsId ?? null,
        invoiceDelivery: input.invoiceDelivery ?? 'email',
        attachUbl: input.attachUbl ?? false,
        language: input.language ?? 'en',
        riskClass: input.riskClass ?? 'medium',
        blockedForOrders: input.blockedForOrders ?? false,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordCreditChange(tx, actor, null, row, usesDefault ? 'default_policy' : 'initial', null);
    const contacts = input.contacts?.length
      ? await tx
          .insert(customerContacts)
          .values(
            input.contacts.map((c) => ({
              id: newId(),
              tenantId: actor.tenantId,
              customerId: id,
              name: c.name,
              email: c.email ?? null,
              phone: c.phone ?? null,
              role: c.role ?? null,
            })),
          )
          .returning()
      : [];
    const created = { ...row, contacts };
    await emitEvent(tx, actor.tenantId, 'customer.created', { type: 'customer', id }, { id, name: row.name, currency: row.currency, segment: row.segment, creditLimitMinor: row.creditLimitMinor });
    await recordAudit(tx, actor, 'customer.created', { type: 'customer', id }, null, created);
    return created;
  });
}

export async function updateCustomer(
  db: Database,
  actor: Actor,
  customerId: string,
  patch: CustomerPatch,
): Promise<Result<CustomerWithContacts>> {
  return inTransaction(db, async (tx) => {
    const before = await findCustomer(tx, actor.tenantId, customerId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
    const changes: Partial<typeof customers.$inferInsert> = { updatedAt: new Date() };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.email !== undefined) changes.email = patch.email;
    if (patch.taxId !== undefined) changes.taxId = patch.taxId;
    if (patch.addressLine !== undefined) changes.addressLine = patch.addressLine;
    if (patch.city !== undefined) changes.city = patch.city;
    if (patch.postalCode !== undefined) changes.postalCode = patch.postalCode;
    if (patch.countryCode !== undefined) changes.countryCode = patch.countryCode;
    if (patch.paymentTermsDays !== undefined) changes.paymentTermsDays = patch.paymentTermsDays;
    if (patch.externalRef !== undefined) changes.externalRef = patch.externalRef;
    if (patch.peppolEndpoint !== undefined) {
      changes.peppolEndpointScheme = patch.peppolEndpoint?.scheme ?? null;
      changes.peppolEndpointId = patch.peppolEndpoint?.id ?? null;
    }
    if (patch.creditLimitMinor !== undefined) {
      changes.creditLimitMinor = patch.creditLimitMinor === null ? null : BigInt(patch.creditLimitMinor);
    }
    if (patch.segment !== undefined) changes.segment = patch.segment;
    if (patch.invoiceDelivery !== undefined) changes.invoiceDelivery = patch.invoiceDelivery;
    if (patch.attachUbl !== undefined) changes.attachUbl = patch.attachUbl;
    if (patch.language !== undefined) changes.language = patch.language;
    if (patch.paymentTermsId !== undefined) {
      await checkTermsExist(tx, actor.tenantId, patch.paymentTermsId);
      changes.paymentTermsId = patch.paymentTermsId;
    }
    if (patch.riskClass !== undefined) changes.riskClass = patch.riskClass;
    if (patch.blockedForOrders !== undefined) changes.blockedForOrders = patch.blockedForOrders;
    const [after] = await tx
      .update(customers)
      .set(changes)
      .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordCreditChange(tx, actor, before, after, 'update', null);
    await recordAudit(tx, actor, 'customer.updated', { type: 'customer', id: customerId }, before, after);
    return { ...after, contacts: await loadContacts(tx, actor.tenantId, customerId) };
  });
}

/**
 * A credit review: an AR manager sets the credit limit and risk class with a note. Every review is kept in the
 * history, with the values before and after, even when nothing changed (the review itself is the record).
 */
export async function reviewCredit(
  db: Database,
  actor: Actor,
  customerId: string,
  input: { creditLimitMinor: number | null; riskClass?: RiskClass | undefined; blockedForOrders?: boolean | undefined; note: string },
): Promise<Result<CustomerRow>> {
  return inTransaction(db, async (tx) => {
    const before = await findCustomer(tx, actor.tenantId, customerId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
    const [after] = await tx
      .update(customers)
      .set({
        creditLimitMinor: input.creditLimitMinor === null ? null : BigInt(input.creditLimitMinor),
        riskClass: input.riskClass ?? before.riskClass,
        blockedForOrders: input.blockedForOrders ?? before.blockedForOrders,
        updatedAt: new Date(),
      })
      .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordCreditChange(tx, actor, before, after, 'review', input.note);
    await recordAudit(tx, actor, 'customer.credit_reviewed', { type: 'customer', id: customerId }, before, { ...after, note: input.note });
    return after;
  });
}

export async function creditHistory(db: Database, actor: Actor, customerId: string): Promise<Result<CreditLimitChangeRow[]>> {
  const customer = await findCustomer(db, actor.tenantId, customerId);
  if (!customer) return fail('not_found', `no customer ${customerId}`);
  const rows = await db
    .select()
    .from(creditLimitChanges)
    .where(and(eq(creditLimitChanges.tenantId, actor.tenantId), eq(creditLimitChanges.customerId, customerId)))
    .orderBy(asc(creditLimitChanges.id));
  return ok(rows);
}

export async function addContact(db: Database, actor: Actor, customerId: string, input: ContactInput): Promise<Result<ContactRow>> {
  return inTransaction(db, async (tx) => {
    const customer = await findCustomer(tx, actor.tenantId, customerId);
    if (!customer) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
    const [row] = await tx
      .insert(customerContacts)
      .values({
        id: newId(),
        tenantId: actor.tenantId,
        customerId,
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        role: input.role ?? null,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, 'customer.contact_added', { type: 'customer', id: customerId }, null, row);
    return row;
  });
}

export async function archiveCustomer(db: Database, actor: Actor, customerId: string): Promise<Result<CustomerWithContacts>> {
  return inTransaction(db, async (tx) => {
    const before = await findCustomer(tx, actor.tenantId, customerId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
    const [after] = await tx
      .update(customers)
      .set({ archivedAt: before.archivedAt ?? new Date(), updatedAt: new Date() })
      .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'customer.archived', { type: 'customer', id: customerId }, before, after);
    return { ...after, contacts: await loadContacts(tx, actor.tenantId, customerId) };
  });
}

/**
 * Deletes a customer that has no documents. One with invoices or payments is part of the books: it can only be
 * archived. `hasDocuments` is asked of the invoicing and payments modules by the caller.
 */
export async function deleteCustomer(
  db: Database,
  actor: Actor,
  customerId: string,
  hasDocuments: (tx: Executor, tenantId: string, customerId: string) => Promise<boolean>,
): Promise<Result<{ id: string }>> {
  return inTransaction(db, async (tx) => {
    const before = await findCustomer(tx, actor.tenantId, customerId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
    if (await hasDocuments(tx, actor.tenantId, customerId)) {
      throw new DomainFailure({
        code: 'invalid_state',
        message: 'this customer has invoices or payments and cannot be deleted; archive it instead',
      });
    }
    await tx.delete(customerContacts).where(and(eq(customerContacts.tenantId, actor.tenantId), eq(customerContacts.customerId, customerId)));
    await tx.delete(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
    await recordAudit(tx, actor, 'customer.deleted', { type: 'customer', id: customerId }, before, null);
    return { id: customerId };
  });
}

export async function listCustomers(
  db: Database,
  actor: Actor,
  query: { search?: string | undefined; includeArchived?: boolean | undefined; afterId?: string | undefined; limit: number },
): Promise<CustomerRow[]> {
  const conditions = [eq(customers.tenantId, actor.tenantId)];
  if (!query.includeArchived) conditions.push(isNull(customers.archivedAt));
  if (query.afterId) conditions.push(gt(customers.id, query.afterId));
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.externalRef, pattern), ilike(customers.taxId, pattern));
    if (match) conditions.push(match);
  }
  return db.select().from(customers).where(and(...conditions)).orderBy(asc(customers.id)).limit(query.limit + 1);
}

