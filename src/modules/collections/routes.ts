import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, currencyCode, decodeCursor, idParam, minorToJson, nonNegativeAmountMinor, pageOf, pageQuery, pageSchema, positiveAmountMinor, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import { maxInstalments, planFrequencies } from './payment-plan.js';
import { disputeReasons, disputeStatuses, instalmentStatuses, paymentPlanStatuses } from './schema.js';
import { csvRow } from '../exports/csv.js';
import {
  agencyHandoverRows,
  disputeHistory,
  dunningPauses,
  dunningPreviewCustomersMax,
  previewDunning,
  type DunningPreviewEntry,
  dunningLetterFor,
  cancelPaymentPlan,
  collectorWorklist,
  createPaymentPlan,
  customerTimeline,
  listPaymentPlans,
  listPortfolioRules,
  portfolioRulesMax,
  replacePortfolioRules,
  worklistLimitMax,
  dunningPolicySchema,
  listDisputes,
  listNotices,
  listPolicies,
  listPromises,
  logActivity,
  openDispute,
  recordPromise,
  resolveDispute,
  saveCustomerCollectionSettings,
  savePolicy,
  type DisputeRow,
  type DunningNoticeRow,
  type DunningPolicyRow,
  type PaymentPlanWithInstalments,
  type PortfolioRuleRow,
  type PromiseRow,
  type WorklistItem,
} from './service.js';
import { daysPastDueBands, riskClasses } from './worklist.js';
import { dunningChannels, dunningSkipCodes } from './dunning.js';
import { Temporal } from 'temporal-polyfill';

const policyInput = z.strictObject({
  name: z.string().min(1).max(100),
  definition: dunningPolicySchema,
  isDefault: z.boolean().default(false),
  segment: z.string().min(1).max(100).nullable().default(null).describe('Customers of this segment follow this policy unless they have their own'),
  pilot: z.boolean().default(false).describe('Dry run: decide and record "would have sent", send nothing'),
});
const policyView = z.object({ id: z.uuid(), name: z.string(), definition: dunningPolicySchema, isDefault: z.boolean(), segment: z.string().nullable(), pilot: z.boolean() });
const toPolicyView = (p: DunningPolicyRow) => ({ id: p.id, name: p.name, definition: p.definition as z.infer<typeof dunningPolicySchema>, isDefault: p.isDefault, segment: p.segment, pilot: p.pilot });

const noticeView = z.object({
  id: z.uuid(), customerId: z.uuid(), asOf: z.string(), level: z.number().int(), levelName: z.string(), channel: z.string(), status: z.string(),
  lines: z.array(z.object({ invoiceId: z.uuid(), number: z.string(), currency: z.string(), dueDate: z.string(), openMinor: z.number().int(), daysPastDue: z.number().int(), level: z.number().int(), escalated: z.boolean() })),
  escalations: z.array(z.string()),
});
const toNoticeView = (n: DunningNoticeRow) => ({
  id: n.id, customerId: n.customerId, asOf: n.asOf, level: n.level, levelName: n.levelName, channel: n.channel, status: n.status,
  lines: (n.lines as Array<Record<string, unknown>>).map((l) => ({ ...(l as object), openMinor: Number(l.openMinor) })) as z.infer<typeof noticeView>['lines'],
  escalations: n.escalations as string[],
});

const previewReasonCodes = [...dunningSkipCodes.filter((c) => c !== 'paused'), ...dunningPauses.map((p) => `paused_${p}` as const), 'pilot'] as const;
const dunningPreviewView = z.object({
  asOf: z.string(),
  truncated: z.boolean().describe(`More than ${dunningPreviewCustomersMax} customers have open items: only the first were decided`),
  summary: z.object({ send: z.number().int(), pilot: z.number().int(), skip: z.number().int() }),
  data: z.array(
    z.object({
      customerId: z.uuid(),
      customerName: z.string(),
      policyId: z.uuid(),
      policyName: z.string(),
      outcome: z.enum(['send', 'pilot', 'skip']).describe('send: a message goes out; pilot: recorded as "would have sent", not sent; skip: nothing (see reason)'),
      reason: z.object({ code: z.enum(previewReasonCodes), detail: z.string() }).nullable(),
      level: z.number().int().nullable(),
      levelName: z.string().nullable(),
      channel: z.enum(dunningChannels).nullable().describe('An email to a customer without an address (or with invoice delivery off) goes as a letter'),
      subject: z.string().nullable().describe("The message's subject from the tenant's template, in the customer's language"),
      escalations: z.array(z.string()),
      totals: z.array(z.object({ currency: z.string(), amountMinor: z.number().int() })),
      lines: z.array(z.object({ invoiceId: z.uuid(), number: z.string(), currency: z.string(), dueDate: z.string(), openMinor: z.number().int(), daysPastDue: z.number().int(), level: z.number().int(), escalated: z.boolean() })),
      paused: z.array(z.object({ invoiceId: z.uuid(), number: z.string(), currency: z.string(), openMinor: z.number().int(), pausedBy: z.enum(dunningPauses) })),
    }),
  ),
});
const toDunningPreviewView = (preview: { asOf: string; customers: DunningPreviewEntry[]; truncated: boolean }) => ({
  asOf: preview.asOf,
  truncated: preview.truncated,
  summary: { send: preview.customers.filter((c) => c.outcome === 'send').length, pilot: preview.customers.filter((c) => c.outcome === 'pilot').length, skip: preview.customers.filter((c) => c.outcome === 'skip').length },
  data: preview.customers.map((c) => ({
    ...c,
    reason: c.reason as { code: (typeof previewReasonCodes)[number]; detail: string } | null,
    totals: Object.entries(c.totals).map(([currency, amount]) => ({ currency, amountMinor: minorToJson(amount) })),
    lines: c.lines.map((l) => ({ ...l, openMinor: minorToJson(l.openMinor) })),
    paused: c.paused.map((p) => ({ ...p, openMinor: minorToJson(p.openMinor) })),
  })),
});
const previewDescription =
  "A dry run of the daily dunning on asOf (default: tomorrow in the tenant's time zone): the same selection and decisions as the run, per customer with open items — the level, channel, items, amount and rendered subject, or why nothing goes (do-not-dun, weekend, holiday, the interval between messages, below the level's minimum, not due yet, paused by a dispute, promise or payment plan) and pilot customers and policies that are recorded but not sent. The day's promise and payment-plan checks are foreseen; that day's autopay charges, scheduled billing and late-fee invoices are not. Nothing is written.";

async function tomorrowOf(db: Database, tenantId: string): Promise<string> {
  return Temporal.PlainDate.from(await tenantToday(db, tenantId)).add({ days: 1 }).toString();
}

const promiseView = z.object({ id: z.uuid(), customerId: z.uuid(), amountMinor: z.number().int(), currency: z.string(), promisedOn: z.string(), madeOn: z.string(), invoiceIds: z.array(z.uuid()), status: z.enum(['open', 'kept', 'broken']), paidMinor: z.number().int().nullable(), madeBy: z.string() });
const toPromiseView = (p: PromiseRow) => ({ id: p.id, customerId: p.customerId, amountMinor: minorToJson(p.amountMinor), currency: p.currency, promisedOn: p.promisedOn, madeOn: p.madeOn, invoiceIds: p.invoiceIds as string[], status: p.status as 'open' | 'kept' | 'broken', paidMinor: p.paidMinor === null ? null : minorToJson(p.paidMinor), madeBy: p.madeBy });

const disputeView = z.object({ id: z.uuid(), customerId: z.uuid(), invoiceId: z.uuid(), amountMinor: z.number().int(), currency: z.string(), reason: z.enum(disputeReasons), description: z.string(), status: z.enum(disputeStatuses), owner: z.string().nullable(), openedOn: z.string(), resolveBy: z.string(), resolvedOn: z.string().nullable(), resolution: z.string().nullable() });
const toDisputeView = (d: DisputeRow) => ({ id: d.id, customerId: d.customerId, invoiceId: d.invoiceId, amountMinor: minorToJson(d.amountMinor), currency: d.currency, reason: d.reason as (typeof disputeReasons)[number], description: d.description, status: d.status as (typeof disputeStatuses)[number], owner: d.owner, openedOn: d.openedOn, resolveBy: d.resolveBy, resolvedOn: d.resolvedOn, resolution: d.resolution });

const portfolioRuleInput = z.strictObject({
  collector: z.string().min(1).max(100).describe('The collector: the name of their API key'),
  segment: z.string().min(1).max(100).nullable().default(null).describe('Only customers of this segment (null: any)'),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. DE').nullable().default(null).describe('Only customers in this country (null: any)'),
  minBalanceMinor: nonNegativeAmountMinor.nullable().default(null).describe("Only customers whose open balance (in the customer's currency) is at least this"),
  maxBalanceMinor: nonNegativeAmountMinor.nullable().default(null).describe('… and at most this'),
  priority: z.number().int().min(0).max(1_000_000).describe('Lower is tried first; each rule has its own'),
});
const portfolioRuleView = z.object({ id: z.uuid(), collector: z.string(), segment: z.string().nullable(), countryCode: z.string().nullable(), minBalanceMinor: z.number().int().nullable(), maxBalanceMinor: z.number().int().nullable(), priority: z.number().int() });
const toPortfolioRuleView = (r: PortfolioRuleRow) => ({ id: r.id, collector: r.collector, segment: r.segment, countryCode: r.countryCode, minBalanceMinor: r.minBalanceMinor === null ? null : minorToJson(r.minBalanceMinor), maxBalanceMinor: r.maxBalanceMinor === null ? null : minorToJson(r.maxBalanceMinor), priority: r.priority });

const worklistItemView = z.object({
  customerId: z.uuid(),
  customerName: z.string(),
  collector: z.string().nullable(),
  assignedBy: z.enum(['manual', 'rule']).nullable().describe('manual: customer collection settings; rule: a portfolio rule; null: unassigned'),
  riskClass: z.enum(riskClasses),
  score: z.number().int().describe('Priority score (higher first), in minor units of rankingCurrency; see the route description'),
  rankingCurrency: z.string().nullable(),
  reasons: z.array(z.string()).describe('Why the account is on the list, weightiest first'),
  overdue: z.array(z.object({ currency: z.string(), totalMinor: z.number().int(), bands: z.array(z.object({ band: z.enum(daysPastDueBands), amountMinor: z.number().int() })) })).describe('Overdue money the collector can chase (not disputed, not on an active payment plan), per currency and days-past-due band'),
  nextPromisedOn: z.string().nullable().describe('The next date a promise to pay falls due (today or later)'),
  openDisputes: z.number().int(),
  lastContactOn: z.string().nullable().describe('Last call, email, letter, promise or payment plan recorded'),
});
const toWorklistItemView = (i: WorklistItem) => ({
  ...i,
  score: minorToJson(i.score),
  overdue: i.overdue.map((o) => ({ currency: o.currency, totalMinor: minorToJson(o.totalMinor), bands: o.bands.map((b) => ({ band: b.band, amountMinor: minorToJson(b.amountMinor) })) })),
});

const instalmentView = z.object({ number: z.number().int(), dueOn: z.string(), amountMinor: z.number().int().describe('Principal'), interestMinor: z.number().int().describe('Interest stated beside the principal'), paidMinor: z.number().int(), status: z.enum(instalmentStatuses) });
const paymentPlanView = z.object({
  id: z.uuid(), customerId: z.uuid(), currency: z.string(), totalMinor: z.number().int().describe('Principal: the open amount of the invoices when the plan was made'), interestPercent: z.string().nullable(),
  status: z.enum(paymentPlanStatuses), createdOn: z.string(), endedOn: z.string().nullable(), autopay: z.boolean(), invoiceIds: z.array(z.uuid()), createdBy: z.string(), note: z.string().nullable(),
  instalments: z.array(instalmentView),
});
const toPaymentPlanView = (p: PaymentPlanWithInstalments) => ({
  id: p.id, customerId: p.customerId, currency: p.currency, totalMinor: minorToJson(p.totalMinor), interestPercent: p.interestPercent, status: p.status as (typeof paymentPlanStatuses)[number],
  createdOn: p.createdOn, endedOn: p.endedOn, autopay: p.autopay, invoiceIds: p.invoiceIds as string[], createdBy: p.createdBy, note: p.note,
  instalments: p.instalments.map((i) => ({ number: i.number, dueOn: i.dueOn, amountMinor: minorToJson(i.amountMinor), interestMinor: minorToJson(i.interestMinor), paidMinor: minorToJson(i.paidMinor), status: i.status as (typeof instalmentStatuses)[number] })),
});

export function registerCollectionRoutes(app: CashloopApp, db: Database): void {
  const tags = ['collections'];

  app.get('/v1/dunning-policies', {
    schema: { tags, summary: "The tenant's dunning policies (a standard one exists from the start)", response: { 200: z.object({ data: z.array(policyView) }) } },
    handler: async (request) => ({ data: (await listPolicies(db, actorOf(request))).map(toPolicyView) }),
  });

  app.post('/v1/dunning-policies', {
    schema: {
      tags,
      summary: 'Create a dunning policy (admin, ar_manager)',
      description: 'Levels in order, each with an offset from the due date (negative: a courtesy reminder), a channel (email, letter, webhook), a minimum amount and escalation actions (late_fee, credit_hold, notify_collector, agency_handover). Items climb one level at a time; one consolidated message per customer per run; at most one message per customer within minDaysBetweenMessages.',
      body: policyInput,
      response: { 201: policyView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return reply.status(201).send(toPolicyView(unwrap(await savePolicy(db, actor, request.body))));
    },
  });

  app.put('/v1/dunning-policies/:id', {
    schema: { tags, summary: 'Change a dunning policy (admin, ar_manager)', params: idParam, body: policyInput, response: { 200: policyView } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toPolicyView(unwrap(await savePolicy(db, actor, { ...request.body, id: request.params.id })));
    },
  });

  app.get('/v1/dunning/preview', {
    schema: {
      tags,
      summary: 'Who would get which dunning message on a date (a dry run; nothing is written)',
      description: `${previewDescription} With policyId: only the customers that policy applies to.`,
      querystring: z.object({ asOf: businessDate.optional().describe("Default: tomorrow in the tenant's time zone"), policyId: z.uuid().optional() }),
      response: { 200: dunningPreviewView },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const asOf = request.query.asOf ?? (await tomorrowOf(db, actor.tenantId));
      return toDunningPreviewView(unwrap(await previewDunning(db, actor, { asOf, policyId: request.query.policyId })));
    },
  });

  app.post('/v1/dunning-policies/preview', {
    schema: {
      tags,
      summary: 'Preview an unsaved dunning policy: who it would send what on a date (admin, ar_manager; nothing is written)',
      description: `${previewDescription} The draft takes the place of the policy with its id (or is added when it has none), with its scope as saving it would give it (default for the tenant, a segment); only the customers it applies to are listed. Faults in the draft answer 400 with a pointer per field, as saving it would.`,
      body: z.strictObject({ asOf: businessDate.optional().describe("Default: tomorrow in the tenant's time zone"), policy: policyInput.extend({ id: z.uuid().optional().describe('The stored policy this draft edits') }) }),
      response: { 200: dunningPreviewView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const asOf = request.body.asOf ?? (await tomorrowOf(db, actor.tenantId));
      return toDunningPreviewView(unwrap(await previewDunning(db, actor, { asOf, draft: request.body.policy })));
    },
  });

  app.put('/v1/customers/:id/collection-settings', {
    schema: {
      tags,
      summary: "A customer's collection settings: own dunning policy, do-not-dun, pilot (dry run), assigned collector",
      params: idParam,
      body: z.strictObject({ policyId: z.uuid().nullable().optional(), doNotDun: z.boolean().optional(), pilot: z.boolean().optional(), collector: z.string().min(1).max(100).nullable().optional() }),
      response: { 200: z.object({ customerId: z.uuid(), policyId: z.uuid().nullable(), doNotDun: z.boolean(), pilot: z.boolean(), collector: z.string().nullable() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const row = unwrap(await saveCustomerCollectionSettings(db, actor, request.params.id, request.body));
      return { customerId: row.customerId, policyId: row.policyId, doNotDun: row.doNotDun, pilot: row.pilot, collector: row.collector };
    },
  });

  app.get('/v1/dunning-notices', {
    schema: {
      tags,
      summary: 'Dunning messages decided by the daily run (status queued = in the email outbox, letter, webhook, or pilot = would have been sent)',
      querystring: z.object({ customerId: z.uuid().optional(), asOf: businessDate.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ data: z.array(noticeView) }) },
    },
    handler: async (request) => ({ data: (await listNotices(db, actorOf(request), request.query)).map(toNoticeView) }),
  });

  app.post('/v1/customers/:id/promises', {
    schema: {
      tags,
      summary: 'Record a promise to pay (the covered invoices, or all when none are named, leave dunning until the promised date; the daily run checks it)',
      params: idParam,
      body: z.strictObject({ amountMinor: positiveAmountMinor, currency: currencyCode, promisedOn: businessDate, madeOn: businessDate.optional(), invoiceIds: z.array(z.uuid()).max(500).default([]), note: z.string().max(1000).optional() }),
      response: { 201: promiseView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager', 'collector');
      const madeOn = request.body.madeOn ?? (await tenantToday(db, actor.tenantId));
      return reply.status(201).send(toPromiseView(unwrap(await recordPromise(db, actor, request.params.id, { ...request.body, madeOn }))));
    },
  });

  app.get('/v1/customers/:id/promises', {
    schema: { tags, summary: "A customer's promises to pay and whether they were kept", params: idParam, response: { 200: z.object({ data: z.array(promiseView) }) } },
    handler: async (request) => ({ data: (await listPromises(db, actorOf(request), request.params.id)).map(toPromiseView) }),
  });

  app.post('/v1/disputes', {
    schema: {
      tags,
      summary: 'Open a dispute on an invoice (whole or part); its dunning pauses until the dispute is resolved',
      body: z.strictObject({ invoiceId: z.uuid(), amountMinor: positiveAmountMinor.optional(), reason: z.enum(disputeReasons), description: z.string().min(1).max(2000), openedOn: businessDate.optional(), resolveBy: businessDate.optional(), owner: z.string().min(1).max(100).optional() }),
      response: { 201: disputeView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager', 'collector');
      const openedOn = request.body.openedOn ?? (await tenantToday(db, actor.tenantId));
      return reply.status(201).send(toDisputeView(unwrap(await openDispute(db, actor, { ...request.body, openedOn }))));
    },
  });

  app.get('/v1/disputes', {
    schema: { tags, summary: 'Disputes', querystring: pageQuery.extend({ status: z.enum(disputeStatuses).optional(), customerId: z.uuid().optional() }), response: { 200: pageSchema(disputeView) } },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = pageOf(await listDisputes(db, actorOf(request), { ...filter, afterId: decodeCursor(cursor), limit }), limit);
      return { data: page.items.map(toDisputeView), nextCursor: page.nextCursor };
    },
  });

  app.post('/v1/disputes/:id/resolution', {
    schema: {
      tags,
      summary: 'Resolve a dispute: by the credit note or write-off that settles it, or reject it (dunning resumes). A collector cannot resolve by write-off.',
      params: idParam,
      body: z.strictObject({ outcome: z.enum(['resolved_credit_note', 'resolved_write_off', 'rejected']), resolution: z.string().min(1).max(2000), resolvedOn: businessDate.optional(), documentId: z.uuid().optional() }),
      response: { 200: disputeView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager', 'collector');
      const resolvedOn = request.body.resolvedOn ?? (await tenantToday(db, actor.tenantId));
      return toDisputeView(unwrap(await resolveDispute(db, actor, request.params.id, { ...request.body, resolvedOn })));
    },
  });

  app.post('/v1/customers/:id/activities', {
    schema: {
      tags,
      summary: 'Log a call, email or note with the customer',
      params: idParam,
      body: z.strictObject({ kind: z.enum(['call', 'email', 'note']), summary: z.string().min(1).max(2000), occurredOn: businessDate.optional() }),
      response: { 201: z.object({ id: z.uuid(), kind: z.string(), occurredOn: z.string(), actor: z.string(), summary: z.string() }) },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager', 'collector');
      const occurredOn = request.body.occurredOn ?? (await tenantToday(db, actor.tenantId));
      const row = unwrap(await logActivity(db, actor, request.params.id, { ...request.body, occurredOn }));
      return reply.status(201).send({ id: row.id, kind: row.kind, occurredOn: row.occurredOn, actor: row.actor, summary: row.summary });
    },
  });

  app.get('/v1/customers/:id/timeline', {
    schema: {
      tags,
      summary: 'Everything that happened with a customer, newest first: invoices, payments, dunning messages, calls, promises, disputes',
      params: idParam,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ data: z.array(z.object({ on: z.string(), kind: z.string(), summary: z.string(), actor: z.string().nullable(), reference: z.object({ type: z.string(), id: z.string() }) })) }) },
    },
    handler: async (request) => ({ data: unwrap(await customerTimeline(db, actorOf(request), request.params.id, request.query.limit)) }),
  });

  app.get('/v1/worklist', {
    schema: {
      tags,
      summary: "A collector's worklist: the accounts to work on a date, most urgent first, with the reasons",
      description: [
        'A customer belongs to the collector assigned by hand (PUT /v1/customers/{id}/collection-settings), else to the first portfolio rule by priority that matches its segment, country and open balance, else to nobody (collector=unassigned).',
        'A collector sees their own accounts only (collector defaults to the name of their API key); admins, AR managers and viewers may name any collector or unassigned, or leave collector out for everybody.',
        'Score = Σ overdue × band weight (1–30 days past due 1.0, 31–60 1.5, 61–90 2.0, over 90 3.0) × risk (low 0.8, medium 1.0, high 1.5), rounded half-up, + 2,500.00 for a promise to pay due today + 5,000.00 per promise or payment plan broken in the last 30 days (at most 3) + 2,000.00 per open dispute due for resolution within 3 days or late + 1,000.00 when something is overdue and nobody called, emailed, wrote, took a promise or agreed a payment plan for 14 days.',
        'Amounts are minor units of the account currency: Cashloop keeps no exchange rates, so accounts in different currencies are compared minor unit for minor unit, and an account owing in several currencies is ranked on its largest one (a reason names what was left out).',
        'Overdue money that is disputed or on an active payment plan is not chased and not counted. Accounts with nothing to do are not listed.',
      ].join(' '),
      querystring: z.object({
        collector: z.string().min(1).max(100).optional().describe("A collector's name, or unassigned"),
        asOf: businessDate.optional().describe("Default: the tenant's today"),
        limit: z.coerce.number().int().min(1).max(worklistLimitMax).default(100),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      response: { 200: z.object({ asOf: z.string(), collector: z.string().nullable(), total: z.number().int().describe('Accounts needing work in this selection'), data: z.array(worklistItemView) }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      const worklist = unwrap(await collectorWorklist(db, actor, { ...request.query, asOf }));
      return { asOf: worklist.asOf, collector: worklist.collector, total: worklist.total, data: worklist.items.map(toWorklistItemView) };
    },
  });

  app.get('/v1/collector-portfolio-rules', {
    schema: { tags, summary: 'How accounts are shared out between collectors: rules by priority (admin, ar_manager)', response: { 200: z.object({ data: z.array(portfolioRuleView) }) } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return { data: (await listPortfolioRules(db, actor)).map(toPortfolioRuleView) };
    },
  });

  app.put('/v1/collector-portfolio-rules', {
    schema: {
      tags,
      summary: 'Replace the portfolio rules (admin, ar_manager)',
      description: 'A customer without a collector assigned by hand gets the collector of the first rule (lowest priority) whose conditions all hold; a condition left null matches everyone. Balance bounds are inclusive, in minor units of the customer\'s currency.',
      body: z.strictObject({ rules: z.array(portfolioRuleInput).max(portfolioRulesMax) }),
      response: { 200: z.object({ data: z.array(portfolioRuleView) }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return { data: unwrap(await replacePortfolioRules(db, actor, request.body.rules)).map(toPortfolioRuleView) };
    },
  });

  app.post('/v1/customers/:id/payment-plans', {
    schema: {
      tags,
      summary: 'Put overdue invoices on a payment plan (admin, ar_manager, collector); they leave dunning while the plan is kept',
      description: 'The principal (the open amount of the invoices) is split into equal instalments with the remainder on the last; weekly or monthly from firstDueOn. Optional simple interest (yearly %, actual/365, on the principal still owed) is stated beside each instalment, rounded half-up. The daily run checks each instalment after its due date against the customer\'s payments since the plan began: one not covered breaks the plan and dunning resumes.',
      params: idParam,
      body: z.strictObject({
        invoiceIds: z.array(z.uuid()).max(500).default([]).describe("The overdue invoices to include; none = all of the customer's overdue invoices in the currency"),
        currency: currencyCode.optional().describe("Default: the customer's currency"),
        instalments: z.number().int().min(1).max(maxInstalments),
        frequency: z.enum(planFrequencies),
        firstDueOn: businessDate,
        interestPercent: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a yearly percentage such as 8 or 7.5').optional(),
        autopay: z.boolean().default(false),
        createdOn: businessDate.optional().describe("Default: the tenant's today"),
        note: z.string().max(1000).optional(),
      }),
      response: { 201: paymentPlanView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager', 'collector');
      const createdOn = request.body.createdOn ?? (await tenantToday(db, actor.tenantId));
      return reply.status(201).send(toPaymentPlanView(unwrap(await createPaymentPlan(db, actor, request.params.id, { ...request.body, createdOn }))));
    },
  });

  app.get('/v1/customers/:id/payment-plans', {
    schema: { tags, summary: "A customer's payment plans and their instalments, newest first", params: idParam, response: { 200: z.object({ data: z.array(paymentPlanView) }) } },
    handler: async (request) => ({ data: unwrap(await listPaymentPlans(db, actorOf(request), request.params.id)).map(toPaymentPlanView) }),
  });

  app.post('/v1/payment-plans/:id/cancellation', {
    schema: {
      tags,
      summary: 'Cancel an active payment plan (admin, ar_manager, collector); its invoices go back to dunning',
      params: idParam,
      body: z.strictObject({ reason: z.string().min(1).max(2000), cancelledOn: businessDate.optional() }),
      response: { 200: paymentPlanView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager', 'collector');
      const cancelledOn = request.body.cancelledOn ?? (await tenantToday(db, actor.tenantId));
      return toPaymentPlanView(unwrap(await cancelPaymentPlan(db, actor, request.params.id, { reason: request.body.reason, cancelledOn })));
    },
  });

  app.get('/v1/dunning-notices/:id/letter', {
    schema: { tags, summary: 'A dunning notice as a printable letter (PDF): the items, their payment references and how to pay', params: idParam },
    handler: async (request, reply) => {
      const { fileName, pdf } = unwrap(await dunningLetterFor(db, actorOf(request), request.params.id));
      return reply.header('content-disposition', `inline; filename="${fileName}"`).type('application/pdf').send(pdf);
    },
  });

  app.get('/v1/collections/agency-handovers', {
    schema: {
      tags,
      summary: 'Items handed over to the collection agency (the agency_handover escalation) between two dates, as CSV for the agency',
      querystring: z.object({ from: businessDate, to: businessDate }),
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const rows = await agencyHandoverRows(db, actor, request.query.from, request.query.to);
      return reply
        .header('content-disposition', `attachment; filename="agency-handover-${request.query.from}-${request.query.to}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(rows.map((r) => csvRow(r)).join(''));
    },
  });

  app.get('/v1/disputes/:id/history', {
    schema: {
      tags,
      summary: "A dispute's history: opened, status changes and notes, oldest first",
      params: idParam,
      response: { 200: z.object({ data: z.array(z.object({ on: z.string(), kind: z.string(), actor: z.string(), summary: z.string() })) }) },
    },
    handler: async (request) => ({ data: unwrap(await disputeHistory(db, actorOf(request), request.params.id)).map((a) => ({ on: a.occurredOn, kind: a.kind, actor: a.actor, summary: a.summary })) }),
  });
}
