/**
 * Credit recommendations from a customer's settled payment history: longer terms or a higher limit for an established
 * on-time payer, shorter terms, a lower limit or prepayment for one whose payments are deteriorating. Pure: the service
 * loads the history as it stands on `asOf`; an AR manager accepts or dismisses what comes out, nothing is applied here.
 *
 * "Days late" of an invoice = settled date − due date. Its lateness is max(0, days late): paying early earns no credit
 * against another invoice paid late. The window is the last `historyMonths` (12) months: invoices settled after
 * asOf − 12 months and on or before asOf. "Recent" is the last `recentMonths` (3) of them, "earlier" the 9 before.
 *
 * Established on-time record (all of):
 *   - at least 6 invoices settled in the window,
 *   - at least 90 % of them settled on or before their due date,
 *   - no dispute lost by the customer in the window (a dispute rejected as unfounded),
 *   - average lateness at most 2 days,
 *   - and not deteriorating (below).
 *   → extend_terms: net days + 15, at most 60 (not for customers on named payment terms, whose days come from the terms).
 *   → raise_limit: credit limit + 25 % (half up), only with a limit and when the peak open receivables at a month end of
 *     the window (or on asOf) reached at least 80 % of it: a customer far below its limit does not need more.
 *
 * Deteriorating (either, on enough evidence):
 *   - worsening: average lateness of the recent 3 months at least 10 days above the 9 months before (at least 2
 *     invoices settled in each part), or
 *   - habitually late: at least half of the invoices settled in the window (at least 4) were settled after their due date.
 *   Severe when the average lateness of the recent 3 months (of the whole window when nothing settled recently) is 60
 *   days or more:
 *   → severe: require_prepayment (credit stop on new orders, risk class high), unless the customer is already there.
 *   → otherwise: shorten_terms (net days − 15, at least 7) and lower_limit (credit limit − 25 %, half up; only with a
 *     limit above zero).
 *
 * A customer is never both: deterioration wins over the on-time record. All comparisons are exact (integer sums and
 * counts), the evidence numbers are rounded for reading only.
 */
import { Temporal } from 'temporal-polyfill';
import { currencyExponent } from '../../kernel/currency.js';
import { divideRounded } from '../../kernel/money.js';
import { fail, ok, type Result } from '../../kernel/result.js';

export const recommendationKinds = ['extend_terms', 'raise_limit', 'shorten_terms', 'lower_limit', 'require_prepayment'] as const;
export type RecommendationKind = (typeof recommendationKinds)[number];

export interface SettledInvoiceRecord {
  readonly invoiceId: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
  /** YYYY-MM-DD the invoice was paid in full */
  readonly settledDate: string;
}

/** What the rules need to know about one customer on asOf. */
export interface CreditStanding {
  readonly customerId: string;
  readonly currency: string;
  readonly paymentTermsDays: number;
  /** On named payment terms (the due date comes from them, not from paymentTermsDays): no terms recommendation. */
  readonly namedTerms: boolean;
  /** null = no limit */
  readonly creditLimitMinor: bigint | null;
  readonly riskClass: string;
  readonly blockedForOrders: boolean;
  /** Settled invoices; only those settled in the window count, so the caller may pass more. */
  readonly settled: readonly SettledInvoiceRecord[];
  /** Disputes of the customer rejected as unfounded in the window. */
  readonly disputesLost: number;
  /** Highest open receivables at a month end of the window or on asOf, in the customer's currency. */
  readonly peakReceivablesMinor: bigint;
}

export interface RecommendationPolicy {
  readonly historyMonths: number;
  readonly recentMonths: number;
  readonly reliableMinSettled: number;
  readonly reliableOnTimePercentMin: number;
  readonly reliableAverageDaysLateMax: number;
  readonly extendTermsByDays: number;
  readonly maxTermsDays: number;
  readonly raiseLimitPercent: bigint;
  readonly raiseLimitUtilisationPercentMin: bigint;
  readonly worseningDaysMin: number;
  /** invoices settled in each of the two parts before their averages are compared */
  readonly worseningMinSettledPerPart: number;
  readonly lateSharePercentMin: number;
  readonly lateShareMinSettled: number;
  readonly shortenTermsByDays: number;
  readonly minTermsDays: number;
  readonly lowerLimitPercent: bigint;
  readonly prepaymentAverageDaysLateMin: number;
}

export const defaultRecommendationPolicy: RecommendationPolicy = {
  historyMonths: 12,
  recentMonths: 3,
  reliableMinSettled: 6,
  reliableOnTimePercentMin: 90,
  reliableAverageDaysLateMax: 2,
  extendTermsByDays: 15,
  maxTermsDays: 60,
  raiseLimitPercent: 25n,
  raiseLimitUtilisationPercentMin: 80n,
  worseningDaysMin: 10,
  worseningMinSettledPerPart: 2,
  lateSharePercentMin: 50,
  lateShareMinSettled: 4,
  shortenTermsByDays: 15,
  minTermsDays: 7,
  lowerLimitPercent: 25n,
  prepaymentAverageDaysLateMin: 60,
};

export interface Recommendation {
  readonly customerId: string;
  readonly kind: RecommendationKind;
  /** terms in days, a limit in minor units, or "on account" for prepayment; null when there was none */
  readonly currentValue: string | null;
  readonly proposedValue: string | null;
  /** why, in the words of a credit controller */
  readonly reason: string;
  readonly evidence: Readonly<Record<string, number | string | null>>;
}

/** Counts and sums of a set of settled invoices (exact: whole days). */
export interface PaymentRecord {
  readonly settled: number;
  readonly paidByDueDate: number;
  /** Σ max(0, settled − due) */
  readonly totalDaysLate: number;
}

function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

export function paymentRecord(invoices: readonly SettledInvoiceRecord[]): PaymentRecord {
  let paidByDueDate = 0;
  let totalDaysLate = 0;
  for (const i of invoices) {
    const late = daysBetween(i.dueDate, i.settledDate);
    if (late <= 0) paidByDueDate++;
    else totalDaysLate += late;
  }
  return { settled: invoices.length, paidByDueDate, totalDaysLate };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const averageDaysLate = (r: PaymentRecord) => (r.settled === 0 ? null : round1(r.totalDaysLate / r.settled));
const percent = (part: number, whole: number) => (whole === 0 ? null : round1((100 * part) / whole));

/** The window of the rules on asOf: settled after `start` and on or before asOf; recent = settled after `recentStart`. */
export function recommendationWindow(asOf: string, policy: RecommendationPolicy = defaultRecommendationPolicy): { start: string; recentStart: string; end: string } {
  const end = Temporal.PlainDate.from(asOf);
  return { start: end.subtract({ months: policy.historyMonths }).toString(), recentStart: end.subtract({ months: policy.recentMonths }).toString(), end: asOf };
}

/** "EUR 12,500.00": for reasons people read; the values themselves are minor units. */
function amountText(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const negative = amountMinor < 0n;
  const absolute = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(exponent);
  const whole = (absolute / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent > 0 ? `.${(absolute % scale).toString().padStart(exponent, '0')}` : '';
  return `${negative ? '-' : ''}${currency} ${whole}${fraction}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The recommendations for one customer on asOf, in the order of recommendationKinds. */
export function recommendCreditChanges(standing: CreditStanding, asOf: string, policy: RecommendationPolicy = defaultRecommendationPolicy): Recommendation[] {
  const window = recommendationWindow(asOf, policy);
  const inWindow = standing.settled.filter((s) => s.settledDate > window.start && s.settledDate <= window.end);
  const recentInvoices = inWindow.filter((s) => s.settledDate > window.recentStart);
  const all = paymentRecord(inWindow);
  const recent = paymentRecord(recentInvoices);
  const earlier = paymentRecord(inWindow.filter((s) => s.settledDate <= window.recentStart));
  const late = all.settled - all.paidByDueDate;

  // recent average − earlier average ≥ d  ⇔  recentSum × earlierN − earlierSum × recentN ≥ d × recentN × earlierN
  const worsening =
    recent.settled >= policy.worseningMinSettledPerPart &&
    earlier.settled >= policy.worseningMinSettledPerPart &&
    recent.totalDaysLate * earlier.settled - earlier.totalDaysLate * recent.settled >= policy.worseningDaysMin * recent.settled * earlier.settled;
  const habituallyLate = all.settled >= policy.lateShareMinSettled && late * 100 >= policy.lateSharePercentMin * all.settled;
  const deteriorating = worsening || habituallyLate;
  const reliable =
    !deteriorating &&
    all.settled >= policy.reliableMinSettled &&
    all.paidByDueDate * 100 >= policy.reliableOnTimePercentMin * all.settled &&
    standing.disputesLost === 0 &&
    all.totalDaysLate <= policy.reliableAverageDaysLateMax * all.settled;

  const limit = standing.creditLimitMinor;
  const utilisationPercent = limit !== null && limit > 0n ? round1(Number((standing.peakReceivablesMinor * 1000n) / limit) / 10) : null;
  const evidence: Record<string, number | string | null> = {
    windowStart: window.start,
    windowEnd: window.end,
    settledInvoices: all.settled,
    paidByDueDate: all.paidByDueDate,
    paidByDueDatePercent: percent(all.paidByDueDate, all.settled),
    paidLate: late,
    averageDaysLate: averageDaysLate(all),
    recentSettledInvoices: recent.settled,
    recentAverageDaysLate: averageDaysLate(recent),
    earlierSettledInvoices: earlier.settled,
    earlierAverageDaysLate: averageDaysLate(earlier),
    disputesLost: standing.disputesLost,
    paymentTermsDays: standing.paymentTermsDays,
    creditLimitMinor: limit === null ? null : limit.toString(),
    peakReceivablesMinor: standing.peakReceivablesMinor.toString(),
    peakUtilisationPercent: utilisationPercent,
  };
  const out: Recommendation[] = [];
  const recommend = (kind: RecommendationKind, currentValue: string | null, proposedValue: string | null, reason: string) =>
    out.push({ customerId: standing.customerId, kind, currentValue, proposedValue, reason, evidence });

  if (reliable) {
    const record = `${all.paidByDueDate} of ${plural(all.settled, 'invoice')} (${percent(all.paidByDueDate, all.settled) ?? 0} %) settled in the last ${policy.historyMonths} months were paid by the due date, on average ${averageDaysLate(all) ?? 0} days late, with no dispute lost`;
    const terms = Math.min(policy.maxTermsDays, standing.paymentTermsDays + policy.extendTermsByDays);
    if (!standing.namedTerms && terms > standing.paymentTermsDays) {
      recommend('extend_terms', String(standing.paymentTermsDays), String(terms), `Established on-time payer: ${record}. Extending payment terms from net ${standing.paymentTermsDays} to net ${terms} days rewards the record at little risk.`);
    }
    const raised = limit === null ? null : limit + divideRounded(limit * policy.raiseLimitPercent, 100n, 'half_up');
    if (limit !== null && raised !== null && raised > limit && standing.peakReceivablesMinor * 100n >= policy.raiseLimitUtilisationPercentMin * limit) {
      recommend(
        'raise_limit',
        limit.toString(),
        raised.toString(),
        `Established on-time payer close to its credit limit: ${record}, and open receivables reached ${amountText(standing.peakReceivablesMinor, standing.currency)} (${utilisationPercent ?? 0} % of the ${amountText(limit, standing.currency)} limit). Raising the limit by ${policy.raiseLimitPercent} % to ${amountText(raised, standing.currency)} avoids holding its orders.`,
      );
    }
    return out;
  }
  if (!deteriorating) return out;

  const why: string[] = [];
  if (worsening) {
    why.push(`invoices settled in the last ${policy.recentMonths} months were paid on average ${averageDaysLate(recent) ?? 0} days late, against ${averageDaysLate(earlier) ?? 0} days in the ${policy.historyMonths - policy.recentMonths} months before`);
  }
  if (habituallyLate) why.push(`${late} of ${plural(all.settled, 'invoice')} (${percent(late, all.settled) ?? 0} %) settled in the last ${policy.historyMonths} months were paid after the due date`);
  const trend = `${worsening ? 'Payment behaviour is deteriorating' : 'Payments are habitually late'}: ${why.join('; ')}`;
  const severityBasis = recent.settled > 0 ? recent : all;
  const severe = severityBasis.totalDaysLate >= policy.prepaymentAverageDaysLateMin * severityBasis.settled;
  if (severe) {
    if (!(standing.blockedForOrders && standing.riskClass === 'high')) {
      recommend(
        'require_prepayment',
        'on account',
        'prepayment',
        `${trend}. With payments on average ${averageDaysLate(severityBasis) ?? 0} days late, further supply on credit is not justified: require prepayment (stop orders on account, risk class high) until the arrears are cleared.`,
      );
    }
    return out;
  }
  const terms = Math.max(policy.minTermsDays, standing.paymentTermsDays - policy.shortenTermsByDays);
  if (!standing.namedTerms && terms < standing.paymentTermsDays) {
    recommend('shorten_terms', String(standing.paymentTermsDays), String(terms), `${trend}. Shortening payment terms from net ${standing.paymentTermsDays} to net ${terms} days reduces the exposure while the account is watched.`);
  }
  const lowered = limit === null ? null : limit - divideRounded(limit * policy.lowerLimitPercent, 100n, 'half_up');
  if (limit !== null && lowered !== null && lowered < limit) {
    recommend('lower_limit', limit.toString(), lowered.toString(), `${trend}. Lowering the credit limit by ${policy.lowerLimitPercent} % from ${amountText(limit, standing.currency)} to ${amountText(lowered, standing.currency)} caps the exposure to a slowing payer.`);
  }
  return out;
}

/** A recommendation decided (accepted or dismissed) on a business date. */
export interface DecidedRecommendation {
  readonly customerId: string;
  readonly kind: RecommendationKind;
  readonly decidedOn: string;
}

/** A decided recommendation is not suggested again for this many days (the same customer and kind). */
export const recommendationCoolOffDays = 90;

/**
 * Leaves out what was dismissed — or accepted: the new terms need time to prove themselves — for the same customer and
 * kind within the cool-off before asOf (a decision dated after asOf, seen when a past day is replayed, counts too).
 */
export function withoutRecentlyDecided<R extends { customerId: string; kind: RecommendationKind }>(
  recommendations: readonly R[],
  decided: readonly DecidedRecommendation[],
  asOf: string,
  coolOffDays: number = recommendationCoolOffDays,
): R[] {
  const blocked = new Set(decided.filter((d) => daysBetween(d.decidedOn, asOf) < coolOffDays).map((d) => `${d.customerId}|${d.kind}`));
  return recommendations.filter((r) => !blocked.has(`${r.customerId}|${r.kind}`));
}

/** The credit terms of a customer a recommendation changes. */
export interface CustomerCreditTerms {
  readonly paymentTermsDays: number;
  readonly paymentTermsId: string | null;
  readonly creditLimitMinor: bigint | null;
  readonly riskClass: string;
  readonly blockedForOrders: boolean;
}

/**
 * What accepting a recommendation changes on the customer: the net days, the limit, or for prepayment risk class high
 * and a stop on new orders (orders are then taken only against payment in advance). Refused (conflict) when the value
 * the recommendation started from is no longer the customer's: someone changed it since, and the reasoning may no
 * longer hold.
 */
export function customerChangeFor(
  recommendation: { readonly kind: RecommendationKind; readonly currentValue: string | null; readonly proposedValue: string | null },
  customer: CustomerCreditTerms,
): Result<Partial<Pick<CustomerCreditTerms, 'paymentTermsDays' | 'creditLimitMinor' | 'riskClass' | 'blockedForOrders'>>> {
  const { kind, currentValue, proposedValue } = recommendation;
  switch (kind) {
    case 'extend_terms':
    case 'shorten_terms': {
      if (customer.paymentTermsId !== null) return fail('conflict', 'the customer is on named payment terms now; choose other terms for it instead');
      if (String(customer.paymentTermsDays) !== currentValue) return fail('conflict', `the customer's terms changed since the recommendation (net ${customer.paymentTermsDays} days now, net ${currentValue ?? '-'} then)`);
      const days = Number(proposedValue);
      if (!Number.isInteger(days) || days < 0) return fail('invalid_state', `the recommendation proposes no valid terms (${proposedValue ?? 'none'})`);
      return ok({ paymentTermsDays: days });
    }
    case 'raise_limit':
    case 'lower_limit': {
      if ((customer.creditLimitMinor?.toString() ?? null) !== currentValue) return fail('conflict', `the customer's credit limit changed since the recommendation (${customer.creditLimitMinor?.toString() ?? 'none'} now, ${currentValue ?? 'none'} then)`);
      if (proposedValue === null || !/^\d+$/.test(proposedValue)) return fail('invalid_state', `the recommendation proposes no valid limit (${proposedValue ?? 'none'})`);
      return ok({ creditLimitMinor: BigInt(proposedValue) });
    }
    case 'require_prepayment':
      return ok({ riskClass: 'high', blockedForOrders: true });
  }
}
