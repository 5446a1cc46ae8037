import { describe, expect, it } from 'vitest';
import { euStatutoryPolicy, lateFeeCharges, overdueAmountSteps, ukStatutoryPolicy, type LateFeePolicy, type OverdueInvoice } from './late-fee.js';

const invoice = (openFrom: [string, bigint][], alreadyChargedMinor = 0n): OverdueInvoice => ({ dueDate: '2026-01-31', openFrom, alreadyChargedMinor });
const base: Omit<LateFeePolicy, 'kind'> = { graceDays: 0, minimumMinor: 1n, capMinor: null, waived: false };

describe('late fees', () => {
  it('charges a flat fee once, after the grace days', () => {
    const policy: LateFeePolicy = { ...base, kind: 'flat', flatMinor: 15_00n, graceDays: 5 };
    const open = invoice([['2026-01-01', 1_000_00n]]);
    expect(lateFeeCharges(policy, open, '2026-02-05', new Set())).toEqual([]);
    expect(lateFeeCharges(policy, open, '2026-02-06', new Set())).toMatchObject([{ periodKey: 'flat', amountMinor: 15_00n }]);
    expect(lateFeeCharges(policy, open, '2026-03-01', new Set(['flat']))).toEqual([]);
  });

  it('charges a percentage of the overdue amount once', () => {
    const policy: LateFeePolicy = { ...base, kind: 'percent', percent: '1.5' };
    expect(lateFeeCharges(policy, invoice([['2026-01-01', 1_234_56n]]), '2026-02-01', new Set())).toMatchObject([{ amountMinor: 18_52n }]);
  });

  it('accrues interest daily on each day\'s open amount, actual/365 and actual/360, per calendar month', () => {
    // 10,000.00 overdue from 1 February; 6,000.00 paid on 15 February. 12 % a year.
    const open = invoice([
      ['2026-01-01', 10_000_00n],
      ['2026-02-15', 4_000_00n],
    ]);
    const policy: LateFeePolicy = { ...base, kind: 'interest', percent: '12', dayCount: 'actual_365' };
    // February: 14 days × 10,000 + 14 days × 4,000 = 196,000 day-euros × 12 % / 365 = 64.44
    expect(lateFeeCharges(policy, open, '2026-03-01', new Set())).toMatchObject([{ periodKey: 'interest:2026-02', amountMinor: 64_44n }]);
    expect(lateFeeCharges({ ...policy, dayCount: 'actual_360' }, open, '2026-03-01', new Set())).toMatchObject([{ amountMinor: 65_33n }]);
    // Before the month is over nothing is charged; after two months both are, the charged one is not repeated.
    expect(lateFeeCharges(policy, open, '2026-02-28', new Set())).toEqual([]);
    expect(lateFeeCharges(policy, open, '2026-04-02', new Set(['interest:2026-02'])).map((c) => c.periodKey)).toEqual(['interest:2026-03']);
  });

  it('skips charges under the minimum, stops at the cap, and charges nothing when waived or paid', () => {
    const policy: LateFeePolicy = { ...base, kind: 'interest', percent: '12', minimumMinor: 100_00n };
    expect(lateFeeCharges(policy, invoice([['2026-01-01', 10_000_00n]]), '2026-03-01', new Set())).toEqual([]);
    const capped: LateFeePolicy = { ...base, kind: 'interest', percent: '12', capMinor: 150_00n };
    const charges = lateFeeCharges(capped, invoice([['2026-01-01', 10_000_00n]], 100_00n), '2026-05-01', new Set());
    expect(charges.reduce((s, c) => s + c.amountMinor, 0n)).toBe(50_00n);
    expect(lateFeeCharges({ ...capped, waived: true }, invoice([['2026-01-01', 10_000_00n]]), '2026-05-01', new Set())).toEqual([]);
    expect(lateFeeCharges(capped, invoice([['2026-01-01', 10_000_00n], ['2026-01-20', 0n]]), '2026-05-01', new Set())).toEqual([]);
  });

  it('applies the EU statutory rate of each half-year plus 8 points and EUR 40 compensation', () => {
    const policy = euStatutoryPolicy({ '2026-H1': '2.15', '2026-H2': '2.00' });
    const open = invoice([['2026-06-01', 5_000_00n]]);
    const charges = lateFeeCharges({ ...policy }, { ...open, dueDate: '2026-06-15' }, '2026-08-01', new Set());
    expect(charges.map((c) => [c.periodKey, c.amountMinor])).toEqual([
      ['compensation', 40_00n],
      // 16-30 June: 15 days × 5,000 × 10.15 % / 365 = 20.86; July: 31 days × 5,000 × 10.00 % / 365 = 42.47
      ['interest:2026-06', 20_86n],
      ['interest:2026-07', 42_47n],
    ]);
    expect(() => lateFeeCharges(policy, { ...open, dueDate: '2026-06-15' }, '2027-02-01', new Set())).toThrow('no reference rate');
  });

  it('gives the UK compensation by debt size', () => {
    const policy = ukStatutoryPolicy({ '2026-H1': '3.75' });
    const comp = (amount: bigint) => lateFeeCharges(policy, invoice([['2026-01-01', amount]]), '2026-02-01', new Set()).find((c) => c.kind === 'compensation')?.amountMinor;
    expect([comp(500_00n), comp(5_000_00n), comp(50_000_00n)]).toEqual([40_00n, 70_00n, 100_00n]);
  });
});

describe('the amount late fees may be charged on', () => {
  it('is the total less allocations and less what is under dispute while the dispute is open, never negative', () => {
    const steps = overdueAmountSteps('2026-01-01', 1_000_00n, [{ on: '2026-02-10', amountMinor: 300_00n }], [
      { from: '2026-01-25', until: '2026-03-10', amountMinor: 800_00n },
      { from: '2026-04-01', until: null, amountMinor: 100_00n },
    ]);
    expect(steps).toEqual([
      ['2026-01-01', 1_000_00n],
      ['2026-01-25', 200_00n],
      ['2026-02-10', 0n], // 1,000 − 800 disputed − 300 paid would be −100: nothing is charged
      ['2026-03-10', 700_00n],
      ['2026-04-01', 600_00n],
    ]);
  });
});
