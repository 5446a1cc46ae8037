import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { decideDunning, policyFaults, type DunnableItem, type DunningPolicy } from './dunning.js';

const policy: DunningPolicy = {
  levels: [
    { level: 1, name: 'Friendly reminder', offsetDays: -3, channel: 'email', minimumAmountMinor: 0n, escalations: [] },
    { level: 2, name: 'First reminder', offsetDays: 7, channel: 'email', minimumAmountMinor: 10_00n, escalations: [] },
    { level: 3, name: 'Second reminder', offsetDays: 21, channel: 'email', minimumAmountMinor: 10_00n, escalations: ['late_fee', 'notify_collector'] },
    { level: 4, name: 'Final notice', offsetDays: 35, channel: 'letter', minimumAmountMinor: 50_00n, escalations: ['credit_hold'] },
  ],
  minDaysBetweenMessages: 5,
  skipWeekends: true,
  skipHolidays: true,
};
const item = (number: string, dueDate: string, openMinor: bigint, extra: Partial<DunnableItem> = {}): DunnableItem => ({
  invoiceId: `id-${number}`, number, currency: 'EUR', dueDate, openMinor, levelSent: 0, disputed: false, promised: false, ...extra,
});
const customer = { customerId: 'c', doNotDun: false, lastMessageOn: null };

describe('dunning decisions', () => {
  it('sends a courtesy reminder three days before the due date, then each level on its day, one level at a time', () => {
    // Due Monday 2026-03-16: the courtesy reminder goes on Friday the 13th (three days before).
    expect(decideDunning(policy, customer, [item('INV-1', '2026-03-16', 100_00n)], '2026-03-12')).toMatchObject({ send: false, code: 'not_due_yet', reason: 'no item has reached its next level yet' });
    const courtesy = decideDunning(policy, customer, [item('INV-1', '2026-03-16', 100_00n)], '2026-03-13');
    expect(courtesy).toMatchObject({ send: true, level: 1, levelName: 'Friendly reminder', channel: 'email' });
    // Seven days late: first reminder (Monday 23rd).
    const first = decideDunning(policy, { ...customer, lastMessageOn: '2026-03-13' }, [item('INV-1', '2026-03-16', 100_00n, { levelSent: 1 })], '2026-03-23');
    expect(first).toMatchObject({ send: true, level: 2 });
    // Discovered 40 days late with nothing sent: still the courtesy level first, never straight to the final notice.
    const late = decideDunning(policy, customer, [item('INV-1', '2026-03-16', 100_00n)], '2026-04-27');
    expect(late).toMatchObject({ send: true, level: 1 });
  });

  it('consolidates: one message lists every overdue item, at the highest level reached, with the escalations of new levels', () => {
    const items = [
      item('INV-1', '2026-02-01', 80_00n, { levelSent: 2 }), // 23 days late on the 24th: reaches level 3
      item('INV-2', '2026-02-20', 40_00n, { levelSent: 1 }), // 4 days late: stays at 1, listed
      item('INV-3', '2026-02-26', 25_00n), // due in 2 days: courtesy
      item('INV-4', '2026-03-30', 25_00n), // far from due: not listed
    ];
    const decision = decideDunning(policy, customer, items, '2026-02-24');
    if (!decision.send) throw new Error(decision.reason);
    expect(decision.level).toBe(3);
    expect(decision.escalations.sort()).toEqual(['late_fee', 'notify_collector']);
    expect(decision.lines.map((l) => [l.number, l.level, l.escalated])).toEqual([['INV-1', 3, true], ['INV-2', 1, false], ['INV-3', 1, true]]);
    expect(decision.totals).toEqual({ EUR: 145_00n });
  });

  it('pauses for disputes, promises, do-not-dun, the minimum amount, the message interval, weekends and holidays', () => {
    const overdue = item('INV-1', '2026-03-02', 100_00n, { levelSent: 1 });
    expect(decideDunning(policy, customer, [{ ...overdue, disputed: true }], '2026-03-10')).toMatchObject({ send: false, code: 'paused', reason: 'every open item is disputed, promised or on a payment plan' });
    expect(decideDunning(policy, customer, [{ ...overdue, promised: true }], '2026-03-10')).toMatchObject({ send: false, code: 'paused' });
    expect(decideDunning(policy, { ...customer, doNotDun: true }, [overdue], '2026-03-10')).toMatchObject({ send: false, code: 'do_not_dun', reason: 'the customer is marked do-not-dun' });
    expect(decideDunning(policy, customer, [{ ...overdue, openMinor: 9_99n }], '2026-03-10')).toMatchObject({ send: false, code: 'below_minimum', reason: "the items due for a reminder are below the level's minimum amount" });
    expect(decideDunning(policy, { ...customer, lastMessageOn: '2026-03-06' }, [overdue], '2026-03-10')).toMatchObject({ send: false, code: 'too_soon' });
    expect(decideDunning(policy, customer, [overdue], '2026-03-14')).toMatchObject({ send: false, code: 'weekend', reason: 'no messages on weekends' });
    expect(decideDunning(policy, customer, [overdue], '2026-03-10', { weekend: [6, 7], holidays: new Set(['2026-03-10']) })).toMatchObject({ send: false, code: 'holiday', reason: 'no messages on holidays' });
    expect(decideDunning(policy, customer, [overdue], '2026-03-10')).toMatchObject({ send: true, level: 2 });
    // Two small items reach the level together and pass its minimum.
    const small = [item('INV-5', '2026-03-02', 6_00n, { levelSent: 1 }), item('INV-6', '2026-03-02', 6_00n, { levelSent: 1 })];
    expect(decideDunning(policy, customer, small, '2026-03-10')).toMatchObject({ send: true, level: 2 });
  });

  it('checks policies', () => {
    expect(policyFaults(policy)).toEqual([]);
    expect(policyFaults({ ...policy, levels: [policy.levels[1]!, policy.levels[0]!] }).map((f) => f.pointer)).toEqual(['/levels/0/level', '/levels/1/level', '/levels/1/offsetDays']);
  });

  it('never sends more than one level up per item, never below its level, never on a paused item (property)', () => {
    const day = Temporal.PlainDate.from('2026-01-01');
    fc.assert(
      fc.property(
        fc.array(fc.record({ due: fc.integer({ min: -60, max: 60 }), open: fc.bigInt({ min: 0n, max: 100_000n }), sent: fc.integer({ min: 0, max: 4 }), disputed: fc.boolean(), promised: fc.boolean() }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 120 }),
        (drawn, offset) => {
          const asOf = day.add({ days: offset }).toString();
          const items = drawn.map((d, i) => item(`INV-${i}`, day.add({ days: d.due }).toString(), d.open, { levelSent: d.sent, disputed: d.disputed, promised: d.promised }));
          const decision = decideDunning({ ...policy, skipWeekends: false }, customer, items, asOf);
          if (!decision.send) return;
          for (const line of decision.lines) {
            const source = items.find((i) => i.invoiceId === line.invoiceId);
            expect(source && !source.disputed && !source.promised && source.openMinor > 0n).toBe(true);
            expect(line.level - (source?.levelSent ?? 0)).toBe(line.escalated ? 1 : 0);
          }
          expect(decision.lines.some((l) => l.escalated)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
