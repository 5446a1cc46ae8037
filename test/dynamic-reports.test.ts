import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { xlsxAsCsv } from '../src/modules/imports/xlsx.js';
import { compileReport, reportDefinition } from '../src/modules/reports/definition.js';
import { reportQuery } from '../src/modules/reports/service.js';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

/**
 * A hand-built book, as of 2026-03-31:
 * - Alpha GmbH (EUR, net 30): A1 1,000.00 issued 01-05 (due 02-04), 400.00 paid 02-10 → 600.00 open, 55 days past due;
 *   A2 500.00 issued 03-10 (due 04-09), not yet due; A3 300.00 issued 01-20, paid by card 02-15 (26 days to pay);
 *   150.00 received 03-15 and not allocated.
 * - =HYPERLINK("x") (EUR, net 14): B1 200.00 issued 2025-12-01 (due 12-15), 106 days past due on 03-31, paid 04-05.
 * - Gamma Inc (USD, net 30): C1 700.00 issued 02-20 (due 03-22), 9 days past due; 100.00 cash received 03-01, unallocated.
 * - Disputes: 100.00 of A1 (quantity) opened 02-20, rejected 03-02; all of C1 (pricing) opened 03-25, still open.
 */
let server: TestServer;
let company: TestTenant;
let rival: TestTenant;
const ids = {} as Record<'alpha' | 'hyperlink' | 'gamma' | 'a1' | 'a2' | 'a3' | 'b1' | 'c1', string>;

async function issue(customerId: string, priceMinor: number, issueDate: string): Promise<string> {
  const api = company.as('ar_manager');
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Goods', quantity: '1', unitPriceMinor: priceMinor, taxRatePercent: '0' }] });
  await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
  return draft.id;
}

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Reports AG' });
  rival = await server.createTenant({ name: 'Rival AG' });
  const api = company.as('ar_manager');
  ids.alpha = (await api.ok('POST', '/v1/customers', { name: 'Alpha GmbH', currency: 'EUR', paymentTermsDays: 30, segment: 'wholesale' })).id;
  ids.hyperlink = (await api.ok('POST', '/v1/customers', { name: '=HYPERLINK("x")', currency: 'EUR', paymentTermsDays: 14, segment: 'retail' })).id;
  ids.gamma = (await api.ok('POST', '/v1/customers', { name: 'Gamma Inc', currency: 'USD', paymentTermsDays: 30, segment: 'wholesale' })).id;
  // Gamma is invoiced in USD; the ledger books it in EUR at this rate (reports stay in each invoice's own currency).
  await api.ok('PUT', '/v1/exchange-rates/USD/2026-01-01', { rate: '0.92' });

  ids.a1 = await issue(ids.alpha, 1_000_00, '2026-01-05');
  ids.a2 = await issue(ids.alpha, 500_00, '2026-03-10');
  ids.a3 = await issue(ids.alpha, 300_00, '2026-01-20');
  ids.b1 = await issue(ids.hyperlink, 200_00, '2025-12-01');
  ids.c1 = await issue(ids.gamma, 700_00, '2026-02-20');

  const pay = (customerId: string, method: string, amountMinor: number, currency: string, valueDate: string, invoiceId?: string) =>
    api.ok('POST', '/v1/payments', { customerId, method, amountMinor, currency, valueDate, ...(invoiceId ? { allocations: [{ invoiceId, amountMinor }] } : {}) });
  await pay(ids.alpha, 'bank_transfer', 400_00, 'EUR', '2026-02-10', ids.a1);
  await pay(ids.alpha, 'card', 300_00, 'EUR', '2026-02-15', ids.a3);
  await pay(ids.alpha, 'bank_transfer', 150_00, 'EUR', '2026-03-15');
  await pay(ids.hyperlink, 'bank_transfer', 200_00, 'EUR', '2026-04-05', ids.b1);
  await pay(ids.gamma, 'cash', 100_00, 'USD', '2026-03-01');

  const dispute = await api.ok('POST', '/v1/disputes', { invoiceId: ids.a1, amountMinor: 100_00, reason: 'quantity', description: 'Short delivery', openedOn: '2026-02-20' });
  await api.ok('POST', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'rejected', resolution: 'Delivery note signed in full', resolvedOn: '2026-03-02' });
  await api.ok('POST', '/v1/disputes', { invoiceId: ids.c1, reason: 'pricing', description: 'Price list not applied', openedOn: '2026-03-25' });
});
afterAll(async () => server?.close());

const money = (amountMinor: number, currency: string, formatted: string) => ({ amountMinor, currency, formatted });
const run = async (definition: unknown) => company.as('ar_manager').ok('POST', '/v1/reports/run', { definition });

const openByCustomerAndBand = {
  source: 'invoices',
  measures: ['open_amount', 'count'],
  groupBy: ['customer', 'days_past_due_band'],
  period: { to: '2026-03-31' },
  sort: [{ by: 'open_amount', direction: 'desc' }],
};

describe('dynamic reports', () => {
  it('reports the open amount by customer and days-past-due band as it stood on a date', async () => {
    const result = await run(openByCustomerAndBand);
    expect(result.asOf).toBe('2026-03-31');
    expect(result.columns).toEqual([
      { key: 'customer_id', label: 'Customer id', type: 'id' },
      { key: 'customer_name', label: 'Customer', type: 'text' },
      { key: 'days_past_due_band', label: 'Days past due', type: 'band' },
      { key: 'currency', label: 'Currency', type: 'currency' },
      { key: 'open_amount', label: 'Open amount', type: 'money' },
      { key: 'count', label: 'Count', type: 'count' },
    ]);
    const row = (customer: 'alpha' | 'hyperlink' | 'gamma', name: string, band: string, currency: string, openMinor: number, formatted: string) => ({
      customer_id: ids[customer], customer_name: name, days_past_due_band: band, currency, open_amount: money(openMinor, currency, formatted), count: 1,
    });
    expect(result.rows).toEqual([
      row('gamma', 'Gamma Inc', 'd1_30', 'USD', 700_00, '700.00'),
      row('alpha', 'Alpha GmbH', 'd31_60', 'EUR', 600_00, '600.00'),
      row('alpha', 'Alpha GmbH', 'current', 'EUR', 500_00, '500.00'),
      // Paid on 04-05: still open, and over 90 days past due, on 03-31.
      row('hyperlink', '=HYPERLINK("x")', 'over_90', 'EUR', 200_00, '200.00'),
      row('alpha', 'Alpha GmbH', 'settled', 'EUR', 0, '0.00'),
    ]);
    expect(result.truncated).toBe(false);

    // A week later B1 is paid, and only what is open is asked for.
    const later = await run({ ...openByCustomerAndBand, period: { to: '2026-04-07' }, filters: { openOnly: true } });
    expect(later.rows.map((r: any) => [r.customer_name, r.days_past_due_band, r.open_amount.amountMinor])).toEqual([
      ['Gamma Inc', 'd1_30', 700_00],
      ['Alpha GmbH', 'd61_90', 600_00],
      ['Alpha GmbH', 'current', 500_00],
    ]);
    await expectBooksAgree(company.as('viewer'), ['2026-03-31', '2026-04-07']);
  });

  it('keeps every currency apart: an amount adds the currency dimension and is never summed across currencies', async () => {
    const result = await run({ source: 'invoices', measures: ['open_amount', 'total_amount'], period: { to: '2026-03-31' } });
    expect(result.columns.map((c: any) => c.key)).toEqual(['currency', 'open_amount', 'total_amount']);
    expect(result.rows).toEqual([
      { currency: 'EUR', open_amount: money(1_300_00, 'EUR', '1300.00'), total_amount: money(2_000_00, 'EUR', '2000.00') },
      { currency: 'USD', open_amount: money(700_00, 'USD', '700.00'), total_amount: money(700_00, 'USD', '700.00') },
    ]);
    // Without an amount there is nothing to keep apart: a count is one row.
    const counted = await run({ source: 'invoices', measures: ['count', 'average_days_to_pay'], period: { to: '2026-03-31' } });
    expect(counted.rows).toEqual([{ count: 5, average_days_to_pay: 26 }]);
  });

  it('reports payments by method per month, with what was unapplied at the end of the period', async () => {
    const result = await run({ source: 'payments', measures: ['amount', 'count', 'unapplied_amount'], groupBy: ['method', 'value_month'], period: { from: '2026-01-01', to: '2026-04-30' } });
    expect(result.columns.map((c: any) => c.key)).toEqual(['method', 'value_month', 'currency', 'amount', 'count', 'unapplied_amount']);
    const row = (method: string, month: string, currency: string, amount: number, unapplied: number) => ({
      method, value_month: month, currency, amount: money(amount, currency, (amount / 100).toFixed(2)), count: 1, unapplied_amount: money(unapplied, currency, (unapplied / 100).toFixed(2)),
    });
    expect(result.rows).toEqual([
      row('bank_transfer', '2026-02', 'EUR', 400_00, 0),
      row('bank_transfer', '2026-03', 'EUR', 150_00, 150_00),
      row('bank_transfer', '2026-04', 'EUR', 200_00, 0),
      row('card', '2026-02', 'EUR', 300_00, 0),
      row('cash', '2026-03', 'USD', 100_00, 100_00),
    ]);
    const byMethod = await run({ source: 'payments', measures: ['amount'], groupBy: ['method'], filters: { methods: ['bank_transfer'], amountMinorAtLeast: 200_00 }, period: { to: '2026-04-30' } });
    expect(byMethod.rows).toEqual([{ method: 'bank_transfer', currency: 'EUR', amount: money(600_00, 'EUR', '600.00') }]);
  });

  it('filters invoices by status, amount and customer, and reports disputes by reason with days to resolve', async () => {
    const big = await run({ source: 'invoices', measures: ['total_amount', 'count'], groupBy: ['kind'], filters: { amountMinorAtLeast: 500_00, statuses: ['open', 'partially_paid'] }, period: { to: '2026-03-31' } });
    expect(big.rows).toEqual([
      { kind: 'invoice', currency: 'EUR', total_amount: money(1_500_00, 'EUR', '1500.00'), count: 2 },
      { kind: 'invoice', currency: 'USD', total_amount: money(700_00, 'USD', '700.00'), count: 1 },
    ]);
    const alpha = await run({ source: 'invoices', measures: ['count', 'average_days_to_pay'], groupBy: ['customer', 'issue_month'], filters: { customerIds: [ids.alpha], segment: 'wholesale' }, period: { from: '2026-01-01', to: '2026-03-31' } });
    expect(alpha.rows).toEqual([
      { customer_id: ids.alpha, customer_name: 'Alpha GmbH', issue_month: '2026-01', count: 2, average_days_to_pay: 26 },
      { customer_id: ids.alpha, customer_name: 'Alpha GmbH', issue_month: '2026-03', count: 1, average_days_to_pay: null },
    ]);
    const disputes = await run({ source: 'disputes', measures: ['count', 'amount', 'average_days_to_resolve'], groupBy: ['reason', 'status'], period: { to: '2026-03-31' } });
    expect(disputes.rows).toEqual([
      { reason: 'pricing', status: 'open', currency: 'USD', count: 1, amount: money(700_00, 'USD', '700.00'), average_days_to_resolve: null },
      { reason: 'quantity', status: 'rejected', currency: 'EUR', count: 1, amount: money(100_00, 'EUR', '100.00'), average_days_to_resolve: 10 },
    ]);
  });

  it('passes every value a user gives as a query parameter, never as SQL text', async () => {
    const hostile = "wholesale' or '1'='1";
    const definition = reportDefinition.parse({ source: 'invoices', measures: ['open_amount'], groupBy: ['segment'], filters: { segment: hostile, customerIds: [ids.alpha] }, period: { to: '2026-03-31' } });
    const query = new PgDialect().sqlToQuery(reportQuery(company.tenant.id, compileReport(definition, '2026-03-31')));
    expect(query.sql).not.toContain(hostile);
    expect(query.sql).not.toContain(company.tenant.id);
    expect(query.params).toEqual(expect.arrayContaining([hostile, ids.alpha, company.tenant.id, '2026-03-31']));
    expect((await run(definition)).rows).toEqual([]);
    expect((await run({ ...definition, filters: { segment: 'wholesale' } })).rows).toEqual([
      { segment: 'wholesale', currency: 'EUR', open_amount: money(1_100_00, 'EUR', '1100.00') },
      { segment: 'wholesale', currency: 'USD', open_amount: money(700_00, 'USD', '700.00') },
    ]);
  });

  it('refuses an unknown measure or dimension with a pointer to it', async () => {
    const api = company.as('ar_manager');
    const unknownMeasure = await api.post('/v1/reports/run', { definition: { source: 'invoices', measures: ['count', 'profit'] } });
    expect(unknownMeasure.status).toBe(400);
    expect(unknownMeasure.body.type).toBe('https://cashloop.dev/problems/validation-failed');
    expect(unknownMeasure.body.errors.map((e: any) => e.pointer)).toEqual(['/definition/measures/1']);
    // method is a dimension of payments, not of invoices
    const foreignDimension = await api.post('/v1/reports', { name: 'Wrong', definition: { source: 'invoices', measures: ['count'], groupBy: ['method'] } });
    expect(foreignDimension.status).toBe(400);
    expect(foreignDimension.body.errors.map((e: any) => e.pointer)).toEqual(['/definition/groupBy/0']);
    const badSort = await api.post('/v1/reports/run', { definition: { source: 'payments', measures: ['count'], sort: [{ by: 'amount' }] } });
    expect(badSort.status).toBe(400);
    expect(badSort.body.errors.map((e: any) => e.pointer)).toEqual(['/definition/sort/0/by']);
    const sqlInText = await api.post('/v1/reports/run', { definition: { source: 'invoices', measures: ['count'], groupBy: ['customer; drop table invoices'] } });
    expect(sqlInText.status).toBe(400);
    const tooMany = await api.post('/v1/reports/run', { definition: { source: 'invoices', measures: ['count'], limit: 10_001 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: any) => e.pointer)).toEqual(['/definition/limit']);
  });

  it('saves, lists, replaces and deletes report definitions; a viewer can run one but not save one', async () => {
    const manager = company.as('ar_manager');
    const viewer = company.as('viewer');
    const saved = await manager.post('/v1/reports', { name: 'Open by band', definition: openByCustomerAndBand });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Open by band', definition: { ...openByCustomerAndBand, filters: {}, limit: 1000 } });

    expect((await viewer.post('/v1/reports', { name: 'Mine', definition: openByCustomerAndBand })).status).toBe(403);
    expect((await company.as('collector').post('/v1/reports', { name: 'Mine', definition: openByCustomerAndBand })).status).toBe(403);
    expect((await viewer.post('/v1/reports/run', { definition: openByCustomerAndBand })).status).toBe(403);
    const ranByViewer = await viewer.get(`/v1/reports/${saved.body.id}/run`);
    expect(ranByViewer.status).toBe(200);
    expect(ranByViewer.body).toEqual(await run(openByCustomerAndBand));
    expect((await viewer.get('/v1/reports')).body.data.map((r: any) => r.id)).toContain(saved.body.id);

    const replaced = await manager.call('PUT', `/v1/reports/${saved.body.id}`, { name: 'Payments by method', definition: { source: 'payments', measures: ['amount'], groupBy: ['method'] } });
    expect(replaced.status).toBe(200);
    expect((await viewer.get(`/v1/reports/${saved.body.id}`)).body).toMatchObject({ name: 'Payments by method', definition: { source: 'payments' } });
    expect((await viewer.call('PUT', `/v1/reports/${saved.body.id}`, { name: 'x', definition: openByCustomerAndBand })).status).toBe(403);
    expect((await manager.delete(`/v1/reports/${saved.body.id}`)).status).toBe(204);
    expect((await viewer.get(`/v1/reports/${saved.body.id}`)).status).toBe(404);
    const audit = await company.admin.ok('GET', `/v1/audit-records?entityType=saved_report&entityId=${saved.body.id}`);
    expect(audit.data.map((r: any) => r.action)).toEqual(['saved_report.deleted', 'saved_report.updated', 'saved_report.created']);
  });

  it('keeps saved reports to their tenant: another tenant can neither see nor run nor change one', async () => {
    const saved = await company.as('ar_manager').ok('POST', '/v1/reports', { name: 'Ours', definition: openByCustomerAndBand });
    const other = rival.as('admin');
    for (const path of [`/v1/reports/${saved.id}`, `/v1/reports/${saved.id}/run`, `/v1/reports/${saved.id}/export?format=xlsx`]) {
      const response = await other.get(path);
      expect(response.status, path).toBe(404);
    }
    expect((await other.call('PUT', `/v1/reports/${saved.id}`, { name: 'Theirs', definition: openByCustomerAndBand })).status).toBe(404);
    expect((await other.delete(`/v1/reports/${saved.id}`)).status).toBe(404);
    expect((await other.get('/v1/reports')).body.data).toEqual([]);
    // Their own book is empty: the same definition finds nothing of ours.
    expect((await other.ok('POST', '/v1/reports/run', { definition: openByCustomerAndBand })).rows).toEqual([]);
    expect((await company.as('viewer').get(`/v1/reports/${saved.id}`)).status).toBe(200);
  });

  it('exports a saved report as CSV with formulas neutralised', async () => {
    const saved = await company.as('ar_manager').ok('POST', '/v1/reports', { name: 'Open by band', definition: openByCustomerAndBand });
    const csv = await company.as('viewer').get(`/v1/reports/${saved.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="report-${saved.id}-2026-03-31.csv"`);
    const rows = parse(csv.body as string) as string[][];
    expect(rows).toEqual([
      ['customer_id', 'customer_name', 'days_past_due_band', 'currency', 'open_amount', 'count'],
      [ids.gamma, 'Gamma Inc', 'd1_30', 'USD', '700.00', '1'],
      [ids.alpha, 'Alpha GmbH', 'd31_60', 'EUR', '600.00', '1'],
      [ids.alpha, 'Alpha GmbH', 'current', 'EUR', '500.00', '1'],
      [ids.hyperlink, `'=HYPERLINK("x")`, 'over_90', 'EUR', '200.00', '1'],
      [ids.alpha, 'Alpha GmbH', 'settled', 'EUR', '0.00', '1'],
    ]);
  });

  it('exports a saved report as XLSX: inline strings, formulas neutralised, amounts as numbers', async () => {
    const saved = await company.as('ar_manager').ok('POST', '/v1/reports', { name: 'Open by band', definition: openByCustomerAndBand });
    const response = await fetch(`${server.baseUrl}/v1/reports/${saved.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${company.keys.viewer}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const file = Buffer.from(await response.arrayBuffer());
    const entries = unzip(file);
    expect([...entries.keys()]).toContain('xl/worksheets/sheet1.xml');
    expect([...entries.keys()].some((name) => name.endsWith('sharedStrings.xml'))).toBe(false);
    const sheet = entries.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).not.toContain('<f>');
    const cells = [...sheet.matchAll(/<c ([^>]*)>(.*?)<\/c>/g)].map((m) => ({ ref: /r="(\w+)"/.exec(m[1]!)?.[1], type: / t="(\w+)"/.exec(m[1]!)?.[1], content: m[2] }));
    const cell = (ref: string) => cells.find((c) => c.ref === ref);
    // Text is inline (never a shared-string index), everything else a plain number.
    expect(new Set(cells.map((c) => c.type))).toEqual(new Set(['inlineStr', undefined]));
    expect(cell('A1')).toMatchObject({ type: 'inlineStr' });
    expect(cell('A1')!.content).toContain('customer_id');
    // Row 5 is the customer named =HYPERLINK("x"): an inline string with the quote prefix, as in CSV.
    expect(cell('B5')).toMatchObject({ type: 'inlineStr' });
    expect(cell('B5')!.content).toBe('<is><r><t>&apos;=HYPERLINK(&quot;x&quot;)</t></r></is>');
    expect(cell('E2')).toMatchObject({ type: undefined, content: '<v>700</v>' });
    expect(cell('F2')).toMatchObject({ type: undefined, content: '<v>1</v>' });

    // Read back with the import's own XLSX reader: the same table as the CSV, numbers in their shortest form.
    let text = '';
    for await (const chunk of xlsxAsCsv(Readable.from([file]))) text += chunk;
    expect(parse(text) as string[][]).toEqual([
      ['customer_id', 'customer_name', 'days_past_due_band', 'currency', 'open_amount', 'count'],
      [ids.gamma, 'Gamma Inc', 'd1_30', 'USD', '700', '1'],
      [ids.alpha, 'Alpha GmbH', 'd31_60', 'EUR', '600', '1'],
      [ids.alpha, 'Alpha GmbH', 'current', 'EUR', '500', '1'],
      [ids.hyperlink, `'=HYPERLINK("x")`, 'over_90', 'EUR', '200', '1'],
      [ids.alpha, 'Alpha GmbH', 'settled', 'EUR', '0', '1'],
    ]);
  });
});

/** The entries of a zip file, read from its central directory (sizes there are right even with data descriptors). */
function unzip(file: Buffer): Map<string, Buffer> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localOffset = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8').replace(/^\//, '');
    const dataStart = localOffset + 30 + file.readUInt16LE(localOffset + 26) + file.readUInt16LE(localOffset + 28);
    const data = file.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
