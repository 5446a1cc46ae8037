import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCashForecast, forecastAccuracy, weeklyTotals } from './forecast.js';

describe('cash forecast', () => {
  it('puts each receipt on its day, overdue ones on the first day, and leaves out what is beyond the horizon', () => {
    const f = buildCashForecast('2026-03-04', [
      { source: 'invoices', expectedOn: '2026-02-20', amountMinor: 100_00n }, // overdue: tomorrow
      { source: 'invoices', expectedOn: '2026-03-10', amountMinor: 250_00n },
      { source: 'autopay', expectedOn: '2026-03-10', amountMinor: 40_00n },
      { source: 'orders', expectedOn: '2026-04-01', amountMinor: 500_00n },
      { source: 'invoices', expectedOn: '2026-09-01', amountMinor: 999_00n }, // beyond 13 weeks
    ]);
    expect(f.days).toHaveLength(91);
    expect(f.days[0]).toEqual({ date: '2026-03-05', invoicesMinor: 100_00n, autopayMinor: 0n, ordersMinor: 0n, totalMinor: 100_00n });
    expect(f.days[5]).toEqual({ date: '2026-03-10', invoicesMinor: 250_00n, autopayMinor: 40_00n, ordersMinor: 0n, totalMinor: 290_00n });
    expect(f.beyondHorizonMinor).toBe(999_00n);
    // Weeks start on Monday: 5–8 March belong to the week of 2 March.
    expect(f.weeks.slice(0, 2)).toEqual([{ weekStart: '2026-03-02', totalMinor: 100_00n }, { weekStart: '2026-03-09', totalMinor: 290_00n }]);
  });

  it('judges only weeks that have passed: MAE, bias and weighted percentage error', () => {
    const forecast = [
      { weekStart: '2026-03-02', totalMinor: 1_000_00n },
      { weekStart: '2026-03-09', totalMinor: 2_000_00n },
      { weekStart: '2026-03-16', totalMinor: 3_000_00n }, // still running on the 20th
    ];
    const actual = [{ date: '2026-03-03', amountMinor: 800_00n }, { date: '2026-03-12', amountMinor: 2_500_00n }, { date: '2026-03-17', amountMinor: 1n }];
    const a = forecastAccuracy(forecast, actual, '2026-03-20');
    expect(a.weeks.map((w) => w.errorMinor)).toEqual([200_00n, -500_00n]);
    expect(a.meanAbsoluteErrorMinor).toBe(350_00n); // (200 + 500) ÷ 2
    expect(a.biasMinor).toBe(-300_00n);
    expect(a.weightedAbsolutePercentError).toBe(21.2); // 700 ÷ 3,300 = 21.21 %
  });

  it('never loses or invents money: the days and the beyond add up to the receipts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ offset: fc.integer({ min: -40, max: 200 }), amount: fc.bigInt({ min: 1n, max: 10_000_000n }), source: fc.constantFrom('invoices' as const, 'autopay' as const, 'orders' as const) }), { maxLength: 50 }), (drawn) => {
        const receipts = drawn.map((d) => ({ source: d.source, amountMinor: d.amount, expectedOn: new Date(Date.UTC(2026, 0, 15 + d.offset)).toISOString().slice(0, 10) }));
        const f = buildCashForecast('2026-01-15', receipts);
        const total = f.days.reduce((s, d) => s + d.totalMinor, 0n) + f.beyondHorizonMinor;
        expect(total).toBe(receipts.reduce((s, r) => s + r.amountMinor, 0n));
        expect(weeklyTotals(f.days.map((d) => ({ date: d.date, amountMinor: d.totalMinor }))).reduce((s, w) => s + w.totalMinor, 0n)).toBe(total - f.beyondHorizonMinor);
      }),
      { numRuns: 200 },
    );
  });
});
