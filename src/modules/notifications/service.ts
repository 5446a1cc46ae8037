import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { insertRowsAsJson } from '../../db/bulk-insert.js';
import { newId } from '../../kernel/ids.js';
import { formatMinor } from '../../kernel/money.js';
import { fail, ok, type Result } from '../../kernel/result.js';
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
import { emailOutbox, emailTemplates } from './schema.js';
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
    const rows = await tx.select().from(customers).where(and(eq(customers.tenantId, tenantId), inArray(customers.id, customerIds.slice(i, i + 5_000))));
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
  await insertRowsAsJson(tx, emailOutbox, rows, { onConflictDoNothing: true });
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
  const customerRows = await tx.select().from(customers).where(and(eq(customers.tenantId, tenantId), inArray(customers.id, customerIds)));
  const customerOf = new Map(customerRows.map((c) => [c.id, c]));
  const tenant = await findTenant(tx, tenantId);
  const invoiceIds = [...new Set(applied.flatMap((p) => p.allocations.map((a) => a.invoiceId)))];
  const numberOf = new Map<string, string>();
  for (let i = 0; i < invoiceIds.length; i += 5_000) {
    const rows = await tx.select({ id: invoices.id, number: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, tenantId), inArray(invoices.id, invoiceIds.slice(i, i + 5_000))));
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
  await insertRowsAsJson(tx, emailOutbox, rows, { onConflictDoNothing: true });
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
 */
export async function deliverDueEmails(db: Database, smtp: SmtpSettings, options: { now?: Date; limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const started = Date.now();
  const base = options.now ?? new Date(started);
  // The business clock of this delivery round: the given `now`, moving on with real time while the round runs.
  const clock = () => new Date(base.getTime() + (Date.now() - started));
  const token = randomUUID();
  const claimed = await inTransaction(db, async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select id::text from ${emailOutbox} where status = 'pending' and next_attempt_at <= ${clock().toISOString()}::timestamptz
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
  const transport = nodemailer.createTransport({ url: smtp.url, connectionTimeout: emailLeaseMs / 8, greetingTimeout: emailLeaseMs / 8, socketTimeout: emailLeaseMs / 4 });
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
        await transport.sendMail({ from: smtp.from, to: message.toAddress, subject: message.subject, text: message.body, messageId: message.messageId, attachments });
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
    transport.close();
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
