import { XMLParser } from 'fast-xml-parser';
import { currencyExponent } from '../../kernel/currency.js';
import { parseDecimal, percentOf } from '../../kernel/money.js';
import { maxExemptionReasonChars } from '../invoicing/vat-category.js';

/**
 * Reads a UBL 2.1 invoice or credit note raised in another system into Cashloop's invoice model. Entities are never
 * expanded and nothing is fetched. What the model cannot represent is refused with the element at fault, never
 * silently dropped: document-level allowances, negative invoices, prices per more than one unit that do not
 * reproduce the line amount.
 */
export interface ImportedLine {
  description: string;
  quantity: string;
  unitPriceMinor: bigint;
  discountPercent: string;
  taxRatePercent: string;
  netMinor: bigint;
  /** Exempt (E), reverse charge (AE) or export (G), carried over with the breakdown's exemption reason. */
  taxCategory?: 'E' | 'AE' | 'G';
  taxExemptionReason?: string;
}

export interface ImportedDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  sellerName: string;
  sellerTaxId: string | null;
  buyerName: string;
  buyerTaxId: string | null;
  buyerCountry: string | null;
  lines: ImportedLine[];
  totalMinor: bigint;
  warnings: string[];
}

export type UblImportResult = { ok: true; document: ImportedDocument } | { ok: false; errors: string[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['InvoiceLine', 'CreditNoteLine', 'AllowanceCharge', 'TaxSubtotal', 'PartyTaxScheme'].includes(name),
});

type Node = Record<string, unknown>;

/** The five predefined XML entities and character references; no DTD entity is ever expanded. */
const decodeXml = (value: string) =>
  value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
const child = (node: unknown, ...path: string[]): unknown => path.reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Node)[key] : undefined), node);
const text = (node: unknown, ...path: string[]): string | null => {
  const value = child(node, ...path);
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return typeof (value as Node)['#text'] === 'string' ? decodeXml((value as Node)['#text'] as string) : null;
  return decodeXml(String(value));
};
const list = (node: unknown, key: string): Node[] => {
  const value = child(node, key);
  return Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : [];
};

function toMinor(amount: string | null, currency: string, where: string, errors: string[], options: { subMinor?: 'refuse' | 'undefined' } = {}): bigint {
  if (amount === null) {
    errors.push(`${where} is missing`);
    return 0n;
  }
  const exponent = currencyExponent(currency) ?? 2;
  const negative = amount.startsWith('-');
  const parsed = parseDecimal(negative ? amount.slice(1) : amount);
  if (!parsed) {
    errors.push(`${where} "${amount}" is not a decimal amount`);
    return 0n;
  }
  // Amounts with more decimals than the currency has (allowed for unit prices in UBL) are kept exactly when they are
  // whole minor units, and refused otherwise.
  let minor: bigint;
  if (parsed.scale <= exponent) minor = parsed.units * 10n ** BigInt(exponent - parsed.scale);
  else {
    const divisor = 10n ** BigInt(parsed.scale - exponent);
    if (parsed.units % divisor !== 0n) {
      if (options.subMinor === 'undefined') return -1n;
      errors.push(`${where} "${amount}" has more decimals than ${currency} minor units; prices below one ${currency} minor unit are not supported`);
    }
    minor = parsed.units / divisor;
  }
  return negative ? -minor : minor;
}

export function parseUbl(xml: string): UblImportResult {
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, errors: ['documents with a DOCTYPE are refused (no entity expansion)'] };
  let tree: Node;
  try {
    tree = parser.parse(xml, true) as Node;
  } catch (error) {
    return { ok: false, errors: [`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const rootName = ['Invoice', 'CreditNote'].find((name) => name in tree);
  if (!rootName) return { ok: false, errors: ['the root element is neither a UBL Invoice nor a CreditNote'] };
  const doc = tree[rootName] as Node;
  const errors: string[] = [];
  const warnings: string[] = [];
  const currency = text(doc, 'DocumentCurrencyCode') ?? '';
  if (currencyExponent(currency) === undefined) errors.push(`DocumentCurrencyCode (BT-5) "${currency}" is not an ISO 4217 currency`);
  const number = text(doc, 'ID');
  if (!number) errors.push('ID (BT-1, the invoice number) is missing');
  const issueDate = text(doc, 'IssueDate');
  if (!issueDate || !/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) errors.push('IssueDate (BT-2) is missing or not YYYY-MM-DD');
  const dueDate = text(doc, 'DueDate') ?? text(doc, 'PaymentMeans', 'PaymentDueDate');

  const documentAllowances = list(doc, 'AllowanceCharge').filter((ac) => text(ac, 'ChargeIndicator') === 'false');
  if (documentAllowances.length > 0) {
    errors.push(`document-level allowances (BG-20) are not supported (${documentAllowances.length} found: ${documentAllowances.map((a) => text(a, 'AllowanceChargeReason') ?? text(a, 'AllowanceChargeReasonCode') ?? '?').join(', ')}); issue them as a credit note`);
  }
  // The exemption reason of each category without VAT, from the VAT breakdown (BT-120, else the BT-121 code).
  const exemptionReasons = new Map<string, string>();
  for (const subtotal of list(doc, 'TaxTotal').flatMap((total) => list(total, 'TaxSubtotal'))) {
    const id = text(subtotal, 'TaxCategory', 'ID');
    const reason = text(subtotal, 'TaxCategory', 'TaxExemptionReason') ?? text(subtotal, 'TaxCategory', 'TaxExemptionReasonCode');
    if (id && reason && !exemptionReasons.has(id)) exemptionReasons.set(id, reason.trim().slice(0, maxExemptionReasonChars));
  }
  const lines: ImportedLine[] = [];
  const lineNodes = list(doc, rootName === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine');
  if (lineNodes.length === 0) errors.push('the document has no lines (BG-25)');
  for (const [i, line] of lineNodes.entries()) {
    const where = `line ${text(line, 'ID') ?? i + 1}`;
    const quantity = text(line, rootName === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity') ?? '';
    const net = toMinor(text(line, 'LineExtensionAmount'), currency, `${where}: LineExtensionAmount (BT-131)`, errors);
    // A unit price below one minor unit (0.0088 EUR) is kept as the line amount instead: the line amount is what is owed.
    const price = toMinor(text(line, 'Price', 'PriceAmount'), currency, `${where}: PriceAmount (BT-146)`, errors, { subMinor: 'undefined' });
    const subMinorPrice = price === -1n;
    const rate = text(line, 'Item', 'ClassifiedTaxCategory', 'Percent') ?? '0';
    const category = text(line, 'Item', 'ClassifiedTaxCategory', 'ID') ?? '';
    const reason = exemptionReasons.get(category);
    // E, AE and G at 0 % keep their category (E only with its reason); the others become plain 0 % lines.
    const carried: Pick<ImportedLine, 'taxCategory' | 'taxExemptionReason'> =
      (category === 'E' && reason) || category === 'AE' || category === 'G'
        ? Number(rate) === 0
          ? { taxCategory: category, ...(reason ? { taxExemptionReason: reason } : {}) }
          : {}
        : {};
    if (!['S', 'Z', 'E', 'O', 'AE', 'K', 'G', 'L', 'M'].includes(category)) errors.push(`${where}: VAT category "${category}" is unknown`);
    else if (!['S', 'Z'].includes(category) && !carried.taxCategory) warnings.push(`${where}: VAT category ${category} is imported as a 0 % rate`);
    const q = parseDecimal(quantity.replace(/^-/, ''));
    if (quantity.startsWith('-') || net < 0n || (price < 0n && !subMinorPrice)) {
      errors.push(`${where}: negative quantities or amounts are not supported; a correction is a credit note`);
      continue;
    }
    const baseQuantity = text(line, 'Price', 'BaseQuantity');
    if (!q || q.scale > 4) {
      errors.push(`${where}: quantity "${quantity}" is not a decimal with at most 4 places`);
      continue;
    }
    const description = text(line, 'Item', 'Name') ?? text(line, 'Item', 'Description') ?? `Line ${i + 1}`;
    const normalisedRate = rate.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    const lineCharges = list(line, 'AllowanceCharge').filter((ac) => text(ac, 'ChargeIndicator') === 'true');
    if (lineCharges.length > 0) errors.push(`${where}: line charges (BG-28) are not supported`);
    // The model prices a line as quantity × unit price less a percentage discount, rounded once. Prefer the
    // document's own quantity and price when they reproduce its line amount; otherwise keep the amount exactly.
    const gross = (price * q.units) / 10n ** BigInt(q.scale);
    const allowanceMinor = gross - net;
    const exactGross = (price * q.units) % 10n ** BigInt(q.scale) === 0n;
    if (!subMinorPrice && (baseQuantity === null || Number(baseQuantity) === 1) && exactGross && allowanceMinor === 0n) {
      lines.push({ description, quantity: quantity, unitPriceMinor: price, discountPercent: '0', taxRatePercent: normalisedRate, netMinor: net, ...carried });
    } else {
      warnings.push(`${where}: quantity ${quantity} × price does not give the line amount directly (base quantity or allowance); imported as one unit of ${net} minor units`);
      lines.push({ description: `${description} (${quantity} ${text(line, rootName === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity', '@unitCode') ?? ''})`.trim(), quantity: '1', unitPriceMinor: net, discountPercent: '0', taxRatePercent: normalisedRate, netMinor: net, ...carried });
    }
  }
  // Document-level charges (freight, insurance) become lines of their own, with their VAT category.
  for (const charge of list(doc, 'AllowanceCharge').filter((ac) => text(ac, 'ChargeIndicator') === 'true')) {
    const amount = toMinor(text(charge, 'Amount'), currency, 'document charge Amount (BT-99)', errors);
    const rate = (text(charge, 'TaxCategory', 'Percent') ?? '0').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    lines.push({ description: `Charge: ${text(charge, 'AllowanceChargeReason') ?? 'charge'}`, quantity: '1', unitPriceMinor: amount, discountPercent: '0', taxRatePercent: rate, netMinor: amount });
  }
  const payable = toMinor(text(doc, 'LegalMonetaryTotal', 'TaxInclusiveAmount'), currency, 'TaxInclusiveAmount (BT-112)', errors);
  if (payable < 0n) errors.push('negative invoices are not supported; a correction is a credit note');
  if (errors.length > 0) return { ok: false, errors };
  // Cross-check: the lines priced our way must give the document's total, up to rounding per line.
  const ourTotal = lines.reduce((s, l) => {
    const r = parseDecimal(l.taxRatePercent);
    return s + l.netMinor + (r ? percentOf(l.netMinor, r, 'half_up') : 0n);
  }, 0n);
  const difference = ourTotal - payable;
  if (difference !== 0n) {
    const tolerance = BigInt(lines.length);
    if (difference > tolerance || difference < -tolerance) {
      return { ok: false, errors: [`the lines give a total of ${ourTotal} minor units, the document says ${payable} (TaxInclusiveAmount, BT-112)`] };
    }
    warnings.push(`VAT rounded per line differs from the document's VAT by ${difference} minor units`);
  }
  return {
    ok: true,
    document: {
      kind: rootName === 'Invoice' ? 'invoice' : 'credit_note',
      number: number ?? '',
      issueDate: issueDate ?? '',
      dueDate,
      currency,
      sellerName: text(doc, 'AccountingSupplierParty', 'Party', 'PartyName', 'Name') ?? text(doc, 'AccountingSupplierParty', 'Party', 'PartyLegalEntity', 'RegistrationName') ?? '',
      sellerTaxId: text(list(child(doc, 'AccountingSupplierParty', 'Party'), 'PartyTaxScheme')[0], 'CompanyID'),
      buyerName: text(doc, 'AccountingCustomerParty', 'Party', 'PartyName', 'Name') ?? text(doc, 'AccountingCustomerParty', 'Party', 'PartyLegalEntity', 'RegistrationName') ?? '',
      buyerTaxId: text(list(child(doc, 'AccountingCustomerParty', 'Party'), 'PartyTaxScheme')[0], 'CompanyID'),
      buyerCountry: text(doc, 'AccountingCustomerParty', 'Party', 'PostalAddress', 'Country', 'IdentificationCode'),
      lines,
      totalMinor: ourTotal,
      warnings,
    },
  };
}
