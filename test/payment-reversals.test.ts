import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Harbour Supplies Ltd' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Rope, 100 m', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

async function agingOf(api: ApiClient, customerId: string, asOf: string) {
  const aging = await api.ok('GET', `/v1/reports/aging?asOf=${asOf}`);
  return aging.customers.find((c: { customerId: string }) => c.customerId === customerId);
}

describe('payment reversals and refunds', () => {
  it('a bounced cheque reopens the invoices it paid, on the date it bounced, and the books agree on every date', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Quayside Chandlery', currency: 'EUR', paymentTermsDays: 30 });
    const first = await issueInvoice(api, customer.id, 400_00, '2026-03-01');
    const second = await issueInvoice(api, customer.id, 250_00, '2026-03-02');
    const cheque = await api.ok('POST', '/v1/payments', {
      customerId: customer.id, method: 'cheque', amountMinor: 700_00, currency: 'EUR', valueDate: '2026-03-10', reference: 'Cheque 004211',
      allocations: [{ invoiceId: first.id, amountMinor: 400_00 }, { invoiceId: second.id, amountMinor: 250_00 }],
    });
    expect((await api.ok('GET', `/v1/invoices/${first.id}`)).status).toBe('paid');

    // Before it was received, and twice, are refused; a viewer may not reverse.
    expect((await api.post(`/v1/payments/${cheque.id}/reversal`, { reason: 'bounced_cheque', date: '2026-03-09' })).status).toBe(400);
    expect((await company.as('viewer').post(`/v1/payments/${cheque.id}/reversal`, { reason: 'bounced_cheque', date: '2026-03-14' })).status).toBe(403);
    const reversed = await api.ok('POST', `/v1/payments/${cheque.id}/reversal`, { reason: 'bounced_cheque', date: '2026-03-14', note: 'Returned by the bank: insufficient funds' });
    expect(reversed).toMatchObject({ status: 'reversed', reversedOn: '2026-03-14', reversalReason: 'bounced_cheque', unappliedMinor: 0 });
    expect(reversed.allocations.map((a: { amountMinor: number }) => a.amountMinor).sort((a: number, b: number) => a - b)).toEqual([-400_00, -250_00, 250_00, 400_00]);
    const again = await api.post(`/v1/payments/${cheque.id}/reversal`, { reason: 'bounced_cheque', date: '2026-03-15' });
    expect(again.status).toBe(409);

    // The invoices owe again, from the bounce date; before it they were paid.
    expect(await api.ok('GET', `/v1/invoices/${first.id}`)).toMatchObject({ status: 'open', openMinor: 400_00 });
    expect(await api.ok('GET', `/v1/invoices/${second.id}`)).toMatchObject({ status: 'open', openMinor: 250_00 });
    expect((await agingOf(api, customer.id, '2026-03-12'))?.openInvoicesMinor ?? 0).toBe(0);
    expect((await agingOf(api, customer.id, '2026-03-12'))?.unappliedCashMinor ?? 0).toBe(50_00);
    expect((await agingOf(api, customer.id, '2026-03-14'))).toMatchObject({ openInvoicesMinor: 650_00, unappliedCashMinor: 0 });
    await expectBooksAgree(api, ['2026-03-09', '2026-03-10', '2026-03-13', '2026-03-14', '2099-12-31']);

    // Subscribers hear of it: the payment reversed and each paid invoice reopened.
    const events = await api.ok('GET', '/v1/events?limit=200');
    const types = events.data.map((e: { type: string }) => e.type);
    expect(types).toContain('payment.reversed');
    expect(types.filter((t: string) => t === 'invoice.reopened')).toHaveLength(2);

    // A new payment settles the reopened invoice as usual.
    await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 400_00, currency: 'EUR', valueDate: '2026-03-20', allocations: [{ invoiceId: first.id, amountMinor: 400_00 }] });
    expect((await api.ok('GET', `/v1/invoices/${first.id}`)).status).toBe('paid');
    await expectBooksAgree(api, ['2026-03-14', '2026-03-20']);
  });

  it('refunds an overpayment out of unapplied cash only, and never more than is left', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Pier 9 Marine', currency: 'EUR', paymentTermsDays: 14 });
    const invoice = await issueInvoice(api, customer.id, 300_00, '2026-04-01');
    const payment = await api.ok('POST', '/v1/payments', {
      customerId: customer.id, method: 'bank_transfer', amountMinor: 330_00, currency: 'EUR', valueDate: '2026-04-10', allocations: [{ invoiceId: invoice.id, amountMinor: 300_00 }],
    });
    const tooMuch = await api.post(`/v1/payments/${payment.id}/refunds`, { amountMinor: 30_01, reason: 'Overpaid', date: '2026-04-12' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.detail).toContain('only unapplied cash can be refunded');
    const { refund, payment: after } = await api.ok('POST', `/v1/payments/${payment.id}/refunds`, { amountMinor: 20_00, reason: 'Overpaid invoice', date: '2026-04-12' });
    expect(refund).toMatchObject({ amountMinor: 20_00, method: 'bank_transfer', refundedOn: '2026-04-12', gatewayRefundId: null });
    expect(after.unappliedMinor).toBe(10_00);
    await api.ok('POST', `/v1/payments/${payment.id}/refunds`, { amountMinor: 10_00, reason: 'Rest of the overpayment', date: '2026-04-13', method: 'cheque' });
    expect((await api.post(`/v1/payments/${payment.id}/refunds`, { amountMinor: 1, reason: 'Nothing left', date: '2026-04-14' })).status).toBe(422);
    expect((await api.ok('GET', `/v1/payments/${payment.id}/refunds`)).data).toHaveLength(2);
    expect((await agingOf(api, customer.id, '2026-04-11'))?.unappliedCashMinor).toBe(30_00);
    expect((await agingOf(api, customer.id, '2026-04-12'))?.unappliedCashMinor).toBe(10_00);
    // A payment partly refunded cannot then be reversed whole.
    expect((await api.post(`/v1/payments/${payment.id}/reversal`, { reason: 'chargeback', date: '2026-04-20' })).status).toBe(409);
    await expectBooksAgree(api, ['2026-04-10', '2026-04-12', '2026-04-13', '2099-12-31']);
  });
});
