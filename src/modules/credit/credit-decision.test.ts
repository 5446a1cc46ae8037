import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideCredit, defaultCreditLimit, effectiveRiskClass } from './credit-decision.js';

const policy = { overdueHoldDays: 30 };
const position = { limitMinor: 100_000n, openReceivablesMinor: 40_000n, uninvoicedOrdersMinor: 20_000n, oldestOverdueDays: 0 };

describe('credit decision for a new order', () => {
  it('approves an order that keeps exposure within the limit, to the cent', () => {
    const d = decideCredit(position, 40_000n, policy);
    expect(d).toMatchObject({ approved: true, exposureMinor: 60_000n, exposureWithOrderMinor: 100_000n, availableMinor: 40_000n });
  });

  it('holds an order that would take exposure one cent over the limit', () => {
    const d = decideCredit(position, 40_001n, policy);
    expect(d.approved).toBe(false);
    expect(d.reasons.map((r) => r.code)).toEqual(['over_credit_limit']);
  });

  it('holds any order while an item is overdue beyond the threshold, but not at the threshold', () => {
    expect(decideCredit({ ...position, oldestOverdueDays: 30 }, 1n, policy).approved).toBe(true);
    const d = decideCredit({ ...position, oldestOverdueDays: 31 }, 1n, policy);
    expect(d.reasons.map((r) => r.code)).toEqual(['overdue_beyond_threshold']);
  });

  it('gives both reasons when both apply, and checks no limit when there is none', () => {
    expect(decideCredit({ ...position, oldestOverdueDays: 90 }, 10n ** 9n, policy).reasons).toHaveLength(2);
    expect(decideCredit({ ...position, limitMinor: null }, 10n ** 12n, policy)).toMatchObject({ approved: true, availableMinor: null });
  });

  it('holds an order when the risk score reaches the threshold, never without a score or a threshold', () => {
    const risky = { ...position, riskScore: 72, riskScoreComputedOn: '2026-11-23' };
    const d = decideCredit(risky, 1n, { ...policy, riskHoldScoreMin: 72 });
    expect(d.approved).toBe(false);
    expect(d.reasons).toEqual([
      { code: 'risk_score_above_threshold', detail: "the customer's risk score is 72 of 100 (high risk, scored on 2026-11-23 from its payment history and open items), at or above the hold threshold of 72" },
    ]);
    expect(decideCredit(risky, 1n, { ...policy, riskHoldScoreMin: 73 }).approved).toBe(true);
    expect(decideCredit(risky, 1n, { ...policy, riskHoldScoreMin: null }).approved).toBe(true);
    expect(decideCredit(risky, 1n, policy).approved).toBe(true);
    expect(decideCredit({ ...position, riskScore: null }, 1n, { ...policy, riskHoldScoreMin: 0 }).approved).toBe(true);
    // With the other reasons, in the order limit, overdue, risk.
    expect(decideCredit({ ...risky, oldestOverdueDays: 90 }, 10n ** 9n, { ...policy, riskHoldScoreMin: 50 }).reasons.map((r) => r.code)).toEqual([
      'over_credit_limit',
      'overdue_beyond_threshold',
      'risk_score_above_threshold',
    ]);
  });

  it('holds for the risk score exactly when the score is at least the threshold (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 0, max: 100 })), fc.option(fc.integer({ min: 0, max: 100 })), (score, threshold) => {
        const d = decideCredit({ ...position, riskScore: score }, 0n, { ...policy, riskHoldScoreMin: threshold });
        expect(d.reasons.some((r) => r.code === 'risk_score_above_threshold')).toBe(score !== null && threshold !== null && score >= threshold);
      }),
    );
  });

  it('counts unapplied cash (a negative balance) as room under the limit', () => {
    expect(decideCredit({ ...position, openReceivablesMinor: -30_000n }, 110_000n, policy).approved).toBe(true);
  });

  it('never approves exposure above the limit (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: -(10n ** 8n), max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), (limit, open, orders, amount) => {
        const d = decideCredit({ limitMinor: limit, openReceivablesMinor: open, uninvoicedOrdersMinor: orders, oldestOverdueDays: 0 }, amount, policy);
        expect(d.approved).toBe(open + orders + amount <= limit);
      }),
    );
  });
});

describe('default credit limit for new customers', () => {
  const defaults = [
    { segment: '', currency: 'EUR', limitMinor: 500_000n },
    { segment: 'wholesale', currency: 'EUR', limitMinor: 2_000_000n },
    { segment: 'wholesale', currency: 'USD', limitMinor: 1_500_000n },
  ];
  it('uses the segment default in the currency, then the general default, else none', () => {
    expect(defaultCreditLimit(defaults, 'wholesale', 'EUR')).toBe(2_000_000n);
    expect(defaultCreditLimit(defaults, 'retail', 'EUR')).toBe(500_000n);
    expect(defaultCreditLimit(defaults, null, 'EUR')).toBe(500_000n);
    expect(defaultCreditLimit(defaults, 'retail', 'USD')).toBeNull();
  });
});

describe('the risk class credit control works with', () => {
  it('takes the risk score when there is one (70 and above high, 30 and below low), else the reviewed class', () => {
    expect([0, 30, 31, 69, 70, 100].map((score) => effectiveRiskClass('medium', score))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
    expect(effectiveRiskClass('high', 10)).toBe('low');
    expect(effectiveRiskClass('low', null)).toBe('low');
    expect(effectiveRiskClass('unknown', null)).toBe('medium');
  });
});
