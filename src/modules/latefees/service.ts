import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction, pgCode } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { formatMinor } from '../../kernel/money.js';
import type { Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { createAndIssueInvoice } from '../invoicing/service.js';
import { lateFeeCharges as chargesDue, overdueAmountSteps, type LateFeePolicy } from './late-fee.js';
import { lateFeeCharges, lateFeePolicies } from './schema.js';

type StoredPolicy = Omit<LateFeePolicy, 'flatMinor' | 'minimumMinor' | 'capMinor' | 'compensation'> & {
  flatMinor?: string;
  minimumMinor: string;
  capMinor: string | null;
  compensation?: [string | null, string][];
};

function toStored(p: LateFeePolicy): StoredPolicy {
  const { flatMinor, minimumMinor, capMinor, compensation, ...rest } = p;
  return {
    ...rest,
    ...(flatMinor !== undefined ? { flatMinor: flatMinor.toString() } : {}),
    minimumMinor: minimumMinor.toString(),
    capMinor: capMinor === null ? null : capMinor.toString(),
    ...(compensation ? { compensation: compensation.map(([upTo, amount]) => [upTo === null ? null : upTo.toString(), amount.toString()] as [string | null, string]) } : {}),
  };
}

function fromStored(p: StoredPolicy): LateFeePolicy {
  const { flatMinor, minimumMinor, capMinor, compensation, ...rest } = p;
  return {
    ...rest,
    ...(flatMinor !== undefined ? { flatMinor: BigInt(flatMinor) } : {}),
    minimumMinor: BigInt(minimumMinor),
    capMinor: capMinor === null ? null : BigInt(capMinor),
    ...(compensation ? { compensation: compensation.map(([upTo, amount]) => [upTo === null ? null : BigInt(upTo), BigInt(amount)] as const) } : {}),
  };
}

/** Sets the tenant's policy (customerId null) or a customer's own. */
export async function saveLateFeePolicy(db: Database, actor: Actor, customerId: string | null, policy: LateFeePolicy): Promise<Result<LateFeePolicy>> {
  return inTransaction(db, async (tx) => {
    const scope = and(eq(lateFeePolicies.tenantId, actor.tenantId), customerId ? eq(lateFeePolicies.customerId, customerId) : isNull(lateFeePolicies.customerId));
    const [before] = await tx.select().from(lateFeePolicies).where(scope);
    if (before) await tx.update(lateFeePolicies).set({ definition: toStored(policy), updatedAt: new Date() }).where(eq(lateFeePolicies.id, before.id));
    else await tx.insert(lateFeePolicies).values({ id: newId(), tenantId: actor.tenantId, customerId, definition: toStored(policy) });
    await recordAudit(tx, actor, 'late_fee_policy.saved', { type: 'late_fee_policy', id: customerId ?? actor.tenantId }, before?.definition ?? null, toStored(policy));
    return policy;
  });
}

export async function loadLateFeePolicies(executor: Executor, tenantId: string): Promise<{ tenant: LateFeePolicy | null; byCustomer: Map<string, LateFeePolicy> }> {
  const rows = await executor.select().from(lateFeePolicies).where(eq(lateFeePolicies.tenantId, tenantId));
  let tenant: LateFeePolicy | null = null;
  const byCustomer = new Map<string, LateFeePolicy>();
  for (const r of rows) {
    const policy = fromStored(r.definition as StoredPolicy);
    if (r.customerId) byCustomer.set(r.customerId, policy);
    else tenant = policy;
  }
  return { tenant, byCustomer };
}

/**
 * The daily run's late fees: for every overdue invoice under a policy, the charges due on asOf (pure rules in
 * late-fee.ts) go onto one fee invoice posted to late-fee income; each (invoice, period) is charged once ever, even
 * when the day is run again or two workers race (the unique key refuses the second).
 */
export async function chargeLateFees(db: Database, tenantId: string, asOf: string, heartbeat: () => Promise<void> = async () => undefined): Promise<{ invoicesCharged: number; chargesMade: number }> {
  const policies = await loadLateFeePolicies(db, tenantId);
  if (!policies.tenant && policies.byCustomer.size === 0) return { invoicesCharged: 0, chargesMade: 0 };
  const actor: Actor = { tenantId, role: 'admin', label: 'system:daily-run' };
  const overdue = await queryRows<{ id: string; customer_id: string; number: string; currency: string; issue_date: string; due_date: string; total: string }>(
    db,
    sql`select i.id::text, i.customer_id::text, i.number, i.currency, i.issue_date::text, i.due_date::text, i.total_minor::text as total
          from invoices i
         where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status in ('open', 'partially_paid')
           and i.due_date < ${asOf}::date
           and not exists (select 1 from ${lateFeeCharges} f where f.fee_invoice_id = i.id)
         order by i.id`,
  );
  let invoicesCharged = 0;
  let chargesMade = 0;
  for (const inv of overdue) {
    const policy = policies.byCustomer.get(inv.customer_id) ?? policies.tenant;
    if (!policy) continue;
    await heartbeat();
    const result = await inTransaction(db, async (tx) => {
      const history = await queryRows<{ applied_on: string; amount: string }>(
        tx,
        sql`select applied_on::text, sum(amount_minor)::text as amount from allocations where invoice_id = ${inv.id} group by applied_on order by applied_on`,
      );
      // Never on disputed amounts: while a dispute is open its amount is left out of what is overdue.
      const disputed = await queryRows<{ opened_on: string; resolved_on: string | null; amount: string }>(
        tx,
        sql`select opened_on::text, resolved_on::text, amount_minor::text as amount from disputes where tenant_id = ${tenantId} and invoice_id = ${inv.id}`,
      );
      const openFrom = overdueAmountSteps(inv.issue_date, toBigInt(inv.total), history.map((h) => ({ on: h.applied_on, amountMinor: toBigInt(h.amount) })), disputed.map((d) => ({ from: d.opened_on, until: d.resolved_on, amountMinor: toBigInt(d.amount) })));
      const charged = await tx.select().from(lateFeeCharges).where(eq(lateFeeCharges.invoiceId, inv.id)).orderBy(asc(lateFeeCharges.periodKey));
      const due = chargesDue(policy, { dueDate: inv.due_date, openFrom, alreadyChargedMinor: charged.reduce((s, c) => s + c.amountMinor, 0n) }, asOf, new Set(charged.map((c) => c.periodKey)));
      if (due.length === 0) return 0;
      const feeInvoice = await createAndIssueInvoice(
        tx,
        actor,
        {
          customerId: inv.customer_id,
          paymentTermsDays: 14,
          memo: `Late payment charges on invoice ${inv.number}`,
          lines: due.map((c) => ({ description: `${c.description} (invoice ${inv.number})`, quantity: '1', unitPriceMinor: Number(c.amountMinor), taxRatePercent: '0' })),
        },
        asOf,
        { incomeAccount: 'late_fee_income' },
      );
      await tx.insert(lateFeeCharges).values(
        due.map((c) => ({ id: newId(), tenantId, invoiceId: inv.id, periodKey: c.periodKey, kind: c.kind, amountMinor: c.amountMinor, feeInvoiceId: feeInvoice.id, chargedOn: asOf })),
      );
      return due.length;
    }).catch((error: unknown) => {
      if (pgCode(error) === '23505') return { ok: true as const, value: 0 };
      throw error;
    });
    if (!result.ok) throw new Error(`late fees for ${inv.number}: ${result.error.message}`);
    if (result.value > 0) {
      invoicesCharged++;
      chargesMade += result.value;
    }
  }
  return { invoicesCharged, chargesMade };
}

export function describeCharge(amountMinor: bigint, currency: string): string {
  return `${formatMinor(amountMinor, currency)} ${currency}`;
}
