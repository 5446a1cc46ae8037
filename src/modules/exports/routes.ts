import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { tenantToday } from '../identity/service.js';
import { asCsv, asJsonArray, customerColumns, customerMasterData, journalColumns, journalLines, openItemColumns, openItems } from './service.js';

const format = z.enum(['csv', 'json']).default('csv');

export function registerExportRoutes(app: CashloopApp, db: Database): void {
  const tags = ['exports'];
  const send = (reply: { header(k: string, v: string): unknown; type(t: string): unknown; send(p: unknown): unknown }, name: string, kind: 'csv' | 'json', body: AsyncIterable<string>) => {
    reply.header('content-disposition', `attachment; filename="${name}.${kind}"`);
    reply.type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    return reply.send(Readable.from(body));
  };

  app.get('/v1/exports/journal', {
    schema: {
      tags,
      summary: 'Journal lines of a period for a general ledger (streamed CSV or JSON; layout in docs/exports.md)',
      querystring: z.object({ from: businessDate, to: businessDate, format }),
    },
    handler: async (request, reply) => {
      const { from, to, format: kind } = request.query;
      if (to < from) throw new DomainFailure({ code: 'validation_failed', message: 'to is before from', fieldErrors: [{ pointer: '/querystring/to', detail: 'on or after from' }] });
      const rows = journalLines(db, actorOf(request).tenantId, from, to);
      return send(reply, `journal-${from}-${to}`, kind, kind === 'csv' ? asCsv(journalColumns, rows) : asJsonArray(rows));
    },
  });

  app.get('/v1/exports/open-items', {
    schema: { tags, summary: 'Open invoices and unused credit notes as of a date (streamed CSV or JSON)', querystring: z.object({ asOf: businessDate.optional(), format }) },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      const rows = openItems(db, actor.tenantId, asOf);
      return send(reply, `open-items-${asOf}`, request.query.format, request.query.format === 'csv' ? asCsv(openItemColumns, rows) : asJsonArray(rows));
    },
  });

  app.get('/v1/exports/customers', {
    schema: { tags, summary: 'Customer master data (streamed CSV or JSON)', querystring: z.object({ format }) },
    handler: async (request, reply) => {
      const rows = customerMasterData(db, actorOf(request).tenantId);
      return send(reply, 'customers', request.query.format, request.query.format === 'csv' ? asCsv(customerColumns, rows) : asJsonArray(rows));
    },
  });
}
