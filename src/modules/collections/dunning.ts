/**
 * Dunning decisions: who gets which reminder on a business date. Pure: no I/O, no clock; the daily run feeds it the
 * customer's open items as they stand on `asOf` and what was already sent, and stores what it decides.
 *
 * A policy is an ordered list of levels. Each level has an offset in days from the due date (negative: a courtesy
 * reminder before the due date), a channel, a minimum amount and escalation actions. Every open invoice climbs the
 * levels one at a time — never skipping one, so nobody receives a final notice without the reminders before it — and
 * moves to its next level once it is that many days from its due date. A customer gets at most one message per run,
 * listing all of its items that are overdue (or, for a courtesy level, coming due), at the highest level any of them
 * reached: one consolidated message, not one per invoice.
 */
import { Temporal } from 'temporal-polyfill';

export const dunningChannels = ['email', 'letter', 'webhook'] as const;
export type DunningChannel = (typeof dunningChannels)[number];
export const escalationActions = ['late_fee', 'credit_hold', 'notify_collector', 'agency_handover'] as const;
export type EscalationAction = (typeof escalationActions)[number];

export interface DunningLevel {
  /** 1, 2, 3 … in the order they are reached */
  level: number;
  name: string;
  /** days after the due date (negative = before it) from which an item may reach this level */
  offsetDays: number;
  channel: DunningChannel;
  /** the items reaching this level must together be at least this much (minor units of their currency) */
  minimumAmountMinor: bigint;
  escalations: readonly EscalationAction[];
  /** a dunning charge invoiced with the message when the level's escalations include late_fee (0 or absent: none) */
  feeMinor?: bigint;
}

export interface DunningPolicy {
  levels: readonly DunningLevel[];
  /** no more than one message per customer within this many days */
  minDaysBetweenMessages: number;
  /** send nothing on Saturdays and Sundays / on the tenant's holidays: the items wait for the next working day */
  skipWeekends: boolean;
  skipHolidays: boolean;
}

export interface DunnableItem {
  invoiceId: string;
  number: string;
  currency: string;
  dueDate: string;
  openMinor: bigint;
  /** the highest level already sent for this invoice (0 = none) */
  levelSent: number;
  /** open dispute on the invoice: it is left out until the dispute is resolved */
  disputed: boolean;
  /** covered by a promise to pay that is not (yet) broken, or by a payment plan being kept */
  promised: boolean;
  /** what the customer quotes when paying (the RF creditor reference, else the invoice number) */
  paymentReference?: string;
}

export interface DunningCustomer {
  customerId: string;
  doNotDun: boolean;
  /** the business date of the last message this customer received, if any */
  lastMessageOn: string | null;
}

export interface DunningLine {
  invoiceId: string;
  number: string;
  currency: string;
  dueDate: string;
  openMinor: bigint;
  /** days past due on asOf (negative: days until due) */
  daysPastDue: number;
  /** the level this item is at once the message is sent */
  level: number;
  /** true when this message moves the item to a new level */
  escalated: boolean;
  paymentReference: string;
}

/** Why a customer gets nothing on a date, as a stable code beside the sentence. */
export const dunningSkipCodes = ['do_not_dun', 'weekend', 'holiday', 'too_soon', 'no_levels', 'nothing_open', 'paused', 'below_minimum', 'not_due_yet'] as const;
export type DunningSkipCode = (typeof dunningSkipCodes)[number];

export type DunningDecision =
  | { send: false; code: DunningSkipCode; reason: string }
  | {
      send: true;
      /** the highest level any item reached: it picks the template and channel */
      level: number;
      levelName: string;
      channel: DunningChannel;
      lines: DunningLine[];
      /** escalation actions of levels reached for the first time by this message */
      escalations: EscalationAction[];
      /** open amount listed, per currency */
      totals: Record<string, bigint>;
    };

export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

/** Faults in a policy definition (levels in order, offsets increasing, sane limits); empty when it is usable. */
export function policyFaults(policy: DunningPolicy): Array<{ pointer: string; detail: string }> {
  const faults: Array<{ pointer: string; detail: string }> = [];
  if (policy.levels.length === 0) faults.push({ pointer: '/levels', detail: 'a policy needs at least one level' });
  policy.levels.forEach((l, i) => {
    if (l.level !== i + 1) faults.push({ pointer: `/levels/${i}/level`, detail: `levels are numbered 1, 2, 3 … in order; expected ${i + 1}` });
    const before = policy.levels[i - 1];
    if (before && l.offsetDays <= before.offsetDays) faults.push({ pointer: `/levels/${i}/offsetDays`, detail: `must be later than level ${before.level} (${before.offsetDays} days)` });
    if (l.minimumAmountMinor < 0n) faults.push({ pointer: `/levels/${i}/minimumAmountMinor`, detail: 'must not be negative' });
  });
  if (policy.minDaysBetweenMessages < 0) faults.push({ pointer: '/minDaysBetweenMessages', detail: 'must not be negative' });
  return faults;
}

/** The tenant's non-working days: ISO weekday numbers of the weekend (6 = Saturday, 7 = Sunday) and holidays. */
export interface WorkingCalendar {
  weekend: readonly number[];
  holidays: ReadonlySet<string>;
}
export const saturdayAndSunday: WorkingCalendar = { weekend: [6, 7], holidays: new Set() };

export function isWeekend(date: string, calendar: WorkingCalendar = saturdayAndSunday): boolean {
  return calendar.weekend.includes(Temporal.PlainDate.from(date).dayOfWeek);
}

/**
 * What to send this customer on asOf, or why nothing, given the tenant's working calendar.
 */
export function decideDunning(policy: DunningPolicy, customer: DunningCustomer, items: readonly DunnableItem[], asOf: string, calendar: WorkingCalendar = saturdayAndSunday): DunningDecision {
  if (customer.doNotDun) return { send: false, code: 'do_not_dun', reason: 'the customer is marked do-not-dun' };
  if (policy.skipWeekends && isWeekend(asOf, calendar)) return { send: false, code: 'weekend', reason: 'no messages on weekends' };
  if (policy.skipHolidays && calendar.holidays.has(asOf)) return { send: false, code: 'holiday', reason: 'no messages on holidays' };
  if (customer.lastMessageOn && daysBetween(customer.lastMessageOn, asOf) < policy.minDaysBetweenMessages) {
    return { send: false, code: 'too_soon', reason: `the last message went on ${customer.lastMessageOn}; at most one every ${policy.minDaysBetweenMessages} days` };
  }
  const first = policy.levels[0];
  if (!first) return { send: false, code: 'no_levels', reason: 'the policy has no levels' };
  const eligible = items.filter((i) => i.openMinor > 0n && !i.disputed && !i.promised);
  if (eligible.length === 0) {
    if (items.some((i) => i.openMinor > 0n)) return { send: false, code: 'paused', reason: 'every open item is disputed, promised or on a payment plan' };
    return { send: false, code: 'nothing_open', reason: items.length === 0 ? 'nothing open' : 'every item is settled' };
  }
  // Each item's next level, if it is far enough past due for it.
  const candidates = eligible.map((item) => {
    const daysPastDue = daysBetween(item.dueDate, asOf);
    const next = policy.levels[item.levelSent];
    const reaches = next !== undefined && daysPastDue >= next.offsetDays;
    return { item, daysPastDue, next: reaches ? next : undefined };
  });
  // A level's minimum applies to the items that would reach it together, per currency.
  const reachingByLevelAndCurrency = new Map<string, bigint>();
  for (const c of candidates) {
    if (!c.next) continue;
    const key = `${c.next.level}|${c.item.currency}`;
    reachingByLevelAndCurrency.set(key, (reachingByLevelAndCurrency.get(key) ?? 0n) + c.item.openMinor);
  }
  const escalating = candidates.filter((c) => c.next && (reachingByLevelAndCurrency.get(`${c.next.level}|${c.item.currency}`) ?? 0n) >= c.next.minimumAmountMinor);
  if (escalating.length === 0) {
    const belowMinimum = candidates.some((c) => c.next);
    return belowMinimum
      ? { send: false, code: 'below_minimum', reason: 'the items due for a reminder are below the level\'s minimum amount' }
      : { send: false, code: 'not_due_yet', reason: 'no item has reached its next level yet' };
  }
  const escalatingIds = new Set(escalating.map((c) => c.item.invoiceId));
  // The message lists every overdue item (and those escalating, even before due), each at its level after sending.
  const lines: DunningLine[] = candidates
    .filter((c) => escalatingIds.has(c.item.invoiceId) || c.daysPastDue > 0)
    .map((c) => {
      const escalated = escalatingIds.has(c.item.invoiceId);
      return {
        invoiceId: c.item.invoiceId, number: c.item.number, currency: c.item.currency, dueDate: c.item.dueDate, openMinor: c.item.openMinor,
        daysPastDue: c.daysPastDue, level: escalated ? (c.next as DunningLevel).level : c.item.levelSent, escalated,
        paymentReference: c.item.paymentReference ?? c.item.number,
      };
    })
    .sort((a, b) => b.daysPastDue - a.daysPastDue || a.number.localeCompare(b.number));
  const level = Math.max(...lines.map((l) => l.level));
  const top = policy.levels[level - 1] as DunningLevel;
  const escalations = new Set<EscalationAction>();
  for (const c of escalating) for (const action of (c.next as DunningLevel).escalations) escalations.add(action);
  const totals: Record<string, bigint> = {};
  for (const l of lines) totals[l.currency] = (totals[l.currency] ?? 0n) + l.openMinor;
  return { send: true, level, levelName: top.name, channel: top.channel, lines, escalations: [...escalations], totals };
}
