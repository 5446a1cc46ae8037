import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditorReference } from '../src/modules/invoicing/creditor-reference.js';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Terms KG' });
});
afterAll(async () => server?.close());

async function issue(customerId: string, issueDate: string, extra: Record<string, unknown> = {}) {
  const api = company.as('ar_manager');
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: 100_000, taxRatePercent: '19' }], ...extra });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

describe('payment terms on invoices', () => {
  it('applies the customer terms: 2/10 net 30 gives the due date, the discount and its deadline, and an RF reference', async () => {
    const api = company.as('ar_manager');
    const terms = await api.ok('POST', '/v1/payment-terms', { name: '2/10 net 30', definition: { due: { kind: 'net', days: 30 }, discount: { percent: '2', withinDays: 10 } } });
    const customer = await api.ok('POST', '/v1/customers', { name: 'Skonto GmbH', currency: 'EUR', paymentTermsId: terms.id });
    const invoice = await issue(customer.id, '2026-03-02');
    expect(invoice).toMatchObject({ dueDate: '2026-04-01', paymentTermsDays: 30, discountMinor: 2_380, discountDeadline: '2026-03-12' });
    expect(isValidCreditorReference(invoice.creditorReference)).toBe(true);
    expect(invoice.creditorReference).toContain('INV000001');
    const duplicate = await api.post('/v1/payment-terms', { name: '2/10 net 30', definition: { due: { kind: 'net', days: 30 } } });
    expect(duplicate.status).toBe(409);
  });

  it('splits an invoice into instalments that add up to the total, and rolls due dates off weekends by the tenant calendar', async () => {
    const api = company.as('ar_manager');
    await company.admin.ok('PUT', '/v1/business-calendar', { roll: 'following', weekend: [6, 7], holidays: ['2026-04-06'] });
    const terms = await api.ok('POST', '/v1/payment-terms', {
      name: '30/30/40',
      definition: { due: { kind: 'net', days: 90 }, instalments: [{ percent: 30, due: { kind: 'net', days: 30 } }, { percent: 30, due: { kind: 'net', days: 60 } }, { percent: 40, due: { kind: 'end_of_month', days: 60 } }] },
    });
    const customer = await api.ok('POST', '/v1/customers', { name: 'Raten AG', currency: 'EUR' });
    const invoice = await issue(customer.id, '2026-03-07', { paymentTermsId: terms.id });
    // 2026-04-06 (Easter Monday, a holiday here) rolls to the 7th; 2026-05-06 is a Wednesday; 31 March + 60 = 30 May, a Saturday: 1 June.
    expect(invoice.instalments).toEqual([
      { dueDate: '2026-04-07', amountMinor: 35_700 },
      { dueDate: '2026-05-06', amountMinor: 35_700 },
      { dueDate: '2026-06-01', amountMinor: 47_600 },
    ]);
    expect(invoice.instalments.reduce((s: number, i: any) => s + i.amountMinor, 0)).toBe(invoice.totalMinor);
    const invalid = await api.post('/v1/payment-terms', { name: 'broken', definition: { due: { kind: 'net', days: 30 }, instalments: [{ percent: 60, due: { kind: 'net', days: 30 } }] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].detail).toContain('not 100 %');
    await company.admin.ok('PUT', '/v1/business-calendar', { roll: 'none' });
  });
});

describe('write-offs', () => {
  it('writes off an open balance to bad-debt expense, only for an AR manager, and the books still agree', async () => {
    const customer = await company.as('ar_manager').ok('POST', '/v1/customers', { name: 'Insolvent Ltd', currency: 'EUR' });
    const invoice = await issue(customer.id, '2026-01-10');
    await company.as('ar_manager').ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 19_000, currency: 'EUR', valueDate: '2026-02-01', allocations: [{ invoiceId: invoice.id, amountMinor: 19_000 }] });
    const denied = await company.as('collector').post(`/v1/invoices/${invoice.id}/write-off`, { reason: 'insolvency', date: '2026-06-30' });
    expect(denied.status).toBe(403);
    const written = await company.as('ar_manager').ok('POST', `/v1/invoices/${invoice.id}/write-off`, { reason: 'insolvency proceedings closed', date: '2026-06-30' });
    expect(written).toMatchObject({ status: 'written_off', openMinor: 0, writeOffReason: 'insolvency proceedings closed' });
    const tb = await company.admin.ok('GET', '/v1/ledger/trial-balance?asOf=2026-12-31');
    expect(tb.rows.find((r: any) => r.accountCode === '6100').balanceMinor).toBe(119_000 - 19_000);
    const before = await company.admin.ok('GET', `/v1/reports/aging?asOf=2026-06-29&customerId=${customer.id}`);
    expect(before.customers[0].openInvoicesMinor).toBe(100_000);
    const after = await company.admin.ok('GET', `/v1/reports/aging?asOf=2026-06-30&customerId=${customer.id}`);
    expect(after.customers).toEqual([]);
    expect((await company.as('ar_manager').post(`/v1/invoices/${invoice.id}/write-off`, { reason: 'again' })).status).toBe(409);
    const events = await company.admin.ok('GET', '/v1/events?type=invoice.paid&limit=200');
    expect(events.data.map((e: any) => e.entityId)).not.toContain(invoice.id);
    await expectBooksAgree(company.admin, ['2026-06-29', '2026-06-30', '2026-12-31']);
  });
});

describe('numbering series', () => {
  it('numbers by year from 1 with the configured prefix and width, without gaps', async () => {
    const fresh = await server.createTenant({ name: 'Yearly Numbers' });
    const configured = await fresh.admin.ok('PUT', '/v1/number-series/invoice', { prefix: 'RE-{year}-', width: 5 });
    expect(configured.example).toBe('RE-2026-00001');
    expect((await fresh.as('ar_manager').call('PUT', '/v1/number-series/invoice', { prefix: 'X', width: 3 })).status).toBe(403);
    const api = fresh.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Numbered', currency: 'EUR' });
    const numbers = [];
    for (const date of ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']) {
      const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'x', quantity: '1', unitPriceMinor: 100 }] });
      const issued = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: date });
      numbers.push(issued.number);
      expect(isValidCreditorReference(issued.creditorReference)).toBe(true);
    }
    expect(numbers).toEqual(['RE-2026-00001', 'RE-2026-00002', 'RE-2027-00001', 'RE-2027-00002']);
  });
});
