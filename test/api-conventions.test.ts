import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';
import { onPostgresServer } from './support/database.js';

let server: TestServer;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  a = await server.createTenant({ name: 'Tenant A' });
  b = await server.createTenant({ name: 'Tenant B' });
});
afterAll(async () => server?.close());

async function openInvoice(api: ApiClient, amount = 10_000, issueDate = '2026-03-01') {
  const customer = await api.ok('POST', '/v1/customers', { name: `C ${Math.random().toString(36).slice(2, 7)}`, currency: 'EUR' });
  const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: amount }] });
  const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
  return { customer, invoice };
}

/** A fingerprint of everything a failed request could have touched. */
async function books(api: ApiClient) {
  const [tb, invoices, payments, customers] = await Promise.all([
    api.ok('GET', '/v1/ledger/trial-balance?asOf=2099-12-31'),
    api.ok('GET', '/v1/invoices?limit=200'),
    api.ok('GET', '/v1/payments?limit=200'),
    api.ok('GET', '/v1/customers?limit=200&includeArchived=true'),
  ]);
  return JSON.stringify([tb, invoices, payments, customers]);
}

function expectProblem(response: { status: number; body: any; headers: Headers }, status: number, type: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ type: `https://cashloop.dev/problems/${type}`, status });
  expect(typeof response.body.title).toBe('string');
}

describe('bad input gets a problem and changes nothing', () => {
  it('refuses negative, fractional and oversized amounts, unknown currencies, impossible dates and unknown fields with the field named', async () => {
    const api = a.as('ar_manager');
    const { customer, invoice } = await openInvoice(api);
    const before = await books(api);
    const payment = (overrides: Record<string, unknown>) =>
      api.post('/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 100, currency: 'EUR', valueDate: '2026-03-02', ...overrides });

    const cases: [Record<string, unknown>, string][] = [
      [{ amountMinor: -100 }, '/amountMinor'],
      [{ amountMinor: 12.5 }, '/amountMinor'],
      [{ amountMinor: 2 ** 60 }, '/amountMinor'],
      [{ amountMinor: '100' }, '/amountMinor'],
      [{ currency: 'XYZ' }, '/currency'],
      [{ currency: 'eur' }, '/currency'],
      [{ valueDate: '2026-02-30' }, '/valueDate'],
      [{ method: 'bitcoin' }, '/method'],
      [{ allocations: [{ invoiceId: invoice.id, amountMinor: 0 }] }, '/allocations/0/amountMinor'],
    ];
    for (const [overrides, pointer] of cases) {
      const response = await payment(overrides);
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors.map((e: any) => e.pointer), JSON.stringify(overrides)).toContain(pointer);
    }
    const unknownField = await payment({ discountTaken: 5 });
    expectProblem(unknownField, 400, 'validation-failed');
    expect(unknownField.body.errors[0].detail).toContain('discountTaken');
    expect(await books(api)).toBe(before);
  });

  it('refuses an allocation above the open balance or above the payment, leaving the invoice and the ledger as they were', async () => {
    const api = a.as('ar_manager');
    const { customer, invoice } = await openInvoice(api, 5_000);
    const before = await books(api);
    const aboveOpen = await api.post('/v1/payments', {
      customerId: customer.id, method: 'bank_transfer', amountMinor: 9_000, currency: 'EUR', valueDate: '2026-03-05',
      allocations: [{ invoiceId: invoice.id, amountMinor: 5_001 }],
    });
    expectProblem(aboveOpen, 422, 'over-allocation');
    expect(aboveOpen.body.errors[0].pointer).toBe('/allocations/0/amountMinor');
    const abovePayment = await api.post('/v1/payments', {
      customerId: customer.id, method: 'bank_transfer', amountMinor: 1_000, currency: 'EUR', valueDate: '2026-03-05',
      allocations: [{ invoiceId: invoice.id, amountMinor: 2_000 }],
    });
    expectProblem(abovePayment, 422, 'over-allocation');
    expect(await books(api)).toBe(before);
    expect((await api.ok('GET', `/v1/invoices/${invoice.id}`)).openMinor).toBe(5_000);
  });

  it('refuses an unbalanced manual journal entry and one that touches the AR control account', async () => {
    const api = a.as('ar_manager');
    const before = await books(api);
    const unbalanced = await api.post('/v1/ledger/journal-entries', {
      entryDate: '2026-03-31', description: 'Accrual',
      lines: [{ accountCode: '1000', currency: 'EUR', debitMinor: 1_000 }, { accountCode: '4000', currency: 'EUR', creditMinor: 999 }],
    });
    expectProblem(unbalanced, 400, 'validation-failed');
    expect(unbalanced.body.errors[0].detail).toContain('differ by 1');
    const control = await api.post('/v1/ledger/journal-entries', {
      entryDate: '2026-03-31', description: 'Fudge the receivables',
      lines: [{ accountCode: '1200', currency: 'EUR', debitMinor: 1_000 }, { accountCode: '4000', currency: 'EUR', creditMinor: 1_000 }],
    });
    expectProblem(control, 400, 'validation-failed');
    expect(control.body.errors[0].pointer).toBe('/lines/0/accountCode');
    expect(await books(api)).toBe(before);
    const balanced = await api.post('/v1/ledger/journal-entries', {
      entryDate: '2026-03-31', description: 'Bank fee',
      lines: [{ accountCode: '7900', currency: 'EUR', debitMinor: 250 }, { accountCode: '1000', currency: 'EUR', creditMinor: 250 }],
    });
    expect(balanced.status).toBe(201);
  });

  it('answers malformed JSON, a wrong content type, no key and an unknown route with problems', async () => {
    const api = a.as('admin');
    const malformed = await api.call('POST', '/v1/customers', '{"name": ', { 'content-type': 'application/json' });
    expectProblem(malformed, 400, 'malformed-request');
    const wrongType = await api.call('POST', '/v1/customers', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expectProblem(wrongType, 415, 'unsupported-media-type');
    expectProblem(await server.anonymous.get('/v1/customers'), 401, 'unauthenticated');
    expectProblem(await new (api.constructor as typeof ApiClient)(api.baseUrl, 'cl_notarealkey0_abcdefghijklmnopqrstuvwxyz').get('/v1/customers'), 401, 'unauthenticated');
    expectProblem(await api.get('/v1/no-such-thing'), 404, 'not-found');
    expectProblem(await api.get('/v1/invoices/not-a-uuid'), 400, 'validation-failed');
  });
});

describe('tenants and roles', () => {
  it("never shows or changes another tenant's objects", async () => {
    const apiA = a.as('admin');
    const apiB = b.as('admin');
    const { customer, invoice } = await openInvoice(apiB, 7_700);
    const payment = await apiB.ok('POST', '/v1/payments', { customerId: customer.id, method: 'cash', amountMinor: 100, currency: 'EUR', valueDate: '2026-03-02' });
    for (const path of [`/v1/customers/${customer.id}`, `/v1/invoices/${invoice.id}`, `/v1/payments/${payment.id}`, `/v1/customers/${customer.id}/credit-history`]) {
      expectProblem(await apiA.get(path), 404, 'not-found');
    }
    expectProblem(await apiA.patch(`/v1/customers/${customer.id}`, { name: 'hijacked' }), 404, 'not-found');
    expectProblem(await apiA.post(`/v1/invoices/${invoice.id}/void`, { reason: 'x' }), 404, 'not-found');
    expectProblem(await apiA.post(`/v1/payments/${payment.id}/allocations`, { allocations: [{ invoiceId: invoice.id, amountMinor: 100 }] }), 404, 'not-found');
    // A's own payment cannot settle B's invoice either.
    const { customer: ownCustomer } = await openInvoice(apiA);
    const own = await apiA.ok('POST', '/v1/payments', { customerId: ownCustomer.id, method: 'cash', amountMinor: 100, currency: 'EUR', valueDate: '2026-03-02' });
    const cross = await apiA.post(`/v1/payments/${own.id}/allocations`, { allocations: [{ invoiceId: invoice.id, amountMinor: 100 }] });
    expect(cross.status).toBe(400);
    const listed = JSON.stringify([
      await apiA.ok('GET', '/v1/customers?limit=200'),
      await apiA.ok('GET', '/v1/invoices?limit=200'),
      await apiA.ok('GET', '/v1/payments?limit=200'),
      await apiA.ok('GET', '/v1/reports/aging?asOf=2026-12-31'),
      await apiA.ok('GET', '/v1/audit-records?limit=200'),
    ]);
    expect(listed).not.toContain(customer.id);
    expect(listed).not.toContain(invoice.id);
    expect((await apiB.ok('GET', `/v1/invoices/${invoice.id}`)).openMinor).toBe(7_700);
  });

  it('lets a viewer read but not change anything, and keeps credit and key decisions to the roles that own them', async () => {
    const viewer = a.as('viewer');
    const { customer, invoice } = await openInvoice(a.as('ar_manager'));
    expect((await viewer.get('/v1/customers')).status).toBe(200);
    const attempts = [
      viewer.post('/v1/customers', { name: 'X', currency: 'EUR' }),
      viewer.post('/v1/invoices', { customerId: customer.id, lines: [{ description: 'x', quantity: '1', unitPriceMinor: 1 }] }),
      viewer.post(`/v1/invoices/${invoice.id}/void`, { reason: 'x' }),
      viewer.post('/v1/payments', { customerId: customer.id, method: 'cash', amountMinor: 1, currency: 'EUR', valueDate: '2026-03-02' }),
      viewer.patch(`/v1/customers/${customer.id}`, { name: 'Y' }),
      viewer.delete(`/v1/customers/${customer.id}`),
    ];
    for (const response of await Promise.all(attempts)) expectProblem(response, 403, 'forbidden');
    const collector = a.as('collector');
    expectProblem(await collector.post('/v1/api-keys', { name: 'mine', role: 'admin' }), 403, 'forbidden');
    expectProblem(await collector.post('/v1/ledger/journal-entries', { entryDate: '2026-03-31', description: 'x', lines: [{ accountCode: '7900', currency: 'EUR', debitMinor: 1 }, { accountCode: '1000', currency: 'EUR', creditMinor: 1 }] }), 403, 'forbidden');
    expectProblem(await collector.get('/v1/audit-records'), 403, 'forbidden');
  });

  it('creates and revokes API keys, storing only a hash, and a revoked key stops working at once', async () => {
    const admin = a.as('admin');
    const created = await admin.ok('POST', '/v1/api-keys', { name: 'integration', role: 'collector' });
    expect(created.key).toMatch(/^cl_/);
    const client = new (admin.constructor as typeof ApiClient)(admin.baseUrl, created.key);
    expect((await client.get('/v1/tenant')).body.role).toBe('collector');
    const listed = await admin.ok('GET', '/v1/api-keys');
    expect(JSON.stringify(listed)).not.toContain(created.key);
    await admin.ok('POST', `/v1/api-keys/${created.id}/revoke`);
    expectProblem(await client.get('/v1/tenant'), 401, 'unauthenticated');
  });

  it('writes an audit record with actor and before/after for every change', async () => {
    const manager = a.as('ar_manager');
    const customer = await manager.ok('POST', '/v1/customers', { name: 'Audited Ltd', currency: 'EUR', paymentTermsDays: 30 });
    await manager.ok('PATCH', `/v1/customers/${customer.id}`, { paymentTermsDays: 45 });
    const trail = await a.admin.ok('GET', `/v1/audit-records?entityType=customer&entityId=${customer.id}`);
    expect(trail.data.map((r: any) => r.action)).toEqual(['customer.updated', 'customer.created']);
    const update = trail.data[0];
    expect(update.actor).toMatch(/^api_key:cl_/);
    expect(update.before.paymentTermsDays).toBe(30);
    expect(update.after.paymentTermsDays).toBe(45);
  });
});

describe('idempotency and concurrency', () => {
  it('replays a repeated request with the same key instead of doing the work twice', async () => {
    const api = a.as('ar_manager');
    const { customer, invoice } = await openInvoice(api, 3_000);
    const body = { customerId: customer.id, method: 'bank_transfer', amountMinor: 3_000, currency: 'EUR', valueDate: '2026-03-10', allocations: [{ invoiceId: invoice.id, amountMinor: 3_000 }] };
    const first = await api.post('/v1/payments', body, { 'idempotency-key': 'pay-once-1' });
    const second = await api.post('/v1/payments', body, { 'idempotency-key': 'pay-once-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const payments = await api.ok('GET', `/v1/payments?customerId=${customer.id}`);
    expect(payments.data).toHaveLength(1);
    const other = await api.post('/v1/payments', { ...body, amountMinor: 2_999 }, { 'idempotency-key': 'pay-once-1' });
    expectProblem(other, 422, 'idempotency-key-reused');
    // An error is stored and replayed too (Stripe's semantics): the same request gives the same answer.
    const failed = await api.post('/v1/payments', body, { 'idempotency-key': 'pay-once-2' });
    expectProblem(failed, 400, 'validation-failed');
    const failedAgain = await api.post('/v1/payments', body, { 'idempotency-key': 'pay-once-2' });
    expect(failedAgain.body).toEqual(failed.body);
    expect(failedAgain.headers.get('idempotent-replayed')).toBe('true');
    await expectBooksAgree(api);
  });

  it('does the work once for concurrent duplicates with one key', async () => {
    const api = a.as('ar_manager');
    const { customer } = await openInvoice(api);
    const body = { customerId: customer.id, method: 'cash', amountMinor: 500, currency: 'EUR', valueDate: '2026-03-10' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.post('/v1/payments', body, { 'idempotency-key': 'burst-1' })));
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((r) => r.status !== 201)) expectProblem(r, 409, 'idempotency-request-in-progress');
    expect((await api.ok('GET', `/v1/payments?customerId=${customer.id}`)).data).toHaveLength(1);
  });

  it('never lets two concurrent payments both settle the same open balance', async () => {
    const api = a.as('ar_manager');
    const { customer, invoice } = await openInvoice(api, 8_000);
    const attempt = () => api.post('/v1/payments', {
      customerId: customer.id, method: 'bank_transfer', amountMinor: 8_000, currency: 'EUR', valueDate: '2026-03-12',
      allocations: [{ invoiceId: invoice.id, amountMinor: 8_000 }],
    });
    const responses = await Promise.all(Array.from({ length: 8 }, attempt));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) expect([400, 422]).toContain(r.status);
    const after = await api.ok('GET', `/v1/invoices/${invoice.id}`);
    expect(after).toMatchObject({ openMinor: 0, status: 'paid' });
    await expectBooksAgree(api);
    if (!onPostgresServer()) console.info('PGlite serialises these requests in its single session; the PostgreSQL run races them on row locks');
  });

  it('issues concurrently drafted invoices with gapless, unique numbers', async () => {
    const fresh = await server.createTenant({ name: 'Numbering GmbH' });
    const api = fresh.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Buyer', currency: 'EUR' });
    const drafts = [];
    for (let i = 0; i < 20; i++) drafts.push(await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: `Item ${i}`, quantity: '1', unitPriceMinor: 100 + i }] }));
    const issued = await Promise.all(drafts.map((d) => api.post(`/v1/invoices/${d.id}/issue`, { issueDate: '2026-04-01' })));
    expect(issued.every((r) => r.status === 200)).toBe(true);
    const numbers = issued.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
  });
});
