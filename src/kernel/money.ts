import { currencyExponent } from './currency.js';

/** An amount in integer minor units (cents for EUR, yen for JPY, fils for KWD) of one ISO 4217 currency. */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: string;
}

export class CurrencyMismatchError extends Error {
  constructor(a: string, b: string) {
    super(`cannot combine amounts in ${a} and ${b}`);
    this.name = 'CurrencyMismatchError';
  }
}

export function money(amountMinor: bigint, currency: string): Money {
  if (currencyExponent(currency) === undefined) throw new RangeError(`unknown currency ${currency}`);
  return { amountMinor, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return { amountMinor: a.amountMinor - b.amountMinor, currency: a.currency };
}

/**
 * How a quotient that falls between two minor units is rounded. Named policies, never an accident of division:
 * - half_up: ties away from zero (commercial rounding, the usual rule for VAT per line in the EU)
 * - half_even: ties to the even neighbour (banker's rounding, no drift over many roundings)
 * - down: towards zero (truncate), up: away from zero
 */
export type RoundingMode = 'half_up' | 'half_even' | 'down' | 'up';

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** numerator / denominator rounded to an integer by the given policy. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = abs(numerator);
  const d = abs(denominator);
  let q = n / d;
  const r = n % d;
  if (r !== 0n) {
    const twice = 2n * r;
    if (mode === 'up') q += 1n;
    else if (mode === 'half_up' && twice >= d) q += 1n;
    else if (mode === 'half_even' && (twice > d || (twice === d && q % 2n === 1n))) q += 1n;
  }
  return negative ? -q : q;
}

/** A non-negative decimal held exactly as units / 10^scale ("19.6" is { units: 196n, scale: 1 }). */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const decimalPattern = /^(\d{1,15})(?:\.(\d{1,10}))?$/;

/** Parses a plain non-negative decimal string ("19", "7.7", "0.125"); undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = decimalPattern.exec(text);
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  return { units: BigInt(m[1] + fraction), scale: fraction.length };
}

export function formatDecimal(d: Decimal): string {
  if (d.scale === 0) return d.units.toString();
  const digits = d.units.toString().padStart(d.scale + 1, '0');
  return `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
}

/** amountMinor × quantity, rounded to minor units (line net = quantity × unit price). */
export function multiplyByDecimal(amountMinor: bigint, factor: Decimal, mode: RoundingMode): bigint {
  return divideRounded(amountMinor * factor.units, 10n ** BigInt(factor.scale), mode);
}

/** percent % of amountMinor, rounded to minor units (tax = net × rate / 100). */
export function percentOf(amountMinor: bigint, percent: Decimal, mode: RoundingMode): bigint {
  return divideRounded(amountMinor * percent.units, 100n * 10n ** BigInt(percent.scale), mode);
}

/**
 * Splits totalMinor over parts in proportion to non-negative weights without losing or inventing a minor unit
 * (largest-remainder method). The parts always sum to totalMinor exactly; ties in the remainder go to the earlier
 * part, so the result is deterministic. With all weights zero the total is split evenly.
 */
export function allocateMinor(totalMinor: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new RangeError('nothing to allocate over');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const sign = totalMinor < 0n ? -1n : 1n;
  const total = abs(totalMinor);
  const effective = weights.every((w) => w === 0n) ? weights.map(() => 1n) : weights;
  const weightSum = effective.reduce((s, w) => s + w, 0n);
  const shares = effective.map((w) => (total * w) / weightSum);
  const remainders = effective.map((w, i) => ({ i, r: (total * w) % weightSum }));
  let left = total - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => s * sign);
}

/** Formats minor units as a plain decimal string in the currency's exponent ("-12.30" for -1230 EUR). */
export function formatMinor(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  const sign = amountMinor < 0n ? '-' : '';
  return sign + formatDecimal({ units: abs(amountMinor), scale: exponent });
}
