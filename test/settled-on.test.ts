import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, toBigInt, type Executor } from '../src/db/connection.js';
import { inTransaction } from '../src/db/transaction.js';
import { createCustomer } from '../src/modules/customers/service.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { kpisForPeriod, receivablesAsOf } from '../src/modules/analytics/service.js';
import { createDraftInvoice, creditInvoice, issueInvoice, settleShortPayment, voidInvoice, writeOffInvoice } from '../src/modules/invoicing/service.js';
import { allocatePayment, recordPayment, refundPayment, reversePayment } from '../src/modules/payments/service.js';
import { agingBuckets, bucketIndex, type AgingBasis } from '../src/modules/reporting/aging-buckets.js';
import { agingReport, reconcileSubLedgers, type AgingLine } from '../src/modules/reporting/service.js';
import { openTenant } from '../src/tenancy.js';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
let actor: Actor;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Settled On Trading Ltd' });
  actor = { tenantId: company.tenant.id, role: 'admin', label: 'test' };
});
afterAll(async () => server?.close());

const db = () => server.database.db;

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function newCustomer(a: Actor, name: string) {
  return value(await createCustomer(db(), a, { name, currency: 'EUR', paymentTermsDays: 30 }));
}

async function newInvoice(a: Actor, customerId: string, amountMinor: number, issueDate: string) {
  const draft = value(await createDraftInvoice(db(), a, { customerId, lines: [{ description: 'Goods', quantity: '1', unitPriceMinor: amountMinor, taxRatePercent: '0' }] }));
  return value(await issueInvoice(db(), a, draft.id, issueDate));
}

async function settledOn(invoiceId: string): Promise<{ settledOn: string | null; openMinor: bigint; status: string }> {
  const [row] = await queryRows<{ settled_on: string | null; open_minor: unknown; status: string }>(
    db(),
    sql`select settled_on::text as settled_on, open_minor::text as open_minor, status from invoices where id = ${invoiceId}`,
  );
  return { settledOn: row?.settled_on ?? null, openMinor: toBigInt(row?.open_minor), status: row?.status ?? '' };
}

const pay = (customerId: string, amountMinor: number, valueDate: string, allocations: { invoiceId: string; amountMinor: number }[] = []) =>
  recordPayment(db(), actor, { customerId, method: 'bank_transfer', amountMinor, currency: 'EUR', valueDate, allocations });

describe('invoices.settled_on, kept by every transaction that changes an open balance', () => {
  it('is the date of the allocation that settled the invoice, whatever settled it: a payment, a credit note, bank charges, a write-off, a void', async () => {
    const customer = await newCustomer(actor, 'Alder & Co');

    const paid = await newInvoice(actor, customer.id, 100_00, '2026-01-05');
    value(await pay(customer.id, 40_00, '2026-01-10', [{ invoiceId: paid.id, amountMinor: 40_00 }]));
    expect(await settledOn(paid.id)).toEqual({ settledOn: null, openMinor: 60_00n, status: 'partially_paid' });
    value(await pay(customer.id, 60_00, '2026-01-20', [{ invoiceId: paid.id, amountMinor: 60_00 }]));
    expect(await settledOn(paid.id)).toEqual({ settledOn: '2026-01-20', openMinor: 0n, status: 'paid' });

    // Cash allocated later than it was received: the allocation's own date counts.
    const allocatedLater = await newInvoice(actor, customer.id, 50_00, '2026-01-06');
    const onAccount = value(await pay(customer.id, 50_00, '2026-01-08'));
    value(await allocatePayment(db(), actor, onAccount.id, { allocations: [{ invoiceId: allocatedLater.id, amountMinor: 50_00 }], appliedOn: '2026-02-02' }));
    expect((await settledOn(allocatedLater.id)).settledOn).toBe('2026-02-02');

    const credited = await newInvoice(actor, customer.id, 100_00, '2026-01-07');
    value(await pay(customer.id, 70_00, '2026-01-12', [{ invoiceId: credited.id, amountMinor: 70_00 }]));
    value(await creditInvoice(db(), actor, credited.id, { lines: [{ description: 'Returned', quantity: '1', unitPriceMinor: 30_00, taxRatePercent: '0' }], issueDate: '2026-01-25', reason: 'Goods returned' }));
    expect(await settledOn(credited.id)).toEqual({ settledOn: '2026-01-25', openMinor: 0n, status: 'paid' });

    const charged = await newInvoice(actor, customer.id, 250_00, '2026-01-08');
    const short = value(await pay(customer.id, 249_50, '2026-02-01', [{ invoiceId: charged.id, amountMinor: 249_50 }]));
    expect((await settledOn(charged.id)).settledOn).toBeNull();
    await inTransaction(db(), (tx) => settleShortPayment(tx, actor, charged.id, { amountMinor: 50n, date: '2026-02-03', reason: 'bank_charges', paymentId: short.id }));
    expect(await settledOn(charged.id)).toEqual({ settledOn: '2026-02-03', openMinor: 0n, status: 'paid' });

    const writtenOff = await newInvoice(actor, customer.id, 80_00, '2026-01-09');
    value(await pay(customer.id, 30_00, '2026-02-10', [{ invoiceId: writtenOff.id, amountMinor: 30_00 }]));
    value(await writeOffInvoice(db(), actor, writtenOff.id, { reason: 'Customer insolvent', date: '2026-03-01' }));
    expect(await settledOn(writtenOff.id)).toEqual({ settledOn: '2026-03-01', openMinor: 0n, status: 'written_off' });

    const voided = await newInvoice(actor, customer.id, 45_00, '2026-01-10');
    value(await voidInvoice(db(), actor, voided.id, { reason: 'Issued in error', voidDate: '2026-01-15' }));
    expect(await settledOn(voided.id)).toEqual({ settledOn: '2026-01-15', openMinor: 0n, status: 'void' });

    expect(await reconcileSubLedgers(db(), company.tenant, '2099-12-31')).toEqual([]);
  });

  it('is cleared when a payment reversal reopens the invoice, and is the latest allocation date once it is paid again', async () => {
    const customer = await newCustomer(actor, 'Birch Traders');
    const invoice = await newInvoice(actor, customer.id, 100_00, '2026-03-02');
    const cheque = value(await pay(customer.id, 100_00, '2026-03-20', [{ invoiceId: invoice.id, amountMinor: 100_00 }]));
    expect((await settledOn(invoice.id)).settledOn).toBe('2026-03-20');

    value(await reversePayment(db(), actor, cheque.id, { date: '2026-04-05', reason: 'bounced_cheque' }));
    expect(await settledOn(invoice.id)).toEqual({ settledOn: null, openMinor: 100_00n, status: 'open' });

    // Paid again by a transfer received (and applied) before the bounce was booked: the invoice is open on no date
    // after the bounce's negative row, so that is the date it counts as settled.
    value(await pay(customer.id, 100_00, '2026-03-28', [{ invoiceId: invoice.id, amountMinor: 100_00 }]));
    expect((await settledOn(invoice.id)).settledOn).toBe('2026-04-05');
    expect(await agingByFullScan(db(), company.tenant, '2026-03-30')).toEqual((await agingReport(db(), company.tenant, '2026-03-30')).customers);
    expect(await reconcileSubLedgers(db(), company.tenant, '2026-04-05')).toEqual([]);
  });

  it('is set by the automatic cash application, which settles invoices in bulk (with the bank charges it allows for)', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Globex Corporation', currency: 'EUR', paymentTermsDays: 30 });
    const issue = async (unitPriceMinor: number) => {
      const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Bearings', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
      return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-02-02' });
    };
    const exact = await issue(1_000_00);
    const less = await issue(250_00);
    const credit = (amount: string, text: string) =>
      `<Ntry><NtryRef>SETTLED-${amount}</NtryRef><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-09</Dt></BookgDt><ValDt><Dt>2026-03-09</Dt></ValDt><AcctSvcrRef>SETTLED-${amount}</AcctSvcrRef>
       <NtryDtls><TxDtls><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>GLOBEX CORP</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>
       <RmtInf>${text}</RmtInf></TxDtls></NtryDtls></Ntry>`;
    const statement = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>SETTLED-1</MsgId><CreDtTm>2026-03-09T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>SETTLED-1</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>2026-03-09T18:00:00</CreDtTm><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>
${credit('1000.00', `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${exact.creditorReference}</Ref></CdtrRefInf></Strd>`)}
${credit('249.50', `<Ustrd>Invoice ${less.number} less charges</Ustrd>`)}
</Stmt></BkToCstmrStmt></Document>`;
    const response = await fetch(`${api.baseUrl}/v1/bank-statements`, { method: 'POST', headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/xml' }, body: statement });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { cashApplication: unknown }).cashApplication).toMatchObject({ applied: 2 });
    expect(await settledOn(exact.id)).toEqual({ settledOn: '2026-03-09', openMinor: 0n, status: 'paid' });
    expect(await settledOn(less.id)).toEqual({ settledOn: '2026-03-09', openMinor: 0n, status: 'paid' });
  });
});

// ---- the oracle: aging rebuilt from every document and allocation, as it was computed before settled_on ----

async function agingByFullScan(executor: Executor, tenant: { id: string; baseCurrency: string }, asOf: string, boundaries?: readonly number[], basis: AgingBasis = 'due_date'): Promise<AgingLine[]> {
  const buckets = agingBuckets(boundaries, basis);
  const openRows = await queryRows<Record<string, unknown>>(
    executor,
    sql`with applied as (
          select a.invoice_id, sum(a.amount_minor) as amount from allocations a
           where a.tenant_id = ${tenant.id} and a.applied_on <= ${asOf} group by a.invoice_id
        )
        select i.customer_id::text as customer_id, i.currency,
               (${asOf}::date - ${basis === 'invoice_date' ? sql`i.issue_date` : sql`i.due_date`}) as days_past_due,
               (i.due_date >= ${asOf}::date) as not_due,
               sum(i.total_minor - coalesce(ap.amount, 0))::text as open_minor
          from invoices i left join applied ap on ap.invoice_id = i.id
         where i.tenant_id = ${tenant.id} and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date <= ${asOf}
           and i.total_minor - coalesce(ap.amount, 0) <> 0
         group by i.customer_id, i.currency, days_past_due, not_due`,
  );
  const cashRows = await queryRows<Record<string, unknown>>(
    executor,
    sql`with applied as (
          select a.payment_id, sum(a.amount_minor) as amount from allocations a
           where a.tenant_id = ${tenant.id} and a.payment_id is not null and a.applied_on <= ${asOf} group by a.payment_id
        ),
        refunded as (
          select r.payment_id, sum(r.amount_minor) as amount from refunds r where r.tenant_id = ${tenant.id} and r.refunded_on <= ${asOf} group by r.payment_id
        )
        select p.customer_id::text as customer_id, p.currency,
               sum(case when p.reversed_on is not null and p.reversed_on <= ${asOf} then 0
                        else p.amount_minor - coalesce(ap.amount, 0) - coalesce(rf.amount, 0) end)::text as unapplied
          from payments p left join applied ap on ap.payment_id = p.id left join refunded rf on rf.payment_id = p.id
         where p.tenant_id = ${tenant.id} and p.value_date <= ${asOf}
         group by p.customer_id, p.currency`,
  );
  const creditRows = await queryRows<Record<string, unknown>>(
    executor,
    sql`with used as (
          select a.credit_note_id, sum(a.amount_minor) as amount from allocations a
           where a.tenant_id = ${tenant.id} and a.credit_note_id is not null and a.applied_on <= ${asOf} group by a.credit_note_id
        )
        select i.customer_id::text as customer_id, i.currency, sum(i.total_minor - coalesce(u.amount, 0))::text as unapplied
          from invoices i left join used u on u.credit_note_id = i.id
         where i.tenant_id = ${tenant.id} and i.kind = 'credit_note' and i.issue_date <= ${asOf}
         group by i.customer_id, i.currency`,
  );
  const names = new Map((await queryRows<{ id: string; name: string }>(executor, sql`select id::text as id, name from customers where tenant_id = ${tenant.id}`)).map((r) => [r.id, r.name]));
  const lines = new Map<string, AgingLine>();
  const lineFor = (customerId: string, currency: string): AgingLine => {
    const key = `${customerId}|${currency}`;
    const line = lines.get(key) ?? {
      customerId, customerName: names.get(customerId) ?? '', currency, bucketsMinor: buckets.map(() => 0n),
      openInvoicesMinor: 0n, notYetDueMinor: 0n, unappliedCashMinor: 0n, unappliedCreditsMinor: 0n, balanceMinor: 0n,
    };
    lines.set(key, line);
    return line;
  };
  for (const r of openRows) {
    const line = lineFor(String(r.customer_id), String(r.currency));
    const amount = toBigInt(r.open_minor);
    const index = bucketIndex(buckets, Number(r.days_past_due));
    line.bucketsMinor[index] = (line.bucketsMinor[index] ?? 0n) + amount;
    line.openInvoicesMinor += amount;
    if (r.not_due === true || r.not_due === 't') line.notYetDueMinor += amount;
  }
  for (const r of cashRows) {
    const amount = toBigInt(r.unapplied);
    if (amount !== 0n) lineFor(String(r.customer_id), String(r.currency)).unappliedCashMinor += amount;
  }
  for (const r of creditRows) {
    const amount = toBigInt(r.unapplied);
    if (amount !== 0n) lineFor(String(r.customer_id), String(r.currency)).unappliedCreditsMinor += amount;
  }
  return [...lines.values()]
    .map((l) => ({ ...l, balanceMinor: l.openInvoicesMinor - l.unappliedCashMinor - l.unappliedCreditsMinor }))
    .sort((a, b) => a.customerName.localeCompare(b.customerName) || a.currency.localeCompare(b.currency));
}

/** Receivables (total and current) as of a date, from every invoice and allocation: the KPIs' old query. */
async function receivablesByFullScan(executor: Executor, tenantId: string, asOf: string): Promise<{ total: bigint; current: bigint }> {
  const [row] = await queryRows<{ total: unknown; current: unknown }>(
    executor,
    sql`with applied as (
          select a.invoice_id, sum(a.amount_minor) as amount from allocations a where a.tenant_id = ${tenantId} and a.applied_on <= ${asOf} group by a.invoice_id
        )
        select coalesce(sum(i.total_minor - coalesce(ap.amount, 0)), 0)::text as total,
               coalesce(sum(case when i.due_date >= ${asOf}::date then i.total_minor - coalesce(ap.amount, 0) else 0 end), 0)::text as current
          from invoices i left join applied ap on ap.invoice_id = i.id
         where i.tenant_id = ${tenantId} and i.currency = 'EUR' and i.kind = 'invoice' and i.status <> 'draft' and i.issue_date <= ${asOf}`,
  );
  return { total: toBigInt(row?.total), current: toBigInt(row?.current) };
}

type Op =
  | { kind: 'invoice'; customer: number; amount: number; day: number }
  | { kind: 'payment'; customer: number; extra: number; day: number; allocate: { invoice: number; amount: number | 'all' }[] }
  | { kind: 'allocate'; payment: number; invoice: number; amount: number | 'all'; day: number }
  | { kind: 'credit'; invoice: number; amount: number; day: number }
  | { kind: 'short'; invoice: number; day: number }
  | { kind: 'writeOff'; invoice: number; day: number }
  | { kind: 'void'; invoice: number; day: number }
  | { kind: 'reverse'; payment: number; day: number }
  | { kind: 'refund'; payment: number; amount: number | 'all'; day: number };

/** Most often what is open (so invoices get settled, and reopened by reversals), else a part of it or too much. */
const amountArbitrary = fc.oneof(fc.constant('all' as const), fc.constant('all' as const), fc.integer({ min: 1, max: 60_000 }));

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('invoice' as const), customer: fc.nat(1), amount: fc.integer({ min: 1, max: 50_000 }), day: fc.nat(120) }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('payment' as const), customer: fc.nat(1), extra: fc.constantFrom(0, 1, 5_000, 20_000, 60_000), day: fc.nat(150),
      allocate: fc.array(fc.record({ invoice: fc.nat(20), amount: amountArbitrary }), { maxLength: 2 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('allocate' as const), payment: fc.nat(10), invoice: fc.nat(20), amount: amountArbitrary, day: fc.nat(180) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('credit' as const), invoice: fc.nat(20), amount: fc.integer({ min: 1, max: 30_000 }), day: fc.nat(180) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('short' as const), invoice: fc.nat(20), day: fc.nat(180) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('writeOff' as const), invoice: fc.nat(20), day: fc.nat(180) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('void' as const), invoice: fc.nat(20), day: fc.nat(180) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reverse' as const), payment: fc.nat(10), day: fc.integer({ min: 30, max: 220 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('refund' as const), payment: fc.nat(10), amount: amountArbitrary, day: fc.nat(200) }), weight: 2 },
);

const dayOf = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** Payments with cash left to allocate or refund, and invoices with something open: what the next operation acts on. */
async function withCash(tenantId: string) {
  return queryRows<{ id: string; customer_id: string; unapplied: string }>(
    db(),
    sql`select id::text as id, customer_id::text as customer_id, unapplied_minor::text as unapplied from payments
         where tenant_id = ${tenantId} and status = 'received' and unapplied_minor > 0 order by created_at, id`,
  );
}
async function stillOpen(tenantId: string) {
  return queryRows<{ id: string; customer_id: string; open: string }>(
    db(),
    sql`select id::text as id, customer_id::text as customer_id, open_minor::text as open from invoices
         where tenant_id = ${tenantId} and kind = 'invoice' and status in ('open', 'partially_paid') order by created_at, id`,
  );
}

describe('aging as of any date, read through settled_on', () => {
  it('equals the full rebuild from every document and allocation, after random sequences of payments, credits, adjustments, write-offs, voids, reversals and refunds', { timeout: 600_000 }, async () => {
    let run = 0;
    const happened = { payment: 0, allocate: 0, credit: 0, short: 0, writeOff: 0, void: 0, reverse: 0, refund: 0, settled: 0, reopened: 0 };
    const count = (kind: keyof typeof happened, result: { ok: boolean }) => {
      if (result.ok) happened[kind]++;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 4, maxLength: 24 }), fc.array(fc.nat(210), { minLength: 3, maxLength: 3 }), async (ops, probeDays) => {
        const tenant = await openTenant(db(), { name: `Settled property ${run++}`, baseCurrency: 'EUR', timeZone: 'UTC' });
        const a: Actor = { tenantId: tenant.id, role: 'admin', label: 'test' };
        const customers = [await newCustomer(a, 'Cedar'), await newCustomer(a, 'Damson'), await newCustomer(a, 'Elm')];
        const invoices: { id: string; customerId: string }[] = [];
        const payments: { id: string; customerId: string }[] = [];
        const dates = new Set<string>();
        for (const op of ops) {
          const date = dayOf(op.day);
          dates.add(date);
          if (op.kind === 'invoice') {
            const customer = customers[op.customer % customers.length]!;
            invoices.push({ id: (await newInvoice(a, customer.id, op.amount, date)).id, customerId: customer.id });
          } else if (op.kind === 'payment') {
            const customer = customers[op.customer % customers.length]!;
            const own = invoices.filter((i) => i.customerId === customer.id);
            const wanted = own.length === 0 ? new Map<string, number | 'all'>() : new Map(op.allocate.map((x) => [own[x.invoice % own.length]!.id, x.amount]));
            const allocations = [];
            for (const [invoiceId, amount] of wanted) {
              const amountMinor = amount === 'all' ? Number((await settledOn(invoiceId)).openMinor) : amount;
              if (amountMinor > 0) allocations.push({ invoiceId, amountMinor });
            }
            const allocated = allocations.reduce((sum, x) => sum + x.amountMinor, 0);
            const r = await recordPayment(db(), a, { customerId: customer.id, method: 'bank_transfer', amountMinor: Math.max(1, allocated + op.extra), currency: 'EUR', valueDate: date, allocations });
            count('payment', r);
            if (r.ok) payments.push({ id: r.value.id, customerId: customer.id });
          } else if (op.kind === 'allocate') {
            const open = await stillOpen(tenant.id);
            const invoice = open[op.invoice % Math.max(1, open.length)];
            const cash = (await withCash(tenant.id)).filter((p) => p.customer_id === invoice?.customer_id);
            const payment = cash[op.payment % Math.max(1, cash.length)];
            if (payment && invoice) {
              const all = BigInt(invoice.open) < BigInt(payment.unapplied) ? invoice.open : payment.unapplied;
              count('allocate', await allocatePayment(db(), a, payment.id, { allocations: [{ invoiceId: invoice.id, amountMinor: op.amount === 'all' ? Number(all) : op.amount }], appliedOn: date }));
            }
          } else if (op.kind === 'credit' && invoices.length > 0) {
            count('credit', await creditInvoice(db(), a, invoices[op.invoice % invoices.length]!.id, { reason: 'property', issueDate: date, lines: [{ description: 'credit', quantity: '1', unitPriceMinor: op.amount, taxRatePercent: '0' }] }));
          } else if (op.kind === 'short') {
            // What a payment left open on an invoice, settled as bank charges.
            const open = await stillOpen(tenant.id);
            const invoice = open[op.invoice % Math.max(1, open.length)];
            const payment = payments.find((p) => p.customerId === invoice?.customer_id);
            if (invoice && payment) {
              count('short', await inTransaction(db(), (tx) => settleShortPayment(tx, a, invoice.id, { amountMinor: BigInt(invoice.open), date, reason: 'bank_charges', paymentId: payment.id })));
            }
          } else if (op.kind === 'writeOff' && invoices.length > 0) {
            count('writeOff', await writeOffInvoice(db(), a, invoices[op.invoice % invoices.length]!.id, { reason: 'property', date }));
          } else if (op.kind === 'void' && invoices.length > 0) {
            count('void', await voidInvoice(db(), a, invoices[op.invoice % invoices.length]!.id, { reason: 'property', voidDate: date }));
          } else if (op.kind === 'reverse') {
            // Mostly a payment that settled something, so invoices are reopened.
            const applied = await queryRows<{ id: string }>(
              db(),
              sql`select distinct p.id::text as id from payments p join allocations x on x.payment_id = p.id where p.tenant_id = ${tenant.id} and p.status = 'received' order by 1`,
            );
            const pool = applied.length > 0 && op.payment % 4 !== 0 ? applied.map((p) => p.id) : payments.map((p) => p.id);
            const paymentId = pool[op.payment % Math.max(1, pool.length)];
            if (!paymentId) continue;
            const r = await reversePayment(db(), a, paymentId, { date, reason: 'bounced_cheque' });
            count('reverse', r);
            if (r.ok && r.value.allocations.some((x) => x.amountMinor < 0n)) happened.reopened++;
          } else if (op.kind === 'refund') {
            const cash = await withCash(tenant.id);
            const payment = cash[op.payment % Math.max(1, cash.length)];
            if (payment) count('refund', await refundPayment(db(), a, payment.id, { amountMinor: op.amount === 'all' ? Number(payment.unapplied) : op.amount, date, reason: 'property' }));
          }
        }
        // settled_on itself: the latest allocation date of every invoice with nothing open, null for all others.
        const wrong = await queryRows<Record<string, unknown>>(
          db(),
          sql`select i.number, i.settled_on::text as settled_on, (select max(x.applied_on) from allocations x where x.invoice_id = i.id)::text as latest
                from invoices i
               where i.tenant_id = ${tenant.id} and i.kind = 'invoice'
                 and i.settled_on is distinct from (case when i.open_minor = 0 and i.status <> 'draft' then (select max(x.applied_on) from allocations x where x.invoice_id = i.id) end)`,
        );
        expect(wrong).toEqual([]);
        // first_applied_on: the earliest allocation date of every invoice; used_up_on: for a payment with nothing
        // unapplied or reversed, the latest of its value date, allocations, refunds and reversal, else null.
        const wrongFirst = await queryRows<Record<string, unknown>>(
          db(),
          sql`select i.number, i.first_applied_on::text as first_applied_on from invoices i
               where i.tenant_id = ${tenant.id} and i.kind = 'invoice'
                 and i.first_applied_on is distinct from (select min(x.applied_on) from allocations x where x.invoice_id = i.id)`,
        );
        expect(wrongFirst).toEqual([]);
        const wrongUsedUp = await queryRows<Record<string, unknown>>(
          db(),
          sql`select p.id, p.used_up_on::text as used_up_on, p.unapplied_minor::text as unapplied, p.status from payments p
               where p.tenant_id = ${tenant.id}
                 and p.used_up_on is distinct from (case when p.unapplied_minor = 0 or p.status = 'reversed' then greatest(p.value_date, p.reversed_on,
                       (select max(x.applied_on) from allocations x where x.payment_id = p.id), (select max(r.refunded_on) from refunds r where r.payment_id = p.id)) end)`,
        );
        expect(wrongUsedUp).toEqual([]);
        const [settled] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from invoices where tenant_id = ${tenant.id} and settled_on is not null`);
        happened.settled += Number(settled?.n ?? 0);
        const asOfDates = [...new Set([...dates, ...probeDays.map(dayOf), '2025-12-31', '2099-12-31'])].sort();
        for (const asOf of asOfDates) {
          expect((await agingReport(db(), tenant, asOf, { boundaries: [15, 30, 60] })).customers, asOf).toEqual(await agingByFullScan(db(), tenant, asOf, [15, 30, 60]));
          const receivables = await receivablesAsOf(db(), { tenantId: tenant.id, currency: 'EUR' }, asOf);
          expect({ total: receivables.total.amountMinor, current: receivables.current.amountMinor }, asOf).toEqual(await receivablesByFullScan(db(), tenant.id, asOf));
        }
        const byInvoiceDate = asOfDates[Math.floor(asOfDates.length / 2)]!;
        expect((await agingReport(db(), tenant, byInvoiceDate, { basis: 'invoice_date' })).customers).toEqual(await agingByFullScan(db(), tenant, byInvoiceDate, undefined, 'invoice_date'));
        const customerId = customers[0]!.id;
        expect((await agingReport(db(), tenant, byInvoiceDate, { customerId })).customers).toEqual((await agingByFullScan(db(), tenant, byInvoiceDate)).filter((l) => l.customerId === customerId));
        // The KPIs of a month read the same receivables at its start and end.
        const month = await kpisForPeriod(db(), { tenantId: tenant.id, currency: 'EUR' }, '2026-02-01', '2026-02-28');
        expect(month.receivables.beginning.amountMinor).toBe((await receivablesByFullScan(db(), tenant.id, '2026-01-31')).total);
        expect(month.receivables.ending.amountMinor).toBe((await receivablesByFullScan(db(), tenant.id, '2026-02-28')).total);
      }),
      // A fixed seed (SETTLED_ON_SEED to explore others): the check below needs sequences that reach every operation.
      { numRuns: 40, seed: Number(process.env.SETTLED_ON_SEED ?? 1) },
    );
    // The sequences did reach every way an open balance changes, not only the refusals.
    for (const [kind, n] of Object.entries(happened)) expect(n, kind).toBeGreaterThan(0);
  });
});
