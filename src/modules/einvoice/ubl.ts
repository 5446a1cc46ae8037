import { currencyExponent } from '../../kernel/currency.js';
import { divideRounded, formatMinor, parseDecimal } from '../../kernel/money.js';

/**
 * UBL 2.1 invoices and credit notes following Peppol BIS Billing 3.0 (EN 16931), as plain text from plain data.
 * Rule ids in comments are the EN 16931 business rules the official validation checks.
 */
export interface UblParty {
  name: string;
  legalName?: string | null;
  taxId?: string | null;
  addressLine?: string | null;
  city?: string | null;
  postalCode?: string | null;
  countryCode: string;
  email?: string | null;
}

export interface UblLine {
  description: string;
  quantity: string;
  unitCode: string;
  unitPriceMinor: bigint;
  discountPercent: string;
  taxRatePercent: string;
  netMinor: bigint;
  /** The line's VAT as computed on the invoice (per line or spread from per-rate rounding). */
  taxMinor?: bigint;
  /** For tax-inclusive invoices: the net unit price (BT-146) as a decimal, and no allowance. */
  netPriceText?: string;
}

export interface UblDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  buyerReference: string;
  precedingInvoiceNumber?: string | null;
  seller: UblParty;
  buyer: UblParty;
  paymentReference: string | null;
  iban?: string | null;
  bic?: string | null;
  paymentTermsNote?: string | null;
  lines: UblLine[];
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  /** Already paid or credited (BT-113), so the amount due (BT-115) is total − prepaid. */
  prepaidMinor: bigint;
}

export const peppolCustomizationId = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const peppolProfileId = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** The VAT category of a rate: S (standard) above zero, Z (zero-rated) at zero. */
const vatCategory = (rate: string) => (Number(rate) > 0 ? 'S' : 'Z');
const normalisedRate = (rate: string) => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

function party(p: UblParty, role: 'AccountingSupplierParty' | 'AccountingCustomerParty'): string {
  const address = [
    p.addressLine ? `<cbc:StreetName>${escapeXml(p.addressLine)}</cbc:StreetName>` : '',
    p.city ? `<cbc:CityName>${escapeXml(p.city)}</cbc:CityName>` : '',
    p.postalCode ? `<cbc:PostalZone>${escapeXml(p.postalCode)}</cbc:PostalZone>` : '',
    `<cac:Country><cbc:IdentificationCode>${p.countryCode}</cbc:IdentificationCode></cac:Country>`,
  ].join('');
  const endpoint = p.email ? `<cbc:EndpointID schemeID="EM">${escapeXml(p.email)}</cbc:EndpointID>` : '';
  const tax = p.taxId ? `<cac:PartyTaxScheme><cbc:CompanyID>${escapeXml(p.taxId)}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` : '';
  return `<cac:${role}><cac:Party>${endpoint}<cac:PartyName><cbc:Name>${escapeXml(p.name)}</cbc:Name></cac:PartyName><cac:PostalAddress>${address}</cac:PostalAddress>${tax}<cac:PartyLegalEntity><cbc:RegistrationName>${escapeXml(p.legalName ?? p.name)}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:${role}>`;
}

export function toUbl(doc: UblDocument): string {
  const amount = (minor: bigint) => formatMinor(minor, doc.currency);
  const money = (element: string, minor: bigint) => `<cbc:${element} currencyID="${doc.currency}">${amount(minor)}</cbc:${element}>`;
  const isCredit = doc.kind === 'credit_note';
  const root = isCredit ? 'CreditNote' : 'Invoice';
  const exponent = currencyExponent(doc.currency) ?? 2;

  // BR-CO-17: one breakdown per VAT category and rate; its tax is the sum of the line taxes (each rounded), within
  // the rule's one-unit tolerance of taxable × rate.
  const groups = new Map<string, { rate: string; category: string; taxableMinor: bigint; taxMinor: bigint }>();
  for (const l of doc.lines) {
    const rate = normalisedRate(l.taxRatePercent);
    const g = groups.get(rate) ?? { rate, category: vatCategory(rate), taxableMinor: 0n, taxMinor: 0n };
    g.taxableMinor += l.netMinor;
    const parsed = parseDecimal(rate);
    g.taxMinor += l.taxMinor ?? (parsed ? divideRounded(l.netMinor * parsed.units, 100n * 10n ** BigInt(parsed.scale), 'half_up') : 0n);
    groups.set(rate, g);
  }
  const breakdownTax = [...groups.values()].reduce((s, g) => s + g.taxMinor, 0n);
  const taxTotal = `<cac:TaxTotal>${money('TaxAmount', breakdownTax)}${[...groups.values()]
    .map(
      (g) =>
        `<cac:TaxSubtotal>${money('TaxableAmount', g.taxableMinor)}${money('TaxAmount', g.taxMinor)}<cac:TaxCategory><cbc:ID>${g.category}</cbc:ID><cbc:Percent>${g.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
    )
    .join('')}</cac:TaxTotal>`;

  const lines = doc.lines
    .map((l, i) => {
      const quantity = parseDecimal(l.quantity);
      // Gross = quantity × price; the line discount is an allowance so that BR-LIN rules hold:
      // net (BT-131) = gross − allowance.
      const grossMinor = quantity && !l.netPriceText ? divideRounded(l.unitPriceMinor * quantity.units, 10n ** BigInt(quantity.scale), 'half_up') : l.netMinor;
      const allowanceMinor = grossMinor - l.netMinor;
      const rate = normalisedRate(l.taxRatePercent);
      const allowance =
        allowanceMinor > 0n
          ? `<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode><cbc:AllowanceChargeReason>Discount ${normalisedRate(l.discountPercent)} %</cbc:AllowanceChargeReason>${money('Amount', allowanceMinor)}</cac:AllowanceCharge>`
          : '';
      const lineRoot = isCredit ? 'CreditNoteLine' : 'InvoiceLine';
      const quantityElement = isCredit ? 'CreditedQuantity' : 'InvoicedQuantity';
      const price = l.netPriceText ?? formatMinor(l.unitPriceMinor, doc.currency);
      return `<cac:${lineRoot}><cbc:ID>${i + 1}</cbc:ID><cbc:${quantityElement} unitCode="${l.unitCode}">${l.quantity}</cbc:${quantityElement}>${money('LineExtensionAmount', l.netMinor)}${allowance}<cac:Item><cbc:Name>${escapeXml(l.description.slice(0, 200))}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>${vatCategory(rate)}</cbc:ID><cbc:Percent>${rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="${doc.currency}">${price}</cbc:PriceAmount></cac:Price></cac:${lineRoot}>`;
    })
    .join('');

  const taxInclusive = doc.subtotalMinor + breakdownTax;
  const payable = taxInclusive - doc.prepaidMinor;
  const paymentMeans =
    doc.iban || doc.paymentReference
      ? `<cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>${doc.paymentReference ? `<cbc:PaymentID>${doc.paymentReference}</cbc:PaymentID>` : ''}${
          doc.iban ? `<cac:PayeeFinancialAccount><cbc:ID>${doc.iban}</cbc:ID>${doc.bic ? `<cac:FinancialInstitutionBranch><cbc:ID>${doc.bic}</cbc:ID></cac:FinancialInstitutionBranch>` : ''}</cac:PayeeFinancialAccount>` : ''
        }</cac:PaymentMeans>`
      : '';
  void exponent;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">`,
    `<cbc:CustomizationID>${peppolCustomizationId}</cbc:CustomizationID>`,
    `<cbc:ProfileID>${peppolProfileId}</cbc:ProfileID>`,
    `<cbc:ID>${escapeXml(doc.number)}</cbc:ID>`,
    `<cbc:IssueDate>${doc.issueDate}</cbc:IssueDate>`,
    !isCredit && doc.dueDate ? `<cbc:DueDate>${doc.dueDate}</cbc:DueDate>` : '',
    isCredit ? '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>' : '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>',
    `<cbc:DocumentCurrencyCode>${doc.currency}</cbc:DocumentCurrencyCode>`,
    `<cbc:BuyerReference>${escapeXml(doc.buyerReference)}</cbc:BuyerReference>`,
    doc.precedingInvoiceNumber ? `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${escapeXml(doc.precedingInvoiceNumber)}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>` : '',
    party(doc.seller, 'AccountingSupplierParty'),
    party(doc.buyer, 'AccountingCustomerParty'),
    paymentMeans,
    doc.paymentTermsNote ? `<cac:PaymentTerms><cbc:Note>${escapeXml(doc.paymentTermsNote)}</cbc:Note></cac:PaymentTerms>` : '',
    taxTotal,
    // BR-CO-10/13/15/16: line total = Σ lines; tax exclusive = line total; inclusive = exclusive + tax; payable = inclusive − prepaid.
    `<cac:LegalMonetaryTotal>${money('LineExtensionAmount', doc.subtotalMinor)}${money('TaxExclusiveAmount', doc.subtotalMinor)}${money('TaxInclusiveAmount', taxInclusive)}${doc.prepaidMinor > 0n ? money('PrepaidAmount', doc.prepaidMinor) : ''}${money('PayableAmount', payable)}</cac:LegalMonetaryTotal>`,
    lines,
    `</${root}>`,
  ].join('');
}

/** UN/ECE Recommendation 20 unit codes for the units products use. */
export function unitCode(unit: string | null | undefined): string {
  const codes: Record<string, string> = { pcs: 'C62', piece: 'C62', h: 'HUR', hour: 'HUR', day: 'DAY', month: 'MON', kg: 'KGM', m: 'MTR', l: 'LTR' };
  return codes[(unit ?? '').toLowerCase()] ?? 'C62';
}
