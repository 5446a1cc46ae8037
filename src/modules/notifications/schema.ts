import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

/**
 * The email outbox: a message is written in the transaction of the business change that causes it, then sent by a
 * worker. Its Message-ID is fixed at creation, so a resend after a crash (between the SMTP server's acceptance and the
 * outbox update) carries the same Message-ID and receiving systems can tell it is the same message.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    messageId: text('message_id').notNull().unique(),
    /** What caused it, and the key that makes it exactly once: "invoice.issued:<invoice id>". */
    dedupeKey: text('dedupe_key').notNull(),
    invoiceId: uuid('invoice_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Attachments rendered when sending: [{ kind: 'invoice_pdf' | 'invoice_ubl', invoiceId }]. */
    attachments: jsonb('attachments').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** The delivery worker holding the message until next_attempt_at (a random token per claim): only it may send or settle it. */
    claimToken: text('claim_token'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('email_outbox_dedupe_key').on(t.tenantId, t.dedupeKey),
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('email_outbox_invoice_idx').on(t.tenantId, t.invoiceId),
    check('email_outbox_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

/** A tenant's own wording of a message, per language; the built-in templates apply where there is none. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    kind: text('kind').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
  },
  (t) => [unique('email_templates_key').on(t.tenantId, t.kind, t.language)],
);

/**
 * A tenant's own outgoing mail server: its messages leave through it, with its sender address, instead of the
 * environment's (SMTP_URL). The password is stored encrypted (AES-256-GCM under CASHLOOP_SECRET_KEY, see smtp-secret.ts).
 */
export const tenantSmtpSettings = pgTable(
  'tenant_smtp_settings',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    secure: boolean('secure').notNull(),
    username: text('username'),
    /** "v1.<iv>.<tag>.<ciphertext>" (base64url), never the clear password. */
    password: text('password'),
    fromAddress: text('from_address').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('tenant_smtp_settings_port_check', sql`${t.port} between 1 and 65535`)],
);
