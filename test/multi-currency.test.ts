import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

// A EUR company invoicing customers in USD and JPY. Worked examples (base currency EUR, amounts in minor units):
// - USD invoice, 1,000.00 net + 19 % tax = 1,190.00 USD, issued 2026-03-10 at 0.90 → receivable 1,071.00 EUR
//   (revenue 900.00, tax 171.00). Paid in full on 2026-04-05 at 0.95 → bank 1,130.50 EUR; the receivable is cleared
//   at the 1,071.00 it was booked at, and 59.50 EUR is a realised exchange gain (credit 7900).
// - USD invoice of 100.01 booked at the rate given on it, 0.92345 → 92.35 EUR (9,235.42… rounds half up to 9,235).
//   Paid in three parts 33.33 + 33.33 + 33.35 at 0.95: the receivable falls by 30.78, 30.78 and 30.79 EUR
//   (cumulative conversion: round(33.33 × 0.92345) = 30.78, round(66.66 × 0.92345) − 30.78 = 30.78,
//   92.35 − 61.56 = 30.79), so nothing is left on it once paid.
// - JPY invoice of 12,345 JPY at 0.0061 EUR per yen → 75.30 EUR (JPY has no minor unit, EUR two).

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Euro Exporter GmbH' });
});
afterAll(async () => server?.close());

async function entriesOf(sourceId: string) {
  const page = await company.admin.ok('GET', `/v1/ledger/journal-entries?sourceId=${sourceId}`);
  return page.data as { lines: { accountCode: string; currency: string; debitMinor: number; creditMinor: number; baseDebitMinor: number; baseCreditMinor: number }[] }[];
}

function baseMovement(entries: Awaited<ReturnType<typeof entriesOf>>, accountCode: string): number {
  return entries.flatMap((e) => e.lines).filter((l) => l.accountCode === accountCode).reduce((s, l) => s + l.baseDebitMinor - l.baseCreditMinor, 0);
}

async function accountBase(accountCode: string): Promise<number> {
  const tb = await company.admin.ok('GET', '/v1/ledger/trial-balance?asOf=2099-12-31');
  return (tb.rows as { accountCode: string; baseDebitMinor: number; baseCreditMinor: number }[])
    .filter((r) => r.accountCode === accountCode)
    .reduce((s, r) => s + r.baseDebitMinor - r.baseCreditMinor, 0);
}

describe('invoices in the customer\'s currency, ledger in the base currency', () => {
  it('refuses to issue a foreign-currency invoice without a rate, naming the rate to add', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'No Rate Inc', currency: 'CHF' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Work', quantity: '1', unitPriceMinor: 10_000 }] });
    const refused = await api.post(`/v1/invoices/${draft.id}/issue`, { issueDate: '2026-03-10' });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toContain('no exchange rate from CHF to EUR on or before 2026-03-10');
    const still = await api.ok('GET', `/v1/invoices/${draft.id}`);
    expect(still.status).toBe('draft');
  });

  it('books a USD invoice at the rate of its issue date and realises the exchange gain when it is paid at a later rate', async () => {
    const api = company.as('ar_manager');
    await api.ok('PUT', '/v1/exchange-rates/USD/2026-03-01', { rate: '0.90', source: 'ECB' });
    await api.ok('PUT', '/v1/exchange-rates/USD/2026-04-01', { rate: '0.95' });
    const rates = await api.ok('GET', '/v1/exchange-rates?currency=USD');
    expect(rates.data.map((r: { rateDate: string; rate: string }) => [r.rateDate, r.rate])).toEqual([['2026-04-01', '0.95'], ['2026-03-01', '0.9']]);
    const customer = await api.ok('POST', '/v1/customers', { name: 'Buyer Inc', currency: 'USD' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Licence', quantity: '1', unitPriceMinor: 100_000, taxRatePercent: '19' }] });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-03-10' });
    expect(invoice).toMatchObject({ currency: 'USD', totalMinor: 119_000, exchangeRate: '0.9' });
    const issued = await entriesOf(invoice.id);
    expect(baseMovement(issued, '1200')).toBe(107_100);
    expect(baseMovement(issued, '4000')).toBe(-90_000);
    expect(baseMovement(issued, '2200')).toBe(-17_100);
    for (const line of issued.flatMap((e) => e.lines)) expect(line.currency).toBe('USD');

    const payment = await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 119_000, currency: 'USD', valueDate: '2026-04-05', allocations: [{ invoiceId: invoice.id, amountMinor: 119_000 }] });
    expect(payment.exchangeRate).toBe('0.95');
    expect(await accountBase('1000')).toBe(113_050);
    expect(await accountBase('1200')).toBe(0);
    expect(await accountBase('2100')).toBe(0);
    expect(await accountBase('7900')).toBe(-5_950);
    await expectBooksAgree(api);

    // The payment bounces: the invoice is open again at what it was booked at, and the gain is undone.
    await api.ok('POST', `/v1/payments/${payment.id}/reversal`, { date: '2026-04-20', reason: 'bounced_cheque' });
    expect(await accountBase('1200')).toBe(107_100);
    expect(await accountBase('1000')).toBe(0);
    expect(await accountBase('7900')).toBe(0);
    await expectBooksAgree(api);

    // Written off later: the loss is what the receivable was booked at, not today's value.
    await api.ok('PUT', '/v1/exchange-rates/USD/2026-06-01', { rate: '1.01' });
    await api.ok('POST', `/v1/invoices/${invoice.id}/write-off`, { reason: 'insolvent', date: '2026-06-15' });
    expect(await accountBase('1200')).toBe(0);
    expect(await accountBase('6100')).toBe(107_100);
    await expectBooksAgree(api);
  });

  it('converts partial payments cumulatively so a paid invoice leaves no stray cent, with a rate given on the invoice', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Parts LLC', currency: 'USD' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, exchangeRate: '0.92345', lines: [{ description: 'Part', quantity: '1', unitPriceMinor: 10_001 }] });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-04-02' });
    expect(invoice.exchangeRate).toBe('0.92345');
    const receivableBefore = await accountBase('1200');
    const fxBefore = await accountBase('7900');
    const cleared: number[] = [];
    for (const amountMinor of [3_333, 3_333, 3_335]) {
      const before = await accountBase('1200');
      await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor, currency: 'USD', valueDate: '2026-04-10', exchangeRate: '0.95', allocations: [{ invoiceId: invoice.id, amountMinor }] });
      cleared.push(before - (await accountBase('1200')));
    }
    expect(cleared).toEqual([3_078, 3_078, 3_079]);
    expect(receivableBefore - (await accountBase('1200'))).toBe(9_235);
    // Cash worth round(33.33 × 0.95) + … = 3,166 + 3,166 + 3,168 = 9,500 EUR cents against 9,235 booked: a 2.65 gain.
    expect((await accountBase('7900')) - fxBefore).toBe(-265);
    await expectBooksAgree(api);
  });

  it('credits a foreign invoice at the invoice\'s own rate and bridges currency exponents (JPY → EUR)', async () => {
    const api = company.as('ar_manager');
    await api.ok('PUT', '/v1/exchange-rates/JPY/2026-01-01', { rate: '0.0061' });
    const customer = await api.ok('POST', '/v1/customers', { name: 'Kaisha KK', currency: 'JPY' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Sensor', quantity: '1', unitPriceMinor: 12_345 }] });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-05-04' });
    expect(baseMovement(await entriesOf(invoice.id), '1200')).toBe(7_530);
    await api.ok('PUT', '/v1/exchange-rates/JPY/2026-05-05', { rate: '0.0070' });
    const note = await api.ok('POST', `/v1/invoices/${invoice.id}/credit-notes`, { reason: 'damaged', issueDate: '2026-05-06', lines: [{ description: 'Sensor returned', quantity: '1', unitPriceMinor: 12_345 }] });
    expect(note.exchangeRate).toBe('0.0061');
    expect(baseMovement(await entriesOf(note.id), '1200')).toBe(-7_530);
    await expectBooksAgree(api);
  });

  it('keeps the rate table to admins and AR managers, and refuses a rate for the base currency', async () => {
    expect((await company.as('collector').call('PUT', '/v1/exchange-rates/GBP/2026-01-01', { rate: '1.17' })).status).toBe(403);
    const base = await company.as('ar_manager').call('PUT', '/v1/exchange-rates/EUR/2026-01-01', { rate: '1' });
    expect(base.status).toBe(400);
    const zero = await company.as('ar_manager').call('PUT', '/v1/exchange-rates/GBP/2026-01-01', { rate: '0.000' });
    expect(zero.status).toBe(400);
  });
});
