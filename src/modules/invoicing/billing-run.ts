import { daysBetween } from '../../kernel/business-date.js';
import type { FieldError } from '../../kernel/result.js';
import { dueDate as termsDueDate, earlyPaymentDiscount, instalmentSchedule, type BusinessCalendar, type PaymentTerms } from '../terms/payment-terms.js';
import type { Posting } from '../ledger/service.js';
import { creditorReference } from './creditor-reference.js';
import { priceInvoice, type InvoiceTotals, type PricingOptions } from './invoice-totals.js';

/**
 * A billing run: many invoices issued on one date under one run key, planned here (pure) and written in chunks by the
 * shell (store.ts), one transaction per chunk. Each invoice comes out exactly as issuing it on its own would make it:
 * the same number format, due date, discount, instalments, RF reference, totals and journal entry.
 */

/** Invoices per transaction: large enough for multi-row statements to pay off, small enough to keep locks short. */
export const invoicesPerChunk = 2_000;
/** Invoices one API request may carry (a larger run is sent as several requests with their own run keys). */
export const maxInvoicesPerRequest = 10_000;

export interface BillingRunLineInput {
  readonly description: string;
  readonly quantity: string;
  readonly unitPriceMinor: number | bigint;
  readonly taxRatePercent: string;
  readonly discountPercent?: string | undefined;
  readonly taxCategory?: string | null | undefined;
  readonly taxExemptionReason?: string | null | undefined;
}

/** One invoice to create and issue in the run (a draft's fields, as POST /v1/invoices takes them). */
export interface BillingRunInvoiceInput {
  readonly customerId: string;
  readonly paymentTermsId?: string | undefined;
  readonly paymentTermsDays?: number | undefined;
  readonly pricesIncludeTax?: boolean | undefined;
  readonly memo?: string | null | undefined;
  /** For a customer invoiced in another currency than the base currency: the rate to book it at. */
  readonly exchangeRate?: string | null | undefined;
  readonly lines: readonly BillingRunLineInput[];
}

/** What the planner needs to know of a customer. */
export interface BillingCustomer {
  readonly id: string;
  readonly currency: string;
  readonly paymentTermsId: string | null;
  readonly paymentTermsDays: number;
  readonly archived: boolean;
}

export interface InvoicingRules {
  readonly taxRounding: 'line' | 'invoice';
  readonly pricesIncludeTax: boolean;
}

/** An input that passed validation: priced, with the terms in force, ready to be numbered. */
export interface PricedInput {
  readonly index: number;
  readonly customer: BillingCustomer;
  readonly input: BillingRunInvoiceInput;
  readonly pricesIncludeTax: boolean;
  readonly terms: PaymentTerms;
  readonly totals: InvoiceTotals;
  /** Base-currency units per unit of the invoice's currency; null in the base currency. */
  readonly exchangeRate: string | null;
}

/**
 * The rate each invoice is booked at, worked out by the shell once per currency and given rate (as issuing one invoice
 * works it out: the given rate, else the tenant's rate in force on the issue date), or why there is none.
 */
export type BookingRates = ReadonlyMap<string, { rate: string | null } | { fault: string }>;

export function bookingRateKey(currency: string, given: string | null | undefined): string {
  return `${currency} ${given ?? ''}`;
}

/**
 * Validates and prices every input before anything is written, so a bad invoice refuses the whole run up front
 * (pointers name the invoice: /invoices/3/lines/0/quantity). Terms follow a draft's rule: named terms given, else the
 * customer's named terms unless net days were given, else net N days.
 */
export function priceBillingRunInputs(
  inputs: readonly BillingRunInvoiceInput[],
  customers: ReadonlyMap<string, BillingCustomer>,
  namedTerms: ReadonlyMap<string, PaymentTerms>,
  rules: InvoicingRules,
  rates: BookingRates,
): { ok: true; priced: PricedInput[] } | { ok: false; faults: FieldError[] } {
  const faults: FieldError[] = [];
  const priced: PricedInput[] = [];
  inputs.forEach((input, index) => {
    const at = `/invoices/${index}`;
    const customer = customers.get(input.customerId);
    if (!customer) {
      faults.push({ pointer: `${at}/customerId`, detail: `no customer ${input.customerId}` });
      return;
    }
    if (customer.archived) {
      faults.push({ pointer: `${at}/customerId`, detail: 'the customer is archived' });
      return;
    }
    const templateId = input.paymentTermsId ?? (input.paymentTermsDays === undefined ? customer.paymentTermsId : null);
    let terms: PaymentTerms | undefined;
    if (templateId) {
      terms = namedTerms.get(templateId);
      if (!terms) faults.push({ pointer: `${at}/paymentTermsId`, detail: `no payment terms ${templateId}` });
    } else {
      terms = { due: { kind: 'net', days: input.paymentTermsDays ?? customer.paymentTermsDays } };
    }
    const pricesIncludeTax = input.pricesIncludeTax ?? rules.pricesIncludeTax;
    const options: PricingOptions = { pricesIncludeTax, taxRounding: rules.taxRounding };
    const pricing = priceInvoice(input.lines.map((l) => ({ ...l, unitPriceMinor: BigInt(l.unitPriceMinor) })), options);
    if (!pricing.ok) {
      faults.push(...pricing.faults.map((f) => ({ pointer: `${at}${f.pointer}`, detail: f.detail })));
      return;
    }
    // issueDraft refuses a draft without a total: the run refuses it before it exists.
    if (pricing.totals.totalMinor <= 0n) {
      faults.push({ pointer: `${at}/lines`, detail: 'an invoice needs at least one line and a total above zero' });
      return;
    }
    const booking = rates.get(bookingRateKey(customer.currency, input.exchangeRate));
    if (!booking) throw new Error(`no booking rate worked out for ${customer.currency}`);
    if ('fault' in booking) {
      faults.push({ pointer: `${at}/exchangeRate`, detail: booking.fault });
      return;
    }
    if (terms) priced.push({ index, customer, input, pricesIncludeTax, terms, totals: pricing.totals, exchangeRate: booking.rate });
  });
  return faults.length > 0 ? { ok: false, faults } : { ok: true, priced };
}

/** What issuing fixes on an invoice besides its status: same rules as issuing one draft (service.ts issueDraft). */
export interface IssueTerms {
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly paymentTermsDays: number;
  readonly paymentTerms: PaymentTerms;
  readonly discountMinor: bigint | null;
  readonly discountDeadline: string | null;
  readonly instalments: { dueDate: string; amountMinor: string }[] | null;
  readonly creditorReference: string;
  readonly openMinor: bigint;
}

/** The RF reference of an invoice number: at most 21 letters and digits, the end of the number where the counter is. */
export function creditorReferenceForNumber(number: string): string {
  return creditorReference(number.replace(/[^A-Za-z0-9]/g, '').slice(-21));
}

/**
 * Due dates by terms, for one issue date and calendar: a run issues thousands of invoices on a handful of terms, and
 * working out a date (calendar arithmetic, weekend and holiday rolls) costs more than the rest of planning an invoice.
 */
export type DueDateMemo = Map<string, { dueDate: string; paymentTermsDays: number }>;

export function issueTerms(terms: PaymentTerms, totalMinor: bigint, number: string, issueDate: string, calendar: BusinessCalendar, dueDates?: DueDateMemo): IssueTerms {
  const key = dueDates ? JSON.stringify(terms.due) : '';
  let due = dueDates?.get(key);
  if (due === undefined) {
    const dueDate = termsDueDate(terms, issueDate, calendar);
    due = { dueDate, paymentTermsDays: daysBetween(issueDate, dueDate) };
    dueDates?.set(key, due);
  }
  const discount = earlyPaymentDiscount(terms, totalMinor, issueDate, calendar);
  const schedule = terms.instalments?.length ? instalmentSchedule(terms, totalMinor, issueDate, calendar) : null;
  return {
    number,
    issueDate,
    dueDate: due.dueDate,
    paymentTermsDays: due.paymentTermsDays,
    paymentTerms: terms,
    discountMinor: discount?.amountMinor ?? null,
    discountDeadline: discount?.deadline ?? null,
    instalments: schedule?.map((i) => ({ dueDate: i.dueDate, amountMinor: i.amountMinor.toString() })) ?? null,
    creditorReference: creditorReferenceForNumber(number),
    openMinor: totalMinor,
  };
}

/** The invoice fields the journal entry and the events need. */
export interface IssuedAmounts {
  readonly id: string;
  readonly customerId: string;
  readonly currency: string;
  readonly subtotalMinor: bigint;
  readonly taxMinor: bigint;
  readonly totalMinor: bigint;
}

/**
 * Dr accounts receivable (total) / Cr revenue (net) / Cr tax payable (tax), dated the issue date and booked at the
 * invoice's rate: as issueDraft posts it.
 */
export function issuedInvoicePosting(invoice: IssuedAmounts, number: string, issueDate: string, exchangeRate: string | null): Posting {
  return {
    entryDate: issueDate,
    description: `Invoice ${number}`,
    sourceType: 'invoice',
    sourceId: invoice.id,
    postingKey: `invoice.issued:${invoice.id}`,
    exchangeRate,
    lines: [
      { account: 'accounts_receivable', currency: invoice.currency, debitMinor: invoice.totalMinor, customerId: invoice.customerId },
      { account: 'revenue', currency: invoice.currency, creditMinor: invoice.subtotalMinor },
      { account: 'tax_payable', currency: invoice.currency, creditMinor: invoice.taxMinor },
    ],
  };
}

/** A new invoice as it is inserted, already issued (the invoices table's fields). */
export interface PlannedInvoice extends IssueTerms {
  readonly id: string;
  readonly tenantId: string;
  readonly customerId: string;
  readonly kind: 'invoice';
  readonly status: 'open';
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly subtotalMinor: bigint;
  readonly taxMinor: bigint;
  readonly totalMinor: bigint;
  readonly memo: string | null;
  readonly exchangeRate: string | null;
}

export interface PlannedLine {
  readonly id: string;
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly position: number;
  readonly description: string;
  readonly quantity: string;
  readonly unitPriceMinor: bigint;
  readonly taxRatePercent: string;
  readonly discountPercent: string;
  readonly netMinor: bigint;
  readonly taxMinor: bigint;
  readonly taxCategory: string | null;
  readonly taxExemptionReason: string | null;
}

/**
 * Plans one chunk of new invoices: the numbers were taken in one step for the chunk (in input order), the ids are
 * given (the run claimed them before numbering), so the plan is a plain function of its arguments.
 */
export function planNewInvoices(
  tenantId: string,
  chunk: readonly PricedInput[],
  ids: readonly string[],
  numbers: readonly string[],
  issueDate: string,
  calendar: BusinessCalendar,
  newLineId: () => string,
): { invoices: PlannedInvoice[]; lines: PlannedLine[]; postings: Posting[] } {
  if (ids.length !== chunk.length || numbers.length !== chunk.length) throw new RangeError('one id and one number per invoice');
  const invoices: PlannedInvoice[] = [];
  const lines: PlannedLine[] = [];
  const postings: Posting[] = [];
  const dueDates: DueDateMemo = new Map();
  chunk.forEach((p, i) => {
    const id = ids[i] as string;
    const number = numbers[i] as string;
    const invoice: PlannedInvoice = {
      id,
      tenantId,
      customerId: p.customer.id,
      kind: 'invoice',
      status: 'open',
      currency: p.customer.currency,
      pricesIncludeTax: p.pricesIncludeTax,
      subtotalMinor: p.totals.subtotalMinor,
      taxMinor: p.totals.taxMinor,
      totalMinor: p.totals.totalMinor,
      memo: p.input.memo ?? null,
      exchangeRate: p.exchangeRate,
      ...issueTerms(p.terms, p.totals.totalMinor, number, issueDate, calendar, dueDates),
    };
    invoices.push(invoice);
    p.totals.lines.forEach((l, position) =>
      lines.push({
        id: newLineId(),
        tenantId,
        invoiceId: id,
        position,
        description: l.description,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        taxRatePercent: l.taxRatePercent,
        discountPercent: l.discountPercent ?? '0',
        netMinor: l.netMinor,
        taxMinor: l.taxMinor,
        taxCategory: l.taxCategory,
        taxExemptionReason: l.taxExemptionReason,
      }),
    );
    postings.push(issuedInvoicePosting(invoice, number, issueDate, p.exchangeRate));
  });
  return { invoices, lines, postings };
}

/** A draft named in the run, as loaded under its row lock. */
export interface DraftToIssue extends IssuedAmounts {
  readonly status: string;
  readonly paymentTerms: unknown;
  readonly paymentTermsDays: number;
}

/**
 * Plans the issue of locked drafts (the shell left out those no longer drafts): they take the numbers in the order
 * given, and are booked at the rates given (one per draft).
 */
export function planDraftIssues(
  drafts: readonly DraftToIssue[],
  numbers: readonly string[],
  exchangeRates: readonly (string | null)[],
  issueDate: string,
  calendar: BusinessCalendar,
): { updates: (IssueTerms & { id: string; exchangeRate: string | null })[]; postings: Posting[] } {
  if (numbers.length !== drafts.length || exchangeRates.length !== drafts.length) throw new RangeError('one number and one rate per draft');
  const updates: (IssueTerms & { id: string; exchangeRate: string | null })[] = [];
  const postings: Posting[] = [];
  const dueDates: DueDateMemo = new Map();
  drafts.forEach((d, i) => {
    const number = numbers[i] as string;
    const terms = (d.paymentTerms as PaymentTerms | null) ?? { due: { kind: 'net', days: d.paymentTermsDays } };
    const exchangeRate = exchangeRates[i] ?? null;
    updates.push({ id: d.id, exchangeRate, ...issueTerms(terms, d.totalMinor, number, issueDate, calendar, dueDates) });
    postings.push(issuedInvoicePosting(d, number, issueDate, exchangeRate));
  });
  return { updates, postings };
}

/** Splits work into chunks of at most `size` (the last may be shorter). */
export function chunked<T>(items: readonly T[], size: number = invoicesPerChunk): T[][] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('chunk size must be a positive integer');
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
