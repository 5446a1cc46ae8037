import { z } from 'zod';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/connection.js';
import { actorOf, decodeCursor, idParam, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { domainEvents, tenantNotifications } from '../events/schema.js';
import { eventTypes } from '../events/service.js';
import { createEndpoint, getEndpoint, listDeliveries, listEndpoints, replayDelivery, rotateSecret, updateEndpoint, type EndpointRow } from './service.js';

const eventTypeList = z.array(z.enum([...eventTypes, '*'])).min(1).max(eventTypes.length + 1);

const endpointView = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdAt: z.string(),
});

const toEndpointView = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes as string[],
  status: e.status as 'active' | 'disabled',
  disabledReason: e.disabledReason,
  consecutiveFailures: e.consecutiveFailures,
  createdAt: e.createdAt.toISOString(),
});

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export function registerWebhookRoutes(app: CashloopApp, db: Database): void {
  const tags = ['webhooks'];

  app.get('/v1/event-types', {
    schema: { tags, summary: 'The event types a webhook endpoint can subscribe to', response: { 200: z.object({ data: z.array(z.string()) }) } },
    handler: async () => ({ data: [...eventTypes] }),
  });

  app.post('/v1/webhook-endpoints', {
    schema: {
      tags,
      summary: 'Subscribe an endpoint (admin). The signing secret (Standard Webhooks, whsec_...) is in this response only',
      body: z.strictObject({ url: httpUrl, description: z.string().max(500).nullish(), eventTypes: eventTypeList }),
      response: { 201: endpointView.extend({ secret: z.string() }) },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin');
      const { endpoint, secret } = unwrap(await createEndpoint(db, actor, request.body));
      return reply.status(201).send({ ...toEndpointView(endpoint), secret });
    },
  });

  app.get('/v1/webhook-endpoints', {
    schema: { tags, summary: 'Webhook endpoints', response: { 200: z.object({ data: z.array(endpointView) }) } },
    handler: async (request) => ({ data: (await listEndpoints(db, actorOf(request))).map(toEndpointView) }),
  });

  app.get('/v1/webhook-endpoints/:id', {
    schema: { tags, summary: 'A webhook endpoint', params: idParam, response: { 200: endpointView } },
    handler: async (request) => toEndpointView(unwrap(await getEndpoint(db, actorOf(request), request.params.id))),
  });

  app.patch('/v1/webhook-endpoints/:id', {
    schema: {
      tags,
      summary: 'Change, disable or re-enable an endpoint (admin); re-enabling resumes its pending deliveries',
      params: idParam,
      body: z.strictObject({ url: httpUrl.optional(), description: z.string().max(500).nullish(), eventTypes: eventTypeList.optional(), enabled: z.boolean().optional() }),
      response: { 200: endpointView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      return toEndpointView(unwrap(await updateEndpoint(db, actor, request.params.id, request.body)));
    },
  });

  app.post('/v1/webhook-endpoints/:id/rotate-secret', {
    schema: {
      tags,
      summary: 'Rotate the signing secret (admin): the old secret keeps signing beside the new one for 24 hours',
      params: idParam,
      response: { 200: endpointView.extend({ secret: z.string() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const { endpoint, secret } = unwrap(await rotateSecret(db, actor, request.params.id));
      return { ...toEndpointView(endpoint), secret };
    },
  });

  app.get('/v1/webhook-endpoints/:id/deliveries', {
    schema: {
      tags,
      summary: 'Delivery log of an endpoint, newest event first, with every attempt',
      params: idParam,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: {
        200: z.object({
          data: z.array(
            z.object({
              id: z.uuid(),
              eventId: z.uuid(),
              eventType: z.string(),
              status: z.string(),
              attempts: z.number().int(),
              nextAttemptAt: z.string(),
              lastStatusCode: z.number().int().nullable(),
              lastError: z.string().nullable(),
              deliveredAt: z.string().nullable(),
              attemptLog: z.array(z.object({ attemptedAt: z.string(), statusCode: z.number().int().nullable(), durationMs: z.number().int(), error: z.string().nullable() })),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const rows = unwrap(await listDeliveries(db, actorOf(request), request.params.id, request.query.limit));
      return {
        data: rows.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: d.eventType,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.nextAttemptAt.toISOString(),
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
          attemptLog: d.attemptLog.map((a) => ({ attemptedAt: a.attemptedAt.toISOString(), statusCode: a.statusCode, durationMs: a.durationMs, error: a.error })),
        })),
      };
    },
  });

  app.post('/v1/webhook-deliveries/:id/replay', {
    schema: { tags, summary: 'Send a delivery again with the same webhook-id (admin)', params: idParam, response: { 200: z.object({ id: z.uuid(), status: z.string() }) } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const delivery = unwrap(await replayDelivery(db, actor, request.params.id));
      return { id: delivery.id, status: delivery.status };
    },
  });

  app.get('/v1/notifications', {
    schema: {
      tags,
      summary: "Messages for the tenant's people, newest first (e.g. a webhook endpoint disabled); admins see all, others those meant for their role",
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ data: z.array(z.object({ id: z.uuid(), audience: z.string(), kind: z.string(), message: z.string(), createdAt: z.string() })) }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const rows = await db
        .select()
        .from(tenantNotifications)
        .where(and(eq(tenantNotifications.tenantId, actor.tenantId), ...(actor.role === 'admin' ? [] : [eq(tenantNotifications.audience, actor.role)])))
        .orderBy(desc(tenantNotifications.createdAt))
        .limit(request.query.limit);
      return { data: rows.map((n) => ({ id: n.id, audience: n.audience, kind: n.kind, message: n.message, createdAt: n.createdAt.toISOString() })) };
    },
  });

  app.get('/v1/events', {
    schema: {
      tags,
      summary: 'The event outbox in order, for consumers that poll instead of receiving webhooks',
      querystring: pageQuery.extend({ type: z.string().max(100).optional() }),
      response: { 200: pageSchema(z.object({ id: z.uuid(), type: z.string(), entityType: z.string(), entityId: z.uuid(), occurredAt: z.string(), data: z.unknown() })) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, type } = request.query;
      const after = decodeCursor(cursor);
      const conditions = [eq(domainEvents.tenantId, actor.tenantId)];
      if (after) conditions.push(gt(domainEvents.id, after));
      if (type) conditions.push(eq(domainEvents.type, type));
      const rows = await db.select().from(domainEvents).where(and(...conditions)).orderBy(asc(domainEvents.id)).limit(limit + 1);
      const page = pageOf(rows, limit);
      return {
        data: page.items.map((e) => ({ id: e.id, type: e.type, entityType: e.entityType, entityId: e.entityId, occurredAt: e.occurredAt.toISOString(), data: e.payload })),
        nextCursor: page.nextCursor,
      };
    },
  });
}
