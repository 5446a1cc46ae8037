import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Interest GmbH' });
});
afterAll(async () => server?.close());

const day = (offset: number) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);

describe('late fees and interest over 120 simulated days', () => {
  it('charges on the right days with the right amounts, never twice, waives per customer, and keeps the books in balance every day', async () => {
    const api = company.as('ar_manager');
    await company.admin.ok('PUT', '/v1/late-fee-policy', { kind: 'interest', percent: '12', dayCount: 'actual_365', graceDays: 5, minimumMinor: 100 });
    const slow = await api.ok('POST', '/v1/customers', { name: 'Slow Payer', currency: 'EUR', paymentTermsDays: 14 });
    const spared = await api.ok('POST', '/v1/customers', { name: 'Key Account', currency: 'EUR', paymentTermsDays: 14 });
    await company.admin.ok('PUT', `/v1/customers/${spared.id}/late-fee-policy`, { kind: 'interest', percent: '12', waived: true });
    const issue = async (customerId: string) => {
      const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Goods', quantity: '1', unitPriceMinor: 10_000_00, taxRatePercent: '0' }] });
      return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-01-01' });
    };
    const invoice = await issue(slow.id);
    await issue(spared.id);
    expect(invoice.dueDate).toBe('2026-01-15');

    for (let d = 0; d < 120; d++) {
      const asOf = day(d);
      if (asOf === '2026-02-15') {
        // 6,000.00 paid on 15 February: interest continues on the 4,000.00 left.
        await api.ok('POST', '/v1/payments', { customerId: slow.id, method: 'bank_transfer', amountMinor: 6_000_00, currency: 'EUR', valueDate: asOf, allocations: [{ invoiceId: invoice.id, amountMinor: 6_000_00 }] });
      }
      await company.admin.ok('POST', '/v1/automation/run-day', { asOf });
      await expectBooksAgree(company.admin, [asOf]);
    }
    // Run the whole stretch again: nothing more is charged.
    await company.admin.ok('POST', '/v1/automation/run-day', { asOf: day(0), to: day(119) });

    const feeInvoices = (await api.ok('GET', `/v1/invoices?customerId=${slow.id}&limit=50`)).data.filter((i: any) => i.id !== invoice.id);
    // Late from 21 January (due 15th + 5 grace days): January 21-31 = 11 days × 10,000 × 12 % / 365 = 36.16 (charged 1 Feb);
    // February: 14 days × 10,000 + 14 days × 4,000 = 64.44 (1 Mar); March: 31 days × 4,000 = 40.77 (1 Apr);
    // April 1-30 is not complete within the 120 days (the last day run is 30 April).
    expect(feeInvoices.map((f: any) => [f.issueDate, f.totalMinor])).toEqual([
      ['2026-02-01', 36_16],
      ['2026-03-01', 64_44],
      ['2026-04-01', 40_77],
    ]);
    expect((await api.ok('GET', `/v1/invoices?customerId=${spared.id}`)).data).toHaveLength(1);
    const tb = await company.admin.ok('GET', '/v1/ledger/trial-balance?asOf=2026-04-30');
    expect(tb.rows.find((r: any) => r.accountCode === '4100').balanceMinor).toBe(36_16 + 64_44 + 40_77);
    const aging = await company.admin.ok('GET', `/v1/reports/aging?asOf=2026-04-30&customerId=${slow.id}`);
    expect(aging.customers[0].openInvoicesMinor).toBe(4_000_00 + 36_16 + 64_44 + 40_77);
    await expectBooksAgree(company.admin, ['2026-04-30']);
  });

  it('never charges on a disputed amount: interest stops while the dispute is open and resumes when it is rejected', async () => {
    const tenant = await server.createTenant({ name: 'Disputed Interest Ltd' });
    const api = tenant.as('ar_manager');
    await tenant.admin.ok('PUT', '/v1/late-fee-policy', { kind: 'interest', percent: '12', dayCount: 'actual_365', graceDays: 5, minimumMinor: 100 });
    const customer = await api.ok('POST', '/v1/customers', { name: 'Quarrelsome Ltd', currency: 'EUR', paymentTermsDays: 14 });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Goods', quantity: '1', unitPriceMinor: 10_000_00, taxRatePercent: '0' }] });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-01-01' });
    await tenant.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-01-01', to: '2026-01-24' });
    const dispute = await api.ok('POST', '/v1/disputes', { invoiceId: invoice.id, reason: 'pricing', description: 'Price differs from the quote', openedOn: '2026-01-25' });
    await tenant.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-01-25', to: '2026-03-09' });
    await api.ok('POST', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'rejected', resolution: 'The quote expired before the order', resolvedOn: '2026-03-10' });
    await tenant.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-03-10', to: '2026-04-10' });
    const fees = (await api.ok('GET', `/v1/invoices?customerId=${customer.id}&limit=50`)).data.filter((i: any) => i.id !== invoice.id);
    // Late from 21 January; disputed in full from 25 January: 21-24 January = 4 days × 10,000 × 12 % / 365 = 13.15.
    // February: disputed all month, nothing. March: back from the 10th, 22 days × 10,000 × 12 % / 365 = 72.33.
    expect(fees.map((f: any) => [f.issueDate, f.totalMinor])).toEqual([
      ['2026-02-01', 13_15],
      ['2026-04-01', 72_33],
    ]);
    await expectBooksAgree(tenant.admin, ['2026-04-10']);
  });
});
