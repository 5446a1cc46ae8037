import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { queryRows, toBigInt, type Database, type Executor } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { currencyExponent } from '../../kernel/currency.js';
import { newId } from '../../kernel/ids.js';
import { formatMinor } from '../../kernel/money.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { savedReports } from '../analytics/schema.js';
import { disputes } from '../collections/schema.js';
import { customers } from '../customers/schema.js';
import { neutraliseFormula, csvRow } from '../exports/csv.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { tenantToday } from '../identity/service.js';
import { invoices } from '../invoicing/schema.js';
import { allocations, payments, refunds } from '../payments/schema.js';
import {
  compileReport,
  reportDefinition,
  settledBand,
  unappliedCreditBand,
  type AnyCompiledReport,
  type CompiledReport,
  type DimensionOf,
  type ListFilterField,
  type MeasureOf,
  type ReportColumn,
  type ReportDefinition,
  type ReportSource,
} from './definition.js';

// ---- saved definitions ----------------------------------------------------------------------------

export interface SavedReport {
  id: string;
  name: string;
  definition: ReportDefinition;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

type SavedReportRow = typeof savedReports.$inferSelect;

/**
 * A stored definition is read back through the same schema it was saved with. The catalogue only grows; should a
 * key ever be removed, the saved reports using it fail loudly here instead of running something else.
 */
function toSavedReport(row: SavedReportRow): SavedReport {
  const parsed = reportDefinition.safeParse(row.definition);
  if (!parsed.success) {
    throw new DomainFailure({ code: 'invalid_state', message: `the saved report ${row.id} no longer matches the report catalogue; save it again with a valid definition` });
  }
  return { id: row.id, name: row.name, definition: parsed.data, createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

async function findRow(executor: Executor, tenantId: string, id: string): Promise<SavedReportRow | undefined> {
  const [row] = await executor.select().from(savedReports).where(and(eq(savedReports.tenantId, tenantId), eq(savedReports.id, id)));
  return row;
}

const notFound = (id: string) => new DomainFailure({ code: 'not_found', message: `no saved report ${id}` });

export async function saveReport(db: Database, actor: Actor, input: { name: string; definition: ReportDefinition }): Promise<Result<SavedReport>> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(savedReports)
      .values({ id: newId(), tenantId: actor.tenantId, name: input.name, definition: input.definition, createdBy: actor.label })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, 'saved_report.created', { type: 'saved_report', id: row.id }, null, row);
    return toSavedReport(row);
  });
}

export async function updateSavedReport(db: Database, actor: Actor, id: string, input: { name: string; definition: ReportDefinition }): Promise<Result<SavedReport>> {
  return inTransaction(db, async (tx) => {
    const before = await findRow(tx, actor.tenantId, id);
    if (!before) throw notFound(id);
    const [row] = await tx
      .update(savedReports)
      .set({ name: input.name, definition: input.definition, updatedAt: new Date() })
      .where(and(eq(savedReports.tenantId, actor.tenantId), eq(savedReports.id, id)))
      .returning();
    if (!row) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'saved_report.updated', { type: 'saved_report', id }, before, row);
    return toSavedReport(row);
  });
}

export async function deleteSavedReport(db: Database, actor: Actor, id: string): Promise<Result<void>> {
  return inTransaction(db, async (tx) => {
    const before = await findRow(tx, actor.tenantId, id);
    if (!before) throw notFound(id);
    await tx.delete(savedReports).where(and(eq(savedReports.tenantId, actor.tenantId), eq(savedReports.id, id)));
    await recordAudit(tx, actor, 'saved_report.deleted', { type: 'saved_report', id }, before, null);
  });
}

export async function findSavedReport(executor: Executor, tenantId: string, id: string): Promise<Result<SavedReport>> {
  const row = await findRow(executor, tenantId, id);
  if (!row) return fail('not_found', `no saved report ${id}`);
  try {
    return ok(toSavedReport(row));
  } catch (error) {
    if (error instanceof DomainFailure) return { ok: false, error: error.error };
    throw error;
  }
}

/** A page of the tenant's saved reports in creation order (ids are time-ordered), fetched with limit + 1. */
export async function listSavedReports(executor: Executor, tenantId: string, page: { limit: number; after?: string | undefined }): Promise<SavedReport[]> {
  const rows = await executor
    .select()
    .from(savedReports)
    .where(and(eq(savedReports.tenantId, tenantId), page.after ? gt(savedReports.id, page.after) : undefined))
    .orderBy(asc(savedReports.id))
    .limit(page.limit + 1);
  return rows.map(toSavedReport);
}

// ---- running a definition -------------------------------------------------------------------------

/** One result row: every column as the database's text of it (null where empty), read by its column's type. */
export type ReportRow = Readonly<Record<string, string | null>>;

export interface ReportRun {
  report: AnyCompiledReport;
  rows: ReportRow[];
  /** More rows matched than the definition's limit allowed. */
  truncated: boolean;
}

export async function runReport(executor: Executor, tenantId: string, definition: ReportDefinition): Promise<ReportRun> {
  const today = definition.period.to ?? (await tenantToday(executor, tenantId));
  const report = compileReport(definition, today);
  const rows = await queryRows<Record<string, unknown>>(executor, reportQuery(tenantId, report));
  const text = rows.map((r) => Object.fromEntries(report.columns.map((c) => [c.key, r[c.key] === null || r[c.key] === undefined ? null : String(r[c.key])])));
  return { report, rows: text.slice(0, report.limit), truncated: text.length > report.limit };
}

export async function runSavedReport(executor: Executor, tenantId: string, id: string): Promise<Result<{ saved: SavedReport; run: ReportRun }>> {
  const saved = await findSavedReport(executor, tenantId, id);
  if (!saved.ok) return saved;
  return ok({ saved: saved.value, run: await runReport(executor, tenantId, saved.value.definition) });
}

/**
 * The SQL of each source, one fixed fragment per catalogue key. `base` is a set of CTEs ending in `base`, one row per
 * document of the tenant dated on or before the report's end, with the columns the fragments read (alias b).
 */
interface SourceSql<S extends ReportSource> {
  base: SQL;
  dimensions: Record<DimensionOf<S>, readonly SQL[]>;
  measures: Record<MeasureOf<S>, SQL>;
  lists: Partial<Record<ListFilterField, SQL>>;
}

const customerColumns = [sql`b.customer_id::text`, sql`b.customer_name`] as const;
const monthOf = (column: SQL) => sql`to_char(${column}, 'YYYY-MM')`;

function invoicesSql(tenantId: string, report: CompiledReport<'invoices'>): SourceSql<'invoices'> {
  const asOf = report.asOf;
  // open on asOf = total less what was applied to the document on or before asOf (an invoice is settled through
  // allocations.invoice_id, a credit note used through allocations.credit_note_id), one grouped pass each. A document
  // with nothing open on asOf was settled by the last allocation dated on or before it (a reversal would reopen it).
  // invoices.settled_on is not used: it holds today's settlement, not the one as of a past date.
  const base = sql`applied as (
      select a.invoice_id as document_id, sum(a.amount_minor) as amount, max(a.applied_on) as last_applied_on
        from ${allocations} a where a.tenant_id = ${tenantId} and a.applied_on <= ${asOf}::date group by a.invoice_id
      union all
      select a.credit_note_id, sum(a.amount_minor), max(a.applied_on)
        from ${allocations} a where a.tenant_id = ${tenantId} and a.credit_note_id is not null and a.applied_on <= ${asOf}::date group by a.credit_note_id
    ),
    base as (
      select i.customer_id, c.name as customer_name, c.segment, i.currency, i.status, i.kind, i.issue_date as main_date, i.due_date,
             i.total_minor as amount_minor, case when i.kind = 'credit_note' then -1 else 1 end as sign,
             i.total_minor - coalesce(ap.amount, 0) as open_minor, ap.last_applied_on
        from ${invoices} i
        join ${customers} c on c.tenant_id = i.tenant_id and c.id = i.customer_id
        left join applied ap on ap.document_id = i.id
       where i.tenant_id = ${tenantId} and i.kind in ('invoice', 'credit_note') and i.status <> 'draft' and i.issue_date <= ${asOf}::date
    )`;
  const bandCases = report.bands.map((band) => (band.toDays === null ? sql`else ${band.key}::text` : sql`when ${asOf}::date - b.due_date <= ${band.toDays}::int then ${band.key}::text`));
  const band = sql`case when b.open_minor = 0 then ${settledBand}::text when b.kind = 'credit_note' then ${unappliedCreditBand}::text ${sql.join(bandCases, sql` `)} end`;
  return {
    base,
    dimensions: {
      customer: customerColumns,
      segment: [sql`b.segment`],
      currency: [sql`b.currency`],
      status: [sql`b.status`],
      kind: [sql`b.kind`],
      issue_month: [monthOf(sql`b.main_date`)],
      due_month: [monthOf(sql`b.due_date`)],
      days_past_due_band: [band],
    },
    measures: {
      count: sql`count(*)`,
      total_amount: sql`sum(b.sign * b.amount_minor)`,
      open_amount: sql`sum(b.sign * b.open_minor)`,
      // Invoices settled by the end of the period, but not those voided or written off (settled, never paid).
      average_days_to_pay: sql`round(avg(case when b.kind = 'invoice' and b.open_minor = 0 and b.status not in ('void', 'written_off') then b.last_applied_on - b.main_date end), 1)`,
    },
    lists: { status: sql`b.status`, kind: sql`b.kind` },
  };
}

function paymentsSql(tenantId: string, report: CompiledReport<'payments'>): SourceSql<'payments'> {
  const asOf = report.asOf;
  const base = sql`applied as (
      select a.payment_id, sum(a.amount_minor) as amount
        from ${allocations} a where a.tenant_id = ${tenantId} and a.payment_id is not null and a.applied_on <= ${asOf}::date group by a.payment_id
    ),
    refunded as (
      select r.payment_id, sum(r.amount_minor) as amount
        from ${refunds} r where r.tenant_id = ${tenantId} and r.refunded_on <= ${asOf}::date group by r.payment_id
    ),
    base as (
      select p.customer_id, c.name as customer_name, c.segment, p.currency, p.method, p.value_date as main_date, p.amount_minor,
             p.amount_minor - coalesce(ap.amount, 0) - coalesce(rf.amount, 0) as unapplied_minor
        from ${payments} p
        join ${customers} c on c.tenant_id = p.tenant_id and c.id = p.customer_id
        left join applied ap on ap.payment_id = p.id
        left join refunded rf on rf.payment_id = p.id
       where p.tenant_id = ${tenantId} and p.value_date <= ${asOf}::date and (p.reversed_on is null or p.reversed_on > ${asOf}::date)
    )`;
  return {
    base,
    dimensions: { customer: customerColumns, method: [sql`b.method`], currency: [sql`b.currency`], value_month: [monthOf(sql`b.main_date`)] },
    measures: { count: sql`count(*)`, amount: sql`sum(b.amount_minor)`, unapplied_amount: sql`sum(b.unapplied_minor)` },
    lists: { method: sql`b.method` },
  };
}

function disputesSql(tenantId: string, report: CompiledReport<'disputes'>): SourceSql<'disputes'> {
  const asOf = report.asOf;
  const base = sql`base as (
      select d.customer_id, c.name as customer_name, c.segment, d.currency, d.status, d.reason, d.opened_on as main_date, d.resolved_on, d.amount_minor
        from ${disputes} d
        join ${customers} c on c.tenant_id = d.tenant_id and c.id = d.customer_id
       where d.tenant_id = ${tenantId} and d.opened_on <= ${asOf}::date
    )`;
  return {
    base,
    dimensions: { reason: [sql`b.reason`], status: [sql`b.status`], customer: customerColumns, currency: [sql`b.currency`], opened_month: [monthOf(sql`b.main_date`)] },
    measures: {
      count: sql`count(*)`,
      amount: sql`sum(b.amount_minor)`,
      average_days_to_resolve: sql`round(avg(case when b.resolved_on <= ${asOf}::date then b.resolved_on - b.main_date end), 1)`,
    },
    lists: { status: sql`b.status`, reason: sql`b.reason` },
  };
}

const directions = { asc: sql`asc`, desc: sql`desc` } as const;

function assemble<S extends ReportSource>(report: CompiledReport<S>, source: SourceSql<S>): SQL {
  const expressions = [...report.dimensions.flatMap((d) => source.dimensions[d]), ...report.measures.map((m) => source.measures[m])];
  if (expressions.length !== report.columns.length) throw new Error('report columns and expressions disagree');
  const selected = report.columns.map((c, i) => sql`${expressions[i]} as ${sql.identifier(c.key)}`);
  const groupColumns = report.dimensions.flatMap((d) => source.dimensions[d]).length;
  // Grouped by position: the same parameterised expression twice would not be recognised as one group.
  const groupBy = groupColumns > 0 ? sql`group by ${sql.raw(Array.from({ length: groupColumns }, (_, i) => String(i + 1)).join(', '))}` : sql``;

  const f = report.filters;
  const where: SQL[] = [sql`true`];
  if (report.from !== null) where.push(sql`b.main_date >= ${report.from}::date`);
  if (f.customerIds) where.push(sql`b.customer_id in (${sql.join(f.customerIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (f.segment !== null) where.push(sql`b.segment = ${f.segment}`);
  if (f.currency !== null) where.push(sql`b.currency = ${f.currency}`);
  for (const list of f.lists) {
    const column = source.lists[list.field];
    if (!column) throw new Error(`no ${list.field} filter on ${report.source}`);
    where.push(sql`${column} in (${sql.join(list.values.map((v) => sql`${v}`), sql`, `)})`);
  }
  if (f.amountMinorAtLeast !== null) where.push(sql`b.amount_minor >= ${f.amountMinorAtLeast.toString()}::bigint`);
  if (f.amountMinorAtMost !== null) where.push(sql`b.amount_minor <= ${f.amountMinorAtMost.toString()}::bigint`);
  if (f.openOnly) where.push(sql`b.open_minor <> 0`);

  // Sorted on the grouped values (numbers as numbers), and read back as text so bigints never pass through a float.
  const order = report.order.map((o) => sql`${sql.identifier(o.column)} ${directions[o.direction]} nulls last`);
  const orderBy = order.length > 0 ? sql`order by ${sql.join(order, sql`, `)}` : sql``;
  return sql`with ${source.base},
    grouped as (
      select ${sql.join(selected, sql`, `)}
        from base b
       where ${sql.join(where, sql` and `)}
       ${groupBy}
    )
    select ${sql.join(report.columns.map((c) => sql`${sql.identifier(c.key)}::text as ${sql.identifier(c.key)}`), sql`, `)}
      from grouped
     ${orderBy}
     limit ${report.limit + 1}`;
}

/** The query of a compiled report: tenant-scoped, every identifier from the catalogue, every value a parameter. */
export function reportQuery(tenantId: string, report: AnyCompiledReport): SQL {
  switch (report.source) {
    case 'invoices':
      return assemble(report, invoicesSql(tenantId, report));
    case 'payments':
      return assemble(report, paymentsSql(tenantId, report));
    case 'disputes':
      return assemble(report, disputesSql(tenantId, report));
  }
}

// ---- CSV and XLSX --------------------------------------------------------------------------------

/** A money cell's amount and currency (every report with a money measure is grouped by currency). */
export function moneyOf(row: ReportRow, column: ReportColumn): { amountMinor: bigint; currency: string } | null {
  const value = row[column.key];
  const currency = row.currency;
  if (value === null || value === undefined || !currency) return null;
  return { amountMinor: toBigInt(value), currency };
}

function textOf(row: ReportRow, column: ReportColumn): string {
  if (column.type === 'money') {
    const money = moneyOf(row, column);
    return money ? formatMinor(money.amountMinor, money.currency) : '';
  }
  return row[column.key] ?? '';
}

/** CSV (RFC 4180): a header of column keys, amounts as decimal strings, formulas neutralised by csvRow. */
export function reportAsCsv(run: ReportRun): string {
  const columns = run.report.columns;
  return csvRow(columns.map((c) => c.key)) + run.rows.map((row) => csvRow(columns.map((c) => textOf(row, c)))).join('');
}

/** Text as an inline string (`t="inlineStr"`), neutralised like a CSV cell. */
const inlineText = (text: string): ExcelJS.CellRichTextValue => ({ richText: [{ text: neutraliseFormula(text) }] });

/**
 * XLSX through exceljs (already the import's reader), with its streaming writer: it writes text as inline strings
 * when shared strings are off (the in-memory writer always shares them). One sheet, a header of column keys, text
 * neutralised as in CSV, counts and averages as numbers, amounts as numbers in the currency's decimals. A cell holds
 * an IEEE double: the decimal text of a safe-integer amount reads as exactly what a user typing it would get; an
 * amount beyond that stays text rather than being rounded.
 */
export async function reportAsXlsx(run: ReportRun, sheetName = 'Report'): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  const columns = run.report.columns;
  sheet.addRow(columns.map((c) => inlineText(c.key))).commit();
  for (const row of run.rows) {
    const added = sheet.addRow([]);
    columns.forEach((column, i) => {
      const cell = added.getCell(i + 1);
      const value = row[column.key];
      if (value === null || value === undefined) return;
      if (column.type === 'count' || column.type === 'days') {
        cell.value = Number(value);
        if (column.type === 'days') cell.numFmt = '0.0';
      } else if (column.type === 'money') {
        const money = moneyOf(row, column);
        if (!money) return;
        const decimal = formatMinor(money.amountMinor, money.currency);
        if (!Number.isSafeInteger(Number(money.amountMinor))) {
          cell.value = inlineText(decimal);
          return;
        }
        cell.value = Number(decimal);
        const exponent = currencyExponent(money.currency) ?? 2;
        cell.numFmt = exponent === 0 ? '#,##0' : `#,##0.${'0'.repeat(exponent)}`;
      } else {
        cell.value = inlineText(value);
      }
    });
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
