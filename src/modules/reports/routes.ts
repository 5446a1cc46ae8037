import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, decodeCursor, idParam, minorToJson, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { formatMinor } from '../../kernel/money.js';
import { xlsxContentType } from '../imports/xlsx.js';
import { columnTypes, maxReportNameLength, maxReportRows, reportCatalog, reportDefinition, reportSources } from './definition.js';
import {
  deleteSavedReport,
  findSavedReport,
  listSavedReports,
  moneyOf,
  reportAsCsv,
  reportAsXlsx,
  runReport,
  runSavedReport,
  saveReport,
  updateSavedReport,
  type ReportRun,
  type SavedReport,
} from './service.js';

const catalogue = Object.entries(reportCatalog)
  .map(([source, c]) => `- ${source}: dimensions ${c.dimensions.join(', ')}; measures ${c.measures.join(', ')}`)
  .join('\n');

const definitionDescription = `A report definition: \`source\`, \`measures\`, \`groupBy\` dimensions, \`filters\`, \`period\` {from, to}, \`sort\` and \`limit\` (at most ${maxReportRows} rows).
${catalogue}
The period runs on the source's main date (issue date, value date, opened on); its end (default: the tenant's today) is the date the report is as of: open and unapplied amounts, the days-past-due band (current, d1_30, d31_60, d61_90, over_90; settled; unapplied_credit) and the averages are as they stood at the end of that day. Statuses are current. Credit notes count negative. Amounts are never summed across currencies: asking for an amount adds the currency dimension.`;

const savedReportView = z.object({
  id: z.uuid(),
  name: z.string(),
  definition: reportDefinition,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const toSavedReportView = (r: SavedReport) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

const columnView = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(columnTypes).describe('money cells are {amountMinor, currency, formatted}; days are decimals to one place'),
});
const moneyCell = z.object({ amountMinor: z.number().int(), currency: z.string(), formatted: z.string().describe('The amount as a decimal in the currency, e.g. 1234.50') });
const runView = z.object({
  source: z.enum(reportSources),
  asOf: z.string(),
  from: z.string().nullable(),
  columns: z.array(columnView),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), moneyCell, z.null()]))),
  truncated: z.boolean().describe('More rows matched than the limit'),
});

function toRunView(run: ReportRun): z.infer<typeof runView> {
  const { report } = run;
  return {
    source: report.source,
    asOf: report.asOf,
    from: report.from,
    columns: report.columns.map((c) => ({ key: c.key, label: c.label, type: c.type })),
    rows: run.rows.map((row) =>
      Object.fromEntries(
        report.columns.map((c) => {
          const value = row[c.key] ?? null;
          if (value === null) return [c.key, null];
          if (c.type === 'count' || c.type === 'days') return [c.key, Number(value)];
          if (c.type === 'money') {
            const money = moneyOf(row, c);
            return [c.key, money ? { amountMinor: minorToJson(money.amountMinor), currency: money.currency, formatted: formatMinor(money.amountMinor, money.currency) } : null];
          }
          return [c.key, value];
        }),
      ),
    ),
    truncated: run.truncated,
  };
}

const savedReportBody = z.strictObject({ name: z.string().trim().min(1).max(maxReportNameLength), definition: reportDefinition.describe(definitionDescription) });

export function registerDynamicReportRoutes(app: CashloopApp, db: Database): void {
  const tags = ['reports'];

  app.post('/v1/reports', {
    schema: { tags, summary: 'Save a report definition (admin, ar_manager)', description: definitionDescription, body: savedReportBody, response: { 201: savedReportView } },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return reply.status(201).send(toSavedReportView(unwrap(await saveReport(db, actor, request.body))));
    },
  });

  app.get('/v1/reports', {
    schema: { tags, summary: 'Saved reports, oldest first', querystring: pageQuery, response: { 200: pageSchema(savedReportView) } },
    handler: async (request) => {
      const rows = await listSavedReports(db, actorOf(request).tenantId, { limit: request.query.limit, after: decodeCursor(request.query.cursor) });
      const page = pageOf(rows, request.query.limit);
      return { data: page.items.map(toSavedReportView), nextCursor: page.nextCursor };
    },
  });

  app.post('/v1/reports/run', {
    schema: {
      tags,
      summary: 'Run a report definition without saving it (JSON)',
      description: `${definitionDescription}\n\nA POST, so viewer keys cannot use it; they run saved reports with GET /v1/reports/{id}/run.`,
      body: z.strictObject({ definition: reportDefinition }),
      response: { 200: runView },
    },
    handler: async (request) => toRunView(await runReport(db, actorOf(request).tenantId, request.body.definition)),
  });

  app.get('/v1/reports/:id', {
    schema: { tags, summary: 'A saved report definition', params: idParam, response: { 200: savedReportView } },
    handler: async (request) => toSavedReportView(unwrap(await findSavedReport(db, actorOf(request).tenantId, request.params.id))),
  });

  app.put('/v1/reports/:id', {
    schema: { tags, summary: 'Replace a saved report definition (admin, ar_manager)', description: definitionDescription, params: idParam, body: savedReportBody, response: { 200: savedReportView } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toSavedReportView(unwrap(await updateSavedReport(db, actor, request.params.id, request.body)));
    },
  });

  app.delete('/v1/reports/:id', {
    schema: { tags, summary: 'Delete a saved report (admin, ar_manager)', params: idParam, response: { 204: z.null() } },
    handler: async (request, reply) => {
      unwrap(await deleteSavedReport(db, requireRole(request, 'admin', 'ar_manager'), request.params.id));
      return reply.status(204).send(null);
    },
  });

  app.get('/v1/reports/:id/run', {
    schema: { tags, summary: 'Run a saved report (JSON: typed columns and rows; amounts in minor units with a formatted decimal)', params: idParam, response: { 200: runView } },
    handler: async (request) => toRunView(unwrap(await runSavedReport(db, actorOf(request).tenantId, request.params.id)).run),
  });

  app.get('/v1/reports/:id/export', {
    schema: {
      tags,
      summary: 'Run a saved report and download it as CSV or XLSX (cells a spreadsheet would read as a formula are prefixed with a quote)',
      params: idParam,
      querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    },
    handler: async (request, reply) => {
      const { run } = unwrap(await runSavedReport(db, actorOf(request).tenantId, request.params.id));
      const format = request.query.format;
      // The file name is made of the id and date only: the report's name is user text and stays out of headers.
      void reply.header('content-disposition', `attachment; filename="report-${request.params.id}-${run.report.asOf}.${format}"`);
      if (run.truncated) void reply.header('x-report-truncated', 'true');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportAsCsv(run));
      return reply.type(xlsxContentType).send(await reportAsXlsx(run));
    },
  });
}
