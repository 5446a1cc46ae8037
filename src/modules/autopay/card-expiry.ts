import { Temporal } from 'temporal-polyfill';
import type { FieldError } from '../../kernel/result.js';

/**
 * A card's expiry as printed on it (MM/YY): the card can be charged through the last day of that month, and not after.
 * The expiry we keep is only what the customer or the gateway told us; a gateway's account updater may have renewed
 * the card since, so an expired date here is shown to people but never stops a charge (the gateway decides).
 */
export interface CardExpiry {
  readonly month: number;
  readonly year: number;
}

/** How far ahead an expiry may lie: issuers print at most a few years; twenty is generous and catches typos. */
export const maxCardValidityYears = 20;

/** The last business date on which a card with this expiry is valid (ISO YYYY-MM-DD). */
export function lastValidDay(expiry: CardExpiry): string {
  const month = Temporal.PlainYearMonth.from({ year: expiry.year, month: expiry.month }, { overflow: 'reject' });
  return month.toPlainDate({ day: month.daysInMonth }).toString();
}

/** True once the expiry month has ended before `asOf`; a card with no known expiry is never called expired. */
export function isCardExpired(expiry: CardExpiry | null, asOf: string): boolean {
  if (expiry === null) return false;
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(lastValidDay(expiry)), Temporal.PlainDate.from(asOf)) < 0;
}

/**
 * Checks an expiry given with a card: month and year together or not at all, a month 1 to 12, a four-digit year,
 * not already past on `today` and not implausibly far ahead. Returns the faults (empty when it is fine).
 */
export function checkCardExpiry(input: { readonly expiryMonth?: number | null; readonly expiryYear?: number | null }, today: string): FieldError[] {
  const month = input.expiryMonth ?? null;
  const year = input.expiryYear ?? null;
  if (month === null && year === null) return [];
  if (month === null) return [{ pointer: '/expiryMonth', detail: 'give the expiry month with the expiry year' }];
  if (year === null) return [{ pointer: '/expiryYear', detail: 'give the expiry year with the expiry month' }];
  const faults: FieldError[] = [];
  if (!Number.isInteger(month) || month < 1 || month > 12) faults.push({ pointer: '/expiryMonth', detail: 'a month from 1 to 12' });
  const todayYear = Temporal.PlainDate.from(today).year;
  if (!Number.isInteger(year) || year < 1000) faults.push({ pointer: '/expiryYear', detail: 'the year in four digits, e.g. 2028' });
  else if (year > todayYear + maxCardValidityYears) faults.push({ pointer: '/expiryYear', detail: `at most ${maxCardValidityYears} years ahead` });
  if (faults.length > 0) return faults;
  if (isCardExpired({ month, year }, today)) {
    return [{ pointer: '/expiryYear', detail: `the card expired at the end of ${String(month).padStart(2, '0')}/${year}` }];
  }
  return [];
}
