import { Temporal } from 'temporal-polyfill';

/**
 * Business dates are calendar dates (Temporal.PlainDate) exchanged as ISO strings (YYYY-MM-DD). They carry no time
 * zone, so an invoice dated 2026-03-31 stays dated 2026-03-31 on every server. "Today" is always a parameter (asOf).
 */
export type BusinessDate = Temporal.PlainDate;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Strict YYYY-MM-DD; undefined for anything else, including impossible dates such as 2026-02-30. */
export function parseBusinessDate(text: string): BusinessDate | undefined {
  if (!isoDatePattern.test(text)) return undefined;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return undefined;
  }
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function compareDates(a: string, b: string): number {
  // Plain ISO dates (what the database and the API carry) order as text; bulk paths compare millions of them.
  if (a.length === 10 && b.length === 10 && isoDate.test(a) && isoDate.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
}

/** The calendar date at `instant` in the IANA time zone `timeZone` (the tenant's "today"). */
export function dateInTimeZone(instant: Temporal.Instant, timeZone: string): string {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}
