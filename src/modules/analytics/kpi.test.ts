import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../kernel/business-date.js';
import { CurrencyMismatchError, type Money } from '../../kernel/money.js';
import {
  arTurnover,
  averageDaysDelinquent,
  averageDaysToPay,
  averageDaysToPayFromTotals,
  averageDaysToResolve,
  bestPossibleDso,
  collectionEffectivenessIndex,
  collectorPerformance,
  commonCurrency,
  compareRatios,
  creditSalesIn,
  disputeRate,
  dsoCountback,
  dsoStandard,
  percentageCurrent,
  promiseKeptRate,
  ratio,
  receivablesAsOf,
  roundRatio,
  splitByCurrency,
  subtractRatios,
  sumByCurrency,
  type DisputeRecord,
  type PromiseToPay,
  type ReceivableDocument,
  type SalesMonth,
  type SettledInvoice,
} from './kpi.js';
import { calendarMonth, calendarYear, daysInPeriod, monthlyPeriods, monthlyTrend, period, trailingMonths, type Period } from './periods.js';

/** Whole euros as minor units, so the worked examples read in the units DOMAIN.md uses. */
const eur = (euros: number): Money => ({ amountMinor: BigInt(euros) * 100n, currency: 'EUR' });
const usd = (dollars: number): Money => ({ amountMinor: BigInt(dollars) * 100n, currency: 'USD' });
const april2026 = calendarMonth(2026, 4);
const march2026 = calendarMonth(2026, 3);

/** Three contiguous 30-day windows standing in for DOMAIN.md's "30-day months" M1, M2, M3. */
const thirtyDayMonths = [period('2026-01-01', '2026-01-30'), period('2026-01-31', '2026-03-01'), period('2026-03-02', '2026-03-31')];
const salesMonths = (periods: readonly Period[], sales: readonly number[]): SalesMonth[] => periods.map((p, i) => ({ period: p, creditSales: eur(sales[i] ?? 0) }));

describe('rounding rule', () => {
  it('rounds the exact fraction half up, ties away from zero, in integers', () => {
    expect(roundRatio(ratio(1n, 20n), 1)).toBe(0.1); // 0.05 → 0.1
    expect(roundRatio(ratio(-1n, 20n), 1)).toBe(-0.1); // -0.05 → -0.1
    expect(roundRatio(ratio(1n, 40n), 2)).toBe(0.03); // 0.025 → 0.03
    expect(roundRatio(ratio(516n, 7n), 1)).toBe(73.7); // 73.714…
    expect(ratio(6n, -4n)).toEqual({ numerator: -3n, denominator: 2n });
    expect(() => ratio(1n, 0n)).toThrow(RangeError);
  });
});

describe('days in a period', () => {
  it('counts calendar days with both ends included, leap years and century years as the calendar has them', () => {
    expect(daysInPeriod(calendarMonth(2024, 2))).toBe(29);
    expect(daysInPeriod(calendarMonth(2023, 2))).toBe(28);
    expect(daysInPeriod(calendarYear(2024))).toBe(366);
    expect(daysInPeriod(calendarYear(2023))).toBe(365);
    expect(daysInPeriod(calendarYear(2000))).toBe(366); // divisible by 400
    expect(daysInPeriod(calendarYear(2100))).toBe(365); // divisible by 100, not by 400
    expect(daysInPeriod(period('2026-03-31', '2026-03-31'))).toBe(1);
  });

  it('refuses impossible dates and periods that end before they start', () => {
    expect(() => period('2026-02-29', '2026-03-31')).toThrow(RangeError);
    expect(() => period('2026-03-31', '2026-03-01')).toThrow(RangeError);
  });

  it('splits a range into calendar months clipped at its ends', () => {
    // 15-31 Jan = 17 days, Feb 2024 = 29, 1-10 Mar = 10; 17 + 29 + 10 = 56 = days of the range
    const months = monthlyPeriods(period('2024-01-15', '2024-03-10'));
    expect(months.map((m) => [m.start.toString(), m.end.toString(), daysInPeriod(m)])).toEqual([
      ['2024-01-15', '2024-01-31', 17],
      ['2024-02-01', '2024-02-29', 29],
      ['2024-03-01', '2024-03-10', 10],
    ]);
    expect(() => monthlyPeriods(period('2000-01-01', '2030-12-31'))).toThrow(/at most 240 months/);
  });

  it('gives the trailing months of an as-of date, the last clipped to it', () => {
    expect(trailingMonths('2024-03-31', 3).map((m) => `${m.start.toString()}..${m.end.toString()}`)).toEqual(['2024-01-01..2024-01-31', '2024-02-01..2024-02-29', '2024-03-01..2024-03-31']);
    expect(trailingMonths('2026-05-15', 2).map((m) => daysInPeriod(m))).toEqual([30, 15]);
  });
});

describe('standard DSO', () => {
  it('reproduces DOMAIN.md: 15,000 receivables, 10,000 credit sales over 30 days → 45 days', () => {
    // 15,000 ÷ 10,000 × 30 (April 2026) = 45
    const dso = dsoStandard({ endingReceivables: eur(15_000), creditSales: eur(10_000), period: april2026 });
    expect(dso).toMatchObject({ kpi: 'dso_standard', unit: 'days', value: 45, exact: { numerator: 45n, denominator: 1n }, reason: null });
    expect(dso.inputs).toEqual({ receivables: eur(15_000), creditSales: eur(10_000), period: { start: '2026-04-01', end: '2026-04-30', days: 30 } });
  });

  it('counts 29 days in February of a leap year', () => {
    // 2024: 5,000 ÷ 8,000 × 29 = 145/8 = 18.125 → 18.1;  2023: 5,000 ÷ 8,000 × 28 = 17.5
    expect(dsoStandard({ endingReceivables: eur(5_000), creditSales: eur(8_000), period: calendarMonth(2024, 2) })).toMatchObject({ value: 18.1, exact: { numerator: 145n, denominator: 8n } });
    expect(dsoStandard({ endingReceivables: eur(5_000), creditSales: eur(8_000), period: calendarMonth(2023, 2) }).value).toBe(17.5);
  });

  it('rounds a tie up: 0.01 of receivables on 0.20 of sales in one day is 0.05 → 0.1 days', () => {
    const oneDay = period('2026-04-01', '2026-04-01');
    expect(dsoStandard({ endingReceivables: { amountMinor: 1n, currency: 'EUR' }, creditSales: { amountMinor: 20n, currency: 'EUR' }, period: oneDay }).value).toBe(0.1);
  });

  it('is undefined, with a reason and not Infinity or NaN, when there were no credit sales', () => {
    const dso = dsoStandard({ endingReceivables: eur(15_000), creditSales: eur(0), period: april2026 });
    expect(dso).toMatchObject({ value: null, exact: null, reason: 'no_credit_sales', detail: expect.stringContaining('no credit sales') });
    // Credit notes above invoices: net sales −500 are no sales either.
    expect(dsoStandard({ endingReceivables: eur(15_000), creditSales: eur(-500), period: april2026 }).reason).toBe('no_credit_sales');
  });

  it('gives 0 days for zero receivables and negative days for a net credit balance', () => {
    expect(dsoStandard({ endingReceivables: eur(0), creditSales: eur(10_000), period: april2026 }).value).toBe(0);
    // −3,000 ÷ 10,000 × 30 = −9
    expect(dsoStandard({ endingReceivables: eur(-3_000), creditSales: eur(10_000), period: april2026 }).value).toBe(-9);
  });

  it('refuses to mix currencies', () => {
    expect(() => dsoStandard({ endingReceivables: eur(15_000), creditSales: usd(10_000), period: april2026 })).toThrow(CurrencyMismatchError);
  });
});

describe('countback DSO', () => {
  it('reproduces DOMAIN.md: sales 70,000 / 80,000 / 100,000, receivables 212,000 → 73.7 days', () => {
    // M3: 212,000 ≥ 100,000 → +30 days, 112,000 left; M2: 112,000 ≥ 80,000 → +30 days, 32,000 left;
    // M1: 32,000 < 70,000 → +32,000 ÷ 70,000 × 30 = 96/7 days. Total 60 + 96/7 = 516/7 = 73.714… → 73.7
    const dso = dsoCountback({ endingReceivables: eur(212_000), months: salesMonths(thirtyDayMonths, [70_000, 80_000, 100_000]) });
    expect(dso).toMatchObject({ kpi: 'dso_countback', value: 73.7, exact: { numerator: 516n, denominator: 7n }, reason: null });
    expect(dso.inputs.steps.map((s) => [s.period.days, s.receivablesRemaining.amountMinor, s.daysCounted])).toEqual([
      [30, 212_000_00n, ratio(30n, 1n)],
      [30, 112_000_00n, ratio(30n, 1n)],
      [30, 32_000_00n, ratio(96n, 7n)],
    ]);
    expect(dso.inputs.receivablesUnaccounted).toEqual(eur(0));
  });

  it('uses the calendar days of real months', () => {
    // April 70,000 (30 days), May 80,000 (31), June 100,000 (30), receivables 212,000 on 30 June:
    // 30 (June) + 31 (May) + 32,000 ÷ 70,000 × 30 (April) = 61 + 96/7 = 523/7 = 74.714… → 74.7
    const months = salesMonths(trailingMonths('2026-06-30', 3), [70_000, 80_000, 100_000]);
    expect(dsoCountback({ endingReceivables: eur(212_000), months })).toMatchObject({ value: 74.7, exact: { numerator: 523n, denominator: 7n } });
  });

  it('adds 29 days for a February consumed in a leap year', () => {
    // 100 a month in Jan-Mar 2024, receivables 250 on 31 March: 31 (March) + 29 (February) + 50 ÷ 100 × 31 (January)
    // = 60 + 15.5 = 75.5
    const months = salesMonths(trailingMonths('2024-03-31', 3), [100, 100, 100]);
    expect(dsoCountback({ endingReceivables: eur(250), months })).toMatchObject({ value: 75.5, exact: { numerator: 151n, denominator: 2n } });
  });

  it('consumes a month without sales whole and stops when nothing remains', () => {
    // M3 had no sales: +30 days, 50,000 left; M2: 50,000 < 80,000 → 50,000 ÷ 80,000 × 30 = 18.75. 48.75 → 48.8
    expect(dsoCountback({ endingReceivables: eur(50_000), months: salesMonths(thirtyDayMonths, [70_000, 80_000, 0]) }).value).toBe(48.8);
    // Receivables equal to M3's sales: M3 consumed, nothing left, M2 not walked. 30 days.
    const exact = dsoCountback({ endingReceivables: eur(100_000), months: salesMonths(thirtyDayMonths, [70_000, 80_000, 100_000]) });
    expect(exact.value).toBe(30);
    expect(exact.inputs.steps).toHaveLength(1);
  });

  it('gives all the days when the receivables equal the whole history, and is undefined beyond it', () => {
    const months = salesMonths(thirtyDayMonths, [70_000, 80_000, 100_000]);
    // 250,000 = 70,000 + 80,000 + 100,000: 30 + 30 + 30 = 90 days
    expect(dsoCountback({ endingReceivables: eur(250_000), months }).value).toBe(90);
    // 300,000: after three months 50,000 are still unaccounted; the DSO is more than 90 days, not 90
    const exhausted = dsoCountback({ endingReceivables: eur(300_000), months });
    expect(exhausted).toMatchObject({ value: null, reason: 'sales_history_exhausted' });
    expect(exhausted.inputs.daysCounted).toEqual(ratio(90n, 1n));
    expect(exhausted.inputs.receivablesUnaccounted).toEqual(eur(50_000));
    // No history at all: any receivables exhaust it; zero receivables are 0 days
    expect(dsoCountback({ endingReceivables: eur(1), months: [] }).reason).toBe('sales_history_exhausted');
    expect(dsoCountback({ endingReceivables: eur(0), months: [] }).value).toBe(0);
  });

  it('gives 0 days for zero receivables and is undefined for a net credit balance', () => {
    const months = salesMonths(thirtyDayMonths, [70_000, 80_000, 100_000]);
    expect(dsoCountback({ endingReceivables: eur(0), months })).toMatchObject({ value: 0, inputs: { steps: [] } });
    expect(dsoCountback({ endingReceivables: eur(-1_000), months })).toMatchObject({ value: null, reason: 'net_credit_balance' });
  });

  it('refuses months that are not contiguous or not in one currency', () => {
    const gap = [{ period: calendarMonth(2026, 1), creditSales: eur(1) }, { period: calendarMonth(2026, 3), creditSales: eur(1) }];
    expect(() => dsoCountback({ endingReceivables: eur(1), months: gap })).toThrow(/contiguous/);
    const mixed = [{ period: calendarMonth(2026, 1), creditSales: eur(1) }, { period: calendarMonth(2026, 2), creditSales: usd(1) }];
    expect(() => dsoCountback({ endingReceivables: eur(1), months: mixed })).toThrow(CurrencyMismatchError);
  });
});

describe('best possible DSO and average days delinquent', () => {
  it('reproduces DOMAIN.md: receivables 15,000, current 4,000, sales 10,000 over 30 days → DSO 45, BPDSO 12, ADD 33', () => {
    // BPDSO = 4,000 ÷ 10,000 × 30 = 12; ADD = 45 − 12 = (15,000 − 4,000) ÷ 10,000 × 30 = 33
    expect(bestPossibleDso({ currentReceivables: eur(4_000), creditSales: eur(10_000), period: april2026 })).toMatchObject({ kpi: 'best_possible_dso', value: 12 });
    const add = averageDaysDelinquent({ totalReceivables: eur(15_000), currentReceivables: eur(4_000), creditSales: eur(10_000), period: april2026 });
    expect(add).toMatchObject({ kpi: 'average_days_delinquent', value: 33, exact: { numerator: 33n, denominator: 1n } });
    expect(add.inputs.pastDueReceivables).toEqual(eur(11_000));
    expect(add.inputs.dso.value).toBe(45);
    expect(add.inputs.bestPossibleDso.value).toBe(12);
  });

  it('keeps ADD = DSO − BPDSO with credits among the current items', () => {
    // total 5,000 of which current −1,000 (an unapplied credit note not yet due); sales 10,000 over 30 days:
    // DSO 5,000 ÷ 10,000 × 30 = 15, BPDSO −1,000 ÷ 10,000 × 30 = −3, ADD 15 − (−3) = 18
    const add = averageDaysDelinquent({ totalReceivables: eur(5_000), currentReceivables: eur(-1_000), creditSales: eur(10_000), period: april2026 });
    expect([add.inputs.dso.value, add.inputs.bestPossibleDso.value, add.value]).toEqual([15, -3, 18]);
  });

  it('is undefined without credit sales', () => {
    expect(averageDaysDelinquent({ totalReceivables: eur(15_000), currentReceivables: eur(4_000), creditSales: eur(0), period: april2026 })).toMatchObject({ value: null, reason: 'no_credit_sales' });
  });
});

describe('collection effectiveness index', () => {
  const domain = { beginningReceivables: eur(6_200), creditSales: eur(10_890), endingReceivables: eur(6_340), endingCurrentReceivables: eur(3_590) };

  it('reproduces DOMAIN.md with whole-period sales by default: 79.6 %', () => {
    // (6,200 + 10,890 − 6,340) ÷ (6,200 + 10,890 − 3,590) × 100 = 10,750 ÷ 13,500 × 100 = 2150/27 = 79.629… → 79.6
    const cei = collectionEffectivenessIndex(domain);
    expect(cei).toMatchObject({ unit: 'percent', value: 79.6, exact: { numerator: 2150n, denominator: 27n } });
    expect(cei.inputs).toMatchObject({ salesBasis: { kind: 'whole_period' }, collected: ratio(10_750_00n, 1n), collectible: ratio(13_500_00n, 1n) });
  });

  it('reproduces DOMAIN.md with monthly-average sales over 3 months: 55.9 %', () => {
    // sales 10,890 ÷ 3 = 3,630: (6,200 + 3,630 − 6,340) ÷ (6,200 + 3,630 − 3,590) × 100 = 3,490 ÷ 6,240 × 100
    // = 349,000 ÷ 6,240 = 8725/156 = 55.929… → 55.9
    const cei = collectionEffectivenessIndex({ ...domain, salesBasis: { kind: 'monthly_average', months: 3 } });
    expect(cei).toMatchObject({ value: 55.9, exact: { numerator: 8725n, denominator: 156n } });
    expect(cei.inputs.creditSalesUsed).toEqual(ratio(3_630_00n, 1n));
  });

  it('is 100 % when all that was collectible was collected, and undefined when nothing was', () => {
    // (1,000 + 5,000 − 2,000) ÷ (1,000 + 5,000 − 2,000) × 100: all that is left is current
    expect(collectionEffectivenessIndex({ beginningReceivables: eur(1_000), creditSales: eur(5_000), endingReceivables: eur(2_000), endingCurrentReceivables: eur(2_000) }).value).toBe(100);
    expect(collectionEffectivenessIndex({ beginningReceivables: eur(0), creditSales: eur(0), endingReceivables: eur(0), endingCurrentReceivables: eur(0) })).toMatchObject({ value: null, reason: 'nothing_collectible' });
  });
});

describe('AR turnover and average collection period', () => {
  it('divides the period\'s calendar days by the turnover: 365 in 2023, 366 in 2024', () => {
    // average receivables (100,000 + 140,000) ÷ 2 = 120,000; turnover 1,200,000 ÷ 120,000 = 10.00
    // 2023: 365 ÷ 10 = 36.5 days; 2024: 366 ÷ 10 = 36.6 days
    const input = { beginningReceivables: eur(100_000), endingReceivables: eur(140_000), creditSales: eur(1_200_000) };
    const y2023 = arTurnover({ ...input, period: calendarYear(2023) });
    expect(y2023.turnover).toMatchObject({ unit: 'times', value: 10, exact: { numerator: 10n, denominator: 1n } });
    expect(y2023.averageCollectionPeriod).toMatchObject({ value: 36.5, exact: { numerator: 73n, denominator: 2n } });
    expect(y2023.turnover.inputs.averageReceivables).toEqual(ratio(120_000_00n, 1n));
    expect(arTurnover({ ...input, period: calendarYear(2024) }).averageCollectionPeriod.value).toBe(36.6);
  });

  it('rounds turnover to two places', () => {
    // 100,000 ÷ ((20,000 + 40,000) ÷ 2) = 100,000 ÷ 30,000 = 3.333… → 3.33; 90 days ÷ (10/3) = 27 days
    const q1 = arTurnover({ beginningReceivables: eur(20_000), endingReceivables: eur(40_000), creditSales: eur(100_000), period: period('2026-01-01', '2026-03-31') });
    expect([q1.turnover.value, q1.averageCollectionPeriod.value]).toEqual([3.33, 27]);
  });

  it('is undefined without receivables or with a credit balance; the period is undefined without sales', () => {
    const year = calendarYear(2026);
    expect(arTurnover({ beginningReceivables: eur(0), endingReceivables: eur(0), creditSales: eur(1_000), period: year }).turnover.reason).toBe('no_receivables');
    expect(arTurnover({ beginningReceivables: eur(-500), endingReceivables: eur(100), creditSales: eur(1_000), period: year }).turnover.reason).toBe('net_credit_balance');
    const noSales = arTurnover({ beginningReceivables: eur(500), endingReceivables: eur(100), creditSales: eur(0), period: year });
    expect([noSales.turnover.value, noSales.averageCollectionPeriod.reason]).toEqual([0, 'no_credit_sales']);
  });
});

describe('percentage current', () => {
  it('is current ÷ total × 100, undefined without receivables or with a credit balance', () => {
    // 4,000 ÷ 15,000 × 100 = 80/3 = 26.666… → 26.7
    expect(percentageCurrent({ totalReceivables: eur(15_000), currentReceivables: eur(4_000) })).toMatchObject({ value: 26.7, exact: { numerator: 80n, denominator: 3n } });
    expect(percentageCurrent({ totalReceivables: eur(0), currentReceivables: eur(0) }).reason).toBe('no_receivables');
    expect(percentageCurrent({ totalReceivables: eur(-10), currentReceivables: eur(0) }).reason).toBe('net_credit_balance');
  });
});

describe('receivables from documents and allocations', () => {
  const documents: ReceivableDocument[] = [
    { documentId: 'INV-1', currency: 'EUR', amountMinor: 1_000_00n, issueDate: '2026-01-05', dueDate: '2026-02-04' },
    { documentId: 'INV-2', currency: 'EUR', amountMinor: 2_000_00n, issueDate: '2026-02-10', dueDate: '2026-03-12' },
    { documentId: 'CN-1', currency: 'EUR', amountMinor: -300_00n, issueDate: '2026-02-15', dueDate: '2026-02-15' },
    { documentId: 'INV-3', currency: 'EUR', amountMinor: 700_00n, issueDate: '2026-03-01', dueDate: '2026-03-31' },
  ];
  const allocations = [
    { documentId: 'INV-1', date: '2026-01-20', amountMinor: 500_00n },
    { documentId: 'INV-1', date: '2026-03-10', amountMinor: 500_00n },
    { documentId: 'INV-2', date: '2026-03-20', amountMinor: 2_000_00n },
    { documentId: 'OTHER', date: '2026-01-01', amountMinor: 9_999_00n },
  ];

  it('counts documents settled after the as-of date as open on it, split into current and past due', () => {
    // 28 Feb: INV-1 1,000 − 500 = 500 past due (due 4 Feb); INV-2 2,000 current (due 12 Mar); CN-1 −300 past due;
    // INV-3 not issued yet. Total 2,200, current 2,000, past due 200.
    expect(receivablesAsOf({ currency: 'EUR', documents, allocations, asOf: '2026-02-28' })).toEqual({
      asOf: '2026-02-28',
      total: eur(2_200),
      current: eur(2_000),
      pastDue: eur(200),
      openDocumentCount: 3,
    });
    // 15 Mar: INV-1 settled on 10 Mar; INV-2 (paid on 20 Mar) still open and now past due; INV-3 700 current.
    // Total 2,000 − 300 + 700 = 2,400, current 700, past due 1,700
    expect(receivablesAsOf({ currency: 'EUR', documents, allocations, asOf: '2026-03-15' })).toMatchObject({ total: eur(2_400), current: eur(700), pastDue: eur(1_700), openDocumentCount: 3 });
    // On its due date an invoice is still current
    expect(receivablesAsOf({ currency: 'EUR', documents, allocations, asOf: '2026-03-12' }).current).toEqual(eur(2_700));
  });

  it('feeds the DSO of a month: February 2026 → 36.2 days', () => {
    // sales issued in February: 2,000 − 300 = 1,700; receivables on 28 Feb 2,200: 2,200 ÷ 1,700 × 28 = 616/17 = 36.23… → 36.2
    const february = calendarMonth(2026, 2);
    const creditSales = creditSalesIn({ currency: 'EUR', documents, period: february });
    expect(creditSales).toEqual(eur(1_700));
    const receivables = receivablesAsOf({ currency: 'EUR', documents, allocations, asOf: february.end });
    expect(dsoStandard({ endingReceivables: receivables.total, creditSales, period: february })).toMatchObject({ value: 36.2, exact: { numerator: 616n, denominator: 17n } });
  });

  it('refuses a document in another currency', () => {
    expect(() => receivablesAsOf({ currency: 'USD', documents, allocations, asOf: '2026-02-28' })).toThrow(CurrencyMismatchError);
  });
});

describe('average days to pay', () => {
  const invoices: SettledInvoice[] = [
    { invoiceId: 'A', currency: 'EUR', amountMinor: 1_000_00n, issueDate: '2024-01-01', paidDate: '2024-01-31' },
    { invoiceId: 'B', currency: 'EUR', amountMinor: 3_000_00n, issueDate: '2024-01-10', paidDate: '2024-03-01' },
  ];

  it('gives the simple and the amount-weighted mean of days from invoice date to payment', () => {
    // A: 1 → 31 Jan = 30 days. B: 10 Jan → 31 Jan 21, → 29 Feb 50, → 1 Mar 51 days (leap February).
    // simple (30 + 51) ÷ 2 = 81/2 = 40.5; weighted (1,000 × 30 + 3,000 × 51) ÷ 4,000 = 183,000 ÷ 4,000 = 45.75 → 45.8
    const adp = averageDaysToPay({ currency: 'EUR', invoices });
    expect(adp.simple).toMatchObject({ value: 40.5, exact: { numerator: 81n, denominator: 2n } });
    expect(adp.amountWeighted).toMatchObject({ value: 45.8, exact: { numerator: 183n, denominator: 4n } });
    expect(adp.simple.inputs).toMatchObject({ invoiceCount: 2, daysSum: 81, totalAmount: eur(4_000), amountDaysSum: 18_300_000n });
  });

  it('counts only invoices paid in the period when given one', () => {
    expect(averageDaysToPay({ currency: 'EUR', invoices, period: calendarMonth(2024, 3) }).simple.value).toBe(51);
  });

  it('is undefined without settled invoices and refuses other currencies and non-positive amounts', () => {
    expect(averageDaysToPay({ currency: 'EUR', invoices: [] }).amountWeighted).toMatchObject({ value: null, reason: 'no_settled_invoices' });
    expect(() => averageDaysToPay({ currency: 'USD', invoices })).toThrow(CurrencyMismatchError);
    expect(() => averageDaysToPay({ currency: 'EUR', invoices: [{ ...invoices[0]!, amountMinor: 0n }] })).toThrow(RangeError);
  });
});

describe('disputes', () => {
  const dispute = (disputeId: string, invoiceId: string, euros: number, openedDate: string, resolvedDate: string | null): DisputeRecord => ({
    disputeId,
    invoiceId,
    currency: 'EUR',
    amountMinor: BigInt(euros) * 100n,
    openedDate,
    resolvedDate,
  });

  it('gives the dispute rate by invoices and by amount', () => {
    // Opened in March: A 2,000, A again 500, B 1,500 (the February one does not count).
    // by count: invoices A and B = 2 ÷ 40 issued × 100 = 5.0 %; by amount: 4,000 ÷ 100,000 × 100 = 4.0 %
    const disputes = [dispute('d1', 'A', 2_000, '2026-03-03', null), dispute('d2', 'A', 500, '2026-03-20', null), dispute('d3', 'B', 1_500, '2026-03-31', null), dispute('d4', 'C', 900, '2026-02-27', null)];
    const rate = disputeRate({ period: march2026, issuedInvoiceCount: 40, issuedAmount: eur(100_000), disputes });
    expect(rate.countRate).toMatchObject({ value: 5, exact: { numerator: 5n, denominator: 1n } });
    expect(rate.amountRate).toMatchObject({ value: 4, exact: { numerator: 4n, denominator: 1n } });
    expect(rate.countRate.inputs).toMatchObject({ disputesOpened: 3, invoicesDisputed: 2, disputedAmount: eur(4_000) });
    expect(disputeRate({ period: march2026, issuedInvoiceCount: 0, issuedAmount: eur(0), disputes }).countRate.reason).toBe('no_invoices_issued');
    expect(() => disputeRate({ period: march2026, issuedInvoiceCount: 40, issuedAmount: usd(100_000), disputes })).toThrow(CurrencyMismatchError);
  });

  it('gives the average days to resolve the disputes resolved in the period', () => {
    // 20 Feb → 5 Mar 2026: 8 days to 28 Feb + 5 = 13; 2 → 12 Mar: 10; 10 → 31 Mar: 21. (13 + 10 + 21) ÷ 3 = 44/3 = 14.7
    // Still open at the end of March: the one opened 15 Mar and the one resolved 2 Apr.
    const disputes = [
      dispute('r1', 'A', 100, '2026-02-20', '2026-03-05'),
      dispute('r2', 'B', 100, '2026-03-02', '2026-03-12'),
      dispute('r3', 'C', 100, '2026-03-10', '2026-03-31'),
      dispute('r4', 'D', 100, '2026-02-01', '2026-02-25'),
      dispute('r5', 'E', 100, '2026-03-15', null),
      { ...dispute('r6', 'F', 100, '2026-03-20', '2026-04-02'), currency: 'USD' },
    ];
    const days = averageDaysToResolve({ period: march2026, disputes });
    expect(days).toMatchObject({ value: 14.7, exact: { numerator: 44n, denominator: 3n } });
    expect(days.inputs).toEqual({ period: { start: '2026-03-01', end: '2026-03-31', days: 31 }, resolvedCount: 3, daysSum: 44, openAtPeriodEnd: 2 });
    expect(averageDaysToResolve({ period: april2026, disputes: [dispute('x', 'A', 1, '2026-04-01', null)] }).reason).toBe('no_resolved_disputes');
    expect(() => averageDaysToResolve({ period: march2026, disputes: [dispute('bad', 'A', 1, '2026-03-10', '2026-03-09')] })).toThrow(/resolved before/);
  });
});

const promise = (promiseId: string, collectorId: string | null, madeDate: string, promisedDate: string, promised: number, paid: number, currency = 'EUR'): PromiseToPay => ({
  promiseId,
  collectorId,
  currency,
  madeDate,
  promisedDate,
  promisedAmountMinor: BigInt(promised) * 100n,
  paidByPromisedDateMinor: BigInt(paid) * 100n,
});

describe('promise-kept rate', () => {
  it('counts promises paid in full by their date over the promises due in the period', () => {
    // Due in March: p1 500/500 kept, p2 300/350 kept (overpaid), p3 400/100 partly kept, p4 USD 200/0 broken.
    // 2 kept ÷ 4 due × 100 = 50.0 %. p5 falls due in April (not yet due), p6 fell due in February (not counted).
    const promises = [
      promise('p1', 'ana', '2026-03-02', '2026-03-10', 500, 500),
      promise('p2', 'ana', '2026-02-25', '2026-03-15', 300, 350),
      promise('p3', 'ana', '2026-03-05', '2026-03-20', 400, 100),
      promise('p4', 'ben', '2026-03-05', '2026-03-31', 200, 0, 'USD'),
      promise('p5', 'ben', '2026-03-25', '2026-04-05', 1_000, 0),
      promise('p6', null, '2026-02-01', '2026-02-20', 100, 0),
    ];
    const result = promiseKeptRate({ period: march2026, promises });
    expect(result.keptRate).toMatchObject({ value: 50, exact: { numerator: 50n, denominator: 1n } });
    expect(result.keptRate.inputs).toMatchObject({ due: 4, kept: 2, partlyKept: 1, broken: 1, notYetDue: 1 });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['kept', 'kept', 'partly_kept', 'broken']);
    // promised EUR 500 + 300 + 400 = 1,200, USD 200; paid towards them, capped at each promise: EUR 500 + 300 + 100 = 900, USD 0
    expect(result.promised).toEqual([eur(1_200), usd(200)]);
    expect(result.paidTowardsPromises).toEqual([eur(900), usd(0)]);
    expect(promiseKeptRate({ period: april2026, promises: [] }).keptRate.reason).toBe('no_promises_due');
  });
});

describe('collector performance', () => {
  it('tallies contacts, promises taken and kept, and the amount collected per collector and currency', () => {
    const contacts = [
      { collectorId: 'ana', date: '2026-03-02', channel: 'call' },
      { collectorId: 'ana', date: '2026-03-03', channel: 'email' },
      { collectorId: 'ana', date: '2026-03-30', channel: 'call' },
      { collectorId: 'ben', date: '2026-03-05', channel: 'call' },
      { collectorId: 'ben', date: '2026-02-28', channel: 'letter' },
    ];
    const promises = [
      promise('p1', 'ana', '2026-03-02', '2026-03-10', 500, 500),
      promise('p2', 'ana', '2026-02-25', '2026-03-15', 300, 350),
      promise('p3', 'ana', '2026-03-05', '2026-03-20', 400, 100),
      promise('p4', 'ben', '2026-03-05', '2026-03-31', 200, 0),
      promise('p5', 'ben', '2026-03-25', '2026-04-05', 1_000, 0),
      promise('p6', 'dora', '2026-01-10', '2026-02-10', 100, 100),
      promise('p7', null, '2026-03-01', '2026-03-05', 100, 100),
    ];
    const payments = [
      { collectorId: 'ana', date: '2026-03-10', currency: 'EUR', amountMinor: 500_00n },
      { collectorId: 'ana', date: '2026-03-14', currency: 'EUR', amountMinor: 300_00n },
      { collectorId: 'ana', date: '2026-03-20', currency: 'USD', amountMinor: 100_00n },
      { collectorId: 'ben', date: '2026-03-31', currency: 'EUR', amountMinor: 50_00n },
      { collectorId: 'ben', date: '2026-03-31', currency: 'EUR', amountMinor: -50_00n },
      { collectorId: 'carl', date: '2026-02-27', currency: 'EUR', amountMinor: 1_000_00n },
    ];
    const performance = collectorPerformance({ period: march2026, contacts, promises, payments });
    // ana: 3 contacts (2 calls, 1 email); took p1 and p3 in March (p2 in February); p1, p2 kept of p1-p3 due: 2 ÷ 3 = 66.7 %;
    //      collected EUR 500 + 300 = 800 and USD 100.
    // ben: 1 contact in March; took p4 and p5; p4 broken of 1 due: 0.0 %; p5 not yet due; EUR 50 − 50 reversed = 0.
    // carl and dora did nothing in March; the portal promise p7 has no collector.
    expect(performance.map((p) => [p.collectorId, p.contacts, p.contactsByChannel, p.promisesMade, p.promiseKeptRate.value, p.collected])).toEqual([
      ['ana', 3, { call: 2, email: 1 }, 2, 66.7, [eur(800), usd(100)]],
      ['ben', 1, { call: 1 }, 2, 0, [eur(0)]],
    ]);
    expect(performance[1]?.promiseKeptRate.inputs).toMatchObject({ due: 1, broken: 1, notYetDue: 1 });
  });
});

describe('monthly trend', () => {
  it('calls the figure once per month with the month\'s exact days', () => {
    // Sales Jan 31,000 / Feb 28,000 / Mar 31,000 and month-end receivables 15,500 / 14,000 / 31,000:
    // Jan 15,500 ÷ 31,000 × 31 = 15.5; Feb 14,000 ÷ 28,000 × 28 = 14; Mar 31,000 ÷ 31,000 × 31 = 31
    const sales = new Map([['2026-01', 31_000], ['2026-02', 28_000], ['2026-03', 31_000]]);
    const receivables = new Map([['2026-01', 15_500], ['2026-02', 14_000], ['2026-03', 31_000]]);
    const key = (month: Period) => month.start.toPlainYearMonth().toString();
    const trend = monthlyTrend(period('2026-01-01', '2026-03-31'), (month) =>
      dsoStandard({ endingReceivables: eur(receivables.get(key(month)) ?? 0), creditSales: eur(sales.get(key(month)) ?? 0), period: month }).value,
    );
    expect(trend).toEqual([
      { period: { start: '2026-01-01', end: '2026-01-31', days: 31 }, value: 15.5 },
      { period: { start: '2026-02-01', end: '2026-02-28', days: 28 }, value: 14 },
      { period: { start: '2026-03-01', end: '2026-03-31', days: 31 }, value: 31 },
    ]);
  });

  it('covers a leap year in twelve months of 366 days', () => {
    const trend = monthlyTrend(calendarYear(2024), (month) => daysInPeriod(month));
    expect(trend).toHaveLength(12);
    expect(trend.reduce((s, p) => s + p.value, 0)).toBe(366);
    expect(trend[1]?.period).toEqual({ start: '2024-02-01', end: '2024-02-29', days: 29 });
  });
});

describe('currencies', () => {
  it('refuses to mix currencies and splits and sums per currency', () => {
    expect(commonCurrency([eur(1), eur(2)])).toBe('EUR');
    expect(() => commonCurrency([eur(1), usd(2)])).toThrow(CurrencyMismatchError);
    const amounts = [usd(5), eur(1), usd(-2), eur(3)];
    expect([...splitByCurrency(amounts).keys()]).toEqual(['EUR', 'USD']);
    expect(sumByCurrency(amounts)).toEqual([eur(4), usd(3)]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const amount = (max: bigint) => fc.bigInt({ min: 0n, max });
const parts = fc.integer({ min: 0, max: 1_000_000 });
const epoch = Temporal.PlainDate.from('2000-01-01');
const anyPeriod = fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 800 })).map(([offset, length]) => {
  const start = epoch.add({ days: offset });
  return period(start, start.add({ days: length }));
});
const money = (amountMinor: bigint): Money => ({ amountMinor, currency: 'EUR' });
const zero = ratio(0n, 1n);
const hundred = ratio(100n, 1n);

describe('properties', () => {
  it('CEI lies in [0, 100] when the inputs are consistent, and is undefined only when nothing was collectible', () => {
    fc.assert(
      fc.property(amount(10n ** 12n), amount(10n ** 12n), parts, parts, (beginning, sales, collectedShare, currentShare) => {
        // Collections are between nothing and everything owed; the current part is between nothing and all that is left.
        const ending = beginning + sales - ((beginning + sales) * BigInt(collectedShare)) / 1_000_000n;
        const endingCurrent = (ending * BigInt(currentShare)) / 1_000_000n;
        const cei = collectionEffectivenessIndex({ beginningReceivables: money(beginning), creditSales: money(sales), endingReceivables: money(ending), endingCurrentReceivables: money(endingCurrent) });
        if (cei.exact === null) return beginning + sales - endingCurrent === 0n;
        return compareRatios(cei.exact, zero) >= 0 && compareRatios(cei.exact, hundred) <= 0 && cei.value >= 0 && cei.value <= 100;
      }),
    );
  });

  it('best possible DSO ≤ DSO when current ≤ total receivables, and ADD = DSO − BPDSO ≥ 0 exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), amount(10n ** 12n), fc.bigInt({ min: 1n, max: 10n ** 12n }), anyPeriod, (total, below, sales, p) => {
        const current = total - below;
        const dso = dsoStandard({ endingReceivables: money(total), creditSales: money(sales), period: p });
        const bpdso = bestPossibleDso({ currentReceivables: money(current), creditSales: money(sales), period: p });
        const add = averageDaysDelinquent({ totalReceivables: money(total), currentReceivables: money(current), creditSales: money(sales), period: p });
        if (dso.exact === null || bpdso.exact === null || add.exact === null) return false;
        return compareRatios(bpdso.exact, dso.exact) <= 0 && bpdso.value <= dso.value && compareRatios(add.exact, subtractRatios(dso.exact, bpdso.exact)) === 0 && compareRatios(add.exact, zero) >= 0;
      }),
    );
  });

  it('countback DSO equals standard DSO exactly for constant sales over months of equal length', () => {
    // With sales S in each of n months of L days and receivables A ≤ n·S: countback = ⌊A/S⌋·L + (A mod S)/S·L = A·L/S,
    // and standard DSO over the n months = A ÷ (n·S) × (n·L) = A·L/S.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 28, max: 31 }), fc.bigInt({ min: 1n, max: 10n ** 10n }), parts, (n, length, sales, share) => {
        const months: SalesMonth[] = [];
        let start = Temporal.PlainDate.from('2025-01-01');
        for (let i = 0; i < n; i++) {
          months.push({ period: period(start, start.add({ days: length - 1 })), creditSales: money(sales) });
          start = start.add({ days: length });
        }
        const receivables = (BigInt(n) * sales * BigInt(share)) / 1_000_000n;
        const countback = dsoCountback({ endingReceivables: money(receivables), months });
        const whole = period(months[0]!.period.start, months[n - 1]!.period.end);
        const standard = dsoStandard({ endingReceivables: money(receivables), creditSales: money(BigInt(n) * sales), period: whole });
        return countback.exact !== null && standard.exact !== null && compareRatios(countback.exact, standard.exact) === 0;
      }),
    );
  });

  it('countback DSO for constant sales over calendar months is within 3 days per month of sales of standard DSO', () => {
    // Both are (A/S) months of 28 to 31 days each, so they differ by at most (31 − 28) × A/S.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36 }), fc.integer({ min: 0, max: 600 }), fc.bigInt({ min: 1n, max: 10n ** 10n }), parts, (n, monthOffset, sales, share) => {
        const asOf = Temporal.PlainYearMonth.from('2000-01').add({ months: monthOffset }).toPlainDate({ day: 1 }).add({ months: 1 }).subtract({ days: 1 });
        const months = trailingMonths(asOf, n).map((p) => ({ period: p, creditSales: money(sales) }));
        const receivables = (BigInt(n) * sales * BigInt(share)) / 1_000_000n;
        const countback = dsoCountback({ endingReceivables: money(receivables), months });
        const standard = dsoStandard({ endingReceivables: money(receivables), creditSales: money(BigInt(n) * sales), period: period(months[0]!.period.start, asOf) });
        if (countback.exact === null || standard.exact === null) return false;
        const difference = subtractRatios(countback.exact, standard.exact);
        const bound = ratio(3n * receivables, sales);
        return compareRatios(difference, bound) <= 0 && compareRatios(ratio(-difference.numerator, difference.denominator), bound) <= 0;
      }),
    );
  });

  it('countback DSO never falls when receivables grow', () => {
    fc.assert(
      fc.property(fc.array(amount(10n ** 9n), { minLength: 1, maxLength: 24 }), amount(10n ** 10n), amount(10n ** 10n), (sales, a, b) => {
        const months = trailingMonths('2026-06-30', sales.length).map((p, i) => ({ period: p, creditSales: money(sales[i] ?? 0n) }));
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lower = dsoCountback({ endingReceivables: money(low), months });
        const higher = dsoCountback({ endingReceivables: money(high), months });
        if (higher.exact === null) return true; // history exhausted: no value to compare
        return lower.exact !== null && compareRatios(lower.exact, higher.exact) <= 0;
      }),
    );
  });

  it('monthly periods are contiguous, cover the range and add up to its days', () => {
    fc.assert(
      fc.property(anyPeriod, (range) => {
        const months = monthlyPeriods(range);
        const first = months[0];
        const last = months[months.length - 1];
        if (!first || !last || !first.start.equals(range.start) || !last.end.equals(range.end)) return false;
        if (months.some((m, i) => i > 0 && !months[i - 1]!.end.add({ days: 1 }).equals(m.start))) return false;
        if (months.some((m) => m.start.month !== m.end.month || m.start.year !== m.end.year)) return false;
        return months.reduce((s, m) => s + daysInPeriod(m), 0) === daysInPeriod(range);
      }),
    );
  });

  it('days to pay from the per-day sums (count, Σ days, Σ amount × days, Σ amount) equal those from the invoices, however they are grouped', () => {
    const invoice = fc.record({ amount: fc.bigInt({ min: 1n, max: 10n ** 12n }), issued: fc.integer({ min: 0, max: 400 }), days: fc.integer({ min: -30, max: 400 }) });
    fc.assert(
      fc.property(fc.array(invoice, { maxLength: 60 }), (rows) => {
        const invoices: SettledInvoice[] = rows.map((r, i) => {
          const issueDate = addDays('2025-06-01', r.issued);
          return { invoiceId: `I${i}`, currency: 'EUR', amountMinor: r.amount, issueDate, paidDate: addDays(issueDate, r.days) };
        });
        // Summed per paid date as the day totals keep them, then over the days.
        const perDay = new Map<string, { n: number; days: number; amountDays: bigint; amount: bigint }>();
        for (const [i, inv] of invoices.entries()) {
          const day = String(inv.paidDate);
          const d = perDay.get(day) ?? { n: 0, days: 0, amountDays: 0n, amount: 0n };
          const days = rows[i]?.days ?? 0;
          perDay.set(day, { n: d.n + 1, days: d.days + days, amountDays: d.amountDays + inv.amountMinor * BigInt(days), amount: d.amount + inv.amountMinor });
        }
        const sums = [...perDay.values()].reduce((a, d) => ({ n: a.n + d.n, days: a.days + d.days, amountDays: a.amountDays + d.amountDays, amount: a.amount + d.amount }), { n: 0, days: 0, amountDays: 0n, amount: 0n });
        const fromTotals = averageDaysToPayFromTotals({ currency: 'EUR', invoiceCount: sums.n, daysSum: sums.days, amountDaysSum: sums.amountDays, totalAmountMinor: sums.amount });
        expect(fromTotals).toEqual(averageDaysToPay({ currency: 'EUR', invoices }));
      }),
    );
  });

  it('amount-weighted days to pay lie between the fewest and the most days of any invoice', () => {
    const invoice = fc.record({ amount: fc.bigInt({ min: 1n, max: 10n ** 12n }), days: fc.integer({ min: -30, max: 400 }) });
    fc.assert(
      fc.property(fc.array(invoice, { minLength: 1, maxLength: 50 }), (rows) => {
        const invoices: SettledInvoice[] = rows.map((r, i) => ({ invoiceId: `I${i}`, currency: 'EUR', amountMinor: r.amount, issueDate: '2026-01-01', paidDate: addDays('2026-01-01', r.days) }));
        const { amountWeighted } = averageDaysToPay({ currency: 'EUR', invoices });
        const days = rows.map((r) => r.days);
        if (amountWeighted.exact === null) return false;
        return compareRatios(amountWeighted.exact, ratio(BigInt(Math.min(...days)), 1n)) >= 0 && compareRatios(amountWeighted.exact, ratio(BigInt(Math.max(...days)), 1n)) <= 0;
      }),
    );
  });
});
