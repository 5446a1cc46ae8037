import { Temporal } from 'temporal-polyfill';

/**
 * Reporting periods for AR analytics: spans of calendar days with both ends inclusive, so "January 2026" is
 * 2026-01-01..2026-01-31 and has 31 days. Days are always counted from the calendar (February 2024 has 29, the year
 * 2024 has 366), never assumed to be 30 or 365.
 */
export interface Period {
  readonly start: Temporal.PlainDate;
  readonly end: Temporal.PlainDate;
}

/** A business date as a Temporal.PlainDate or its ISO string (YYYY-MM-DD). */
export type DateInput = Temporal.PlainDate | string;

/** A period as the API shows it next to a figure. */
export interface PeriodSummary {
  readonly start: string;
  readonly end: string;
  readonly days: number;
}

/** The most months a trend may span (20 years); a longer range is a caller's mistake, not a report. */
export const maxTrendMonths = 240;

/** Strict: an impossible date such as 2026-02-30 is a RangeError, never silently moved to the 28th. */
export function toPlainDate(date: DateInput): Temporal.PlainDate {
  return typeof date === 'string' ? Temporal.PlainDate.from(date, { overflow: 'reject' }) : date;
}

export function period(start: DateInput, end: DateInput): Period {
  const p = { start: toPlainDate(start), end: toPlainDate(end) };
  if (Temporal.PlainDate.compare(p.start, p.end) > 0) throw new RangeError(`period ends (${p.end.toString()}) before it starts (${p.start.toString()})`);
  return p;
}

/** Calendar days in the period, both ends counted: end − start + 1. */
export function daysInPeriod(p: Period): number {
  const days = p.start.until(p.end, { largestUnit: 'days' }).days + 1;
  if (days < 1) throw new RangeError(`period ends (${p.end.toString()}) before it starts (${p.start.toString()})`);
  return days;
}

export function describePeriod(p: Period): PeriodSummary {
  return { start: p.start.toString(), end: p.end.toString(), days: daysInPeriod(p) };
}

export function periodContains(p: Period, date: DateInput): boolean {
  const d = toPlainDate(date);
  return Temporal.PlainDate.compare(p.start, d) <= 0 && Temporal.PlainDate.compare(d, p.end) <= 0;
}

/** month is 1-12. */
export function calendarMonth(year: number, month: number): Period {
  const start = Temporal.PlainDate.from({ year, month, day: 1 }, { overflow: 'reject' });
  return { start, end: start.with({ day: start.daysInMonth }) };
}

export function calendarYear(year: number): Period {
  return period(Temporal.PlainDate.from({ year, month: 1, day: 1 }), Temporal.PlainDate.from({ year, month: 12, day: 31 }));
}

/** True when each period starts the day after the previous one ends (no gap, no overlap). */
export function areContiguous(periods: readonly Period[]): boolean {
  for (let i = 1; i < periods.length; i++) {
    const previous = periods[i - 1];
    const next = periods[i];
    if (!previous || !next || !previous.end.add({ days: 1 }).equals(next.start)) return false;
  }
  return true;
}

/**
 * The calendar months a range touches, in order, each clipped to the range: 2024-01-15..2024-03-10 gives
 * 2024-01-15..2024-01-31 (17 days), 2024-02-01..2024-02-29 (29) and 2024-03-01..2024-03-10 (10). The periods are
 * contiguous and their days add up to the range's days. Pass a range from a 1st to a month end for whole months.
 */
export function monthlyPeriods(range: Period): Period[] {
  daysInPeriod(range);
  const months = (range.end.year - range.start.year) * 12 + (range.end.month - range.start.month) + 1;
  if (months > maxTrendMonths) throw new RangeError(`a trend spans at most ${maxTrendMonths} months, not ${months}`);
  const periods: Period[] = [];
  let start = range.start;
  while (Temporal.PlainDate.compare(start, range.end) <= 0) {
    const monthEnd = start.with({ day: start.daysInMonth });
    const end = Temporal.PlainDate.compare(monthEnd, range.end) < 0 ? monthEnd : range.end;
    periods.push({ start, end });
    start = end.add({ days: 1 });
  }
  return periods;
}

/**
 * The `count` calendar months ending with the month of `asOf`, oldest first; the last one is clipped to end on
 * `asOf` (so it is whole only when `asOf` is a month end). This is the history a countback DSO on `asOf` walks.
 */
export function trailingMonths(asOf: DateInput, count: number): Period[] {
  if (!Number.isInteger(count) || count < 1 || count > maxTrendMonths) throw new RangeError(`count must be a whole number of months from 1 to ${maxTrendMonths}`);
  const end = toPlainDate(asOf);
  const firstMonthStart = end.with({ day: 1 }).subtract({ months: count - 1 });
  return monthlyPeriods({ start: firstMonthStart, end });
}

export interface TrendPoint<T> {
  readonly period: PeriodSummary;
  readonly value: T;
}

/**
 * A per-month series: `valueFor` is called once for each month of `range` (clipped at the edges as in
 * monthlyPeriods), oldest first, with the month as a Period whose days are counted exactly.
 */
export function monthlyTrend<T>(range: Period, valueFor: (month: Period) => T): TrendPoint<T>[] {
  return monthlyPeriods(range).map((month) => ({ period: describePeriod(month), value: valueFor(month) }));
}
