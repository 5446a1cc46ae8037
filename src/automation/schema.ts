import { sql } from 'drizzle-orm';
import { check, date, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../modules/identity/schema.js';

/**
 * One row per tenant, business date and task of the daily run. A task that completed is never run again for that
 * date; one left 'running' by a process that died is taken over after its lease expires and finished (each task's
 * own unique keys make the re-run add only what is missing).
 */
export const automationRuns = pgTable(
  'automation_runs',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    task: text('task').notNull(),
    status: text('status').notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: jsonb('outcome'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.asOf, t.task] }), check('automation_runs_status_check', sql`${t.status} in ('running', 'completed')`)],
);
