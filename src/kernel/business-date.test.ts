import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, dateInTimeZone, daysBetween, isValidTimeZone, parseBusinessDate } from './business-date.js';

describe('business dates', () => {
  it('accepts real calendar dates only, as YYYY-MM-DD', () => {
    expect(parseBusinessDate('2024-02-29')?.toString()).toBe('2024-02-29');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-1', '2026-01-01T00:00', '', '2025-02-29']) expect(parseBusinessDate(bad)).toBeUndefined();
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-15', '2026-02-14')).toBe(30);
    expect(daysBetween('2026-02-14', '2026-01-15')).toBe(-30);
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
  });

  it('orders dates as the calendar does, on the text fast path too (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_000 }), fc.integer({ min: 0, max: 400_000 }), (x, y) => {
        const [a, b] = [addDays('1900-01-01', x), addDays('1900-01-01', y)];
        expect(compareDates(a, b)).toBe(Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b)));
      }),
    );
    expect(compareDates('+002026-01-02', '2026-01-01')).toBe(1);
  });

  it('counts back exactly the days it added (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: -2_000, max: 2_000 }), (offset, n) => {
        const start = addDays('2020-01-01', offset);
        expect(daysBetween(start, addDays(start, n))).toBe(n);
      }),
    );
  });

  it("takes today's date in the tenant's time zone, not the server's", () => {
    const instant = Temporal.Instant.from('2026-03-31T23:30:00Z');
    expect(dateInTimeZone(instant, 'Europe/Berlin')).toBe('2026-04-01');
    expect(dateInTimeZone(instant, 'America/New_York')).toBe('2026-03-31');
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
  });
});
