import { parseDecimal } from '../../kernel/money.js';
import type { FieldError } from '../../kernel/result.js';

/**
 * VAT categories of an invoice line (UNCL5305, the subset EN 16931 invoices of ours use): S standard rated, Z zero
 * rated, E exempt, AE reverse charge, G export outside the EU. A line without a category takes S above 0 % and Z at 0 %.
 */
export const vatCategories = ['S', 'Z', 'E', 'AE', 'G'] as const;
export type VatCategory = (typeof vatCategories)[number];

/** Longest exemption reason text (BT-120) kept on a line. */
export const maxExemptionReasonChars = 500;

/** The VATEX code (BT-121) and default text of the categories that have one; E has many codes, so only the text. */
export const defaultExemption: Readonly<Partial<Record<VatCategory, { code: string; reason: string }>>> = {
  AE: { code: 'VATEX-EU-AE', reason: 'Reverse charge' },
  G: { code: 'VATEX-EU-G', reason: 'Export outside the EU' },
};

/** Categories that need an exemption reason in the VAT breakdown (BR-E-10, BR-AE-10, BR-G-10) and on the invoice. */
export const needsExemptionReason = (category: VatCategory): boolean => category === 'E' || category === 'AE' || category === 'G';

export const isVatCategory = (value: string): value is VatCategory => (vatCategories as readonly string[]).includes(value);

/** The category of a line: the one given, else derived from the rate. */
export function effectiveVatCategory(taxCategory: string | null | undefined, taxRatePercent: string): VatCategory {
  if (taxCategory && isVatCategory(taxCategory)) return taxCategory;
  const rate = parseDecimal(taxRatePercent);
  return rate && rate.units > 0n ? 'S' : 'Z';
}

/** The exemption reason text of a line: the one given, else the category's default (null where none applies). */
export function effectiveExemptionReason(category: VatCategory, reason: string | null | undefined): string | null {
  if (!needsExemptionReason(category)) return null;
  const given = reason?.trim();
  return given ? given : (defaultExemption[category]?.reason ?? null);
}

/**
 * Checks a line's category against its rate and reason (EN 16931 BR-S-05, BR-Z-05, BR-E-05, BR-AE-05, BR-G-05: the
 * rate; BR-E-10: an exempt line says why; BR-S-10, BR-Z-10: no exemption reason on taxed or zero-rated supplies).
 * `at` is the line's JSON pointer ("/lines/0").
 */
export function vatCategoryFaults(
  line: { readonly taxRatePercent: string; readonly taxCategory?: string | null | undefined; readonly taxExemptionReason?: string | null | undefined },
  at: string,
): FieldError[] {
  const faults: FieldError[] = [];
  const given = line.taxCategory ?? null;
  if (given !== null && !isVatCategory(given)) {
    return [{ pointer: `${at}/taxCategory`, detail: `one of ${vatCategories.join(', ')} (UNCL5305)` }];
  }
  const rate = parseDecimal(line.taxRatePercent);
  const category = effectiveVatCategory(given, line.taxRatePercent);
  if (rate && given !== null) {
    if (category === 'S' && rate.units === 0n) faults.push({ pointer: `${at}/taxRatePercent`, detail: 'VAT category S (standard rated) needs a rate above 0' });
    if (category !== 'S' && rate.units !== 0n) faults.push({ pointer: `${at}/taxRatePercent`, detail: `VAT category ${category} needs a rate of 0` });
  }
  const reason = line.taxExemptionReason?.trim() ?? '';
  if (line.taxExemptionReason != null && !reason) faults.push({ pointer: `${at}/taxExemptionReason`, detail: 'must not be blank; leave it out instead' });
  else if (reason.length > maxExemptionReasonChars) faults.push({ pointer: `${at}/taxExemptionReason`, detail: `at most ${maxExemptionReasonChars} characters` });
  else if (reason && !needsExemptionReason(category)) faults.push({ pointer: `${at}/taxExemptionReason`, detail: 'only VAT categories E, AE and G take an exemption reason' });
  if (category === 'E' && line.taxExemptionReason == null) faults.push({ pointer: `${at}/taxExemptionReason`, detail: 'an exempt line (VAT category E) needs the reason for the exemption (BR-E-10)' });
  return faults;
}
