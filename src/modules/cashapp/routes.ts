import { z } from 'zod';
import { DomainFailure } from '../../kernel/result.js';
import type { Database } from '../../db/connection.js';
import { actorOf, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { allMatchRules, defaultMatchSettings } from './match.js';
import {
  acceptProposal,
  getStatementLine,
  importBankStatement,
  listBankStatements,
  listStatementLines,
  loadMatchSettings,
  matchLineManually,
  rejectLine,
  runCashApplication,
  saveMatchSettings,
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
      summary: 'Import a bank statement file (camt.053/054 as XML, MT940, BAI2) and apply what it pays',
      description:
        'Send the file as the body (application/octet-stream, application/xml or text/plain). The format is recognised from the content unless `format` says. ' +
        'The same statement imported again adds nothing; a file that does not parse is refused whole (422, each problem located by line or element path). ' +
        'Unless `apply=false`, cash application then runs over the new lines: certain, unsuspicious matches are applied, the rest wait in the exception queue.',
      querystring: z.object({
        format: z.enum(['camt', 'mt940', 'bai2']).optional(),
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
      const body = request.body as unknown;
      const content = typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : undefined;
      if (content === undefined || content.length === 0) {
        throw new DomainFailure({ code: 'validation_failed', message: 'send the statement file as the request body (application/octet-stream, application/xml or text/plain)' });
      }
      const summary = unwrap(await importBankStatement(db, actor, { content, fileName: request.query.fileName, format: request.query.format }));
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
