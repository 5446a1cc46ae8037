import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planApplication, type LineToApply, type LockedInvoice } from './application-plan.js';

const invoice = (id: string, openMinor: bigint, extra: Partial<LockedInvoice> = {}): LockedInvoice => ({
  id, customerId: 'acme', kind: 'invoice', status: 'open', currency: 'EUR', openMinor, number: `INV-${id}`, ...extra,
});
const line = (lineId: string, amountMinor: bigint, allocations: Array<[string, bigint]>, extra: Partial<LineToApply> = {}): LineToApply => ({
  lineId, amountMinor, currency: 'EUR', customerId: 'acme', allocations: allocations.map(([invoiceId, a]) => ({ invoiceId, amountMinor: a })), adjustments: [], ...extra,
});

describe('planning a batch of applications against the locked invoices', () => {
  it('accepts lines in order with running balances and refuses the one that would over-settle', () => {
    const invoices = new Map([['a', invoice('a', 100_00n)], ['b', invoice('b', 50_00n)]]);
    const plan = planApplication([line('1', 60_00n, [['a', 60_00n]]), line('2', 50_00n, [['a', 40_00n], ['b', 10_00n]]), line('3', 1_00n, [['a', 1_00n]])], invoices);
    expect(plan.accepted.map((p) => p.line.lineId)).toEqual(['1', '2']);
    expect(plan.accepted[1]?.allocations).toEqual([{ invoiceId: 'a', amountMinor: 40_00n, openAfterMinor: 0n }, { invoiceId: 'b', amountMinor: 10_00n, openAfterMinor: 40_00n }]);
    expect(plan.refused).toEqual([{ lineId: '3', reason: 'invoice INV-a has 0 open now; cannot settle 100' }]);
    expect(plan.openAfter).toEqual(new Map([['a', 0n], ['b', 40_00n]]));
  });

  it('counts a discount taken against the same invoice as the allocation', () => {
    const invoices = new Map([['a', invoice('a', 100_00n)]]);
    const plan = planApplication([line('1', 98_00n, [['a', 98_00n]], { adjustments: [{ kind: 'early_payment_discount', invoiceId: 'a', amountMinor: 2_00n }] })], invoices);
    expect(plan.openAfter.get('a')).toBe(0n);
    const tooMuch = planApplication([line('1', 98_00n, [['a', 98_00n]], { adjustments: [{ kind: 'bank_charges', invoiceId: 'a', amountMinor: 3_00n }] })], invoices);
    expect(tooMuch.refused[0]?.reason).toContain('cannot settle 10100');
  });

  it('refuses another customer\'s invoice, another currency, a settled or credit document, and allocations above the amount', () => {
    const invoices = new Map([
      ['other', invoice('other', 10_00n, { customerId: 'globex' })],
      ['usd', invoice('usd', 10_00n, { currency: 'USD' })],
      ['paid', invoice('paid', 0n, { status: 'paid' })],
      ['cn', invoice('cn', 10_00n, { kind: 'credit_note' })],
      ['ok', invoice('ok', 10_00n)],
    ]);
    const plan = planApplication(
      [line('1', 10_00n, [['other', 10_00n]]), line('2', 10_00n, [['usd', 10_00n]]), line('3', 10_00n, [['paid', 1n]]), line('4', 10_00n, [['cn', 10_00n]]), line('5', 5_00n, [['ok', 6_00n]]), line('6', 10_00n, [['missing', 1n]]), line('7', 20_00n, [['ok', 5_00n], ['ok', 5_00n]])],
      invoices,
    );
    expect(plan.accepted).toEqual([]);
    expect(plan.refused.map((r) => r.reason)).toEqual([
      'no invoice other for this customer',
      'invoice INV-usd is in USD, the payment in EUR',
      'invoice INV-paid is paid',
      'INV-cn is a credit note, not an invoice',
      'allocations total 600, the line brought 500',
      'no invoice missing for this customer',
      'the same invoice appears twice',
    ]);
  });

  it('never settles an invoice below zero nor a line beyond its amount, whatever the batch (property)', () => {
    const ids = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.record({ amount: fc.bigInt({ min: 1n, max: 10_000n }), parts: fc.array(fc.tuple(fc.constantFrom(...ids), fc.bigInt({ min: 1n, max: 5_000n })), { maxLength: 3 }) }), { maxLength: 30 }),
        (opens, lines) => {
          const invoices = new Map(ids.map((id, i) => [id, invoice(id, opens[i] as bigint)]));
          const plan = planApplication(lines.map((l, i) => line(String(i), l.amount, l.parts)), invoices);
          expect(plan.accepted.length + plan.refused.length).toBe(lines.length);
          const taken = new Map<string, bigint>();
          for (const p of plan.accepted) {
            expect(p.allocations.reduce((s, a) => s + a.amountMinor, 0n) <= p.line.amountMinor).toBe(true);
            for (const a of p.allocations) taken.set(a.invoiceId, (taken.get(a.invoiceId) ?? 0n) + a.amountMinor);
          }
          for (const [id, open] of plan.openAfter) {
            expect(open >= 0n).toBe(true);
            expect(open).toBe((invoices.get(id)?.openMinor ?? 0n) - (taken.get(id) ?? 0n));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
