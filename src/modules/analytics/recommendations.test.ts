import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  customerChangeFor,
  recommendCreditChanges,
  recommendationWindow,
  withoutRecentlyDecided,
  type CreditStanding,
  type RecommendationKind,
  type SettledInvoiceRecord,
} from './recommendations.js';

const asOf = '2026-06-30';

/** An invoice due `dueDate`, settled `daysLate` days after it (negative: early). */
function settled(dueDate: string, daysLate: number, id = `${dueDate}/${daysLate}`): SettledInvoiceRecord {
  return { invoiceId: id, dueDate, settledDate: Temporal.PlainDate.from(dueDate).add({ days: daysLate }).toString() };
}

/** One invoice due on the 10th of each month from `firstMonth` on, paid `daysLate(i)` days after the due date. */
function monthly(firstMonth: string, count: number, daysLate: (i: number) => number): SettledInvoiceRecord[] {
  const start = Temporal.PlainDate.from(`${firstMonth}-10`);
  return Array.from({ length: count }, (_, i) => settled(start.add({ months: i }).toString(), daysLate(i)));
}

function standing(overrides: Partial<CreditStanding> = {}): CreditStanding {
  return {
    customerId: 'c1',
    currency: 'EUR',
    paymentTermsDays: 30,
    namedTerms: false,
    creditLimitMinor: 10_000_00n,
    riskClass: 'medium',
    blockedForOrders: false,
    settled: [],
    disputesLost: 0,
    peakReceivablesMinor: 0n,
    ...overrides,
  };
}

const kinds = (s: CreditStanding, on = asOf) => recommendCreditChanges(s, on).map((r) => r.kind);

describe('recommendations for an established on-time payer', () => {
  // Ten invoices due July 2025 to April 2026 (settled inside the window), all paid three days early.
  const reliable = monthly('2025-07', 10, () => -3);

  it('suggests longer terms and, close to its limit, a higher limit, with the record as the reason', () => {
    const recs = recommendCreditChanges(standing({ settled: reliable, peakReceivablesMinor: 8_500_00n }), asOf);
    expect(recs.map((r) => [r.kind, r.currentValue, r.proposedValue])).toEqual([
      ['extend_terms', '30', '45'],
      ['raise_limit', '1000000', '1250000'],
    ]);
    expect(recs[0]?.reason).toBe(
      'Established on-time payer: 10 of 10 invoices (100 %) settled in the last 12 months were paid by the due date, on average 0 days late, with no dispute lost. Extending payment terms from net 30 to net 45 days rewards the record at little risk.',
    );
    expect(recs[1]?.reason).toContain('open receivables reached EUR 8,500.00 (85 % of the EUR 10,000.00 limit)');
    expect(recs[1]?.evidence).toMatchObject({ settledInvoices: 10, paidByDueDate: 10, paidByDueDatePercent: 100, averageDaysLate: 0, disputesLost: 0, peakUtilisationPercent: 85, windowStart: '2025-06-30', windowEnd: asOf });
  });

  it('raises the limit only from 80 % utilisation, and never without a limit', () => {
    expect(kinds(standing({ settled: reliable, peakReceivablesMinor: 8_000_00n }))).toEqual(['extend_terms', 'raise_limit']);
    expect(kinds(standing({ settled: reliable, peakReceivablesMinor: 7_999_99n }))).toEqual(['extend_terms']);
    expect(kinds(standing({ settled: reliable, peakReceivablesMinor: 9_000_00n, creditLimitMinor: null }))).toEqual(['extend_terms']);
  });

  it('caps terms at 60 days and leaves named payment terms alone', () => {
    expect(recommendCreditChanges(standing({ settled: reliable, paymentTermsDays: 50 }), asOf).map((r) => r.proposedValue)).toEqual(['60']);
    expect(kinds(standing({ settled: reliable, paymentTermsDays: 60 }))).toEqual([]);
    expect(kinds(standing({ settled: reliable, namedTerms: true, peakReceivablesMinor: 9_000_00n }))).toEqual(['raise_limit']);
  });

  it('needs six settled invoices, 90 % on time, an average lateness of at most 2 days and no dispute lost', () => {
    expect(kinds(standing({ settled: reliable.slice(0, 6) }))).toEqual(['extend_terms']);
    expect(kinds(standing({ settled: reliable.slice(0, 5) }))).toEqual([]);
    expect(kinds(standing({ settled: reliable, disputesLost: 1 }))).toEqual([]);
    // 9 of 10 on time is 90 %; one invoice 20 days late averages 2.0 days: still reliable. 21 days averages 2.1: not.
    expect(kinds(standing({ settled: monthly('2025-07', 10, (i) => (i === 4 ? 20 : 0)) }))).toEqual(['extend_terms']);
    expect(kinds(standing({ settled: monthly('2025-07', 10, (i) => (i === 4 ? 21 : 0)) }))).toEqual([]);
    // 8 of 9 on time is 88.9 %.
    expect(kinds(standing({ settled: monthly('2025-07', 9, (i) => (i === 4 ? 1 : 0)) }))).toEqual([]);
  });

  it('counts only invoices settled in the last 12 months', () => {
    const window = recommendationWindow(asOf);
    expect(window).toEqual({ start: '2025-06-30', recentStart: '2026-03-30', end: asOf });
    const onTheEdge = [...reliable.slice(0, 5), { invoiceId: 'edge', dueDate: '2025-06-30', settledDate: '2025-06-30' }];
    expect(kinds(standing({ settled: onTheEdge }))).toEqual([]); // settled on the window's start: outside
    expect(kinds(standing({ settled: [...reliable.slice(0, 5), { invoiceId: 'today', dueDate: asOf, settledDate: asOf }] }))).toEqual(['extend_terms']);
  });
});

describe('recommendations for a deteriorating payer', () => {
  // Due July 2025 to January 2026 and paid on time, then due April to June 2026 (settled in the last three months) and paid 15 days late.
  const slipping = [...monthly('2025-07', 7, () => 0), ...monthly('2026-04', 3, () => 15)];

  it('suggests shorter terms and a lower limit when the last three months are 10 days worse than the nine before', () => {
    const recs = recommendCreditChanges(standing({ settled: slipping }), asOf);
    expect(recs.map((r) => [r.kind, r.currentValue, r.proposedValue])).toEqual([
      ['shorten_terms', '30', '15'],
      ['lower_limit', '1000000', '750000'],
    ]);
    expect(recs[0]?.reason).toBe(
      'Payment behaviour is deteriorating: invoices settled in the last 3 months were paid on average 15 days late, against 0 days in the 9 months before. Shortening payment terms from net 30 to net 15 days reduces the exposure while the account is watched.',
    );
    expect(recs[1]?.evidence).toMatchObject({ recentSettledInvoices: 3, recentAverageDaysLate: 15, earlierSettledInvoices: 7, earlierAverageDaysLate: 0 });
  });

  it('does not call 9 days worse deteriorating, nor compare parts with fewer than two invoices each', () => {
    expect(kinds(standing({ settled: [...monthly('2025-07', 7, () => 0), ...monthly('2026-04', 3, () => 9)] }))).toEqual([]);
    expect(kinds(standing({ settled: [...monthly('2025-07', 7, () => 0), ...monthly('2026-04', 1, () => 40)] }))).toEqual([]);
  });

  it('calls a payer late on half or more of at least four invoices habitually late', () => {
    const half = monthly('2025-09', 4, (i) => (i % 2 === 0 ? 5 : 0));
    expect(kinds(standing({ settled: half }))).toEqual(['shorten_terms', 'lower_limit']);
    expect(recommendCreditChanges(standing({ settled: half }), asOf)[0]?.reason).toMatch(/^Payments are habitually late: 2 of 4 invoices \(50 %\) settled in the last 12 months were paid after the due date\. Shortening/);
    expect(kinds(standing({ settled: monthly('2025-09', 3, () => 5) }))).toEqual([]); // three invoices are too few to judge
  });

  it('asks for prepayment instead when the recent payments are 60 days late on average', () => {
    const severe = [...monthly('2025-07', 6, () => 0), ...monthly('2026-02', 2, () => 60)];
    const recs = recommendCreditChanges(standing({ settled: severe }), asOf);
    expect(recs.map((r) => [r.kind, r.currentValue, r.proposedValue])).toEqual([['require_prepayment', 'on account', 'prepayment']]);
    expect(recs[0]?.reason).toContain('require prepayment');
    expect(kinds(standing({ settled: severe, blockedForOrders: true, riskClass: 'high' }))).toEqual([]);
    expect(kinds(standing({ settled: [...monthly('2025-07', 6, () => 0), ...monthly('2026-02', 2, () => 59)] }))).toEqual(['shorten_terms', 'lower_limit']);
  });

  it('keeps terms at 7 days at least and lowers only a limit there is', () => {
    expect(recommendCreditChanges(standing({ settled: slipping, paymentTermsDays: 14 }), asOf)[0]?.proposedValue).toBe('7');
    expect(kinds(standing({ settled: slipping, paymentTermsDays: 7, creditLimitMinor: null }))).toEqual([]);
    expect(kinds(standing({ settled: slipping, creditLimitMinor: 1n }))).toEqual(['shorten_terms']); // 25 % of 1 cent rounds to nothing
  });
});

describe('recommendation rules (properties)', () => {
  const increase = new Set<RecommendationKind>(['extend_terms', 'raise_limit']);
  const day = fc.integer({ min: 0, max: 500 }).map((n) => Temporal.PlainDate.from('2025-03-01').add({ days: n }).toString());
  const history = fc.array(fc.tuple(day, fc.integer({ min: -20, max: 120 })).map(([due, late]) => settled(due, late)), { maxLength: 30 });
  const anyStanding = fc.record({
    settled: history,
    paymentTermsDays: fc.integer({ min: 0, max: 120 }),
    namedTerms: fc.boolean(),
    creditLimitMinor: fc.option(fc.bigInt({ min: 0n, max: 10n ** 9n }), { nil: null }),
    disputesLost: fc.integer({ min: 0, max: 2 }),
    peakReceivablesMinor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    blockedForOrders: fc.boolean(),
  });

  it('never suggests loosening and tightening credit for the same customer at once, and each proposal moves the right way within bounds', () => {
    fc.assert(
      fc.property(anyStanding, (s) => {
        const recs = recommendCreditChanges(standing(s), asOf);
        const directions = new Set(recs.map((r) => increase.has(r.kind)));
        expect(directions.size).toBeLessThanOrEqual(1);
        expect(new Set(recs.map((r) => r.kind)).size).toBe(recs.length);
        for (const r of recs) {
          if (r.kind === 'extend_terms') expect(Number(r.proposedValue)).toBeGreaterThan(Number(r.currentValue));
          if (r.kind === 'extend_terms') expect(Number(r.proposedValue)).toBeLessThanOrEqual(60);
          if (r.kind === 'shorten_terms') expect(Number(r.proposedValue)).toBeLessThan(Number(r.currentValue));
          if (r.kind === 'shorten_terms') expect(Number(r.proposedValue)).toBeGreaterThanOrEqual(7);
          if (r.kind === 'raise_limit') expect(BigInt(r.proposedValue ?? '0')).toBeGreaterThan(BigInt(r.currentValue ?? '0'));
          if (r.kind === 'lower_limit') expect(BigInt(r.proposedValue ?? '0')).toBeLessThan(BigInt(r.currentValue ?? '0'));
          if (s.namedTerms) expect(['extend_terms', 'shorten_terms']).not.toContain(r.kind);
        }
      }),
    );
  });

  it('depends only on what was settled in the window, in any order', () => {
    const outside = fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 300 }).map((n) => ({ invoiceId: `later-${n}`, dueDate: asOf, settledDate: Temporal.PlainDate.from(asOf).add({ days: n }).toString() })),
        fc.integer({ min: 0, max: 300 }).map((n) => ({ invoiceId: `older-${n}`, dueDate: '2025-01-01', settledDate: Temporal.PlainDate.from('2025-06-30').subtract({ days: n }).toString() })),
      ),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(anyStanding, outside, fc.integer(), (s, noise, seed) => {
        const base = recommendCreditChanges(standing(s), asOf);
        const shuffled = [...s.settled, ...noise].map((x, i) => ({ x, k: (i * 2654435761 + seed) % 1000 })).sort((a, b) => a.k - b.k).map((e) => e.x);
        expect(recommendCreditChanges(standing({ ...s, settled: shuffled }), asOf)).toEqual(base);
      }),
    );
  });
});

describe('what accepting a recommendation changes', () => {
  const customer = { paymentTermsDays: 30, paymentTermsId: null, creditLimitMinor: 10_000_00n, riskClass: 'medium', blockedForOrders: false };

  it('sets the proposed terms or limit, or stops orders on account for prepayment', () => {
    expect(customerChangeFor({ kind: 'extend_terms', currentValue: '30', proposedValue: '45' }, customer)).toEqual({ ok: true, value: { paymentTermsDays: 45 } });
    expect(customerChangeFor({ kind: 'lower_limit', currentValue: '1000000', proposedValue: '750000' }, customer)).toEqual({ ok: true, value: { creditLimitMinor: 750_000n } });
    expect(customerChangeFor({ kind: 'require_prepayment', currentValue: 'on account', proposedValue: 'prepayment' }, customer)).toEqual({ ok: true, value: { riskClass: 'high', blockedForOrders: true } });
  });

  it('refuses when the customer changed since the recommendation was made', () => {
    const stale = customerChangeFor({ kind: 'extend_terms', currentValue: '14', proposedValue: '29' }, customer);
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    const limit = customerChangeFor({ kind: 'raise_limit', currentValue: '500000', proposedValue: '625000' }, customer);
    expect(limit.ok ? null : limit.error.code).toBe('conflict');
    const named = customerChangeFor({ kind: 'shorten_terms', currentValue: '30', proposedValue: '15' }, { ...customer, paymentTermsId: 'terms-1' });
    expect(named.ok ? null : named.error.code).toBe('conflict');
  });
});

describe('the cool-off after a decision', () => {
  const recs = [
    { customerId: 'a', kind: 'extend_terms' as const },
    { customerId: 'a', kind: 'raise_limit' as const },
    { customerId: 'b', kind: 'extend_terms' as const },
  ];
  it('holds back the same customer and kind for 90 days after it was accepted or dismissed, including decisions dated after a replayed day', () => {
    const decided = (decidedOn: string) => [{ customerId: 'a', kind: 'extend_terms' as const, decidedOn }];
    expect(withoutRecentlyDecided(recs, decided('2026-04-02'), asOf)).toEqual(recs.slice(1)); // 89 days ago
    expect(withoutRecentlyDecided(recs, decided('2026-04-01'), asOf)).toEqual(recs); // 90 days ago
    expect(withoutRecentlyDecided(recs, decided('2026-11-29'), asOf)).toEqual(recs.slice(1));
  });
});
