import { Temporal } from 'temporal-polyfill';
import { allocateMinor, divideRounded, parseDecimal } from '../../kernel/money.js';

/**
 * Payment terms, as finance teams write them:
 * - net: due N days after the invoice date ("net 30")
 * - end_of_month: due N days after the end of the invoice month ("EOM + 30"; N = 0 is "end of month")
 * - day_of_next_month: due on a fixed day of the following month ("10th of next month"; the 31st means the last day)
 * Optionally an early-payment discount ("2/10 net 30": 2 % off if paid within 10 days) and instalments
 * ("30/30/40": shares of the total due at their own offsets). A due date on a weekend or holiday rolls by the
 * tenant's rule. Pure: the calendar is an argument.
 */
export type DueRule =
  | { readonly kind: 'net'; readonly days: number }
  | { readonly kind: 'end_of_month'; readonly days: number }
  | { readonly kind: 'day_of_next_month'; readonly day: number };

export interface EarlyPaymentDiscount {
  /** Percent of the amount, as a decimal string ("2", "1.5"). */
  readonly percent: string;
  readonly withinDays: number;
}

export interface Instalment {
  /** Whole percent of the total; the shares of a schedule add up to 100. */
  readonly percent: number;
  readonly due: DueRule;
}

export interface PaymentTerms {
  readonly due: DueRule;
  readonly discount?: EarlyPaymentDiscount | undefined;
  readonly instalments?: readonly Instalment[] | undefined;
}

/** following: the next business day; preceding: the previous one; modified_following: next, unless that changes the month. */
export type BusinessDayRoll = 'none' | 'following' | 'preceding' | 'modified_following';

export interface BusinessCalendar {
  readonly roll: BusinessDayRoll;
  /** ISO weekday numbers that are not business days (6 = Saturday, 7 = Sunday). */
  readonly weekend: readonly number[];
  /** Tenant holidays, YYYY-MM-DD. */
  readonly holidays: ReadonlySet<string>;
}

export const noRolling: BusinessCalendar = { roll: 'none', weekend: [6, 7], holidays: new Set() };
const maxRollDays = 31;

export function isBusinessDay(date: Temporal.PlainDate, calendar: BusinessCalendar): boolean {
  return !calendar.weekend.includes(date.dayOfWeek) && !calendar.holidays.has(date.toString());
}

export function rollToBusinessDay(date: Temporal.PlainDate, calendar: BusinessCalendar): Temporal.PlainDate {
  if (calendar.roll === 'none' || isBusinessDay(date, calendar)) return date;
  const step = (from: Temporal.PlainDate, days: number) => {
    let d = from;
    for (let i = 0; i < maxRollDays && !isBusinessDay(d, calendar); i++) d = d.add({ days });
    return d;
  };
  if (calendar.roll === 'following') return step(date, 1);
  if (calendar.roll === 'preceding') return step(date, -1);
  const next = step(date, 1);
  return next.month === date.month ? next : step(date, -1);
}

/** The due date of a rule for an invoice dated issueDate, before rolling to a business day. */
export function unrolledDueDate(rule: DueRule, issueDate: Temporal.PlainDate): Temporal.PlainDate {
  switch (rule.kind) {
    case 'net':
      return issueDate.add({ days: rule.days });
    case 'end_of_month':
      return issueDate.with({ day: issueDate.daysInMonth }).add({ days: rule.days });
    case 'day_of_next_month': {
      const next = issueDate.with({ day: 1 }).add({ months: 1 });
      return next.with({ day: Math.min(rule.day, next.daysInMonth) });
    }
  }
}

export function dueDate(terms: PaymentTerms, issueDate: string, calendar: BusinessCalendar = noRolling): string {
  return rollToBusinessDay(unrolledDueDate(terms.due, Temporal.PlainDate.from(issueDate)), calendar).toString();
}

/** The early-payment discount on an amount and the last day to take it, or undefined without one. */
export function earlyPaymentDiscount(terms: PaymentTerms, totalMinor: bigint, issueDate: string, calendar: BusinessCalendar = noRolling): { amountMinor: bigint; deadline: string } | undefined {
  if (!terms.discount) return undefined;
  const percent = parseDecimal(terms.discount.percent);
  if (!percent) throw new RangeError(`invalid discount percent ${terms.discount.percent}`);
  // Discounts round down: the customer never gets more than the terms promise.
  const amountMinor = divideRounded(totalMinor * percent.units, 100n * 10n ** BigInt(percent.scale), 'down');
  const deadline = rollToBusinessDay(Temporal.PlainDate.from(issueDate).add({ days: terms.discount.withinDays }), calendar).toString();
  return { amountMinor, deadline };
}

/**
 * The instalment schedule: each share's amount (largest remainder, so the amounts add up to the total to the cent)
 * and its due date. Without instalments, one instalment of the whole total at the due date.
 */
export function instalmentSchedule(terms: PaymentTerms, totalMinor: bigint, issueDate: string, calendar: BusinessCalendar = noRolling): { dueDate: string; amountMinor: bigint }[] {
  const instalments = terms.instalments && terms.instalments.length > 0 ? terms.instalments : [{ percent: 100, due: terms.due }];
  const amounts = allocateMinor(totalMinor, instalments.map((i) => BigInt(i.percent)));
  return instalments.map((i, n) => ({
    dueDate: rollToBusinessDay(unrolledDueDate(i.due, Temporal.PlainDate.from(issueDate)), calendar).toString(),
    amountMinor: amounts[n] ?? 0n,
  }));
}

/** What is wrong with a terms definition, as readable faults; empty when it is usable. */
export function paymentTermsFaults(terms: PaymentTerms): string[] {
  const faults: string[] = [];
  const checkRule = (rule: DueRule, where: string) => {
    if (rule.kind === 'day_of_next_month' && (rule.day < 1 || rule.day > 31)) faults.push(`${where}: day must be 1 to 31`);
    if (rule.kind !== 'day_of_next_month' && (rule.days < 0 || rule.days > 3650)) faults.push(`${where}: days must be 0 to 3650`);
  };
  checkRule(terms.due, 'due');
  if (terms.discount) {
    if (!parseDecimal(terms.discount.percent) || Number(terms.discount.percent) >= 100) faults.push('discount: percent must be a decimal below 100');
    if (terms.discount.withinDays < 0) faults.push('discount: withinDays must not be negative');
  }
  if (terms.instalments && terms.instalments.length > 0) {
    const total = terms.instalments.reduce((s, i) => s + i.percent, 0);
    if (total !== 100) faults.push(`instalments add up to ${total} %, not 100 %`);
    terms.instalments.forEach((i, n) => {
      if (!Number.isInteger(i.percent) || i.percent <= 0) faults.push(`instalment ${n + 1}: percent must be a whole number above 0`);
      checkRule(i.due, `instalment ${n + 1}`);
    });
  }
  return faults;
}
