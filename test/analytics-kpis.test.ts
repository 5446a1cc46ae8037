import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Meridian Instruments Ltd' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Calibration', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

const figure = (report: { figures: Array<{ kpi: string }> }, kpi: string) => report.figures.find((f) => f.kpi === kpi) as unknown as { value: number | null; reason: string | null; exact: string | null };

describe('AR KPIs from the books, against a hand-computed month', () => {
  it('computes DSO, countback, best possible DSO, ADD, CEI, turnover, % current and days to pay for March 2026', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Harbourside Labs', currency: 'EUR', paymentTermsDays: 30 });
    const d = await issueInvoice(api, customer.id, 400_00, '2026-01-15'); // due 14 Feb, never paid
    const a = await issueInvoice(api, customer.id, 1_000_00, '2026-02-10'); // due 12 Mar, paid 15 Mar
    const b = await issueInvoice(api, customer.id, 2_000_00, '2026-03-05'); // due 4 Apr, 500 paid 25 Mar
    await issueInvoice(api, customer.id, 1_100_00, '2026-03-20'); // due 19 Apr
    await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 1_000_00, currency: 'EUR', valueDate: '2026-03-15', allocations: [{ invoiceId: a.id, amountMinor: 1_000_00 }] });
    await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 500_00, currency: 'EUR', valueDate: '2026-03-25', allocations: [{ invoiceId: b.id, amountMinor: 500_00 }] });
    expect(d.dueDate).toBe('2026-02-14');

    // Collections in March: a promise on 1 March to pay 1,000 by 16 March (kept: A's payment on the 15th), one to pay
    // 900 by 30 March (broken: only 500 came on the 25th); a dispute on B for 500 opened 10 March, resolved 20 March.
    await api.ok('POST', `/v1/customers/${customer.id}/promises`, { amountMinor: 1_000_00, currency: 'EUR', promisedOn: '2026-03-16', madeOn: '2026-03-01' });
    await api.ok('POST', `/v1/customers/${customer.id}/promises`, { amountMinor: 900_00, currency: 'EUR', promisedOn: '2026-03-30', madeOn: '2026-03-17' });
    const dispute = await api.ok('POST', '/v1/disputes', { invoiceId: b.id, amountMinor: 500_00, reason: 'quantity', description: 'Short delivery', openedOn: '2026-03-10' });
    await api.ok('POST', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'rejected', resolution: 'Delivery note signed in full', resolvedOn: '2026-03-20' });
    await api.ok('POST', `/v1/customers/${customer.id}/activities`, { kind: 'call', summary: 'Asked for the March payments', occurredOn: '2026-03-02' });

    const report = await company.as('viewer').ok('GET', '/v1/analytics/kpis?from=2026-03-01&to=2026-03-31&currency=EUR');
    // Beginning (28 Feb): D 400 + A 1,000 = 1,400. Ending (31 Mar): D 400 + B 1,500 + C 1,100 = 3,000, of which current
    // (due on or after 31 Mar) B + C = 2,600. Credit sales in March: B 2,000 + C 1,100 = 3,100. 31 days.
    expect(report.receivables).toEqual({ beginning: { amountMinor: 1_400_00, currency: 'EUR' }, ending: { amountMinor: 3_000_00, currency: 'EUR' }, endingCurrent: { amountMinor: 2_600_00, currency: 'EUR' } });
    expect(report.creditSales).toEqual({ amountMinor: 3_100_00, currency: 'EUR' });
    expect(figure(report, 'dso_standard').value).toBe(30); // 3,000 ÷ 3,100 × 31 = 30.0
    expect(figure(report, 'best_possible_dso').value).toBe(26); // 2,600 ÷ 3,100 × 31 = 26.0
    expect(figure(report, 'average_days_delinquent').value).toBe(4); // 30 − 26
    expect(figure(report, 'dso_countback').value).toBe(30); // March's 3,100 covers 3,000: 31 × 3,000 ÷ 3,100 = 30.0
    expect(figure(report, 'collection_effectiveness_index').value).toBe(78.9); // (1,400 + 3,100 − 3,000) ÷ (1,400 + 3,100 − 2,600) = 1,500 ÷ 1,900
    expect(figure(report, 'ar_turnover').value).toBe(1.41); // 3,100 ÷ ((1,400 + 3,000) ÷ 2) = 1.409…
    expect(figure(report, 'percentage_current').value).toBe(86.7); // 2,600 ÷ 3,000
    expect(figure(report, 'average_days_to_pay').value).toBe(33); // A: 10 Feb → 15 Mar
    expect(figure(report, 'dso_standard').exact).toBe('30/1');
    expect(figure(report, 'dispute_rate_count').value).toBe(50); // 1 of the 2 invoices issued in March (B, C) disputed
    expect(figure(report, 'dispute_rate_amount').value).toBe(16.1); // 500 ÷ 3,100
    expect(figure(report, 'average_days_to_resolve').value).toBe(10); // 10 → 20 March
    expect(figure(report, 'promise_kept_rate').value).toBe(50); // one kept, one broken
    const collectors = await api.ok('GET', '/v1/analytics/collectors?from=2026-03-01&to=2026-03-31');
    expect(collectors.data).toHaveLength(1);
    expect(collectors.data[0]).toMatchObject({ contacts: 1, promisesMade: 2 });

    // Aging on 31 March, by due date and by invoice date: the buckets add up to the open invoices either way, and the
    // not-yet-due part (B and C) has its own column.
    const byDue = await api.ok('GET', `/v1/reports/aging?asOf=2026-03-31&boundaries=30,60&customerId=${customer.id}`);
    expect(byDue.customers[0]).toMatchObject({ buckets: { current: 2_600_00, d1_30: 0, d31_60: 400_00, over_60: 0 }, openInvoicesMinor: 3_000_00, notYetDueMinor: 2_600_00 });
    const byInvoice = await api.ok('GET', `/v1/reports/aging?asOf=2026-03-31&boundaries=30,60&basis=invoice_date&customerId=${customer.id}`);
    expect(byInvoice.basis).toBe('invoice_date');
    expect(byInvoice.customers[0]).toMatchObject({ buckets: { d0_30: 2_600_00, d31_60: 0, over_60: 400_00 }, openInvoicesMinor: 3_000_00, notYetDueMinor: 2_600_00 });

    // A month without sales has no DSO, and says why; another currency has nothing at all.
    const quiet = await api.ok('GET', '/v1/analytics/kpis?from=2026-05-01&to=2026-05-31&currency=EUR');
    expect(figure(quiet, 'dso_standard')).toMatchObject({ value: null, reason: 'no_credit_sales' });
    const usd = await api.ok('GET', '/v1/analytics/kpis?from=2026-03-01&to=2026-03-31&currency=USD');
    expect(usd.receivables.ending.amountMinor).toBe(0);

    // Per customer, and as a monthly trend (March's point equals the March report).
    const other = await api.ok('POST', '/v1/customers', { name: 'Other Co', currency: 'EUR', paymentTermsDays: 30 });
    await issueInvoice(api, other.id, 9_999_00, '2026-03-10');
    const scoped = await api.ok('GET', `/v1/analytics/kpis?from=2026-03-01&to=2026-03-31&customerId=${customer.id}`);
    expect(figure(scoped, 'dso_standard').value).toBe(30);
    const trend = await api.ok('GET', `/v1/analytics/kpis/trend?to=2026-03-31&months=3&customerId=${customer.id}`);
    expect(trend.points.map((p: { period: { start: string } }) => p.period.start)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(figure(trend.points[2], 'dso_standard').value).toBe(30);
    // January: sales 400, ending receivables 400 → 31 days.
    expect(figure(trend.points[0], 'dso_standard').value).toBe(31);
  });
});
