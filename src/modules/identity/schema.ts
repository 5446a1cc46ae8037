import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  baseCurrency: text('base_currency').notNull(),
  timeZone: text('time_zone').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  /** Seller details printed on invoices and e-invoices: legal name, VAT id, address, bank account. */
  legalName: text('legal_name'),
  taxId: text('tax_id'),
  addressLine: text('address_line'),
  city: text('city'),
  postalCode: text('postal_code'),
  countryCode: text('country_code'),
  iban: text('iban'),
  bic: text('bic'),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** First characters of the key, shown to people to tell keys apart and used to find the row. */
    keyPrefix: text('key_prefix').notNull().unique(),
    /** SHA-256 of the whole key; the key itself is never stored. */
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('api_keys_tenant_idx').on(t.tenantId),
    check('api_keys_role_check', sql`${t.role} in ('admin', 'ar_manager', 'collector', 'viewer')`),
  ],
);

export const auditRecords = pgTable(
  'audit_records',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_records_entity_idx').on(t.tenantId, t.entityType, t.entityId)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    key: text('key').notNull(),
    /** Method and route plus a hash of the body: the same key with other parameters is refused. */
    requestFingerprint: text('request_fingerprint').notNull(),
    state: text('state').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseContentType: text('response_content_type'),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.key] }),
    check('idempotency_keys_state_check', sql`${t.state} in ('in_progress', 'completed')`),
  ],
);
