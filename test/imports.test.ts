import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport, reviewImport } from '../src/modules/imports/service.js';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Migration GmbH' });
});
afterAll(async () => server?.close());

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const upload = (path: string, body: string) => company.as('ar_manager').call('POST', path, body, { 'content-type': 'text/csv' });

const customersFile = csv([
  'external_ref,name,currency,email,payment_terms_days,credit_limit,segment',
  'K-1,Alpha Handel GmbH,EUR,ap@alpha.example,30,50000.00,wholesale',
  'K-2,Beta Bau AG,EUR,not-an-email,14,,retail',
  'K-3,Gamma Logistik,EURO,ap@gamma.example,30,,',
  'K-1,Alpha again,EUR,,30,,',
  'K-4,Tokio Trading,JPY,,45,1000000,',
  ',Nameless,EUR,,30,,',
]);

const openInvoicesFile = csv([
  'customer_external_ref,invoice_number,issue_date,due_date,currency,open_amount',
  'K-1,L-1001,2026-01-10,2026-02-09,EUR,1234.56',
  'K-1,L-1002,2026-03-01,2026-03-31,EUR,99.99',
  'K-2,L-1003,2026-02-15,2026-03-01,EUR,500',
  'K-4,L-1004,2026-03-05,2026-04-19,JPY,150000',
  'K-9,L-1005,2026-03-05,2026-04-04,EUR,10.00',
  'K-1,L-1002,2026-03-01,2026-03-31,EUR,99.99',
  'K-2,L-1006,2026-02-30,2026-03-30,EUR,12.345',
  'K-4,L-1007,2026-03-05,2026-04-19,EUR,100.00',
]);

describe('bulk import from a legacy system', () => {
  it('reviews a file of mixed rows with a line-numbered report, then commits exactly the good rows', async () => {
    const review = await upload('/v1/imports/customers/review?fileName=customers.csv', customersFile);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ kind: 'customers', rowCount: 6, acceptedCount: 3, warningCount: 1, errorCount: 3, alreadyCommitted: false });
    expect(review.body.issues.map((i: any) => [i.line, i.severity, i.column])).toEqual([
      [3, 'warning', 'email'],
      [4, 'error', 'currency'],
      [5, 'error', 'external_ref'],
      [7, 'error', 'external_ref'],
    ]);
    expect(review.body.issues[2].message).toContain('more than once');
    // Nothing is imported by a review.
    expect((await company.admin.ok('GET', '/v1/customers')).data).toEqual([]);

    const commit = await upload(`/v1/imports/${review.body.batchId}/commit`, customersFile);
    expect(commit.body).toMatchObject({ imported: 3, skippedWithErrors: 3, alreadyCommitted: false });
    const names = (await company.admin.ok('GET', '/v1/customers')).data.map((c: any) => [c.externalRef, c.name, c.creditLimitMinor]);
    expect(names).toEqual([
      ['K-1', 'Alpha Handel GmbH', 5_000_000],
      ['K-2', 'Beta Bau AG', null],
      ['K-4', 'Tokio Trading', 1_000_000],
    ]);

    // Without a JPY rate the yen invoice cannot be booked in EUR: the review says so on its line.
    const withoutRate = await upload('/v1/imports/open_invoices/review', openInvoicesFile);
    expect(withoutRate.body.issues.find((i: any) => i.line === 5)).toMatchObject({ column: 'currency', message: expect.stringContaining('no exchange rate from JPY to EUR on or before 2026-03-05') });
    await company.admin.ok('PUT', '/v1/exchange-rates/JPY/2026-01-01', { rate: '0.0061' });
    const openReview = await upload('/v1/imports/open_invoices/review', openInvoicesFile);
    expect(openReview.body).toMatchObject({ rowCount: 8, acceptedCount: 4, errorCount: 4, totalsByCurrency: { EUR: String(123_456 + 9_999 + 50_000), JPY: '150000' } });
    expect(openReview.body.issues.map((i: any) => [i.line, i.column])).toEqual([
      [6, 'customer_external_ref'],
      [7, 'invoice_number'],
      [8, 'issue_date'],
      [8, 'open_amount'],
      [9, 'currency'],
    ]);
    const committed = await upload(`/v1/imports/${openReview.body.batchId}/commit`, openInvoicesFile);
    expect(committed.body.imported).toBe(4);
    const aging = await company.admin.ok('GET', '/v1/reports/aging?asOf=2026-03-15');
    const eur = aging.totalsByCurrency.find((t: any) => t.currency === 'EUR');
    // L-1001 due 02-09: 34 days; L-1003 due 03-01: 14 days; L-1002 not yet due.
    expect(eur.buckets).toEqual({ current: 9_999, d1_30: 50_000, d31_60: 123_456, d61_90: 0, over_90: 0 });
    await expectBooksAgree(company.admin, ['2026-01-31', '2026-03-15', '2026-12-31']);
  });

  it('refuses to commit a file that differs from the reviewed one, and re-importing the same file is a no-op', async () => {
    const file = csv(['customer_external_ref,invoice_number,issue_date,due_date,paid_date,currency,amount,disputed', 'K-1,H-1,2025-05-01,2025-05-31,2025-06-10,EUR,100.00,no', 'K-2,H-2,2025-06-01,2025-06-15,2025-06-14,EUR,50.00,yes']);
    const review = await upload('/v1/imports/paid_invoices/review', file);
    expect(review.body).toMatchObject({ acceptedCount: 2, errorCount: 0 });
    const changed = await upload(`/v1/imports/${review.body.batchId}/commit`, file.replace('100.00', '1000.00'));
    expect(changed.status).toBe(409);
    expect(changed.body.detail).toContain('SHA-256');
    expect((await upload(`/v1/imports/${review.body.batchId}/commit`, file)).body).toMatchObject({ imported: 2, alreadyCommitted: false });
    const again = await upload('/v1/imports/paid_invoices/review', file);
    expect(again.body.alreadyCommitted).toBe(true);
    expect((await upload(`/v1/imports/${again.body.batchId}/commit`, file)).body).toMatchObject({ imported: 0, alreadyCommitted: true });
  });

  it('imports the first worksheet of an XLSX workbook like a CSV file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Customers');
    sheet.addRow(['external_ref', 'name', 'currency', 'credit_limit']);
    sheet.addRow(['X-1', 'Excel Kunde GmbH', 'EUR', 2500.5]);
    sheet.addRow(['X-2', 'Zweiter Kunde', 'EUR', 12.345]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const api = company.as('ar_manager');
    const type = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const review = await fetch(`${api.baseUrl}/v1/imports/customers/review`, { method: 'POST', headers: { authorization: `Bearer ${api.key}`, ...type }, body: file });
    const report = (await review.json()) as any;
    expect(report).toMatchObject({ rowCount: 2, acceptedCount: 1, errorCount: 1 });
    expect(report.issues.find((i: any) => i.severity === 'error')).toMatchObject({ line: 3, column: 'credit_limit' });
    const commit = await fetch(`${api.baseUrl}/v1/imports/${report.batchId}/commit`, { method: 'POST', headers: { authorization: `Bearer ${api.key}`, ...type }, body: file });
    expect(((await commit.json()) as any).imported).toBe(1);
    const customers = await api.ok('GET', '/v1/customers?search=Excel');
    expect(customers.data[0]).toMatchObject({ externalRef: 'X-1', creditLimitMinor: 250_050 });
  });

  it('refuses a file whose header is not of the kind, and a role that may not import', async () => {
    const wrong = await upload('/v1/imports/open_invoices/review', customersFile);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: any) => e.pointer)).toContain('/header/invoice_number');
    const collector = await company.as('collector').call('POST', '/v1/imports/customers/review', customersFile, { 'content-type': 'text/csv' });
    expect(collector.status).toBe(403);
  });

  it('leaves nothing half-imported when the commit fails part-way', async () => {
    const rows = ['external_ref,name,currency'];
    for (let i = 0; i < 5_000; i++) rows.push(`BULK-${i},Bulk customer ${i},EUR`);
    const file = csv(rows);
    const actor = { tenantId: company.tenant.id, role: 'admin' as const, label: 'test' };
    const review = await reviewImport(server.database.db, actor, 'customers', Readable.from([file]), 'bulk.csv');
    expect(review.ok && review.value.acceptedCount).toBe(5_000);
    if (!review.ok) return;
    const before = (await company.admin.ok('GET', '/v1/customers?limit=200')).data.length;
    // The process dies (here: the progress callback throws) after the first chunks were written.
    await expect(
      commitImport(server.database.db, actor, review.value.batchId, Readable.from([file]), {
        onProgress: (n) => {
          if (n >= 4_000) throw new Error('killed mid-import');
        },
      }),
    ).rejects.toThrow('killed mid-import');
    expect((await company.admin.ok('GET', '/v1/customers?limit=200')).data.length).toBe(before);
    const retry = await commitImport(server.database.db, actor, review.value.batchId, Readable.from([file]));
    expect(retry.ok && retry.value.imported).toBe(5_000);
  });
});
