import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

/**
 * A tenant's credit rules: items overdue beyond `overdueHoldDays` put new orders on credit hold, and so does a
 * customer risk score at or above `riskHoldScoreMin` (null: the score does not hold orders).
 */
export const creditPolicies = pgTable(
  'credit_policies',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
    overdueHoldDays: integer('overdue_hold_days').notNull(),
    riskHoldScoreMin: integer('risk_hold_score_min'),
  },
  (t) => [
    check('credit_policies_days_check', sql`${t.overdueHoldDays} >= 0`),
    check('credit_policies_risk_score_check', sql`${t.riskHoldScoreMin} between 0 and 100`),
  ],
);

/** Credit limit given to a new customer of a segment ('' = any segment) invoiced in a currency. */
export const creditLimitDefaults = pgTable(
  'credit_limit_defaults',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    segment: text('segment').notNull(),
    currency: text('currency').notNull(),
    limitMinor: bigint('limit_minor', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    unique('credit_limit_defaults_key').on(t.tenantId, t.segment, t.currency),
    check('credit_limit_defaults_amount_check', sql`${t.limitMinor} >= 0`),
  ],
);
