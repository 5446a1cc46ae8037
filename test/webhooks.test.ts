import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueWebhooks, fanOutEvents } from '../src/modules/webhooks/service.js';
import { disableAfterConsecutiveFailures } from '../src/modules/webhooks/retry-schedule.js';
import { verifyWebhook } from '../src/modules/webhooks/signature.js';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';
import { onPostgresServer } from './support/database.js';

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  event: { id: string; type: string; data: any };
}

let server: TestServer;
let company: TestTenant;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status codes the receiver answers with, in turn; 204 once the list is empty. */
let plannedStatuses: number[] = [];

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Hooks GmbH' });
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const status = plannedStatuses.shift() ?? 204;
      if (status < 300) {
        received.push({
          id: String(request.headers['webhook-id']),
          timestamp: String(request.headers['webhook-timestamp']),
          signature: String(request.headers['webhook-signature']),
          body,
          event: JSON.parse(body),
        });
      }
      response.writeHead(status).end(status < 300 ? '' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await server?.close();
});
beforeEach(() => {
  received.length = 0;
  plannedStatuses = [];
});

let clock = Date.now();
/** Fan out and deliver as a worker would, at a controlled time far enough apart for every backoff. */
async function pass(advanceMs = 0) {
  clock += advanceMs;
  await fanOutEvents(server.database.db);
  return deliverDueWebhooks(server.database.db, { now: new Date(Math.max(clock, Date.now())) });
}

async function invoiceAndPayment() {
  const api = company.as('ar_manager');
  const customer = await api.ok('POST', '/v1/customers', { name: `Hooked ${Math.random().toString(36).slice(2, 6)}`, currency: 'EUR' });
  const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'x', quantity: '1', unitPriceMinor: 1_000 }] });
  await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-05-01' });
  await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 1_000, currency: 'EUR', valueDate: '2026-05-10', allocations: [{ invoiceId: draft.id, amountMinor: 1_000 }] });
  return { customer, invoiceId: draft.id as string };
}

describe('signed webhooks from the outbox', () => {
  it('delivers subscribed events signed with the endpoint secret (Standard Webhooks)', async () => {
    const endpoint = await company.admin.ok('POST', '/v1/webhook-endpoints', { url: receiverUrl, eventTypes: ['invoice.issued', 'payment.received', 'invoice.paid'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await company.admin.ok('GET', '/v1/webhook-endpoints'))).not.toContain(endpoint.secret);
    const { invoiceId } = await invoiceAndPayment();
    let outcome = await pass();
    while (outcome.attempted > 0) outcome = await pass();
    expect(received.map((r) => r.event.type)).toEqual(['invoice.issued', 'payment.received', 'invoice.paid']);
    for (const r of received) {
      expect(verifyWebhook(endpoint.secret, r, r.body, Number(r.timestamp))).toBe(true);
      // The same check written out, as a receiver in another language would do it.
      const mac = createHmac('sha256', Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64')).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64');
      expect(r.signature.split(' ')).toContain(`v1,${mac}`);
      expect(r.id).toBe(r.event.id);
    }
    expect(received[0]!.event.data).toMatchObject({ id: invoiceId, number: expect.stringMatching(/^INV-/), totalMinor: 1_000 });
    await company.admin.ok('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
  });

  it('retries a receiver that fails until it recovers, delivers once, keeps per-object order, and replays with the same id', async () => {
    const endpoint = await company.admin.ok('POST', '/v1/webhook-endpoints', { url: receiverUrl, eventTypes: ['invoice.issued', 'invoice.paid'] });
    plannedStatuses = [500, 503];
    const { invoiceId } = await invoiceAndPayment();
    // First attempt of invoice.issued fails; invoice.paid for the same invoice must wait behind it.
    let outcome = await pass();
    expect(outcome).toMatchObject({ attempted: 1, failed: 1 });
    outcome = await pass(10 * 60_000);
    expect(outcome).toMatchObject({ attempted: 1, failed: 1 });
    expect(received).toEqual([]);
    outcome = await pass(60 * 60_000);
    expect(outcome).toMatchObject({ attempted: 1, delivered: 1 });
    outcome = await pass(1_000);
    expect(outcome).toMatchObject({ attempted: 1, delivered: 1 });
    expect(received.map((r) => [r.event.type, r.event.data.id])).toEqual([
      ['invoice.issued', invoiceId],
      ['invoice.paid', invoiceId],
    ]);
    expect((await pass(24 * 60 * 60_000)).attempted).toBe(0);

    const log = await company.admin.ok('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    const issued = log.data.find((d: any) => d.eventType === 'invoice.issued');
    expect(issued).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(issued.attemptLog.map((a: any) => a.statusCode)).toEqual([204, 503, 500]);

    const firstId = received[0]!.id;
    await company.admin.ok('POST', `/v1/webhook-deliveries/${issued.id}/replay`);
    await pass(1_000);
    expect(received.at(-1)!.id).toBe(firstId);
    await company.admin.ok('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
  });

  it('signs with both secrets during a rotation', async () => {
    const endpoint = await company.admin.ok('POST', '/v1/webhook-endpoints', { url: receiverUrl, eventTypes: ['customer.created'] });
    const rotated = await company.admin.ok('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.secret).not.toBe(endpoint.secret);
    await company.as('ar_manager').ok('POST', '/v1/customers', { name: 'Rotated', currency: 'EUR' });
    // Within the 24 hours after the rotation (the other tests moved the clock on): send at the real time.
    await fanOutEvents(server.database.db);
    await deliverDueWebhooks(server.database.db, { now: new Date() });
    const r = received.at(-1)!;
    expect(r.signature.split(' ')).toHaveLength(2);
    expect(verifyWebhook(endpoint.secret, r, r.body, Number(r.timestamp))).toBe(true);
    expect(verifyWebhook(rotated.secret, r, r.body, Number(r.timestamp))).toBe(true);
    await company.admin.ok('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
  });

  it('disables an endpoint that keeps failing and tells the admins', async () => {
    const endpoint = await company.admin.ok('POST', '/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/unreachable', eventTypes: ['customer.created'] });
    for (let i = 0; i < 3; i++) await company.as('ar_manager').ok('POST', '/v1/customers', { name: `Unheard ${i}`, currency: 'EUR' });
    for (let i = 0; i < disableAfterConsecutiveFailures + 5; i++) await pass(7 * 60 * 60_000);
    const after = await company.admin.ok('GET', `/v1/webhook-endpoints/${endpoint.id}`);
    expect(after.status).toBe('disabled');
    expect(after.disabledReason).toContain('failed deliveries in a row');
    const notes = (await company.admin.ok('GET', '/v1/notifications')).data;
    expect(notes.some((n: any) => n.kind === 'webhook_endpoint_disabled' && n.audience === 'admin' && n.message.includes('unreachable'))).toBe(true);
    expect((await company.as('collector').ok('GET', '/v1/notifications')).data).toEqual([]);
  });

  it("keeps another tenant's endpoints and deliveries out of reach", async () => {
    const other = await server.createTenant({ name: 'Elsewhere' });
    const endpoint = await company.admin.ok('POST', '/v1/webhook-endpoints', { url: receiverUrl, eventTypes: ['*'] });
    expect((await other.admin.get(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`)).status).toBe(404);
    expect((await company.as('collector').post('/v1/webhook-endpoints', { url: receiverUrl, eventTypes: ['*'] })).status).toBe(403);
    await company.admin.ok('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
  });

  it.skipIf(!onPostgresServer())('never sends one delivery twice when two workers run at once', async () => {
    const endpoint = await company.admin.ok('POST', '/v1/webhook-endpoints', { url: receiverUrl, eventTypes: ['customer.created'] });
    for (let i = 0; i < 30; i++) await company.as('ar_manager').ok('POST', '/v1/customers', { name: `Parallel ${i}`, currency: 'EUR' });
    await fanOutEvents(server.database.db);
    const now = new Date(clock + 60_000);
    await Promise.all([
      deliverDueWebhooks(server.database.db, { now }),
      deliverDueWebhooks(server.database.db, { now }),
      deliverDueWebhooks(server.database.db, { now }),
    ]);
    const ids = received.map((r) => r.id);
    expect(ids.length).toBe(30);
    expect(new Set(ids).size).toBe(30);
    await company.admin.ok('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
  });
});
