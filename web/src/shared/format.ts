/**
 * Amounts and dates for people, with Intl in the tenant's locale: de-DE for a company that keeps its books in euros,
 * en-GB otherwise, unless the user picked one (kept in this browser). Amounts arrive as integer minor units; the
 * currency's own number of decimals (2 for EUR, 0 for JPY, 3 for KWD) turns them into a figure.
 */
export type AppLocale = 'en-GB' | 'de-DE';
export const locales: readonly AppLocale[] = ['en-GB', 'de-DE'];
const localeKey = 'cashloop.locale';

let current: AppLocale = 'en-GB';

export function defaultLocaleFor(baseCurrency: string): AppLocale {
  return baseCurrency === 'EUR' ? 'de-DE' : 'en-GB';
}

export function chosenLocale(): AppLocale | undefined {
  const saved = globalThis.localStorage?.getItem(localeKey);
  return locales.find((l) => l === saved);
}

export function chooseLocale(locale: AppLocale | undefined): void {
  if (locale) localStorage.setItem(localeKey, locale);
  else localStorage.removeItem(localeKey);
}

export function applyLocale(locale: AppLocale): void {
  current = locale;
  document.documentElement.lang = locale.slice(0, 2);
}

export function currentLocale(): AppLocale {
  return current;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${current}|${currency}|${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(current, compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 0 } : { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Decimals of a currency's minor unit, as Intl knows them (ISO 4217). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function minorToMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorDigits(currency);
}

/** "1.234,56 €" (de-DE) or "€1,234.56" (en-GB). */
export function formatMoney(amountMinor: number, currency: string, options: { compact?: boolean } = {}): string {
  return moneyFormat(currency, options.compact ?? false).format(minorToMajor(amountMinor, currency));
}

/**
 * A typed decimal amount ("1.234,56", "1234.56", "1 234,56") to minor units; undefined when it is not a number.
 * The last of "." or "," followed by at most the currency's decimals is the decimal separator.
 */
export function parseMoney(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const cleaned = text.replace(/[\s\u00a0'’]/g, '').replace(/[^\d.,-]/g, '');
  if (!/\d/.test(cleaned)) return undefined;
  const lastSeparator = Math.max(cleaned.lastIndexOf('.'), cleaned.lastIndexOf(','));
  let whole = cleaned;
  let fraction = '';
  if (lastSeparator >= 0 && cleaned.length - lastSeparator - 1 <= Math.max(digits, 2) && cleaned.length - lastSeparator - 1 > 0) {
    whole = cleaned.slice(0, lastSeparator);
    fraction = cleaned.slice(lastSeparator + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^-?\d*$/.test(whole) || !/^\d*$/.test(fraction) || fraction.length > digits) return undefined;
  const negative = whole.startsWith('-');
  const minor = Number(whole.replace('-', '') || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? (negative ? -minor : minor) : undefined;
}

/** A minor amount as the figure a person types in this locale, without the currency symbol ("1234,56"). */
export function moneyInput(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(current, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(minorToMajor(amountMinor, currency));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(style: 'medium' | 'month' | 'datetime'): Intl.DateTimeFormat {
  const key = `${current}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format =
      style === 'month' ? new Intl.DateTimeFormat(current, { month: 'short', year: '2-digit', timeZone: 'UTC' })
      : style === 'datetime' ? new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' })
      : new Intl.DateTimeFormat(current, { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
}

function utcDate(isoDate: string): Date {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** A business date (YYYY-MM-DD): a calendar day, never shifted by the browser's time zone. */
export function formatDate(isoDate: string | null | undefined): string {
  return isoDate ? dateFormat('medium').format(utcDate(isoDate)) : '—';
}

export function formatMonth(isoDate: string): string {
  return dateFormat('month').format(utcDate(isoDate));
}

/** A moment (a timestamp with a zone), in the browser's own time zone. */
export function formatDateTime(timestamp: string | null | undefined): string {
  return timestamp ? dateFormat('datetime').format(new Date(timestamp)) : '—';
}

export function formatNumber(value: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(current, { maximumFractionDigits }).format(value);
}

export function formatPercent(value: number): string {
  return `${formatNumber(value, 1)} %`;
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcDate(b).getTime() - utcDate(a).getTime()) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
  const date = utcDate(isoDate);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
