import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Export AG' });
  const api = company.as('ar_manager');
  const customers = [];
  for (const name of ['Alpha GmbH', '=HYPERLINK("http://evil.example","click")', 'Gamma, Delta & Co']) {
    customers.push(await api.ok('POST', '/v1/customers', { name, currency: 'EUR', externalRef: `X-${customers.length}` }));
  }
  for (const [i, day] of ['2026-01-10', '2026-01-25', '2026-02-03', '2026-02-20', '2026-03-05'].entries()) {
    const customer = customers[i % customers.length];
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Goods', quantity: '3', unitPriceMinor: 1_999 + i, taxRatePercent: '19' }] });
    await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: day });
    if (i % 2 === 0) {
      await api.ok('POST', '/v1/payments', { customerId: customer.id, method: 'bank_transfer', amountMinor: 3_000, currency: 'EUR', valueDate: `2026-0${2 + (i % 2)}-15`, allocations: [{ invoiceId: draft.id, amountMinor: 3_000 }] });
    }
  }
  await company.admin.ok('POST', '/v1/ledger/journal-entries', { entryDate: '2026-02-28', description: 'Bank fee', lines: [{ accountCode: '7900', currency: 'EUR', debitMinor: 450 }, { accountCode: '1000', currency: 'EUR', creditMinor: 450 }] });
});
afterAll(async () => server?.close());

const minor = (text: string) => Math.round(Number(text) * 100);

describe('exports for the general ledger', () => {
  it('exports the journal of a period so that it sums to the trial-balance movement of that period', async () => {
    const api = company.as('viewer');
    const exported = await api.get('/v1/exports/journal?from=2026-02-01&to=2026-02-28&format=json');
    expect(exported.headers.get('content-type')).toContain('application/json');
    const lines: any[] = exported.body;
    expect(lines.length).toBeGreaterThan(0);
    const movement = new Map<string, number>();
    for (const l of lines) movement.set(l.account_code, (movement.get(l.account_code) ?? 0) + minor(l.debit) - minor(l.credit));
    const end = await api.ok('GET', '/v1/ledger/trial-balance?asOf=2026-02-28');
    const start = await api.ok('GET', '/v1/ledger/trial-balance?asOf=2026-01-31');
    const net = (tb: any, code: string) => {
      const row = tb.rows.find((r: any) => r.accountCode === code);
      return row ? row.debitMinor - row.creditMinor : 0;
    };
    const codes = new Set([...end.rows.map((r: any) => r.accountCode), ...movement.keys()]);
    for (const code of codes) expect(movement.get(code) ?? 0, code).toBe(net(end, code) - net(start, code));
    // Every entry balances on its own.
    const byEntry = new Map<string, number>();
    for (const l of lines) byEntry.set(l.entry_id, (byEntry.get(l.entry_id) ?? 0) + minor(l.debit) - minor(l.credit));
    for (const total of byEntry.values()) expect(total).toBe(0);

    const csv = await api.get('/v1/exports/journal?from=2026-02-01&to=2026-02-28&format=csv');
    expect(csv.headers.get('content-disposition')).toContain('journal-2026-02-01-2026-02-28.csv');
    const rows = parse(csv.body as string, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.line_id)).toEqual(lines.map((l) => l.line_id));
  });

  it('exports open items as of a date and the customer master with formulas neutralised', async () => {
    const api = company.as('viewer');
    const open = parse((await api.get('/v1/exports/open-items?asOf=2026-02-10&format=csv')).body as string, { columns: true }) as Record<string, string>[];
    const aging = await api.ok('GET', '/v1/reports/aging?asOf=2026-02-10');
    const openTotal = open.reduce((s, r) => s + minor(r.open!), 0);
    expect(openTotal).toBe(aging.totalsByCurrency[0].openInvoicesMinor - aging.totalsByCurrency[0].unappliedCreditsMinor);
    const customers = parse((await api.get('/v1/exports/customers')).body as string, { columns: true }) as Record<string, string>[];
    const names = customers.map((c) => c.name);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(names).toContain('Gamma, Delta & Co');
  });
});
