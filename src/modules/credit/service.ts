import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import { queryRows } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import type { Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { defaultCreditLimit, effectiveRiskClass, type CreditPolicy, type CreditRiskClass } from './credit-decision.js';
import { creditLimitDefaults, creditPolicies } from './schema.js';

/** Without a policy of its own a tenant holds orders of customers with items more than 30 days overdue. */
export const defaultOverdueHoldDays = 30;

export interface CreditSettings extends CreditPolicy {
  riskHoldScoreMin: number | null;
  defaults: { segment: string; currency: string; limitMinor: bigint }[];
}

export async function loadCreditSettings(executor: Executor, tenantId: string): Promise<CreditSettings> {
  const [policy] = await executor.select().from(creditPolicies).where(eq(creditPolicies.tenantId, tenantId));
  const defaults = await executor
    .select({ segment: creditLimitDefaults.segment, currency: creditLimitDefaults.currency, limitMinor: creditLimitDefaults.limitMinor })
    .from(creditLimitDefaults)
    .where(eq(creditLimitDefaults.tenantId, tenantId));
  return { overdueHoldDays: policy?.overdueHoldDays ?? defaultOverdueHoldDays, riskHoldScoreMin: policy?.riskHoldScoreMin ?? null, defaults };
}

export async function saveCreditSettings(
  db: Database,
  actor: Actor,
  input: { overdueHoldDays: number; riskHoldScoreMin?: number | null | undefined; defaults: { segment: string; currency: string; limitMinor: number }[] },
): Promise<Result<CreditSettings>> {
  return inTransaction(db, async (tx) => {
    const before = await loadCreditSettings(tx, actor.tenantId);
    // A policy saved without riskHoldScoreMin keeps the threshold it had (clients from before it existed).
    const riskHoldScoreMin = input.riskHoldScoreMin === undefined ? before.riskHoldScoreMin : input.riskHoldScoreMin;
    await tx
      .insert(creditPolicies)
      .values({ tenantId: actor.tenantId, overdueHoldDays: input.overdueHoldDays, riskHoldScoreMin })
      .onConflictDoUpdate({ target: creditPolicies.tenantId, set: { overdueHoldDays: input.overdueHoldDays, riskHoldScoreMin } });
    await tx.delete(creditLimitDefaults).where(eq(creditLimitDefaults.tenantId, actor.tenantId));
    if (input.defaults.length > 0) {
      await tx.insert(creditLimitDefaults).values(
        input.defaults.map((d) => ({ id: newId(), tenantId: actor.tenantId, segment: d.segment, currency: d.currency, limitMinor: BigInt(d.limitMinor) })),
      );
    }
    const after = await loadCreditSettings(tx, actor.tenantId);
    await recordAudit(tx, actor, 'credit_policy.updated', { type: 'credit_policy', id: actor.tenantId }, before, after);
    return after;
  });
}

/** The credit limit for a new customer of this segment and currency under the tenant's defaults. */
export async function creditLimitForNewCustomer(executor: Executor, tenantId: string, segment: string | null, currency: string): Promise<bigint | null> {
  const defaults = await executor
    .select({ segment: creditLimitDefaults.segment, currency: creditLimitDefaults.currency, limitMinor: creditLimitDefaults.limitMinor })
    .from(creditLimitDefaults)
    .where(and(eq(creditLimitDefaults.tenantId, tenantId), eq(creditLimitDefaults.currency, currency)));
  return defaultCreditLimit(defaults, segment, currency);
}

/**
 * The customer's credit risk on asOf: its latest risk score computed by then (the daily run writes it, analytics owns
 * the table) and the risk class credit control works with (effectiveRiskClass: the score when there is one).
 */
export async function creditRiskOf(
  executor: Executor,
  customer: { tenantId: string; id: string; riskClass: string },
  asOf: string,
): Promise<{ riskScore: number | null; riskScoreComputedOn: string | null; effectiveRiskClass: CreditRiskClass }> {
  const [row] = await queryRows<{ score: number; computed_on: string }>(
    executor,
    sql`select score, computed_on::text as computed_on from customer_risk_scores where tenant_id = ${customer.tenantId} and customer_id = ${customer.id} and computed_on <= ${asOf}`,
  );
  const riskScore = row ? Number(row.score) : null;
  return { riskScore, riskScoreComputedOn: row?.computed_on ?? null, effectiveRiskClass: effectiveRiskClass(customer.riskClass, riskScore) };
}
