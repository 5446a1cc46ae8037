import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { domainEvents } from '../events/schema.js';
import { tenants } from '../identity/schema.js';

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types subscribed to, e.g. ["invoice.issued", "payment.received"]; ["*"] for all. */
    eventTypes: jsonb('event_types').notNull(),
    /** Standard Webhooks signing secret, "whsec_" + base64. */
    secret: text('secret').notNull(),
    /** After a rotation the previous secret also signs until it expires, so receivers can switch over. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    status: text('status').notNull(),
    disabledReason: text('disabled_reason'),
    /** Consecutive failed attempts; reset by a success. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId), check('webhook_endpoints_status_check', sql`${t.status} in ('active', 'disabled')`)],
);

/** One event to one endpoint: delivered once it succeeds, retried with backoff until then, for a bounded time. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id),
    eventId: uuid('event_id').notNull().references(() => domainEvents.id),
    /** The object the event is about: deliveries for one object go out in event order. */
    entityId: uuid('entity_id').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_entity_idx').on(t.endpointId, t.entityId, t.eventId),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);

/** Every HTTP attempt, for the delivery log. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)],
);

/** How far the fan-out from the outbox to deliveries has got, per tenant. */
export const webhookCursors = pgTable('webhook_cursors', {
  tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
  lastEventId: uuid('last_event_id'),
});
