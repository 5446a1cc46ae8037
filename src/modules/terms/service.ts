import { and, asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, type Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { noRolling, paymentTermsFaults, type BusinessCalendar, type BusinessDayRoll, type PaymentTerms } from './payment-terms.js';
import { businessCalendars, paymentTerms } from './schema.js';

export type PaymentTermsRow = typeof paymentTerms.$inferSelect;

export async function createPaymentTerms(db: Database, actor: Actor, input: { name: string; definition: PaymentTerms }): Promise<Result<PaymentTermsRow>> {
  const faults = paymentTermsFaults(input.definition);
  if (faults.length > 0) return { ok: false, error: { code: 'validation_failed', message: 'the payment terms are invalid', fieldErrors: faults.map((f) => ({ pointer: '/definition', detail: f })) } };
  return inTransaction(db, async (tx) => {
    const [existing] = await tx.select({ id: paymentTerms.id }).from(paymentTerms).where(and(eq(paymentTerms.tenantId, actor.tenantId), eq(paymentTerms.name, input.name)));
    if (existing) throw new DomainFailure({ code: 'conflict', message: `payment terms named "${input.name}" already exist` });
    const [row] = await tx.insert(paymentTerms).values({ id: newId(), tenantId: actor.tenantId, name: input.name, definition: input.definition }).returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, 'payment_terms.created', { type: 'payment_terms', id: row.id }, null, row);
    return row;
  });
}

export async function listPaymentTerms(db: Database, actor: Actor): Promise<PaymentTermsRow[]> {
  return db.select().from(paymentTerms).where(eq(paymentTerms.tenantId, actor.tenantId)).orderBy(asc(paymentTerms.name));
}

export async function findPaymentTerms(executor: Executor, tenantId: string, id: string): Promise<PaymentTermsRow | undefined> {
  const [row] = await executor.select().from(paymentTerms).where(and(eq(paymentTerms.tenantId, tenantId), eq(paymentTerms.id, id)));
  return row;
}

export async function loadBusinessCalendar(executor: Executor, tenantId: string): Promise<BusinessCalendar> {
  const [row] = await executor.select().from(businessCalendars).where(eq(businessCalendars.tenantId, tenantId));
  if (!row) return noRolling;
  return { roll: row.roll as BusinessDayRoll, weekend: row.weekend as number[], holidays: new Set(row.holidays as string[]) };
}

export async function saveBusinessCalendar(db: Database, actor: Actor, input: { roll: BusinessDayRoll; weekend: number[]; holidays: string[] }): Promise<Result<BusinessCalendar>> {
  return inTransaction(db, async (tx) => {
    const before = await loadBusinessCalendar(tx, actor.tenantId);
    await tx
      .insert(businessCalendars)
      .values({ tenantId: actor.tenantId, ...input })
      .onConflictDoUpdate({ target: businessCalendars.tenantId, set: input });
    await recordAudit(tx, actor, 'business_calendar.updated', { type: 'business_calendar', id: actor.tenantId }, { ...before, holidays: [...before.holidays] }, input);
    return loadBusinessCalendar(tx, actor.tenantId);
  });
}
