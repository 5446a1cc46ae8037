import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connection.js';
import { issuedPerDay, kpisForPeriod, receivablesOnDates, settledPerDay, type KpiScope } from '../src/modules/analytics/service.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { createDraftInvoice, creditInvoice, issueInvoice, voidInvoice, writeOffInvoice } from '../src/modules/invoicing/service.js';
import { allocatePayment, recordPayment, refundPayment, reversePayment } from '../src/modules/payments/service.js';
import { createCustomer } from '../src/modules/customers/service.js';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
let actor: Actor;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Day Totals Trading GmbH', baseCurrency: 'EUR' });
  actor = { tenantId: company.tenant.id, role: 'admin', label: 'test' };
});
afterAll(async () => server?.close());

const db = () => server.database.db;

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function invoice(customerId: string, amountMinor: number, issueDate: string) {
  const draft = value(await createDraftInvoice(db(), actor, { customerId, lines: [{ description: 'Goods', quantity: '1', unitPriceMinor: amountMinor, taxRatePercent: '0' }] }));
  return value(await issueInvoice(db(), actor, draft.id, issueDate));
}

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function importFile(kind: string, file: string) {
  const api = company.as('ar_manager');
  const review = await api.call('POST', `/v1/imports/${kind}/review`, file, { 'content-type': 'text/csv' });
  expect(review.body.errorCount, JSON.stringify(review.body.issues)).toBe(0);
  const commit = await api.call('POST', `/v1/imports/${review.body.batchId}/commit`, file, { 'content-type': 'text/csv' });
  expect([commit.status, commit.body.imported > 0], JSON.stringify(commit.body)).toEqual([200, true]);
}

/** A camt.053 statement whose lines the automatic cash application settles in one set-based batch. */
async function bankStatement(entries: { reference: string; amount: string; remittance: string }[]) {
  const api = company.as('ar_manager');
  const entry = (e: (typeof entries)[number]) =>
    `<Ntry><NtryRef>${e.reference}</NtryRef><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-20</Dt></BookgDt><ValDt><Dt>2026-03-20</Dt></ValDt><AcctSvcrRef>${e.reference}</AcctSvcrRef>
     <NtryDtls><TxDtls><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>ROWAN TRADING</Nm></Pty></Dbtr></RltdPties><RmtInf>${e.remittance}</RmtInf></TxDtls></NtryDtls></Ntry>`;
  const statement = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>DAYTOTALS-1</MsgId><CreDtTm>2026-03-20T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>DAYTOTALS-1</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>2026-03-20T18:00:00</CreDtTm><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries.map(entry).join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
  const response = await fetch(`${api.baseUrl}/v1/bank-statements`, { method: 'POST', headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/xml' }, body: statement });
  expect(response.status).toBe(201);
  return ((await response.json()) as { cashApplication: { applied: number } }).cashApplication;
}

function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
}

describe('receivable day totals, kept by triggers in the transaction that changes the documents', () => {
  it('equal the receivables, sales and settlements read from the documents on every date, after a varied history', { timeout: 300_000 }, async () => {
    const rowan = value(await createCustomer(db(), actor, { name: 'Rowan Trading', currency: 'EUR', paymentTermsDays: 30 }));
    const sloe = value(await createCustomer(db(), actor, { name: 'Sloe Logistics', currency: 'EUR', paymentTermsDays: 14 }));

    // Issued invoices, a partial and a full payment, an allocation of cash received earlier, a refund.
    const a = await invoice(rowan.id, 1_000_00, '2026-01-05');
    const b = await invoice(rowan.id, 400_00, '2026-01-20');
    const c = await invoice(sloe.id, 250_00, '2026-02-01');
    const d = await invoice(sloe.id, 80_00, '2026-02-10');
    const e = await invoice(rowan.id, 600_00, '2026-02-15');
    value(await recordPayment(db(), actor, { customerId: rowan.id, method: 'bank_transfer', amountMinor: 300_00, currency: 'EUR', valueDate: '2026-01-25', allocations: [{ invoiceId: a.id, amountMinor: 300_00 }] }));
    value(await recordPayment(db(), actor, { customerId: sloe.id, method: 'bank_transfer', amountMinor: 250_00, currency: 'EUR', valueDate: '2026-02-20', allocations: [{ invoiceId: c.id, amountMinor: 250_00 }] }));
    const onAccount = value(await recordPayment(db(), actor, { customerId: rowan.id, method: 'bank_transfer', amountMinor: 900_00, currency: 'EUR', valueDate: '2026-02-25', allocations: [] }));
    value(await allocatePayment(db(), actor, onAccount.id, { allocations: [{ invoiceId: a.id, amountMinor: 700_00 }], appliedOn: '2026-03-02' }));
    value(await refundPayment(db(), actor, onAccount.id, { amountMinor: 50_00, date: '2026-03-05', reason: 'overpaid' }));
    // A payment reversed after it settled an invoice (the invoice is open again), then paid again later.
    const bounced = value(await recordPayment(db(), actor, { customerId: rowan.id, method: 'cheque', amountMinor: 400_00, currency: 'EUR', valueDate: '2026-02-22', allocations: [{ invoiceId: b.id, amountMinor: 400_00 }] }));
    value(await reversePayment(db(), actor, bounced.id, { date: '2026-03-01', reason: 'bounced_cheque' }));
    value(await recordPayment(db(), actor, { customerId: rowan.id, method: 'bank_transfer', amountMinor: 400_00, currency: 'EUR', valueDate: '2026-03-10', allocations: [{ invoiceId: b.id, amountMinor: 400_00 }] }));
    // A partial credit note, a write-off, a void; a draft that is never issued.
    value(await creditInvoice(db(), actor, e.id, { reason: 'damaged', issueDate: '2026-02-28', lines: [{ description: 'credit', quantity: '1', unitPriceMinor: 100_00, taxRatePercent: '0' }] }));
    value(await writeOffInvoice(db(), actor, d.id, { reason: 'uncollectable', date: '2026-03-15' }));
    const toVoid = await invoice(sloe.id, 70_00, '2026-03-01');
    value(await voidInvoice(db(), actor, toVoid.id, { reason: 'issued in error', voidDate: '2026-03-04' }));
    value(await createDraftInvoice(db(), actor, { customerId: sloe.id, lines: [{ description: 'Never issued', quantity: '1', unitPriceMinor: 5_00, taxRatePercent: '0' }] }));

    // Imports: customers, open invoices (EUR and JPY), paid history.
    await importFile('customers', csv(['external_ref,name,currency,payment_terms_days', 'R-1,Yew Imports,EUR,30', 'R-2,Tokio Trading,JPY,45']));
    await company.admin.ok('PUT', '/v1/exchange-rates/JPY/2025-01-01', { rate: '0.0062' });
    await importFile('open_invoices', csv(['customer_external_ref,invoice_number,issue_date,due_date,currency,open_amount', 'R-1,L-1,2025-12-10,2026-01-09,EUR,321.00', 'R-2,L-2,2026-01-15,2026-03-01,JPY,150000']));
    await importFile('paid_invoices', csv(['customer_external_ref,invoice_number,issue_date,due_date,paid_date,currency,amount,disputed', 'R-1,H-1,2025-11-01,2025-12-01,2025-12-15,EUR,100.00,no']));

    // The automatic cash application settles two invoices in one batch.
    const f = await invoice(rowan.id, 120_00, '2026-03-03');
    const g = await invoice(rowan.id, 130_00, '2026-03-04');
    expect(await bankStatement([
      { reference: 'DT-1', amount: '120.00', remittance: `<Ustrd>Invoice ${f.number}</Ustrd>` },
      { reference: 'DT-2', amount: '130.00', remittance: `<Ustrd>Invoice ${g.number}</Ustrd>` },
    ])).toMatchObject({ applied: 2 });

    const dates = everyDay('2025-10-30', '2026-05-10');
    for (const currency of ['EUR', 'JPY']) {
      const scope: KpiScope = { tenantId: company.tenant.id, currency };
      expect(await receivablesOnDates(db(), scope, dates, 'day_totals'), currency).toEqual(await receivablesOnDates(db(), scope, dates, 'documents'));
      expect(await issuedPerDay(db(), scope, '2025-01-01', '2026-12-31', 'day_totals'), currency).toEqual(await issuedPerDay(db(), scope, '2025-01-01', '2026-12-31', 'documents'));
      expect(await settledPerDay(db(), scope, '2025-01-01', '2026-12-31', 'day_totals'), currency).toEqual(await settledPerDay(db(), scope, '2025-01-01', '2026-12-31', 'documents'));
    }
    // The history did what it was meant to: something settled, something still open, sales in both currencies.
    const eur: KpiScope = { tenantId: company.tenant.id, currency: 'EUR' };
    expect((await settledPerDay(db(), eur, '2025-01-01', '2026-12-31', 'day_totals')).length).toBeGreaterThan(3);
    expect((await receivablesOnDates(db(), eur, ['2026-03-31'], 'day_totals'))[0]?.total.amountMinor).toBeGreaterThan(0n);
    // A month's KPIs read tenant-wide (day totals) and for each customer (documents) add up.
    const month = await kpisForPeriod(db(), eur, '2026-03-01', '2026-03-31');
    const customerIds = await queryRows<{ id: string }>(db(), sql`select id::text as id from customers where tenant_id = ${company.tenant.id} and currency = 'EUR'`);
    let ending = 0n;
    let sales = 0n;
    for (const { id } of customerIds) {
      const own = await kpisForPeriod(db(), { ...eur, customerId: id }, '2026-03-01', '2026-03-31');
      ending += own.receivables.ending.amountMinor;
      sales += own.creditSales.amountMinor;
    }
    expect({ ending: month.receivables.ending.amountMinor, sales: month.creditSales.amountMinor }).toEqual({ ending, sales });
    await expectBooksAgree(company.admin, ['2026-01-31', '2026-03-15', '2026-12-31']);
  });

  it('do not change when an update leaves what they count as it was (an open balance moving within a day adds no row)', async () => {
    const customer = value(await createCustomer(db(), actor, { name: 'Quiet Customer', currency: 'EUR', paymentTermsDays: 30 }));
    const inv = await invoice(customer.id, 500_00, '2026-04-01');
    const before = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from receivable_day_totals where tenant_id = ${company.tenant.id}`);
    await db().execute(sql`update invoices set updated_at = now(), memo = 'touched' where id = ${inv.id}`);
    const after = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from receivable_day_totals where tenant_id = ${company.tenant.id}`);
    expect(after).toEqual(before);
  });
});
