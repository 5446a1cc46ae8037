import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noRolling, type BusinessCalendar, type PaymentTerms } from '../terms/payment-terms.js';
import {
  bookingRateKey,
  chunked,
  issueTerms,
  planDraftIssues,
  planNewInvoices,
  priceBillingRunInputs,
  type BillingCustomer,
  type BillingRunInvoiceInput,
  type BookingRates,
  type DueDateMemo,
} from './billing-run.js';
import { isValidCreditorReference } from './creditor-reference.js';

const rules = { taxRounding: 'line' as const, pricesIncludeTax: false };
const customer = (id: string, extra: Partial<BillingCustomer> = {}): BillingCustomer => ({ id, currency: 'EUR', paymentTermsId: null, paymentTermsDays: 30, archived: false, ...extra });
const eurOnly: BookingRates = new Map([[bookingRateKey('EUR', undefined), { rate: null }]]);
const line = { description: 'Licence', quantity: '2', unitPriceMinor: 10_000, taxRatePercent: '19' };
const numbers = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `INV-${String(from + i).padStart(6, '0')}`);
let counter = 0;
const nextId = () => `00000000-0000-7000-8000-${String(++counter).padStart(12, '0')}`;

describe('pricing the invoices of a billing run', () => {
  it('refuses every faulty invoice with a pointer into the run, and prices nothing then', () => {
    const customers = new Map([
      ['a', customer('a')],
      ['gone', customer('gone', { archived: true })],
      ['usd', customer('usd', { currency: 'USD' })],
    ]);
    const rates: BookingRates = new Map([...eurOnly, [bookingRateKey('USD', undefined), { fault: 'no exchange rate from USD to EUR on or before 2026-03-06' }]]);
    const inputs: BillingRunInvoiceInput[] = [
      { customerId: 'a', lines: [line] },
      { customerId: 'nobody', lines: [line] },
      { customerId: 'gone', lines: [line] },
      { customerId: 'a', lines: [{ ...line, quantity: '1.23456' }] },
      { customerId: 'a', lines: [{ ...line, unitPriceMinor: 0 }] },
      { customerId: 'a', paymentTermsId: 'unknown', lines: [line] },
      { customerId: 'usd', lines: [line] },
    ];
    const priced = priceBillingRunInputs(inputs, customers, new Map(), rules, rates);
    expect(priced.ok).toBe(false);
    if (priced.ok) return;
    expect(priced.faults.map((f) => f.pointer)).toEqual([
      '/invoices/1/customerId',
      '/invoices/2/customerId',
      '/invoices/3/lines/0/quantity',
      '/invoices/4/lines',
      '/invoices/5/paymentTermsId',
      '/invoices/6/exchangeRate',
    ]);
  });

  it('takes terms as a draft does: named terms given, else the customer\'s named terms unless net days are given, else net days', () => {
    const skonto: PaymentTerms = { due: { kind: 'net', days: 30 }, discount: { percent: '2', withinDays: 10 } };
    const eom: PaymentTerms = { due: { kind: 'end_of_month', days: 0 } };
    const customers = new Map([['a', customer('a', { paymentTermsId: 'skonto', paymentTermsDays: 14 })]]);
    const priced = priceBillingRunInputs(
      [
        { customerId: 'a', lines: [line] },
        { customerId: 'a', lines: [line], paymentTermsId: 'eom' },
        { customerId: 'a', lines: [line], paymentTermsDays: 45 },
      ],
      customers,
      new Map([
        ['skonto', skonto],
        ['eom', eom],
      ]),
      rules,
      eurOnly,
    );
    expect(priced.ok && priced.priced.map((p) => p.terms)).toEqual([skonto, eom, { due: { kind: 'net', days: 45 } }]);
  });
});

describe('planning a chunk', () => {
  const arbitraryInput = fc.record({
    customer: fc.constantFrom('a', 'b'),
    lines: fc.array(
      fc.record({
        description: fc.constant('Item'),
        quantity: fc.integer({ min: 1, max: 40_000 }).map((q) => (q / 4).toString()),
        unitPriceMinor: fc.integer({ min: 1, max: 10_000_000 }),
        taxRatePercent: fc.constantFrom('0', '7', '19', '7.7'),
        discountPercent: fc.constantFrom(undefined, '0', '10', '12.5'),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    pricesIncludeTax: fc.boolean(),
  });

  it('gives every invoice its number in order, an RF reference of that number, totals of its lines and a balanced journal entry', () => {
    const customers = new Map([
      ['a', customer('a')],
      ['b', customer('b', { paymentTermsDays: 14 })],
    ]);
    fc.assert(
      fc.property(fc.array(arbitraryInput, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 999_000 }), (drawn, first) => {
        const inputs = drawn.map((d) => ({ customerId: d.customer, lines: d.lines, pricesIncludeTax: d.pricesIncludeTax }));
        const priced = priceBillingRunInputs(inputs, customers, new Map(), rules, eurOnly);
        if (!priced.ok) throw new Error(JSON.stringify(priced.faults));
        const ids = priced.priced.map(() => nextId());
        const plan = planNewInvoices('tenant', priced.priced, ids, numbers(ids.length, first), '2026-03-06', noRolling, nextId);
        plan.invoices.forEach((invoice, i) => {
          expect(invoice.number).toBe(numbers(1, first + i)[0]);
          expect(isValidCreditorReference(invoice.creditorReference)).toBe(true);
          expect(invoice.creditorReference.endsWith(String(first + i).padStart(6, '0'))).toBe(true);
          const own = plan.lines.filter((l) => l.invoiceId === invoice.id);
          expect(own.map((l) => l.position)).toEqual(drawn[i]?.lines.map((_, p) => p));
          expect(own.reduce((s, l) => s + l.netMinor, 0n)).toBe(invoice.subtotalMinor);
          expect(own.reduce((s, l) => s + l.taxMinor, 0n)).toBe(invoice.taxMinor);
          expect(invoice.totalMinor).toBe(invoice.subtotalMinor + invoice.taxMinor);
          expect(invoice.openMinor).toBe(invoice.totalMinor);
          const posting = plan.postings[i];
          expect(posting?.sourceId).toBe(invoice.id);
          const debits = posting?.lines.reduce((s, l) => s + (l.debitMinor ?? 0n), 0n);
          const credits = posting?.lines.reduce((s, l) => s + (l.creditMinor ?? 0n), 0n);
          expect(debits).toBe(invoice.totalMinor);
          expect(credits).toBe(invoice.totalMinor);
        });
      }),
    );
  });

  it('works out the same terms with the chunk\'s memo of due dates as without it, weekends and holidays rolled', () => {
    const calendar: BusinessCalendar = { roll: 'modified_following', weekend: [6, 7], holidays: new Set(['2026-04-06', '2026-12-25']) };
    const arbitraryTerms: fc.Arbitrary<PaymentTerms> = fc.oneof(
      fc.integer({ min: 0, max: 120 }).map((days) => ({ due: { kind: 'net' as const, days } })),
      fc.integer({ min: 0, max: 60 }).map((days) => ({ due: { kind: 'end_of_month' as const, days }, discount: { percent: '2', withinDays: 10 } })),
      fc.integer({ min: 1, max: 31 }).map((day) => ({ due: { kind: 'day_of_next_month' as const, day }, instalments: [{ percent: 50, due: { kind: 'net' as const, days: 30 } }, { percent: 50, due: { kind: 'net' as const, days: 60 } }] })),
    );
    const memo: DueDateMemo = new Map();
    fc.assert(
      fc.property(arbitraryTerms, fc.bigInt({ min: 1n, max: 10_000_000n }), (terms, total) => {
        expect(issueTerms(terms, total, 'INV-000042', '2026-03-06', calendar, memo)).toEqual(issueTerms(terms, total, 'INV-000042', '2026-03-06', calendar));
      }),
    );
  });

  it('books drafts at the rates given, one number each in order', () => {
    const drafts = [
      { id: 'd1', customerId: 'a', currency: 'USD', subtotalMinor: 1_000n, taxMinor: 190n, totalMinor: 1_190n, status: 'draft', paymentTerms: null, paymentTermsDays: 10 },
      { id: 'd2', customerId: 'b', currency: 'EUR', subtotalMinor: 500n, taxMinor: 0n, totalMinor: 500n, status: 'draft', paymentTerms: { due: { kind: 'net', days: 30 } }, paymentTermsDays: 0 },
    ];
    const plan = planDraftIssues(drafts, numbers(2, 7), ['0.92', null], '2026-03-06', noRolling);
    expect(plan.updates.map((u) => [u.id, u.number, u.dueDate, u.paymentTermsDays, u.exchangeRate])).toEqual([
      ['d1', 'INV-000007', '2026-03-16', 10, '0.92'],
      ['d2', 'INV-000008', '2026-04-05', 30, null],
    ]);
    expect(plan.postings.map((p) => p.exchangeRate)).toEqual(['0.92', null]);
    expect(() => planDraftIssues(drafts, numbers(1), ['0.92', null], '2026-03-06', noRolling)).toThrow(RangeError);
  });
});

describe('chunks', () => {
  it('keeps every item once and in order, no chunk above the size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 50 }), (items, size) => {
        const chunks = chunked(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.every((c) => c.length >= 1 && c.length <= size)).toBe(true);
      }),
    );
  });
});
