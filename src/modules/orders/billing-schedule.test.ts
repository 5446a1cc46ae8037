import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { milestoneAmounts, milestoneFaults, milestonesDue, recurrenceComplete, recurringPeriodsDue, type Milestone } from './billing-schedule.js';

const milestones: Milestone[] = [
  { key: 'design', label: 'Design', date: '2026-02-01', percent: 30 },
  { key: 'build', label: 'Build', date: '2026-04-01', percent: 30 },
  { key: 'handover', label: 'Handover', date: '2026-06-30', percent: 40 },
];

describe('milestone billing', () => {
  it('accepts milestones adding up to 100 % with unique keys, and names every fault otherwise', () => {
    expect(milestoneFaults(milestones)).toEqual([]);
    expect(milestoneFaults([{ ...milestones[0]!, percent: 50 }])).toEqual(['milestone percentages add up to 50, not 100']);
    expect(milestoneFaults([...milestones, { ...milestones[0]! }])).toContain('milestone keys must be unique');
    expect(milestoneFaults([])).toContain('at least one milestone');
  });

  it('bills a milestone on its date or later, and never one already billed', () => {
    expect(milestonesDue(milestones, '2026-01-31', new Set()).map((m) => m.key)).toEqual([]);
    expect(milestonesDue(milestones, '2026-02-01', new Set()).map((m) => m.key)).toEqual(['design']);
    expect(milestonesDue(milestones, '2026-07-01', new Set(['milestone:design'])).map((m) => m.key)).toEqual(['build', 'handover']);
  });

  it('splits a net amount over milestones without losing a cent', () => {
    expect([...milestoneAmounts(10_001n, milestones).values()]).toEqual([3_000n, 3_000n, 4_001n]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (net) => {
        const parts = [...milestoneAmounts(net, milestones).values()];
        expect(parts.reduce((s, p) => s + p, 0n)).toBe(net);
      }),
    );
  });
});

describe('recurring billing periods', () => {
  it('bills each month from the start date, catching up missed days, and not beyond the end date', () => {
    const monthly = { interval: 'monthly' as const, startDate: '2026-01-15', endDate: '2026-04-30' };
    expect(recurringPeriodsDue(monthly, '2026-01-14', new Set())).toEqual([]);
    expect(recurringPeriodsDue(monthly, '2026-01-15', new Set())).toEqual([{ key: 'period:2026-01-15', start: '2026-01-15', end: '2026-02-14' }]);
    expect(recurringPeriodsDue(monthly, '2026-03-20', new Set(['period:2026-01-15'])).map((p) => p.start)).toEqual(['2026-02-15', '2026-03-15']);
    expect(recurringPeriodsDue(monthly, '2027-01-01', new Set()).map((p) => p.start)).toEqual(['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15']);
  });

  it('anchors month ends on the start date, so 31 January bills on 28 February and again on 31 March', () => {
    const fromMonthEnd = { interval: 'monthly' as const, startDate: '2026-01-31', endDate: null };
    expect(recurringPeriodsDue(fromMonthEnd, '2026-04-30', new Set())).toEqual([
      { key: 'period:2026-01-31', start: '2026-01-31', end: '2026-02-27' },
      { key: 'period:2026-02-28', start: '2026-02-28', end: '2026-03-30' },
      { key: 'period:2026-03-31', start: '2026-03-31', end: '2026-04-29' },
      { key: 'period:2026-04-30', start: '2026-04-30', end: '2026-05-30' },
    ]);
  });

  it('bills quarterly every three months, leap day included', () => {
    const quarterly = { interval: 'quarterly' as const, startDate: '2027-11-29', endDate: null };
    expect(recurringPeriodsDue(quarterly, '2028-12-31', new Set()).map((p) => p.start)).toEqual(['2027-11-29', '2028-02-29', '2028-05-29', '2028-08-29', '2028-11-29']);
  });

  it('is complete only when every period up to the end date is billed', () => {
    const contract = { interval: 'monthly' as const, startDate: '2026-01-01', endDate: '2026-03-31' };
    expect(recurrenceComplete(contract, new Set(['period:2026-01-01', 'period:2026-02-01']))).toBe(false);
    expect(recurrenceComplete(contract, new Set(['period:2026-01-01', 'period:2026-02-01', 'period:2026-03-01']))).toBe(true);
    expect(recurrenceComplete({ ...contract, endDate: null }, new Set(['period:2026-01-01']))).toBe(false);
  });

  it('never returns a period twice however the runs are split (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 1, maxLength: 10 }), (offsets) => {
        const contract = { interval: 'monthly' as const, startDate: '2026-01-31', endDate: '2027-12-31' };
        const billed = new Set<string>();
        const days = [...offsets].sort((a, b) => a - b).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
        for (const day of days) for (const p of recurringPeriodsDue(contract, day, billed)) {
          expect(billed.has(p.key)).toBe(false);
          billed.add(p.key);
        }
        const all = recurringPeriodsDue(contract, days.at(-1)!, new Set()).map((p) => p.key);
        expect([...billed].sort()).toEqual([...all].sort());
      }),
    );
  });
});
