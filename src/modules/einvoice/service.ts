import type { Database } from '../../db/connection.js';
import { currencyExponent } from '../../kernel/currency.js';
import { divideRounded, formatDecimal, formatMinor, parseDecimal } from '../../kernel/money.js';
import { fail, ok, type FieldError, type Result } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import type { Actor } from '../identity/roles.js';
import { findTenant } from '../identity/service.js';
import { findInvoice, getInvoice } from '../invoicing/service.js';
import { orderOfInvoice } from '../orders/service.js';
import type { PaymentTerms } from '../terms/payment-terms.js';
import { resolvePeppolEndpoint } from './peppol-endpoint.js';
import { buyerReferenceFor, peppolGaps, toUbl, unitCode, vatCategoryGaps, type PeppolGap, type UblDocument, type UblVatCategory } from './ubl.js';

/** net ÷ quantity as a decimal with up to 4 places more than the currency (UBL allows more decimals on prices). */
function netUnitPrice(netMinor: bigint, quantity: string, currency: string): string {
  const q = parseDecimal(quantity);
  const exponent = currencyExponent(currency) ?? 2;
  if (!q || q.units === 0n) return formatMinor(netMinor, currency);
  const scale = exponent + 4;
  const scaled = divideRounded(netMinor * 10n ** BigInt(q.scale + 4), q.units, 'half_up');
  return formatDecimal({ units: scaled, scale }).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/**
 * How strict the export is. `peppol` refuses a document that would fail Peppol BIS Billing 3.0 for want of master data
 * (electronic addresses, the German XRechnung details) and says which field to fill in; `en16931` writes what the data
 * allows (an email attachment for a customer outside Peppol is still useful) and needs only the two countries.
 */
export type UblConformance = 'peppol' | 'en16931';

const gapPointer = (gap: PeppolGap, customerId: string) =>
  gap.party === 'seller' ? { pointer: `/tenant/${gap.field}`, detail: `${gap.detail} (${gap.rule}; PATCH /v1/tenant)` } : { pointer: `/customer/${gap.field}`, detail: `${gap.detail} (${gap.rule}; PATCH /v1/customers/${customerId})` };

/** The UBL (Peppol BIS 3) document of an issued invoice or credit note. */
export async function ublForInvoice(db: Database, actor: Actor, invoiceId: string, options: { conformance?: UblConformance } = {}): Promise<Result<{ fileName: string; xml: string }>> {
  const found = await getInvoice(db, actor, invoiceId);
  if (!found.ok) return found;
  const invoice = found.value;
  if (invoice.kind === 'write_off' || invoice.status === 'draft' || !invoice.number || !invoice.issueDate) {
    return fail('invalid_state', 'only issued invoices and credit notes have an e-invoice');
  }
  const tenant = await findTenant(db, actor.tenantId);
  const customer = await findCustomer(db, actor.tenantId, invoice.customerId);
  if (!tenant || !customer) return fail('not_found', 'missing company or customer');
  const faults: FieldError[] = [];
  // EN 16931 BR-09 and BR-11: seller and buyer countries are mandatory.
  if (!tenant.countryCode) faults.push({ pointer: '/tenant/countryCode', detail: "set the company's country (PATCH /v1/tenant) to issue e-invoices" });
  if (!customer.countryCode) faults.push({ pointer: '/customer/countryCode', detail: `set the country of ${customer.name} (PATCH /v1/customers/${customer.id})` });
  if (faults.length > 0) return fail('validation_failed', 'the e-invoice needs more details', faults);
  const preceding = invoice.creditedInvoiceId ? await findInvoice(db, actor.tenantId, invoice.creditedInvoiceId) : undefined;
  // A credit note of an order return is billed from the order; a credit note of an invoice refers to the invoice's order.
  const order = (await orderOfInvoice(db, actor.tenantId, invoice.id)) ?? (preceding ? await orderOfInvoice(db, actor.tenantId, preceding.id) : undefined);
  const purchaseOrder = order?.customerReference?.trim() || null;
  const terms = invoice.paymentTerms as PaymentTerms | null;
  const discount = invoice.discountMinor && invoice.discountMinor > 0n && invoice.discountDeadline ? { amountMinor: invoice.discountMinor, deadline: invoice.discountDeadline } : undefined;
  const doc: UblDocument = {
    kind: invoice.kind === 'credit_note' ? 'credit_note' : 'invoice',
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    buyerReference: buyerReferenceFor({ purchaseOrder, customerReference: customer.externalRef, documentNumber: invoice.number }),
    orderReference: purchaseOrder ? { purchaseOrder, salesOrder: order?.number ?? null } : null,
    precedingInvoiceNumber: preceding?.number ?? null,
    seller: {
      name: tenant.name,
      legalName: tenant.legalName,
      taxId: tenant.taxId,
      addressLine: tenant.addressLine,
      city: tenant.city,
      postalCode: tenant.postalCode,
      countryCode: tenant.countryCode ?? '',
      endpoint: resolvePeppolEndpoint(tenant) ?? null,
      // BG-6: the buyer's questions about the invoice go to accounts receivable.
      contact: { name: 'Accounts receivable', phone: tenant.phone, email: tenant.email },
    },
    buyer: {
      name: customer.name,
      taxId: customer.taxId,
      addressLine: customer.addressLine,
      city: customer.city,
      postalCode: customer.postalCode,
      countryCode: customer.countryCode ?? '',
      endpoint: resolvePeppolEndpoint(customer) ?? null,
      contact: customer.email ? { email: customer.email } : null,
    },
    paymentReference: invoice.creditorReference,
    iban: tenant.iban,
    bic: tenant.bic,
    paymentTermsNote: invoice.dueDate && invoice.kind !== 'credit_note' ? paymentTermsNote(invoice.dueDate, invoice.currency, discount) : null,
    earlyPaymentDiscount: discount && terms?.discount ? terms.discount : null,
    lines: invoice.lines.map((l) => {
      const quantity = l.quantity.replace(/\.?0+$/, '') || '0';
      return {
        description: l.description,
        quantity,
        unitCode: unitCode(null),
        unitPriceMinor: l.unitPriceMinor,
        discountPercent: l.discountPercent,
        taxRatePercent: l.taxRatePercent,
        // The table's check admits only UNCL5305 codes of UblVatCategory.
        taxCategory: l.taxCategory as UblVatCategory | null,
        taxExemptionReason: l.taxExemptionReason,
        netMinor: l.netMinor,
        taxMinor: l.taxMinor,
        // Tax-inclusive prices: UBL prices are net, so the net unit price is the line's net over its quantity.
        ...(invoice.pricesIncludeTax ? { netPriceText: netUnitPrice(l.netMinor, quantity, invoice.currency) } : {}),
      };
    }),
    subtotalMinor: invoice.subtotalMinor,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
    prepaidMinor: 0n,
  };
  const vatGaps = vatCategoryGaps(doc);
  if (vatGaps.length > 0) return fail('validation_failed', 'the e-invoice needs VAT ids for the VAT categories of its lines (EN 16931)', vatGaps.map((g) => gapPointer(g, customer.id)));
  if ((options.conformance ?? 'en16931') === 'peppol') {
    const gaps = peppolGaps(doc);
    if (gaps.length > 0) return fail('validation_failed', 'the e-invoice needs more details to pass Peppol BIS Billing 3.0', gaps.map((g) => gapPointer(g, customer.id)));
  }
  return ok({ fileName: `${invoice.number}.xml`, xml: toUbl(doc) });
}

/** BT-20 in words: the due date and, with early-payment terms, the discount and its last day. */
function paymentTermsNote(dueDate: string, currency: string, discount: { amountMinor: bigint; deadline: string } | undefined): string {
  const due = `Payable by ${dueDate}`;
  return discount ? `${due}; ${currency} ${formatMinor(discount.amountMinor, currency)} early-payment discount if paid by ${discount.deadline}` : due;
}
