import { allocateMinor, divideRounded, parseDecimal, percentOf, type RoundingMode } from '../../kernel/money.js';
import type { FieldError } from '../../kernel/result.js';
import { effectiveExemptionReason, effectiveVatCategory, vatCategoryFaults, type VatCategory } from './vat-category.js';

export interface InvoiceLineInput {
  readonly description: string;
  /** Decimal string, up to 4 places ("1", "2.5", "0.125"). */
  readonly quantity: string;
  readonly unitPriceMinor: bigint;
  /** Decimal string in percent ("19", "7.7", "0"). */
  readonly taxRatePercent: string;
  /** Line discount in percent ("10", "2.5"); absent or "0" for none. */
  readonly discountPercent?: string | undefined;
  /** VAT category (S, Z, E, AE, G); absent or null: S above 0 %, Z at 0 %. */
  readonly taxCategory?: string | null | undefined;
  /** Why no VAT is charged (E, AE, G); AE and G have a default. */
  readonly taxExemptionReason?: string | null | undefined;
}

export interface PricedLine extends InvoiceLineInput {
  readonly netMinor: bigint;
  readonly taxMinor: bigint;
  /** The category as given (null: derived from the rate). */
  readonly taxCategory: VatCategory | null;
  /** The exemption reason, with the category's default filled in; null where the category takes none. */
  readonly taxExemptionReason: string | null;
}

export interface InvoiceTotals {
  readonly lines: readonly PricedLine[];
  readonly subtotalMinor: bigint;
  readonly taxMinor: bigint;
  readonly totalMinor: bigint;
  /** Per tax rate: the base and the tax, as printed in the tax summary of the invoice. */
  readonly taxSummary: readonly { taxRatePercent: string; baseMinor: bigint; taxMinor: bigint }[];
}

/** Rounding of this first cut: half up per line for both the line net and its tax (commercial rounding). */
const lineRounding: RoundingMode = 'half_up';
const maxQuantityScale = 4;
const maxTaxRateScale = 4;

export interface PricingOptions {
  /** Unit prices include VAT (retail): the line amount is gross and the tax is taken out of it. */
  readonly pricesIncludeTax?: boolean;
  /**
   * line: tax rounded on each line and summed; invoice: tax rounded once per rate on the invoice's total for that
   * rate, then spread over its lines without losing a cent. A tenant setting; both give lines that add up.
   */
  readonly taxRounding?: 'line' | 'invoice';
}

/**
 * Prices an invoice from its lines. Totals are always computed here, never accepted from a client:
 * EN 16931 BR-CO-10/13/15: subtotal = Σ line nets; tax = Σ line taxes; total = subtotal + tax.
 */
export function priceInvoice(lines: readonly InvoiceLineInput[], options: PricingOptions = {}): { ok: true; totals: InvoiceTotals } | { ok: false; faults: FieldError[] } {
  const faults: FieldError[] = [];
  const priced: PricedLine[] = [];
  lines.forEach((line, i) => {
    const quantity = parseDecimal(line.quantity);
    const rate = parseDecimal(line.taxRatePercent);
    if (!quantity || quantity.scale > maxQuantityScale) {
      faults.push({ pointer: `/lines/${i}/quantity`, detail: 'a non-negative decimal with at most 4 decimal places' });
    } else if (quantity.units === 0n) {
      faults.push({ pointer: `/lines/${i}/quantity`, detail: 'must be greater than zero' });
    }
    if (!rate || rate.scale > maxTaxRateScale || rate.units > 100n * 10n ** BigInt(rate.scale)) {
      faults.push({ pointer: `/lines/${i}/taxRatePercent`, detail: 'a percentage from 0 to 100 with at most 4 decimal places' });
    }
    const discount = parseDecimal(line.discountPercent ?? '0');
    if (!discount || discount.scale > maxTaxRateScale || discount.units > 100n * 10n ** BigInt(discount.scale)) {
      faults.push({ pointer: `/lines/${i}/discountPercent`, detail: 'a percentage from 0 to 100 with at most 4 decimal places' });
    }
    faults.push(...vatCategoryFaults(line, `/lines/${i}`));
    if (line.unitPriceMinor < 0n) {
      faults.push({ pointer: `/lines/${i}/unitPriceMinor`, detail: 'must not be negative; use a credit note to reduce what is owed' });
    }
    if (!quantity || !rate || !discount) return;
    // net = quantity × unit price × (100 − discount) / 100, rounded once, so a discount never compounds a rounding.
    const hundred = 100n * 10n ** BigInt(discount.scale);
    const amountMinor = divideRounded(
      line.unitPriceMinor * quantity.units * (hundred - discount.units),
      10n ** BigInt(quantity.scale) * hundred,
      lineRounding,
    );
    // Tax-inclusive: tax = gross × rate / (100 + rate); the net is what remains.
    const taxMinor = options.pricesIncludeTax
      ? divideRounded(amountMinor * rate.units, 100n * 10n ** BigInt(rate.scale) + rate.units, lineRounding)
      : percentOf(amountMinor, rate, lineRounding);
    const netMinor = options.pricesIncludeTax ? amountMinor - taxMinor : amountMinor;
    const taxCategory = line.taxCategory ? effectiveVatCategory(line.taxCategory, line.taxRatePercent) : null;
    const taxExemptionReason = taxCategory ? effectiveExemptionReason(taxCategory, line.taxExemptionReason) : null;
    priced.push({ ...line, netMinor, taxMinor, taxCategory, taxExemptionReason });
  });
  if (faults.length > 0) return { ok: false, faults };
  if (options.taxRounding === 'invoice') roundTaxPerRate(priced, options.pricesIncludeTax ?? false);
  const summary = new Map<string, { taxRatePercent: string; baseMinor: bigint; taxMinor: bigint }>();
  for (const line of priced) {
    const key = normaliseRate(line.taxRatePercent);
    const s = summary.get(key) ?? { taxRatePercent: key, baseMinor: 0n, taxMinor: 0n };
    s.baseMinor += line.netMinor;
    s.taxMinor += line.taxMinor;
    summary.set(key, s);
  }
  const subtotalMinor = priced.reduce((s, l) => s + l.netMinor, 0n);
  const taxMinor = priced.reduce((s, l) => s + l.taxMinor, 0n);
  return {
    ok: true,
    totals: { lines: priced, subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor, taxSummary: [...summary.values()] },
  };
}

/** Invoice-level rounding: one rounding per rate on the rate's total, spread back over the lines by their amounts. */
function roundTaxPerRate(priced: PricedLine[], pricesIncludeTax: boolean): void {
  const byRate = new Map<string, number[]>();
  priced.forEach((l, i) => byRate.set(normaliseRate(l.taxRatePercent), [...(byRate.get(normaliseRate(l.taxRatePercent)) ?? []), i]));
  for (const [rateText, indexes] of byRate) {
    const rate = parseDecimal(rateText);
    if (!rate) continue;
    const amounts = indexes.map((i) => (priced[i]?.netMinor ?? 0n) + (pricesIncludeTax ? (priced[i]?.taxMinor ?? 0n) : 0n));
    const total = amounts.reduce((s, a) => s + a, 0n);
    const groupTax = pricesIncludeTax
      ? divideRounded(total * rate.units, 100n * 10n ** BigInt(rate.scale) + rate.units, lineRounding)
      : percentOf(total, rate, lineRounding);
    const shares = allocateMinor(groupTax, amounts.map((a) => (a < 0n ? 0n : a)));
    indexes.forEach((i, n) => {
      const line = priced[i];
      if (!line) return;
      const taxMinor = shares[n] ?? 0n;
      priced[i] = { ...line, taxMinor, netMinor: pricesIncludeTax ? (amounts[n] ?? 0n) - taxMinor : line.netMinor };
    });
  }
}

/** "19.00" and "19" are the same rate. */
export function normaliseRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

/** Status of an issued invoice from its open balance. */
export function statusFromBalance(totalMinor: bigint, openMinor: bigint): 'open' | 'partially_paid' | 'paid' {
  if (openMinor === 0n) return 'paid';
  return openMinor === totalMinor ? 'open' : 'partially_paid';
}
