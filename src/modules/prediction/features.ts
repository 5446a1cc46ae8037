import { currencyExponent } from '../../kernel/currency.js';

/**
 * Features for payment-date prediction, computed from a tenant's own invoice history as it was known on a cut-off
 * date (`asOf`, by default the invoice date of the invoice to predict).
 *
 * The no-leakage rule: on the cut-off date D we know
 * - the invoices issued before D, and which of them were still open at the start of D;
 * - the settlement dates of invoices settled before D (strictly), and nothing about later settlements.
 * Every feature below is a function of that view only; an invoice settled on or after D counts as open, whatever its
 * recorded settlement date. The property tests check exactly this: changing or removing later settlement dates,
 * adding invoices issued on or after D, or shuffling the history never changes a feature.
 */
export interface PaymentHistoryItem {
  readonly customerId: string;
  readonly invoiceId: string;
  /** YYYY-MM-DD */
  readonly invoiceDate: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
  /** YYYY-MM-DD the invoice was settled in full, or null while it is open. */
  readonly settledDate: string | null;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly disputed: boolean;
  /** How the invoice was delivered ("paper", "electronic", "portal"...), when known. */
  readonly channel?: string;
}

/** The model's inputs, in the order of the feature vector. "Days late" is settled date − due date (negative = early). */
export const featureNames = [
  'priorSettledCount',
  'meanDaysLate',
  'medianDaysLate',
  'last3MeanDaysLate',
  'lastDaysLate',
  'trendDaysLatePerInvoice',
  'stdDaysLate',
  'shareLate',
  'meanDaysLateUndisputed',
  'meanDaysLateSameChannelUndisputed',
  'sameChannelSettledCount',
  'channelAdjustedMeanDaysLate',
  'disputedUpliftDays',
  'priorDisputedShare',
  'logAmount',
  'amountToCustomerMean',
  'termsDays',
  'disputed',
  'paperChannel',
  'invoiceMonth',
  'customerTenureDays',
  'openCount',
  'openOverdueCount',
  'maxDaysOverdueOpen',
  'tenantMeanDaysLate',
  'tenantShareLate',
] as const;

export type FeatureName = (typeof featureNames)[number];

export interface InvoiceFeatures {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly invoiceDate: string;
  readonly dueDate: string;
  /** The cut-off: only what was known at the start of this day went into the values. */
  readonly asOf: string;
  readonly values: Readonly<Record<FeatureName, number>>;
}

/**
 * Shrinkage of a customer's mean towards the tenant's mean, in pseudo-invoices: with n settled invoices the customer's
 * own mean weighs n / (n + k). Keeps a customer with one slow payment from looking like a chronic late payer.
 */
export const customerMeanShrinkageInvoices = 3;
/** The trend is the least-squares slope over at most this many most recent settled invoices. */
export const trendWindowInvoices = 12;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian); throws on anything else. */
export function epochDay(isoDate: string): number {
  const match = isoDatePattern.exec(isoDate);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`impossible date: ${isoDate}`);
  return ms / 86_400_000;
}

export function isoDateFromEpochDay(day: number): string {
  return new Date(Math.round(day) * 86_400_000).toISOString().slice(0, 10);
}

interface IndexedItem {
  readonly item: PaymentHistoryItem;
  readonly invoiceDay: number;
  readonly dueDay: number;
  readonly settledDay: number | null;
  readonly daysLate: number | null;
  readonly amountMajor: number;
}

/** The history prepared once for many feature extractions (grouped by customer, tenant-wide prefix sums by settlement day). */
export interface PaymentHistoryIndex {
  readonly byCustomer: ReadonlyMap<string, readonly IndexedItem[]>;
  /** Settled invoices in settlement order with running totals, for the tenant's mean as of any day. */
  readonly settledDays: Float64Array;
  readonly cumulativeDaysLate: Float64Array;
  readonly cumulativeLate: Float64Array;
}

function amountInMajorUnits(amountMinor: bigint, currency: string): number {
  return Number(amountMinor) / 10 ** (currencyExponent(currency) ?? 2);
}

/** Total order on items so that every result is independent of the order the history was given in. */
function compareBySettlement(a: IndexedItem, b: IndexedItem): number {
  return (a.settledDay ?? Infinity) - (b.settledDay ?? Infinity) || a.invoiceDay - b.invoiceDay || (a.item.invoiceId < b.item.invoiceId ? -1 : a.item.invoiceId > b.item.invoiceId ? 1 : 0);
}

export function indexPaymentHistory(history: readonly PaymentHistoryItem[]): PaymentHistoryIndex {
  const byCustomer = new Map<string, IndexedItem[]>();
  const settled: IndexedItem[] = [];
  for (const item of history) {
    const settledDay = item.settledDate === null ? null : epochDay(item.settledDate);
    const dueDay = epochDay(item.dueDate);
    const indexed: IndexedItem = {
      item,
      invoiceDay: epochDay(item.invoiceDate),
      dueDay,
      settledDay,
      daysLate: settledDay === null ? null : settledDay - dueDay,
      amountMajor: amountInMajorUnits(item.amountMinor, item.currency),
    };
    const list = byCustomer.get(item.customerId);
    if (list) list.push(indexed);
    else byCustomer.set(item.customerId, [indexed]);
    if (settledDay !== null) settled.push(indexed);
  }
  for (const list of byCustomer.values()) list.sort(compareBySettlement);
  settled.sort(compareBySettlement);
  const settledDays = new Float64Array(settled.length);
  const cumulativeDaysLate = new Float64Array(settled.length + 1);
  const cumulativeLate = new Float64Array(settled.length + 1);
  settled.forEach((s, i) => {
    settledDays[i] = s.settledDay ?? 0;
    cumulativeDaysLate[i + 1] = (cumulativeDaysLate[i] ?? 0) + (s.daysLate ?? 0);
    cumulativeLate[i + 1] = (cumulativeLate[i] ?? 0) + ((s.daysLate ?? 0) > 0 ? 1 : 0);
  });
  return { byCustomer, settledDays, cumulativeDaysLate, cumulativeLate };
}

/** Number of entries of the ascending array strictly below `day`. */
function countBefore(sorted: Float64Array, day: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >>> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Least-squares slope of the values against their position (0, 1, 2...): days late gained per invoice. */
function slopePerStep(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  const xMean = (n - 1) / 2;
  const yMean = mean(values);
  let sxy = 0;
  let sxx = 0;
  values.forEach((y, x) => {
    sxy += (x - xMean) * (y - yMean);
    sxx += (x - xMean) ** 2;
  });
  return sxy / sxx;
}

function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

const normalisedChannel = (channel: string | undefined) => channel?.trim().toLowerCase();

/**
 * The features of `invoice` as known at the start of `asOf` (default: its invoice date). The invoice itself may be in
 * the history or not; it is never part of its own customer history.
 */
export function invoiceFeatures(index: PaymentHistoryIndex, invoice: PaymentHistoryItem, asOf: string = invoice.invoiceDate): InvoiceFeatures {
  const cutOffDay = epochDay(asOf);
  const invoiceDay = epochDay(invoice.invoiceDate);
  const dueDay = epochDay(invoice.dueDate);
  const channel = normalisedChannel(invoice.channel);

  // Tenant-wide prior: every invoice settled before the cut-off.
  const tenantCount = countBefore(index.settledDays, cutOffDay);
  const tenantMeanDaysLate = tenantCount > 0 ? (index.cumulativeDaysLate[tenantCount] ?? 0) / tenantCount : 0;
  const tenantShareLate = tenantCount > 0 ? (index.cumulativeLate[tenantCount] ?? 0) / tenantCount : 0;

  // The customer's history as known at the cut-off, in settlement order.
  const prior: IndexedItem[] = [];
  let openCount = 0;
  let openOverdueCount = 0;
  let maxDaysOverdueOpen = 0;
  let firstInvoiceDay = Infinity;
  for (const known of index.byCustomer.get(invoice.customerId) ?? []) {
    if (known.item.invoiceId === invoice.invoiceId || known.invoiceDay >= cutOffDay) continue;
    firstInvoiceDay = Math.min(firstInvoiceDay, known.invoiceDay);
    if (known.settledDay !== null && known.settledDay < cutOffDay) {
      prior.push(known);
    } else {
      openCount += 1;
      if (known.dueDay < cutOffDay) {
        openOverdueCount += 1;
        maxDaysOverdueOpen = Math.max(maxDaysOverdueOpen, cutOffDay - known.dueDay);
      }
    }
  }

  const daysLate = prior.map((p) => p.daysLate ?? 0);
  const undisputed = prior.filter((p) => !p.item.disputed).map((p) => p.daysLate ?? 0);
  const disputedLate = prior.filter((p) => p.item.disputed).map((p) => p.daysLate ?? 0);
  const sameChannel = prior.filter((p) => normalisedChannel(p.item.channel) === channel);
  const sameChannelUndisputed = sameChannel.filter((p) => !p.item.disputed).map((p) => p.daysLate ?? 0);
  const otherChannelUndisputed = prior.filter((p) => !p.item.disputed && normalisedChannel(p.item.channel) !== channel).map((p) => p.daysLate ?? 0);
  const n = daysLate.length;
  const k = customerMeanShrinkageInvoices;
  const shrunkMean = (values: readonly number[], towards: number) => (values.reduce((sum, v) => sum + v, 0) + k * towards) / (values.length + k);

  const meanDaysLate = shrunkMean(daysLate, tenantMeanDaysLate);
  const meanDaysLateUndisputed = shrunkMean(undisputed, meanDaysLate);
  const meanDaysLateSameChannelUndisputed = shrunkMean(sameChannelUndisputed, meanDaysLateUndisputed);
  // Same-channel undisputed history when there is enough of it, otherwise the other channel's shifted by the gap this
  // customer showed between channels (0 until both were seen).
  const channelGap = sameChannelUndisputed.length > 0 && otherChannelUndisputed.length > 0 ? mean(sameChannelUndisputed) - mean(otherChannelUndisputed) : 0;
  const channelAdjustedMeanDaysLate =
    undisputed.length === 0 ? meanDaysLate : shrunkMean([...sameChannelUndisputed, ...otherChannelUndisputed.map((d) => d + channelGap)], meanDaysLate);
  const disputedUpliftDays = disputedLate.length > 0 && undisputed.length > 0 ? mean(disputedLate) - mean(undisputed) : 0;
  const recent = daysLate.slice(-trendWindowInvoices);
  const amountMajor = amountInMajorUnits(invoice.amountMinor, invoice.currency);
  const priorMeanAmount = n > 0 ? mean(prior.map((p) => p.amountMajor)) : 0;

  const values: Record<FeatureName, number> = {
    priorSettledCount: n,
    meanDaysLate,
    medianDaysLate: n > 0 ? median(daysLate) : tenantMeanDaysLate,
    last3MeanDaysLate: n > 0 ? mean(daysLate.slice(-3)) : tenantMeanDaysLate,
    lastDaysLate: n > 0 ? (daysLate[n - 1] ?? 0) : tenantMeanDaysLate,
    trendDaysLatePerInvoice: slopePerStep(recent),
    stdDaysLate: sampleStd(daysLate),
    shareLate: (daysLate.filter((d) => d > 0).length + k * tenantShareLate) / (n + k),
    meanDaysLateUndisputed,
    meanDaysLateSameChannelUndisputed,
    sameChannelSettledCount: sameChannel.length,
    channelAdjustedMeanDaysLate,
    disputedUpliftDays,
    priorDisputedShare: n > 0 ? disputedLate.length / n : 0,
    logAmount: Math.log1p(Math.max(0, amountMajor)),
    amountToCustomerMean: priorMeanAmount > 0 ? amountMajor / priorMeanAmount : 1,
    termsDays: dueDay - invoiceDay,
    disputed: invoice.disputed ? 1 : 0,
    paperChannel: channel === undefined ? 0.5 : channel === 'paper' ? 1 : 0,
    invoiceMonth: Number(invoice.invoiceDate.slice(5, 7)),
    customerTenureDays: Number.isFinite(firstInvoiceDay) ? cutOffDay - firstInvoiceDay : 0,
    openCount,
    openOverdueCount,
    maxDaysOverdueOpen,
    tenantMeanDaysLate,
    tenantShareLate,
  };
  return { invoiceId: invoice.invoiceId, customerId: invoice.customerId, invoiceDate: invoice.invoiceDate, dueDate: invoice.dueDate, asOf, values };
}

/** One-off extraction; for many invoices build the index once with indexPaymentHistory. */
export function extractFeatures(history: readonly PaymentHistoryItem[], invoice: PaymentHistoryItem, asOf?: string): InvoiceFeatures {
  return invoiceFeatures(indexPaymentHistory(history), invoice, asOf);
}

export function featureVector(features: InvoiceFeatures, names: readonly FeatureName[] = featureNames): number[] {
  return names.map((name) => features.values[name]);
}
