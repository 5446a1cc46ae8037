import { divideRounded, formatMinor, parseDecimal } from '../../kernel/money.js';
import type { PeppolEndpoint } from './peppol-endpoint.js';
import { defaultExemption, effectiveVatCategory, needsExemptionReason, type VatCategory } from '../invoicing/vat-category.js';

/**
 * UBL 2.1 invoices and credit notes following Peppol BIS Billing 3.0 (EN 16931), as plain text from plain data.
 * Rule ids in comments are those of the official validation: EN 16931 business rules (BR-*) and Peppol's own
 * (PEPPOL-*, and the national DE-R-* rules Peppol applies between German parties).
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
  /** Peppol participant id (BT-34 / BT-49), written as `cbc:EndpointID` with its EAS scheme. */
  endpoint?: PeppolEndpoint | null;
  /** BG-6 / BG-9 contact: a contact point (department or person), telephone and email. */
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
}

export interface UblLine {
  description: string;
  quantity: string;
  unitCode: string;
  unitPriceMinor: bigint;
  discountPercent: string;
  taxRatePercent: string;
  /** VAT category (UNCL5305); absent: S above 0 %, Z at 0 %. */
  taxCategory?: UblVatCategory | null;
  /** BT-120 for E, AE and G (AE and G have a default text). */
  taxExemptionReason?: string | null;
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
  /** BT-10: what the buyer's accounts payable routes and matches the document by (see `buyerReferenceFor`). */
  buyerReference: string;
  /** BT-13: the buyer's purchase order number, and BT-14 our sales order number, when billed from an order. */
  orderReference?: { purchaseOrder: string; salesOrder?: string | null } | null;
  precedingInvoiceNumber?: string | null;
  seller: UblParty;
  buyer: UblParty;
  paymentReference: string | null;
  iban?: string | null;
  bic?: string | null;
  paymentTermsNote?: string | null;
  /** Early-payment discount of the terms, written for German buyers in the XRechnung form (DE-R-018). */
  earlyPaymentDiscount?: { percent: string; withinDays: number } | null;
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

export type UblVatCategory = VatCategory;

/** The VAT category of a line: the one given, else S (standard) above zero and Z (zero-rated) at zero. */
const vatCategory = (line: UblLine): UblVatCategory => effectiveVatCategory(line.taxCategory, line.taxRatePercent);

/** BT-121 codes (VATEX) and the default BT-120 texts of the categories that take an exemption reason (BR-*-10). */
const exemptionCodes: Partial<Record<UblVatCategory, string>> = Object.fromEntries(Object.entries(defaultExemption).map(([c, e]) => [c, e.code]));
const defaultExemptionReasons: Partial<Record<UblVatCategory, string>> = Object.fromEntries(Object.entries(defaultExemption).map(([c, e]) => [c, e.reason]));
const takesExemptionReason = needsExemptionReason;
const normalisedRate = (rate: string) => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

/** A `cbc:` element with escaped text, or nothing for a missing or blank value (PEPPOL-EN16931-R008). */
const element = (name: string, value: string | null | undefined) => (value && value.trim() ? `<cbc:${name}>${escapeXml(value.trim())}</cbc:${name}>` : '');

function party(p: UblParty, role: 'AccountingSupplierParty' | 'AccountingCustomerParty'): string {
  const address = [
    p.addressLine ? `<cbc:StreetName>${escapeXml(p.addressLine)}</cbc:StreetName>` : '',
    p.city ? `<cbc:CityName>${escapeXml(p.city)}</cbc:CityName>` : '',
    p.postalCode ? `<cbc:PostalZone>${escapeXml(p.postalCode)}</cbc:PostalZone>` : '',
    `<cac:Country><cbc:IdentificationCode>${p.countryCode}</cbc:IdentificationCode></cac:Country>`,
  ].join('');
  // PEPPOL-EN16931-R020 / R010: seller and buyer electronic addresses, schemeID from the EAS list (CL008).
  const endpoint = p.endpoint ? `<cbc:EndpointID schemeID="${escapeXml(p.endpoint.scheme)}">${escapeXml(p.endpoint.id)}</cbc:EndpointID>` : '';
  const tax = p.taxId ? `<cac:PartyTaxScheme><cbc:CompanyID>${escapeXml(p.taxId)}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` : '';
  const contactParts = p.contact
    ? [
        element('Name', p.contact.name),
        element('Telephone', p.contact.phone),
        element('ElectronicMail', p.contact.email),
      ].join('')
    : '';
  // PEPPOL-EN16931-R008: no empty elements, so no Contact without any of its parts.
  const contact = contactParts ? `<cac:Contact>${contactParts}</cac:Contact>` : '';
  return `<cac:${role}><cac:Party>${endpoint}<cac:PartyName><cbc:Name>${escapeXml(p.name)}</cbc:Name></cac:PartyName><cac:PostalAddress>${address}</cac:PostalAddress>${tax}<cac:PartyLegalEntity><cbc:RegistrationName>${escapeXml(p.legalName ?? p.name)}</cbc:RegistrationName></cac:PartyLegalEntity>${contact}</cac:Party></cac:${role}>`;
}

/**
 * The German rules of Peppol (DE-R-018, the XRechnung form) want an early-payment discount (Skonto) as a line
 * `#SKONTO#TAGE=n#PROZENT=p.pp#` followed by a line break, before any free text of the payment terms. A percentage
 * with more than two decimals cannot be written that way, so it stays in the free text only.
 */
export function skontoLine(discount: { percent: string; withinDays: number }): string | undefined {
  const percent = parseDecimal(discount.percent);
  if (!percent || percent.scale > 2 || !Number.isInteger(discount.withinDays) || discount.withinDays < 0) return undefined;
  const hundredths = percent.units * 10n ** BigInt(2 - percent.scale);
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return `#SKONTO#TAGE=${discount.withinDays}#PROZENT=${text}#`;
}

/** The payment terms note (BT-20): the Skonto line between German parties (XRechnung), then the terms in words. */
function paymentTermsText(doc: UblDocument): string | null {
  const skonto = doc.seller.countryCode === 'DE' && doc.buyer.countryCode === 'DE' && doc.earlyPaymentDiscount ? skontoLine(doc.earlyPaymentDiscount) : undefined;
  if (!doc.paymentTermsNote) return skonto ? `${skonto}\n` : null;
  return skonto ? `${skonto}\n${doc.paymentTermsNote}` : doc.paymentTermsNote;
}

export function toUbl(doc: UblDocument): string {
  const amount = (minor: bigint) => formatMinor(minor, doc.currency);
  const money = (element: string, minor: bigint) => `<cbc:${element} currencyID="${doc.currency}">${amount(minor)}</cbc:${element}>`;
  const isCredit = doc.kind === 'credit_note';
  const root = isCredit ? 'CreditNote' : 'Invoice';

  // BR-CO-17: one breakdown per VAT category and rate; its tax is the sum of the line taxes (each rounded), within
  // the rule's one-unit tolerance of taxable × rate.
  // E, AE and G breakdowns carry the exemption reason (BR-E-10, BR-AE-10, BR-G-10): the VATEX code where the category
  // has one, and the lines' texts (the category's default where a line gave none).
  const groups = new Map<string, { rate: string; category: UblVatCategory; taxableMinor: bigint; taxMinor: bigint; reasons: Set<string> }>();
  for (const l of doc.lines) {
    const rate = normalisedRate(l.taxRatePercent);
    const category = vatCategory(l);
    const key = `${category} ${rate}`;
    const g = groups.get(key) ?? { rate, category, taxableMinor: 0n, taxMinor: 0n, reasons: new Set<string>() };
    g.taxableMinor += l.netMinor;
    const parsed = parseDecimal(rate);
    g.taxMinor += l.taxMinor ?? (parsed ? divideRounded(l.netMinor * parsed.units, 100n * 10n ** BigInt(parsed.scale), 'half_up') : 0n);
    const reason = takesExemptionReason(category) ? l.taxExemptionReason?.trim() || defaultExemptionReasons[category] : undefined;
    if (reason) g.reasons.add(reason);
    groups.set(key, g);
  }
  const breakdownTax = [...groups.values()].reduce((s, g) => s + g.taxMinor, 0n);
  const exemption = (g: { category: UblVatCategory; reasons: Set<string> }) =>
    takesExemptionReason(g.category) ? `${element('TaxExemptionReasonCode', exemptionCodes[g.category])}${element('TaxExemptionReason', [...g.reasons].join('; '))}` : '';
  const taxTotal = `<cac:TaxTotal>${money('TaxAmount', breakdownTax)}${[...groups.values()]
    .map(
      (g) =>
        `<cac:TaxSubtotal>${money('TaxableAmount', g.taxableMinor)}${money('TaxAmount', g.taxMinor)}<cac:TaxCategory><cbc:ID>${g.category}</cbc:ID><cbc:Percent>${g.rate}</cbc:Percent>${exemption(g)}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
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
      return `<cac:${lineRoot}><cbc:ID>${i + 1}</cbc:ID><cbc:${quantityElement} unitCode="${l.unitCode}">${l.quantity}</cbc:${quantityElement}>${money('LineExtensionAmount', l.netMinor)}${allowance}<cac:Item><cbc:Name>${escapeXml(l.description.slice(0, 200))}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>${vatCategory(l)}</cbc:ID><cbc:Percent>${rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="${doc.currency}">${price}</cbc:PriceAmount></cac:Price></cac:${lineRoot}>`;
    })
    .join('');

  const taxInclusive = doc.subtotalMinor + breakdownTax;
  const payable = taxInclusive - doc.prepaidMinor;
  // BG-16: credit transfer (UNCL4461 30) to the company's account; BR-61 wants the account with code 30, so without an
  // IBAN the means are "not defined" (1) and carry only the payment reference.
  const paymentMeans = doc.iban
    ? `<cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>${element('PaymentID', doc.paymentReference)}<cac:PayeeFinancialAccount><cbc:ID>${escapeXml(doc.iban)}</cbc:ID>${
        doc.bic ? `<cac:FinancialInstitutionBranch><cbc:ID>${escapeXml(doc.bic)}</cbc:ID></cac:FinancialInstitutionBranch>` : ''
      }</cac:PayeeFinancialAccount></cac:PaymentMeans>`
    : doc.paymentReference
      ? `<cac:PaymentMeans><cbc:PaymentMeansCode>1</cbc:PaymentMeansCode>${element('PaymentID', doc.paymentReference)}</cac:PaymentMeans>`
      : '';
  const termsNote = paymentTermsText(doc);
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
    // PEPPOL-EN16931-R003: a buyer reference or an order reference; German buyers need the buyer reference (DE-R-015).
    `<cbc:BuyerReference>${escapeXml(doc.buyerReference)}</cbc:BuyerReference>`,
    doc.orderReference ? `<cac:OrderReference><cbc:ID>${escapeXml(doc.orderReference.purchaseOrder)}</cbc:ID>${element('SalesOrderID', doc.orderReference.salesOrder)}</cac:OrderReference>` : '',
    doc.precedingInvoiceNumber ? `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${escapeXml(doc.precedingInvoiceNumber)}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>` : '',
    party(doc.seller, 'AccountingSupplierParty'),
    party(doc.buyer, 'AccountingCustomerParty'),
    paymentMeans,
    termsNote ? `<cac:PaymentTerms><cbc:Note>${escapeXml(termsNote)}</cbc:Note></cac:PaymentTerms>` : '',
    taxTotal,
    // BR-CO-10/13/15/16: line total = Σ lines; tax exclusive = line total; inclusive = exclusive + tax; payable = inclusive − prepaid.
    `<cac:LegalMonetaryTotal>${money('LineExtensionAmount', doc.subtotalMinor)}${money('TaxExclusiveAmount', doc.subtotalMinor)}${money('TaxInclusiveAmount', taxInclusive)}${doc.prepaidMinor > 0n ? money('PrepaidAmount', doc.prepaidMinor) : ''}${money('PayableAmount', payable)}</cac:LegalMonetaryTotal>`,
    lines,
    `</${root}>`,
  ].join('');
}

/**
 * BT-10 buyer reference, in the order an accounts payable department matches and routes by: the purchase order number
 * it issued (a three-way match needs it), else the reference it gave us for itself (the customer's external reference),
 * else our document number, so the mandatory element is never empty (PEPPOL-EN16931-R003, DE-R-015).
 */
export function buyerReferenceFor(input: { purchaseOrder?: string | null; customerReference?: string | null; documentNumber: string }): string {
  const given = [input.purchaseOrder, input.customerReference].find((v) => v && v.trim());
  return given ? given.trim() : input.documentNumber;
}

/**
 * Master data EN 16931 needs for the VAT categories of the document's lines: reverse charge names both VAT ids
 * (BR-AE-02: the seller's, and the buyer's VAT id or legal registration id, of which we hold the VAT id), an export
 * and an exempt supply the seller's (BR-G-02, BR-E-02). Checked in every conformance: without them no validator
 * accepts the document.
 */
export function vatCategoryGaps(doc: UblDocument): PeppolGap[] {
  const categories = new Set(doc.lines.map(vatCategory));
  const blank = (v: string | null | undefined) => !v || !v.trim();
  const gaps: PeppolGap[] = [];
  const needsSellerVatId = (['AE', 'G', 'E'] as const).find((c) => categories.has(c));
  if (needsSellerVatId && blank(doc.seller.taxId)) {
    const why = { AE: 'a reverse-charge invoice', G: 'an export invoice', E: 'an invoice of exempt supplies' }[needsSellerVatId];
    gaps.push({ party: 'seller', field: 'taxId', rule: `BR-${needsSellerVatId}-02`, detail: `${why} gives the seller VAT id` });
  }
  if (categories.has('AE') && blank(doc.buyer.taxId)) gaps.push({ party: 'buyer', field: 'taxId', rule: 'BR-AE-02', detail: 'a reverse-charge invoice gives the buyer VAT id' });
  return gaps;
}

/** Master data a document lacks to pass Peppol BIS Billing 3.0, with the rule that asks for it. */
export interface PeppolGap {
  party: 'seller' | 'buyer';
  field: 'peppolEndpointId' | 'city' | 'postalCode' | 'phone' | 'email' | 'iban' | 'taxId';
  rule: string;
  detail: string;
}

/**
 * What Peppol needs beyond EN 16931 that the document cannot state from the data it was given: both electronic
 * addresses always, and for a German seller invoicing a German buyer the XRechnung details Peppol's German rules check.
 */
export function peppolGaps(doc: UblDocument): PeppolGap[] {
  const gaps: PeppolGap[] = [];
  const gap = (party: PeppolGap['party'], field: PeppolGap['field'], rule: string, detail: string) => gaps.push({ party, field, rule, detail });
  if (!doc.seller.endpoint) gap('seller', 'peppolEndpointId', 'PEPPOL-EN16931-R020', 'the seller needs a Peppol participant id, or a VAT id of a country with a Peppol VAT scheme');
  if (!doc.buyer.endpoint) gap('buyer', 'peppolEndpointId', 'PEPPOL-EN16931-R010', 'the buyer needs a Peppol participant id, or a VAT id of a country with a Peppol VAT scheme');
  if (doc.seller.countryCode === 'DE' && doc.buyer.countryCode === 'DE') {
    const blank = (v: string | null | undefined) => !v || !v.trim();
    if (blank(doc.seller.city)) gap('seller', 'city', 'DE-R-003', 'a German e-invoice names the seller city');
    if (blank(doc.seller.postalCode)) gap('seller', 'postalCode', 'DE-R-004', 'a German e-invoice names the seller post code');
    if (blank(doc.seller.contact?.phone)) gap('seller', 'phone', 'DE-R-006', 'a German e-invoice gives a seller contact telephone number');
    if (blank(doc.seller.contact?.email)) gap('seller', 'email', 'DE-R-007', 'a German e-invoice gives a seller contact email');
    if (blank(doc.iban) && blank(doc.paymentReference)) gap('seller', 'iban', 'DE-R-001', 'a German e-invoice gives payment instructions: the account to pay to');
    if (blank(doc.seller.taxId)) gap('seller', 'taxId', 'DE-R-016', 'a German e-invoice with VAT gives the seller VAT id');
    if (blank(doc.buyer.city)) gap('buyer', 'city', 'DE-R-008', 'a German e-invoice names the buyer city');
    if (blank(doc.buyer.postalCode)) gap('buyer', 'postalCode', 'DE-R-009', 'a German e-invoice names the buyer post code');
  }
  return gaps;
}

/** UN/ECE Recommendation 20 unit codes for the units products use. */
export function unitCode(unit: string | null | undefined): string {
  const codes: Record<string, string> = { pcs: 'C62', piece: 'C62', h: 'HUR', hour: 'HUR', day: 'DAY', month: 'MON', kg: 'KGM', m: 'MTR', l: 'LTR' };
  return codes[(unit ?? '').toLowerCase()] ?? 'C62';
}
