import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { checkCardExpiry, isCardExpired, lastValidDay, maxCardValidityYears } from './card-expiry.js';

describe('card expiry', () => {
  it('is valid through the last day of the expiry month, leap years included', () => {
    expect(lastValidDay({ month: 2, year: 2028 })).toBe('2028-02-29');
    expect(lastValidDay({ month: 2, year: 2027 })).toBe('2027-02-28');
    expect(lastValidDay({ month: 12, year: 2026 })).toBe('2026-12-31');
    expect(isCardExpired({ month: 11, year: 2026 }, '2026-11-30')).toBe(false);
    expect(isCardExpired({ month: 11, year: 2026 }, '2026-12-01')).toBe(true);
  });

  it('never calls a card without a known expiry expired', () => {
    expect(isCardExpired(null, '2099-01-01')).toBe(false);
  });

  const today = '2026-11-29';
  const cases: { name: string; input: { expiryMonth?: number | null; expiryYear?: number | null }; pointers: string[] }[] = [
    { name: 'accepts no expiry at all', input: {}, pointers: [] },
    { name: 'accepts an expiry this month', input: { expiryMonth: 11, expiryYear: 2026 }, pointers: [] },
    { name: 'accepts an expiry some years ahead', input: { expiryMonth: 3, expiryYear: 2030 }, pointers: [] },
    { name: 'refuses a month without a year', input: { expiryMonth: 3 }, pointers: ['/expiryYear'] },
    { name: 'refuses a year without a month', input: { expiryYear: 2030 }, pointers: ['/expiryMonth'] },
    { name: 'refuses month 13', input: { expiryMonth: 13, expiryYear: 2030 }, pointers: ['/expiryMonth'] },
    { name: 'refuses month 0', input: { expiryMonth: 0, expiryYear: 2030 }, pointers: ['/expiryMonth'] },
    { name: 'refuses a two-digit year as printed on the card', input: { expiryMonth: 3, expiryYear: 30 }, pointers: ['/expiryYear'] },
    { name: 'refuses a card that expired last month', input: { expiryMonth: 10, expiryYear: 2026 }, pointers: ['/expiryYear'] },
    { name: 'refuses an implausibly distant expiry', input: { expiryMonth: 1, expiryYear: 2026 + maxCardValidityYears + 1 }, pointers: ['/expiryYear'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(checkCardExpiry(c.input, today).map((f) => f.pointer)).toEqual(c.pointers);
    });
  }

  it('calls a card expired exactly on the days after its last valid day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: -400, max: 400 }), (month, year, offsetDays) => {
        const last = Temporal.PlainDate.from(lastValidDay({ month, year }));
        const asOf = last.add({ days: offsetDays }).toString();
        expect(isCardExpired({ month, year }, asOf)).toBe(offsetDays > 0);
      }),
    );
  });
});
