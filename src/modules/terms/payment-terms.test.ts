import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueDate, earlyPaymentDiscount, instalmentSchedule, paymentTermsFaults, type BusinessCalendar, type PaymentTerms } from './payment-terms.js';

const net30: PaymentTerms = { due: { kind: 'net', days: 30 } };
const weekdays = (roll: BusinessCalendar['roll'], holidays: string[] = []): BusinessCalendar => ({ roll, weekend: [6, 7], holidays: new Set(holidays) });

describe('due dates', () => {
  it.each<[string, PaymentTerms, string, string]>([
    ['net 30 across a month end', net30, '2026-01-15', '2026-02-14'],
    ['net 30 across a year end', net30, '2026-12-15', '2027-01-14'],
    ['net 30 over a leap day', net30, '2028-02-15', '2028-03-16'],
    ['net 0', { due: { kind: 'net', days: 0 } }, '2026-03-31', '2026-03-31'],
    ['end of month', { due: { kind: 'end_of_month', days: 0 } }, '2026-02-03', '2026-02-28'],
    ['end of month in a leap year', { due: { kind: 'end_of_month', days: 0 } }, '2028-02-03', '2028-02-29'],
    ['end of month plus 30', { due: { kind: 'end_of_month', days: 30 } }, '2026-01-31', '2026-03-02'],
    ['end of month plus 15 from the 1st', { due: { kind: 'end_of_month', days: 15 } }, '2026-04-01', '2026-05-15'],
    ['10th of the next month', { due: { kind: 'day_of_next_month', day: 10 } }, '2026-01-31', '2026-02-10'],
    ['31st of next month in February', { due: { kind: 'day_of_next_month', day: 31 } }, '2026-01-05', '2026-02-28'],
    ['31st of next month in a leap February', { due: { kind: 'day_of_next_month', day: 31 } }, '2028-01-05', '2028-02-29'],
    ['31st of next month in April', { due: { kind: 'day_of_next_month', day: 31 } }, '2026-03-31', '2026-04-30'],
    ['next month from December', { due: { kind: 'day_of_next_month', day: 15 } }, '2026-12-20', '2027-01-15'],
  ])('%s: %s issued %s is due %s', (_name, terms, issued, expected) => {
    expect(dueDate(terms, issued)).toBe(expected);
  });

  it('rolls a due date on a weekend or holiday by the tenant rule', () => {
    // 2026-02-14 is a Saturday.
    expect(dueDate(net30, '2026-01-15', weekdays('none'))).toBe('2026-02-14');
    expect(dueDate(net30, '2026-01-15', weekdays('following'))).toBe('2026-02-16');
    expect(dueDate(net30, '2026-01-15', weekdays('preceding'))).toBe('2026-02-13');
    // A Monday holiday pushes the following rule on to Tuesday.
    expect(dueDate(net30, '2026-01-15', weekdays('following', ['2026-02-16']))).toBe('2026-02-17');
    // 2026-05-31 is a Sunday: modified following stays in May.
    expect(dueDate({ due: { kind: 'end_of_month', days: 0 } }, '2026-05-04', weekdays('modified_following'))).toBe('2026-05-29');
    expect(dueDate({ due: { kind: 'end_of_month', days: 0 } }, '2026-05-04', weekdays('following'))).toBe('2026-06-01');
  });

  it('never lands on a non-business day when rolling (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 120 }), fc.constantFrom<BusinessCalendar['roll']>('following', 'preceding', 'modified_following'), (offset, days, roll) => {
        const issued = new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);
        const due = dueDate({ due: { kind: 'net', days } }, issued, weekdays(roll, ['2026-12-24', '2026-12-25']));
        const weekday = new Date(`${due}T00:00:00Z`).getUTCDay();
        expect([0, 6]).not.toContain(weekday);
        expect(['2026-12-24', '2026-12-25']).not.toContain(due);
      }),
    );
  });
});

describe('early-payment discount', () => {
  it('gives 2 % within 10 days on 2/10 net 30, rounded down, with its deadline', () => {
    const terms: PaymentTerms = { ...net30, discount: { percent: '2', withinDays: 10 } };
    expect(earlyPaymentDiscount(terms, 119_00n, '2026-03-02')).toEqual({ amountMinor: 238n, deadline: '2026-03-12' });
    expect(earlyPaymentDiscount(terms, 999n, '2026-03-02')?.amountMinor).toBe(19n);
    expect(earlyPaymentDiscount(net30, 999n, '2026-03-02')).toBeUndefined();
  });
});

describe('instalments', () => {
  const thirtyThirtyForty: PaymentTerms = {
    due: { kind: 'net', days: 90 },
    instalments: [
      { percent: 30, due: { kind: 'net', days: 30 } },
      { percent: 30, due: { kind: 'net', days: 60 } },
      { percent: 40, due: { kind: 'net', days: 90 } },
    ],
  };

  it('splits 30/30/40 with dates and amounts that add up to the total', () => {
    expect(instalmentSchedule(thirtyThirtyForty, 1_000_01n, '2026-01-01')).toEqual([
      { dueDate: '2026-01-31', amountMinor: 30_000n },
      { dueDate: '2026-03-02', amountMinor: 30_000n },
      { dueDate: '2026-04-01', amountMinor: 40_001n },
    ]);
  });

  it('adds up to the total to the cent for any amount and split (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), (total, weights) => {
        const sum = weights.reduce((s, w) => s + w, 0);
        const percents = weights.map((w) => Math.floor((w * 100) / sum));
        percents[0] = (percents[0] ?? 0) + 100 - percents.reduce((s, p) => s + p, 0);
        if (percents.some((p) => p <= 0)) return;
        const terms: PaymentTerms = { due: { kind: 'net', days: 30 }, instalments: percents.map((percent, i) => ({ percent, due: { kind: 'net', days: 30 * (i + 1) } })) };
        expect(paymentTermsFaults(terms)).toEqual([]);
        const schedule = instalmentSchedule(terms, total, '2026-01-31');
        expect(schedule.reduce((s, i) => s + i.amountMinor, 0n)).toBe(total);
      }),
    );
  });

  it('names what is wrong with a terms definition', () => {
    expect(paymentTermsFaults({ due: { kind: 'day_of_next_month', day: 32 } })).toEqual(['due: day must be 1 to 31']);
    expect(paymentTermsFaults({ ...thirtyThirtyForty, instalments: thirtyThirtyForty.instalments!.slice(0, 2) })).toEqual(['instalments add up to 60 %, not 100 %']);
    expect(paymentTermsFaults({ ...net30, discount: { percent: 'two', withinDays: 10 } })).toEqual(['discount: percent must be a decimal below 100']);
  });
});
