import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, isKnownCurrency, knownCurrencyCodes } from './currency.js';
import {
  addMoney,
  allocateMinor,
  CurrencyMismatchError,
  divideRounded,
  formatDecimal,
  formatMinor,
  money,
  multiplyByDecimal,
  parseDecimal,
  percentOf,
  subtractMoney,
  type RoundingMode,
} from './money.js';

describe('ISO 4217 currencies', () => {
  it('knows the minor-unit exponent of each currency (JPY 0, EUR 2, KWD 3)', () => {
    expect([currencyExponent('JPY'), currencyExponent('EUR'), currencyExponent('KWD'), currencyExponent('BHD'), currencyExponent('CLP')]).toEqual([0, 2, 3, 3, 0]);
  });
  it('rejects codes that are not ISO 4217', () => {
    for (const code of ['XXX', 'EURO', 'eur', '', 'ABC']) expect(isKnownCurrency(code)).toBe(false);
    expect(() => money(1n, 'ABC')).toThrow(RangeError);
    expect(knownCurrencyCodes.length).toBeGreaterThan(150);
    expect([...knownCurrencyCodes].sort()).toEqual(knownCurrencyCodes);
  });
});

describe('money arithmetic', () => {
  it('adds and subtracts within one currency and refuses to mix currencies', () => {
    expect(addMoney(money(150n, 'EUR'), money(50n, 'EUR'))).toEqual({ amountMinor: 200n, currency: 'EUR' });
    expect(subtractMoney(money(150n, 'EUR'), money(200n, 'EUR')).amountMinor).toBe(-50n);
    expect(() => addMoney(money(1n, 'EUR'), money(1n, 'USD'))).toThrow(CurrencyMismatchError);
  });

  it.each<[bigint, bigint, RoundingMode, bigint]>([
    [5n, 2n, 'half_up', 3n],
    [-5n, 2n, 'half_up', -3n],
    [5n, 2n, 'half_even', 2n],
    [7n, 2n, 'half_even', 4n],
    [-7n, 2n, 'half_even', -4n],
    [5n, 2n, 'down', 2n],
    [-5n, 2n, 'down', -2n],
    [1n, 3n, 'up', 1n],
    [-1n, 3n, 'up', -1n],
    [1n, 3n, 'half_up', 0n],
    [2n, 3n, 'half_up', 1n],
    [6n, 3n, 'up', 2n],
  ])('divides %i by %i with %s rounding to %i', (n, d, mode, expected) => {
    expect(divideRounded(n, d, mode)).toBe(expected);
  });

  it('rounds to within one unit of the exact quotient, and exactly when it divides (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.constantFrom<RoundingMode>('half_up', 'half_even', 'down', 'up'), (n, d, mode) => {
        const q = divideRounded(n, d, mode);
        const diff = q * d - n;
        expect(diff < 0n ? -diff : diff).toBeLessThan(d);
        if (n % d === 0n) expect(q).toBe(n / d);
      }),
    );
  });

  it('parses plain decimals only and formats them back', () => {
    expect(parseDecimal('19')).toEqual({ units: 19n, scale: 0 });
    expect(parseDecimal('7.7')).toEqual({ units: 77n, scale: 1 });
    expect(parseDecimal('0.125')).toEqual({ units: 125n, scale: 3 });
    for (const bad of ['-1', '1e3', '1.', '.5', ' 1', 'abc', '1,5', '']) expect(parseDecimal(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const text = formatDecimal({ units, scale });
        const back = parseDecimal(text);
        expect(back && back.units * 10n ** BigInt(scale - back.scale)).toBe(units);
      }),
    );
  });

  it('computes tax and line amounts with the named rounding', () => {
    expect(percentOf(1_999n, parseDecimal('19')!, 'half_up')).toBe(380n);
    expect(percentOf(1_000n, parseDecimal('7.7')!, 'half_up')).toBe(77n);
    expect(multiplyByDecimal(999n, parseDecimal('2.5')!, 'half_up')).toBe(2_498n);
    expect(multiplyByDecimal(999n, parseDecimal('2.5')!, 'half_even')).toBe(2_498n);
    expect(multiplyByDecimal(999n, parseDecimal('2.5')!, 'down')).toBe(2_497n);
  });

  it('formats minor units in the currency exponent', () => {
    expect(formatMinor(-1_230n, 'EUR')).toBe('-12.30');
    expect(formatMinor(1_230n, 'JPY')).toBe('1230');
    expect(formatMinor(5n, 'KWD')).toBe('0.005');
  });
});

describe('allocation without losing a cent', () => {
  it('splits 100 cents over three equal parts as 34, 33, 33', () => {
    expect(allocateMinor(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateMinor(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(allocateMinor(10n, [0n, 0n])).toEqual([5n, 5n]);
    expect(allocateMinor(1_000n, [30n, 30n, 40n])).toEqual([300n, 300n, 400n]);
    expect(() => allocateMinor(1n, [])).toThrow(RangeError);
    expect(() => allocateMinor(1n, [1n, -1n])).toThrow(RangeError);
  });

  it('always sums to the total, keeps each part within one unit of its exact share and is deterministic (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocateMinor(total, weights);
          expect(parts.reduce((s, p) => s + p, 0n)).toBe(total);
          expect(allocateMinor(total, weights)).toEqual(parts);
          const sum = weights.reduce((s, w) => s + w, 0n);
          if (sum > 0n) {
            parts.forEach((p, i) => {
              const exactTimesSum = total * (weights[i] ?? 0n);
              const diff = p * sum - exactTimesSum;
              expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
            });
          }
        },
      ),
    );
  });
});
