import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/connection.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { onInvoiceIssued } from '../src/modules/invoicing/service.js';
import { issueBillingRun } from '../src/modules/invoicing/store.js';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';
import { onPostgresServer } from './support/database.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const issueDate = '2026-03-06';

/** The same customers, terms and calendar in a company: one company issues one by one, the other in a billing run. */
async function setUpCompany(company: TestTenant) {
  const api = company.as('ar_manager');
  await company.admin.ok('PUT', '/v1/business-calendar', { roll: 'following', weekend: [6, 7], holidays: ['2026-04-06'] });
  const skonto = await api.ok('POST', '/v1/payment-terms', { name: '2/10 net 30', definition: { due: { kind: 'net', days: 30 }, discount: { percent: '2', withinDays: 10 } } });
  const instalments = await api.ok('POST', '/v1/payment-terms', {
    name: '30/30/40',
    definition: { due: { kind: 'net', days: 90 }, instalments: [{ percent: 30, due: { kind: 'net', days: 30 } }, { percent: 30, due: { kind: 'net', days: 60 } }, { percent: 40, due: { kind: 'end_of_month', days: 60 } }] },
  });
  const mail = await api.ok('POST', '/v1/customers', { name: 'Mail GmbH', currency: 'EUR', email: 'ap@mail.example', language: 'de', attachUbl: true });
  const discount = await api.ok('POST', '/v1/customers', { name: 'Skonto GmbH', currency: 'EUR', email: 'ap@skonto.example', paymentTermsId: skonto.id });
  const paper = await api.ok('POST', '/v1/customers', { name: 'Paper Ltd', currency: 'EUR', invoiceDelivery: 'none', paymentTermsDays: 14 });
  const dollar = await api.ok('POST', '/v1/customers', { name: 'Dollar Inc', currency: 'USD', invoiceDelivery: 'none' });
  return { mail: mail.id as string, discount: discount.id as string, paper: paper.id as string, dollar: dollar.id as string, instalments: instalments.id as string };
}

function newInvoices(ids: Awaited<ReturnType<typeof setUpCompany>>) {
  const three = (n: number) => [
    { description: `Licence ${n}`, quantity: '3', unitPriceMinor: 12_345 + n, taxRatePercent: '19' },
    { description: `Books ${n}`, quantity: '2.5', unitPriceMinor: 999, taxRatePercent: '7', discountPercent: '10' },
    { description: `Postage ${n}`, quantity: '1', unitPriceMinor: 450, taxRatePercent: '0' },
  ];
  return [
    { customerId: ids.mail, lines: three(1), memo: 'March licences' },
    { customerId: ids.discount, lines: three(2) },
    { customerId: ids.paper, lines: three(3), paymentTermsId: ids.instalments },
    { customerId: ids.mail, lines: three(4), pricesIncludeTax: true },
    { customerId: ids.paper, lines: three(5), paymentTermsDays: 45 },
    { customerId: ids.discount, lines: three(6).slice(0, 1) },
    // Booked in the base currency at the rate given with it.
    { customerId: ids.dollar, lines: three(7), exchangeRate: '0.9213' },
  ];
}

/** Supplies without VAT: reverse charge and an exempt supply next to a standard-rated line. */
const withoutVat = (ids: Awaited<ReturnType<typeof setUpCompany>>) => ({
  customerId: ids.paper,
  lines: [
    { description: 'Installation in Lyon', quantity: '1', unitPriceMinor: 80_000, taxRatePercent: '0', taxCategory: 'AE' },
    { description: 'Transport insurance', quantity: '1', unitPriceMinor: 5_000, taxRatePercent: '0', taxCategory: 'E', taxExemptionReason: 'Insurance transactions, Article 135(1)(a) of Directive 2006/112/EC' },
    { description: 'Handling', quantity: '2', unitPriceMinor: 1_500, taxRatePercent: '19' },
  ],
});

function draftInvoices(ids: Awaited<ReturnType<typeof setUpCompany>>) {
  return [
    { customerId: ids.discount, lines: [{ description: 'Consulting', quantity: '7.25', unitPriceMinor: 15_000, taxRatePercent: '19' }] },
    { customerId: ids.mail, lines: [{ description: 'Support', quantity: '1', unitPriceMinor: 80_000, taxRatePercent: '19' }], paymentTermsDays: 10 },
    { customerId: ids.dollar, lines: [{ description: 'Hosting', quantity: '12', unitPriceMinor: 3_333, taxRatePercent: '0' }], exchangeRate: '0.95' },
  ];
}

/**
 * Everything issuing produced in a company, with its own ids replaced by the invoice numbers and customer names, so
 * two companies that issued the same invoices compare equal: documents with lines and tax summary, journal entries,
 * invoice.issued events and dispatch messages.
 */
async function issuedSnapshot(company: TestTenant) {
  const api = company.admin;
  const list = await api.ok('GET', '/v1/invoices?limit=200');
  const customers = await api.ok('GET', '/v1/customers?limit=200');
  const nameOf = new Map<string, string>(customers.data.map((c: any) => [c.id, c.name]));
  const numberOf = new Map<string, string>(list.data.map((i: any) => [i.id, i.number]));
  const name = (id: string) => numberOf.get(id) ?? nameOf.get(id) ?? (id ? 'unknown id' : id);
  const anonymise = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'string' ? v.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => name(id)) : v));
  const documents = [];
  for (const row of list.data) {
    const invoice = await api.ok('GET', `/v1/invoices/${row.id}`);
    const journal = await api.ok('GET', `/v1/ledger/journal-entries?sourceId=${row.id}`);
    const emails = await queryRows<Record<string, unknown>>(
      server.database.db,
      sql`select to_address, subject, body, attachments, status, dedupe_key from email_outbox where tenant_id = ${company.tenant.id} and invoice_id = ${row.id}`,
    );
    documents.push(anonymise({ invoice, journal: journal.data.map(({ id: _id, ...entry }: any) => entry), emails }));
  }
  const events = await api.ok('GET', '/v1/events?type=invoice.issued&limit=200');
  return {
    documents: (documents as any[]).sort((a, b) => a.invoice.number.localeCompare(b.invoice.number)),
    events: (anonymise(events.data.map((e: any) => ({ type: e.type, entityType: e.entityType, entityId: e.entityId, data: e.data }))) as any[]).sort((a, b) =>
      a.entityId.localeCompare(b.entityId),
    ),
  };
}

async function invoiceNumbers(api: ApiClient): Promise<string[]> {
  const list = await api.ok('GET', '/v1/invoices?kind=invoice&limit=200');
  return list.data.map((i: any) => i.number).filter((n: string | null) => n !== null).sort();
}

const gapless = (count: number) => Array.from({ length: count }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`);

describe('billing runs', () => {
  it('issues exactly what issuing one by one issues: numbers, RF references, terms, totals, tax summary, journal, events and emails', async () => {
    const oneByOne = await server.createTenant({ name: 'Billing GmbH' });
    const inBulk = await server.createTenant({ name: 'Billing GmbH' });
    const singleIds = await setUpCompany(oneByOne);
    const bulkIds = await setUpCompany(inBulk);

    const single = oneByOne.as('ar_manager');
    const singleDrafts = [];
    for (const draft of draftInvoices(singleIds)) singleDrafts.push(await single.ok('POST', '/v1/invoices', draft));
    for (const input of [...newInvoices(singleIds), withoutVat(singleIds)]) {
      const draft = await single.ok('POST', '/v1/invoices', input);
      await single.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
    }
    for (const draft of singleDrafts) await single.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });

    const bulk = inBulk.as('ar_manager');
    const bulkDrafts = [];
    for (const draft of draftInvoices(bulkIds)) bulkDrafts.push(await bulk.ok('POST', '/v1/invoices', draft));
    const run = await bulk.post('/v1/billing-runs', { issueDate, invoices: [...newInvoices(bulkIds), withoutVat(bulkIds)], draftIds: bulkDrafts.map((d) => d.id) }, { 'idempotency-key': 'march-run' });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ runKey: 'march-run', issueDate, requested: 11, issued: 11, alreadyIssued: 0, firstNumber: 'INV-000001', lastNumber: 'INV-000011', chunks: 2 });

    const expected = await issuedSnapshot(oneByOne);
    const actual = await issuedSnapshot(inBulk);
    expect(actual.documents).toHaveLength(11);
    // The VAT categories and exemption reasons are stored by the bulk insert as by issuing one invoice.
    expect(actual.documents.find((d: any) => d.invoice.number === 'INV-000008')?.invoice.lines.map((l: any) => [l.taxCategory, l.taxExemptionReason])).toEqual([
      ['AE', 'Reverse charge'],
      ['E', 'Insurance transactions, Article 135(1)(a) of Directive 2006/112/EC'],
      ['S', null],
    ]);
    // The comparison covers something: emails for the two customers who take them, instalments, a discount, a tax-free line.
    expect(expected.documents.filter((d: any) => d.emails.length === 1)).toHaveLength(6);
    expect(expected.documents.some((d: any) => d.invoice.instalments?.length === 3 && d.invoice.discountMinor === null)).toBe(true);
    expect(expected.documents.some((d: any) => d.invoice.discountMinor > 0)).toBe(true);
    expect(expected.documents.filter((d: any) => d.invoice.currency === 'USD' && d.invoice.exchangeRate !== null)).toHaveLength(2);
    expect(actual).toEqual(expected);
    await expectBooksAgree(inBulk.admin);
    await expectBooksAgree(oneByOne.admin);
  });

  it('refuses a run with an invalid invoice before writing anything, and is not open to a collector', async () => {
    const company = await server.createTenant({ name: 'Refusals AG' });
    const ids = await setUpCompany(company);
    const [first, second] = newInvoices(ids);
    const refused = await company.as('ar_manager').post('/v1/billing-runs', {
      runKey: 'bad',
      issueDate,
      invoices: [
        first,
        { ...second, customerId: '00000000-0000-7000-8000-000000000000' },
        { ...first, lines: [{ description: 'x', quantity: '0', unitPriceMinor: 1, taxRatePercent: '19' }] },
        { ...first, lines: [{ description: 'y', quantity: '1', unitPriceMinor: 1, taxRatePercent: '0', taxCategory: 'E' }] },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.pointer)).toEqual(['/invoices/1/customerId', '/invoices/2/lines/0/quantity', '/invoices/3/lines/0/taxExemptionReason']);
    expect(await invoiceNumbers(company.admin)).toEqual([]);
    const collector = await company.as('collector').post('/v1/billing-runs', { runKey: 'c', issueDate, invoices: [first] });
    expect(collector.status).toBe(403);
    const noKey = await company.as('ar_manager').post('/v1/billing-runs', { issueDate, invoices: [first] });
    expect(noKey.status).toBe(400);
  });

  it('loses nothing half-written when a chunk fails, and a re-run of the key issues the rest once; the same key with other invoices is refused', async () => {
    const company = await server.createTenant({ name: 'Crash GmbH' });
    const ids = await setUpCompany(company);
    const actor: Actor = { tenantId: company.tenant.id, role: 'ar_manager', label: 'test' };
    const invoices = [...newInvoices(ids), ...newInvoices(ids)];
    let failSecondChunk = true;
    let chunksSeen = 0;
    // Stands in for a crash inside the second chunk's transaction (after its invoices, lines and entries were written).
    onInvoiceIssued(async (_tx, issued) => {
      if (issued[0]?.tenantId !== company.tenant.id) return;
      chunksSeen++;
      if (failSecondChunk && chunksSeen === 2) {
        failSecondChunk = false;
        throw new Error('simulated crash');
      }
    });
    await expect(issueBillingRun(server.database.db, actor, { runKey: 'nightly', issueDate, invoices }, { chunkSize: 5 })).rejects.toThrow('simulated crash');
    const afterCrash = await queryRows<{ invoices: number; lines: number; entries: number; events: number; next: string }>(
      server.database.db,
      sql`select (select count(*)::int from invoices where tenant_id = ${company.tenant.id}) as invoices,
                 (select count(*)::int from invoice_lines where tenant_id = ${company.tenant.id}) as lines,
                 (select count(*)::int from journal_entries where tenant_id = ${company.tenant.id} and source_type = 'invoice') as entries,
                 (select count(*)::int from domain_events where tenant_id = ${company.tenant.id} and type = 'invoice.issued') as events,
                 (select next_value::text from number_series where tenant_id = ${company.tenant.id} and series = 'invoice') as next`,
    );
    expect(afterCrash[0]).toEqual({ invoices: 5, lines: 15, entries: 5, events: 5, next: '6' });

    const api = company.as('ar_manager');
    const rerun = await api.ok('POST', '/v1/billing-runs', { runKey: 'nightly', issueDate, invoices });
    expect(rerun).toMatchObject({ requested: 14, issued: 9, alreadyIssued: 5, firstNumber: 'INV-000006', lastNumber: 'INV-000014' });
    const again = await api.ok('POST', '/v1/billing-runs', { runKey: 'nightly', issueDate, invoices });
    expect(again).toMatchObject({ requested: 14, issued: 0, alreadyIssued: 14, firstNumber: null });
    expect(await invoiceNumbers(company.admin)).toEqual(gapless(14));
    const other = await api.post('/v1/billing-runs', { runKey: 'nightly', issueDate, invoices: invoices.slice(1) });
    expect(other.status).toBe(409);
    // Each position of the run was issued once, to the customer and amount asked for.
    const issued = await queryRows<{ item_index: number; customer_id: string; total_minor: string }>(
      server.database.db,
      sql`select b.item_index, i.customer_id::text, i.total_minor::text from billing_run_items b join invoices i on i.id = b.invoice_id
           where b.tenant_id = ${company.tenant.id} order by b.item_index`,
    );
    expect(issued.map((r) => r.item_index)).toEqual(invoices.map((_, i) => i));
    expect(issued.map((r) => r.customer_id)).toEqual(invoices.map((i) => i.customerId));
    await expectBooksAgree(company.admin);
  });

  it.skipIf(!onPostgresServer())('numbers stay gapless and nothing is issued twice when runs (and the same run twice) go at once', async () => {
    const company = await server.createTenant({ name: 'Concurrent GmbH' });
    const ids = await setUpCompany(company);
    const actor: Actor = { tenantId: company.tenant.id, role: 'ar_manager', label: 'test' };
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ customerId: [ids.mail, ids.discount, ids.paper][i % 3] as string, lines: [{ description: `Item ${i}`, quantity: '1', unitPriceMinor: 1_000 + i, taxRatePercent: '19' }] }));
    const west = batch(40);
    const east = batch(30);
    const drafts = [];
    for (const d of batch(6)) drafts.push((await company.as('ar_manager').ok('POST', '/v1/invoices', d)).id as string);
    const outcomes = await Promise.all([
      issueBillingRun(server.database.db, actor, { runKey: 'west', issueDate, invoices: west }, { chunkSize: 4 }),
      issueBillingRun(server.database.db, actor, { runKey: 'east', issueDate, invoices: east, draftIds: drafts }, { chunkSize: 3 }),
      issueBillingRun(server.database.db, actor, { runKey: 'west', issueDate, invoices: west }, { chunkSize: 4 }),
      issueBillingRun(server.database.db, actor, { runKey: 'drafts-again', issueDate, draftIds: drafts }, { chunkSize: 2 }),
    ]);
    const issued = outcomes.map((o) => (o.ok ? o.value.issued : -1));
    expect(issued[0]! + issued[2]!).toBe(40);
    expect(issued[1]! + issued[3]!).toBe(36);
    expect(await invoiceNumbers(company.admin)).toEqual(gapless(76));
    const [counts] = await queryRows<{ items: number; distinct_invoices: number }>(
      server.database.db,
      sql`select count(*)::int as items, count(distinct invoice_id)::int as distinct_invoices from billing_run_items where tenant_id = ${company.tenant.id}`,
    );
    expect(counts).toEqual({ items: 76, distinct_invoices: 76 });
    await expectBooksAgree(company.admin);
  });
});
