import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, type Decimal } from '../../kernel/money.js';
import { buildPaymentSchedule, checkInstalments, maxInstalments, type InstalmentState, type ScheduleInput } from './payment-plan.js';

const percent = (text: string): Decimal => parseDecimal(text) as Decimal;
const plan = (extra: Partial<ScheduleInput> = {}): ScheduleInput => ({ principalMinor: 1_000_00n, instalments: 3, frequency: 'monthly', startOn: '2026-01-15', firstDueOn: '2026-01-31', interestPercent: null, ...extra });
const schedule = (input: ScheduleInput) => {
  const result = buildPaymentSchedule(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('payment plan schedules', () => {
  it('splits €1,000 into three monthly instalments, the odd cent on the last, month ends kept', () => {
    expect(schedule(plan())).toEqual([
      { number: 1, dueOn: '2026-01-31', amountMinor: 333_33n, interestMinor: 0n },
      { number: 2, dueOn: '2026-02-28', amountMinor: 333_33n, interestMinor: 0n },
      { number: 3, dueOn: '2026-03-31', amountMinor: 333_34n, interestMinor: 0n },
    ]);
  });

  it('puts the whole remainder on the last instalment: €100.07 over 4 weeks', () => {
    expect(schedule(plan({ principalMinor: 100_07n, instalments: 4, frequency: 'weekly', firstDueOn: '2026-01-20' })).map((i) => [i.dueOn, i.amountMinor])).toEqual([
      ['2026-01-20', 25_01n],
      ['2026-01-27', 25_01n],
      ['2026-02-03', 25_01n],
      ['2026-02-10', 25_04n],
    ]);
  });

  it('states simple interest on the principal still owed, actual/365, each instalment rounded half-up once', () => {
    // €1,200 at 10 % a year from 1 January: 120,000 × 10 % × 31/365 = 1,019.18 → 1,019; 80,000 × 28/365 → 613.70 → 614;
    // 40,000 × 31/365 → 339.73 → 340 (cents).
    const rows = schedule(plan({ principalMinor: 1_200_00n, startOn: '2026-01-01', firstDueOn: '2026-02-01', interestPercent: percent('10') }));
    expect(rows.map((r) => [r.dueOn, r.amountMinor, r.interestMinor])).toEqual([
      ['2026-02-01', 400_00n, 10_19n],
      ['2026-03-01', 400_00n, 6_14n],
      ['2026-04-01', 400_00n, 3_40n],
    ]);
    // A tie rounds up: 73 × 50 % × 365/365 = 36.5 → 37 (banker's rounding would give 36).
    expect(schedule(plan({ principalMinor: 73n, instalments: 1, startOn: '2026-01-01', firstDueOn: '2027-01-01', interestPercent: percent('50') }))[0]?.interestMinor).toBe(37n);
    // A decimal rate: €500 at 7.5 % for 30 days = 308.219… → 308.
    expect(schedule(plan({ principalMinor: 500_00n, instalments: 1, startOn: '2026-04-01', firstDueOn: '2026-05-01', interestPercent: percent('7.5') }))[0]?.interestMinor).toBe(3_08n);
  });

  it('refuses plans that cannot be scheduled', () => {
    const faults = (input: ScheduleInput) => {
      const result = buildPaymentSchedule(input);
      return result.ok ? [] : (result.error.fieldErrors ?? []).map((f) => f.pointer);
    };
    expect(faults(plan({ instalments: 0 }))).toEqual(['/instalments']);
    expect(faults(plan({ instalments: maxInstalments + 1 }))).toEqual(['/instalments']);
    expect(faults(plan({ principalMinor: 2n }))).toEqual(['/instalments']);
    expect(faults(plan({ firstDueOn: '2026-01-14' }))).toEqual(['/firstDueOn']);
    expect(faults(plan({ firstDueOn: '2027-06-01' }))).toEqual(['/firstDueOn']);
    expect(faults(plan({ interestPercent: percent('120') }))).toEqual(['/interestPercent']);
  });

  it('always adds up to the balance, with equal instalments but the last, on increasing dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: maxInstalments }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.constantFrom('weekly' as const, 'monthly' as const),
        fc.option(fc.constantFrom('0', '3', '7.5', '12.25')),
        (n, extra, frequency, rate) => {
          const principalMinor = BigInt(n) + extra;
          const rows = schedule(plan({ principalMinor, instalments: n, frequency, interestPercent: rate === null ? null : percent(rate) }));
          expect(rows).toHaveLength(n);
          expect(rows.reduce((s, r) => s + r.amountMinor, 0n)).toBe(principalMinor);
          const regular = rows[0]!.amountMinor;
          for (const r of rows.slice(0, -1)) expect(r.amountMinor).toBe(regular);
          expect(rows.at(-1)!.amountMinor - regular).toBeLessThan(BigInt(n));
          expect(rows.at(-1)!.amountMinor >= regular).toBe(true);
          for (let i = 1; i < rows.length; i++) expect(rows[i]!.dueOn > rows[i - 1]!.dueOn).toBe(true);
          for (const r of rows) expect(r.interestMinor >= 0n && (rate !== null && rate !== '0' ? true : r.interestMinor === 0n)).toBe(true);
        },
      ),
    );
  });
});

const three = (): InstalmentState[] =>
  ['2026-01-10', '2026-02-10', '2026-03-10'].map((dueOn, i) => ({ number: i + 1, dueOn, amountMinor: 100_00n, interestMinor: 0n, paidMinor: 0n, status: 'open' as const }));
const apply = (states: InstalmentState[], check: ReturnType<typeof checkInstalments>) =>
  states.map((s) => {
    const change = check.changes.find((c) => c.number === s.number);
    return change ? { ...s, ...change } : s;
  });

describe('checking instalments', () => {
  it('marks each instalment paid once its date has passed and the payments so far cover it; all paid completes the plan', () => {
    const payments = [{ valueDate: '2026-01-09', amountMinor: 100_00n }, { valueDate: '2026-02-10', amountMinor: 100_00n }, { valueDate: '2026-03-01', amountMinor: 100_00n }];
    let states = three();
    expect(checkInstalments(states, payments, '2026-01-10')).toEqual({ changes: [], plan: 'active', missed: null }); // due today: not yet checked
    const first = checkInstalments(states, payments.slice(0, 1), '2026-01-11');
    expect(first).toEqual({ changes: [{ number: 1, status: 'paid', paidMinor: 100_00n }], plan: 'active', missed: null });
    states = apply(states, first);
    states = apply(states, checkInstalments(states, payments.slice(0, 2), '2026-02-11'));
    const last = checkInstalments(states, payments, '2026-03-11');
    expect(last).toEqual({ changes: [{ number: 3, status: 'paid', paidMinor: 100_00n }], plan: 'completed', missed: null });
  });

  it('breaks the plan at the first instalment the payments do not cover, recording what came', () => {
    const payments = [{ valueDate: '2026-01-09', amountMinor: 100_00n }, { valueDate: '2026-02-05', amountMinor: 40_00n }, { valueDate: '2026-02-11', amountMinor: 60_00n }];
    // Checked late (after a downtime): instalment 1 is paid, instalment 2 had only €40 by its date; the €60 came a day late.
    expect(checkInstalments(three(), payments, '2026-02-20')).toEqual({
      changes: [{ number: 1, status: 'paid', paidMinor: 100_00n }, { number: 2, status: 'missed', paidMinor: 40_00n }],
      plan: 'broken',
      missed: { number: 2, dueOn: '2026-02-10', dueMinor: 100_00n, paidMinor: 40_00n },
    });
  });

  it('completes at once when the whole plan was paid early', () => {
    const check = checkInstalments(three(), [{ valueDate: '2026-01-05', amountMinor: 300_00n }], '2026-01-06');
    expect(check.plan).toBe('completed');
    expect(check.changes.map((c) => c.status)).toEqual(['paid', 'paid', 'paid']);
  });

  it('counts interest as part of what is due', () => {
    const states = three().map((s) => ({ ...s, interestMinor: 1_00n }));
    expect(checkInstalments(states, [{ valueDate: '2026-01-10', amountMinor: 100_00n }], '2026-01-11').plan).toBe('broken');
  });

  it('never counts more as paid than came in, and breaks exactly when a due date passed uncovered', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 0, max: 80 }), amount: fc.bigInt({ min: 1n, max: 150_00n }) }), { maxLength: 6 }), fc.integer({ min: 1, max: 90 }), (raw, checkDay) => {
        const at = (d: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
        const payments = raw.map((p) => ({ valueDate: at(p.day), amountMinor: p.amount }));
        const asOf = at(checkDay);
        const check = checkInstalments(three(), payments, asOf);
        const received = payments.filter((p) => p.valueDate < asOf).reduce((s, p) => s + p.amountMinor, 0n);
        expect(check.changes.reduce((s, c) => s + c.paidMinor, 0n) <= received).toBe(true);
        const firstShort = three().find((i) => i.dueOn < asOf && payments.filter((p) => p.valueDate <= i.dueOn).reduce((s, p) => s + p.amountMinor, 0n) < BigInt(i.number) * 100_00n);
        expect(check.plan === 'broken').toBe(firstShort !== undefined);
        if (firstShort) expect(check.missed?.number).toBe(firstShort.number);
      }),
    );
  });
});
