import { Temporal } from 'temporal-polyfill';
import { CurrencyMismatchError, divideRounded, type Money } from '../../kernel/money.js';
import { areContiguous, daysInPeriod, describePeriod, periodContains, toPlainDate, type DateInput, type Period, type PeriodSummary } from './periods.js';

/**
 * AR analytics as plain functions of plain data: DSO (standard, countback, best possible), average days delinquent,
 * collection effectiveness, AR turnover, percentage current, average days to pay, dispute and promise-to-pay rates
 * and collector performance. Definitions follow DOMAIN.md; where a source allows a choice the convention is named
 * on the function.
 *
 * Conventions shared by every figure:
 * - Money is bigint minor units of one currency. Every function that sums or divides amounts works in one currency
 *   and throws CurrencyMismatchError when handed another; split mixed data with splitByCurrency first.
 * - Each figure carries its exact value as a reduced fraction (`exact`, in the figure's unit: days, percent or
 *   times) and a rounded number (`value`), plus the inputs the formula used, so the API can explain it.
 * - Rounding (kpiRounding): `value` = `exact` rounded half up (ties away from zero, so -0.05 → -0.1) to 1 decimal
 *   place for days and percentages, 2 for turnover. Rounding is done once, on the exact fraction, in integers.
 * - Days in a period are calendar days, both ends inclusive (periods.ts): leap years count 29 February.
 * - A figure the formula cannot give (division by zero, no data) has `value: null`, `exact: null` and a `reason`
 *   code with a sentence in `detail`; never Infinity or NaN.
 * - Credit balances are not clamped: a linear formula over negative receivables gives a negative figure, so the
 *   identities between figures (ADD = DSO − BPDSO) keep holding. Where a formula has no meaning for them (countback,
 *   turnover, percentage current) the figure is undefined with reason `net_credit_balance`.
 */

// ---------------------------------------------------------------------------------------------------------------
// Exact ratios and the rounding rule

/** A fraction in lowest terms with a positive denominator. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const absolute = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  let x = absolute(a);
  let y = absolute(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(numerator: bigint, denominator: bigint): Ratio {
  if (denominator === 0n) throw new RangeError('a ratio needs a non-zero denominator');
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator);
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function subtractRatios(a: Ratio, b: Ratio): Ratio {
  return ratio(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

export type FigureUnit = 'days' | 'percent' | 'times';

/** The one rounding rule of every figure's `value`. */
export const kpiRounding = {
  mode: 'half_up',
  decimalPlaces: { days: 1, percent: 1, times: 2 },
} as const satisfies { mode: 'half_up'; decimalPlaces: Record<FigureUnit, number> };

/** r rounded half up (ties away from zero) to `decimalPlaces`, as the nearest JavaScript number to that decimal. */
export function roundRatio(r: Ratio, decimalPlaces: number): number {
  const scale = 10n ** BigInt(decimalPlaces);
  return Number(divideRounded(r.numerator * scale, r.denominator, kpiRounding.mode)) / Number(scale);
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

export type KpiName =
  | 'dso_standard'
  | 'dso_countback'
  | 'best_possible_dso'
  | 'average_days_delinquent'
  | 'collection_effectiveness_index'
  | 'ar_turnover'
  | 'average_collection_period'
  | 'percentage_current'
  | 'average_days_to_pay'
  | 'average_days_to_pay_weighted'
  | 'dispute_rate_count'
  | 'dispute_rate_amount'
  | 'average_days_to_resolve'
  | 'promise_kept_rate';

/** Why a figure has no value. */
export type UndefinedReason =
  | 'no_credit_sales' // credit sales zero or negative: nothing to divide receivables by
  | 'net_credit_balance' // receivables below zero where the formula needs a balance owed
  | 'no_receivables' // receivables exactly zero where they are the divisor
  | 'sales_history_exhausted' // countback: the receivables exceed all the sales history supplied
  | 'nothing_collectible' // CEI: beginning AR + credit sales − ending current AR is zero or negative
  | 'no_settled_invoices'
  | 'no_invoices_issued'
  | 'no_resolved_disputes'
  | 'no_promises_due';

interface FigureBase<I> {
  readonly kpi: KpiName;
  readonly unit: FigureUnit;
  /** The formula in words, as the API docs state it. */
  readonly formula: string;
  readonly inputs: I;
}

export interface DefinedFigure<I> extends FigureBase<I> {
  readonly value: number;
  readonly exact: Ratio;
  readonly reason: null;
}

export interface UndefinedFigure<I> extends FigureBase<I> {
  readonly value: null;
  readonly exact: null;
  readonly reason: UndefinedReason;
  readonly detail: string;
}

export type Figure<I> = DefinedFigure<I> | UndefinedFigure<I>;

interface FigureHead {
  readonly kpi: KpiName;
  readonly unit: FigureUnit;
  readonly formula: string;
}

function definedFigure<I>(head: FigureHead, inputs: I, exact: Ratio): DefinedFigure<I> {
  return { ...head, inputs, value: roundRatio(exact, kpiRounding.decimalPlaces[head.unit]), exact, reason: null };
}

function undefinedFigure<I>(head: FigureHead, inputs: I, reason: UndefinedReason, detail: string): UndefinedFigure<I> {
  return { ...head, inputs, value: null, exact: null, reason, detail };
}

// ---------------------------------------------------------------------------------------------------------------
// Currencies

/** The one currency of the amounts; throws CurrencyMismatchError when they mix currencies. */
export function commonCurrency(amounts: readonly Money[]): string {
  const first = amounts[0];
  if (!first) throw new RangeError('no amounts to take a currency from');
  for (const a of amounts) if (a.currency !== first.currency) throw new CurrencyMismatchError(first.currency, a.currency);
  return first.currency;
}

/** Throws CurrencyMismatchError unless every item is in `currency`. */
export function requireCurrency(currency: string, items: readonly { readonly currency: string }[]): void {
  for (const item of items) if (item.currency !== currency) throw new CurrencyMismatchError(currency, item.currency);
}

/** Items grouped by currency, in currency-code order, each group in the input order. */
export function splitByCurrency<T extends { readonly currency: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))) {
    const group = groups.get(item.currency);
    if (group) group.push(item);
    else groups.set(item.currency, [item]);
  }
  return groups;
}

/** One total per currency, in currency-code order (amounts in different currencies are never added together). */
export function sumByCurrency(amounts: readonly Money[]): Money[] {
  return [...splitByCurrency(amounts)].map(([currency, group]) => ({ currency, amountMinor: group.reduce((s, a) => s + a.amountMinor, 0n) }));
}

const daysFromTo = (from: DateInput, to: DateInput): number => toPlainDate(from).until(toPlainDate(to), { largestUnit: 'days' }).days;

// ---------------------------------------------------------------------------------------------------------------
// Receivables from documents and allocations

/** An invoice (positive amount) or credit note (negative amount). */
export interface ReceivableDocument {
  readonly documentId: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly issueDate: DateInput;
  readonly dueDate: DateInput;
}

/**
 * An amount applied to a document on a date, in the document's sign (a payment to an invoice is positive; a
 * negative allocation undoes one, as a payment reversal does).
 */
export interface Allocation {
  readonly documentId: string;
  readonly date: DateInput;
  readonly amountMinor: bigint;
}

export interface Receivables {
  readonly asOf: string;
  readonly total: Money;
  /** Not yet past due on asOf (due date on or after asOf), as the aging's `current` bucket. */
  readonly current: Money;
  readonly pastDue: Money;
  readonly openDocumentCount: number;
}

/**
 * Receivables on `asOf`: for each document issued on or before asOf, its amount less the allocations dated on or
 * before asOf. A document settled after asOf therefore counts as open on asOf (the "as of a past date" rule).
 * Allocations to documents not passed are ignored, so a caller may pass a subset of documents with all allocations.
 * Unapplied cash is not an open item and is not netted here.
 */
export function receivablesAsOf(input: {
  readonly currency: string;
  readonly documents: readonly ReceivableDocument[];
  readonly allocations: readonly Allocation[];
  readonly asOf: DateInput;
}): Receivables {
  requireCurrency(input.currency, input.documents);
  const asOf = toPlainDate(input.asOf);
  const open = new Map<string, { amountMinor: bigint; current: boolean }>();
  for (const d of input.documents) {
    if (Temporal.PlainDate.compare(toPlainDate(d.issueDate), asOf) > 0) continue;
    open.set(d.documentId, { amountMinor: d.amountMinor, current: Temporal.PlainDate.compare(toPlainDate(d.dueDate), asOf) >= 0 });
  }
  for (const a of input.allocations) {
    const item = open.get(a.documentId);
    if (item && Temporal.PlainDate.compare(toPlainDate(a.date), asOf) <= 0) item.amountMinor -= a.amountMinor;
  }
  let total = 0n;
  let current = 0n;
  let openDocumentCount = 0;
  for (const item of open.values()) {
    if (item.amountMinor === 0n) continue;
    openDocumentCount++;
    total += item.amountMinor;
    if (item.current) current += item.amountMinor;
  }
  const m = (amountMinor: bigint): Money => ({ amountMinor, currency: input.currency });
  return { asOf: asOf.toString(), total: m(total), current: m(current), pastDue: m(total - current), openDocumentCount };
}

/** Net credit sales of a period: the amounts of invoices less credit notes issued in it. */
export function creditSalesIn(input: { readonly currency: string; readonly documents: readonly ReceivableDocument[]; readonly period: Period }): Money {
  requireCurrency(input.currency, input.documents);
  let amountMinor = 0n;
  for (const d of input.documents) if (periodContains(input.period, d.issueDate)) amountMinor += d.amountMinor;
  return { amountMinor, currency: input.currency };
}

// ---------------------------------------------------------------------------------------------------------------
// DSO, best possible DSO, average days delinquent

export interface DaysOfSalesInputs {
  readonly receivables: Money;
  readonly creditSales: Money;
  readonly period: PeriodSummary;
}

function daysOfSales(head: FigureHead, receivables: Money, creditSales: Money, p: Period): Figure<DaysOfSalesInputs> {
  commonCurrency([receivables, creditSales]);
  const inputs = { receivables, creditSales, period: describePeriod(p) };
  if (creditSales.amountMinor <= 0n) {
    return undefinedFigure(head, inputs, 'no_credit_sales', `no credit sales in ${inputs.period.start}..${inputs.period.end}: days of sales are undefined`);
  }
  return definedFigure(head, inputs, ratio(receivables.amountMinor * BigInt(inputs.period.days), creditSales.amountMinor));
}

const dsoStandardHead: FigureHead = { kpi: 'dso_standard', unit: 'days', formula: 'ending total receivables ÷ credit sales in the period × days in the period' };
const bestPossibleDsoHead: FigureHead = { kpi: 'best_possible_dso', unit: 'days', formula: 'ending current (not yet due) receivables ÷ credit sales in the period × days in the period' };

/**
 * DSO, standard method: ending total receivables ÷ credit sales in the period × days in the period.
 * Days are the period's calendar days (a 29-day February in a leap year). Credit sales are net of credit notes;
 * when they are zero or negative DSO is undefined (reason `no_credit_sales`). Zero receivables give 0 days; a net
 * credit balance gives negative days (not clamped).
 * Example (DOMAIN.md): receivables 15,000, credit sales 10,000 over a 30-day period → 15,000 ÷ 10,000 × 30 = 45 days.
 */
export function dsoStandard(input: { readonly endingReceivables: Money; readonly creditSales: Money; readonly period: Period }): Figure<DaysOfSalesInputs> {
  return daysOfSales(dsoStandardHead, input.endingReceivables, input.creditSales, input.period);
}

/**
 * Best possible DSO: ending current (not yet past due) receivables ÷ credit sales in the period × days in the
 * period; the DSO if every customer paid on time. Same undefined and sign rules as dsoStandard.
 * Example (DOMAIN.md): current receivables 4,000, credit sales 10,000 over 30 days → 4,000 ÷ 10,000 × 30 = 12 days.
 */
export function bestPossibleDso(input: { readonly currentReceivables: Money; readonly creditSales: Money; readonly period: Period }): Figure<DaysOfSalesInputs> {
  return daysOfSales(bestPossibleDsoHead, input.currentReceivables, input.creditSales, input.period);
}

export interface AverageDaysDelinquentInputs {
  readonly totalReceivables: Money;
  readonly currentReceivables: Money;
  readonly pastDueReceivables: Money;
  readonly creditSales: Money;
  readonly period: PeriodSummary;
  readonly dso: Figure<DaysOfSalesInputs>;
  readonly bestPossibleDso: Figure<DaysOfSalesInputs>;
}

/**
 * Average days delinquent (ADD) = DSO − best possible DSO, both by the standard method over the same period,
 * which is (total − current receivables) ÷ credit sales × days: past-due receivables in days of sales.
 * Computed exactly before rounding, so the rounded ADD may differ by 0.1 from the difference of the rounded DSOs.
 * Undefined when credit sales are zero or negative. DOMAIN.md gives no invoice-weighted variant, so none is offered.
 * Example (DOMAIN.md): receivables 15,000, current 4,000, credit sales 10,000 over 30 days → DSO 45, BPDSO 12, ADD 33.
 */
export function averageDaysDelinquent(input: {
  readonly totalReceivables: Money;
  readonly currentReceivables: Money;
  readonly creditSales: Money;
  readonly period: Period;
}): Figure<AverageDaysDelinquentInputs> {
  const head: FigureHead = { kpi: 'average_days_delinquent', unit: 'days', formula: 'DSO − best possible DSO = (total − current receivables) ÷ credit sales × days in the period' };
  const currency = commonCurrency([input.totalReceivables, input.currentReceivables, input.creditSales]);
  const dso = dsoStandard({ endingReceivables: input.totalReceivables, creditSales: input.creditSales, period: input.period });
  const bpdso = bestPossibleDso(input);
  const inputs: AverageDaysDelinquentInputs = {
    totalReceivables: input.totalReceivables,
    currentReceivables: input.currentReceivables,
    pastDueReceivables: { amountMinor: input.totalReceivables.amountMinor - input.currentReceivables.amountMinor, currency },
    creditSales: input.creditSales,
    period: describePeriod(input.period),
    dso,
    bestPossibleDso: bpdso,
  };
  if (dso.exact === null || bpdso.exact === null) return undefinedFigure(head, inputs, 'no_credit_sales', 'no credit sales in the period: DSO and so ADD are undefined');
  return definedFigure(head, inputs, subtractRatios(dso.exact, bpdso.exact));
}

// ---------------------------------------------------------------------------------------------------------------
// Countback DSO

export interface SalesMonth {
  readonly period: Period;
  /** Net credit sales of the month (invoices less credit notes issued in it). */
  readonly creditSales: Money;
}

export interface CountbackStep {
  readonly period: PeriodSummary;
  readonly creditSales: Money;
  /** Receivables still to account for when the walk reached this month. */
  readonly receivablesRemaining: Money;
  /** Days this month adds: all its days, or remaining ÷ sales × its days for the last month walked. */
  readonly daysCounted: Ratio;
}

export interface CountbackInputs {
  readonly endingReceivables: Money;
  readonly steps: readonly CountbackStep[];
  /** Receivables left when the history ran out (zero unless the reason is sales_history_exhausted). */
  readonly receivablesUnaccounted: Money;
  /** The days counted; when the history is exhausted, a lower bound of the DSO. */
  readonly daysCounted: Ratio;
}

/**
 * DSO, countback method (DOMAIN.md): start from the receivables at the end of the last month and walk back month by
 * month. While the remaining receivables are at least the month's credit sales, subtract those sales and add the
 * month's calendar days; at the first month whose sales exceed what remains, add remaining ÷ that month's sales × its
 * days, and stop. The walk also stops as soon as nothing remains.
 *   countback DSO = Σ days of the whole months consumed + (remaining ÷ sales of the last month) × its days
 * `months` are contiguous, oldest first, and the receivables are those at the end of the last one (trailingMonths
 * gives such a list). Conventions:
 * - A month with zero or negative net sales has no sales to account for receivables, so it is consumed whole (its
 *   days are added, nothing is subtracted).
 * - Zero receivables give 0 days. A net credit balance is undefined (`net_credit_balance`): there is nothing owed to
 *   count back.
 * - When the receivables exceed all the sales supplied, the DSO is undefined (`sales_history_exhausted`); the inputs
 *   show the days counted, a lower bound, and the receivables left unaccounted. Pass more history to get a value.
 *   Receivables exactly equal to the whole history give its total days.
 * Example (DOMAIN.md, 30-day months): sales M1 70,000, M2 80,000, M3 100,000, receivables 212,000 at the end of M3 →
 * 30 (M3, 112,000 left) + 30 (M2, 32,000 left) + 32,000 ÷ 70,000 × 30 (M1) = 516/7 = 73.7 days.
 */
export function dsoCountback(input: { readonly endingReceivables: Money; readonly months: readonly SalesMonth[] }): Figure<CountbackInputs> {
  const head: FigureHead = { kpi: 'dso_countback', unit: 'days', formula: 'days of the latest months whose credit sales add up to the ending receivables, the oldest month pro rata' };
  const currency = commonCurrency([input.endingReceivables, ...input.months.map((m) => m.creditSales)]);
  if (!areContiguous(input.months.map((m) => m.period))) throw new RangeError('countback months must be contiguous and oldest first');
  const money = (amountMinor: bigint): Money => ({ amountMinor, currency });
  if (input.endingReceivables.amountMinor < 0n) {
    const inputs = { endingReceivables: input.endingReceivables, steps: [], receivablesUnaccounted: money(0n), daysCounted: ratio(0n, 1n) };
    return undefinedFigure(head, inputs, 'net_credit_balance', 'receivables are a net credit balance: there are no sales to count back');
  }
  let remaining = input.endingReceivables.amountMinor;
  let days = ratio(0n, 1n);
  const steps: CountbackStep[] = [];
  for (let i = input.months.length - 1; i >= 0 && remaining > 0n; i--) {
    const month = input.months[i];
    if (!month) break;
    const monthDays = BigInt(daysInPeriod(month.period));
    const sales = month.creditSales.amountMinor;
    const counted = sales <= 0n || remaining >= sales ? ratio(monthDays, 1n) : ratio(remaining * monthDays, sales);
    steps.push({ period: describePeriod(month.period), creditSales: month.creditSales, receivablesRemaining: money(remaining), daysCounted: counted });
    days = ratio(days.numerator * counted.denominator + counted.numerator * days.denominator, days.denominator * counted.denominator);
    remaining = sales <= 0n ? remaining : remaining >= sales ? remaining - sales : 0n;
  }
  const inputs: CountbackInputs = { endingReceivables: input.endingReceivables, steps, receivablesUnaccounted: money(remaining), daysCounted: days };
  if (remaining > 0n) {
    return undefinedFigure(head, inputs, 'sales_history_exhausted', `receivables exceed the ${input.months.length} months of sales supplied: DSO is more than ${roundRatio(days, 1)} days`);
  }
  return definedFigure(head, inputs, days);
}

// ---------------------------------------------------------------------------------------------------------------
// Collection effectiveness index

export type CeiSalesBasis = { readonly kind: 'whole_period' } | { readonly kind: 'monthly_average'; readonly months: number };

export interface CeiInputs {
  readonly beginningReceivables: Money;
  readonly creditSales: Money;
  readonly endingReceivables: Money;
  readonly endingCurrentReceivables: Money;
  readonly salesBasis: CeiSalesBasis;
  /** The credit sales the formula used: the whole period's, or ÷ months for the monthly-average form (minor units). */
  readonly creditSalesUsed: Ratio;
  /** beginning + sales used − ending total (minor units). */
  readonly collected: Ratio;
  /** beginning + sales used − ending current (minor units). */
  readonly collectible: Ratio;
}

/**
 * Collection effectiveness index (CEI) = (beginning receivables + credit sales − ending total receivables) ÷
 * (beginning receivables + credit sales − ending current receivables) × 100, in percent.
 * By default credit sales are the whole period's (the convention Cashloop uses); `salesBasis: { kind:
 * 'monthly_average', months: N }` uses the sales ÷ N instead, as some sources do. With consistent inputs (ending
 * receivables no more than beginning + sales, current no more than total, none negative) the whole-period CEI lies
 * in [0, 100]; other inputs give what the formula gives, unclamped. Undefined (`nothing_collectible`) when the
 * divisor is zero or negative.
 * Example (DOMAIN.md): beginning 6,200, three months' sales 10,890, ending 6,340, ending current 3,590 →
 * whole period (6,200 + 10,890 − 6,340) ÷ (6,200 + 10,890 − 3,590) × 100 = 10,750 ÷ 13,500 × 100 = 79.6 %;
 * monthly average (6,200 + 3,630 − 6,340) ÷ (6,200 + 3,630 − 3,590) × 100 = 3,490 ÷ 6,240 × 100 = 55.9 %.
 */
export function collectionEffectivenessIndex(input: {
  readonly beginningReceivables: Money;
  readonly creditSales: Money;
  readonly endingReceivables: Money;
  readonly endingCurrentReceivables: Money;
  readonly salesBasis?: CeiSalesBasis;
}): Figure<CeiInputs> {
  const head: FigureHead = {
    kpi: 'collection_effectiveness_index',
    unit: 'percent',
    formula: '(beginning receivables + credit sales − ending total receivables) ÷ (beginning receivables + credit sales − ending current receivables) × 100',
  };
  commonCurrency([input.beginningReceivables, input.creditSales, input.endingReceivables, input.endingCurrentReceivables]);
  const salesBasis = input.salesBasis ?? { kind: 'whole_period' };
  const n = salesBasis.kind === 'monthly_average' ? salesBasis.months : 1;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('the monthly-average CEI needs a whole number of months, 1 or more');
  const months = BigInt(n);
  // Scaled by the number of months so the monthly average stays exact: (N·B + S − N·E) ÷ (N·B + S − N·Ec).
  const collectedScaled = months * input.beginningReceivables.amountMinor + input.creditSales.amountMinor - months * input.endingReceivables.amountMinor;
  const collectibleScaled = months * input.beginningReceivables.amountMinor + input.creditSales.amountMinor - months * input.endingCurrentReceivables.amountMinor;
  const inputs: CeiInputs = {
    beginningReceivables: input.beginningReceivables,
    creditSales: input.creditSales,
    endingReceivables: input.endingReceivables,
    endingCurrentReceivables: input.endingCurrentReceivables,
    salesBasis,
    creditSalesUsed: ratio(input.creditSales.amountMinor, months),
    collected: ratio(collectedScaled, months),
    collectible: ratio(collectibleScaled, months),
  };
  if (collectibleScaled <= 0n) return undefinedFigure(head, inputs, 'nothing_collectible', 'beginning receivables + credit sales − ending current receivables is not positive: nothing was collectible');
  return definedFigure(head, inputs, ratio(100n * collectedScaled, collectibleScaled));
}

// ---------------------------------------------------------------------------------------------------------------
// AR turnover and average collection period

export interface ArTurnoverInputs {
  readonly beginningReceivables: Money;
  readonly endingReceivables: Money;
  /** (beginning + ending) ÷ 2, in minor units. */
  readonly averageReceivables: Ratio;
  readonly creditSales: Money;
  readonly period: PeriodSummary;
}

/**
 * AR turnover = net credit sales in the period ÷ average receivables, with average receivables = (beginning +
 * ending) ÷ 2, in times per period. Average collection period = days in the period ÷ turnover = average receivables
 * ÷ credit sales × days. DOMAIN.md writes 365 ÷ turnover for a year; Cashloop uses the period's calendar days, which
 * is 365 for a common year, 366 for a leap year, and keeps quarterly or monthly turnover in matching days.
 * Turnover is undefined when average receivables are zero (`no_receivables`) or negative (`net_credit_balance`);
 * the collection period also when credit sales are zero or negative (`no_credit_sales`).
 * Example: sales 1,200,000 in 2023, receivables 100,000 → 140,000: average 120,000, turnover 10.00, period
 * 365 ÷ 10 = 36.5 days; the same figures for 2024 give 366 ÷ 10 = 36.6 days.
 */
export function arTurnover(input: {
  readonly beginningReceivables: Money;
  readonly endingReceivables: Money;
  readonly creditSales: Money;
  readonly period: Period;
}): { readonly turnover: Figure<ArTurnoverInputs>; readonly averageCollectionPeriod: Figure<ArTurnoverInputs> } {
  const turnoverHead: FigureHead = { kpi: 'ar_turnover', unit: 'times', formula: 'net credit sales ÷ ((beginning receivables + ending receivables) ÷ 2)' };
  const periodHead: FigureHead = { kpi: 'average_collection_period', unit: 'days', formula: 'days in the period ÷ AR turnover' };
  commonCurrency([input.beginningReceivables, input.endingReceivables, input.creditSales]);
  const twiceAverage = input.beginningReceivables.amountMinor + input.endingReceivables.amountMinor;
  const inputs: ArTurnoverInputs = {
    beginningReceivables: input.beginningReceivables,
    endingReceivables: input.endingReceivables,
    averageReceivables: ratio(twiceAverage, 2n),
    creditSales: input.creditSales,
    period: describePeriod(input.period),
  };
  if (twiceAverage <= 0n) {
    const reason = twiceAverage === 0n ? 'no_receivables' : 'net_credit_balance';
    const detail = twiceAverage === 0n ? 'average receivables are zero: turnover is undefined' : 'average receivables are a net credit balance: turnover is undefined';
    return { turnover: undefinedFigure(turnoverHead, inputs, reason, detail), averageCollectionPeriod: undefinedFigure(periodHead, inputs, reason, detail) };
  }
  const turnover = definedFigure(turnoverHead, inputs, ratio(2n * input.creditSales.amountMinor, twiceAverage));
  if (input.creditSales.amountMinor <= 0n) {
    return { turnover, averageCollectionPeriod: undefinedFigure(periodHead, inputs, 'no_credit_sales', 'no credit sales in the period: turnover is zero and the collection period undefined') };
  }
  return { turnover, averageCollectionPeriod: definedFigure(periodHead, inputs, ratio(twiceAverage * BigInt(inputs.period.days), 2n * input.creditSales.amountMinor)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Percentage current

export interface PercentageCurrentInputs {
  readonly totalReceivables: Money;
  readonly currentReceivables: Money;
}

/**
 * Percentage current = current (not yet past due) receivables ÷ total receivables × 100. Undefined when total
 * receivables are zero (`no_receivables`) or a net credit balance (`net_credit_balance`). Credits among the items
 * can push it below 0 or above 100; it is not clamped.
 * Example: current 4,000 of 15,000 → 4,000 ÷ 15,000 × 100 = 26.7 %.
 */
export function percentageCurrent(input: { readonly totalReceivables: Money; readonly currentReceivables: Money }): Figure<PercentageCurrentInputs> {
  const head: FigureHead = { kpi: 'percentage_current', unit: 'percent', formula: 'current receivables ÷ total receivables × 100' };
  commonCurrency([input.totalReceivables, input.currentReceivables]);
  const inputs = { totalReceivables: input.totalReceivables, currentReceivables: input.currentReceivables };
  const total = input.totalReceivables.amountMinor;
  if (total === 0n) return undefinedFigure(head, inputs, 'no_receivables', 'no receivables: the share current is undefined');
  if (total < 0n) return undefinedFigure(head, inputs, 'net_credit_balance', 'receivables are a net credit balance: the share current is undefined');
  return definedFigure(head, inputs, ratio(100n * input.currentReceivables.amountMinor, total));
}

// ---------------------------------------------------------------------------------------------------------------
// Average days to pay

export interface SettledInvoice {
  readonly invoiceId: string;
  readonly currency: string;
  /** The invoice's amount, positive. */
  readonly amountMinor: bigint;
  readonly issueDate: DateInput;
  /** The day the invoice was settled in full (the date of its last allocation). */
  readonly paidDate: DateInput;
}

export interface AverageDaysToPayInputs {
  readonly currency: string;
  readonly period: PeriodSummary | null;
  readonly invoiceCount: number;
  readonly totalAmount: Money;
  /** Σ (paid date − issue date). */
  readonly daysSum: number;
  /** Σ amount × (paid date − issue date), in minor-unit days. */
  readonly amountDaysSum: bigint;
}

/**
 * Average days to pay (ADP) of settled invoices, from the invoice date to the day the invoice was paid in full:
 * - simple: Σ (paid date − issue date) ÷ number of invoices
 * - amount-weighted: Σ amount × (paid date − issue date) ÷ Σ amount
 * With a `period`, only invoices paid in it count. A payment before the invoice date counts as negative days.
 * Undefined (`no_settled_invoices`) with no invoices. Amounts must be positive (credit notes are not paid).
 * Example: 1,000 issued 2024-01-01 paid 2024-01-31 (30 days) and 3,000 issued 2024-01-10 paid 2024-03-01 (51 days,
 * through a 29-day February) → simple (30 + 51) ÷ 2 = 40.5; weighted (1,000 × 30 + 3,000 × 51) ÷ 4,000 = 45.75 → 45.8.
 */
export function averageDaysToPay(input: {
  readonly currency: string;
  readonly invoices: readonly SettledInvoice[];
  readonly period?: Period;
}): { readonly simple: Figure<AverageDaysToPayInputs>; readonly amountWeighted: Figure<AverageDaysToPayInputs> } {
  requireCurrency(input.currency, input.invoices);
  const p = input.period;
  const invoices = p ? input.invoices.filter((i) => periodContains(p, i.paidDate)) : input.invoices;
  let daysSum = 0;
  let amountDaysSum = 0n;
  let totalAmount = 0n;
  for (const invoice of invoices) {
    if (invoice.amountMinor <= 0n) throw new RangeError(`invoice ${invoice.invoiceId}: a settled invoice has a positive amount`);
    const days = daysFromTo(invoice.issueDate, invoice.paidDate);
    daysSum += days;
    amountDaysSum += invoice.amountMinor * BigInt(days);
    totalAmount += invoice.amountMinor;
  }
  return averageDaysToPayFromTotals({ currency: input.currency, period: p, invoiceCount: invoices.length, daysSum, amountDaysSum, totalAmountMinor: totalAmount });
}

/**
 * Average days to pay from the sums it depends on (number of invoices, Σ days, Σ amount × days, Σ amount) rather than
 * one item per invoice: the same figures as averageDaysToPay over the invoices those sums were taken from, for a shell
 * that sums settlements in the database or keeps them summed per day.
 */
export function averageDaysToPayFromTotals(input: {
  readonly currency: string;
  readonly period?: Period | undefined;
  readonly invoiceCount: number;
  readonly daysSum: number;
  readonly amountDaysSum: bigint;
  readonly totalAmountMinor: bigint;
}): { readonly simple: Figure<AverageDaysToPayInputs>; readonly amountWeighted: Figure<AverageDaysToPayInputs> } {
  const simpleHead: FigureHead = { kpi: 'average_days_to_pay', unit: 'days', formula: 'Σ (paid date − invoice date) ÷ number of settled invoices' };
  const weightedHead: FigureHead = { kpi: 'average_days_to_pay_weighted', unit: 'days', formula: 'Σ amount × (paid date − invoice date) ÷ Σ amount' };
  if (input.invoiceCount < 0 || !Number.isInteger(input.invoiceCount)) throw new RangeError('the number of settled invoices is a whole number, 0 or more');
  if (input.invoiceCount > 0 && input.totalAmountMinor <= 0n) throw new RangeError('settled invoices have a positive amount');
  const p = input.period;
  const inputs: AverageDaysToPayInputs = {
    currency: input.currency,
    period: p ? describePeriod(p) : null,
    invoiceCount: input.invoiceCount,
    totalAmount: { amountMinor: input.totalAmountMinor, currency: input.currency },
    daysSum: input.daysSum,
    amountDaysSum: input.amountDaysSum,
  };
  if (input.invoiceCount === 0) {
    const detail = 'no settled invoices: days to pay are undefined';
    return { simple: undefinedFigure(simpleHead, inputs, 'no_settled_invoices', detail), amountWeighted: undefinedFigure(weightedHead, inputs, 'no_settled_invoices', detail) };
  }
  return {
    simple: definedFigure(simpleHead, inputs, ratio(BigInt(input.daysSum), BigInt(input.invoiceCount))),
    amountWeighted: definedFigure(weightedHead, inputs, ratio(input.amountDaysSum, input.totalAmountMinor)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Disputes

export interface DisputeRecord {
  readonly disputeId: string;
  readonly invoiceId: string;
  readonly currency: string;
  /** The amount in dispute. */
  readonly amountMinor: bigint;
  readonly openedDate: DateInput;
  readonly resolvedDate: DateInput | null;
}

export interface DisputeRateInputs {
  readonly period: PeriodSummary;
  readonly issuedInvoiceCount: number;
  readonly issuedAmount: Money;
  readonly disputesOpened: number;
  /** Distinct invoices with a dispute opened in the period (an invoice disputed twice counts once). */
  readonly invoicesDisputed: number;
  readonly disputedAmount: Money;
}

/**
 * Dispute rate of a period, activity-based (disputes opened in the period against invoices issued in it):
 * - by count: distinct invoices with a dispute opened in the period ÷ invoices issued in the period × 100
 * - by amount: Σ amounts of disputes opened in the period ÷ amount invoiced in the period × 100
 * Undefined (`no_invoices_issued`) when nothing was issued (count zero, or amount zero or negative for the amount rate).
 * Example: 40 invoices for 100,000 in March; disputes opened in March on invoice A (2,000), A again (500) and B
 * (1,500) → 2 ÷ 40 × 100 = 5.0 % by count, 4,000 ÷ 100,000 × 100 = 4.0 % by amount.
 */
export function disputeRate(input: {
  readonly period: Period;
  readonly issuedInvoiceCount: number;
  readonly issuedAmount: Money;
  readonly disputes: readonly DisputeRecord[];
}): { readonly countRate: Figure<DisputeRateInputs>; readonly amountRate: Figure<DisputeRateInputs> } {
  const countHead: FigureHead = { kpi: 'dispute_rate_count', unit: 'percent', formula: 'invoices with a dispute opened in the period ÷ invoices issued in the period × 100' };
  const amountHead: FigureHead = { kpi: 'dispute_rate_amount', unit: 'percent', formula: 'amount disputed in the period ÷ amount invoiced in the period × 100' };
  const currency = input.issuedAmount.currency;
  requireCurrency(currency, input.disputes);
  if (!Number.isInteger(input.issuedInvoiceCount) || input.issuedInvoiceCount < 0) throw new RangeError('the number of invoices issued is a whole number');
  const opened = input.disputes.filter((d) => periodContains(input.period, d.openedDate));
  const inputs: DisputeRateInputs = {
    period: describePeriod(input.period),
    issuedInvoiceCount: input.issuedInvoiceCount,
    issuedAmount: input.issuedAmount,
    disputesOpened: opened.length,
    invoicesDisputed: new Set(opened.map((d) => d.invoiceId)).size,
    disputedAmount: { amountMinor: opened.reduce((s, d) => s + d.amountMinor, 0n), currency },
  };
  const countRate =
    input.issuedInvoiceCount === 0
      ? undefinedFigure(countHead, inputs, 'no_invoices_issued', 'no invoices issued in the period: the dispute rate is undefined')
      : definedFigure(countHead, inputs, ratio(100n * BigInt(inputs.invoicesDisputed), BigInt(input.issuedInvoiceCount)));
  const amountRate =
    input.issuedAmount.amountMinor <= 0n
      ? undefinedFigure(amountHead, inputs, 'no_invoices_issued', 'nothing invoiced in the period: the dispute rate by amount is undefined')
      : definedFigure(amountHead, inputs, ratio(100n * inputs.disputedAmount.amountMinor, input.issuedAmount.amountMinor));
  return { countRate, amountRate };
}

export interface DaysToResolveInputs {
  readonly period: PeriodSummary;
  readonly resolvedCount: number;
  /** Σ (resolved date − opened date) of the disputes resolved in the period. */
  readonly daysSum: number;
  /** Disputes opened by the end of the period and not resolved by it. */
  readonly openAtPeriodEnd: number;
}

/**
 * Average days to resolve = Σ (resolved date − opened date) ÷ number of disputes resolved in the period. Counts
 * disputes, not amounts, so disputes in several currencies may be passed together. Undefined
 * (`no_resolved_disputes`) when none was resolved in the period; the disputes still open are shown beside it.
 * Example: in March 2026, disputes opened 20 Feb and resolved 5 Mar (13 days, February having 28), 2–12 Mar (10) and
 * 10–31 Mar (21) → (13 + 10 + 21) ÷ 3 = 14.7 days.
 */
export function averageDaysToResolve(input: { readonly period: Period; readonly disputes: readonly DisputeRecord[] }): Figure<DaysToResolveInputs> {
  const head: FigureHead = { kpi: 'average_days_to_resolve', unit: 'days', formula: 'Σ (resolved date − opened date) ÷ disputes resolved in the period' };
  let resolvedCount = 0;
  let daysSum = 0;
  let openAtPeriodEnd = 0;
  for (const d of input.disputes) {
    const days = d.resolvedDate === null ? null : daysFromTo(d.openedDate, d.resolvedDate);
    if (days !== null && days < 0) throw new RangeError(`dispute ${d.disputeId} is resolved before it was opened`);
    if (d.resolvedDate !== null && days !== null && periodContains(input.period, d.resolvedDate)) {
      resolvedCount++;
      daysSum += days;
    }
    const openedByEnd = Temporal.PlainDate.compare(toPlainDate(d.openedDate), input.period.end) <= 0;
    const resolvedAfterEnd = d.resolvedDate === null || Temporal.PlainDate.compare(toPlainDate(d.resolvedDate), input.period.end) > 0;
    if (openedByEnd && resolvedAfterEnd) openAtPeriodEnd++;
  }
  const inputs: DaysToResolveInputs = { period: describePeriod(input.period), resolvedCount, daysSum, openAtPeriodEnd };
  if (resolvedCount === 0) return undefinedFigure(head, inputs, 'no_resolved_disputes', 'no dispute was resolved in the period');
  return definedFigure(head, inputs, ratio(BigInt(daysSum), BigInt(resolvedCount)));
}

// ---------------------------------------------------------------------------------------------------------------
// Promises to pay

export interface PromiseToPay {
  readonly promiseId: string;
  /** Who took the promise; null when the customer made it without a collector (the portal). */
  readonly collectorId: string | null;
  readonly currency: string;
  readonly madeDate: DateInput;
  readonly promisedDate: DateInput;
  /** Positive. */
  readonly promisedAmountMinor: bigint;
  /** What the customer paid towards the promise on or before the promised date. */
  readonly paidByPromisedDateMinor: bigint;
}

/** kept: paid in full by the date; partly kept: something but not all of it; broken: nothing. */
export type PromiseOutcome = 'kept' | 'partly_kept' | 'broken';

export function promiseOutcome(promise: PromiseToPay): PromiseOutcome {
  if (promise.promisedAmountMinor <= 0n) throw new RangeError(`promise ${promise.promiseId}: the promised amount is positive`);
  if (promise.paidByPromisedDateMinor >= promise.promisedAmountMinor) return 'kept';
  return promise.paidByPromisedDateMinor > 0n ? 'partly_kept' : 'broken';
}

export interface PromiseKeptInputs {
  readonly period: PeriodSummary;
  /** Promises whose promised date falls in the period. */
  readonly due: number;
  readonly kept: number;
  readonly partlyKept: number;
  readonly broken: number;
  /** Promises made by the end of the period with a promised date after it. */
  readonly notYetDue: number;
}

export interface PromiseKeptResult {
  readonly keptRate: Figure<PromiseKeptInputs>;
  readonly outcomes: readonly { readonly promiseId: string; readonly outcome: PromiseOutcome }[];
  /** Σ promised amounts of the promises due, per currency. */
  readonly promised: readonly Money[];
  /** Σ paid towards them by their dates, each capped at its promise, per currency. */
  readonly paidTowardsPromises: readonly Money[];
}

/**
 * Promise-kept rate (DOMAIN.md) = promises paid in full by their date ÷ promises due × 100, where the promises due
 * are those whose promised date falls in the period. A partly kept promise counts as due and not kept. Counts
 * promises, so several currencies may be passed together; the amounts beside the rate are kept per currency.
 * Undefined (`no_promises_due`) when no promise fell due in the period.
 * Example: due in the period: 500 promised / 500 paid (kept), 300 / 350 (kept), 400 / 100 (partly kept),
 * 200 / 0 (broken) → 2 ÷ 4 × 100 = 50.0 %.
 */
export function promiseKeptRate(input: { readonly period: Period; readonly promises: readonly PromiseToPay[] }): PromiseKeptResult {
  const head: FigureHead = { kpi: 'promise_kept_rate', unit: 'percent', formula: 'promises paid in full by their date ÷ promises due in the period × 100' };
  const due = input.promises.filter((p) => periodContains(input.period, p.promisedDate));
  const outcomes = due.map((p) => ({ promiseId: p.promiseId, outcome: promiseOutcome(p) }));
  const count = (outcome: PromiseOutcome) => outcomes.filter((o) => o.outcome === outcome).length;
  const notYetDue = input.promises.filter(
    (p) => Temporal.PlainDate.compare(toPlainDate(p.madeDate), input.period.end) <= 0 && Temporal.PlainDate.compare(toPlainDate(p.promisedDate), input.period.end) > 0,
  ).length;
  const inputs: PromiseKeptInputs = { period: describePeriod(input.period), due: due.length, kept: count('kept'), partlyKept: count('partly_kept'), broken: count('broken'), notYetDue };
  const keptRate =
    due.length === 0
      ? undefinedFigure(head, inputs, 'no_promises_due', 'no promise to pay fell due in the period')
      : definedFigure(head, inputs, ratio(100n * BigInt(inputs.kept), BigInt(due.length)));
  const capped = (p: PromiseToPay) => (p.paidByPromisedDateMinor < p.promisedAmountMinor ? p.paidByPromisedDateMinor : p.promisedAmountMinor);
  return {
    keptRate,
    outcomes,
    promised: sumByCurrency(due.map((p) => ({ amountMinor: p.promisedAmountMinor, currency: p.currency }))),
    paidTowardsPromises: sumByCurrency(due.map((p) => ({ amountMinor: capped(p) > 0n ? capped(p) : 0n, currency: p.currency }))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Collector performance

export interface CollectorContact {
  readonly collectorId: string;
  readonly date: DateInput;
  /** call, email, letter, sms, meeting... */
  readonly channel: string;
}

/** A payment credited to a collector (the attribution rule is the caller's); negative for a reversal. */
export interface CollectedPayment {
  readonly collectorId: string;
  readonly date: DateInput;
  readonly currency: string;
  readonly amountMinor: bigint;
}

export interface CollectorPerformance {
  readonly collectorId: string;
  readonly contacts: number;
  readonly contactsByChannel: Readonly<Record<string, number>>;
  /** Promises the collector took in the period. */
  readonly promisesMade: number;
  /** The collector's promises due in the period, with their outcomes in promiseKeptRate.inputs. */
  readonly promiseKeptRate: Figure<PromiseKeptInputs>;
  /** Σ payments credited to the collector in the period, net of reversals, one total per currency. */
  readonly collected: readonly Money[];
}

/**
 * Per collector, for a period: contacts made (all channels, and by channel), promises taken (made in the period),
 * the promise-kept rate of the collector's promises due in the period, and the amount collected per currency.
 * Every collector with a contact, a promise or a payment in the period appears, in collectorId order. Promises
 * without a collector are left out. Amounts are never added across currencies.
 */
export function collectorPerformance(input: {
  readonly period: Period;
  readonly contacts: readonly CollectorContact[];
  readonly promises: readonly PromiseToPay[];
  readonly payments: readonly CollectedPayment[];
}): CollectorPerformance[] {
  const inPeriod = (date: DateInput) => periodContains(input.period, date);
  interface Tally {
    contacts: number;
    contactsByChannel: Map<string, number>;
    promises: readonly PromiseToPay[];
    payments: Money[];
  }
  const tallies = new Map<string, Tally>();
  const tallyOf = (collectorId: string): Tally => {
    let tally = tallies.get(collectorId);
    if (!tally) {
      tally = { contacts: 0, contactsByChannel: new Map(), promises: [], payments: [] };
      tallies.set(collectorId, tally);
    }
    return tally;
  };
  for (const c of input.contacts) {
    if (!inPeriod(c.date)) continue;
    const tally = tallyOf(c.collectorId);
    tally.contacts++;
    tally.contactsByChannel.set(c.channel, (tally.contactsByChannel.get(c.channel) ?? 0) + 1);
  }
  for (const p of input.payments) if (inPeriod(p.date)) tallyOf(p.collectorId).payments.push({ amountMinor: p.amountMinor, currency: p.currency });
  const promisesByCollector = new Map<string, PromiseToPay[]>();
  for (const p of input.promises) {
    if (p.collectorId === null) continue;
    const own = promisesByCollector.get(p.collectorId);
    if (own) own.push(p);
    else promisesByCollector.set(p.collectorId, [p]);
    if (inPeriod(p.madeDate) || inPeriod(p.promisedDate)) tallyOf(p.collectorId);
  }
  for (const [collectorId, own] of promisesByCollector) {
    const tally = tallies.get(collectorId);
    if (tally) tally.promises = own;
  }
  return [...tallies.keys()].sort().map((collectorId) => {
    const tally = tallyOf(collectorId);
    return {
      collectorId,
      contacts: tally.contacts,
      contactsByChannel: Object.fromEntries([...tally.contactsByChannel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      promisesMade: tally.promises.filter((p) => inPeriod(p.madeDate)).length,
      promiseKeptRate: promiseKeptRate({ period: input.period, promises: tally.promises }).keptRate,
      collected: sumByCurrency(tally.payments),
    };
  });
}
