import { Temporal } from 'temporal-polyfill';
import { divideRounded, parseDecimal } from '../../kernel/money.js';

/**
 * Late fees and interest on overdue invoices, as plain decisions. A policy is one of:
 * - flat: a fixed fee once per invoice when it becomes overdue (after grace days)
 * - percent: a percentage of the amount overdue, once per invoice
 * - interest: per annum on the overdue amount, accrued daily (actual/365 or actual/360), charged per calendar month
 * with grace days, a minimum (smaller charges are not made), a cap per invoice, and a waiver. Statutory presets:
 * EU Late Payment Directive 2011/7/EU (reference rate of the half-year + 8 points, EUR 40 compensation) and the UK
 * Late Payment of Commercial Debts (Interest) Act (base rate + 8 %, GBP 40/70/100 by debt size).
 */
export type DayCount = 'actual_365' | 'actual_360';

export interface LateFeePolicy {
  readonly kind: 'flat' | 'percent' | 'interest';
  readonly flatMinor?: bigint;
  /** For percent: the percentage of the overdue amount. For interest: the margin over the reference rate, or the whole rate. */
  readonly percent?: string;
  readonly dayCount?: DayCount;
  /** Reference rates by half-year ("2026-H1": "2.15"), added to `percent` (statutory interest); absent for a fixed rate. */
  readonly referenceRates?: Readonly<Record<string, string>>;
  /** Fixed compensation per overdue invoice, by debt size: [upToMinor or null for the rest, amountMinor]. */
  readonly compensation?: readonly (readonly [bigint | null, bigint])[];
  readonly graceDays: number;
  readonly minimumMinor: bigint;
  readonly capMinor: bigint | null;
  readonly waived: boolean;
}

export interface OverdueInvoice {
  readonly dueDate: string;
  /** The open amount at the end of each day: changes as [date, open amount from that day on], in date order. */
  readonly openFrom: readonly (readonly [string, bigint])[];
  readonly alreadyChargedMinor: bigint;
}

export interface LateFeeCharge {
  /** Unique per invoice: a charge with a key already charged is never made again. */
  readonly periodKey: string;
  readonly kind: 'flat' | 'percent' | 'interest' | 'compensation';
  readonly amountMinor: bigint;
  readonly description: string;
  /** The day the charge is made (the business date of the run). */
  readonly chargeDate: string;
}

const plain = (d: Temporal.PlainDate) => d.toString();

/** The open amount on a day, from the dated changes of the open balance. */
export function openOn(invoice: OverdueInvoice, day: Temporal.PlainDate): bigint {
  let open = 0n;
  for (const [from, amount] of invoice.openFrom) {
    if (Temporal.PlainDate.compare(Temporal.PlainDate.from(from), day) <= 0) open = amount;
    else break;
  }
  return open;
}

export function halfYear(day: Temporal.PlainDate): string {
  return `${day.year}-H${day.month <= 6 ? 1 : 2}`;
}

/** The annual rate in force on a day, as a decimal fraction scaled by 10^8 (so rounding happens once, at the end). */
function annualRateScaled(policy: LateFeePolicy, day: Temporal.PlainDate): bigint | undefined {
  const margin = parseDecimal(policy.percent ?? '0');
  if (!margin) return undefined;
  let rate = margin.units * 10n ** BigInt(8 - margin.scale);
  if (policy.referenceRates) {
    const reference = parseDecimal(policy.referenceRates[halfYear(day)] ?? '');
    if (!reference) return undefined;
    rate += reference.units * 10n ** BigInt(8 - reference.scale);
  }
  return rate;
}

/**
 * The charges due on `asOf` for one invoice. Interest is charged for each complete calendar month after the grace
 * period (the month's charge on the first day of the next month), on each day's open amount; flat and percent fees
 * and the compensation once. Charges below the minimum are skipped; the cap limits the total over the invoice's life.
 */
export function lateFeeCharges(policy: LateFeePolicy, invoice: OverdueInvoice, asOf: string, chargedKeys: ReadonlySet<string>): LateFeeCharge[] {
  if (policy.waived) return [];
  const today = Temporal.PlainDate.from(asOf);
  const lateFrom = Temporal.PlainDate.from(invoice.dueDate).add({ days: policy.graceDays + 1 });
  if (Temporal.PlainDate.compare(today, lateFrom) < 0) return [];
  if (openOn(invoice, lateFrom) === 0n && openOn(invoice, today) === 0n) return [];
  const charges: LateFeeCharge[] = [];
  const overdueAtStart = openOn(invoice, lateFrom);

  if (policy.kind === 'flat' && policy.flatMinor && !chargedKeys.has('flat')) {
    charges.push({ periodKey: 'flat', kind: 'flat', amountMinor: policy.flatMinor, description: 'Late payment fee', chargeDate: asOf });
  }
  if (policy.kind === 'percent' && !chargedKeys.has('percent')) {
    const percent = parseDecimal(policy.percent ?? '0');
    if (percent) {
      const amount = divideRounded(overdueAtStart * percent.units, 100n * 10n ** BigInt(percent.scale), 'half_up');
      charges.push({ periodKey: 'percent', kind: 'percent', amountMinor: amount, description: `Late payment fee (${policy.percent} % of the overdue amount)`, chargeDate: asOf });
    }
  }
  if (policy.compensation && !chargedKeys.has('compensation') && overdueAtStart > 0n) {
    const step = policy.compensation.find(([upTo]) => upTo === null || overdueAtStart <= upTo);
    if (step) charges.push({ periodKey: 'compensation', kind: 'compensation', amountMinor: step[1], description: 'Fixed compensation for recovery costs', chargeDate: asOf });
  }
  if (policy.kind === 'interest') {
    const basis = BigInt(policy.dayCount === 'actual_360' ? 360 : 365);
    // Every complete month from the month the invoice became late up to the month before asOf.
    for (let month = lateFrom.with({ day: 1 }); Temporal.PlainDate.compare(month.add({ months: 1 }), today) <= 0; month = month.add({ months: 1 })) {
      const key = `interest:${month.toString().slice(0, 7)}`;
      if (chargedKeys.has(key)) continue;
      let accruedScaled = 0n;
      const first = Temporal.PlainDate.compare(month, lateFrom) < 0 ? lateFrom : month;
      const last = month.add({ months: 1 }).subtract({ days: 1 });
      for (let day = first; Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
        const rate = annualRateScaled(policy, day);
        if (rate === undefined) throw new RangeError(`no reference rate for ${halfYear(day)}`);
        accruedScaled += openOn(invoice, day) * rate;
      }
      const amount = divideRounded(accruedScaled, basis * 100n * 10n ** 8n, 'half_up');
      charges.push({ periodKey: key, kind: 'interest', amountMinor: amount, description: `Interest on overdue amount, ${plain(first)} to ${plain(last)}`, chargeDate: asOf });
    }
  }
  // Minimum per charge, then the cap over the invoice's life.
  let room = policy.capMinor === null ? null : policy.capMinor - invoice.alreadyChargedMinor;
  const result: LateFeeCharge[] = [];
  for (const c of charges) {
    if (c.amountMinor <= 0n || c.amountMinor < policy.minimumMinor) continue;
    let amount = c.amountMinor;
    if (room !== null) {
      if (room <= 0n) break;
      if (amount > room) amount = room;
      room -= amount;
    }
    result.push({ ...c, amountMinor: amount });
  }
  return result;
}

/** EU Directive 2011/7/EU: reference rate (ECB main refinancing rate on the first day of the half-year) + 8 points. */
export function euStatutoryPolicy(referenceRates: Readonly<Record<string, string>>): LateFeePolicy {
  return { kind: 'interest', percent: '8', referenceRates, dayCount: 'actual_365', compensation: [[null, 40_00n]], graceDays: 0, minimumMinor: 1n, capMinor: null, waived: false };
}

/** UK Late Payment of Commercial Debts (Interest) Act 1998: Bank of England base rate + 8 %, GBP 40/70/100. */
export function ukStatutoryPolicy(baseRates: Readonly<Record<string, string>>): LateFeePolicy {
  return {
    kind: 'interest',
    percent: '8',
    referenceRates: baseRates,
    dayCount: 'actual_365',
    compensation: [
      [999_99n, 40_00n],
      [9_999_99n, 70_00n],
      [null, 100_00n],
    ],
    graceDays: 0,
    minimumMinor: 1n,
    capMinor: null,
    waived: false,
  };
}

/**
 * The amount a late fee may be charged on, as a step function of dates: the invoice total, less what was applied to it
 * (from each allocation's date), less what is under dispute (from the day a dispute was opened until the day it was
 * resolved), never below zero.
 */
export function overdueAmountSteps(
  issueDate: string,
  totalMinor: bigint,
  allocations: ReadonlyArray<{ on: string; amountMinor: bigint }>,
  disputes: ReadonlyArray<{ from: string; until: string | null; amountMinor: bigint }>,
): [string, bigint][] {
  const changes = new Map<string, bigint>();
  const add = (on: string, delta: bigint) => changes.set(on < issueDate ? issueDate : on, (changes.get(on < issueDate ? issueDate : on) ?? 0n) + delta);
  for (const a of allocations) add(a.on, -a.amountMinor);
  for (const d of disputes) {
    add(d.from, -d.amountMinor);
    if (d.until) add(d.until, d.amountMinor);
  }
  const steps: [string, bigint][] = [[issueDate, totalMinor]];
  let open = totalMinor;
  for (const on of [...changes.keys()].sort()) {
    open += changes.get(on) ?? 0n;
    steps.push([on, open < 0n ? 0n : open]);
  }
  return steps;
}
