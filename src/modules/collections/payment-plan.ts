/**
 * Payment plans: a balance split into instalments, and the check of instalments that fell due. Pure: dates and
 * payments come in as arguments.
 *
 * Schedule: N instalments, weekly (every 7 days) or monthly (the same day of each month, counted from the first due
 * date, so 31 January → 28 February → 31 March), from a first due date. Principal: floor(balance / N) each, and the
 * remainder (balance mod N minor units) on the last instalment, so the instalments add up to the balance exactly.
 *
 * Interest (optional): simple interest at a yearly percentage on the principal still owed, actual/365, stated as a
 * separate amount beside each instalment's principal:
 *   interest_k = round_half_up( outstanding before instalment k × rate% × days_k / 365 )
 * where days_k runs from the previous due date (the plan's start date for the first instalment) to due date k and
 * each instalment's interest is rounded once, half-up, to minor units.
 */
import { Temporal } from 'temporal-polyfill';
import { divideRounded, type Decimal } from '../../kernel/money.js';
import { fail, ok, type FieldError, type Result } from '../../kernel/result.js';

export const planFrequencies = ['weekly', 'monthly'] as const;
export type PlanFrequency = (typeof planFrequencies)[number];

/** At most five years of monthly instalments. */
export const maxInstalments = 60;
/** The first instalment falls due within this many days of the plan's start. */
export const firstDueWithinDaysMax = 366;
/** A yearly interest rate above this is a typing error, not a plan. */
export const interestPercentMax = 100n;

export interface ScheduleInput {
  principalMinor: bigint;
  instalments: number;
  frequency: PlanFrequency;
  /** the plan's start (its creation date): interest for the first instalment runs from here */
  startOn: string;
  firstDueOn: string;
  /** yearly simple interest in per cent, or null for none */
  interestPercent: Decimal | null;
}

export interface ScheduledInstalment {
  number: number;
  dueOn: string;
  /** principal */
  amountMinor: bigint;
  interestMinor: bigint;
}

export function dueDateOf(firstDueOn: string, frequency: PlanFrequency, index: number): string {
  const first = Temporal.PlainDate.from(firstDueOn);
  return (frequency === 'weekly' ? first.add({ days: 7 * index }) : first.add({ months: index })).toString();
}

function days(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

export function buildPaymentSchedule(input: ScheduleInput): Result<ScheduledInstalment[]> {
  const faults: FieldError[] = [];
  if (!Number.isInteger(input.instalments) || input.instalments < 1 || input.instalments > maxInstalments) faults.push({ pointer: '/instalments', detail: `between 1 and ${maxInstalments}` });
  else if (input.principalMinor < BigInt(input.instalments)) faults.push({ pointer: '/instalments', detail: 'more instalments than minor units to pay: every instalment must be at least one' });
  if (input.principalMinor <= 0n) faults.push({ pointer: '/invoiceIds', detail: 'nothing to spread over a plan' });
  const lead = days(input.startOn, input.firstDueOn);
  if (lead < 0) faults.push({ pointer: '/firstDueOn', detail: `on or after ${input.startOn}` });
  if (lead > firstDueWithinDaysMax) faults.push({ pointer: '/firstDueOn', detail: `within ${firstDueWithinDaysMax} days of ${input.startOn}` });
  if (input.interestPercent && input.interestPercent.units > interestPercentMax * 10n ** BigInt(input.interestPercent.scale)) faults.push({ pointer: '/interestPercent', detail: `at most ${interestPercentMax} % a year` });
  if (faults.length > 0) return fail('validation_failed', 'the payment plan cannot be scheduled', faults);

  const n = BigInt(input.instalments);
  const regular = input.principalMinor / n;
  const instalments: ScheduledInstalment[] = [];
  let outstanding = input.principalMinor;
  let previous = input.startOn;
  for (let i = 0; i < input.instalments; i++) {
    const dueOn = dueDateOf(input.firstDueOn, input.frequency, i);
    const amountMinor = i === input.instalments - 1 ? input.principalMinor - regular * (n - 1n) : regular;
    const rate = input.interestPercent;
    const interestMinor = rate && rate.units > 0n ? divideRounded(outstanding * rate.units * BigInt(days(previous, dueOn)), 100n * 10n ** BigInt(rate.scale) * 365n, 'half_up') : 0n;
    instalments.push({ number: i + 1, dueOn, amountMinor, interestMinor });
    outstanding -= amountMinor;
    previous = dueOn;
  }
  return ok(instalments);
}

export type InstalmentStatus = 'open' | 'paid' | 'missed';

export interface InstalmentState {
  number: number;
  dueOn: string;
  amountMinor: bigint;
  interestMinor: bigint;
  paidMinor: bigint;
  status: InstalmentStatus;
}

export interface InstalmentCheck {
  /** the instalments whose state changes */
  changes: Array<{ number: number; status: InstalmentStatus; paidMinor: bigint }>;
  plan: 'active' | 'completed' | 'broken';
  /** the instalment that was missed, when the plan broke */
  missed: { number: number; dueOn: string; dueMinor: bigint; paidMinor: bigint } | null;
}

/**
 * The instalments that fell due before asOf, against the customer's payments since the plan began (in the plan's
 * currency): instalment k is paid when the payments dated on or before its due date cover instalments 1..k (principal
 * and interest), else it is missed and the plan is broken. When the payments up to the day before asOf already cover
 * the whole plan, the remaining instalments are paid early and the plan is completed.
 */
export function checkInstalments(instalments: readonly InstalmentState[], payments: readonly { valueDate: string; amountMinor: bigint }[], asOf: string): InstalmentCheck {
  const ordered = [...instalments].sort((a, b) => a.number - b.number);
  const paidBy = (date: string) => payments.reduce((sum, p) => (p.valueDate <= date ? sum + p.amountMinor : sum), 0n);
  const yesterday = Temporal.PlainDate.from(asOf).subtract({ days: 1 }).toString();
  const paidToDate = paidBy(yesterday);
  const total = ordered.reduce((s, i) => s + i.amountMinor + i.interestMinor, 0n);
  const changes: InstalmentCheck['changes'] = [];
  let dueSoFar = 0n;
  for (const instalment of ordered) {
    const due = instalment.amountMinor + instalment.interestMinor;
    const before = dueSoFar;
    dueSoFar += due;
    if (instalment.status !== 'open') continue;
    const fellDue = instalment.dueOn < asOf;
    const cutoff = fellDue ? instalment.dueOn : yesterday;
    const available = paidBy(cutoff) - before;
    const paidMinor = available <= 0n ? 0n : available >= due ? due : available;
    if (paidMinor === due && (fellDue || paidToDate >= total)) {
      changes.push({ number: instalment.number, status: 'paid', paidMinor });
      continue;
    }
    if (fellDue) {
      changes.push({ number: instalment.number, status: 'missed', paidMinor });
      return { changes, plan: 'broken', missed: { number: instalment.number, dueOn: instalment.dueOn, dueMinor: due, paidMinor } };
    }
    break;
  }
  const settled = new Set([...ordered.filter((i) => i.status === 'paid').map((i) => i.number), ...changes.filter((c) => c.status === 'paid').map((c) => c.number)]);
  return { changes, plan: settled.size === ordered.length ? 'completed' : 'active', missed: null };
}
