import { z } from 'zod';
import { parseBusinessDate } from '../../kernel/business-date.js';
import { isKnownCurrency } from '../../kernel/currency.js';
import { agingBuckets, standardAgingBoundaries } from '../reporting/aging-buckets.js';

/**
 * Dynamic reports: a report definition names a source, the measures and the group-by dimensions, filters, a period,
 * a sort and a row limit, each from a fixed catalogue. Nothing a user writes becomes SQL: the definition is checked
 * against the catalogue here, compiled to a plain description of the query (which columns, which filters, which
 * order), and the service turns every catalogue key into a fixed SQL fragment of its own; user values only ever
 * travel as query parameters.
 */

/** The most rows one run returns (and exports); a larger result is cut and marked truncated. */
export const maxReportRows = 10_000;
export const defaultReportRows = 1_000;
export const maxCustomerIdsPerFilter = 500;
export const maxMeasuresPerReport = 8;
export const maxDimensionsPerReport = 6;
export const maxSortKeysPerReport = 4;
export const maxReportNameLength = 200;

// The value lists repeat the CHECK constraints of the source tables (invoicing, payments, collections schema.ts).
const issuedDocumentStatuses = ['open', 'partially_paid', 'paid', 'void', 'applied', 'written_off'] as const;
const documentKinds = ['invoice', 'credit_note'] as const;
const paymentMethods = ['bank_transfer', 'direct_debit', 'card', 'cheque', 'cash'] as const;
const disputeStatuses = ['open', 'resolved_credit_note', 'resolved_write_off', 'rejected'] as const;
const disputeReasons = ['pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'other'] as const;

/**
 * The catalogue. Each source's period runs on its main date (invoices: issue date, payments: value date, disputes:
 * opened on) and the period's end is the date the report is "as of": open and unapplied amounts, the days-past-due
 * band and the averages are as they stood at the end of that day (rebuilt from dated allocations and refunds).
 * Status dimensions and filters are the document's current status.
 */
export const reportCatalog = {
  /** Issued invoices and credit notes (credit notes count negative, so a sum is the net amount). */
  invoices: {
    dimensions: ['customer', 'segment', 'currency', 'status', 'kind', 'issue_month', 'due_month', 'days_past_due_band'],
    measures: ['count', 'total_amount', 'open_amount', 'average_days_to_pay'],
  },
  /** Payments received (one reversed on or before the period's end never stayed, so it is left out). */
  payments: {
    dimensions: ['customer', 'method', 'currency', 'value_month'],
    measures: ['count', 'amount', 'unapplied_amount'],
  },
  disputes: {
    dimensions: ['reason', 'status', 'customer', 'currency', 'opened_month'],
    measures: ['count', 'amount', 'average_days_to_resolve'],
  },
} as const;

export type ReportSource = keyof typeof reportCatalog;
export const reportSources = Object.keys(reportCatalog) as [ReportSource, ...ReportSource[]];
export type DimensionOf<S extends ReportSource> = (typeof reportCatalog)[S]['dimensions'][number];
export type MeasureOf<S extends ReportSource> = (typeof reportCatalog)[S]['measures'][number];
export type ReportDimension = DimensionOf<ReportSource>;
export type ReportMeasure = MeasureOf<ReportSource>;

export const columnTypes = ['id', 'text', 'currency', 'month', 'band', 'count', 'money', 'days'] as const;
export type ColumnType = (typeof columnTypes)[number];

export interface ReportColumn {
  /** Stable key: the CSV/XLSX header and the JSON row property. */
  readonly key: string;
  readonly label: string;
  readonly type: ColumnType;
}

const dimensionColumns: Record<ReportDimension, readonly ReportColumn[]> = {
  customer: [
    { key: 'customer_id', label: 'Customer id', type: 'id' },
    { key: 'customer_name', label: 'Customer', type: 'text' },
  ],
  segment: [{ key: 'segment', label: 'Segment', type: 'text' }],
  currency: [{ key: 'currency', label: 'Currency', type: 'currency' }],
  status: [{ key: 'status', label: 'Status', type: 'text' }],
  kind: [{ key: 'kind', label: 'Kind', type: 'text' }],
  issue_month: [{ key: 'issue_month', label: 'Issue month', type: 'month' }],
  due_month: [{ key: 'due_month', label: 'Due month', type: 'month' }],
  days_past_due_band: [{ key: 'days_past_due_band', label: 'Days past due', type: 'band' }],
  method: [{ key: 'method', label: 'Method', type: 'text' }],
  value_month: [{ key: 'value_month', label: 'Value month', type: 'month' }],
  reason: [{ key: 'reason', label: 'Reason', type: 'text' }],
  opened_month: [{ key: 'opened_month', label: 'Opened month', type: 'month' }],
};

const measureColumns: Record<ReportMeasure, ReportColumn> = {
  count: { key: 'count', label: 'Count', type: 'count' },
  total_amount: { key: 'total_amount', label: 'Total amount', type: 'money' },
  open_amount: { key: 'open_amount', label: 'Open amount', type: 'money' },
  average_days_to_pay: { key: 'average_days_to_pay', label: 'Average days to pay', type: 'days' },
  amount: { key: 'amount', label: 'Amount', type: 'money' },
  unapplied_amount: { key: 'unapplied_amount', label: 'Unapplied amount', type: 'money' },
  average_days_to_resolve: { key: 'average_days_to_resolve', label: 'Average days to resolve', type: 'days' },
};

const isMoneyMeasure = (m: ReportMeasure) => measureColumns[m].type === 'money';

// ---- the definition (zod) ------------------------------------------------------------------------

const businessDate = z.string().refine((s) => parseBusinessDate(s) !== undefined, 'a calendar date as YYYY-MM-DD');
const currencyCode = z.string().refine(isKnownCurrency, 'an ISO 4217 currency code, e.g. EUR');
/** Minor units as a JSON integer, never a decimal. */
const amountMinor = z.number().int('amounts are integer minor units (cents), not decimals').min(0).max(Number.MAX_SAFE_INTEGER);

const period = z
  .strictObject({
    from: businessDate.optional().describe('First day (inclusive) on the source\'s main date; omitted: from the beginning'),
    to: businessDate.optional().describe("Last day (inclusive), also the date the report is as of; omitted: the tenant's today"),
  })
  .default({});

const commonFilters = {
  customerIds: z.array(z.uuid()).min(1).max(maxCustomerIdsPerFilter).optional(),
  segment: z.string().min(1).max(100).optional(),
  currency: currencyCode.optional(),
  amountMinorAtLeast: amountMinor.optional().describe("The document's own amount (invoice total, payment amount, disputed amount) is at least this"),
  amountMinorAtMost: amountMinor.optional(),
};

const sortKey = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.strictObject({ by: z.enum(keys), direction: z.enum(['asc', 'desc']).default('asc') });

const common = {
  period,
  limit: z.number().int().min(1).max(maxReportRows).default(defaultReportRows).describe(`Rows returned, 1 to ${maxReportRows}`),
};

interface DefinitionShape {
  measures: readonly string[];
  groupBy: readonly string[];
  sort: readonly { by: string }[];
  period: { from?: string | undefined; to?: string | undefined };
  filters: { amountMinorAtLeast?: number | undefined; amountMinorAtMost?: number | undefined };
}

/** The rules between fields, each reported at the field at fault (a JSON pointer relative to the definition). */
function checkCrossFields(definition: DefinitionShape, ctx: z.RefinementCtx): void {
  const seen = (list: readonly string[], path: string) =>
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: [path, i], message: `${v} is listed twice` });
    });
  seen(definition.measures, 'measures');
  seen(definition.groupBy, 'groupBy');
  const selected = new Set<string>([...definition.measures, ...definition.groupBy]);
  if (definition.measures.some((m) => isMoneyMeasure(m as ReportMeasure))) selected.add('currency');
  definition.sort.forEach((s, i) => {
    if (!selected.has(s.by)) ctx.addIssue({ code: 'custom', path: ['sort', i, 'by'], message: `sort by a measure or dimension of the report; ${s.by} is neither` });
  });
  const { from, to } = definition.period;
  if (from && to && from > to) ctx.addIssue({ code: 'custom', path: ['period', 'from'], message: 'on or before period.to' });
  const { amountMinorAtLeast: least, amountMinorAtMost: most } = definition.filters;
  if (least !== undefined && most !== undefined && least > most) ctx.addIssue({ code: 'custom', path: ['filters', 'amountMinorAtLeast'], message: 'at most amountMinorAtMost' });
}

const invoicesDefinition = z
  .strictObject({
    source: z.literal('invoices'),
    measures: z.array(z.enum(reportCatalog.invoices.measures)).min(1).max(maxMeasuresPerReport),
    groupBy: z.array(z.enum(reportCatalog.invoices.dimensions)).max(maxDimensionsPerReport).default([]),
    filters: z
      .strictObject({
        ...commonFilters,
        statuses: z.array(z.enum(issuedDocumentStatuses)).min(1).optional(),
        kinds: z.array(z.enum(documentKinds)).min(1).optional(),
        openOnly: z.boolean().optional().describe('Only documents with something open at the end of the period'),
      })
      .default({}),
    sort: z.array(sortKey([...reportCatalog.invoices.measures, ...reportCatalog.invoices.dimensions])).max(maxSortKeysPerReport).default([]),
    ...common,
  })
  .superRefine(checkCrossFields);

const paymentsDefinition = z
  .strictObject({
    source: z.literal('payments'),
    measures: z.array(z.enum(reportCatalog.payments.measures)).min(1).max(maxMeasuresPerReport),
    groupBy: z.array(z.enum(reportCatalog.payments.dimensions)).max(maxDimensionsPerReport).default([]),
    filters: z.strictObject({ ...commonFilters, methods: z.array(z.enum(paymentMethods)).min(1).optional() }).default({}),
    sort: z.array(sortKey([...reportCatalog.payments.measures, ...reportCatalog.payments.dimensions])).max(maxSortKeysPerReport).default([]),
    ...common,
  })
  .superRefine(checkCrossFields);

const disputesDefinition = z
  .strictObject({
    source: z.literal('disputes'),
    measures: z.array(z.enum(reportCatalog.disputes.measures)).min(1).max(maxMeasuresPerReport),
    groupBy: z.array(z.enum(reportCatalog.disputes.dimensions)).max(maxDimensionsPerReport).default([]),
    filters: z
      .strictObject({
        ...commonFilters,
        statuses: z.array(z.enum(disputeStatuses)).min(1).optional(),
        reasons: z.array(z.enum(disputeReasons)).min(1).optional(),
      })
      .default({}),
    sort: z.array(sortKey([...reportCatalog.disputes.measures, ...reportCatalog.disputes.dimensions])).max(maxSortKeysPerReport).default([]),
    ...common,
  })
  .superRefine(checkCrossFields);

export const reportDefinition = z
  .discriminatedUnion('source', [invoicesDefinition, paymentsDefinition, disputesDefinition])
  .describe('A report: a source, measures, group-by dimensions, filters, a period, a sort and a row limit (catalogue in docs and definition.ts)');

export type ReportDefinition = z.infer<typeof reportDefinition>;
export type ReportDefinitionInput = z.input<typeof reportDefinition>;

// ---- the compiled query --------------------------------------------------------------------------

/** A filter on a list of whitelisted values of one field of the source. */
export type ListFilterField = 'status' | 'kind' | 'method' | 'reason';

export interface ReportBand {
  readonly key: string;
  /** Inclusive bounds in days past due; null where open-ended. */
  readonly fromDays: number | null;
  readonly toDays: number | null;
}

export interface CompiledReport<S extends ReportSource = ReportSource> {
  readonly source: S;
  /** The end of the period: the day the amounts are as of. */
  readonly asOf: string;
  readonly from: string | null;
  /** Group-by dimensions in output order; currency is added when a money measure is asked for. */
  readonly dimensions: readonly DimensionOf<S>[];
  readonly measures: readonly MeasureOf<S>[];
  readonly columns: readonly ReportColumn[];
  readonly filters: {
    readonly customerIds: readonly string[] | null;
    readonly segment: string | null;
    readonly currency: string | null;
    readonly lists: readonly { readonly field: ListFilterField; readonly values: readonly string[] }[];
    readonly amountMinorAtLeast: bigint | null;
    readonly amountMinorAtMost: bigint | null;
    readonly openOnly: boolean;
  };
  /** Sort on output columns (a customer sorts by name, then id), then every dimension for a stable order. */
  readonly order: readonly { readonly column: string; readonly direction: 'asc' | 'desc' }[];
  readonly limit: number;
  /** Days-past-due bands for open invoices (the aging buckets); settled documents and unused credit get their own. */
  readonly bands: readonly ReportBand[];
}

export type AnyCompiledReport = { [S in ReportSource]: CompiledReport<S> }[ReportSource];

export const settledBand = 'settled';
export const unappliedCreditBand = 'unapplied_credit';

/** The days-past-due bands: the standard aging buckets (current, 1-30, 31-60, 61-90, over 90). */
export function daysPastDueBands(): ReportBand[] {
  return agingBuckets(standardAgingBoundaries).map((b) => ({ key: b.key, fromDays: b.fromDays, toDays: b.toDays }));
}

/**
 * Compiles a validated definition into the description of its query. `today` is the tenant's business date, used
 * when the period has no end. Pure: the same definition and date always give the same query.
 */
export function compileReport(definition: ReportDefinition, today: string): AnyCompiledReport {
  const measures = [...definition.measures] as ReportMeasure[];
  const dimensions = [...definition.groupBy] as ReportDimension[];
  // Amounts are never summed across currencies.
  if (measures.some(isMoneyMeasure) && !dimensions.includes('currency')) dimensions.push('currency');
  const columns = [...dimensions.flatMap((d) => dimensionColumns[d]), ...measures.map((m) => measureColumns[m])];

  const order: { column: string; direction: 'asc' | 'desc' }[] = [];
  const addOrder = (key: string, direction: 'asc' | 'desc') => {
    const keys = key === 'customer' ? ['customer_name', 'customer_id'] : [key];
    for (const column of keys) if (!order.some((o) => o.column === column)) order.push({ column, direction });
  };
  for (const s of definition.sort) addOrder(s.by, s.direction);
  for (const d of dimensions) addOrder(d, 'asc');

  const f = definition.filters;
  const lists: { field: ListFilterField; values: string[] }[] = [];
  const addList = (field: ListFilterField, values: readonly string[] | undefined) => {
    if (values) lists.push({ field, values: [...new Set(values)].sort() });
  };
  if (definition.source === 'invoices') {
    addList('status', definition.filters.statuses);
    addList('kind', definition.filters.kinds);
  } else if (definition.source === 'payments') {
    addList('method', definition.filters.methods);
  } else {
    addList('status', definition.filters.statuses);
    addList('reason', definition.filters.reasons);
  }

  return {
    source: definition.source,
    asOf: definition.period.to ?? today,
    from: definition.period.from ?? null,
    dimensions,
    measures,
    columns,
    filters: {
      customerIds: f.customerIds ? [...new Set(f.customerIds.map((id) => id.toLowerCase()))].sort() : null,
      segment: f.segment ?? null,
      currency: f.currency ?? null,
      lists,
      amountMinorAtLeast: f.amountMinorAtLeast === undefined ? null : BigInt(f.amountMinorAtLeast),
      amountMinorAtMost: f.amountMinorAtMost === undefined ? null : BigInt(f.amountMinorAtMost),
      openOnly: definition.source === 'invoices' && definition.filters.openOnly === true,
    },
    order,
    limit: definition.limit,
    bands: daysPastDueBands(),
  } as AnyCompiledReport;
}
