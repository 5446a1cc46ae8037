import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiArtifacts } from '../packages/client/generate.js';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Typed Client Ltd', baseCurrency: 'GBP', timeZone: 'Europe/London' });
});
afterAll(async () => server?.close());

describe('the typed client in packages/client', () => {
  it('is generated from the current routes (run npm run client:generate after changing an API)', async () => {
    const { document, types } = await openApiArtifacts();
    expect(await readFile(new URL('../packages/client/openapi.json', import.meta.url), 'utf8')).toBe(document);
    expect(await readFile(new URL('../packages/client/src/schema.ts', import.meta.url), 'utf8')).toBe(types);
    const spec = JSON.parse(document);
    expect(spec.openapi).toBe('3.1.0');
    for (const [path, item] of Object.entries<Record<string, any>>(spec.paths)) {
      expect(path.startsWith('/v1/')).toBe(true);
      for (const operation of Object.values(item)) expect(operation.responses.default.content['application/problem+json']).toBeDefined();
    }
  });

  it('runs the customer-to-cash slice with typed requests and typed problems', async () => {
    const api = company.typed('ar_manager');
    const { data: customer } = await api.POST('/v1/customers', { body: { name: 'Wayne Enterprises', currency: 'GBP', paymentTermsDays: 14 } });
    expect(customer?.currency).toBe('GBP');
    const { data: draft } = await api.POST('/v1/invoices', {
      body: { customerId: customer!.id, lines: [{ description: 'Grapnel guns', quantity: '3', unitPriceMinor: 12_000, taxRatePercent: '20' }] },
    });
    const { data: issued } = await api.POST('/v1/invoices/{id}/issue', { params: { path: { id: draft!.id } }, body: { issueDate: '2026-09-01' } });
    expect(issued).toMatchObject({ number: 'INV-000001', totalMinor: 43_200, dueDate: '2026-09-15' });

    const { data: payment, response } = await api.POST('/v1/payments', {
      params: { header: { 'Idempotency-Key': 'wayne-2026-09-10' } },
      body: { customerId: customer!.id, method: 'bank_transfer', amountMinor: 43_200, currency: 'GBP', valueDate: '2026-09-10', allocations: [{ invoiceId: draft!.id, amountMinor: 43_200 }] },
    });
    expect(response.status).toBe(201);
    expect(payment?.unappliedMinor).toBe(0);

    const { error, response: refused } = await api.POST('/v1/payments', {
      body: { customerId: customer!.id, method: 'cash', amountMinor: 100, currency: 'GBP', valueDate: '2026-09-10', allocations: [{ invoiceId: draft!.id, amountMinor: 200 }] },
    });
    expect(refused.status).toBe(422);
    expect(error?.type).toBe('https://cashloop.dev/problems/over-allocation');

    const { data: aging } = await api.GET('/v1/reports/aging', { params: { query: { asOf: '2026-09-05' } } });
    expect(aging?.tenantCurrency).toBe('GBP');
    expect(aging?.totalsByCurrency[0]?.buckets.current).toBe(43_200);
    await expectBooksAgree(company.as('viewer'), ['2026-09-05', '2026-09-10']);
  });
});
