import { currencyExponent } from '../../kernel/currency.js';
import { divideRounded, formatDecimal, parseDecimal, type Decimal } from '../../kernel/money.js';

/**
 * Base-currency amounts of foreign-currency documents (pure).
 *
 * A rate is how many units of the tenant's base currency one unit of the foreign currency buys ("0.9250" EUR per USD),
 * kept exactly as a decimal. Converting minor units also bridges the two currencies' exponents (JPY has none, EUR two,
 * KWD three). Conversions round half up (ties away from zero), the usual commercial rule.
 *
 * Partial settlements of one document are converted cumulatively: when the settled part of a document grows from
 * `before` to `after`, its base amount moves by convert(after) − convert(before). The pieces therefore always add up to
 * exactly the base amount the document was booked at, however it is paid (no stray cent left on the receivable).
 */

/** Parses a rate ("1.0845", up to 10 decimals, above zero). */
export function parseExchangeRate(text: string): Decimal | undefined {
  const rate = parseDecimal(text.trim());
  if (!rate || rate.units === 0n) return undefined;
  return rate;
}

/** A rate as the database returns it (numeric(20,10): "1.0845000000"), trimmed of trailing zeros. */
export function normaliseRate(text: string): string {
  const rate = parseExchangeRate(text);
  if (!rate) throw new RangeError(`not an exchange rate: ${text}`);
  let { units, scale } = rate;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return formatDecimal({ units, scale });
}

function exponentOf(currency: string): bigint {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  return BigInt(exponent);
}

/** amountMinor of `currency` in minor units of `baseCurrency` at `rate`, rounded half up. */
export function toBaseMinor(amountMinor: bigint, currency: string, baseCurrency: string, rate: Decimal): bigint {
  if (currency === baseCurrency) return amountMinor;
  const from = exponentOf(currency);
  const to = exponentOf(baseCurrency);
  return divideRounded(amountMinor * rate.units * 10n ** to, 10n ** BigInt(rate.scale) * 10n ** from, 'half_up');
}

/**
 * How much of a document's base amount moves when its settled (cleared) part goes from `settledBefore` to
 * `settledAfter` (both in the document's minor units; after < before when a settlement is undone).
 */
export function settledBaseDelta(settledBefore: bigint, settledAfter: bigint, currency: string, baseCurrency: string, rate: Decimal): bigint {
  return toBaseMinor(settledAfter, currency, baseCurrency, rate) - toBaseMinor(settledBefore, currency, baseCurrency, rate);
}

