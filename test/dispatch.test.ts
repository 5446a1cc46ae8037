import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueEmails } from '../src/modules/notifications/service.js';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';

interface Received {
  to: string;
  raw: string;
}

let server: TestServer;
let company: TestTenant;
let smtp: SMTPServer | undefined;
let port = 0;
const inbox: Received[] = [];

async function startSmtp(listenPort = 0): Promise<void> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(listenPort, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
}
const stopSmtp = () => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
const settings = () => ({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'billing@dispatch.example' });

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Dispatch GmbH' });
  await company.admin.ok('PATCH', '/v1/tenant', { legalName: 'Dispatch GmbH', countryCode: 'DE', taxId: 'DE111222333', iban: 'DE89370400440532013000' });
  await startSmtp();
});
afterAll(async () => {
  await stopSmtp();
  await server?.close();
});

async function issueFor(customer: { id: string }) {
  const api = company.as('ar_manager');
  const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: 50_000, taxRatePercent: '19' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-11-02' });
}

describe('automatic dispatch of issued invoices by email', () => {
  it('emails the invoice with its PDF (and UBL when asked) through the outbox, once, in the customer language', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Empfänger AG', email: 'ap@empfaenger.example', currency: 'EUR', countryCode: 'DE', attachUbl: true, language: 'de' });
    const invoice = await issueFor(customer);
    const log = await api.ok('GET', `/v1/invoices/${invoice.id}/emails`);
    expect(log.data).toMatchObject([{ status: 'pending', to: 'ap@empfaenger.example', subject: `Rechnung ${invoice.number} von Dispatch GmbH` }]);

    expect(await deliverDueEmails(server.database.db, settings())).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueEmails(server.database.db, settings(), { now: new Date(Date.now() + 3_600_000) })).toEqual({ sent: 0, failed: 0 });
    expect(inbox).toHaveLength(1);
    const raw = inbox[0]!.raw;
    expect(inbox[0]!.to).toBe('ap@empfaenger.example');
    expect(raw).toContain(`Message-ID: ${log.data[0].messageId}`);
    expect(raw).toMatch(/filename=.?INV-000001\.pdf/);
    expect(raw).toMatch(/filename=.?INV-000001\.xml/);
    expect((await api.ok('GET', `/v1/invoices/${invoice.id}/emails`)).data[0]).toMatchObject({ status: 'sent', attempts: 1 });
    const preview = await api.ok('POST', `/v1/invoices/${invoice.id}/email-preview`, { language: 'en' });
    expect(preview.subject).toBe(`Invoice ${invoice.number} from Dispatch GmbH`);
    expect(preview.body).toContain(invoice.creditorReference.slice(0, 4));
  });

  it('keeps the message in the outbox while the SMTP server is down and delivers it once when it is back', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Patient Ltd', email: 'ap@patient.example', currency: 'EUR' });
    await stopSmtp();
    const before = inbox.length;
    const invoice = await issueFor(customer);
    expect(await deliverDueEmails(server.database.db, settings())).toEqual({ sent: 0, failed: 1 });
    const waiting = (await api.ok('GET', `/v1/invoices/${invoice.id}/emails`)).data[0];
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastError).toBeTruthy();
    await startSmtp(port);
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await deliverDueEmails(server.database.db, settings(), { now: later })).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueEmails(server.database.db, settings(), { now: new Date(later.getTime() + 3_600_000) })).toEqual({ sent: 0, failed: 0 });
    expect(inbox.length - before).toBe(1);
  });

  it('sends nothing to customers without an address or who asked for no email, and a tenant template replaces the built-in one', async () => {
    const api = company.as('ar_manager');
    const silent = await api.ok('POST', '/v1/customers', { name: 'Paper Only', email: 'ap@paper.example', currency: 'EUR', invoiceDelivery: 'none' });
    const invoice = await issueFor(silent);
    expect((await api.ok('GET', `/v1/invoices/${invoice.id}/emails`)).data).toEqual([]);
    await api.ok('PUT', '/v1/email-templates/invoice/en', { subject: 'Your bill {{number}}', body: 'Pay {{total}} by {{dueDate}}.' });
    const templates = (await api.ok('GET', '/v1/email-templates')).data;
    expect(templates).toHaveLength(8);
    expect(templates.find((t: any) => t.kind === 'invoice' && t.language === 'en')).toMatchObject({ subject: 'Your bill {{number}}', custom: true });
    expect(templates.find((t: any) => t.kind === 'invoice' && t.language === 'de')).toMatchObject({ subject: 'Rechnung {{number}} von {{companyName}}', custom: false });
    const customer = await api.ok('POST', '/v1/customers', { name: 'Templated', email: 'ap@templated.example', currency: 'EUR' });
    const templated = await issueFor(customer);
    expect((await api.ok('GET', `/v1/invoices/${templated.id}/emails`)).data[0].subject).toBe(`Your bill ${templated.number}`);
  });
});
