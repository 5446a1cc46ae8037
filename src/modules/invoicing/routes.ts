import { z } from 'zod';
import { normaliseRate as normaliseExchangeRate } from '../ledger/exchange.js';
import { exchangeRateText } from '../../http/conventions.js';
import type { Database } from '../../db/connection.js';
import {
  actorOf,
  businessDate,
  decodeCursor,
  idParam,
  minorToJson,
  nonNegativeAmountMinor,
  pageOf,
  pageQuery,
  pageSchema,
  unwrap,
  type CashloopApp,
} from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import { normaliseRate } from './invoice-totals.js';
import { requireRole } from '../../http/conventions.js';
import { ublForInvoice } from '../einvoice/service.js';
import { invoicePdfFor, statementPdfFor } from '../documents/service.js';
import { parseUbl } from '../einvoice/ubl-import.js';
import { findCustomer } from '../customers/service.js';
import { DomainFailure } from '../../kernel/result.js';
import {
  saveInvoicingSettings,
  loadInvoicingSettings,
  configureNumberSeries,
  numberedSeries,
  writeOffInvoice,
  creditInvoice,
  createDraftInvoice,
  deleteDraftInvoice,
  getInvoice,
  issueInvoice,
  listInvoices,
  updateDraftInvoice,
  voidInvoice,
  type InvoiceRow,
  type InvoiceWithLines,
} from './service.js';
import { maxInvoicesPerRequest } from './billing-run.js';
import { effectiveVatCategory, maxExemptionReasonChars, vatCategories } from './vat-category.js';
import { issueBillingRun } from './store.js';

const maxLinesPerInvoice = 1000;

const lineInput = z.strictObject({
  description: z.string().trim().min(1).max(1000),
  quantity: z.string().regex(/^\d{1,14}(\.\d{1,4})?$/, 'a positive decimal with up to 4 places, as a string ("2", "1.5")'),
  unitPriceMinor: nonNegativeAmountMinor.describe('Price of one unit, tax exclusive, in minor units'),
  taxRatePercent: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage as a string ("19", "7.7", "0")').default('0'),
  discountPercent: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage as a string ("10", "2.5")').optional().describe('Line discount in percent'),
  taxCategory: z
    .enum(vatCategories)
    .nullish()
    .describe('VAT category (UNCL5305): S standard rated (rate above 0), Z zero rated, E exempt, AE reverse charge, G export outside the EU (rate 0). Defaults to S above 0 %, Z at 0 %'),
  taxExemptionReason: z
    .string()
    .trim()
    .min(1)
    .max(maxExemptionReasonChars)
    .nullish()
    .describe('Why no VAT is charged, for E (required), AE (default "Reverse charge") and G (default "Export outside the EU")'),
});

const draftInput = z.strictObject({
  customerId: z.uuid(),
  lines: z.array(lineInput).min(1).max(maxLinesPerInvoice),
  paymentTermsDays: z.number().int().min(0).max(3650).optional().describe("Net N days; defaults to the customer's terms"),
  paymentTermsId: z.uuid().optional().describe('Named payment terms of the tenant (GET /v1/payment-terms); overrides the customer\'s'),
  pricesIncludeTax: z.boolean().optional().describe("Unit prices include VAT; defaults to the tenant's invoicing setting"),
  memo: z.string().max(2000).nullish(),
  exchangeRate: exchangeRateText.nullish().describe('For a customer invoiced in another currency than the base currency: base-currency units per unit of the invoice currency. Without it the rate in force on the issue date is used (PUT /v1/exchange-rates); with neither, issuing is refused (422 exchange_rate_missing)'),
});

/** A billing run's body: up to 10,000 invoices of a few lines fit in a few megabytes. */
const maxBillingRunBodyBytes = 32 * 1024 * 1024;

const billingRunInput = z.strictObject({
  runKey: z.string().trim().min(1).max(255).optional().describe('Your key for this run; defaults to the Idempotency-Key. The same key again issues only what is missing'),
  issueDate: businessDate.optional().describe("Defaults to the tenant's today"),
  invoices: z.array(draftInput).max(maxInvoicesPerRequest).optional().describe('New invoices to create and issue (as POST /v1/invoices takes them)'),
  draftIds: z.array(z.uuid()).max(maxInvoicesPerRequest).optional().describe('Drafts to issue'),
});

const billingRunView = z.object({
  runKey: z.string(),
  issueDate: z.string(),
  requested: z.number().int(),
  issued: z.number().int().describe('Issued by this request'),
  alreadyIssued: z.number().int().describe('Issued before: by an earlier request under this run key, or drafts issued since'),
  firstNumber: z.string().nullable(),
  lastNumber: z.string().nullable(),
  chunks: z.number().int().describe('Transactions the run was written in'),
});

const draftPatch = draftInput.omit({ customerId: true }).partial().strict();

const lineView = z.object({
  position: z.number().int(),
  description: z.string(),
  quantity: z.string(),
  unitPriceMinor: z.number().int(),
  taxRatePercent: z.string(),
  discountPercent: z.string(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  taxCategory: z.enum(vatCategories).describe('VAT category (UNCL5305), given or derived from the rate'),
  taxExemptionReason: z.string().nullable().describe('Why no VAT is charged (E, AE, G)'),
});

const invoiceView = z.object({
  id: z.uuid(),
  kind: z.enum(['invoice', 'credit_note', 'write_off']),
  number: z.string().nullable(),
  status: z.enum(['draft', 'open', 'partially_paid', 'paid', 'void', 'applied', 'written_off']),
  customerId: z.uuid(),
  currency: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  paymentTermsDays: z.number().int(),
  paymentTerms: z.unknown().describe('The terms in force: { due, discount?, instalments? }'),
  discountMinor: z.number().int().nullable().describe('Early-payment discount if paid by discountDeadline'),
  discountDeadline: z.string().nullable(),
  instalments: z.array(z.object({ dueDate: z.string(), amountMinor: z.number().int() })).nullable(),
  creditorReference: z.string().nullable().describe('ISO 11649 structured creditor reference to quote with the payment'),
  exchangeRate: z.string().nullable().describe('Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice\'s rate'),
  writeOffReason: z.string().nullable(),
  pricesIncludeTax: z.boolean(),
  subtotalMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  openMinor: z.number().int().describe('Still to be paid (invoice) or to be used (credit note)'),
  creditedInvoiceId: z.uuid().nullable(),
  voidReason: z.string().nullable(),
  memo: z.string().nullable(),
  lines: z.array(lineView).optional(),
  taxSummary: z.array(z.object({ taxRatePercent: z.string(), baseMinor: z.number().int(), taxMinor: z.number().int() })).optional(),
});

function toInvoiceView(i: InvoiceRow | InvoiceWithLines) {
  const base = {
    id: i.id,
    kind: i.kind as 'invoice' | 'credit_note' | 'write_off',
    number: i.number,
    status: i.status as 'draft' | 'open' | 'partially_paid' | 'paid' | 'void' | 'applied' | 'written_off',
    customerId: i.customerId,
    currency: i.currency,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    paymentTermsDays: i.paymentTermsDays,
    paymentTerms: i.paymentTerms,
    discountMinor: i.discountMinor === null ? null : minorToJson(i.discountMinor),
    discountDeadline: i.discountDeadline,
    instalments: (i.instalments as { dueDate: string; amountMinor: string }[] | null)?.map((x) => ({ dueDate: x.dueDate, amountMinor: Number(x.amountMinor) })) ?? null,
    creditorReference: i.creditorReference,
    exchangeRate: i.exchangeRate === null ? null : normaliseExchangeRate(i.exchangeRate),
    writeOffReason: i.writeOffReason,
    pricesIncludeTax: i.pricesIncludeTax,
    subtotalMinor: minorToJson(i.subtotalMinor),
    taxMinor: minorToJson(i.taxMinor),
    totalMinor: minorToJson(i.totalMinor),
    openMinor: minorToJson(i.openMinor),
    creditedInvoiceId: i.creditedInvoiceId,
    voidReason: i.voidReason,
    memo: i.memo,
  };
  if (!('lines' in i)) return base;
  const summary = new Map<string, { taxRatePercent: string; baseMinor: number; taxMinor: number }>();
  for (const l of i.lines) {
    const rate = normaliseRate(l.taxRatePercent);
    const s = summary.get(rate) ?? { taxRatePercent: rate, baseMinor: 0, taxMinor: 0 };
    s.baseMinor += minorToJson(l.netMinor);
    s.taxMinor += minorToJson(l.taxMinor);
    summary.set(rate, s);
  }
  return {
    ...base,
    lines: i.lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity: l.quantity.replace(/\.?0+$/, '') || '0',
      unitPriceMinor: minorToJson(l.unitPriceMinor),
      taxRatePercent: normaliseRate(l.taxRatePercent),
      discountPercent: normaliseRate(l.discountPercent),
      netMinor: minorToJson(l.netMinor),
      taxMinor: minorToJson(l.taxMinor),
      taxCategory: effectiveVatCategory(l.taxCategory, l.taxRatePercent),
      taxExemptionReason: l.taxExemptionReason,
    })),
    taxSummary: [...summary.values()],
  };
}

export function registerInvoiceRoutes(app: CashloopApp, db: Database): void {
  const tags = ['invoices'];

  app.post('/v1/invoices', {
    schema: { tags, summary: 'Create a draft invoice (totals are computed by the server)', body: draftInput, response: { 201: invoiceView } },
    handler: async (request, reply) => {
      const created = unwrap(await createDraftInvoice(db, actorOf(request), request.body));
      return reply.status(201).send(toInvoiceView(created));
    },
  });

  app.get('/v1/invoices', {
    schema: {
      tags,
      summary: 'List invoices and credit notes',
      querystring: pageQuery.extend({
        customerId: z.uuid().optional(),
        status: z.enum(['draft', 'open', 'partially_paid', 'paid', 'void', 'applied', 'written_off']).optional(),
        kind: z.enum(['invoice', 'credit_note', 'write_off']).optional(),
      }),
      response: { 200: pageSchema(invoiceView) },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await listInvoices(db, actorOf(request), { ...filter, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toInvoiceView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/invoices/:id', {
    schema: { tags, summary: 'Get an invoice or credit note with its lines and tax summary', params: idParam, response: { 200: invoiceView } },
    handler: async (request) => toInvoiceView(unwrap(await getInvoice(db, actorOf(request), request.params.id))),
  });

  app.patch('/v1/invoices/:id', {
    schema: { tags, summary: 'Change a draft (issued invoices are never edited)', params: idParam, body: draftPatch, response: { 200: invoiceView } },
    handler: async (request) => toInvoiceView(unwrap(await updateDraftInvoice(db, actorOf(request), request.params.id, request.body))),
  });

  app.delete('/v1/invoices/:id', {
    schema: { tags, summary: 'Delete a draft', params: idParam, response: { 204: z.null() } },
    handler: async (request, reply) => {
      unwrap(await deleteDraftInvoice(db, actorOf(request), request.params.id));
      return reply.status(204).send(null);
    },
  });

  app.post('/v1/invoices/:id/issue', {
    schema: {
      tags,
      summary: 'Issue a draft: assigns the next gapless number, sets the due date and posts AR / revenue / tax',
      params: idParam,
      body: z.strictObject({ issueDate: businessDate.optional().describe("Defaults to the tenant's today") }).default({}),
      response: { 200: invoiceView },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const issueDate = request.body.issueDate ?? (await tenantToday(db, actor.tenantId));
      return toInvoiceView(unwrap(await issueInvoice(db, actor, request.params.id, issueDate)));
    },
  });

  app.post('/v1/invoices/:id/credit-notes', {
    schema: {
      tags,
      summary: 'Credit part or all of an issued invoice (a return, a price correction); applied to what is still open, the rest stays as customer credit',
      params: idParam,
      body: z.strictObject({
        lines: z.array(lineInput).min(1).max(maxLinesPerInvoice),
        reason: z.string().trim().min(1).max(500),
        issueDate: businessDate.optional(),
      }),
      response: { 201: invoiceView },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const issueDate = request.body.issueDate ?? (await tenantToday(db, actor.tenantId));
      const creditNote = unwrap(await creditInvoice(db, actor, request.params.id, { lines: request.body.lines, reason: request.body.reason, issueDate }));
      return reply.status(201).send(toInvoiceView(creditNote));
    },
  });

  app.post('/v1/invoices/import-ubl', {
    schema: {
      tags,
      summary: 'Read a UBL 2.1 invoice raised in another system (body: the XML); with customerId it becomes a draft invoice of that customer',
      querystring: z.object({ customerId: z.uuid().optional() }),
    },
    handler: async (request, reply) => {
      if (typeof request.body !== 'string') throw new DomainFailure({ code: 'validation_failed', message: 'send the UBL document with content-type application/xml' });
      const parsed = parseUbl(request.body);
      if (!parsed.ok) {
        throw new DomainFailure({ code: 'validation_failed', message: 'the UBL document cannot be imported', fieldErrors: parsed.errors.map((detail) => ({ pointer: '/body', detail })) });
      }
      const document = parsed.document;
      const summary = { ...document, totalMinor: minorToJson(document.totalMinor), lines: document.lines.map((l) => ({ ...l, unitPriceMinor: minorToJson(l.unitPriceMinor), netMinor: minorToJson(l.netMinor) })) };
      if (!request.query.customerId) return { document: summary, draft: null };
      if (document.kind !== 'invoice') throw new DomainFailure({ code: 'invalid_state', message: 'a credit note is imported against its invoice (POST /v1/invoices/{id}/credit-notes)' });
      const customer = await findCustomer(db, actorOf(request).tenantId, request.query.customerId);
      if (customer && customer.currency !== document.currency) {
        throw new DomainFailure({ code: 'currency_mismatch', message: `the document is in ${document.currency}, the customer is invoiced in ${customer.currency}` });
      }
      const draft = unwrap(
        await createDraftInvoice(db, actorOf(request), {
          customerId: request.query.customerId,
          memo: `Imported from UBL invoice ${document.number} of ${document.sellerName}, dated ${document.issueDate}`,
          lines: document.lines.map((l) => ({
            description: l.description,
            quantity: l.quantity,
            unitPriceMinor: Number(l.unitPriceMinor),
            taxRatePercent: l.taxRatePercent,
            taxCategory: l.taxCategory,
            taxExemptionReason: l.taxExemptionReason,
          })),
        }),
      );
      return reply.status(201).send({ document: summary, draft: toInvoiceView(draft) });
    },
  });

  app.post('/v1/billing-runs', {
    bodyLimit: maxBillingRunBodyBytes,
    schema: {
      tags,
      summary: 'Issue many invoices at once (admin, ar_manager): new invoices and drafts, numbered gapless, posted and dispatched as issuing each would; a re-run under the same run key issues only what is missing',
      body: billingRunInput,
      response: { 200: billingRunView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const header = request.headers['idempotency-key'];
      const runKey = request.body.runKey ?? (Array.isArray(header) ? header[0] : header);
      if (!runKey) throw new DomainFailure({ code: 'validation_failed', message: 'a billing run needs a run key', fieldErrors: [{ pointer: '/runKey', detail: 'give runKey or an Idempotency-Key header' }] });
      const count = (request.body.invoices?.length ?? 0) + (request.body.draftIds?.length ?? 0);
      if (count > maxInvoicesPerRequest) {
        throw new DomainFailure({ code: 'validation_failed', message: `at most ${maxInvoicesPerRequest} invoices per request`, fieldErrors: [{ pointer: '/invoices', detail: `${count} invoices and drafts; split the run` }] });
      }
      const issueDate = request.body.issueDate ?? (await tenantToday(db, actor.tenantId));
      return unwrap(await issueBillingRun(db, actor, { runKey, issueDate, invoices: request.body.invoices, draftIds: request.body.draftIds }));
    },
  });

  app.get('/v1/invoicing-settings', {
    schema: { tags, summary: 'How invoices are priced: tax rounding per line or per rate, and whether prices include tax by default', response: { 200: z.object({ taxRounding: z.enum(['line', 'invoice']), pricesIncludeTax: z.boolean() }) } },
    handler: async (request) => loadInvoicingSettings(db, actorOf(request).tenantId),
  });

  app.put('/v1/invoicing-settings', {
    schema: {
      tags,
      summary: 'Set tax rounding (line: each line rounded; invoice: once per rate) and the default for tax-inclusive prices (admin)',
      body: z.strictObject({ taxRounding: z.enum(['line', 'invoice']), pricesIncludeTax: z.boolean() }),
      response: { 200: z.object({ taxRounding: z.enum(['line', 'invoice']), pricesIncludeTax: z.boolean() }) },
    },
    handler: async (request) => unwrap(await saveInvoicingSettings(db, requireRole(request, 'admin'), request.body)),
  });

  app.put('/v1/number-series/:series', {
    schema: {
      tags,
      summary: 'Prefix and width of a document number series (admin); "{year}" in the prefix numbers each year from 1, gapless',
      params: z.object({ series: z.enum(numberedSeries as [string, ...string[]]) }),
      body: z.strictObject({ prefix: z.string().regex(/^[A-Za-z0-9/_{}.-]{0,20}$/, 'letters, digits, - / _ . and {year}').max(20), width: z.number().int().min(1).max(12) }),
      response: { 200: z.object({ series: z.string(), prefix: z.string(), width: z.number().int(), example: z.string() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      return unwrap(await configureNumberSeries(db, actor, request.params.series as (typeof numberedSeries)[number], request.body));
    },
  });

  app.get('/v1/invoices/:id/pdf', {
    schema: { tags, summary: 'The invoice or credit note as a PDF (payment reference, bank details, tax summary, discount and instalments)', params: idParam },
    handler: async (request, reply) => {
      const { fileName, pdf } = unwrap(await invoicePdfFor(db, actorOf(request), request.params.id));
      return reply.header('content-disposition', `inline; filename="${fileName}"`).type('application/pdf').send(pdf);
    },
  });

  app.get('/v1/customers/:id/statement', {
    schema: {
      tags,
      summary: 'Statement of account PDF for a date range: opening balance, movements, closing balance and aging',
      params: idParam,
      querystring: z.object({ from: businessDate, to: businessDate }),
    },
    handler: async (request, reply) => {
      if (request.query.to < request.query.from) throw new DomainFailure({ code: 'validation_failed', message: 'to is before from', fieldErrors: [{ pointer: '/querystring/to', detail: 'on or after from' }] });
      const { fileName, pdf } = unwrap(await statementPdfFor(db, actorOf(request), request.params.id, request.query.from, request.query.to));
      return reply.header('content-disposition', `inline; filename="${fileName}"`).type('application/pdf').send(pdf);
    },
  });

  app.get('/v1/invoices/:id/ubl', {
    schema: {
      tags,
      summary: 'The invoice or credit note as a UBL 2.1 e-invoice (Peppol BIS Billing 3.0, EN 16931)',
      description:
        'By default the document must pass Peppol BIS Billing 3.0: without the master data Peppol needs (electronic addresses, the German rules for German buyers) the answer is 400 naming the fields to fill in. conformance=en16931 writes what the data allows.',
      params: idParam,
      querystring: z.object({ conformance: z.enum(['peppol', 'en16931']).default('peppol') }),
    },
    handler: async (request, reply) => {
      const { fileName, xml } = unwrap(await ublForInvoice(db, actorOf(request), request.params.id, { conformance: request.query.conformance }));
      return reply.header('content-disposition', `attachment; filename="${fileName}"`).type('application/xml; charset=utf-8').send(xml);
    },
  });

  app.post('/v1/invoices/:id/write-off', {
    schema: {
      tags,
      summary: 'Write off the open balance as uncollectable (admin, ar_manager): Dr bad-debt expense / Cr accounts receivable',
      params: idParam,
      body: z.strictObject({ reason: z.string().trim().min(1).max(500), date: businessDate.optional() }),
      response: { 200: invoiceView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const date = request.body.date ?? (await tenantToday(db, actor.tenantId));
      return toInvoiceView(unwrap(await writeOffInvoice(db, actor, request.params.id, { reason: request.body.reason, date })));
    },
  });

  app.post('/v1/invoices/:id/void', {
    schema: {
      tags,
      summary: 'Void an unpaid invoice with a full credit note (the invoice keeps its number)',
      params: idParam,
      body: z.strictObject({ reason: z.string().trim().min(1).max(500), voidDate: businessDate.optional() }),
      response: { 200: z.object({ invoice: invoiceView, creditNote: invoiceView }) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const voidDate = request.body.voidDate ?? (await tenantToday(db, actor.tenantId));
      const result = unwrap(await voidInvoice(db, actor, request.params.id, { reason: request.body.reason, voidDate }));
      return { invoice: toInvoiceView(result.invoice), creditNote: toInvoiceView(result.creditNote) };
    },
  });
}
