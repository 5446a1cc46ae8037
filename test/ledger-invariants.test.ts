import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, toBigInt, type DatabaseHandle } from '../src/db/connection.js';
import { sql } from 'drizzle-orm';
import { createCustomer } from '../src/modules/customers/service.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { createDraftInvoice, creditInvoice, issueInvoice, voidInvoice } from '../src/modules/invoicing/service.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import { saveExchangeRate } from '../src/modules/ledger/store.js';
import { parseExchangeRate, toBaseMinor } from '../src/modules/ledger/exchange.js';
import { allocatePayment, recordPayment } from '../src/modules/payments/service.js';
import { agingReport, cachedOpenBalances, reconcileSubLedgers } from '../src/modules/reporting/service.js';
import { openTenant } from '../src/tenancy.js';
import { openTestDatabase } from './support/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

type Op =
  | { kind: 'customer'; currency: 'EUR' | 'JPY' | 'USD' }
  | { kind: 'invoice'; customer: number; lines: { quantity: string; price: number; rate: string }[]; day: number }
  | { kind: 'payment'; customer: number; amount: number; day: number; allocate: { invoice: number; amount: number }[] }
  | { kind: 'allocate'; payment: number; invoice: number; amount: number; day: number }
  | { kind: 'void'; invoice: number; day: number }
  | { kind: 'credit'; invoice: number; amount: number; day: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('customer' as const), currency: fc.constantFrom('EUR' as const, 'JPY' as const, 'USD' as const) }),
  fc.record({
    kind: fc.constant('invoice' as const),
    customer: fc.nat(5),
    lines: fc.array(fc.record({ quantity: fc.constantFrom('1', '2', '0.5', '3.25'), price: fc.integer({ min: 0, max: 50_000 }), rate: fc.constantFrom('0', '7', '19', '20') }), { minLength: 1, maxLength: 3 }),
    day: fc.nat(200),
  }),
  fc.record({
    kind: fc.constant('payment' as const),
    customer: fc.nat(5),
    amount: fc.integer({ min: 1, max: 80_000 }),
    day: fc.nat(250),
    allocate: fc.array(fc.record({ invoice: fc.nat(20), amount: fc.integer({ min: 1, max: 60_000 }) }), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('allocate' as const), payment: fc.nat(10), invoice: fc.nat(20), amount: fc.integer({ min: 1, max: 60_000 }), day: fc.nat(300) }),
  fc.record({ kind: fc.constant('void' as const), invoice: fc.nat(20), day: fc.nat(300) }),
  fc.record({ kind: fc.constant('credit' as const), invoice: fc.nat(20), amount: fc.integer({ min: 1, max: 30_000 }), day: fc.nat(300) }),
);

const dayOf = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** The rates the property's tenant books JPY and USD at: they move, so payments realise exchange differences. */
const exchangeRates = [
  { currency: 'JPY', rateDate: '2025-12-01', rate: '0.00612' },
  { currency: 'JPY', rateDate: '2026-03-01', rate: '0.005873' },
  { currency: 'JPY', rateDate: '2026-06-01', rate: '0.0063455' },
  { currency: 'USD', rateDate: '2025-12-01', rate: '0.9213' },
  { currency: 'USD', rateDate: '2026-02-15', rate: '0.88765' },
  { currency: 'USD', rateDate: '2026-07-01', rate: '0.9402' },
];

/**
 * The ledger is kept in the base currency too: every entry balances there, and the receivable and unapplied cash of
 * each customer are worth exactly their open items at the rates those items were booked at (partial settlements are
 * converted cumulatively, so no stray minor unit is ever left behind).
 */
async function checkBaseCurrencyBooks(tenant: { id: string; baseCurrency: string }) {
  const db = database.db;
  const tb = await trialBalance(db, tenant.id, '2099-12-31');
  expect(tb.baseTotals.debitMinor).toBe(tb.baseTotals.creditMinor);
  const documents = await queryRows<Record<string, unknown>>(
    db,
    sql`select customer_id::text as customer, kind, currency, exchange_rate::text as rate, total_minor::text as total, open_minor::text as open
          from invoices where tenant_id = ${tenant.id} and status <> 'draft' and kind in ('invoice', 'credit_note')`,
  );
  const cash = await queryRows<Record<string, unknown>>(
    db,
    sql`select customer_id::text as customer, currency, exchange_rate::text as rate, amount_minor::text as amount, unapplied_minor::text as unapplied
          from payments where tenant_id = ${tenant.id}`,
  );
  const ledger = await queryRows<Record<string, unknown>>(
    db,
    sql`select l.customer_id::text as customer, a.purpose, sum(l.base_debit_minor - l.base_credit_minor)::text as net
          from journal_lines l join accounts a on a.id = l.account_id
         where l.tenant_id = ${tenant.id} and a.purpose in ('accounts_receivable', 'unapplied_cash') group by 1, 2`,
  );
  const expected = new Map<string, bigint>();
  const add = (key: string, amount: bigint) => expected.set(key, (expected.get(key) ?? 0n) + amount);
  const conv = (amount: bigint, currency: string, rate: unknown) =>
    currency === tenant.baseCurrency ? amount : toBaseMinor(amount, currency, tenant.baseCurrency, parseExchangeRate(String(rate))!);
  for (const d of documents) {
    const total = toBigInt(d.total);
    const open = toBigInt(d.open);
    const currency = String(d.currency);
    if (currency !== tenant.baseCurrency) expect(d.rate, 'a foreign-currency document records its rate').not.toBeNull();
    if (d.kind === 'invoice') add(`${String(d.customer)}|accounts_receivable`, conv(total, currency, d.rate) - conv(total - open, currency, d.rate));
    else add(`${String(d.customer)}|accounts_receivable`, -conv(open, currency, d.rate));
  }
  for (const p of cash) {
    const amount = toBigInt(p.amount);
    add(`${String(p.customer)}|unapplied_cash`, -(conv(amount, String(p.currency), p.rate) - conv(amount - toBigInt(p.unapplied), String(p.currency), p.rate)));
  }
  const actual = new Map(ledger.map((r) => [`${String(r.customer)}|${String(r.purpose)}`, toBigInt(r.net)]));
  for (const key of new Set([...expected.keys(), ...actual.keys()])) expect(actual.get(key) ?? 0n, key).toBe(expected.get(key) ?? 0n);
}

async function checkInvariants(tenant: { id: string; baseCurrency: string }, dates: string[]) {
  const db = database.db;
  const tb = await trialBalance(db, tenant.id, '2099-12-31');
  for (const t of tb.totals) expect(t.debitMinor).toBe(t.creditMinor);
  await checkBaseCurrencyBooks(tenant);
  for (const asOf of [...dates, '2099-12-31']) expect(await reconcileSubLedgers(db, tenant, asOf)).toEqual([]);
  const invoiceRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select i.open_minor::text as open, i.total_minor::text as total, i.status, i.kind,
               coalesce((select sum(amount_minor) from allocations a where a.invoice_id = i.id), 0)::text as applied,
               coalesce((select sum(amount_minor) from allocations a where a.credit_note_id = i.id), 0)::text as used
          from invoices i where i.tenant_id = ${tenant.id} and i.status <> 'draft'`,
  );
  for (const r of invoiceRows) {
    expect(toBigInt(r.open) >= 0n).toBe(true);
    const consumed = r.kind === 'invoice' ? toBigInt(r.applied) : toBigInt(r.used);
    expect(toBigInt(r.open)).toBe(toBigInt(r.total) - consumed);
  }
  const paymentRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.unapplied_minor::text as unapplied, p.amount_minor::text as amount,
               coalesce((select sum(amount_minor) from allocations a where a.payment_id = p.id), 0)::text as applied
          from payments p where p.tenant_id = ${tenant.id}`,
  );
  for (const r of paymentRows) expect(toBigInt(r.unapplied)).toBe(toBigInt(r.amount) - toBigInt(r.applied));
  const aging = await agingReport(db, tenant, '2099-12-31');
  for (const line of aging.customers) expect(line.bucketsMinor.reduce((s, b) => s + b, 0n)).toBe(line.openInvoicesMinor);
  const cached = await cachedOpenBalances(db, tenant.id);
  for (const c of cached) {
    const line = aging.customers.find((l) => l.customerId === c.customerId && l.currency === c.currency);
    expect(c.openMinor).toBe((line?.openInvoicesMinor ?? 0n) - (line?.unappliedCreditsMinor ?? 0n));
  }
}

describe('ledger invariants under random sequences of issue, pay, allocate, credit and void', () => {
  it('keeps debits equal to credits, the control accounts equal to the open items on every date, and no balance negative', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 3, maxLength: 16 }), async (ops) => {
        const tenant = await openTenant(database.db, { name: `Property ${run++}`, baseCurrency: 'EUR', timeZone: 'UTC' });
        const actor: Actor = { tenantId: tenant.id, role: 'admin', label: 'test' };
        for (const rate of exchangeRates) expect((await saveExchangeRate(database.db, actor, rate)).ok).toBe(true);
        const customers: { id: string; currency: string }[] = [];
        const invoices: { id: string; customerId: string }[] = [];
        const payments: string[] = [];
        const dates = new Set<string>();
        const first = await createCustomer(database.db, actor, { name: 'Seed', currency: 'EUR', paymentTermsDays: 30 });
        if (first.ok) customers.push({ id: first.value.id, currency: 'EUR' });
        for (const op of ops) {
          if (op.kind === 'customer') {
            const r = await createCustomer(database.db, actor, { name: `C${customers.length}`, currency: op.currency, paymentTermsDays: 14 });
            if (r.ok) customers.push({ id: r.value.id, currency: op.currency });
          } else if (op.kind === 'invoice') {
            const customer = customers[op.customer % customers.length]!;
            const draft = await createDraftInvoice(database.db, actor, {
              customerId: customer.id,
              lines: op.lines.map((l) => ({ description: 'x', quantity: l.quantity, unitPriceMinor: l.price, taxRatePercent: l.rate })),
            });
            if (!draft.ok) continue;
            const issued = await issueInvoice(database.db, actor, draft.value.id, dayOf(op.day));
            if (issued.ok) {
              invoices.push({ id: issued.value.id, customerId: customer.id });
              dates.add(dayOf(op.day));
            }
          } else if (op.kind === 'payment') {
            const customer = customers[op.customer % customers.length]!;
            const targets = invoices.filter((i) => i.customerId === customer.id);
            const allocations = targets.length === 0 ? [] : [...new Map(op.allocate.map((a) => [targets[a.invoice % targets.length]!.id, a.amount])).entries()].map(([invoiceId, amountMinor]) => ({ invoiceId, amountMinor }));
            const r = await recordPayment(database.db, actor, { customerId: customer.id, method: 'bank_transfer', amountMinor: op.amount, currency: customer.currency, valueDate: dayOf(op.day), allocations });
            if (r.ok) {
              payments.push(r.value.id);
              dates.add(dayOf(op.day));
            }
          } else if (op.kind === 'allocate' && payments.length > 0 && invoices.length > 0) {
            const invoice = invoices[op.invoice % invoices.length]!;
            await allocatePayment(database.db, actor, payments[op.payment % payments.length]!, { allocations: [{ invoiceId: invoice.id, amountMinor: op.amount }], appliedOn: dayOf(op.day) });
            dates.add(dayOf(op.day));
          } else if (op.kind === 'void' && invoices.length > 0) {
            await voidInvoice(database.db, actor, invoices[op.invoice % invoices.length]!.id, { reason: 'property', voidDate: dayOf(op.day) });
          } else if (op.kind === 'credit' && invoices.length > 0) {
            await creditInvoice(database.db, actor, invoices[op.invoice % invoices.length]!.id, { reason: 'property', issueDate: dayOf(op.day), lines: [{ description: 'credit', quantity: '1', unitPriceMinor: op.amount, taxRatePercent: '0' }] });
          }
        }
        await checkInvariants(tenant, [...dates].sort().slice(0, 4));
      }),
      { numRuns: 30 },
    );
  });
});
