import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

/**
 * The transactional outbox: a business event is written in the same transaction as the change it reports, so an
 * event exists exactly when the change committed. Webhooks (and a NATS bridge) read from here; ids are time-ordered.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_tenant_idx').on(t.tenantId, t.id), index('domain_events_occurred_idx').on(t.tenantId, t.occurredAt)],
);

/** Messages for the people of a tenant (e.g. "webhook endpoint disabled"), shown in the console and mailed later. */
export const tenantNotifications = pgTable(
  'tenant_notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    /** Which role is told: admin, ar_manager ... */
    audience: text('audience').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('tenant_notifications_tenant_idx').on(t.tenantId, t.createdAt)],
);
