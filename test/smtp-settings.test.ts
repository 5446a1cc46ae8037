import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecords } from '../src/modules/identity/schema.js';
import { tenantSmtpSettings } from '../src/modules/notifications/schema.js';
import { deliverDueEmails } from '../src/modules/notifications/service.js';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';

interface Received {
  to: string;
  from: string;
  user: string | undefined;
  raw: string;
}

interface Mailbox {
  server: SMTPServer;
  port: number;
  inbox: Received[];
}

/** An SMTP server on 127.0.0.1; with credentials, it requires AUTH with exactly those. */
async function startSmtp(credentials?: { username: string; password: string }): Promise<Mailbox> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: !credentials,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.username && auth.password === credentials.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), from: from ? from.address : '', user: session.user as string | undefined, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, inbox };
}
const stopSmtp = (mailbox: Mailbox | undefined) => new Promise<void>((resolve) => (mailbox ? mailbox.server.close(() => resolve()) : resolve()));

const secretKey = 'test-secret-key-for-smtp-passwords';
const ownPassword = 'correct horse battery staple';
let server: TestServer;
let own: TestTenant;
let other: TestTenant;
let environment: Mailbox;
let companyServer: Mailbox;
const saved = { secret: process.env.CASHLOOP_SECRET_KEY, url: process.env.SMTP_URL, from: process.env.SMTP_FROM };
const environmentSmtp = () => ({ url: `smtp://127.0.0.1:${environment.port}?ignoreTLS=true`, from: 'billing@environment.example' });

function restore(name: 'CASHLOOP_SECRET_KEY' | 'SMTP_URL' | 'SMTP_FROM', value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeAll(async () => {
  environment = await startSmtp();
  companyServer = await startSmtp({ username: 'mailer@own.example', password: ownPassword });
  process.env.CASHLOOP_SECRET_KEY = secretKey;
  process.env.SMTP_URL = environmentSmtp().url;
  process.env.SMTP_FROM = environmentSmtp().from;
  server = await startTestServer();
  own = await server.createTenant({ name: 'Own Mail GmbH' });
  other = await server.createTenant({ name: 'Default Mail GmbH' });
  for (const [company, name] of [[own, 'Own Mail GmbH'], [other, 'Default Mail GmbH']] as const) {
    await company.admin.ok('PATCH', '/v1/tenant', { legalName: name, countryCode: 'DE', taxId: 'DE111222333', iban: 'DE89370400440532013000' });
  }
});
afterAll(async () => {
  restore('CASHLOOP_SECRET_KEY', saved.secret);
  restore('SMTP_URL', saved.url);
  restore('SMTP_FROM', saved.from);
  await stopSmtp(environment);
  await stopSmtp(companyServer);
  await server?.close();
});

async function issueFor(company: TestTenant, email: string) {
  const api = company.as('ar_manager');
  const customer = await api.ok('POST', '/v1/customers', { name: `Customer ${email}`, email, currency: 'EUR' });
  const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: 10_000, taxRatePercent: '19' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-11-02' });
}

const ownSettings = () => ({ host: '127.0.0.1', port: companyServer.port, secure: false, username: 'mailer@own.example', password: ownPassword, fromAddress: 'receivables@own.example' });

describe("a company's own mail server", () => {
  it('is admin only, validated, and without settings reports the environment server', async () => {
    expect(await own.admin.ok('GET', '/v1/smtp-settings')).toEqual({ configured: false, source: 'environment' });
    for (const role of ['collector', 'ar_manager', 'viewer'] as const) {
      expect((await own.as(role).get('/v1/smtp-settings')).status).toBe(403);
      expect((await own.as(role).call('PUT', '/v1/smtp-settings', ownSettings())).status).toBe(403);
      expect((await own.as(role).delete('/v1/smtp-settings')).status).toBe(403);
    }
    const invalid = await own.admin.call('PUT', '/v1/smtp-settings', { ...ownSettings(), port: 70_000, fromAddress: 'not an address' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/fromAddress', '/port']);
    expect(await own.admin.ok('GET', '/v1/smtp-settings')).toEqual({ configured: false, source: 'environment' });
  });

  it('refuses to store a password while CASHLOOP_SECRET_KEY is not set', async () => {
    delete process.env.CASHLOOP_SECRET_KEY;
    try {
      const refused = await own.admin.call('PUT', '/v1/smtp-settings', ownSettings());
      expect(refused.status).toBe(400);
      expect(refused.body.detail).toContain('CASHLOOP_SECRET_KEY');
      expect(refused.body.errors).toEqual([{ pointer: '/password', detail: expect.stringContaining('CASHLOOP_SECRET_KEY') }]);
      expect(await server.database.db.select().from(tenantSmtpSettings)).toEqual([]);
    } finally {
      process.env.CASHLOOP_SECRET_KEY = secretKey;
    }
  });

  it('stores the password encrypted and never shows it, not even in the audit trail', async () => {
    const stored = await own.admin.ok('PUT', '/v1/smtp-settings', ownSettings());
    expect(stored).toMatchObject({ configured: true, host: '127.0.0.1', port: companyServer.port, secure: false, username: 'mailer@own.example', hasPassword: true, fromAddress: 'receivables@own.example' });
    expect(stored).not.toHaveProperty('password');
    const shown = await own.admin.call('GET', '/v1/smtp-settings');
    expect(shown.body).toEqual(stored);
    const [row] = await server.database.db.select().from(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, own.tenant.id));
    expect(row!.password).toMatch(/^v1\./);
    expect(row!.password).not.toContain(ownPassword);
    const audits = await server.database.db.select().from(auditRecords).where(eq(auditRecords.entityType, 'smtp_settings'));
    expect(audits.map((a) => a.action)).toEqual(['smtp_settings.saved']);
    expect(JSON.stringify(audits)).not.toContain(ownPassword);
    expect(JSON.stringify(audits)).not.toContain(row!.password);
    expect(audits[0]!.after).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    // Omitting the password keeps the stored one.
    const again = await own.admin.ok('PUT', '/v1/smtp-settings', { ...ownSettings(), password: undefined });
    expect(again.hasPassword).toBe(true);
    const [kept] = await server.database.db.select().from(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, own.tenant.id));
    expect(kept!.password).toBe(row!.password);
    expect(await other.admin.ok('GET', '/v1/smtp-settings')).toEqual({ configured: false, source: 'environment' });
  });

  it("sends the company's mail through its own server, authenticated, with its sender; the others' through the environment's", async () => {
    const ownInvoice = await issueFor(own, 'ap@customer-of-own.example');
    const otherInvoice = await issueFor(other, 'ap@customer-of-other.example');
    const envBefore = environment.inbox.length;
    const ownBefore = companyServer.inbox.length;
    expect(await deliverDueEmails(server.database.db, environmentSmtp())).toEqual({ sent: 2, failed: 0 });

    const ownMail = companyServer.inbox.slice(ownBefore);
    expect(ownMail).toHaveLength(1);
    expect(ownMail[0]).toMatchObject({ to: 'ap@customer-of-own.example', from: 'receivables@own.example', user: 'mailer@own.example' });
    expect(ownMail[0]!.raw).toMatch(/^From: receivables@own\.example/m);
    expect(ownMail[0]!.raw).toContain(ownInvoice.number);

    const envMail = environment.inbox.slice(envBefore);
    expect(envMail).toHaveLength(1);
    expect(envMail[0]).toMatchObject({ to: 'ap@customer-of-other.example', from: 'billing@environment.example', user: undefined });
    expect(envMail[0]!.raw).toContain(otherInvoice.number);
  });

  it('takes a changed setting on the next round and goes back to the default after DELETE', async () => {
    // A wrong password: the cached transport of the old settings must not be used any more.
    await own.admin.ok('PUT', '/v1/smtp-settings', { ...ownSettings(), password: 'wrong password' });
    const invoice = await issueFor(own, 'ap@second.example');
    expect(await deliverDueEmails(server.database.db, environmentSmtp())).toEqual({ sent: 0, failed: 1 });
    const waiting = (await own.admin.ok('GET', `/v1/invoices/${invoice.id}/emails`)).data[0];
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastError).toMatch(/auth|credentials|invalid/i);

    const removed = await own.admin.call('DELETE', '/v1/smtp-settings');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ configured: false, source: 'environment' });
    expect((await server.database.db.select().from(auditRecords).where(eq(auditRecords.entityType, 'smtp_settings'))).map((a) => a.action).sort()).toEqual([
      'smtp_settings.removed', 'smtp_settings.saved', 'smtp_settings.saved', 'smtp_settings.saved',
    ]);
    const envBefore = environment.inbox.length;
    const ownBefore = companyServer.inbox.length;
    expect(await deliverDueEmails(server.database.db, environmentSmtp(), { now: new Date(Date.now() + 3_600_000) })).toEqual({ sent: 1, failed: 0 });
    expect(companyServer.inbox.length).toBe(ownBefore);
    expect(environment.inbox.slice(envBefore)).toMatchObject([{ to: 'ap@second.example', from: 'billing@environment.example' }]);
  });

  it('without an environment server, sends only the mail of companies with their own', async () => {
    await own.admin.ok('PUT', '/v1/smtp-settings', ownSettings());
    const ownInvoice = await issueFor(own, 'ap@third.example');
    const otherInvoice = await issueFor(other, 'ap@waiting.example');
    const ownBefore = companyServer.inbox.length;
    expect(await deliverDueEmails(server.database.db, undefined)).toEqual({ sent: 1, failed: 0 });
    expect(companyServer.inbox.slice(ownBefore)).toMatchObject([{ to: 'ap@third.example', user: 'mailer@own.example' }]);
    expect((await own.admin.ok('GET', `/v1/invoices/${ownInvoice.id}/emails`)).data[0]).toMatchObject({ status: 'sent' });
    expect((await other.admin.ok('GET', `/v1/invoices/${otherInvoice.id}/emails`)).data[0]).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
