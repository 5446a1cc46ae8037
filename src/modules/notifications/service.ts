import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { isAnyOf } from '../../db/id-list.js';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { insertRows } from '../../db/bulk-insert.js';
import { newId } from '../../kernel/ids.js';
import { formatMinor } from '../../kernel/money.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { invoicePdfFor } from '../documents/service.js';
import { ublForInvoice } from '../einvoice/service.js';
import { customers } from '../customers/schema.js';
import { findCustomer } from '../customers/service.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { findTenant } from '../identity/service.js';
import { invoices } from '../invoicing/schema.js';
import { findInvoice, onInvoiceIssued, type InvoiceRow } from '../invoicing/service.js';
import { onPaymentRecorded, type PaymentWithAllocations } from '../payments/service.js';
import { retryDelayMs } from '../webhooks/retry-schedule.js';
import { emailOutbox, emailTemplates, tenantSmtpSettings } from './schema.js';
import { decryptSecret, encryptSecret, secretKeyVariable } from './smtp-secret.js';
import { builtInTemplates, languages, renderTemplate, templateKinds, type Language, type Template, type TemplateKind } from './templates.js';

export type OutboxRow = typeof emailOutbox.$inferSelect;
export const maxEmailAttempts = 12;
export const emailLeaseMs = 2 * 60 * 1000;

export async function templateFor(executor: Executor, tenantId: string, kind: TemplateKind, language: Language): Promise<Template> {
  const [own] = await executor
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.tenantId, tenantId), eq(emailTemplates.kind, kind), eq(emailTemplates.language, language)));
  return own ? { subject: own.subject, body: own.body } : builtInTemplates[kind][language];
}

/** The placeholders of the invoice email. */
function invoiceTemplateValues(tenant: { name: string; legalName: string | null }, customer: { name: string }, invoice: InvoiceRow): Record<string, string> {
  return {
    number: invoice.number ?? '',
    companyName: tenant.legalName ?? tenant.name,
    customerName: customer.name,
    issueDate: invoice.issueDate ?? '',
    dueDate: invoice.dueDate ?? '',
    total: `${formatMinor(invoice.totalMinor, invoice.currency)} ${invoice.currency}`,
    paymentReference: (invoice.creditorReference ?? invoice.number ?? '').replace(/(.{4})/g, '$1 ').trim(),
  };
}

async function renderInvoiceMessage(executor: Executor, invoice: InvoiceRow, languageOverride?: Language): Promise<{ to: string | null; language: Language; subject: string; body: string; attachUbl: boolean; delivery: string }> {
  const tenant = await findTenant(executor, invoice.tenantId);
  const customer = await findCustomer(executor, invoice.tenantId, invoice.customerId);
  if (!tenant || !customer) throw new Error('invoice without company or customer');
  const language = (languageOverride ?? (customer.language === 'de' ? 'de' : 'en')) as Language;
  const message = renderTemplate(await templateFor(executor, invoice.tenantId, 'invoice', language), invoiceTemplateValues(tenant, customer, invoice));
  return { to: customer.email, language, ...message, attachUbl: customer.attachUbl, delivery: customer.invoiceDelivery };
}

/**
 * Puts the invoice emails in the outbox in the issuing transaction: each exists exactly when its invoice was issued,
 * once (the dedupe key), and is sent by the worker. Customers without an email address or who asked for no email
 * get none. A fixed number of queries however many invoices (a billing run issues thousands at once); each message is
 * rendered as renderInvoiceMessage renders it.
 */
async function enqueueInvoiceEmails(tx: Transaction, issued: readonly InvoiceRow[]): Promise<void> {
  const wanted = issued.filter((i) => i.kind === 'invoice');
  const tenantId = wanted[0]?.tenantId;
  if (!tenantId) return;
  const customerIds = [...new Set(wanted.map((i) => i.customerId))];
  const customerOf = new Map<string, typeof customers.$inferSelect>();
  for (let i = 0; i < customerIds.length; i += 5_000) {
    const rows = await tx.select().from(customers).where(and(eq(customers.tenantId, tenantId), isAnyOf(customers.id, customerIds.slice(i, i + 5_000))));
    for (const c of rows) customerOf.set(c.id, c);
  }
  const tenant = await findTenant(tx, tenantId);
  if (!tenant) throw new Error('invoice without company');
  const templates = new Map<Language, Template>();
  const rows: (typeof emailOutbox.$inferInsert)[] = [];
  for (const invoice of wanted) {
    const customer = customerOf.get(invoice.customerId);
    if (!customer || customer.invoiceDelivery !== 'email' || !customer.email) continue;
    const language = (customer.language === 'de' ? 'de' : 'en') as Language;
    let template = templates.get(language);
    if (!template) templates.set(language, (template = await templateFor(tx, tenantId, 'invoice', language)));
    const message = renderTemplate(template, invoiceTemplateValues(tenant, customer, invoice));
    const id = newId();
    rows.push({
      id,
      tenantId,
      messageId: `<${id}@cashloop.invalid>`,
      dedupeKey: `invoice.issued:${invoice.id}`,
      invoiceId: invoice.id,
      toAddress: customer.email,
      subject: message.subject,
      body: message.body,
      attachments: [{ kind: 'invoice_pdf', invoiceId: invoice.id }, ...(customer.attachUbl ? [{ kind: 'invoice_ubl', invoiceId: invoice.id }] : [])],
      status: 'pending',
      nextAttemptAt: new Date(),
    });
  }
  await insertRows(tx, emailOutbox, rows, { onConflictDoNothing: true });
}

onInvoiceIssued(enqueueInvoiceEmails);

/**
 * Acknowledges payments that were applied to invoices: a receipt in the outbox, in the recording transaction, once
 * per payment (the dedupe key). Customers without an email address or who asked for no email get none. Works on a
 * whole batch with a fixed number of queries, so an automatic cash-application run of thousands of payments stays fast.
 */
async function enqueuePaymentReceipts(tx: Transaction, recorded: readonly PaymentWithAllocations[]): Promise<void> {
  const applied = recorded.filter((p) => p.allocations.length > 0);
  const tenantId = applied[0]?.tenantId;
  if (!tenantId) return;
  const customerIds = [...new Set(applied.map((p) => p.customerId))];
  const customerRows = await tx.select().from(customers).where(and(eq(customers.tenantId, tenantId), isAnyOf(customers.id, customerIds)));
  const customerOf = new Map(customerRows.map((c) => [c.id, c]));
  const tenant = await findTenant(tx, tenantId);
  const invoiceIds = [...new Set(applied.flatMap((p) => p.allocations.map((a) => a.invoiceId)))];
  const numberOf = new Map<string, string>();
  for (let i = 0; i < invoiceIds.length; i += 5_000) {
    const rows = await tx.select({ id: invoices.id, number: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, tenantId), isAnyOf(invoices.id, invoiceIds.slice(i, i + 5_000))));
    for (const r of rows) numberOf.set(r.id, r.number ?? r.id);
  }
  const templates = new Map<Language, Template>();
  const rows: (typeof emailOutbox.$inferInsert)[] = [];
  for (const payment of applied) {
    const customer = customerOf.get(payment.customerId);
    if (!customer || !customer.email || customer.invoiceDelivery === 'none') continue;
    const language = (customer.language === 'de' ? 'de' : 'en') as Language;
    let template = templates.get(language);
    if (!template) templates.set(language, (template = await templateFor(tx, tenantId, 'payment_receipt', language)));
    const money = (minor: bigint) => `${formatMinor(minor, payment.currency)} ${payment.currency}`;
    const message = renderTemplate(template, {
      customerName: customer.name,
      companyName: tenant?.legalName ?? tenant?.name ?? '',
      amount: money(payment.amountMinor),
      valueDate: payment.valueDate,
      reference: payment.reference ?? '-',
      allocations: payment.allocations.map((a) => `  ${numberOf.get(a.invoiceId) ?? a.invoiceId}: ${money(a.amountMinor)}`).join('\n'),
      unapplied: payment.unappliedMinor > 0n ? (language === 'de' ? `Guthaben: ${money(payment.unappliedMinor)}\n` : `Kept as credit on your account: ${money(payment.unappliedMinor)}\n`) : '',
    });
    const id = newId();
    rows.push({ id, tenantId, messageId: `<${id}@cashloop.invalid>`, dedupeKey: `payment.receipt:${payment.id}`, toAddress: customer.email, subject: message.subject, body: message.body, attachments: [], status: 'pending', nextAttemptAt: new Date() });
  }
  await insertRows(tx, emailOutbox, rows, { onConflictDoNothing: true });
}

onPaymentRecorded(enqueuePaymentReceipts);

export interface SmtpSettings {
  url: string;
  from: string;
}

/** SMTP from the environment: SMTP_URL (smtp://user:pass@host:port) and SMTP_FROM. */
export function smtpFromEnvironment(env: NodeJS.ProcessEnv = process.env): SmtpSettings | undefined {
  return env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM ?? 'billing@cashloop.invalid' } : undefined;
}

/**
 * Sends due messages: claimed with SKIP LOCKED and a lease (several workers share the outbox), attachments rendered
 * from the documents, retried with backoff when the SMTP server refuses or is down, failed after maxEmailAttempts.
 * A tenant with its own mail server (tenant_smtp_settings, read anew every round) sends through it with its sender
 * address; the others through the environment's (`smtp`). Without an environment server only the messages of tenants
 * with their own are taken; the others wait in the outbox.
 */
export async function deliverDueEmails(db: Database, smtp: SmtpSettings | undefined, options: { now?: Date; limit?: number; secretKey?: string } = {}): Promise<{ sent: number; failed: number }> {
  const secretKey = options.secretKey ?? (process.env[secretKeyVariable] || undefined);
  const started = Date.now();
  const base = options.now ?? new Date(started);
  // The business clock of this delivery round: the given `now`, moving on with real time while the round runs.
  const clock = () => new Date(base.getTime() + (Date.now() - started));
  const token = randomUUID();
  const claimed = await inTransaction(db, async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select id::text from ${emailOutbox} where status = 'pending' and next_attempt_at <= ${clock().toISOString()}::timestamptz
           ${smtp ? sql`` : sql`and tenant_id in (select tenant_id from ${tenantSmtpSettings})`}
           order by next_attempt_at limit ${options.limit ?? 50} for update skip locked`,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx.execute(sql`update ${emailOutbox} set next_attempt_at = ${new Date(clock().getTime() + emailLeaseMs).toISOString()}::timestamptz, claim_token = ${token}
                         where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    return ids;
  });
  if (!claimed.ok) throw new Error(claimed.error.message);
  // Every network wait is far shorter than the lease, so a message is never still being sent when its lease runs out.
  const transport = smtp ? nodemailer.createTransport({ url: smtp.url, ...smtpTimeouts(emailLeaseMs) }) : undefined;
  const settingsOf = new Map<string, TenantSmtpRow | undefined>();
  const routeOf = async (tenantId: string) => {
    if (!settingsOf.has(tenantId)) {
      const own = await findTenantSmtpSettings(db, tenantId);
      if (!own) forgetTenantTransport(tenantId);
      settingsOf.set(tenantId, own);
    }
    const own = settingsOf.get(tenantId);
    if (own) return { transport: transportForTenant(own, emailLeaseMs, secretKey), from: own.fromAddress };
    if (!transport || !smtp) throw new Error('no mail server: the company has none of its own and SMTP_URL is not set');
    return { transport, from: smtp.from };
  };
  const ours = (id: string) => and(eq(emailOutbox.id, id), eq(emailOutbox.claimToken, token), eq(emailOutbox.status, 'pending'));
  let sent = 0;
  let failed = 0;
  try {
    for (const id of claimed.value) {
      // Renew the claim right before sending; a message another worker took over (our lease ran out) is left to it.
      const [message] = await db.update(emailOutbox).set({ nextAttemptAt: new Date(clock().getTime() + emailLeaseMs) }).where(ours(id)).returning();
      if (!message) continue;
      const actor: Actor = { tenantId: message.tenantId, role: 'admin', label: 'system:mailer' };
      try {
        const attachments = [];
        for (const a of message.attachments as { kind: string; invoiceId: string }[]) {
          if (a.kind === 'invoice_pdf') {
            const pdf = await invoicePdfFor(db, actor, a.invoiceId);
            if (pdf.ok) attachments.push({ filename: pdf.value.fileName, content: pdf.value.pdf, contentType: 'application/pdf' });
          } else if (a.kind === 'invoice_ubl') {
            const ubl = await ublForInvoice(db, actor, a.invoiceId);
            if (ubl.ok) attachments.push({ filename: ubl.value.fileName, content: ubl.value.xml, contentType: 'application/xml' });
          }
        }
        const route = await routeOf(message.tenantId);
        await route.transport.sendMail({ from: route.from, to: message.toAddress, subject: message.subject, text: message.body, messageId: message.messageId, attachments });
        const settled = await db.update(emailOutbox).set({ status: 'sent', sentAt: clock(), attempts: message.attempts + 1, lastError: null, claimToken: null }).where(ours(id)).returning({ id: emailOutbox.id });
        // Not ours any more: the worker that took it over sends it and settles it.
        if (settled.length > 0) sent++;
      } catch (error) {
        const attempts = message.attempts + 1;
        await db
          .update(emailOutbox)
          .set({ status: attempts >= maxEmailAttempts ? 'failed' : 'pending', attempts, lastError: error instanceof Error ? error.message : String(error), nextAttemptAt: new Date(clock().getTime() + retryDelayMs(attempts, id)), claimToken: null })
          .where(ours(id))
          .returning({ id: emailOutbox.id })
          .then((rows) => (failed += rows.length));
      }
    }
  } finally {
    transport?.close();
  }
  return { sent, failed };
}

export async function emailsOfInvoice(db: Database, actor: Actor, invoiceId: string): Promise<Result<OutboxRow[]>> {
  const invoice = await findInvoice(db, actor.tenantId, invoiceId);
  if (!invoice) return fail('not_found', `no invoice ${invoiceId}`);
  return ok(await db.select().from(emailOutbox).where(and(eq(emailOutbox.tenantId, actor.tenantId), eq(emailOutbox.invoiceId, invoiceId))).orderBy(desc(emailOutbox.createdAt)));
}

export async function previewInvoiceEmail(db: Database, actor: Actor, invoiceId: string, language?: Language): Promise<Result<{ to: string | null; subject: string; body: string; language: Language }>> {
  const invoice = await findInvoice(db, actor.tenantId, invoiceId);
  if (!invoice || invoice.status === 'draft') return fail('not_found', `no issued invoice ${invoiceId}`);
  const m = await renderInvoiceMessage(db, invoice, language);
  return ok({ to: m.to, subject: m.subject, body: m.body, language: m.language });
}

/** Every message template of the tenant, kind by language: its own wording where it replaced the built-in one. */
export async function listTemplates(db: Database, actor: Actor): Promise<(Template & { kind: TemplateKind; language: Language; custom: boolean })[]> {
  const own = await db.select().from(emailTemplates).where(eq(emailTemplates.tenantId, actor.tenantId));
  return templateKinds.flatMap((kind) =>
    languages.map((language) => {
      const saved = own.find((t) => t.kind === kind && t.language === language);
      return { kind, language, ...(saved ? { subject: saved.subject, body: saved.body } : builtInTemplates[kind][language]), custom: saved !== undefined };
    }),
  );
}

export async function saveTemplate(db: Database, actor: Actor, input: { kind: TemplateKind; language: Language; subject: string; body: string }): Promise<Result<Template>> {
  return inTransaction(db, async (tx) => {
    await tx
      .insert(emailTemplates)
      .values({ id: newId(), tenantId: actor.tenantId, ...input })
      .onConflictDoUpdate({ target: [emailTemplates.tenantId, emailTemplates.kind, emailTemplates.language], set: { subject: input.subject, body: input.body } });
    await recordAudit(tx, actor, 'email_template.saved', { type: 'email_template', id: `${input.kind}:${input.language}` }, null, input);
    return { subject: input.subject, body: input.body };
  });
}

export type TenantSmtpRow = typeof tenantSmtpSettings.$inferSelect;

/** What the API shows of a tenant's mail server: never the password, only whether one is stored. */
export type SmtpSettingsView =
  | { configured: false; source: 'environment' | 'none' }
  | { configured: true; host: string; port: number; secure: boolean; username: string | null; hasPassword: boolean; fromAddress: string; updatedAt: string };

export interface SmtpSettingsInput {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  /** Omitted: keep the stored password; null: remove it. */
  password?: string | null;
  fromAddress: string;
}

/**
 * The network waits of every SMTP transport, far shorter than the outbox lease (emailLeaseMs), so a message is never
 * still being sent when its lease runs out.
 */
export function smtpTimeouts(leaseMs: number): { connectionTimeout: number; greetingTimeout: number; socketTimeout: number } {
  return { connectionTimeout: leaseMs / 8, greetingTimeout: leaseMs / 8, socketTimeout: leaseMs / 4 };
}

function view(row: TenantSmtpRow | undefined, environmentConfigured: boolean): SmtpSettingsView {
  if (!row) return { configured: false, source: environmentConfigured ? 'environment' : 'none' };
  return { configured: true, host: row.host, port: row.port, secure: row.secure, username: row.username, hasPassword: row.password !== null, fromAddress: row.fromAddress, updatedAt: row.updatedAt.toISOString() };
}

/** The audit trail's copy of the settings: whether a password is stored, never the password (not even encrypted). */
function auditable(row: TenantSmtpRow | undefined): unknown {
  if (!row) return null;
  const { password, ...rest } = row;
  return { ...rest, hasPassword: password !== null };
}

export async function findTenantSmtpSettings(executor: Executor, tenantId: string): Promise<TenantSmtpRow | undefined> {
  const [row] = await executor.select().from(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, tenantId));
  return row;
}

export async function smtpSettingsOf(db: Database, actor: Actor, environmentConfigured: boolean): Promise<SmtpSettingsView> {
  return view(await findTenantSmtpSettings(db, actor.tenantId), environmentConfigured);
}

/**
 * Stores the tenant's own mail server. A password is encrypted under the secret key; without one configured it is
 * refused rather than stored in clear.
 */
export async function saveSmtpSettings(db: Database, actor: Actor, input: SmtpSettingsInput, secretKey: string | undefined, environmentConfigured: boolean): Promise<Result<SmtpSettingsView>> {
  return inTransaction(db, async (tx) => {
    if (typeof input.password === 'string' && !secretKey) {
      throw new DomainFailure({
        code: 'validation_failed',
        message: `${secretKeyVariable} is not set on the server: an SMTP password can only be stored encrypted under it`,
        fieldErrors: [{ pointer: '/password', detail: `cannot be stored while ${secretKeyVariable} is not set` }],
      });
    }
    const [before] = await tx.select().from(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, actor.tenantId)).for('update');
    const password = input.password === undefined ? (before?.password ?? null) : input.password === null ? null : encryptSecret(input.password, secretKey!);
    const values = { host: input.host, port: input.port, secure: input.secure, username: input.username, password, fromAddress: input.fromAddress, updatedAt: new Date() };
    const [after] = await tx
      .insert(tenantSmtpSettings)
      .values({ tenantId: actor.tenantId, ...values })
      .onConflictDoUpdate({ target: tenantSmtpSettings.tenantId, set: values })
      .returning();
    await recordAudit(tx, actor, 'smtp_settings.saved', { type: 'smtp_settings', id: actor.tenantId }, auditable(before), auditable(after));
    return view(after, environmentConfigured);
  });
}

/** Back to the environment's mail server. */
export async function removeSmtpSettings(db: Database, actor: Actor, environmentConfigured: boolean): Promise<Result<SmtpSettingsView>> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.delete(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, actor.tenantId)).returning();
    if (before) await recordAudit(tx, actor, 'smtp_settings.removed', { type: 'smtp_settings', id: actor.tenantId }, auditable(before), null);
    return view(undefined, environmentConfigured);
  });
}

/**
 * Transports of the tenants' own mail servers, per process, each valid for one version of the settings (updated_at):
 * every delivery round reads the settings, so a change takes effect on the next round in every process.
 */
const tenantTransports = new Map<string, { version: number; transport: Transporter }>();

/** The transport of the tenant's settings as they are now, built anew when they changed since the cached one. */
export function transportForTenant(row: TenantSmtpRow, leaseMs: number, secretKey: string | undefined): Transporter {
  const version = row.updatedAt.getTime();
  const cached = tenantTransports.get(row.tenantId);
  if (cached?.version === version) return cached.transport;
  cached?.transport.close();
  tenantTransports.delete(row.tenantId);
  if (row.password !== null && !secretKey) throw new Error(`${secretKeyVariable} is not set: cannot decrypt the SMTP password of the company's mail server`);
  const pass = row.password === null ? undefined : decryptSecret(row.password, secretKey!);
  const transport = nodemailer.createTransport({
    host: row.host,
    port: row.port,
    secure: row.secure,
    ...(row.username !== null ? { auth: { user: row.username, ...(pass !== undefined ? { pass } : {}) } } : {}),
    ...smtpTimeouts(leaseMs),
  });
  tenantTransports.set(row.tenantId, { version, transport });
  return transport;
}

/** Drops the cached transport of a tenant whose settings are gone. */
export function forgetTenantTransport(tenantId: string): void {
  tenantTransports.get(tenantId)?.transport.close();
  tenantTransports.delete(tenantId);
}
