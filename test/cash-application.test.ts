import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgresServer } from './support/database.js';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';
import { sharedDataAvailable, sharedFile } from './support/shared-data.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Northwind Components GmbH' });
});
afterAll(async () => server?.close());

interface Credit {
  amount: string;
  date: string;
  iban?: string;
  name?: string;
  rf?: string;
  text?: string;
  ref?: string;
}

/** A camt.053.001.08 statement for the company's account, with the given incoming payments. */
function camt053(statementId: string, credits: Credit[]): string {
  const entries = credits
    .map(
      (c, i) => `<Ntry><NtryRef>${statementId}-${i + 1}</NtryRef><Amt Ccy="EUR">${c.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>${c.date}</Dt></BookgDt><ValDt><Dt>${c.date}</Dt></ValDt><AcctSvcrRef>${c.ref ?? `${statementId}-${i + 1}`}</AcctSvcrRef>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">${c.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <RltdPties><Dbtr><Pty><Nm>${c.name ?? 'Unknown'}</Nm></Pty></Dbtr>${c.iban ? `<DbtrAcct><Id><IBAN>${c.iban}</IBAN></Id></DbtrAcct>` : ''}</RltdPties>
      <RmtInf>${c.rf ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${c.rf}</Ref></CdtrRefInf></Strd>` : ''}${c.text ? `<Ustrd>${c.text}</Ustrd>` : ''}</RmtInf>
      </TxDtls></NtryDtls></Ntry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>2026-03-10T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${statementId}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>2026-03-10T18:00:00</CreDtTm><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}

async function uploadStatement(api: ApiClient, body: string | Uint8Array, contentType = 'application/xml') {
  const response = await fetch(`${api.baseUrl}/v1/bank-statements`, { method: 'POST', headers: { authorization: `Bearer ${api.key}`, 'content-type': contentType }, body });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Bearings', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

describe('cash application from a camt.053 statement, end to end over HTTP', () => {
  it('imports, applies what is certain, queues the rest, learns from a person, and keeps the books right', async () => {
    const api = company.as('ar_manager');
    const globex = await api.ok('POST', '/v1/customers', { name: 'Globex Corporation', email: 'ap@globex.example', currency: 'EUR', paymentTermsDays: 30 });
    const initech = await api.ok('POST', '/v1/customers', { name: 'Initech AG', email: 'ap@initech.example', currency: 'EUR', paymentTermsDays: 30 });
    const a = await issueInvoice(api, globex.id, 1_000_00, '2026-02-01');
    const b = await issueInvoice(api, globex.id, 250_00, '2026-02-03');
    const c = await issueInvoice(api, initech.id, 480_00, '2026-02-05');
    expect(a.creditorReference).toMatch(/^RF\d{2}/);

    const statement = camt053('STMT-2026-03-10', [
      { amount: '1000.00', date: '2026-03-09', iban: 'DE89370400440532013000', name: 'GLOBEX CORP', rf: a.creditorReference },
      { amount: '249.50', date: '2026-03-09', iban: 'DE89370400440532013000', name: 'GLOBEX CORP', text: `Invoice ${b.number.replace('INV-', 'inv ')} less charges` },
      { amount: '480.00', date: '2026-03-10', iban: 'FR7630006000011234567890189', name: 'I. T. Holding SARL', text: 'February delivery' },
    ]);
    const imported = await uploadStatement(api, statement);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ format: 'camt.053', linesAdded: 3, linesAlreadyKnown: 0 });
    expect(imported.body.cashApplication).toMatchObject({ linesConsidered: 3, applied: 2, exceptions: 1 });

    expect(await api.ok('GET', `/v1/invoices/${a.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });
    // 0.50 short of 250.00: within the bank-charges tolerance, settled to bank charges, not left open.
    expect(await api.ok('GET', `/v1/invoices/${b.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });
    expect(await api.ok('GET', `/v1/invoices/${c.id}`)).toMatchObject({ status: 'open', openMinor: 480_00 });

    const applied = await api.ok('GET', '/v1/statement-lines?status=applied');
    expect(applied.data.map((l: { rule: string }) => l.rule).sort()).toEqual(['invoice_number', 'structured_reference']);
    expect(applied.data.every((l: { explanation: string }) => l.explanation.length > 20)).toBe(true);

    const queue = await api.ok('GET', '/v1/statement-lines?status=exception');
    expect(queue.data).toHaveLength(1);
    const [waiting] = queue.data;
    expect(waiting).toMatchObject({ amountMinor: 480_00, payerName: 'I. T. Holding SARL', proposal: null });
    expect(waiting.reasons).toEqual(['no reference to an open invoice and the payer is not known']);

    // The same file again adds nothing and applies nothing.
    const again = await uploadStatement(api, statement);
    expect(again.body).toMatchObject({ linesAdded: 0, linesAlreadyKnown: 3, cashApplication: null });
    expect(again.body.statements[0].alreadyImported).toBe(true);

    // A collector matches the queued line by hand; the engine learns that this IBAN pays for Initech.
    const collector = company.as('collector');
    const matched = await collector.ok('POST', `/v1/statement-lines/${waiting.id}/match`, { customerId: initech.id, allocations: [{ invoiceId: c.id, amountMinor: 480_00 }] });
    expect(matched).toMatchObject({ status: 'applied', rule: 'manual', customerId: initech.id });
    const twice = await collector.post(`/v1/statement-lines/${waiting.id}/match`, { customerId: initech.id, allocations: [{ invoiceId: c.id, amountMinor: 480_00 }] });
    expect(twice.status).toBe(409);

    const d = await issueInvoice(api, initech.id, 320_00, '2026-03-01');
    const next = await uploadStatement(api, camt053('STMT-2026-03-20', [{ amount: '320.00', date: '2026-03-20', iban: 'FR7630006000011234567890189', name: 'I. T. Holding SARL', text: 'March' }]));
    expect(next.body.cashApplication).toMatchObject({ applied: 1, exceptions: 0 });
    expect(await api.ok('GET', `/v1/invoices/${d.id}`)).toMatchObject({ status: 'paid' });
    const learned = await api.ok('GET', '/v1/statement-lines?status=applied');
    expect(learned.data.find((l: { amountMinor: number }) => l.amountMinor === 320_00)).toMatchObject({ rule: 'payer_amount' });

    // Every applied payment was acknowledged: one receipt per payment in the outbox.
    const rows = await server.database.db.execute(`select dedupe_key, subject, body from email_outbox where tenant_id = '${company.tenant.id}' and dedupe_key like 'payment.receipt:%'`);
    const receipts = (rows as unknown as { rows: Array<{ subject: string; body: string }> }).rows;
    expect(receipts).toHaveLength(4);
    expect(receipts.some((r) => r.body.includes(b.number))).toBe(true);

    await expectBooksAgree(api, ['2026-03-09', '2026-03-10', '2026-03-20', '2099-12-31']);
    const trial = await api.ok('GET', '/v1/ledger/trial-balance');
    expect(trial.rows.find((x: { accountCode: string }) => x.accountCode === '6200')).toMatchObject({ accountName: 'Bank charges', debitMinor: 50 });

    // The automatic runs booked their receipts as one entry per value date, as a bank deposit: the bank debited with
    // the day's total, the receivable credited per invoice with the customer on each line. The match by hand has its own.
    const entries = await server.database.db.execute(`
      select e.entry_date::text as date, e.source_type,
             sum(l.debit_minor) filter (where a.purpose = 'bank')::int as bank,
             array_agg(l.credit_minor::int order by l.credit_minor) filter (where a.purpose = 'accounts_receivable') as receivable,
             bool_and(l.customer_id is not null) filter (where a.purpose <> 'bank') as with_customer
        from journal_entries e join journal_lines l on l.entry_id = e.id join accounts a on a.id = l.account_id
       where e.tenant_id = '${company.tenant.id}' and e.source_type in ('payment_receipts', 'payment')
       group by e.id, e.entry_date, e.source_type order by e.entry_date, e.source_type`);
    expect((entries as unknown as { rows: unknown[] }).rows).toEqual([
      { date: '2026-03-09', source_type: 'payment_receipts', bank: 1_249_50, receivable: [249_50, 1_000_00], with_customer: true },
      { date: '2026-03-10', source_type: 'payment', bank: 480_00, receivable: null, with_customer: true }, // its allocation has an entry of its own
      { date: '2026-03-20', source_type: 'payment_receipts', bank: 320_00, receivable: [320_00], with_customer: true },
    ]);
  });

  it('refuses a malformed statement whole, with located errors, storing nothing', async () => {
    const api = company.as('ar_manager');
    const before = await api.ok('GET', '/v1/bank-statements');
    const broken = await uploadStatement(api, '<Document><BkToCstmrStmt><Stmt><Id>X</Id>\n<Ntry><Amt Ccy="EUR">1.2.3</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toMatchObject({ pointer: 'Stmt[1]/Ntry[1]/Amt' });
    const notAStatement = await uploadStatement(api, 'hello', 'text/plain');
    expect(notAStatement.status).toBe(400);
    expect((await api.ok('GET', '/v1/bank-statements')).data).toHaveLength(before.data.length);
    expect((await company.as('viewer').post('/v1/cash-application/runs')).status).toBe(403);
  });

  it('lets a person accept or reject proposals, flags a payment sent twice, and follows the tenant\'s rule settings', async () => {
    const tenant = await server.createTenant({ name: 'Queue Work GmbH' });
    const api = tenant.as('ar_manager');
    const collector = tenant.as('collector');
    const hooli = await api.ok('POST', '/v1/customers', { name: 'Hooli Europe', currency: 'EUR', paymentTermsDays: 30 });
    const older = await issueInvoice(api, hooli.id, 100_00, '2026-02-01');
    const newer = await issueInvoice(api, hooli.id, 100_00, '2026-02-10');
    const third = await issueInvoice(api, hooli.id, 730_00, '2026-02-12');

    // Known by name, but two open invoices of exactly 100.00: a proposal (the oldest) for a person, not applied.
    const first = await uploadStatement(api, camt053('Q-1', [{ amount: '100.00', date: '2026-03-02', name: 'Hooli Europe', iban: 'NL91ABNA0417164300' }]));
    expect(first.body.cashApplication).toMatchObject({ applied: 0, exceptions: 1 });
    const [queued] = (await api.ok('GET', '/v1/statement-lines?status=exception')).data;
    expect(queued).toMatchObject({ rule: 'payer_amount', customerId: hooli.id });
    expect(queued.confidence).toBeLessThan(0.9);
    expect(queued.proposal.allocations).toEqual([{ invoiceId: older.id, amountMinor: '10000' }]);
    const accepted = await collector.ok('POST', `/v1/statement-lines/${queued.id}/accept`);
    expect(accepted).toMatchObject({ status: 'applied', rule: 'payer_amount' });
    expect(await api.ok('GET', `/v1/invoices/${older.id}`)).toMatchObject({ status: 'paid' });
    expect(await api.ok('GET', `/v1/invoices/${newer.id}`)).toMatchObject({ status: 'open' });

    // The same payment arriving again in another statement within days is a suspected duplicate: queued, not applied.
    const again = await uploadStatement(api, camt053('Q-2', [{ amount: '100.00', date: '2026-03-03', name: 'Hooli Europe', iban: 'NL91ABNA0417164300', ref: 'OTHER-BANK-REF' }]));
    expect(again.body.cashApplication).toMatchObject({ applied: 0, exceptions: 1, suspect: 1 });
    const [suspect] = (await api.ok('GET', '/v1/statement-lines?status=exception')).data;
    expect(suspect.reasons[0]).toMatch(/^suspect \(duplicate\): same payer, amount and reference/);
    expect(await api.ok('GET', `/v1/invoices/${newer.id}`)).toMatchObject({ status: 'open' });

    // Rejecting the proposal keeps the line queued without it; setting it aside takes it out of the queue.
    const rejected = await collector.ok('POST', `/v1/statement-lines/${suspect.id}/reject`, { reason: 'the customer paid twice by mistake; refund' });
    expect(rejected).toMatchObject({ status: 'exception', proposal: null, rule: null });
    expect(rejected.reasons[0]).toBe('proposal rejected: the customer paid twice by mistake; refund');
    const setAside = await collector.ok('POST', `/v1/statement-lines/${suspect.id}/reject`, { reason: 'refunded outside Cashloop', notACustomerPayment: true });
    expect(setAside.status).toBe('rejected');
    expect((await collector.post(`/v1/statement-lines/${suspect.id}/accept`)).status).toBe(409);
    expect((await api.ok('GET', '/v1/statement-lines?status=exception')).data).toHaveLength(0);

    // Settings: only the listed rules run; a structured reference is ignored once its rule is switched off.
    expect(await api.ok('GET', '/v1/cash-application/settings')).toMatchObject({ autoApplyThreshold: 0.9, rules: expect.arrayContaining(['structured_reference']) });
    expect((await collector.call('PUT', '/v1/cash-application/settings', { rules: ['payer_amount'] })).status).toBe(403);
    expect((await api.call('PUT', '/v1/cash-application/settings', { autoApplyThreshold: 2 })).status).toBe(400);
    const saved = await api.ok('PUT', '/v1/cash-application/settings', { rules: ['payer_amount'], shortPaymentToleranceMinor: 500 });
    expect(saved).toMatchObject({ rules: ['payer_amount'], shortPaymentToleranceMinor: 500, autoApplyThreshold: 0.9 });
    const byReference = await uploadStatement(api, camt053('Q-3', [{ amount: '730.00', date: '2026-03-05', name: 'Unknown Payer', rf: third.creditorReference }]));
    expect(byReference.body.cashApplication).toMatchObject({ applied: 0, exceptions: 1 });
    await expectBooksAgree(api);
  });

  it.skipIf(!sharedDataAvailable)('imports every real MT940, BAI2 and camt sample through the API as raw bytes, once', async () => {
    const api = (await server.createTenant({ name: 'Sample Bank Files Ltd' })).as('admin');
    const files = ['mt940/mt940-rs__sparkasse-buxtehude.sta', 'bai2/bai2__citi_example.bai2', 'camt/camt_parser__053-valid_example_v4.xml', 'mt940/php-mt940__Rabo-sample'];
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(sharedFile(...file.split('/'))));
      const first = await uploadStatement(api, bytes, 'application/octet-stream');
      expect(first.status, `${file}: ${JSON.stringify(first.body)}`).toBe(201);
      expect(first.body.linesAdded).toBeGreaterThan(0);
      const second = await uploadStatement(api, bytes, 'application/octet-stream');
      expect(second.body.linesAdded, file).toBe(0);
    }
  });
});

describe.skipIf(!onPostgresServer())('a person and the automatic run racing on the same invoice (PostgreSQL)', () => {
  it('never over-applies it', async () => {
    const tenant = await server.createTenant({ name: 'Race Conditions Ltd' });
    const api = tenant.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Racer GmbH', currency: 'EUR', paymentTermsDays: 30 });
    const invoice = await issueInvoice(api, customer.id, 500_00, '2026-02-01');
    // Two lines that both pay the invoice in full: one has the RF reference (automatic), one is matched by hand.
    await uploadStatement(api, camt053('RACE-1', [{ amount: '500.00', date: '2026-03-01', name: 'Someone', text: 'no reference' }]));
    const [queued] = (await api.ok('GET', '/v1/statement-lines?status=exception')).data;
    const imported = await fetch(`${api.baseUrl}/v1/bank-statements?apply=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/xml' },
      body: camt053('RACE-2', [{ amount: '500.00', date: '2026-03-02', name: 'Racer GmbH', rf: invoice.creditorReference }]),
    });
    expect(imported.status).toBe(201);
    const [manual, automatic] = await Promise.all([
      api.post(`/v1/statement-lines/${queued.id}/match`, { customerId: customer.id, allocations: [{ invoiceId: invoice.id, amountMinor: 500_00 }] }),
      api.post('/v1/cash-application/runs'),
    ]);
    const after = await api.ok('GET', `/v1/invoices/${invoice.id}`);
    expect(after.openMinor).toBe(0);
    const payments = await api.ok('GET', `/v1/payments?customerId=${customer.id}`);
    const allocated = payments.data.reduce((s: number, p: { amountMinor: number; unappliedMinor: number }) => s + p.amountMinor - p.unappliedMinor, 0);
    expect(allocated).toBe(500_00);
    expect([manual.status, automatic.status]).toContain(200);
    await expectBooksAgree(api);
  });
});
