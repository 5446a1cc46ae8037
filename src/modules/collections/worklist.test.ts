import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, type Decimal } from '../../kernel/money.js';
import { bandOf, daysPastDueBands, formatAmountForPeople, formatDayForPeople, rankAccount, rankWorklist, type WorklistAccount } from './worklist.js';

const asOf = '2026-03-20';
const eur = { baseCurrency: 'EUR' };
const account = (customerId: string, extra: Partial<WorklistAccount> = {}): WorklistAccount => ({
  customerId, customerName: `Customer ${customerId}`, overdue: [], riskClass: 'medium', riskScore: null, promisesDueToday: [], brokenPromises: [], openDisputes: [], lastContactOn: '2026-03-15', ...extra,
});
const rate = (text: string): Decimal => parseDecimal(text) as Decimal;

describe('the worklist score', () => {
  it('weighs overdue money by how late it is: €1,000 up to 30 days × 1.0 + €12,400 61–90 days × 2.0, medium risk', () => {
    const ranking = rankAccount(account('a', { overdue: [{ currency: 'EUR', band: '1-30', amountMinor: 1_000_00n }, { currency: 'EUR', band: '61-90', amountMinor: 12_400_00n }] }), asOf, eur);
    // 100,000 × 1.0 + 1,240,000 × 2.0 = 2,580,000 (minor units), × 1.0 for medium risk; contacted five days ago: no boost.
    expect(ranking).toEqual({ customerId: 'a', score: 2_580_000n, rankingCurrency: 'EUR', reasons: ['€12,400 over 60 days late', '€1,000 up to 30 days late'] });
  });

  it('raises a high-risk account, a promise due today and an account nobody has called', () => {
    const ranking = rankAccount(
      account('b', { overdue: [{ currency: 'EUR', band: '91+', amountMinor: 5_000_00n }], riskClass: 'high', promisesDueToday: [{ amountMinor: 3_000_00n, currency: 'EUR' }], lastContactOn: null }),
      asOf,
      eur,
    );
    // 500,000 × 3.0 × 1.5 = 2,250,000, + 250,000 (promise due today) + 100,000 (no contact on record) = 2,600,000.
    expect(ranking.score).toBe(2_600_000n);
    expect(ranking.reasons).toEqual(['€5,000 over 90 days late', 'high credit risk', 'promise to pay €3,000 due today', 'no contact on record']);
  });

  it('uses a 0–100 risk score when one is given: 80 → × 1.3', () => {
    const ranking = rankAccount(account('s', { overdue: [{ currency: 'EUR', band: '1-30', amountMinor: 1_000_00n }], riskClass: 'low', riskScore: 80 }), asOf, eur);
    expect(ranking.score).toBe(130_000n);
    expect(ranking.reasons).toContain('risk score 80 of 100');
  });

  it('follows up broken promises of the last 30 days and disputes due for resolution within 3 days, even with nothing overdue', () => {
    const ranking = rankAccount(
      account('c', {
        brokenPromises: [{ on: '2026-03-12', kind: 'promise' }, { on: '2026-02-10', kind: 'promise' }],
        openDisputes: [{ invoiceNumber: 'INV-000007', resolveBy: '2026-03-22' }, { invoiceNumber: 'INV-000009', resolveBy: '2026-04-30' }],
      }),
      asOf,
      eur,
    );
    // 500,000 (broken on 12 March; the one of 10 February is 38 days old) + 200,000 (INV-000007 in 2 days); no contact boost without overdue money.
    expect(ranking).toEqual({ customerId: 'c', score: 700_000n, rankingCurrency: null, reasons: ['promise broken on 12 Mar', 'dispute on INV-000007 due for resolution in 2 days'] });
  });

  it('says when a dispute is due today or already late, and counts each', () => {
    const ranking = rankAccount(account('d', { openDisputes: [{ invoiceNumber: 'INV-1', resolveBy: asOf }, { invoiceNumber: 'INV-2', resolveBy: '2026-03-16' }], brokenPromises: [{ on: '2025-12-30', kind: 'payment_plan' }] }), '2026-01-05', eur);
    expect(ranking.reasons).toEqual(['payment plan broken on 30 Dec 2025']);
    const late = rankAccount(account('d', { openDisputes: [{ invoiceNumber: 'INV-1', resolveBy: asOf }, { invoiceNumber: 'INV-2', resolveBy: '2026-03-16' }] }), asOf, eur);
    expect(late).toMatchObject({ score: 400_000n, reasons: ['dispute on INV-2 resolution 4 days overdue', 'dispute on INV-1 due for resolution today'] });
  });

  it('never adds currencies without a rate: ranks on the largest and says what was left out', () => {
    const overdue = [{ currency: 'EUR', band: '1-30', amountMinor: 1_000_00n }, { currency: 'USD', band: '1-30', amountMinor: 2_000_00n }] as const;
    const unconverted = rankAccount(account('m', { overdue }), asOf, eur);
    expect(unconverted).toEqual({ customerId: 'm', score: 200_000n, rankingCurrency: 'USD', reasons: ['$2,000 up to 30 days late', '€1,000 up to 30 days late (not ranked: no exchange rate to add it to the USD amounts)'] });
    // With 1 USD = 0.92 EUR: 100,000 + 200,000 × 0.92 = 284,000 euro cents.
    const converted = rankAccount(account('m', { overdue }), asOf, { baseCurrency: 'EUR', ratesToBase: new Map([['USD', rate('0.92')]]) });
    expect(converted).toMatchObject({ score: 284_000n, rankingCurrency: 'EUR' });
    // Exponents differ: ¥100,000 at 0.0061 EUR per yen is €610.00.
    const yen = rankAccount(account('y', { overdue: [{ currency: 'JPY', band: '1-30', amountMinor: 100_000n }] }), asOf, { baseCurrency: 'EUR', ratesToBase: new Map([['JPY', rate('0.0061')]]) });
    expect(yen).toMatchObject({ score: 61_000n, rankingCurrency: 'EUR' });
    // A single foreign currency without a rate is ranked in its own minor units.
    expect(rankAccount(account('y', { overdue: [{ currency: 'JPY', band: '1-30', amountMinor: 100_000n }] }), asOf, eur)).toMatchObject({ score: 100_000n, rankingCurrency: 'JPY' });
  });

  it('ranks a small book: most urgent first, nothing for accounts with nothing to do', () => {
    const book = [
      account('a', { customerName: 'Alder Ltd', overdue: [{ currency: 'EUR', band: '1-30', amountMinor: 1_000_00n }, { currency: 'EUR', band: '61-90', amountMinor: 12_400_00n }] }),
      account('b', { customerName: 'Birch plc', overdue: [{ currency: 'EUR', band: '91+', amountMinor: 5_000_00n }], riskClass: 'high', promisesDueToday: [{ amountMinor: 3_000_00n, currency: 'EUR' }], lastContactOn: null }),
      account('c', { customerName: 'Cedar GmbH', brokenPromises: [{ on: '2026-03-12', kind: 'promise' }], openDisputes: [{ invoiceNumber: 'INV-000007', resolveBy: '2026-03-22' }] }),
      account('d', { customerName: 'Dogwood SA', brokenPromises: [{ on: '2026-02-01', kind: 'promise' }] }),
      account('e', { customerName: 'Elm Oy', overdue: [{ currency: 'EUR', band: '1-30', amountMinor: 7_000_00n }] }),
      account('f', { customerName: 'Fir AB', overdue: [{ currency: 'EUR', band: '1-30', amountMinor: 7_000_00n }] }),
    ];
    const ranked = rankWorklist(book, asOf, eur);
    expect(ranked.map((r) => [r.account.customerName, r.ranking.score])).toEqual([
      ['Birch plc', 2_600_000n],
      ['Alder Ltd', 2_580_000n],
      // Equal scores: by name. Dogwood's broken promise is 47 days old: nothing to do there today.
      ['Cedar GmbH', 700_000n],
      ['Elm Oy', 700_000n],
      ['Fir AB', 700_000n],
    ]);
  });
});

describe('amounts and dates for people', () => {
  it('writes amounts with the currency sign and thousands separators, cents only when there are some', () => {
    expect(formatAmountForPeople(12_400_00n, 'EUR')).toBe('€12,400');
    expect(formatAmountForPeople(12_400_50n, 'EUR')).toBe('€12,400.50');
    expect(formatAmountForPeople(1_234_567n, 'JPY')).toBe('¥1,234,567');
    expect(formatAmountForPeople(980_00n, 'CHF')).toBe('CHF 980');
    expect(formatAmountForPeople(1_005n, 'KWD')).toBe('KWD 1.005');
  });
  it('writes days as "12 Mar", with the year when it differs from asOf', () => {
    expect(formatDayForPeople('2026-03-12', '2026-03-20')).toBe('12 Mar');
    expect(formatDayForPeople('2025-12-28', '2026-01-05')).toBe('28 Dec 2025');
  });
  it('puts days past due in bands', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(bandOf)).toEqual([undefined, '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '91+', '91+']);
  });
});

const band = fc.constantFrom(...daysPastDueBands);
const overdueArb = fc.array(fc.record({ currency: fc.constant('EUR'), band, amountMinor: fc.bigInt({ min: 1n, max: 10n ** 12n }) }), { maxLength: 6 });
const accountArb = fc.record({
  id: fc.uuid(),
  overdue: overdueArb,
  riskClass: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
  riskScore: fc.option(fc.integer({ min: 0, max: 100 })),
  promiseDueToday: fc.boolean(),
  brokenDaysAgo: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
  disputeDaysLeft: fc.array(fc.integer({ min: -10, max: 20 }), { maxLength: 3 }),
  contactDaysAgo: fc.option(fc.integer({ min: 0, max: 60 })),
});
const day = (offset: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
type GeneratedAccount = typeof accountArb extends fc.Arbitrary<infer T> ? T : never;
const toAccount = (a: GeneratedAccount): WorklistAccount =>
  account(a.id, {
    customerName: a.id.slice(0, 4),
    overdue: a.overdue,
    riskClass: a.riskClass,
    riskScore: a.riskScore,
    promisesDueToday: a.promiseDueToday ? [{ amountMinor: 100n, currency: 'EUR' }] : [],
    brokenPromises: a.brokenDaysAgo.map((n) => ({ on: day(-n), kind: 'promise' as const })),
    openDisputes: a.disputeDaysLeft.map((n, i) => ({ invoiceNumber: `INV-${i}`, resolveBy: day(n) })),
    lastContactOn: a.contactDaysAgo === null ? null : day(-a.contactDaysAgo),
  });

describe('worklist properties', () => {
  it('more overdue money, or the same money older, never lowers the score', () => {
    fc.assert(
      fc.property(accountArb, band, fc.bigInt({ min: 1n, max: 10n ** 9n }), (a, extraBand, extra) => {
        const base = toAccount(a);
        const before = rankAccount(base, asOf, eur).score;
        const more = rankAccount({ ...base, overdue: [...base.overdue, { currency: 'EUR', band: extraBand, amountMinor: extra }] }, asOf, eur).score;
        expect(more >= before).toBe(true);
        const older = base.overdue.map((o) => ({ ...o, band: daysPastDueBands[Math.min(daysPastDueBands.indexOf(o.band) + 1, daysPastDueBands.length - 1)] as (typeof daysPastDueBands)[number] }));
        expect(rankAccount({ ...base, overdue: older }, asOf, eur).score >= before).toBe(true);
      }),
    );
  });

  it('lists exactly the accounts with a positive score, each with reasons, in non-increasing order', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { maxLength: 12 }), (raw) => {
        const accounts = raw.map(toAccount);
        const ranked = rankWorklist(accounts, asOf, eur);
        const positive = accounts.filter((a) => rankAccount(a, asOf, eur).score > 0n);
        expect(ranked).toHaveLength(positive.length);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.ranking.score >= ranked[i]!.ranking.score).toBe(true);
        for (const r of ranked) expect(r.ranking.reasons.length).toBeGreaterThan(0);
      }),
    );
  });
});
