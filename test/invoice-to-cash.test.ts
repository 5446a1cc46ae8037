import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Acme Supplies GmbH' });
});
afterAll(async () => server?.close());

describe('the first order-to-cash slice over HTTP', () => {
  it('takes a customer from draft invoice to paid, with aging right on two dates and the books in balance throughout', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', {
      name: 'Globex Corporation',
      email: 'ap@globex.example',
      currency: 'EUR',
      paymentTermsDays: 30,
      creditLimitMinor: 5_000_000,
      contacts: [{ name: 'Hank Scorpio', email: 'hank@globex.example', role: 'accounts payable' }],
    });
    expect(customer.contacts).toHaveLength(1);

    const draft = await api.ok('POST', '/v1/invoices', {
      customerId: customer.id,
      lines: [
        { description: 'Widgets', quantity: '10', unitPriceMinor: 1999, taxRatePercent: '19' },
        { description: 'Handbook', quantity: '2', unitPriceMinor: 1250, taxRatePercent: '7' },
      ],
    });
    expect(draft.status).toBe('draft');
    expect(draft.number).toBeNull();
    // 10 × 19.99 = 199.90 + 19 % = 37.98 (37.981 rounds half up per line); 2 × 12.50 = 25.00 + 7 % = 1.75
    expect(draft.subtotalMinor).toBe(22_490);
    expect(draft.taxMinor).toBe(3_798 + 175);
    expect(draft.totalMinor).toBe(22_490 + 3_973);
    expect(draft.taxSummary).toEqual([
      { taxRatePercent: '19', baseMinor: 19_990, taxMinor: 3_798 },
      { taxRatePercent: '7', baseMinor: 2_500, taxMinor: 175 },
    ]);

    const issued = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-01-15' });
    expect(issued).toMatchObject({ status: 'open', number: 'INV-000001', issueDate: '2026-01-15', dueDate: '2026-02-14', openMinor: 26_463 });
    await expectBooksAgree(api, ['2026-01-14', '2026-01-15', '2026-12-31']);

    const partial = await api.ok('POST', '/v1/payments', {
      customerId: customer.id,
      method: 'bank_transfer',
      amountMinor: 10_000,
      currency: 'EUR',
      valueDate: '2026-02-20',
      reference: 'INV-000001',
      allocations: [{ invoiceId: draft.id, amountMinor: 10_000 }],
    });
    expect(partial.unappliedMinor).toBe(0);
    const afterPartial = await api.ok('GET', `/v1/invoices/${draft.id}`);
    expect(afterPartial).toMatchObject({ status: 'partially_paid', openMinor: 16_463 });

    // On 2026-03-01 the remainder is 15 days past due: bucket 1-30.
    const march = await api.ok('GET', '/v1/reports/aging?asOf=2026-03-01');
    expect(march.customers).toHaveLength(1);
    expect(march.customers[0].buckets).toEqual({ current: 0, d1_30: 16_463, d31_60: 0, d61_90: 0, over_90: 0 });
    // On 2026-04-20 it is 65 days past due: bucket 61-90.
    const april = await api.ok('GET', '/v1/reports/aging?asOf=2026-04-20');
    expect(april.customers[0].buckets).toEqual({ current: 0, d1_30: 0, d31_60: 0, d61_90: 16_463, over_90: 0 });
    // Before the partial payment the whole invoice was open, and not yet due on 2026-02-01.
    const february = await api.ok('GET', '/v1/reports/aging?asOf=2026-02-01');
    expect(february.customers[0].buckets.current).toBe(26_463);
    expect(february.totalsByCurrency[0]).toMatchObject({ currency: 'EUR', openInvoicesMinor: 26_463, balanceMinor: 26_463 });

    const rest = await api.ok('POST', '/v1/payments', {
      customerId: customer.id,
      method: 'bank_transfer',
      amountMinor: 16_463,
      currency: 'EUR',
      valueDate: '2026-04-25',
      allocations: [{ invoiceId: draft.id, amountMinor: 16_463 }],
    });
    expect(rest.allocations[0].appliedOn).toBe('2026-04-25');
    const paid = await api.ok('GET', `/v1/invoices/${draft.id}`);
    expect(paid).toMatchObject({ status: 'paid', openMinor: 0 });

    const may = await api.ok('GET', '/v1/reports/aging?asOf=2026-05-01');
    expect(may.customers).toEqual([]);
    // The past is unchanged by later payments.
    const aprilAgain = await api.ok('GET', '/v1/reports/aging?asOf=2026-04-20');
    expect(aprilAgain.customers[0].buckets.d61_90).toBe(16_463);

    const tb = await api.ok('GET', '/v1/ledger/trial-balance?asOf=2026-12-31');
    const byCode = Object.fromEntries(tb.rows.map((r: any) => [r.accountCode, r.balanceMinor]));
    expect(byCode['1000']).toBe(26_463); // bank
    expect(byCode['1200']).toBe(0); // accounts receivable
    expect(byCode['4000']).toBe(22_490); // revenue
    expect(byCode['2200']).toBe(3_973); // tax payable
    await expectBooksAgree(api, ['2026-01-15', '2026-02-20', '2026-03-01', '2026-04-25', '2026-12-31']);
  });

  it('keeps what was not allocated as unapplied cash and allocates it later', async () => {
    const api = company.as('collector');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Initech', currency: 'EUR', paymentTermsDays: 14 });
    const invoice = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Consulting', quantity: '1.5', unitPriceMinor: 100_000, taxRatePercent: '0' }] });
    await api.ok('POST', `/v1/invoices/${invoice.id}/issue`, { issueDate: '2026-03-01' });
    const payment = await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'cheque', amountMinor: 200_000, currency: 'EUR', valueDate: '2026-03-05' });
    expect(payment.unappliedMinor).toBe(200_000);

    const aging = await api.ok('GET', `/v1/reports/aging?asOf=2026-03-06&customerId=${customer.id}`);
    expect(aging.customers[0]).toMatchObject({ openInvoicesMinor: 150_000, unappliedCashMinor: 200_000, balanceMinor: -50_000 });
    await expectBooksAgree(api, ['2026-03-06']);

    const allocated = await api.ok('POST', `/v1/payments/${payment.id}/allocations`, { allocations: [{ invoiceId: invoice.id, amountMinor: 150_000 }], appliedOn: '2026-03-10' });
    expect(allocated.unappliedMinor).toBe(50_000);
    expect((await api.ok('GET', `/v1/invoices/${invoice.id}`)).status).toBe('paid');
    // Between receipt and allocation, the history still shows the cash as unapplied and the invoice as open.
    const between = await api.ok('GET', `/v1/reports/aging?asOf=2026-03-07&customerId=${customer.id}`);
    expect(between.customers[0]).toMatchObject({ openInvoicesMinor: 150_000, unappliedCashMinor: 200_000 });
    const after = await api.ok('GET', `/v1/reports/aging?asOf=2026-03-10&customerId=${customer.id}`);
    expect(after.customers[0]).toMatchObject({ openInvoicesMinor: 0, unappliedCashMinor: 50_000, balanceMinor: -50_000 });
    await expectBooksAgree(api, ['2026-03-07', '2026-03-10', '2026-12-31']);
  });

  it('voids an unpaid invoice with a credit note and keeps its number in the books', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Umbrella plc', currency: 'EUR' });
    const invoice = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: 50_000, taxRatePercent: '19' }] });
    const issued = await api.ok('POST', `/v1/invoices/${invoice.id}/issue`, { issueDate: '2026-05-01' });
    const voided = await api.ok('POST', `/v1/invoices/${invoice.id}/void`, { reason: 'ordered twice', voidDate: '2026-05-03' });
    expect(voided.invoice).toMatchObject({ status: 'void', number: issued.number, openMinor: 0, voidReason: 'ordered twice' });
    expect(voided.creditNote).toMatchObject({ kind: 'credit_note', status: 'applied', totalMinor: 59_500, creditedInvoiceId: invoice.id });
    expect(voided.creditNote.number).toMatch(/^CN-\d{6}$/);
    // Open on the 2nd, gone on the 3rd.
    const before = await api.ok('GET', `/v1/reports/aging?asOf=2026-05-02&customerId=${customer.id}`);
    expect(before.customers[0].openInvoicesMinor).toBe(59_500);
    const after = await api.ok('GET', `/v1/reports/aging?asOf=2026-05-03&customerId=${customer.id}`);
    expect(after.customers).toEqual([]);
    const again = await api.post(`/v1/invoices/${invoice.id}/void`, { reason: 'again' });
    expect(again.status).toBe(409);
    await expectBooksAgree(api, ['2026-05-02', '2026-05-03']);
  });

  it('credits part of an invoice, keeps credit beyond the open balance as customer credit, and never credits more than the total', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Vandelay Industries', currency: 'EUR' });
    const invoice = await api.ok('POST', '/v1/invoices', {
      customerId: customer.id,
      lines: [{ description: 'Latex gloves', quantity: '100', unitPriceMinor: 200, taxRatePercent: '19', discountPercent: '10' }],
    });
    // 100 × 2.00 less 10 % = 180.00, tax 34.20
    expect(invoice).toMatchObject({ subtotalMinor: 18_000, taxMinor: 3_420, totalMinor: 21_420 });
    await api.ok('POST', `/v1/invoices/${invoice.id}/issue`, { issueDate: '2026-06-01' });
    await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'card', amountMinor: 15_000, currency: 'EUR', valueDate: '2026-06-05', allocations: [{ invoiceId: invoice.id, amountMinor: 15_000 }] });

    // A return of 40 units: 72.00 + 13.68 = 85.68, more than the 64.20 still open.
    const creditNote = await api.ok('POST', `/v1/invoices/${invoice.id}/credit-notes`, {
      reason: 'returned 40 units',
      issueDate: '2026-06-10',
      lines: [{ description: 'Latex gloves returned', quantity: '40', unitPriceMinor: 200, taxRatePercent: '19', discountPercent: '10' }],
    });
    expect(creditNote).toMatchObject({ kind: 'credit_note', totalMinor: 8_568, openMinor: 8_568 - 6_420, status: 'open' });
    expect((await api.ok('GET', `/v1/invoices/${invoice.id}`))).toMatchObject({ status: 'paid', openMinor: 0 });
    const aging = await api.ok('GET', `/v1/reports/aging?asOf=2026-06-10&customerId=${customer.id}`);
    expect(aging.customers[0]).toMatchObject({ openInvoicesMinor: 0, unappliedCreditsMinor: 2_148, balanceMinor: -2_148 });

    const tooMuch = await api.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: 'again',
      issueDate: '2026-06-11',
      lines: [{ description: 'Everything', quantity: '1', unitPriceMinor: 20_000, taxRatePercent: '0' }],
    });
    expect(tooMuch.status).toBe(422);
    await expectBooksAgree(api, ['2026-06-05', '2026-06-10', '2026-12-31']);
  });

  it('does not let an issued invoice be edited or deleted', async () => {
    const api = company.admin;
    const customer = await api.ok('POST', '/v1/customers', { name: 'Soylent', currency: 'EUR' });
    const invoice = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'X', quantity: '1', unitPriceMinor: 100 }] });
    await api.ok('POST', `/v1/invoices/${invoice.id}/issue`, { issueDate: '2026-05-01' });
    const edit = await api.patch(`/v1/invoices/${invoice.id}`, { memo: 'changed' });
    expect(edit.status).toBe(409);
    expect(edit.body.type).toBe('https://cashloop.dev/problems/invalid-state');
    const remove = await api.delete(`/v1/invoices/${invoice.id}`);
    expect(remove.status).toBe(409);
    const deleteCustomer = await api.delete(`/v1/customers/${customer.id}`);
    expect(deleteCustomer.status).toBe(409);
    const archived = await api.ok('POST', `/v1/customers/${customer.id}/archive`);
    expect(archived.archived).toBe(true);
  });
});
