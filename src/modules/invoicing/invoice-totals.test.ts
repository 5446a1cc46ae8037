import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceInvoice, type InvoiceLineInput } from './invoice-totals.js';

const line = (quantity: string, unitPriceMinor: bigint, taxRatePercent: string, discountPercent = '0'): InvoiceLineInput => ({ description: 'x', quantity, unitPriceMinor, taxRatePercent, discountPercent });
const totals = (lines: InvoiceLineInput[], options = {}) => {
  const r = priceInvoice(lines, options);
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.totals;
};

describe('invoice pricing', () => {
  it('rounds tax per line by default (half up) and sums per rate', () => {
    const t = totals([line('1', 1_05n, '19'), line('1', 1_05n, '19'), line('3', 2_450n, '7')]);
    // 1.05 × 19 % = 0.1995 → 0.20 on each line.
    expect(t.lines.map((l) => l.taxMinor)).toEqual([20n, 20n, 515n]);
    expect(t.taxSummary).toEqual([{ taxRatePercent: '19', baseMinor: 210n, taxMinor: 40n }, { taxRatePercent: '7', baseMinor: 7_350n, taxMinor: 515n }]);
  });

  it('rounds once per rate with invoice-level rounding, and the lines still add up', () => {
    const t = totals([line('1', 1_05n, '19'), line('1', 1_05n, '19')], { taxRounding: 'invoice' });
    // 2.10 × 19 % = 0.399 → 0.40 once; spread 20 + 20.
    expect(t.taxMinor).toBe(40n);
    const odd = totals([line('1', 1_03n, '19'), line('1', 1_03n, '19'), line('1', 1_03n, '19')], { taxRounding: 'invoice' });
    // 3.09 × 19 % = 0.5871 → 0.59 (line rounding would give 3 × 0.20 = 0.60).
    expect(odd.taxMinor).toBe(59n);
    expect(odd.lines.reduce((s, l) => s + l.taxMinor, 0n)).toBe(59n);
    expect(totals([line('1', 1_03n, '19'), line('1', 1_03n, '19'), line('1', 1_03n, '19')]).taxMinor).toBe(60n);
  });

  it('takes the tax out of tax-inclusive prices so that the total is what the customer saw', () => {
    const t = totals([line('1', 119_00n, '19'), line('2', 9_99n, '7')], { pricesIncludeTax: true });
    expect(t.totalMinor).toBe(119_00n + 19_98n);
    expect(t.lines[0]).toMatchObject({ netMinor: 100_00n, taxMinor: 19_00n });
    // 19.98 × 7/107 = 1.3071 → 1.31; net 18.67.
    expect(t.lines[1]).toMatchObject({ netMinor: 18_67n, taxMinor: 1_31n });
    const perRate = totals([line('1', 9_99n, '7'), line('1', 9_99n, '7'), line('1', 9_99n, '7')], { pricesIncludeTax: true, taxRounding: 'invoice' });
    expect(perRate.totalMinor).toBe(29_97n);
  });

  it('applies line discounts before tax, rounding once', () => {
    expect(totals([line('100', 200n, '19', '10')])).toMatchObject({ subtotalMinor: 18_000n, taxMinor: 3_420n, totalMinor: 21_420n });
    expect(totals([line('7', 1_234n, '19', '12.5')]).subtotalMinor).toBe(7_558n);
  });

  it('names the faulty fields', () => {
    const r = priceInvoice([line('0', 100n, '19'), line('1.23456', 100n, '19'), line('1', -5n, '19'), line('1', 100n, '101'), line('1', 100n, '19', '150')]);
    expect(r.ok ? [] : r.faults.map((f) => f.pointer)).toEqual(['/lines/0/quantity', '/lines/1/quantity', '/lines/2/unitPriceMinor', '/lines/3/taxRatePercent', '/lines/4/discountPercent']);
  });

  it('always gives total = subtotal + tax = the sum of the lines, for every mode (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ q: fc.constantFrom('1', '2', '0.5', '3.25', '10'), p: fc.bigInt({ min: 0n, max: 10n ** 7n }), r: fc.constantFrom('0', '7', '19', '20', '5.5'), d: fc.constantFrom('0', '10', '2.5') }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom<'line' | 'invoice'>('line', 'invoice'),
        (items, pricesIncludeTax, taxRounding) => {
          const input = items.map((i) => line(i.q, i.p, i.r, i.d));
          const t = totals(input, { pricesIncludeTax, taxRounding });
          expect(t.totalMinor).toBe(t.subtotalMinor + t.taxMinor);
          expect(t.subtotalMinor).toBe(t.lines.reduce((s, l) => s + l.netMinor, 0n));
          expect(t.taxMinor).toBe(t.lines.reduce((s, l) => s + l.taxMinor, 0n));
          for (const l of t.lines) expect(l.taxMinor >= 0n && l.netMinor >= 0n).toBe(true);
          if (pricesIncludeTax) {
            const gross = totals(input.map((l) => ({ ...l, taxRatePercent: '0' }))).totalMinor;
            expect(t.totalMinor).toBe(gross);
          }
        },
      ),
    );
  });
});
