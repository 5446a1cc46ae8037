import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, idParam, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { languages, templateKinds } from './templates.js';
import { emailsOfInvoice, listTemplates, previewInvoiceEmail, removeSmtpSettings, saveSmtpSettings, saveTemplate, smtpFromEnvironment, smtpSettingsOf } from './service.js';
import { secretKeyVariable } from './smtp-secret.js';

export function registerNotificationRoutes(app: CashloopApp, db: Database): void {
  const tags = ['dispatch'];

  app.get('/v1/invoices/:id/emails', {
    schema: {
      tags,
      summary: 'Delivery log of the emails of an invoice',
      params: idParam,
      response: { 200: z.object({ data: z.array(z.object({ id: z.uuid(), messageId: z.string(), to: z.string(), subject: z.string(), status: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), sentAt: z.string().nullable(), attachments: z.unknown() })) }) },
    },
    handler: async (request) => ({
      data: unwrap(await emailsOfInvoice(db, actorOf(request), request.params.id)).map((m) => ({
        id: m.id, messageId: m.messageId, to: m.toAddress, subject: m.subject, status: m.status, attempts: m.attempts, lastError: m.lastError, sentAt: m.sentAt?.toISOString() ?? null, attachments: m.attachments,
      })),
    }),
  });

  app.post('/v1/invoices/:id/email-preview', {
    schema: {
      tags,
      summary: "Preview the invoice email in the customer's language (or another)",
      params: idParam,
      body: z.strictObject({ language: z.enum(languages).optional() }).default({}),
      response: { 200: z.object({ to: z.string().nullable(), subject: z.string(), body: z.string(), language: z.string() }) },
    },
    handler: async (request) => unwrap(await previewInvoiceEmail(db, actorOf(request), request.params.id, request.body.language)),
  });

  app.get('/v1/email-templates', {
    schema: {
      tags,
      summary: 'The message templates in use, per kind and language: the tenant\'s own or the built-in wording (custom: false)',
      response: { 200: z.object({ data: z.array(z.object({ kind: z.enum(templateKinds), language: z.enum(languages), subject: z.string(), body: z.string(), custom: z.boolean() })) }) },
    },
    handler: async (request) => ({ data: await listTemplates(db, actorOf(request)) }),
  });

  app.put('/v1/email-templates/:kind/:language', {
    schema: {
      tags,
      summary: 'Replace a message template (admin, ar_manager); placeholders: {{number}} {{customerName}} {{companyName}} {{issueDate}} {{dueDate}} {{total}} {{paymentReference}}',
      params: z.object({ kind: z.enum(templateKinds), language: z.enum(languages) }),
      body: z.strictObject({ subject: z.string().min(1).max(300), body: z.string().min(1).max(20_000) }),
      response: { 200: z.object({ subject: z.string(), body: z.string() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return unwrap(await saveTemplate(db, actor, { ...request.params, ...request.body }));
    },
  });

  const smtpSettingsView = z.union([
    z.object({ configured: z.literal(false), source: z.enum(['environment', 'none']) }),
    z.object({ configured: z.literal(true), host: z.string(), port: z.number().int(), secure: z.boolean(), username: z.string().nullable(), hasPassword: z.boolean(), fromAddress: z.string(), updatedAt: z.string() }),
  ]);
  const environmentConfigured = () => smtpFromEnvironment() !== undefined;
  const settingsTags = ['tenant'];

  app.get('/v1/smtp-settings', {
    schema: {
      tags: settingsTags,
      summary: "The company's own outgoing mail server (admin); the password is never shown, only hasPassword. Without one: configured false and whether the server's default (environment) applies",
      response: { 200: smtpSettingsView },
    },
    handler: async (request) => smtpSettingsOf(db, requireRole(request, 'admin'), environmentConfigured()),
  });

  app.put('/v1/smtp-settings', {
    schema: {
      tags: settingsTags,
      summary: `Send the company's emails through its own mail server and sender address (admin). password: omitted keeps the stored one, null removes it; stored encrypted, refused while ${secretKeyVariable} is not set`,
      body: z.strictObject({
        host: z.string().trim().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        secure: z.boolean(),
        username: z.string().min(1).max(320).nullable().default(null),
        password: z.string().min(1).max(1_000).nullable().optional(),
        fromAddress: z.email().max(320),
      }),
      response: { 200: smtpSettingsView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const { password, ...rest } = request.body;
      return unwrap(await saveSmtpSettings(db, actor, { ...rest, ...(password !== undefined ? { password } : {}) }, process.env[secretKeyVariable] || undefined, environmentConfigured()));
    },
  });

  app.delete('/v1/smtp-settings', {
    schema: { tags: settingsTags, summary: "Back to the server's default mail server (admin)", response: { 200: smtpSettingsView } },
    handler: async (request) => unwrap(await removeSmtpSettings(db, requireRole(request, 'admin'), environmentConfigured())),
  });
}
