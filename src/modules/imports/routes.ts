import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { decodeCursor, idParam, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { importKinds } from './row-rules.js';
import { commitImport, getImport, listImportIssues, reviewImport } from './service.js';
import { xlsxAsCsv, xlsxContentType } from './xlsx.js';

/** The uploaded file as CSV text: CSV as sent, XLSX (its first worksheet) converted row by row. */
function uploadedRows(body: unknown, contentType: string | undefined): Readable {
  if (!(body instanceof Readable)) {
    throw new DomainFailure({ code: 'validation_failed', message: `send the file as the request body with content-type text/csv or ${xlsxContentType}` });
  }
  return contentType?.startsWith(xlsxContentType) ? xlsxAsCsv(body) : body;
}

const reviewView = z.object({
  batchId: z.uuid(),
  kind: z.enum(importKinds),
  fileName: z.string().nullable(),
  sha256: z.string(),
  rowCount: z.number().int(),
  acceptedCount: z.number().int().describe('Rows that will be imported (with or without warnings)'),
  warningCount: z.number().int(),
  errorCount: z.number().int().describe('Rows that will be skipped'),
  totalsByCurrency: z.record(z.string(), z.string()).describe('Sum of accepted amounts per currency, in minor units'),
  alreadyCommitted: z.boolean().describe('This exact file was imported before: committing it imports nothing'),
  issues: z.array(z.object({ line: z.number().int(), severity: z.enum(['error', 'warning']), column: z.string().nullable(), message: z.string() })),
});

export function registerImportRoutes(app: CashloopApp, db: Database): void {
  const tags = ['imports'];

  app.post('/v1/imports/:kind/review', {
    schema: {
      tags,
      summary: 'Dry run of a CSV import (admin, ar_manager): a report per row, duplicates within the file and against stored data, totals by currency. Nothing is imported',
      description:
        'Body: the file as CSV (content-type text/csv, UTF-8, header row) or XLSX (its first worksheet, header in the first row). Columns per kind — customers: external_ref, name, currency, [email, payment_terms_days, credit_limit, segment, tax_id]; ' +
        'contacts: customer_external_ref, name, [email, phone, role]; open_invoices: customer_external_ref, invoice_number, issue_date, due_date, currency, open_amount; ' +
        'paid_invoices: customer_external_ref, invoice_number, issue_date, due_date, paid_date, currency, amount, [disputed]. Amounts are decimals in the currency (1234.50), dates YYYY-MM-DD.',
      params: z.object({ kind: z.enum(importKinds) }),
      querystring: z.object({ fileName: z.string().max(200).optional() }),
      response: { 200: reviewView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return unwrap(await reviewImport(db, actor, request.params.kind, uploadedRows(request.body, request.headers['content-type']), request.query.fileName ?? null));
    },
  });

  app.post('/v1/imports/:id/commit', {
    schema: {
      tags,
      summary: 'Import the reviewed file (admin, ar_manager): send the same file again; refused if it changed. One transaction: all accepted rows or none',
      params: idParam,
      response: { 200: z.object({ batchId: z.uuid(), imported: z.number().int(), skippedWithErrors: z.number().int(), alreadyCommitted: z.boolean() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return unwrap(await commitImport(db, actor, request.params.id, uploadedRows(request.body, request.headers['content-type'])));
    },
  });

  app.get('/v1/imports/:id', {
    schema: {
      tags,
      summary: 'An import batch and its review figures',
      params: idParam,
      response: {
        200: z.object({
          id: z.uuid(),
          kind: z.string(),
          status: z.string(),
          fileName: z.string().nullable(),
          sha256: z.string(),
          rowCount: z.number().int(),
          acceptedCount: z.number().int(),
          warningCount: z.number().int(),
          errorCount: z.number().int(),
          summary: z.unknown(),
          createdAt: z.string(),
          committedAt: z.string().nullable(),
        }),
      },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const batch = await getImport(db, actor, request.params.id);
      if (!batch) throw new DomainFailure({ code: 'not_found', message: `no import ${request.params.id}` });
      return {
        id: batch.id,
        kind: batch.kind,
        status: batch.status,
        fileName: batch.fileName,
        sha256: batch.fileSha256,
        rowCount: batch.rowCount,
        acceptedCount: batch.acceptedCount,
        warningCount: batch.warningCount,
        errorCount: batch.errorCount,
        summary: batch.summary,
        createdAt: batch.createdAt.toISOString(),
        committedAt: batch.committedAt?.toISOString() ?? null,
      };
    },
  });

  app.get('/v1/imports/:id/issues', {
    schema: {
      tags,
      summary: 'Every issue of a review, by line',
      params: idParam,
      querystring: pageQuery,
      response: { 200: pageSchema(z.object({ id: z.uuid(), line: z.number().int(), severity: z.string(), column: z.string().nullable(), message: z.string() })) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const batch = await getImport(db, actor, request.params.id);
      if (!batch) throw new DomainFailure({ code: 'not_found', message: `no import ${request.params.id}` });
      const rows = await listImportIssues(db, batch.id, decodeCursor(request.query.cursor), request.query.limit);
      const page = pageOf(rows, request.query.limit);
      return { data: page.items.map((i) => ({ id: i.id, line: i.lineNumber, severity: i.severity, column: i.column, message: i.message })), nextCursor: page.nextCursor };
    },
  });
}
