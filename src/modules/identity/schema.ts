import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
  /** Seller contact telephone (EN 16931 BT-42), required by the German rules for domestic e-invoices. */
  phone: text('phone'),
  /**
   * The company's Peppol participant id (EN 16931 BT-34 seller electronic address): an EAS scheme code and the id
   * within it (e.g. 0088 and a GLN). When null, e-invoices derive it from the VAT id where the country has a VAT scheme.
   */
  peppolEndpointScheme: text('peppol_endpoint_scheme'),
  peppolEndpointId: text('peppol_endpoint_id'),
  /** Local time (HH:MM, in timeZone) at which the scheduler runs the tenant's business day. */
  dailyRunTime: text('daily_run_time').notNull().default('02:00'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('tenants_peppol_endpoint_check', sql`(${t.peppolEndpointScheme} is null) = (${t.peppolEndpointId} is null)`)]);

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

/**
 * People who sign in to the staff console with an email and a password (hashed with scrypt; API keys stay for
 * machines). An email is unique per tenant; a disabled user cannot sign in.
 */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** scrypt$N$r$p$salt$hash, never the password */
    passwordHash: text('password_hash').notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('staff_users_email_key').on(t.tenantId, t.email),
    check('staff_users_role_check', sql`${t.role} in ('admin', 'ar_manager', 'collector', 'viewer')`),
  ],
);

/**
 * A signed-in browser session: the cookie carries a random token, only its SHA-256 is stored. Staff sessions name a
 * staff user; portal sessions name the customer (and the contact email) they may see, and nothing else.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    kind: text('kind').notNull(),
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id),
    customerId: uuid('customer_id'),
    contactEmail: text('contact_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('sessions_kind_check', sql`(${t.kind} = 'staff' and ${t.staffUserId} is not null) or (${t.kind} = 'portal' and ${t.customerId} is not null)`),
    index('sessions_expiry_idx').on(t.expiresAt),
  ],
);

/** A one-time sign-in link for a customer contact of the portal, sent by email; only its hash is stored. */
export const portalSignInLinks = pgTable('portal_sign_in_links', {
  tokenHash: text('token_hash').primaryKey(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  customerId: uuid('customer_id').notNull(),
  email: text('email').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The company logo printed on invoices, credit notes and statements (PNG or JPEG), kept apart from the tenant row. */
export const tenantLogos = pgTable(
  'tenant_logos',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
    mediaType: text('media_type').notNull(),
    imageBase64: text('image_base64').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('tenant_logos_media_type_check', sql`${t.mediaType} in ('image/png', 'image/jpeg')`)],
);
