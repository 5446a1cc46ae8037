import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connection.js';
import { useGatewayForTests } from '../src/modules/autopay/service.js';
import { createSandboxGateway, type SandboxGateway, type SignedWebhook } from '../src/modules/gateways/index.js';
import { emailOutbox } from '../src/modules/notifications/schema.js';
import { expectBooksAgree, startTestServer, type ApiClient, type ApiResponse, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
let sandbox: SandboxGateway;

beforeAll(async () => {
  // The sandbox the server charges through is the one this test holds: it settles the delayed charges itself.
  sandbox = createSandboxGateway({ webhookSecret: 'portal-pending-secret' });
  useGatewayForTests(sandbox);
  server = await startTestServer();
  company = await server.createTenant({ name: 'Delayed Settlement Supplies' });
});
afterAll(async () => {
  useGatewayForTests(undefined);
  await server?.close();
});

const csrf = { 'x-cashloop-csrf': '1' };
const delayedCard = '4000 0000 0000 7775';

async function issue(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Crates', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

/** Signs a contact in to the portal through the emailed link; returns a cookie-carrying client. */
async function portalFor(email: string) {
  expect((await server.anonymous.post('/portal/sign-in-link', { tenantId: company.tenant.id, email })).status).toBe(202);
  const [mail] = await server.database.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, company.tenant.id), eq(emailOutbox.toAddress, email), like(emailOutbox.dedupeKey, 'portal.sign_in_link:%')));
  const token = /\/portal\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? '')?.[1];
  if (!token) throw new Error('no sign-in link');
  const signedIn = await server.anonymous.post('/portal/sign-in', { token });
  const cookie = /cashloop_session=[^;]*/.exec(signedIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return {
    get: (path: string): Promise<ApiResponse> => server.anonymous.call('GET', path, undefined, { cookie }),
    post: (path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => server.anonymous.call('POST', path, body, { cookie, ...csrf, ...headers }),
  };
}

async function deliver(webhook: SignedWebhook) {
  const response = await fetch(`${server.baseUrl}/gateway-webhooks/sandbox`, { method: 'POST', headers: webhook.headers, body: webhook.rawBody });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function cardPaymentsOf(customerId: string) {
  return (await company.admin.ok('GET', `/v1/payments?customerId=${customerId}`)).data as Array<{ id: string; method: string; amountMinor: number; status: string }>;
}

describe('a portal card payment the gateway settles later', () => {
  it('shows the invoices as payment pending, then records the payment once against the invoices chosen when the settlement webhook arrives (twice)', async () => {
    const api = company.admin;
    const today = (await api.ok('GET', '/v1/tenant')).today as string;
    const customer = await api.ok('POST', '/v1/customers', { name: 'Slow Bank Foods', currency: 'EUR', email: 'ap@slowbank.test', paymentTermsDays: 30 });
    const chosen = [await issue(api, customer.id, 120_00, today), await issue(api, customer.id, 80_50, today)];
    const notChosen = await issue(api, customer.id, 45_00, today);
    const portal = await portalFor('ap@slowbank.test');

    const paid = await portal.post('/portal/v1/payments', { invoiceIds: chosen.map((i) => i.id), sandboxCardNumber: delayedCard }, { 'idempotency-key': 'slow-bank-1' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(202);
    expect(paid.body).toMatchObject({ status: 'pending', amountMinor: 200_50, currency: 'EUR' });
    const chargeId = paid.body.chargeId as string;

    // Until the gateway settles: nothing is recorded, the chosen invoices say so, the other does not.
    expect(await cardPaymentsOf(customer.id)).toEqual([]);
    const pendingList = (await portal.get('/portal/v1/invoices?status=open')).body.data as Array<{ id: string; paymentPending: boolean; openMinor: number }>;
    expect(Object.fromEntries(pendingList.map((i) => [i.id, i.paymentPending]))).toEqual({ [chosen[0].id]: true, [chosen[1].id]: true, [notChosen.id]: false });
    expect((await portal.get(`/portal/v1/invoices/${chosen[0].id}`)).body).toMatchObject({ paymentPending: true, status: 'open', openMinor: 120_00 });
    // A replay of the same request gets the same answer and keeps one pending charge.
    const replay = await portal.post('/portal/v1/payments', { invoiceIds: chosen.map((i) => i.id), sandboxCardNumber: delayedCard }, { 'idempotency-key': 'slow-bank-1' });
    expect(replay.body.chargeId).toBe(chargeId);
    const [kept] = await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from portal_card_charges where tenant_id = ${company.tenant.id} and charge_id = ${chargeId}`);
    expect(kept?.n).toBe(1);

    // The settlement arrives, and is delivered again: one payment, applied to exactly the invoices chosen.
    const settled = sandbox.settleDelayed(chargeId, 'succeeded');
    expect(await deliver(settled)).toMatchObject({ status: 200, body: { duplicate: false, outcome: 'recorded_payment' } });
    expect(await deliver(settled)).toMatchObject({ status: 200, body: { duplicate: true } });
    const payments = await cardPaymentsOf(customer.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ method: 'card', amountMinor: 200_50 });
    for (const invoice of chosen) expect(await api.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });
    expect(await api.ok('GET', `/v1/invoices/${notChosen.id}`)).toMatchObject({ status: 'open', openMinor: 45_00 });
    const payment = await api.ok('GET', `/v1/payments/${payments[0]!.id}`);
    expect(payment.allocations.map((a: { invoiceId: string; amountMinor: number }) => [a.invoiceId, a.amountMinor]).sort()).toEqual([[chosen[0].id, 120_00], [chosen[1].id, 80_50]].sort());

    // The portal now shows them paid, no longer pending.
    const paidList = (await portal.get('/portal/v1/invoices?status=paid')).body.data as Array<{ id: string; paymentPending: boolean }>;
    expect(paidList.map((i) => i.id).sort()).toEqual(chosen.map((i) => i.id).sort());
    expect(paidList.every((i) => !i.paymentPending)).toBe(true);
    await expectBooksAgree(api);
  });

  it('records nothing when the pending charge fails at the gateway, and the invoice is no longer pending', async () => {
    const api = company.admin;
    const today = (await api.ok('GET', '/v1/tenant')).today as string;
    const customer = await api.ok('POST', '/v1/customers', { name: 'Bounced Card Bakery', currency: 'EUR', email: 'ap@bounced.test', paymentTermsDays: 30 });
    const invoice = await issue(api, customer.id, 33_00, today);
    const portal = await portalFor('ap@bounced.test');
    const pending = await portal.post('/portal/v1/payments', { invoiceIds: [invoice.id], sandboxCardNumber: delayedCard });
    expect(pending.status).toBe(202);
    expect((await portal.get(`/portal/v1/invoices/${invoice.id}`)).body.paymentPending).toBe(true);
    expect(await deliver(sandbox.settleDelayed(pending.body.chargeId, 'failed'))).toMatchObject({ status: 200, body: { outcome: 'failed_portal_charge' } });
    expect(await cardPaymentsOf(customer.id)).toEqual([]);
    expect((await portal.get(`/portal/v1/invoices/${invoice.id}`)).body).toMatchObject({ paymentPending: false, status: 'open', openMinor: 33_00 });
    await expectBooksAgree(api);
  });

  it('asks the gateway to deliver again when a portal charge settles before the portal has kept it', async () => {
    const api = company.admin;
    const today = (await api.ok('GET', '/v1/tenant')).today as string;
    const customer = await api.ok('POST', '/v1/customers', { name: 'Racing Settlement Ltd', currency: 'EUR', paymentTermsDays: 30 });
    const invoice = await issue(api, customer.id, 10_00, today);
    // A charge made as the portal makes it, whose answer the portal has not written down yet.
    const charge = await sandbox.charge({
      amountMinor: 10_00n, currency: 'EUR', paymentMethodToken: 'tok_sandbox_delayed', gatewayCustomerId: null, idempotencyKey: 'race-portal-charge',
      description: `Invoice ${invoice.number}`, metadata: { tenantId: company.tenant.id, customerId: customer.id, source: 'portal', invoiceCount: '1' },
    });
    if (charge.status !== 'pending') throw new Error('expected a pending sandbox charge');
    const early = await deliver(sandbox.settleDelayed(charge.chargeId, 'succeeded'));
    expect(early.status).toBe(409);
    expect(await cardPaymentsOf(customer.id)).toEqual([]);
  });
});
