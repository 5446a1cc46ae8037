import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, currencyCode, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, positiveAmountMinor, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import { disputeReasons, disputeStatuses } from './schema.js';
import {
  customerTimeline,
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
  type PromiseRow,
} from './service.js';

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

const promiseView = z.object({ id: z.uuid(), customerId: z.uuid(), amountMinor: z.number().int(), currency: z.string(), promisedOn: z.string(), madeOn: z.string(), invoiceIds: z.array(z.uuid()), status: z.enum(['open', 'kept', 'broken']), paidMinor: z.number().int().nullable(), madeBy: z.string() });
const toPromiseView = (p: PromiseRow) => ({ id: p.id, customerId: p.customerId, amountMinor: minorToJson(p.amountMinor), currency: p.currency, promisedOn: p.promisedOn, madeOn: p.madeOn, invoiceIds: p.invoiceIds as string[], status: p.status as 'open' | 'kept' | 'broken', paidMinor: p.paidMinor === null ? null : minorToJson(p.paidMinor), madeBy: p.madeBy });

const disputeView = z.object({ id: z.uuid(), customerId: z.uuid(), invoiceId: z.uuid(), amountMinor: z.number().int(), currency: z.string(), reason: z.enum(disputeReasons), description: z.string(), status: z.enum(disputeStatuses), owner: z.string().nullable(), openedOn: z.string(), resolveBy: z.string(), resolvedOn: z.string().nullable(), resolution: z.string().nullable() });
const toDisputeView = (d: DisputeRow) => ({ id: d.id, customerId: d.customerId, invoiceId: d.invoiceId, amountMinor: minorToJson(d.amountMinor), currency: d.currency, reason: d.reason as (typeof disputeReasons)[number], description: d.description, status: d.status as (typeof disputeStatuses)[number], owner: d.owner, openedOn: d.openedOn, resolveBy: d.resolveBy, resolvedOn: d.resolvedOn, resolution: d.resolution });

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
}
