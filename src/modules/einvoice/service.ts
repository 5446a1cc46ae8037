import type { Database } from '../../db/connection.js';
import { fail, ok, type FieldError, type Result } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import type { Actor } from '../identity/roles.js';
import { findTenant } from '../identity/service.js';
import { findInvoice, getInvoice } from '../invoicing/service.js';
import { toUbl, unitCode, type UblDocument } from './ubl.js';

/** The UBL (Peppol BIS 3) document of an issued invoice or credit note. */
export async function ublForInvoice(db: Database, actor: Actor, invoiceId: string): Promise<Result<{ fileName: string; xml: string }>> {
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
  const doc: UblDocument = {
    kind: invoice.kind === 'credit_note' ? 'credit_note' : 'invoice',
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    buyerReference: customer.externalRef ?? invoice.number,
    precedingInvoiceNumber: preceding?.number ?? null,
    seller: { name: tenant.name, legalName: tenant.legalName, taxId: tenant.taxId, addressLine: tenant.addressLine, city: tenant.city, postalCode: tenant.postalCode, countryCode: tenant.countryCode ?? '', email: tenant.email },
    buyer: { name: customer.name, taxId: customer.taxId, addressLine: customer.addressLine, city: customer.city, postalCode: customer.postalCode, countryCode: customer.countryCode ?? '', email: customer.email },
    paymentReference: invoice.creditorReference,
    iban: tenant.iban,
    bic: tenant.bic,
    paymentTermsNote: invoice.dueDate ? `Payable by ${invoice.dueDate}${invoice.discountMinor ? `; ${invoice.discountMinor} minor units discount if paid by ${invoice.discountDeadline}` : ''}` : null,
    lines: invoice.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity.replace(/\.?0+$/, '') || '0',
      unitCode: unitCode(null),
      unitPriceMinor: l.unitPriceMinor,
      discountPercent: l.discountPercent,
      taxRatePercent: l.taxRatePercent,
      netMinor: l.netMinor,
    })),
    subtotalMinor: invoice.subtotalMinor,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
    prepaidMinor: 0n,
  };
  return ok({ fileName: `${invoice.number}.xml`, xml: toUbl(doc) });
}
