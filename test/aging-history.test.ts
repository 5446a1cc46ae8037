import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/kernel/seeded-random.js';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Riverside Wholesale Ltd' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Goods', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

describe('aging as of a past date', () => {
  it('equals the aging that was computed on that date, after months of later payments, credit notes, reversals and refunds', { timeout: 120_000 }, async () => {
    const api = company.as('ar_manager');
    const random = seededRandom(20261129);
    const customers = [];
    for (const name of ['Alder & Co', 'Birch Traders', 'Cedar Retail', 'Damson Foods']) customers.push(await api.ok('POST', '/v1/customers', { name, currency: 'EUR', paymentTermsDays: 30 }));
    const open: Array<{ id: string; customerId: string; openMinor: number }> = [];
    const payments: Array<{ id: string; unappliedMinor: number; valueDate: string }> = [];
    const snapshots = new Map<string, unknown>();
    const happened = { payments: 0, reversals: 0, refunds: 0, creditNotes: 0 };
    let day = Temporal.PlainDate.from('2026-01-05');
    const last = Temporal.PlainDate.from('2026-06-30');
    while (Temporal.PlainDate.compare(day, last) <= 0) {
      const today = day.toString();
      // Each business day: new invoices, some payments (partial, full, overpaid), now and then a credit note or a bounce.
      if (day.dayOfWeek <= 5) {
        const customer = customers[Math.floor(random() * customers.length)]!;
        const invoice = await issueInvoice(api, customer.id, 100_00 + Math.floor(random() * 900_00), today);
        open.push({ id: invoice.id, customerId: customer.id, openMinor: invoice.totalMinor });
        const target = open[Math.floor(random() * open.length)];
        if (target && target.openMinor > 0 && random() < 0.6) {
          const share = random();
          const applied = share < 0.3 ? Math.floor(target.openMinor / 2) : target.openMinor;
          const amount = share > 0.9 ? applied + 25_00 : applied;
          const payment = await api.ok('POST', '/v1/payments', { customerId: target.customerId, method: 'bank_transfer', amountMinor: amount, currency: 'EUR', valueDate: today, allocations: [{ invoiceId: target.id, amountMinor: applied }] });
          payments.push({ id: payment.id, unappliedMinor: payment.unappliedMinor, valueDate: today });
          happened.payments++;
          target.openMinor -= applied;
        }
        if (random() < 0.05 && payments.length > 2) {
          const bounced = payments.splice(Math.floor(random() * payments.length), 1)[0]!;
          await api.ok('POST', `/v1/payments/${bounced.id}/reversal`, { reason: 'bounced_cheque', date: today });
          happened.reversals++;
        }
        if (random() < 0.05) {
          const overpaid = payments.find((p) => p.unappliedMinor > 0);
          if (overpaid) {
            await api.ok('POST', `/v1/payments/${overpaid.id}/refunds`, { amountMinor: overpaid.unappliedMinor, reason: 'Overpayment returned', date: today });
            overpaid.unappliedMinor = 0;
            happened.refunds++;
          }
        }
        const credited = open.find((o) => o.openMinor > 50_00);
        if (credited && random() < 0.05) {
          await api.ok('POST', `/v1/invoices/${credited.id}/credit-notes`, { lines: [{ description: 'Goods returned', quantity: '1', unitPriceMinor: 50_00, taxRatePercent: '0' }], issueDate: today, reason: 'Returned goods' });
          credited.openMinor -= 50_00;
          happened.creditNotes++;
        }
      }
      // At month end, the aging as it stands that evening.
      if (day.add({ days: 1 }).day === 1) snapshots.set(today, await api.ok('GET', `/v1/reports/aging?asOf=${today}&boundaries=15,30,60,90`));
      day = day.add({ days: 1 });
    }
    expect(snapshots.size).toBe(6);
    for (const [what, count] of Object.entries(happened)) expect(count, what).toBeGreaterThan(0);
    // Months later, each past month end is rebuilt from the documents and allocations: exactly what it said then.
    for (const [asOf, then] of snapshots) {
      expect(await api.ok('GET', `/v1/reports/aging?asOf=${asOf}&boundaries=15,30,60,90`), asOf).toEqual(then);
    }
    await expectBooksAgree(api, [...snapshots.keys()]);
  });
});
