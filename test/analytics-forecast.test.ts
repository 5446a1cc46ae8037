import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Northstar Tools plc' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Tools', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}
const pay = (api: ApiClient, customerId: string, invoice: { id: string; totalMinor: number }, valueDate: string) =>
  api.ok('POST', '/v1/payments', { customerId, method: 'bank_transfer', amountMinor: invoice.totalMinor, currency: 'EUR', valueDate, allocations: [{ invoiceId: invoice.id, amountMinor: invoice.totalMinor }] });

describe('cash forecast and KPI targets', () => {
  it('forecasts open invoices by predicted payment date, records the forecast daily and judges it afterwards', { timeout: 120_000 }, async () => {
    const api = company.as('ar_manager');
    const slow = await api.ok('POST', '/v1/customers', { name: 'Slow Payer GmbH', currency: 'EUR', paymentTermsDays: 30 });
    const prompt = await api.ok('POST', '/v1/customers', { name: 'Prompt Payer AG', currency: 'EUR', paymentTermsDays: 30 });
    // History: 20 invoices each, January to mid-April; the slow payer pays 20 days late, the prompt one on the due date.
    let day = Temporal.PlainDate.from('2026-01-02');
    for (let i = 0; i < 20; i++) {
      for (const [customer, delay] of [[slow, 20], [prompt, 0]] as const) {
        const invoice = await issueInvoice(api, customer.id, 1_000_00 + i * 10_00, day.toString());
        await pay(api, customer.id, invoice, Temporal.PlainDate.from(invoice.dueDate).add({ days: delay }).toString());
      }
      day = day.add({ days: 5 });
    }
    // Open on 1 June: one invoice each, both due 1 July.
    const openSlow = await issueInvoice(api, slow.id, 5_000_00, '2026-06-01');
    const openPrompt = await issueInvoice(api, prompt.id, 3_000_00, '2026-06-01');
    const forecast = await api.ok('GET', '/v1/analytics/cash-forecast?asOf=2026-06-01');
    expect(forecast.method).toMatch(/due date plus each customer's mean delay \(40 settled invoices/);
    expect(forecast.days).toHaveLength(91);
    const on = (date: string) => forecast.days.find((d: { date: string }) => d.date === date)?.invoicesMinor ?? 0;
    const total = forecast.days.reduce((s: number, d: { totalMinor: number }) => s + d.totalMinor, 0) + forecast.beyondHorizonMinor;
    expect(total).toBe(8_000_00);
    // The prompt payer's invoice is expected close to its due date, the slow payer's about three weeks after it.
    const expectedDay = (amount: number) => forecast.days.find((d: { invoicesMinor: number }) => d.invoicesMinor === amount)?.date as string;
    expect(Math.abs(Temporal.PlainDate.from(openPrompt.dueDate).until(Temporal.PlainDate.from(expectedDay(3_000_00))).days)).toBe(0);
    expect(Temporal.PlainDate.from(openSlow.dueDate).until(Temporal.PlainDate.from(expectedDay(5_000_00))).days).toBe(20);
    expect(on('2026-06-02')).toBe(0);

    // The daily run keeps the day's forecast; once the weeks have passed it is judged against what came in.
    await company.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-06-01' });
    await pay(api, prompt.id, openPrompt, '2026-07-01');
    await pay(api, slow.id, openSlow, '2026-07-22');
    const judged = await api.ok('GET', '/v1/analytics/cash-forecast/accuracy?madeOn=2026-06-01');
    const weeks = judged.accuracy.weeks as Array<{ forecastMinor: number; actualMinor: number }>;
    expect(weeks.length).toBeGreaterThan(4); // every week of the 13 has passed by the tenant's today
    expect(weeks.reduce((s, w) => s + w.actualMinor, 0)).toBe(8_000_00);
    expect(judged.accuracy.weightedAbsolutePercentError).not.toBeNull();
    expect((await api.get('/v1/analytics/cash-forecast/accuracy?madeOn=2026-05-01')).status).toBe(404);
  });

  it('shows KPIs against the tenant\'s targets', async () => {
    const api = company.as('ar_manager');
    expect((await company.as('viewer').call('PUT', '/v1/analytics/targets/dso_standard', { target: '35', direction: 'at_most' })).status).toBe(403);
    await api.ok('PUT', '/v1/analytics/targets/dso_standard', { target: '35', direction: 'at_most' });
    await api.ok('PUT', '/v1/analytics/targets/collection_effectiveness_index', { target: '85', direction: 'at_least' });
    expect((await api.ok('GET', '/v1/analytics/targets')).data).toHaveLength(2);
    const report = await api.ok('GET', '/v1/analytics/kpis?from=2026-03-01&to=2026-03-31');
    const dso = report.figures.find((f: { kpi: string }) => f.kpi === 'dso_standard');
    expect(dso.target).toEqual({ value: 35, direction: 'at_most', met: dso.value <= 35 });
    expect(report.figures.find((f: { kpi: string }) => f.kpi === 'percentage_current').target).toBeNull();
  });
});
