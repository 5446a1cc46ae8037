/**
 * Collections, the shell around the dunning decisions: policies, the daily dunning and promise checks (exactly once
 * per tenant, date and customer, by unique keys), disputes, promises to pay and the activity log.
 */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { insertRows } from '../../db/bulk-insert.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { formatMinor, parseDecimal } from '../../kernel/money.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { customers } from '../customers/schema.js';
import { emitEvent, notifyTenant } from '../events/service.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { findLetterhead, findTenant, listApiKeys } from '../identity/service.js';
import { invoices } from '../invoicing/schema.js';
import { createAndIssueInvoice } from '../invoicing/service.js';
import { dunningLetterPdf } from '../documents/pdf.js';
import { emailOutbox } from '../notifications/schema.js';
import { templateFor } from '../notifications/service.js';
import { renderTemplate, type Language, type Template } from '../notifications/templates.js';
import { loadBusinessCalendar } from '../terms/service.js';
import { decideDunning, dunningChannels, escalationActions, policyFaults, type DunnableItem, type DunningChannel, type DunningDecision, type DunningPolicy, type DunningSkipCode } from './dunning.js';
import { buildPaymentSchedule, checkInstalments, type InstalmentState, type InstalmentStatus, type PlanFrequency } from './payment-plan.js';
import { collectionActivities, collectorPortfolioRules, customerCollectionSettings, disputes, dunningItemLevels, dunningNotices, dunningPolicies, paymentPlanInstalments, paymentPlans, promisesToPay } from './schema.js';
import { defaultRankingWeights, rankWorklist, riskClasses, type DaysPastDueBand, type RiskClass } from './worklist.js';

export type DunningPolicyRow = typeof dunningPolicies.$inferSelect;
export type DunningNoticeRow = typeof dunningNotices.$inferSelect;
export type DisputeRow = typeof disputes.$inferSelect;
export type PromiseRow = typeof promisesToPay.$inferSelect;
export type ActivityRow = typeof collectionActivities.$inferSelect;

const system: (tenantId: string) => Actor = (tenantId) => ({ tenantId, role: 'admin', label: 'system:daily-run' });

// ---- policies ----

export const dunningLevelSchema = z.strictObject({
  level: z.number().int().min(1).max(20),
  name: z.string().min(1).max(100),
  offsetDays: z.number().int().min(-60).max(3650).describe('Days after the due date (negative: a courtesy reminder before it)'),
  channel: z.enum(dunningChannels),
  minimumAmountMinor: z.number().int().min(0).describe('The items reaching this level must together be at least this much'),
  escalations: z.array(z.enum(escalationActions)).max(escalationActions.length),
  feeMinor: z.number().int().min(0).max(1_000_000_00).optional().describe('With the late_fee escalation: a dunning charge invoiced to the customer with this message'),
});
export const dunningPolicySchema = z.strictObject({
  levels: z.array(dunningLevelSchema).min(1).max(20),
  minDaysBetweenMessages: z.number().int().min(0).max(365),
  skipWeekends: z.boolean(),
  skipHolidays: z.boolean(),
});
export type DunningPolicyInput = z.infer<typeof dunningPolicySchema>;

/** The policy a tenant starts with: a courtesy note, two reminders and a final notice that puts the account on hold. */
export const defaultDunningPolicy: DunningPolicyInput = {
  levels: [
    { level: 1, name: 'Payment reminder', offsetDays: -3, channel: 'email', minimumAmountMinor: 0, escalations: [] },
    { level: 2, name: 'First reminder', offsetDays: 7, channel: 'email', minimumAmountMinor: 1_00, escalations: [] },
    { level: 3, name: 'Second reminder', offsetDays: 21, channel: 'email', minimumAmountMinor: 1_00, escalations: ['notify_collector'] },
    { level: 4, name: 'Final notice', offsetDays: 35, channel: 'email', minimumAmountMinor: 1_00, escalations: ['credit_hold', 'notify_collector'] },
  ],
  minDaysBetweenMessages: 5,
  skipWeekends: true,
  skipHolidays: true,
};

export function toPolicy(definition: DunningPolicyInput): DunningPolicy {
  return { ...definition, levels: definition.levels.map((l) => ({ ...l, minimumAmountMinor: BigInt(l.minimumAmountMinor), feeMinor: BigInt(l.feeMinor ?? 0) })) };
}

function checkedPolicy(definition: DunningPolicyInput): DunningPolicy {
  const policy = toPolicy(definition);
  const faults = policyFaults(policy);
  if (faults.length > 0) throw new DomainFailure({ code: 'validation_failed', message: 'the dunning policy is not usable', fieldErrors: faults.map((f) => ({ pointer: `/definition${f.pointer}`, detail: f.detail })) });
  return policy;
}

async function ensureDefaultPolicy(executor: Executor, tenantId: string): Promise<DunningPolicyRow> {
  const [existing] = await executor.select().from(dunningPolicies).where(and(eq(dunningPolicies.tenantId, tenantId), eq(dunningPolicies.isDefault, true)));
  if (existing) return existing;
  await executor.insert(dunningPolicies).values({ id: newId(), tenantId, name: 'Standard dunning', definition: defaultDunningPolicy, isDefault: true }).onConflictDoNothing();
  const [row] = await executor.select().from(dunningPolicies).where(and(eq(dunningPolicies.tenantId, tenantId), eq(dunningPolicies.isDefault, true)));
  if (!row) throw new Error('no default dunning policy');
  return row;
}

export async function listPolicies(db: Database, actor: Actor): Promise<DunningPolicyRow[]> {
  await ensureDefaultPolicy(db, actor.tenantId);
  return db.select().from(dunningPolicies).where(eq(dunningPolicies.tenantId, actor.tenantId)).orderBy(desc(dunningPolicies.isDefault), asc(dunningPolicies.name));
}

export async function savePolicy(
  db: Database,
  actor: Actor,
  input: { id?: string | undefined; name: string; definition: DunningPolicyInput; isDefault: boolean; segment: string | null; pilot: boolean },
): Promise<Result<DunningPolicyRow>> {
  checkedPolicy(input.definition);
  return inTransaction(db, async (tx) => {
    if (input.isDefault) {
      await tx.update(dunningPolicies).set({ isDefault: false }).where(and(eq(dunningPolicies.tenantId, actor.tenantId), eq(dunningPolicies.isDefault, true), input.id ? sql`${dunningPolicies.id} <> ${input.id}` : sql`true`));
    }
    let row: DunningPolicyRow | undefined;
    let before: DunningPolicyRow | undefined;
    if (input.id) {
      [before] = await tx.select().from(dunningPolicies).where(and(eq(dunningPolicies.tenantId, actor.tenantId), eq(dunningPolicies.id, input.id))).for('update');
      if (!before) throw new DomainFailure({ code: 'not_found', message: `no dunning policy ${input.id}` });
      [row] = await tx.update(dunningPolicies).set({ name: input.name, definition: input.definition, isDefault: input.isDefault, segment: input.segment, pilot: input.pilot, updatedAt: new Date() }).where(eq(dunningPolicies.id, input.id)).returning();
    } else {
      [row] = await tx.insert(dunningPolicies).values({ id: newId(), tenantId: actor.tenantId, name: input.name, definition: input.definition, isDefault: input.isDefault, segment: input.segment, pilot: input.pilot }).returning();
    }
    if (!row) throw new Error('no row');
    await recordAudit(tx, actor, input.id ? 'dunning_policy.changed' : 'dunning_policy.created', { type: 'dunning_policy', id: row.id }, before ?? null, row);
    return row;
  });
}

export async function saveCustomerCollectionSettings(db: Database, actor: Actor, customerId: string, input: { policyId?: string | null | undefined; doNotDun?: boolean | undefined; pilot?: boolean | undefined; collector?: string | null | undefined }) {
  return inTransaction(db, async (tx) => {
    const [customer] = await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
    if (!customer) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
    if (input.policyId) {
      const [policy] = await tx.select({ id: dunningPolicies.id }).from(dunningPolicies).where(and(eq(dunningPolicies.tenantId, actor.tenantId), eq(dunningPolicies.id, input.policyId)));
      if (!policy) throw new DomainFailure({ code: 'validation_failed', message: 'unknown dunning policy', fieldErrors: [{ pointer: '/policyId', detail: `no policy ${input.policyId}` }] });
    }
    const [before] = await tx.select().from(customerCollectionSettings).where(and(eq(customerCollectionSettings.tenantId, actor.tenantId), eq(customerCollectionSettings.customerId, customerId)));
    const values = {
      policyId: input.policyId === undefined ? (before?.policyId ?? null) : input.policyId,
      doNotDun: input.doNotDun ?? before?.doNotDun ?? false,
      pilot: input.pilot ?? before?.pilot ?? false,
      collector: input.collector === undefined ? (before?.collector ?? null) : input.collector,
      updatedAt: new Date(),
    };
    const [row] = await tx.insert(customerCollectionSettings).values({ tenantId: actor.tenantId, customerId, ...values }).onConflictDoUpdate({ target: [customerCollectionSettings.tenantId, customerCollectionSettings.customerId], set: values }).returning();
    await recordAudit(tx, actor, 'customer.collection_settings_changed', { type: 'customer', id: customerId }, before ?? null, row);
    return row as typeof customerCollectionSettings.$inferSelect;
  });
}

// ---- the daily run and its preview ----

/** Customers per transaction in the dunning run: their notices, emails, item levels and escalations commit together. */
const customersPerChunk = 500;

interface CustomerForDunning {
  id: string;
  name: string;
  email: string | null;
  language: string;
  segment: string | null;
  invoiceDelivery: string;
  policyId: string | null;
  doNotDun: boolean;
  pilot: boolean;
}

function formatLines(decision: Extract<DunningDecision, { send: true }>, language: Language): string {
  return decision.lines
    .map((l) => {
      const amount = `${formatMinor(l.openMinor, l.currency)} ${l.currency}`;
      if (language === 'de') return `  ${l.number}, fällig ${l.dueDate}${l.daysPastDue > 0 ? ` (${l.daysPastDue} Tage überfällig)` : ''}: ${amount}, Zahlungsreferenz ${l.paymentReference}`;
      return `  ${l.number}, due ${l.dueDate}${l.daysPastDue > 0 ? ` (${l.daysPastDue} days overdue)` : ''}: ${amount}, payment reference ${l.paymentReference}`;
    })
    .join('\n');
}

/** What the dunning of one tenant and date works with: its policies by assignment, its calendar, its templates. */
interface DunningSetup {
  defaultPolicy: DunningPolicyRow;
  byId: Map<string, DunningPolicyRow>;
  bySegment: Map<string, DunningPolicyRow>;
  calendar: Awaited<ReturnType<typeof loadBusinessCalendar>>;
  companyName: string;
  portalBase: string;
  templates: Map<string, Template>;
}

/**
 * Loads the tenant's dunning setup. `policies` replaces the stored ones (the preview of an unsaved edit): the first
 * marked default is the default, else the stored default.
 */
async function loadDunningSetup(executor: Executor, tenantId: string, policies?: DunningPolicyRow[]): Promise<DunningSetup> {
  const storedDefault = await ensureDefaultPolicy(executor, tenantId);
  const all = policies ?? (await executor.select().from(dunningPolicies).where(eq(dunningPolicies.tenantId, tenantId)));
  const defaultPolicy = all.find((p) => p.isDefault) ?? storedDefault;
  const calendar = await loadBusinessCalendar(executor, tenantId);
  const tenant = await findTenant(executor, tenantId);
  return {
    defaultPolicy,
    byId: new Map(all.map((p) => [p.id, p])),
    bySegment: new Map(all.filter((p) => p.segment).map((p) => [p.segment as string, p])),
    calendar,
    companyName: tenant?.legalName ?? tenant?.name ?? '',
    portalBase: process.env.CASHLOOP_PORTAL_URL ?? 'http://localhost:3000/portal',
    templates: new Map(),
  };
}

/** Customers with something open, in id order, the next chunk after `afterId`. */
async function customersWithOpenItems(executor: Executor, tenantId: string, afterId: string, limit: number): Promise<CustomerForDunning[]> {
  const chunk = await queryRows<Record<string, unknown>>(
    executor,
    sql`select c.id, c.name, c.email, c.language, c.segment, c.invoice_delivery, s.policy_id, coalesce(s.do_not_dun, false) as do_not_dun, coalesce(s.pilot, false) as pilot
          from ${customers} c
          left join ${customerCollectionSettings} s on s.tenant_id = c.tenant_id and s.customer_id = c.id
         where c.tenant_id = ${tenantId} and c.id > ${afterId}
           and exists (select 1 from ${invoices} i where i.tenant_id = c.tenant_id and i.customer_id = c.id and i.kind = 'invoice' and i.open_minor > 0 and i.status in ('open', 'partially_paid'))
         order by c.id limit ${limit}`,
  );
  return chunk.map((r) => ({
    id: r.id as string, name: r.name as string, email: (r.email as string | null) ?? null, language: r.language as string, segment: (r.segment as string | null) ?? null,
    invoiceDelivery: r.invoice_delivery as string, policyId: (r.policy_id as string | null) ?? null, doNotDun: Boolean(r.do_not_dun), pilot: Boolean(r.pilot),
  }));
}

/** Why an open item is left out of dunning today. */
export const dunningPauses = ['dispute', 'promise', 'payment_plan'] as const;
export type DunningPause = (typeof dunningPauses)[number];

/** One customer's dunning on a date, as decided (decideDunning) from the books: the same for the run and the preview. */
export interface CustomerDunning {
  person: CustomerForDunning;
  policyRow: DunningPolicyRow;
  policy: DunningPolicy;
  /** pilot customer or policy: the notice is recorded as 'pilot', nothing is sent */
  pilot: boolean;
  items: Array<DunnableItem & { pausedBy: DunningPause | null }>;
  decision: DunningDecision;
  /** the channel the message goes by: an email without an address (or with invoice delivery off) becomes a letter */
  channel: DunningChannel | null;
}

/**
 * What the day's payment-plan check on asOf makes of these active plans (checkInstalments against the customer's
 * payments in the plan's currency since it began), by plan id; the daily plan check and the dunning preview share it.
 */
async function instalmentChecksOn(executor: Executor, tenantId: string, asOf: string, plans: ReadonlyArray<{ id: string }>) {
  const checks = new Map<string, { check: ReturnType<typeof checkInstalments>; instalments: number }>();
  if (plans.length === 0) return checks;
  const ids = sql.join(plans.map((p) => sql`${p.id}::uuid`), sql`, `);
  const instalmentRows = await executor.select().from(paymentPlanInstalments).where(and(eq(paymentPlanInstalments.tenantId, tenantId), inArray(paymentPlanInstalments.planId, plans.map((p) => p.id))));
  const paymentRows = await queryRows<{ plan_id: string; value_date: string; amount_minor: unknown }>(
    executor,
    sql`select p.id::text as plan_id, m.value_date::text as value_date, m.amount_minor
          from ${paymentPlans} p join payments m on m.tenant_id = p.tenant_id and m.customer_id = p.customer_id and m.currency = p.currency
         where p.id in (${ids}) and m.status = 'received' and m.value_date >= p.created_on and m.value_date < ${asOf}`,
  );
  for (const plan of plans) {
    const states: InstalmentState[] = instalmentRows.filter((i) => i.planId === plan.id).map((i) => ({ number: i.number, dueOn: i.dueOn, amountMinor: i.amountMinor, interestMinor: i.interestMinor, paidMinor: i.paidMinor, status: i.status as InstalmentStatus }));
    const check = checkInstalments(states, paymentRows.filter((m) => m.plan_id === plan.id).map((m) => ({ valueDate: m.value_date, amountMinor: toBigInt(m.amount_minor) })), asOf);
    checks.set(plan.id, { check, instalments: states.length });
  }
  return checks;
}

/**
 * The selection shared by the daily run and its preview: loads each customer's open items on asOf with what pauses
 * them and what was already sent, picks the customer's policy (own, else segment, else default) and decides.
 *
 * `foreseeDayChecks` (the preview, before the day has run): the promise and payment-plan checks that run before the
 * dunning on asOf are applied in memory — a promise whose date has passed stops pausing (kept or broken, it is
 * closed), a plan the check would break or complete stops pausing — so the preview shows what the run will decide.
 */
async function decideForCustomers(executor: Executor, tenantId: string, asOf: string, people: CustomerForDunning[], setup: DunningSetup, options: { foreseeDayChecks: boolean }): Promise<CustomerDunning[]> {
  const ids = people.map((p) => p.id);
  if (ids.length === 0) return [];
  const items = await queryRows<Record<string, unknown>>(
    executor,
    sql`select i.id, i.customer_id, i.number, i.currency, i.due_date::text as due_date, i.open_minor, i.creditor_reference
          from ${invoices} i
         where i.tenant_id = ${tenantId} and i.customer_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
           and i.kind = 'invoice' and i.open_minor > 0 and i.status in ('open', 'partially_paid') and i.due_date is not null and i.issue_date <= ${asOf}`,
  );
  const invoiceIds = items.map((i) => i.id as string);
  const inList = (values: string[]) => (values.length === 0 ? sql`(null::uuid)` : sql`(${sql.join(values.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const levels = await queryRows<{ invoice_id: string; pilot: boolean; level: number }>(
    executor,
    sql`select invoice_id, pilot, max(level)::int as level from ${dunningItemLevels} where tenant_id = ${tenantId} and invoice_id in ${inList(invoiceIds)} group by invoice_id, pilot`,
  );
  const levelOf = new Map(levels.map((l) => [`${l.invoice_id}|${l.pilot}`, Number(l.level)]));
  const disputed = new Set((await queryRows<{ invoice_id: string }>(executor, sql`select distinct invoice_id from ${disputes} where tenant_id = ${tenantId} and status = 'open' and invoice_id in ${inList(invoiceIds)}`)).map((r) => r.invoice_id));
  // A promise checked on asOf (its date has passed) is closed by the promise check before the dunning runs.
  const stillOpen = options.foreseeDayChecks ? sql`and promised_on >= ${asOf}` : sql``;
  const promises = await queryRows<{ customer_id: string; invoice_ids: string[] }>(
    executor,
    sql`select customer_id, invoice_ids from ${promisesToPay} where tenant_id = ${tenantId} and status = 'open' and made_on <= ${asOf} ${stillOpen} and customer_id in ${inList(ids)}`,
  );
  const promisedCustomers = new Set<string>();
  const promisedInvoices = new Set<string>();
  for (const p of promises) {
    if (!Array.isArray(p.invoice_ids) || p.invoice_ids.length === 0) promisedCustomers.add(p.customer_id);
    else for (const id of p.invoice_ids) promisedInvoices.add(id);
  }
  // An active payment plan pauses its invoices like a promise being kept; a broken or cancelled one no longer does.
  const plans = await queryRows<{ id: string; created_on: string; invoice_ids: string[] }>(
    executor,
    sql`select id::text as id, created_on::text as created_on, invoice_ids from ${paymentPlans} where tenant_id = ${tenantId} and status = 'active' and created_on <= ${asOf} and customer_id in ${inList(ids)}`,
  );
  const checked = options.foreseeDayChecks ? await instalmentChecksOn(executor, tenantId, asOf, plans.filter((p) => p.created_on < asOf)) : new Map<string, { check: ReturnType<typeof checkInstalments> }>();
  const planned = new Set<string>();
  for (const p of plans) {
    const outcome = checked.get(p.id)?.check.plan ?? 'active';
    if (outcome === 'active' && Array.isArray(p.invoice_ids)) for (const id of p.invoice_ids) planned.add(id);
  }
  const last = await queryRows<{ customer_id: string; pilot: boolean; last_on: string }>(
    executor,
    sql`select customer_id, (status = 'pilot') as pilot, max(as_of)::text as last_on from ${dunningNotices}
         where tenant_id = ${tenantId} and customer_id in ${inList(ids)} and as_of < ${asOf} group by customer_id, (status = 'pilot')`,
  );
  const lastOn = new Map(last.map((l) => [`${l.customer_id}|${l.pilot}`, l.last_on]));
  const itemsByCustomer = new Map<string, Array<Record<string, unknown>>>();
  for (const i of items) {
    const list = itemsByCustomer.get(i.customer_id as string) ?? [];
    list.push(i);
    itemsByCustomer.set(i.customer_id as string, list);
  }

  return people.map((person) => {
    const policyRow = (person.policyId ? setup.byId.get(person.policyId) : undefined) ?? (person.segment ? setup.bySegment.get(person.segment) : undefined) ?? setup.defaultPolicy;
    const policy = toPolicy(policyRow.definition as DunningPolicyInput);
    const pilot = person.pilot || policyRow.pilot;
    const dunnable = (itemsByCustomer.get(person.id) ?? []).map((i) => {
      const id = i.id as string;
      const pausedBy: DunningPause | null = disputed.has(id) ? 'dispute' : promisedCustomers.has(person.id) || promisedInvoices.has(id) ? 'promise' : planned.has(id) ? 'payment_plan' : null;
      return {
        invoiceId: id, number: (i.number as string | null) ?? '', currency: i.currency as string, dueDate: i.due_date as string, openMinor: toBigInt(i.open_minor),
        paymentReference: (i.creditor_reference as string | null) ?? ((i.number as string | null) ?? ''),
        levelSent: levelOf.get(`${id}|${pilot}`) ?? 0, disputed: disputed.has(id), promised: promisedCustomers.has(person.id) || promisedInvoices.has(id) || planned.has(id),
        pausedBy,
      };
    });
    const decision = decideDunning(policy, { customerId: person.id, doNotDun: person.doNotDun, lastMessageOn: lastOn.get(`${person.id}|${pilot}`) ?? null }, dunnable, asOf, setup.calendar);
    const channel = !decision.send ? null : decision.channel === 'email' && (!person.email || person.invoiceDelivery === 'none') ? 'letter' : decision.channel;
    return { person, policyRow, policy, pilot, items: dunnable, decision, channel };
  });
}

/** The email a decided message becomes, in the customer's language, from the tenant's template for the level. */
async function dunningMessage(executor: Executor, tenantId: string, d: CustomerDunning & { decision: Extract<DunningDecision, { send: true }> }, setup: DunningSetup): Promise<Template> {
  const language = (d.person.language === 'de' ? 'de' : 'en') as Language;
  const kind = d.decision.level === d.policy.levels.length && d.policy.levels.length > 1 ? 'dunning_final_notice' : 'dunning_reminder';
  const key = `${kind}|${language}`;
  let template = setup.templates.get(key);
  if (!template) setup.templates.set(key, (template = await templateFor(executor, tenantId, kind, language)));
  return renderTemplate(template, {
    customerName: d.person.name, companyName: setup.companyName, levelName: d.decision.levelName, total: totalText(d.decision.totals), items: formatLines(d.decision, language),
    portalLink: `${setup.portalBase}/customers/${d.person.id}`,
  });
}

function totalText(totals: Record<string, bigint>): string {
  return Object.entries(totals).map(([c, v]) => `${formatMinor(v, c)} ${c}`).join(' + ');
}

/**
 * The day's dunning for one tenant: every customer with open items is decided (decideForCustomers) and what is due is
 * sent as one consolidated message, in transactions of a few hundred customers. Exactly once: a customer's notice for
 * the date is unique, and the email, the item levels and the escalations are written in the same transaction, so a
 * re-run (or a run killed midway and restarted) adds only what is missing. Pilot customers and policies get a notice
 * marked 'pilot' and nothing else: no email, no level, no escalation.
 */
export async function runDunning(db: Database, tenantId: string, asOf: string, heartbeat: () => Promise<void> = async () => undefined): Promise<Record<string, unknown>> {
  const setup = await loadDunningSetup(db, tenantId);
  const counts = { customersConsidered: 0, noticesSent: 0, pilotNotices: 0, letters: 0, alreadyDone: 0, escalations: 0 };
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const people = await customersWithOpenItems(db, tenantId, afterId, customersPerChunk);
    if (people.length === 0) break;
    afterId = people[people.length - 1]?.id as string;
    counts.customersConsidered += people.length;
    const outcome = await inTransaction(db, (tx) => dunChunk(tx, tenantId, asOf, people, setup));
    if (!outcome.ok) throw new Error(`dunning failed for customers after ${afterId}: ${outcome.error.message}`);
    for (const [k, v] of Object.entries(outcome.value)) counts[k as keyof typeof counts] += v;
    await heartbeat();
  }
  return counts;
}

async function dunChunk(tx: Transaction, tenantId: string, asOf: string, people: CustomerForDunning[], setup: DunningSetup) {
  const counts = { noticesSent: 0, pilotNotices: 0, letters: 0, alreadyDone: 0, escalations: 0 };
  const notices: (typeof dunningNotices.$inferInsert)[] = [];
  const decided: Array<{ person: CustomerForDunning; notice: typeof dunningNotices.$inferInsert; decision: Extract<DunningDecision, { send: true }>; pilot: boolean; policy: DunningPolicy; dunning: CustomerDunning & { decision: Extract<DunningDecision, { send: true }> } }> = [];
  for (const d of await decideForCustomers(tx, tenantId, asOf, people, setup, { foreseeDayChecks: false })) {
    const { decision, person, pilot } = d;
    if (!decision.send || !d.channel) continue;
    const channel = d.channel;
    const status = pilot ? 'pilot' : channel === 'email' ? 'queued' : channel;
    const notice = {
      id: newId(), tenantId, customerId: person.id, asOf, policyId: d.policyRow.id, level: decision.level, levelName: decision.levelName, channel, status,
      lines: decision.lines.map((l) => ({ ...l, openMinor: l.openMinor.toString() })), totals: Object.fromEntries(Object.entries(decision.totals).map(([c, v]) => [c, v.toString()])),
      escalations: pilot ? [] : decision.escalations,
    };
    notices.push(notice);
    decided.push({ person, notice, decision, pilot, policy: d.policy, dunning: { ...d, decision } });
  }
  if (notices.length === 0) return counts;
  // The day's key: a notice already written for this customer and date (an earlier, interrupted run) wins.
  const rows = notices.map((n) => ({ id: n.id, tenant_id: n.tenantId, customer_id: n.customerId, as_of: n.asOf, policy_id: n.policyId, level: n.level, level_name: n.levelName, channel: n.channel, status: n.status, lines: n.lines, totals: n.totals, escalations: n.escalations }));
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`insert into ${dunningNotices} (id, tenant_id, customer_id, as_of, policy_id, level, level_name, channel, status, lines, totals, escalations)
        select id, tenant_id, customer_id, as_of, policy_id, level, level_name, channel, status, lines, totals, escalations
          from json_to_recordset(${JSON.stringify(rows)}::json)
            as r(id uuid, tenant_id uuid, customer_id uuid, as_of date, policy_id uuid, level int, level_name text, channel text, status text, lines jsonb, totals jsonb, escalations jsonb)
        on conflict (tenant_id, customer_id, as_of) do nothing
        returning id::text as id`,
  );
  const fresh = new Set(inserted.map((r) => r.id));
  const levelRows: (typeof dunningItemLevels.$inferInsert)[] = [];
  const emails: (typeof emailOutbox.$inferInsert)[] = [];
  const activities: (typeof collectionActivities.$inferInsert)[] = [];
  for (const d of decided) {
    if (!fresh.has(d.notice.id as string)) {
      counts.alreadyDone++;
      continue;
    }
    for (const l of d.decision.lines) if (l.escalated) levelRows.push({ tenantId, invoiceId: l.invoiceId, level: l.level, pilot: d.pilot, noticeId: d.notice.id as string, asOf });
    const total = totalText(d.decision.totals);
    activities.push({
      id: newId(), tenantId, customerId: d.person.id, kind: 'dunning', occurredOn: asOf, actor: 'system:dunning',
      summary: `${d.pilot ? 'Pilot, not sent: ' : ''}${d.decision.levelName} (level ${d.decision.level}) by ${d.notice.channel} for ${total}, ${d.decision.lines.length} item(s)`,
      details: { noticeId: d.notice.id, level: d.decision.level, invoices: d.decision.lines.map((l) => l.number) },
    });
    if (d.pilot) {
      counts.pilotNotices++;
      continue;
    }
    counts.noticesSent++;
    if (d.notice.channel === 'letter') counts.letters++;
    if (d.notice.channel === 'email' && d.person.email) {
      const message = await dunningMessage(tx, tenantId, d.dunning, setup);
      const id = newId();
      emails.push({ id, tenantId, messageId: `<${id}@cashloop.invalid>`, dedupeKey: `dunning:${d.notice.id as string}`, toAddress: d.person.email, subject: message.subject, body: message.body, attachments: [], status: 'pending', nextAttemptAt: new Date() });
    }
    if (d.notice.channel === 'webhook') {
      await emitEvent(tx, tenantId, 'dunning.notice', { type: 'dunning_notice', id: d.notice.id as string }, { customerId: d.person.id, level: d.decision.level, levelName: d.decision.levelName, lines: d.decision.lines, totals: d.decision.totals, asOf });
    }
    for (const action of d.decision.escalations) {
      counts.escalations++;
      await escalate(tx, tenantId, d.person, action, d.decision, d.policy, asOf, activities);
    }
  }
  await insertRows(tx, dunningItemLevels, levelRows, { onConflictDoNothing: true });
  await insertRows(tx, emailOutbox, emails, { onConflictDoNothing: true });
  await insertRows(tx, collectionActivities, activities);
  return counts;
}

/** Customers a preview decides at most: the preview is for reading, the daily run has no such limit. */
export const dunningPreviewCustomersMax = 5000;

export interface DunningPreviewEntry {
  customerId: string;
  customerName: string;
  policyId: string;
  policyName: string;
  /** send: a message goes out; pilot: it would be recorded as a pilot notice, not sent; skip: nothing, see reason */
  outcome: 'send' | 'pilot' | 'skip';
  reason: { code: DunningSkipCode | 'pilot' | `paused_${DunningPause}`; detail: string } | null;
  level: number | null;
  levelName: string | null;
  channel: DunningChannel | null;
  subject: string | null;
  escalations: string[];
  totals: Record<string, bigint>;
  lines: Array<{ invoiceId: string; number: string; currency: string; dueDate: string; openMinor: bigint; daysPastDue: number; level: number; escalated: boolean }>;
  /** open items left out today and why */
  paused: Array<{ invoiceId: string; number: string; openMinor: bigint; currency: string; pausedBy: DunningPause }>;
}

/**
 * A dry run of the dunning on asOf: the same selection and decisions as the daily run (decideForCustomers, with the
 * day's promise and plan checks foreseen), rendered as the messages would be, and nothing written. `draft` previews an
 * unsaved policy: it takes the place of the policy with its id (or is added, for a new one) with its scope (default,
 * segment). `policyId` keeps only the customers that policy (or the draft) applies to.
 *
 * Not foreseen: that day's autopay charges, scheduled billing and late-fee invoices, which run before the dunning.
 */
export async function previewDunning(
  db: Database,
  actor: Actor,
  input: { asOf: string; policyId?: string | undefined; draft?: { id?: string | undefined; name: string; definition: DunningPolicyInput; isDefault: boolean; segment: string | null; pilot: boolean } | undefined },
): Promise<Result<{ asOf: string; customers: DunningPreviewEntry[]; truncated: boolean }>> {
  try {
    let policies: DunningPolicyRow[] | undefined;
    let only = input.policyId;
    if (input.draft) {
      const faults = policyFaults(toPolicy(input.draft.definition));
      if (faults.length > 0) return fail('validation_failed', 'the dunning policy is not usable', faults.map((f) => ({ pointer: `/policy/definition${f.pointer}`, detail: f.detail })));
      const stored = await listPolicies(db, actor);
      if (input.draft.id && !stored.some((p) => p.id === input.draft?.id)) return fail('not_found', `no dunning policy ${input.draft.id}`);
      const now = new Date();
      const draftRow: DunningPolicyRow = {
        id: input.draft.id ?? newId(), tenantId: actor.tenantId, name: input.draft.name, definition: input.draft.definition, isDefault: input.draft.isDefault,
        segment: input.draft.segment, pilot: input.draft.pilot, createdAt: stored.find((p) => p.id === input.draft?.id)?.createdAt ?? now, updatedAt: now,
      };
      // As saving it would: a draft marked default takes over from the stored default; its segment from another's.
      policies = [
        draftRow,
        ...stored
          .filter((p) => p.id !== draftRow.id)
          .map((p) => ({ ...p, isDefault: draftRow.isDefault ? false : p.isDefault, segment: draftRow.segment !== null && p.segment === draftRow.segment ? null : p.segment })),
      ];
      only = draftRow.id;
    } else if (only) {
      const [found] = await db.select({ id: dunningPolicies.id }).from(dunningPolicies).where(and(eq(dunningPolicies.tenantId, actor.tenantId), eq(dunningPolicies.id, only)));
      if (!found) return fail('not_found', `no dunning policy ${only}`);
    }
    const setup = await loadDunningSetup(db, actor.tenantId, policies);
    const entries: DunningPreviewEntry[] = [];
    let decidedCount = 0;
    let afterId = '00000000-0000-0000-0000-000000000000';
    let truncated = false;
    for (;;) {
      const people = await customersWithOpenItems(db, actor.tenantId, afterId, Math.min(customersPerChunk, dunningPreviewCustomersMax - decidedCount + 1));
      if (people.length === 0) break;
      if (decidedCount + people.length > dunningPreviewCustomersMax) {
        truncated = true;
        people.length = dunningPreviewCustomersMax - decidedCount;
      }
      afterId = people[people.length - 1]?.id as string;
      decidedCount += people.length;
      for (const d of await decideForCustomers(db, actor.tenantId, input.asOf, people, setup, { foreseeDayChecks: true })) {
        if (only && d.policyRow.id !== only) continue;
        entries.push(await previewEntry(db, actor.tenantId, d, setup));
      }
      if (truncated || people.length === 0) break;
    }
    entries.sort((a, b) => Number(b.outcome !== 'skip') - Number(a.outcome !== 'skip') || (b.level ?? 0) - (a.level ?? 0) || a.customerName.localeCompare(b.customerName));
    return ok({ asOf: input.asOf, customers: entries, truncated });
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.error };
    throw error;
  }
}

async function previewEntry(executor: Executor, tenantId: string, d: CustomerDunning, setup: DunningSetup): Promise<DunningPreviewEntry> {
  const paused = d.items.flatMap((i) => (i.pausedBy && i.openMinor > 0n ? [{ invoiceId: i.invoiceId, number: i.number, openMinor: i.openMinor, currency: i.currency, pausedBy: i.pausedBy }] : []));
  const base = { customerId: d.person.id, customerName: d.person.name, policyId: d.policyRow.id, policyName: d.policyRow.name, paused };
  const { decision } = d;
  if (!decision.send) {
    // "paused" names what pauses the items: a dispute, a promise or a payment plan (the first of them when mixed).
    const code = decision.code === 'paused' && paused[0] ? (`paused_${paused[0].pausedBy}` as const) : decision.code;
    return { ...base, outcome: 'skip', reason: { code, detail: decision.reason }, level: null, levelName: null, channel: null, subject: null, escalations: [], totals: {}, lines: [] };
  }
  const message = await dunningMessage(executor, tenantId, { ...d, decision }, setup);
  return {
    ...base,
    outcome: d.pilot ? 'pilot' : 'send',
    reason: d.pilot ? { code: 'pilot', detail: 'pilot customer or policy: recorded as "would have sent", nothing is sent' } : null,
    level: decision.level,
    levelName: decision.levelName,
    channel: d.channel,
    subject: message.subject,
    escalations: d.pilot ? [] : decision.escalations,
    totals: decision.totals,
    lines: decision.lines.map((l) => ({ invoiceId: l.invoiceId, number: l.number, currency: l.currency, dueDate: l.dueDate, openMinor: l.openMinor, daysPastDue: l.daysPastDue, level: l.level, escalated: l.escalated })),
  };
}

async function escalate(tx: Transaction, tenantId: string, person: CustomerForDunning, action: (typeof escalationActions)[number], decision: Extract<DunningDecision, { send: true }>, policy: DunningPolicy, asOf: string, activities: (typeof collectionActivities.$inferInsert)[]) {
  const note = (summary: string) => activities.push({ id: newId(), tenantId, customerId: person.id, kind: 'escalation', occurredOn: asOf, actor: 'system:dunning', summary, details: { action, level: decision.level } });
  if (action === 'credit_hold') {
    const [before] = await tx.select({ blocked: customers.blockedForOrders }).from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, person.id))).for('update');
    if (before && !before.blocked) {
      await tx.update(customers).set({ blockedForOrders: true }).where(and(eq(customers.tenantId, tenantId), eq(customers.id, person.id)));
      await recordAudit(tx, system(tenantId), 'customer.credit_hold', { type: 'customer', id: person.id }, { blockedForOrders: false }, { blockedForOrders: true, reason: `dunning level ${decision.level}` });
    }
    note(`Account put on credit hold: ${decision.levelName}`);
  } else if (action === 'notify_collector') {
    await notifyTenant(tx, tenantId, 'collector', 'dunning_escalation', `${person.name} reached ${decision.levelName} (level ${decision.level})`);
    note(`Collector notified: ${decision.levelName}`);
  } else if (action === 'agency_handover') {
    note(`Handed over to the collection agency: ${decision.lines.map((l) => l.number).join(', ')} (see the agency export)`);
  } else {
    // The dunning charge of the highest level reached with this escalation, invoiced with the message (exactly once:
    // it is written in the notice's transaction). Interest on overdue amounts is charged separately by the late-fee run.
    const level = [...policy.levels].reverse().find((l) => l.level <= decision.level && l.escalations.includes('late_fee'));
    const fee = level?.feeMinor ?? 0n;
    const currency = decision.lines[0]?.currency;
    if (fee > 0n && currency) {
      const invoice = await createAndIssueInvoice(
        tx,
        system(tenantId),
        {
          customerId: person.id,
          paymentTermsDays: 14,
          memo: `Dunning charge: ${decision.levelName}`,
          lines: [{ description: `Dunning charge (${decision.levelName}) for ${decision.lines.map((l) => l.number).join(', ')}`, quantity: '1', unitPriceMinor: Number(fee), taxRatePercent: '0' }],
        },
        asOf,
        { incomeAccount: 'late_fee_income' },
      );
      note(`Dunning charge of ${formatMinor(fee, currency)} ${currency} invoiced as ${invoice.number}`);
    } else {
      note(`Late fee escalation: interest and fees follow the tenant's late-fee policy for ${decision.lines.filter((l) => l.daysPastDue > 0).map((l) => l.number).join(', ')}`);
    }
  }
}

/**
 * Promise checks for asOf: a promise whose date has passed is kept when the customer paid at least the promised amount
 * between making it and its date (allocations and unapplied cash received), else broken — which ends its pause, so the
 * dunning run later that day escalates again. Exactly once: a promise is decided once (its status changes).
 */
export async function checkPromises(db: Database, tenantId: string, asOf: string): Promise<Record<string, unknown>> {
  const due = await db.select().from(promisesToPay).where(and(eq(promisesToPay.tenantId, tenantId), eq(promisesToPay.status, 'open'), sql`${promisesToPay.promisedOn} < ${asOf}`));
  let kept = 0;
  let broken = 0;
  for (const promise of due) {
    const result = await inTransaction(db, async (tx) => {
      const [paid] = await queryRows<{ paid: unknown }>(
        tx,
        sql`select coalesce(sum(amount_minor), 0)::text as paid from payments
             where tenant_id = ${tenantId} and customer_id = ${promise.customerId} and currency = ${promise.currency} and status = 'received'
               and value_date >= ${promise.madeOn} and value_date <= ${promise.promisedOn}`,
      );
      const paidMinor = toBigInt(paid?.paid);
      const status = paidMinor >= promise.amountMinor ? 'kept' : 'broken';
      const [changed] = await tx.update(promisesToPay).set({ status, paidMinor, checkedOn: asOf }).where(and(eq(promisesToPay.id, promise.id), eq(promisesToPay.status, 'open'))).returning();
      if (!changed) return 'already';
      const money = (m: bigint) => `${formatMinor(m, promise.currency)} ${promise.currency}`;
      await tx.insert(collectionActivities).values({
        id: newId(), tenantId, customerId: promise.customerId, kind: status === 'kept' ? 'promise_kept' : 'promise_broken', occurredOn: asOf, actor: 'system:daily-run',
        summary: status === 'kept' ? `Promise kept: ${money(paidMinor)} paid by ${promise.promisedOn}` : `Promise broken: ${money(paidMinor)} of ${money(promise.amountMinor)} paid by ${promise.promisedOn}`,
        details: { promiseId: promise.id },
      });
      if (status === 'broken') await notifyTenant(tx, tenantId, 'collector', 'promise_broken', `A promise to pay ${money(promise.amountMinor)} by ${promise.promisedOn} was broken`);
      return status;
    });
    if (result.ok && result.value === 'kept') kept++;
    if (result.ok && result.value === 'broken') broken++;
  }
  return { kept, broken };
}

// ---- what people do: promises, disputes, activities ----

async function customerOf(executor: Executor, tenantId: string, customerId: string) {
  const [row] = await executor.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  if (!row) throw new DomainFailure({ code: 'not_found', message: `no customer ${customerId}` });
  return row;
}

export async function recordPromise(db: Database, actor: Actor, customerId: string, input: { amountMinor: number; currency: string; promisedOn: string; madeOn: string; invoiceIds: string[]; note?: string | undefined }): Promise<Result<PromiseRow>> {
  return inTransaction(db, async (tx) => {
    await customerOf(tx, actor.tenantId, customerId);
    if (input.promisedOn < input.madeOn) throw new DomainFailure({ code: 'validation_failed', message: 'a promise is for a later date', fieldErrors: [{ pointer: '/promisedOn', detail: `on or after ${input.madeOn}` }] });
    if (input.invoiceIds.length > 0) {
      const found = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.tenantId, actor.tenantId), eq(invoices.customerId, customerId), inArray(invoices.id, input.invoiceIds)));
      if (found.length !== new Set(input.invoiceIds).size) throw new DomainFailure({ code: 'validation_failed', message: 'the promise names invoices this customer does not have', fieldErrors: [{ pointer: '/invoiceIds', detail: 'unknown invoice for this customer' }] });
    }
    const [row] = await tx
      .insert(promisesToPay)
      .values({ id: newId(), tenantId: actor.tenantId, customerId, amountMinor: BigInt(input.amountMinor), currency: input.currency, promisedOn: input.promisedOn, madeOn: input.madeOn, invoiceIds: input.invoiceIds, status: 'open', madeBy: actor.label, note: input.note ?? null })
      .returning();
    if (!row) throw new Error('no row');
    await tx.insert(collectionActivities).values({ id: newId(), tenantId: actor.tenantId, customerId, kind: 'promise', occurredOn: input.madeOn, actor: actor.label, summary: `Promise to pay ${formatMinor(row.amountMinor, row.currency)} ${row.currency} by ${row.promisedOn}`, details: { promiseId: row.id, note: input.note ?? null } });
    await recordAudit(tx, actor, 'promise.recorded', { type: 'promise', id: row.id }, null, row);
    return row;
  });
}

export async function listPromises(db: Database, actor: Actor, customerId: string): Promise<PromiseRow[]> {
  return db.select().from(promisesToPay).where(and(eq(promisesToPay.tenantId, actor.tenantId), eq(promisesToPay.customerId, customerId))).orderBy(desc(promisesToPay.madeOn), desc(promisesToPay.id));
}

export async function openDispute(db: Database, actor: Actor, input: { invoiceId: string; amountMinor?: number | undefined; reason: (typeof disputes.$inferSelect)['reason']; description: string; openedOn: string; resolveBy?: string | undefined; owner?: string | undefined }): Promise<Result<DisputeRow>> {
  return inTransaction(db, async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(and(eq(invoices.tenantId, actor.tenantId), eq(invoices.id, input.invoiceId)));
    if (!invoice || invoice.kind !== 'invoice' || invoice.status === 'draft') throw new DomainFailure({ code: 'not_found', message: `no issued invoice ${input.invoiceId}` });
    const amount = input.amountMinor === undefined ? invoice.openMinor : BigInt(input.amountMinor);
    if (amount <= 0n || amount > invoice.openMinor) throw new DomainFailure({ code: 'validation_failed', message: `invoice ${invoice.number} has ${invoice.openMinor} open`, fieldErrors: [{ pointer: '/amountMinor', detail: `between 1 and ${invoice.openMinor}` }] });
    const [already] = await tx.select({ id: disputes.id }).from(disputes).where(and(eq(disputes.tenantId, actor.tenantId), eq(disputes.invoiceId, invoice.id), eq(disputes.status, 'open')));
    if (already) throw new DomainFailure({ code: 'invalid_state', message: `invoice ${invoice.number} already has an open dispute (${already.id})` });
    const resolveBy = input.resolveBy ?? new Date(Date.parse(`${input.openedOn}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    const [row] = await tx
      .insert(disputes)
      .values({ id: newId(), tenantId: actor.tenantId, customerId: invoice.customerId, invoiceId: invoice.id, amountMinor: amount, currency: invoice.currency, reason: input.reason, description: input.description, status: 'open', owner: input.owner ?? actor.label, openedOn: input.openedOn, resolveBy })
      .returning();
    if (!row) throw new Error('no row');
    await tx.insert(collectionActivities).values({ id: newId(), tenantId: actor.tenantId, customerId: invoice.customerId, kind: 'dispute', occurredOn: input.openedOn, actor: actor.label, summary: `Dispute opened on ${invoice.number} (${input.reason.replaceAll('_', ' ')}): ${formatMinor(amount, invoice.currency)} ${invoice.currency}`, details: { disputeId: row.id } });
    await recordAudit(tx, actor, 'dispute.opened', { type: 'dispute', id: row.id }, null, row);
    return row;
  });
}

/**
 * Ends a dispute. A credit note or write-off that settles it is issued through invoicing (its id is recorded here);
 * a rejection means the customer owes the amount after all, and dunning of the invoice resumes.
 */
export async function resolveDispute(db: Database, actor: Actor, disputeId: string, input: { outcome: 'resolved_credit_note' | 'resolved_write_off' | 'rejected'; resolvedOn: string; resolution: string; documentId?: string | undefined }): Promise<Result<DisputeRow>> {
  return inTransaction(db, async (tx) => {
    const [dispute] = await tx.select().from(disputes).where(and(eq(disputes.tenantId, actor.tenantId), eq(disputes.id, disputeId))).for('update');
    if (!dispute) throw new DomainFailure({ code: 'not_found', message: `no dispute ${disputeId}` });
    if (dispute.status !== 'open') throw new DomainFailure({ code: 'invalid_state', message: `the dispute is already ${dispute.status.replaceAll('_', ' ')}` });
    if (input.outcome === 'resolved_write_off' && actor.role === 'collector') throw new DomainFailure({ code: 'forbidden', message: 'a collector cannot write off; ask an AR manager' });
    if (input.outcome !== 'rejected') {
      if (!input.documentId) throw new DomainFailure({ code: 'validation_failed', message: 'name the credit note or write-off that settles the dispute', fieldErrors: [{ pointer: '/documentId', detail: 'required unless the dispute is rejected' }] });
      const [document] = await tx.select().from(invoices).where(and(eq(invoices.tenantId, actor.tenantId), eq(invoices.id, input.documentId)));
      const expected = input.outcome === 'resolved_credit_note' ? 'credit_note' : 'write_off';
      if (!document || document.kind !== expected || document.customerId !== dispute.customerId) {
        throw new DomainFailure({ code: 'validation_failed', message: `no ${expected.replace('_', ' ')} ${input.documentId} for this customer`, fieldErrors: [{ pointer: '/documentId', detail: `a ${expected.replace('_', ' ')} of this customer` }] });
      }
    }
    const [after] = await tx.update(disputes).set({ status: input.outcome, resolvedOn: input.resolvedOn, resolution: input.resolution, resolvedByDocumentId: input.documentId ?? null }).where(eq(disputes.id, disputeId)).returning();
    if (!after) throw new Error('no row');
    await tx.insert(collectionActivities).values({ id: newId(), tenantId: actor.tenantId, customerId: dispute.customerId, kind: 'dispute', occurredOn: input.resolvedOn, actor: actor.label, summary: `Dispute ${input.outcome === 'rejected' ? 'rejected; dunning resumes' : input.outcome.replace('resolved_', 'resolved by ').replaceAll('_', ' ')}: ${input.resolution}`, details: { disputeId } });
    await recordAudit(tx, actor, 'dispute.resolved', { type: 'dispute', id: disputeId }, { status: dispute.status }, { status: after.status, resolution: input.resolution });
    return after;
  });
}

export async function listDisputes(db: Database, actor: Actor, filter: { status?: string | undefined; customerId?: string | undefined; afterId?: string | undefined; limit: number }): Promise<DisputeRow[]> {
  const conditions = [eq(disputes.tenantId, actor.tenantId)];
  if (filter.status) conditions.push(eq(disputes.status, filter.status));
  if (filter.customerId) conditions.push(eq(disputes.customerId, filter.customerId));
  if (filter.afterId) conditions.push(gt(disputes.id, filter.afterId));
  return db.select().from(disputes).where(and(...conditions)).orderBy(asc(disputes.id)).limit(filter.limit + 1);
}

export async function logActivity(db: Database, actor: Actor, customerId: string, input: { kind: 'call' | 'email' | 'note'; occurredOn: string; summary: string }): Promise<Result<ActivityRow>> {
  return inTransaction(db, async (tx) => {
    await customerOf(tx, actor.tenantId, customerId);
    const [row] = await tx.insert(collectionActivities).values({ id: newId(), tenantId: actor.tenantId, customerId, kind: input.kind, occurredOn: input.occurredOn, actor: actor.label, summary: input.summary }).returning();
    if (!row) throw new Error('no row');
    return row;
  });
}

export interface TimelineEntry {
  on: string;
  kind: string;
  summary: string;
  actor: string | null;
  reference: { type: string; id: string };
}

/** Everything that happened with a customer, newest first: invoices, payments, messages, calls, promises, disputes. */
export async function customerTimeline(db: Database, actor: Actor, customerId: string, limit: number): Promise<Result<TimelineEntry[]>> {
  const [customer] = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
  if (!customer) return fail('not_found', `no customer ${customerId}`);
  const rows = await queryRows<{ on: string; kind: string; summary: string; actor: string | null; ref_type: string; ref_id: string; seq: string }>(
    db,
    sql`select * from (
          select issue_date::text as on, kind::text as kind,
                 (case kind when 'invoice' then 'Invoice ' else replace(kind, '_', ' ') || ' ' end) || coalesce(number, '') || ': ' || total_minor::text || ' ' || currency as summary,
                 null::text as actor, 'invoice' as ref_type, id::text as ref_id, created_at::text as seq
            from ${invoices} where tenant_id = ${actor.tenantId} and customer_id = ${customerId} and status <> 'draft'
          union all
          select value_date::text, 'payment', 'Payment ' || method || ': ' || amount_minor::text || ' ' || currency || case when status = 'reversed' then ' (reversed ' || reversed_on::text || ')' else '' end,
                 null, 'payment', id::text, created_at::text
            from payments where tenant_id = ${actor.tenantId} and customer_id = ${customerId}
          union all
          select occurred_on::text, kind, summary, actor, 'activity', id::text, created_at::text
            from ${collectionActivities} where tenant_id = ${actor.tenantId} and customer_id = ${customerId}
        ) t order by t.on desc, t.seq desc limit ${limit}`,
  );
  return ok(rows.map((r) => ({ on: r.on, kind: r.kind, summary: r.summary, actor: r.actor, reference: { type: r.ref_type, id: r.ref_id } })));
}

export async function listNotices(db: Database, actor: Actor, filter: { customerId?: string | undefined; asOf?: string | undefined; limit: number }): Promise<DunningNoticeRow[]> {
  const conditions = [eq(dunningNotices.tenantId, actor.tenantId)];
  if (filter.customerId) conditions.push(eq(dunningNotices.customerId, filter.customerId));
  if (filter.asOf) conditions.push(eq(dunningNotices.asOf, filter.asOf));
  return db.select().from(dunningNotices).where(and(...conditions)).orderBy(desc(dunningNotices.asOf), asc(dunningNotices.customerId)).limit(filter.limit);
}

// ---- portfolios and the collector worklist ----

export type PortfolioRuleRow = typeof collectorPortfolioRules.$inferSelect;

/** Rules per tenant: a handful per collector is usual; more is a sign the segments need rethinking. */
export const portfolioRulesMax = 200;

export interface PortfolioRuleInput {
  collector: string;
  segment: string | null;
  countryCode: string | null;
  minBalanceMinor: number | null;
  maxBalanceMinor: number | null;
  priority: number;
}

export async function listPortfolioRules(db: Database, actor: Actor): Promise<PortfolioRuleRow[]> {
  return db.select().from(collectorPortfolioRules).where(eq(collectorPortfolioRules.tenantId, actor.tenantId)).orderBy(asc(collectorPortfolioRules.priority));
}

/** Replaces the tenant's portfolio rules with these (one priority each). Hand assignments are untouched. */
export async function replacePortfolioRules(db: Database, actor: Actor, rules: readonly PortfolioRuleInput[]): Promise<Result<PortfolioRuleRow[]>> {
  const faults: Array<{ pointer: string; detail: string }> = [];
  const seen = new Map<number, number>();
  rules.forEach((r, i) => {
    const earlier = seen.get(r.priority);
    if (earlier !== undefined) faults.push({ pointer: `/rules/${i}/priority`, detail: `priority ${r.priority} is already used by rule ${earlier}` });
    seen.set(r.priority, i);
    if (r.minBalanceMinor !== null && r.maxBalanceMinor !== null && r.minBalanceMinor > r.maxBalanceMinor) faults.push({ pointer: `/rules/${i}/maxBalanceMinor`, detail: 'must not be below minBalanceMinor' });
  });
  if (rules.length > portfolioRulesMax) faults.push({ pointer: '/rules', detail: `at most ${portfolioRulesMax} rules` });
  if (faults.length > 0) return fail('validation_failed', 'the portfolio rules are not usable', faults);
  return inTransaction(db, async (tx) => {
    const before = await tx.delete(collectorPortfolioRules).where(eq(collectorPortfolioRules.tenantId, actor.tenantId)).returning();
    const rows = rules.length === 0 ? [] : await tx
      .insert(collectorPortfolioRules)
      .values(rules.map((r) => ({ id: newId(), tenantId: actor.tenantId, collector: r.collector, segment: r.segment, countryCode: r.countryCode, minBalanceMinor: r.minBalanceMinor === null ? null : BigInt(r.minBalanceMinor), maxBalanceMinor: r.maxBalanceMinor === null ? null : BigInt(r.maxBalanceMinor), priority: r.priority })))
      .returning();
    await recordAudit(tx, actor, 'collector_portfolio_rules.replaced', { type: 'tenant', id: actor.tenantId }, { rules: before.map(ruleForAudit) }, { rules: rows.map(ruleForAudit) });
    return rows.sort((a, b) => a.priority - b.priority);
  });
}

const ruleForAudit = (r: PortfolioRuleRow) => ({ collector: r.collector, segment: r.segment, countryCode: r.countryCode, minBalanceMinor: r.minBalanceMinor?.toString() ?? null, maxBalanceMinor: r.maxBalanceMinor?.toString() ?? null, priority: r.priority });

/**
 * Every customer of the tenant with its collector: the one assigned by hand, else the first portfolio rule (by
 * priority) whose segment, country and balance bounds all hold, else none. The balance is the customer's open
 * balance of issued invoices in its own currency. One grouped statement for the whole tenant.
 */
function portfolioSql(tenantId: string) {
  return sql`
    select c.id as customer_id, c.name, c.risk_class,
           coalesce(s.collector, r.collector) as collector,
           case when s.collector is not null then 'manual' when r.collector is not null then 'rule' end as assigned_by
      from ${customers} c
      left join ${customerCollectionSettings} s on s.tenant_id = c.tenant_id and s.customer_id = c.id
      left join (select i.customer_id, i.currency, sum(i.open_minor) as balance
                   from ${invoices} i
                  where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status in ('open', 'partially_paid') and i.open_minor > 0
                  group by i.customer_id, i.currency) b on b.customer_id = c.id and b.currency = c.currency
      left join lateral (
        select p.collector from ${collectorPortfolioRules} p
         where p.tenant_id = c.tenant_id
           and (p.segment is null or p.segment = c.segment)
           and (p.country_code is null or p.country_code = c.country_code)
           and (p.min_balance_minor is null or coalesce(b.balance, 0) >= p.min_balance_minor)
           and (p.max_balance_minor is null or coalesce(b.balance, 0) <= p.max_balance_minor)
         order by p.priority limit 1) r on true
     where c.tenant_id = ${tenantId}`;
}

/**
 * The collector name of an actor: the name of their API key (the name hand assignments and portfolio rules use),
 * or the actor's label when the actor is not a key (the CLI, the system).
 */
export async function collectorNameOf(db: Database, actor: Actor): Promise<string> {
  const prefix = actor.label.startsWith('api_key:') ? actor.label.slice('api_key:'.length) : undefined;
  if (!prefix) return actor.label;
  const key = (await listApiKeys(db, actor)).find((k) => k.keyPrefix === prefix);
  return key?.name ?? actor.label;
}

/** Items per worklist response. */
export const worklistLimitMax = 500;

export interface WorklistItem {
  customerId: string;
  customerName: string;
  collector: string | null;
  assignedBy: 'manual' | 'rule' | null;
  riskClass: RiskClass;
  score: bigint;
  rankingCurrency: string | null;
  reasons: string[];
  overdue: Array<{ currency: string; totalMinor: bigint; bands: Array<{ band: DaysPastDueBand; amountMinor: bigint }> }>;
  nextPromisedOn: string | null;
  openDisputes: number;
  lastContactOn: string | null;
}

export interface Worklist {
  asOf: string;
  /** whose accounts: a collector's name, 'unassigned', or null for everybody's */
  collector: string | null;
  /** accounts needing work in this selection (the items are the first `limit` after `offset`) */
  total: number;
  items: WorklistItem[];
}

/** Activities that count as contact with the customer: a person spoke or wrote to them (automatic reminders do not). */
const contactKinds = ['call', 'email', 'letter', 'promise', 'payment_plan'] as const;

/**
 * The accounts to work on asOf, ranked by rankWorklist (see worklist.ts for the formula). A collector gets their own
 * portfolio and nobody else's; admins, AR managers and viewers may ask for any collector, 'unassigned', or everybody.
 * What the collector chases is overdue money that is neither disputed nor in an active payment plan; open balances
 * are the current ones, measured against asOf (days past due, promises due, dispute deadlines), as in the dunning run.
 * Grouped statements over the selection, never one query per customer.
 */
export async function collectorWorklist(db: Database, actor: Actor, query: { collector?: string | undefined; asOf: string; limit: number; offset: number }): Promise<Result<Worklist>> {
  let collector: string | null = query.collector ?? null;
  if (actor.role === 'collector') {
    const own = await collectorNameOf(db, actor);
    if (collector !== null && collector !== own && collector !== actor.label) return fail('forbidden', 'a collector sees only their own worklist');
    collector = own;
  }
  const tenant = await findTenant(db, actor.tenantId);
  if (!tenant) return fail('not_found', `no tenant ${actor.tenantId}`);
  const tenantId = actor.tenantId;
  const asOf = query.asOf;
  const w = defaultRankingWeights;
  const selection = collector === null ? sql`true` : collector === 'unassigned' ? sql`a.collector is null` : sql`a.collector = ${collector}`;
  const rows = await queryRows<{
    customer_id: string; name: string; risk_class: string; collector: string | null; assigned_by: 'manual' | 'rule' | null;
    overdue: Array<{ currency: string; band: DaysPastDueBand; amountMinor: string }> | null;
    promises_today: Array<{ amountMinor: string; currency: string }> | null; next_promised_on: string | null;
    broken: Array<{ on: string; kind: 'promise' | 'payment_plan' }> | null;
    disputes_near: Array<{ invoiceNumber: string; resolveBy: string }> | null; open_disputes: number | string | null;
    last_contact_on: string | null; risk_score: number | null;
  }>(
    db,
    sql`with a as (${portfolioSql(tenantId)}),
        paused as (
          select d.invoice_id from ${disputes} d where d.tenant_id = ${tenantId} and d.status = 'open'
          union
          select (jsonb_array_elements_text(p.invoice_ids))::uuid from ${paymentPlans} p where p.tenant_id = ${tenantId} and p.status = 'active'
        ),
        overdue as (
          select customer_id, jsonb_agg(jsonb_build_object('currency', currency, 'band', band, 'amountMinor', amount::text) order by currency, band) as overdue
            from (select i.customer_id, i.currency,
                         case when ${asOf}::date - i.due_date <= 30 then '1-30' when ${asOf}::date - i.due_date <= 60 then '31-60' when ${asOf}::date - i.due_date <= 90 then '61-90' else '91+' end as band,
                         sum(i.open_minor) as amount
                    from ${invoices} i
                   where i.tenant_id = ${tenantId} and i.kind = 'invoice' and i.status in ('open', 'partially_paid') and i.open_minor > 0
                     and i.issue_date <= ${asOf} and i.due_date < ${asOf}
                     and not exists (select 1 from paused x where x.invoice_id = i.id)
                   group by 1, 2, 3) banded
           group by customer_id
        ),
        promised as (
          select customer_id,
                 jsonb_agg(jsonb_build_object('amountMinor', amount_minor::text, 'currency', currency)) filter (where promised_on = ${asOf}) as promises_today,
                 min(promised_on)::text as next_promised_on
            from ${promisesToPay} where tenant_id = ${tenantId} and status = 'open' and promised_on >= ${asOf} and made_on <= ${asOf}
           group by customer_id
        ),
        broken as (
          select customer_id, jsonb_agg(jsonb_build_object('on', on_date::text, 'kind', kind)) as broken
            from (select customer_id, promised_on as on_date, 'promise' as kind from ${promisesToPay}
                   where tenant_id = ${tenantId} and status = 'broken' and promised_on <= ${asOf} and promised_on > ${asOf}::date - ${w.brokenPromiseWindowDays}::int
                  union all
                  select customer_id, ended_on, 'payment_plan' from ${paymentPlans}
                   where tenant_id = ${tenantId} and status = 'broken' and ended_on <= ${asOf} and ended_on > ${asOf}::date - ${w.brokenPromiseWindowDays}::int) b
           group by customer_id
        ),
        disputed as (
          select d.customer_id, count(*) as open_disputes,
                 jsonb_agg(jsonb_build_object('invoiceNumber', coalesce(i.number, ''), 'resolveBy', d.resolve_by::text)) filter (where d.resolve_by <= ${asOf}::date + ${w.disputeSlaWindowDays}::int) as disputes_near
            from ${disputes} d join ${invoices} i on i.id = d.invoice_id
           where d.tenant_id = ${tenantId} and d.status = 'open' and d.opened_on <= ${asOf}
           group by d.customer_id
        ),
        contact as (
          select customer_id, max(occurred_on)::text as last_contact_on from ${collectionActivities}
           where tenant_id = ${tenantId} and occurred_on <= ${asOf} and kind in (${sql.join(contactKinds.map((k) => sql`${k}`), sql`, `)})
           group by customer_id
        )
        select a.customer_id::text as customer_id, a.name, a.risk_class, a.collector, a.assigned_by,
               o.overdue, p.promises_today, p.next_promised_on, b.broken, d.disputes_near, d.open_disputes, k.last_contact_on, rs.score as risk_score
          from a
          left join overdue o on o.customer_id = a.customer_id
          -- the risk score written by the daily run (analytics), when one was computed by asOf
          left join customer_risk_scores rs on rs.tenant_id = ${tenantId} and rs.customer_id = a.customer_id and rs.computed_on <= ${asOf}
          left join promised p on p.customer_id = a.customer_id
          left join broken b on b.customer_id = a.customer_id
          left join disputed d on d.customer_id = a.customer_id
          left join contact k on k.customer_id = a.customer_id
         where (${selection})
           and (o.overdue is not null or p.promises_today is not null or b.broken is not null or d.disputes_near is not null)`,
  );
  const accounts = rows.map((r) => ({
    customerId: r.customer_id,
    customerName: r.name,
    overdue: (r.overdue ?? []).map((o) => ({ currency: o.currency, band: o.band, amountMinor: BigInt(o.amountMinor) })),
    riskClass: (riskClasses as readonly string[]).includes(r.risk_class) ? (r.risk_class as RiskClass) : 'medium',
    riskScore: r.risk_score === null ? null : Number(r.risk_score),
    promisesDueToday: (r.promises_today ?? []).map((p) => ({ amountMinor: BigInt(p.amountMinor), currency: p.currency })),
    brokenPromises: r.broken ?? [],
    openDisputes: r.disputes_near ?? [],
    lastContactOn: r.last_contact_on,
    row: r,
  }));
  // Cashloop keeps no exchange rates yet: each account is ranked in its own currency's minor units (see worklist.ts).
  const ranked = rankWorklist(accounts, asOf, { baseCurrency: tenant.baseCurrency });
  const items = ranked.slice(query.offset, query.offset + query.limit).map(({ account, ranking }): WorklistItem => {
    const byCurrency = new Map<string, WorklistItem['overdue'][number]>();
    for (const o of account.overdue) {
      const entry = byCurrency.get(o.currency) ?? { currency: o.currency, totalMinor: 0n, bands: [] };
      entry.totalMinor += o.amountMinor;
      entry.bands.push({ band: o.band, amountMinor: o.amountMinor });
      byCurrency.set(o.currency, entry);
    }
    return {
      customerId: account.customerId, customerName: account.customerName, collector: account.row.collector, assignedBy: account.row.assigned_by, riskClass: account.riskClass,
      score: ranking.score, rankingCurrency: ranking.rankingCurrency, reasons: ranking.reasons, overdue: [...byCurrency.values()],
      nextPromisedOn: account.row.next_promised_on, openDisputes: Number(account.row.open_disputes ?? 0), lastContactOn: account.lastContactOn,
    };
  });
  return ok({ asOf, collector, total: ranked.length, items });
}

// ---- payment plans ----

export type PaymentPlanRow = typeof paymentPlans.$inferSelect;
export type InstalmentRow = typeof paymentPlanInstalments.$inferSelect;
export type PaymentPlanWithInstalments = PaymentPlanRow & { instalments: InstalmentRow[] };

export interface PaymentPlanInput {
  /** the overdue invoices to include; none named = all of the customer's overdue invoices in the plan's currency */
  invoiceIds: string[];
  currency?: string | undefined;
  instalments: number;
  frequency: PlanFrequency;
  firstDueOn: string;
  interestPercent?: string | undefined;
  autopay: boolean;
  createdOn: string;
  note?: string | undefined;
}

/**
 * Puts some or all of a customer's overdue invoices on a payment plan: their open amounts are the principal, split
 * by buildPaymentSchedule. An invoice under an open dispute or already in an active plan cannot be included. From
 * now on the invoices are left out of dunning until the plan is completed, broken or cancelled.
 */
export async function createPaymentPlan(db: Database, actor: Actor, customerId: string, input: PaymentPlanInput): Promise<Result<PaymentPlanWithInstalments>> {
  return inTransaction(db, async (tx) => {
    const customer = await customerOf(tx, actor.tenantId, customerId);
    const currency = input.currency ?? customer.currency;
    const named = [...new Set(input.invoiceIds)];
    // Invoices locked in id order (as everywhere): a payment or another plan on them waits for this one.
    const candidates = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, actor.tenantId), eq(invoices.customerId, customerId), named.length > 0 ? inArray(invoices.id, named) : and(eq(invoices.kind, 'invoice'), eq(invoices.currency, currency), inArray(invoices.status, ['open', 'partially_paid']), gt(invoices.openMinor, 0n), sql`${invoices.dueDate} < ${input.createdOn}`)))
      .orderBy(asc(invoices.id))
      .for('update');
    const refuse = (detail: string) => new DomainFailure({ code: 'validation_failed', message: 'these invoices cannot go on a payment plan', fieldErrors: [{ pointer: '/invoiceIds', detail }] });
    if (named.length > 0 && candidates.length !== named.length) throw refuse('unknown invoice for this customer');
    if (candidates.length === 0) throw refuse(`the customer has nothing overdue in ${currency} on ${input.createdOn}`);
    for (const i of candidates) {
      if (i.kind !== 'invoice' || !['open', 'partially_paid'].includes(i.status) || i.openMinor <= 0n) throw refuse(`${i.number ?? i.id} is not open`);
      if (i.currency !== currency) throw refuse(`${i.number ?? i.id} is in ${i.currency}, the plan in ${currency}`);
      if (!i.dueDate || i.dueDate >= input.createdOn) throw refuse(`${i.number ?? i.id} is not overdue on ${input.createdOn}`);
    }
    const ids = candidates.map((i) => i.id);
    const [disputed] = await tx.select({ id: disputes.invoiceId }).from(disputes).where(and(eq(disputes.tenantId, actor.tenantId), eq(disputes.status, 'open'), inArray(disputes.invoiceId, ids))).limit(1);
    if (disputed) throw refuse(`${candidates.find((i) => i.id === disputed.id)?.number ?? disputed.id} is disputed: resolve the dispute first`);
    const [planned] = await queryRows<{ invoice_id: string }>(
      tx,
      sql`select x.invoice_id from ${paymentPlans} p cross join lateral jsonb_array_elements_text(p.invoice_ids) as x(invoice_id)
           where p.tenant_id = ${actor.tenantId} and p.customer_id = ${customerId} and p.status = 'active' and x.invoice_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) limit 1`,
    );
    if (planned) throw new DomainFailure({ code: 'conflict', message: `${candidates.find((i) => i.id === planned.invoice_id)?.number ?? planned.invoice_id} is already on an active payment plan` });
    const interest = input.interestPercent === undefined ? null : parseDecimal(input.interestPercent);
    if (interest === undefined) throw new DomainFailure({ code: 'validation_failed', message: 'the interest rate is not a number', fieldErrors: [{ pointer: '/interestPercent', detail: 'a decimal such as "8" or "7.5"' }] });
    const principalMinor = candidates.reduce((s, i) => s + i.openMinor, 0n);
    const schedule = buildPaymentSchedule({ principalMinor, instalments: input.instalments, frequency: input.frequency, startOn: input.createdOn, firstDueOn: input.firstDueOn, interestPercent: interest });
    if (!schedule.ok) throw new DomainFailure(schedule.error);
    const [plan] = await tx
      .insert(paymentPlans)
      .values({ id: newId(), tenantId: actor.tenantId, customerId, currency, totalMinor: principalMinor, interestPercent: interest && interest.units > 0n ? input.interestPercent ?? null : null, status: 'active', createdOn: input.createdOn, autopay: input.autopay, invoiceIds: ids, createdBy: actor.label, note: input.note ?? null })
      .returning();
    if (!plan) throw new Error('no row');
    const instalments = await tx
      .insert(paymentPlanInstalments)
      .values(schedule.value.map((i) => ({ tenantId: actor.tenantId, planId: plan.id, number: i.number, dueOn: i.dueOn, amountMinor: i.amountMinor, interestMinor: i.interestMinor, paidMinor: 0n, status: 'open' })))
      .returning();
    const interestTotal = schedule.value.reduce((s, i) => s + i.interestMinor, 0n);
    await tx.insert(collectionActivities).values({
      id: newId(), tenantId: actor.tenantId, customerId, kind: 'payment_plan', occurredOn: input.createdOn, actor: actor.label,
      summary: `Payment plan: ${formatMinor(principalMinor, currency)} ${currency} in ${input.instalments} ${input.frequency} instalment(s) from ${input.firstDueOn}${interestTotal > 0n ? ` plus ${formatMinor(interestTotal, currency)} ${currency} interest` : ''} (${candidates.map((i) => i.number).join(', ')})`,
      details: { planId: plan.id },
    });
    await recordAudit(tx, actor, 'payment_plan.created', { type: 'payment_plan', id: plan.id }, null, { ...plan, instalments: schedule.value });
    return { ...plan, instalments: instalments.sort((a, b) => a.number - b.number) };
  });
}

async function withInstalments(executor: Executor, tenantId: string, plans: PaymentPlanRow[]): Promise<PaymentPlanWithInstalments[]> {
  if (plans.length === 0) return [];
  const rows = await executor.select().from(paymentPlanInstalments).where(and(eq(paymentPlanInstalments.tenantId, tenantId), inArray(paymentPlanInstalments.planId, plans.map((p) => p.id)))).orderBy(asc(paymentPlanInstalments.planId), asc(paymentPlanInstalments.number));
  return plans.map((p) => ({ ...p, instalments: rows.filter((r) => r.planId === p.id) }));
}

/** Plans listed per customer; a customer has a few over its life. */
const plansPerCustomerMax = 200;

export async function listPaymentPlans(db: Database, actor: Actor, customerId: string): Promise<Result<PaymentPlanWithInstalments[]>> {
  const [customer] = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
  if (!customer) return fail('not_found', `no customer ${customerId}`);
  const plans = await db.select().from(paymentPlans).where(and(eq(paymentPlans.tenantId, actor.tenantId), eq(paymentPlans.customerId, customerId))).orderBy(desc(paymentPlans.createdOn), desc(paymentPlans.id)).limit(plansPerCustomerMax);
  return ok(await withInstalments(db, actor.tenantId, plans));
}

/** Ends an active plan by agreement: its invoices go back to dunning from the next run. */
export async function cancelPaymentPlan(db: Database, actor: Actor, planId: string, input: { cancelledOn: string; reason: string }): Promise<Result<PaymentPlanWithInstalments>> {
  return inTransaction(db, async (tx) => {
    const [plan] = await tx.select().from(paymentPlans).where(and(eq(paymentPlans.tenantId, actor.tenantId), eq(paymentPlans.id, planId))).for('update');
    if (!plan) throw new DomainFailure({ code: 'not_found', message: `no payment plan ${planId}` });
    if (plan.status !== 'active') throw new DomainFailure({ code: 'invalid_state', message: `the payment plan is already ${plan.status}` });
    const [after] = await tx.update(paymentPlans).set({ status: 'cancelled', endedOn: input.cancelledOn }).where(eq(paymentPlans.id, plan.id)).returning();
    if (!after) throw new Error('no row');
    await tx.insert(collectionActivities).values({ id: newId(), tenantId: actor.tenantId, customerId: plan.customerId, kind: 'payment_plan', occurredOn: input.cancelledOn, actor: actor.label, summary: `Payment plan cancelled; dunning resumes: ${input.reason}`, details: { planId: plan.id } });
    await recordAudit(tx, actor, 'payment_plan.cancelled', { type: 'payment_plan', id: plan.id }, { status: plan.status }, { status: after.status, reason: input.reason });
    const [full] = await withInstalments(tx, actor.tenantId, [after]);
    return full as PaymentPlanWithInstalments;
  });
}

/** Active plans checked per chunk: their instalments and payments are loaded with one statement each. */
const plansPerChunk = 500;

/**
 * The daily check of payment plans on asOf (checkInstalments): an instalment whose due date has passed is paid when
 * the customer's payments in the plan's currency since the plan began (received, dated on or before the due date)
 * cover every instalment due so far, else it is missed and the plan is broken — its invoices resume dunning, the
 * collector is told and the log says so. All instalments paid completes the plan. Exactly once: an instalment
 * changes only from open and a plan only from active, in one transaction per plan.
 */
export async function checkPaymentPlans(db: Database, tenantId: string, asOf: string, heartbeat: () => Promise<void> = async () => undefined): Promise<Record<string, unknown>> {
  const counts = { plansChecked: 0, instalmentsPaid: 0, completed: 0, broken: 0 };
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const plans = await queryRows<{ id: string; customer_id: string; customer_name: string; collector: string | null; currency: string; created_on: string }>(
      db,
      sql`with a as (${portfolioSql(tenantId)})
          select p.id::text as id, p.customer_id::text as customer_id, a.name as customer_name, a.collector, p.currency, p.created_on::text as created_on
            from ${paymentPlans} p join a on a.customer_id = p.customer_id
           where p.tenant_id = ${tenantId} and p.status = 'active' and p.created_on < ${asOf} and p.id > ${afterId}
           order by p.id limit ${plansPerChunk}`,
    );
    if (plans.length === 0) break;
    afterId = plans[plans.length - 1]?.id as string;
    const checks = await instalmentChecksOn(db, tenantId, asOf, plans);
    for (const plan of plans) {
      counts.plansChecked++;
      const found = checks.get(plan.id);
      if (!found) continue;
      const { check, instalments } = found;
      if (check.changes.length === 0 && check.plan === 'active') continue;
      const outcome = await inTransaction(db, async (tx) => {
        const [locked] = await tx.select({ status: paymentPlans.status }).from(paymentPlans).where(eq(paymentPlans.id, plan.id)).for('update');
        if (locked?.status !== 'active') return 'already';
        let paid = 0;
        for (const change of check.changes) {
          const updated = await tx.update(paymentPlanInstalments).set({ status: change.status, paidMinor: change.paidMinor }).where(and(eq(paymentPlanInstalments.planId, plan.id), eq(paymentPlanInstalments.number, change.number), eq(paymentPlanInstalments.status, 'open'))).returning({ number: paymentPlanInstalments.number });
          if (updated.length > 0 && change.status === 'paid') paid++;
        }
        const money = (m: bigint) => `${formatMinor(m, plan.currency)} ${plan.currency}`;
        if (check.plan === 'broken' && check.missed) {
          await tx.update(paymentPlans).set({ status: 'broken', endedOn: asOf }).where(eq(paymentPlans.id, plan.id));
          const missed = `instalment ${check.missed.number} of ${money(check.missed.dueMinor)} due ${check.missed.dueOn}, ${money(check.missed.paidMinor)} paid by then`;
          await tx.insert(collectionActivities).values({ id: newId(), tenantId, customerId: plan.customer_id, kind: 'payment_plan_broken', occurredOn: asOf, actor: 'system:daily-run', summary: `Payment plan broken: ${missed}; dunning resumes`, details: { planId: plan.id, instalment: check.missed.number } });
          await notifyTenant(tx, tenantId, 'collector', 'payment_plan_broken', `${plan.customer_name}: payment plan broken (${missed})${plan.collector ? ` — collector ${plan.collector}` : ' — no collector assigned'}`);
        } else if (check.plan === 'completed') {
          await tx.update(paymentPlans).set({ status: 'completed', endedOn: asOf }).where(eq(paymentPlans.id, plan.id));
          await tx.insert(collectionActivities).values({ id: newId(), tenantId, customerId: plan.customer_id, kind: 'payment_plan', occurredOn: asOf, actor: 'system:daily-run', summary: `Payment plan completed: all ${instalments} instalment(s) paid`, details: { planId: plan.id } });
        }
        return { paid, plan: check.plan };
      });
      if (!outcome.ok) throw new Error(`payment plan check failed for ${plan.id}: ${outcome.error.message}`);
      if (outcome.value === 'already') continue;
      counts.instalmentsPaid += outcome.value.paid;
      if (outcome.value.plan === 'completed') counts.completed++;
      if (outcome.value.plan === 'broken') counts.broken++;
    }
    await heartbeat();
  }
  return counts;
}

/** The notice as a printable letter (PDF), for the letter channel or a copy of an email. */
export async function dunningLetterFor(db: Database, actor: Actor, noticeId: string): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  const [notice] = await db.select().from(dunningNotices).where(and(eq(dunningNotices.tenantId, actor.tenantId), eq(dunningNotices.id, noticeId)));
  if (!notice) return fail('not_found', `no dunning notice ${noticeId}`);
  const [customer] = await db.select().from(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, notice.customerId)));
  const tenant = await findLetterhead(db, actor.tenantId);
  if (!customer || !tenant) return fail('not_found', 'no customer for this notice');
  const [policy] = await db.select().from(dunningPolicies).where(eq(dunningPolicies.id, notice.policyId));
  const levels = (policy?.definition as DunningPolicyInput | undefined)?.levels.length ?? 0;
  const lines = notice.lines as Array<{ number: string; dueDate: string; daysPastDue: number; openMinor: string; currency: string; paymentReference?: string }>;
  const pdf = await dunningLetterPdf({
    company: tenant,
    customer,
    date: notice.asOf,
    title: notice.levelName,
    language: customer.language === 'de' ? 'de' : 'en',
    items: lines.map((l) => ({ number: l.number, dueDate: l.dueDate, daysPastDue: l.daysPastDue, openMinor: BigInt(l.openMinor), currency: l.currency, paymentReference: l.paymentReference ?? l.number })),
    totals: Object.entries(notice.totals as Record<string, string>).map(([currency, amount]) => ({ currency, amountMinor: BigInt(amount) })),
    final: levels > 1 && notice.level === levels,
  });
  return ok({ fileName: `dunning-${notice.asOf}-${customer.name.replace(/[^\w-]+/g, '-')}.pdf`, pdf });
}

/**
 * Accounts handed over to the collection agency (the agency_handover escalation) between two dates, as CSV rows:
 * one per item, with the customer's details the agency needs.
 */
export async function agencyHandoverRows(db: Database, actor: Actor, from: string, to: string): Promise<string[][]> {
  const notices = await db
    .select({ notice: dunningNotices, customer: customers })
    .from(dunningNotices)
    .innerJoin(customers, eq(customers.id, dunningNotices.customerId))
    .where(and(eq(dunningNotices.tenantId, actor.tenantId), sql`${dunningNotices.asOf} between ${from} and ${to}`, sql`${dunningNotices.escalations} ? 'agency_handover'`))
    .orderBy(asc(dunningNotices.asOf), asc(customers.name));
  const rows: string[][] = [['handed_over_on', 'customer', 'customer_tax_id', 'address', 'email', 'invoice', 'due_date', 'days_past_due', 'open_amount', 'currency', 'payment_reference']];
  for (const { notice, customer } of notices) {
    for (const l of notice.lines as Array<{ number: string; dueDate: string; daysPastDue: number; openMinor: string; currency: string; paymentReference?: string }>) {
      rows.push([
        notice.asOf, customer.name, customer.taxId ?? '', [customer.addressLine, customer.postalCode, customer.city, customer.countryCode].filter(Boolean).join(', '), customer.email ?? '',
        l.number, l.dueDate, String(l.daysPastDue), formatMinor(BigInt(l.openMinor), l.currency), l.currency, l.paymentReference ?? l.number,
      ]);
    }
  }
  return rows;
}

/** A dispute's history: opened, every status change and note, oldest first (from the activity log). */
export async function disputeHistory(db: Database, actor: Actor, disputeId: string): Promise<Result<ActivityRow[]>> {
  const [dispute] = await db.select({ id: disputes.id }).from(disputes).where(and(eq(disputes.tenantId, actor.tenantId), eq(disputes.id, disputeId)));
  if (!dispute) return fail('not_found', `no dispute ${disputeId}`);
  return ok(await db.select().from(collectionActivities).where(and(eq(collectionActivities.tenantId, actor.tenantId), sql`${collectionActivities.details}->>'disputeId' = ${disputeId}`)).orderBy(asc(collectionActivities.createdAt)));
}
