import { sql } from 'drizzle-orm';
import type { Database } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { fail, ok, type Result } from '../../kernel/result.js';
import { findCustomer } from '../customers/service.js';
import type { Actor } from '../identity/roles.js';
import { findLetterhead } from '../identity/service.js';
import { normaliseRate } from '../invoicing/invoice-totals.js';
import { effectiveExemptionReason, effectiveVatCategory } from '../invoicing/vat-category.js';
import { findInvoice, getInvoice } from '../invoicing/service.js';
import { agingReport } from '../reporting/service.js';
import { invoicePdf, statementPdf, type Company, type InvoicePdfInput } from './pdf.js';

const companyOf = (c: Company) => c;

export async function invoicePdfFor(db: Database, actor: Actor, invoiceId: string): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  const found = await getInvoice(db, actor, invoiceId);
  if (!found.ok) return found;
  const invoice = found.value;
  if (invoice.status === 'draft' || !invoice.number || !invoice.issueDate || invoice.kind === 'write_off') return fail('invalid_state', 'only issued invoices and credit notes have a PDF');
  const tenant = await findLetterhead(db, actor.tenantId);
  const customer = await findCustomer(db, actor.tenantId, invoice.customerId);
  if (!tenant || !customer) return fail('not_found', 'missing company or customer');
  const credited = invoice.creditedInvoiceId ? await findInvoice(db, actor.tenantId, invoice.creditedInvoiceId) : undefined;
  // One tax line per VAT category and rate, as the e-invoice's breakdown; E, AE and G say why there is no VAT.
  const summary = new Map<string, InvoicePdfInput['taxSummary'][number]>();
  for (const l of invoice.lines) {
    const rate = normaliseRate(l.taxRatePercent);
    const category = effectiveVatCategory(l.taxCategory, l.taxRatePercent);
    const key = `${category} ${rate}`;
    const s = summary.get(key) ?? { taxRatePercent: rate, taxCategory: category, baseMinor: 0n, taxMinor: 0n, exemptionReasons: [] };
    s.baseMinor += l.netMinor;
    s.taxMinor += l.taxMinor;
    const reason = effectiveExemptionReason(category, l.taxExemptionReason);
    if (reason && !s.exemptionReasons?.includes(reason)) s.exemptionReasons?.push(reason);
    summary.set(key, s);
  }
  const pdf = await invoicePdf({
    kind: invoice.kind === 'credit_note' ? 'credit_note' : 'invoice',
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    seller: companyOf(tenant),
    buyer: companyOf(customer),
    lines: invoice.lines.map((l) => ({ description: l.description, quantity: l.quantity.replace(/\.?0+$/, '') || '0', unitPriceMinor: l.unitPriceMinor, discountPercent: normaliseRate(l.discountPercent), taxRatePercent: normaliseRate(l.taxRatePercent), netMinor: l.netMinor })),
    taxSummary: [...summary.values()],
    subtotalMinor: invoice.subtotalMinor,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
    paymentReference: invoice.creditorReference,
    discount: invoice.discountMinor && invoice.discountDeadline ? { amountMinor: invoice.discountMinor, deadline: invoice.discountDeadline } : null,
    instalments: (invoice.instalments as { dueDate: string; amountMinor: string }[] | null)?.map((i) => ({ dueDate: i.dueDate, amountMinor: BigInt(i.amountMinor) })) ?? null,
    creditedInvoiceNumber: credited?.number ?? null,
    memo: invoice.memo,
  });
  return ok({ fileName: `${invoice.number}.pdf`, pdf });
}

/**
 * Statement of account: opening balance, every movement of the customer's balance (invoices, credit notes, payments,
 * write-offs, fees; allocations move nothing the customer owes), closing balance and the aging at the end date.
 */
export async function statementPdfFor(db: Database, actor: Actor, customerId: string, from: string, to: string): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  const customer = await findCustomer(db, actor.tenantId, customerId);
  const tenant = await findLetterhead(db, actor.tenantId);
  if (!customer || !tenant) return fail('not_found', `no customer ${customerId}`);
  const balanceLines = sql`from journal_lines l join journal_entries e on e.id = l.entry_id join accounts a on a.id = l.account_id
     where l.tenant_id = ${actor.tenantId} and l.customer_id = ${customerId} and l.currency = ${customer.currency}
       and a.purpose in ('accounts_receivable', 'unapplied_cash') and e.source_type <> 'allocation'`;
  const [opening] = await queryRows<{ balance: string }>(db, sql`select coalesce(sum(l.debit_minor - l.credit_minor), 0)::text as balance ${balanceLines} and e.entry_date < ${from}::date`);
  const movements = await queryRows<{ date: string; description: string; debit: string; credit: string }>(
    db,
    sql`select e.entry_date::text as date, e.description, l.debit_minor::text as debit, l.credit_minor::text as credit
        ${balanceLines} and e.entry_date between ${from}::date and ${to}::date order by e.entry_date, e.id`,
  );
  const openingBalanceMinor = toBigInt(opening?.balance);
  const closing = movements.reduce((s, m) => s + toBigInt(m.debit) - toBigInt(m.credit), openingBalanceMinor);
  const aging = await agingReport(db, tenant, to, { customerId });
  const line = aging.customers.find((c) => c.currency === customer.currency);
  const pdf = await statementPdf({
    company: tenant,
    customer,
    currency: customer.currency,
    from,
    to,
    openingBalanceMinor,
    movements: movements.map((m) => ({ date: m.date, document: m.description.split(' ').slice(0, 2).join(' '), description: m.description, debitMinor: toBigInt(m.debit), creditMinor: toBigInt(m.credit) })),
    closingBalanceMinor: closing,
    aging: aging.buckets.map((b, i) => ({ label: b.label, amountMinor: line?.bucketsMinor[i] ?? 0n })),
  });
  return ok({ fileName: `statement-${from}-${to}.pdf`, pdf });
}
