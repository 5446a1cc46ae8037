import { Temporal } from 'temporal-polyfill';
import { allocateMinor } from '../../kernel/money.js';

export interface Milestone {
  readonly key: string;
  readonly label: string;
  /** Billing date. */
  readonly date: string;
  /** Share of the order, in whole percent; the shares of an order add up to 100. */
  readonly percent: number;
}

export interface Recurrence {
  readonly interval: 'monthly' | 'quarterly';
  readonly startDate: string;
  /** Last day of the contract; null runs until the order is cancelled. */
  readonly endDate: string | null;
}

export const maxMilestones = 50;
/** A catch-up never bills more than this many periods of one order in one run (ten years of months). */
export const maxPeriodsPerRun = 120;

export function milestoneFaults(milestones: readonly Milestone[]): string[] {
  const faults: string[] = [];
  if (milestones.length === 0) faults.push('at least one milestone');
  if (milestones.length > maxMilestones) faults.push(`at most ${maxMilestones} milestones`);
  const total = milestones.reduce((s, m) => s + m.percent, 0);
  if (total !== 100) faults.push(`milestone percentages add up to ${total}, not 100`);
  if (new Set(milestones.map((m) => m.key)).size !== milestones.length) faults.push('milestone keys must be unique');
  return faults;
}

/** Milestones whose date has come (on or before asOf) and that were not billed yet. */
export function milestonesDue(milestones: readonly Milestone[], asOf: string, billedKeys: ReadonlySet<string>): Milestone[] {
  return milestones.filter(
    (m) => Temporal.PlainDate.compare(Temporal.PlainDate.from(m.date), Temporal.PlainDate.from(asOf)) <= 0 && !billedKeys.has(`milestone:${m.key}`),
  );
}

/**
 * Splits each tax group's net over the milestones by their percentages, without losing a cent: the milestone
 * invoices of an order add up to the order's net exactly.
 */
export function milestoneAmounts(netMinor: bigint, milestones: readonly Milestone[]): Map<string, bigint> {
  const parts = allocateMinor(netMinor, milestones.map((m) => BigInt(m.percent)));
  return new Map(milestones.map((m, i) => [m.key, parts[i] ?? 0n]));
}

export interface BillingPeriod {
  readonly key: string;
  readonly start: string;
  readonly end: string;
}

/**
 * The billing periods due on asOf that were not billed yet. Period n runs from startDate + n × interval (counted
 * from the anchor each time, so a contract from 31 January bills on 28 February, then 31 March) to the day before
 * the next period. Periods starting after endDate are not billed; a missed day is caught up on the next run.
 */
export function recurringPeriodsDue(recurrence: Recurrence, asOf: string, billedKeys: ReadonlySet<string>): BillingPeriod[] {
  const anchor = Temporal.PlainDate.from(recurrence.startDate);
  const until = Temporal.PlainDate.from(asOf);
  const end = recurrence.endDate ? Temporal.PlainDate.from(recurrence.endDate) : null;
  const months = recurrence.interval === 'monthly' ? 1 : 3;
  const due: BillingPeriod[] = [];
  for (let n = 0; due.length < maxPeriodsPerRun; n++) {
    const start = anchor.add({ months: n * months });
    if (Temporal.PlainDate.compare(start, until) > 0) break;
    if (end && Temporal.PlainDate.compare(start, end) > 0) break;
    const key = periodKey(start.toString());
    if (!billedKeys.has(key)) {
      due.push({ key, start: start.toString(), end: anchor.add({ months: (n + 1) * months }).subtract({ days: 1 }).toString() });
    }
  }
  return due;
}

export function periodKey(periodStart: string): string {
  return `period:${periodStart}`;
}

/** Whether every period of a contract with an end date has been billed. */
export function recurrenceComplete(recurrence: Recurrence, billedKeys: ReadonlySet<string>): boolean {
  if (!recurrence.endDate) return false;
  return recurringPeriodsDue(recurrence, recurrence.endDate, billedKeys).length === 0;
}
