import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainFailure } from '../../kernel/result.js';
import type { Database } from '../../db/connection.js';
import { actorOf, currencyCode, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { csvStatementMappingSchema } from '../banking/csv-statement.js';
import { maxStatementFileBytes, type StatementEntry } from '../banking/statement.js';
import { mappingPreviewLines, savedCsvMapping } from './bank-accounts.js';
import { allMatchRules, defaultMatchSettings } from './match.js';
import {
  acceptProposal,
  createBankAccount,
  getBankAccount,
  getStatementLine,
  importBankStatement,
  listBankAccounts,
  listBankStatements,
  listStatementLines,
  loadMatchSettings,
  matchLineManually,
  rejectLine,
  runCashApplication,
  saveCsvMapping,
  saveMatchSettings,
  suggestCsvMappingForAccount,
  type BankAccountRow,
  type StatementLineRow,
} from './service.js';

const lineStatuses = ['new', 'applied', 'exception', 'ignored', 'rejected'] as const;

const statementLineView = z.object({
  id: z.uuid(),
  statementId: z.uuid(),
  position: z.number().int(),
  location: z.string().describe('Where the line is in the file: a line number or an XML element path'),
  bookingDate: z.string().nullable(),
  valueDate: z.string(),
  amountMinor: z.number().int().describe('Signed: money in is positive'),
  currency: z.string(),
  bankReference: z.string().nullable(),
  customerReference: z.string().nullable(),
  structuredReference: z.string().nullable(),
  remittanceText: z.string(),
  payerName: z.string().nullable(),
  payerIban: z.string().nullable(),
  status: z.enum(lineStatuses),
  customerId: z.uuid().nullable(),
  paymentId: z.uuid().nullable(),
  rule: z.string().nullable(),
  confidence: z.number().nullable().describe('0..1: how sure the engine is of its proposal'),
  explanation: z.string().nullable(),
  proposal: z.unknown().nullable(),
  alternatives: z.unknown().nullable(),
  reasons: z.array(z.string()).nullable().describe('Why the line waits for a person (suspicions first)'),
});

function toLineView(row: StatementLineRow) {
  return {
    id: row.id, statementId: row.statementId, position: row.position, location: row.location, bookingDate: row.bookingDate, valueDate: row.valueDate,
    amountMinor: minorToJson(row.amountMinor), currency: row.currency, bankReference: row.bankReference, customerReference: row.customerReference,
    structuredReference: row.structuredReference, remittanceText: row.remittanceText, payerName: row.payerName, payerIban: row.payerIban,
    status: row.status as (typeof lineStatuses)[number], customerId: row.customerId, paymentId: row.paymentId, rule: row.rule,
    confidence: row.confidenceBasisPoints === null ? null : row.confidenceBasisPoints / 10_000, explanation: row.explanation,
    proposal: row.proposal ?? null, alternatives: row.alternatives ?? null, reasons: (row.reasons as string[] | null) ?? null,
  };
}

// ---- uploaded files ----

/** A sample for a mapping suggestion: a month of a busy account's export is well under this. */
const maxMappingSampleBytes = 5 * 1024 * 1024;

/** Mapped to 413 payload_too_large by the server's error handler (it goes by the code). */
class UploadTooLarge extends Error {
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
  readonly statusCode = 413;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * The uploaded file as sent: bytes for application/octet-stream (and for text/csv, which the server hands over as a
 * stream: it is read here up to `maxBytes`, no further), text for application/xml and text/plain.
 */
async function uploadedFile(request: FastifyRequest, maxBytes: number, what: string): Promise<Buffer | string> {
  const body = request.body as unknown;
  const tooLarge = () => new UploadTooLarge(`the ${what} is larger than ${megabytes(maxBytes)}: split it into smaller files`);
  let content: Buffer | string | undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) content = body;
  else if (body instanceof Readable) {
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
    content = await readUpTo(body, maxBytes, tooLarge);
  }
  if (content === undefined || content.length === 0) {
    throw new DomainFailure({ code: 'validation_failed', message: `send the ${what} as the request body (application/octet-stream, text/csv, application/xml or text/plain)` });
  }
  if ((typeof content === 'string' ? Buffer.byteLength(content) : content.length) > maxBytes) throw tooLarge();
  return content;
}

function readUpTo(stream: Readable, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) {
        stop();
        // The rest is read and dropped rather than the connection cut, so the client still gets the refusal.
        stream.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

// ---- bank accounts ----

/** One named component in the OpenAPI document (and the typed client), not the whole mapping repeated per route. */
const csvMappingSchema = csvStatementMappingSchema.meta({ id: 'CsvStatementMapping', description: "How one bank account's CSV export is read: delimiter, code page, preamble lines, date and number formats, which column holds what" });

const bankAccountView = z.object({
  id: z.uuid(),
  name: z.string(),
  accountIdentifier: z.string().describe('The IBAN or account number, compact (no spaces): statements of the account are filed under it'),
  currency: z.string(),
  csvMapping: csvMappingSchema.nullable().describe("How this bank's CSV export is read; null when the bank sends camt, MT940 or BAI2"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function toBankAccountView(row: BankAccountRow) {
  return {
    id: row.id, name: row.name, accountIdentifier: row.accountIdentifier, currency: row.currency, csvMapping: savedCsvMapping(row),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

const previewLineView = z.object({
  location: z.string().describe('"line N", as a text editor counts the lines of the file'),
  bookingDate: z.string().nullable(),
  valueDate: z.string().nullable(),
  amountMinor: z.number().int().describe('Signed: money in is positive'),
  currency: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyAccount: z.string().nullable().describe("The payer's (or payee's) IBAN or account number"),
  remittanceText: z.string(),
  bankReference: z.string().nullable(),
  customerReference: z.string().nullable(),
  structuredReference: z.string().nullable(),
  transactionCode: z.string().nullable(),
});

function toPreviewLine(entry: StatementEntry) {
  return {
    location: entry.location, bookingDate: entry.bookingDate, valueDate: entry.valueDate, amountMinor: minorToJson(entry.amountMinor), currency: entry.currency,
    counterpartyName: entry.counterparty.name, counterpartyAccount: entry.counterparty.iban ?? entry.counterparty.accountNumber, remittanceText: entry.remittanceText,
    bankReference: entry.bankReference, customerReference: entry.customerReference, structuredReference: entry.structuredReference, transactionCode: entry.transactionCode,
  };
}

const summaryView = z.object({ linesConsidered: z.number().int(), applied: z.number().int(), exceptions: z.number().int(), suspect: z.number().int(), failedToApply: z.number().int() });

const settingsView = z.strictObject({
  rules: z.array(z.enum(allMatchRules as [string, ...string[]])).describe('Rules in the order they are tried; a rule left out is off'),
  autoApplyThreshold: z.number().min(0.5).max(1),
  shortPaymentToleranceMinor: z.number().int().min(0),
  shortPaymentToleranceBasisPoints: z.number().int().min(0).max(10_000),
  maxCombinationSize: z.number().int().min(1).max(8),
  maxCombinationsPerLine: z.number().int().min(1).max(200_000),
  maxOpenItemsPerCombination: z.number().int().min(1).max(60),
});

export function registerCashApplicationRoutes(app: CashloopApp, db: Database): void {
  const tags = ['cash application'];

  app.post('/v1/bank-statements', {
    schema: {
      tags,
      summary: 'Import a bank statement file (camt.053/054 as XML, MT940, BAI2, or CSV with the bank account\'s saved mapping) and apply what it pays',
      description:
        'Send the file as the body: application/octet-stream or text/csv (up to 50 MB), application/xml or text/plain. camt, MT940 and BAI2 are recognised from the content unless `format` says. ' +
        'A CSV statement needs `format=csv` and `bankAccountId`: the account\'s saved column mapping reads the file, and the lines are filed under the account\'s IBAN or account number and currency. ' +
        'With `bankAccountId` and another format, the file must be a statement of that account. ' +
        'The same statement imported again adds nothing (a CSV file is recognised by its content hash), and lines already known from an overlapping statement of the same account are skipped. ' +
        'A file that does not parse is refused whole (400, every problem in `errors`, located by line or element path) and nothing is stored. ' +
        'Unless `apply=false`, cash application then runs over the new lines: certain, unsuspicious matches are applied, the rest wait in the exception queue.',
      querystring: z.object({
        format: z.enum(['camt', 'mt940', 'bai2', 'csv']).optional(),
        bankAccountId: z.uuid().optional().describe('The bank account the file is for; required for CSV'),
        fileName: z.string().max(200).optional(),
        apply: z.enum(['true', 'false']).optional().transform((v) => v !== 'false'),
      }),
      response: {
        201: z.object({
          fileSha256: z.string(),
          format: z.string(),
          statements: z.array(z.object({ id: z.uuid().nullable(), statementKey: z.string(), account: z.string(), lines: z.number().int(), newLines: z.number().int(), alreadyImported: z.boolean() })),
          linesAdded: z.number().int(),
          linesAlreadyKnown: z.number().int(),
          cashApplication: summaryView.nullable(),
        }),
      },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const content = await uploadedFile(request, maxStatementFileBytes, 'statement file');
      const { fileName, format, bankAccountId } = request.query;
      const summary = unwrap(await importBankStatement(db, actor, { content, fileName, format, bankAccountId }));
      const cashApplication = request.query.apply && summary.linesAdded > 0 ? await runCashApplication(db, actor) : null;
      return reply.status(201).send({ ...summary, cashApplication });
    },
  });

  app.get('/v1/bank-statements', {
    schema: {
      tags,
      summary: 'List imported bank statements, newest first',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ data: z.array(z.object({ id: z.uuid(), format: z.string(), accountIdentifier: z.string(), statementKey: z.string(), lineCount: z.number().int(), fileName: z.string().nullable(), importedAt: z.string() })) }) },
    },
    handler: async (request) => ({
      data: (await listBankStatements(db, actorOf(request), request.query.limit)).map((s) => ({ id: s.id, format: s.format, accountIdentifier: s.accountIdentifier, statementKey: s.statementKey, lineCount: s.lineCount, fileName: s.fileName, importedAt: s.importedAt.toISOString() })),
    }),
  });

  app.post('/v1/cash-application/runs', {
    schema: { tags, summary: 'Run cash application over every statement line still waiting', response: { 200: summaryView } },
    handler: async (request) => runCashApplication(db, requireRole(request, 'admin', 'ar_manager')),
  });

  app.get('/v1/statement-lines', {
    schema: {
      tags,
      summary: 'Statement lines; status=exception is the exception queue',
      querystring: pageQuery.extend({ status: z.enum(lineStatuses).optional(), statementId: z.uuid().optional() }),
      response: { 200: pageSchema(statementLineView) },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await listStatementLines(db, actorOf(request), { ...filter, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toLineView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/statement-lines/:id', {
    schema: { tags, summary: 'One statement line with its proposal, alternatives and reasons', params: idParam, response: { 200: statementLineView } },
    handler: async (request) => toLineView(unwrap(await getStatementLine(db, actorOf(request), request.params.id))),
  });

  app.post('/v1/statement-lines/:id/accept', {
    schema: { tags, summary: "Accept the engine's proposal for a queued line: the payment is recorded and allocated, and the engine learns the payer", params: idParam, response: { 200: statementLineView } },
    handler: async (request) => toLineView(unwrap(await acceptProposal(db, requireRole(request, 'admin', 'ar_manager', 'collector'), request.params.id))),
  });

  app.post('/v1/statement-lines/:id/match', {
    schema: {
      tags,
      summary: 'Match a queued line by hand: the customer and the invoices it pays; the rest stays as customer credit. The engine learns the payer.',
      params: idParam,
      body: z.strictObject({ customerId: z.uuid(), allocations: z.array(z.strictObject({ invoiceId: z.uuid(), amountMinor: z.number().int().positive() })).max(500) }),
      response: { 200: statementLineView },
    },
    handler: async (request) => toLineView(unwrap(await matchLineManually(db, requireRole(request, 'admin', 'ar_manager', 'collector'), request.params.id, request.body))),
  });

  app.post('/v1/statement-lines/:id/reject', {
    schema: {
      tags,
      summary: 'Reject the proposal (the line stays queued for a manual match), or set the line aside as not a customer payment',
      params: idParam,
      body: z.strictObject({ reason: z.string().min(1).max(500), notACustomerPayment: z.boolean().default(false) }),
      response: { 200: statementLineView },
    },
    handler: async (request) => toLineView(unwrap(await rejectLine(db, requireRole(request, 'admin', 'ar_manager', 'collector'), request.params.id, request.body))),
  });

  app.post('/v1/bank-accounts', {
    schema: {
      tags,
      summary: 'Register one of the company\'s bank accounts, by IBAN or (where the bank has none) account number (admin, ar_manager)',
      description: 'Give `iban` or `accountNumber`, not both. An IBAN\'s check digits are verified. `csvMapping` may be given now or saved later with PUT /v1/bank-accounts/{id}/csv-mapping.',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200).describe('How the finance team calls the account, e.g. "Commerzbank EUR operating"'),
        iban: z.string().max(50).optional().describe('With or without spaces'),
        accountNumber: z.string().trim().min(1).max(50).optional().describe('Only for an account without an IBAN'),
        currency: currencyCode,
        csvMapping: csvMappingSchema.optional(),
      }),
      response: { 201: bankAccountView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const created = unwrap(await createBankAccount(db, actor, request.body));
      return reply.status(201).send(toBankAccountView(created));
    },
  });

  app.get('/v1/bank-accounts', {
    schema: { tags, summary: 'The company\'s bank accounts', querystring: pageQuery, response: { 200: pageSchema(bankAccountView) } },
    handler: async (request) => {
      const { limit, cursor } = request.query;
      const rows = await listBankAccounts(db, actorOf(request), { afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toBankAccountView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/bank-accounts/:id', {
    schema: { tags, summary: 'One bank account with its saved CSV mapping', params: idParam, response: { 200: bankAccountView } },
    handler: async (request) => toBankAccountView(unwrap(await getBankAccount(db, actorOf(request), request.params.id))),
  });

  app.put('/v1/bank-accounts/:id/csv-mapping', {
    schema: {
      tags,
      summary: 'Save how this bank\'s CSV export is read (admin, ar_manager); used for every later CSV statement of the account',
      description: 'Start from POST /v1/bank-accounts/{id}/csv-mapping/suggestion and check its preview. A mapping that is incomplete or inconsistent is refused (400) with each field at fault in `errors`.',
      params: idParam,
      body: z.strictObject({ mapping: csvMappingSchema }),
      response: { 200: bankAccountView },
    },
    handler: async (request) => toBankAccountView(unwrap(await saveCsvMapping(db, requireRole(request, 'admin', 'ar_manager'), request.params.id, request.body.mapping))),
  });

  app.post('/v1/bank-accounts/:id/csv-mapping/suggestion', {
    schema: {
      tags,
      summary: 'Propose a CSV mapping from a sample of this bank\'s export, and preview what the sample gives with it (admin, ar_manager). Nothing is stored',
      description:
        `Send a sample file as the body: application/octet-stream (raw bytes, so the code page can be recognised) or text/csv, up to ${megabytes(maxMappingSampleBytes)}. ` +
        `The answer holds the proposed mapping, how sure the proposal is, notes on what was decided and what to check, and the sample read with it in the account's currency: ` +
        `the first ${mappingPreviewLines} lines and the line count when it parses, every located fault when it does not. Save the mapping, corrected where needed, with PUT /v1/bank-accounts/{id}/csv-mapping.`,
      params: idParam,
      response: {
        200: z.object({
          mapping: csvMappingSchema,
          confidence: z.enum(['high', 'low']).describe('high only when every choice was unambiguous and the sample parses'),
          notes: z.array(z.string()),
          preview: z.object({
            parses: z.boolean(),
            entryCount: z.number().int().nullable().describe('Lines the sample holds; null when it does not parse'),
            lines: z.array(previewLineView).describe(`The first ${mappingPreviewLines} lines`),
            faults: z.array(z.object({ location: z.string(), message: z.string() })).describe('Why the sample does not parse with the proposal'),
          }),
        }),
      },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const sample = await uploadedFile(request, maxMappingSampleBytes, 'sample file');
      const suggestion = unwrap(await suggestCsvMappingForAccount(db, actor, request.params.id, sample));
      return { ...suggestion, preview: { parses: suggestion.preview.parses, entryCount: suggestion.preview.entryCount, lines: suggestion.preview.entries.map(toPreviewLine), faults: suggestion.preview.faults } };
    },
  });

  app.get('/v1/cash-application/settings', {
    schema: { tags, summary: 'Matching rules, their order, the auto-apply threshold and tolerances', response: { 200: settingsView } },
    handler: async (request) => {
      const s = await loadMatchSettings(db, actorOf(request).tenantId);
      return { ...s, rules: [...s.rules], shortPaymentToleranceMinor: Number(s.shortPaymentToleranceMinor) };
    },
  });

  app.put('/v1/cash-application/settings', {
    schema: { tags, summary: 'Change the matching rules and thresholds (admin, ar_manager)', body: settingsView.partial(), response: { 200: settingsView } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const current = await loadMatchSettings(db, actor.tenantId);
      const body = request.body;
      const next = {
        ...defaultMatchSettings,
        ...current,
        ...body,
        rules: (body.rules ?? current.rules) as typeof current.rules,
        shortPaymentToleranceMinor: body.shortPaymentToleranceMinor === undefined ? current.shortPaymentToleranceMinor : BigInt(body.shortPaymentToleranceMinor),
      };
      const saved = unwrap(await saveMatchSettings(db, actor, next));
      return { ...saved, rules: [...saved.rules], shortPaymentToleranceMinor: Number(saved.shortPaymentToleranceMinor) };
    },
  });
}
