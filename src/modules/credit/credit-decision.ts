/**
 * Credit control decision for a new order. Exposure = open receivables (net of unapplied cash and credits)
 * + orders confirmed (or approved) but not yet invoiced. An order is held when the exposure with it would exceed the
 * credit limit, when the customer has items overdue beyond the tenant's threshold, or when the customer's risk score
 * is at or above the tenant's risk threshold. No limit means no limit check; no score (not yet scored by the daily
 * run) or no risk threshold means no risk check.
 */
export interface CreditPosition {
  readonly limitMinor: bigint | null;
  readonly openReceivablesMinor: bigint;
  readonly uninvoicedOrdersMinor: bigint;
  /** Days the oldest open item is past due on the decision date; 0 when nothing is overdue. */
  readonly oldestOverdueDays: number;
  /** The customer's latest risk score (0 pays on time … 100 likely to pay very late) by the decision date; null before it was scored. */
  readonly riskScore?: number | null;
  readonly riskScoreComputedOn?: string | null;
}

export interface CreditPolicy {
  readonly overdueHoldDays: number;
  /** Orders of a customer whose risk score is at least this are held; null or absent: the score holds nothing. */
  readonly riskHoldScoreMin?: number | null;
}

export type HoldReasonCode = 'over_credit_limit' | 'overdue_beyond_threshold' | 'risk_score_above_threshold';

export interface HoldReason {
  readonly code: HoldReasonCode;
  readonly detail: string;
}

export interface CreditDecision {
  readonly approved: boolean;
  readonly reasons: readonly HoldReason[];
  readonly exposureMinor: bigint;
  readonly exposureWithOrderMinor: bigint;
  /** What is left of the limit before this order; null without a limit. */
  readonly availableMinor: bigint | null;
}

export function exposureOf(position: CreditPosition): bigint {
  return position.openReceivablesMinor + position.uninvoicedOrdersMinor;
}

export function decideCredit(position: CreditPosition, orderAmountMinor: bigint, policy: CreditPolicy): CreditDecision {
  const exposureMinor = exposureOf(position);
  const exposureWithOrderMinor = exposureMinor + orderAmountMinor;
  const reasons: HoldReason[] = [];
  if (position.limitMinor !== null && exposureWithOrderMinor > position.limitMinor) {
    reasons.push({
      code: 'over_credit_limit',
      detail: `exposure with this order would be ${exposureWithOrderMinor}, above the credit limit of ${position.limitMinor}`,
    });
  }
  if (position.oldestOverdueDays > policy.overdueHoldDays) {
    reasons.push({
      code: 'overdue_beyond_threshold',
      detail: `the oldest open item is ${position.oldestOverdueDays} days past due; the limit is ${policy.overdueHoldDays}`,
    });
  }
  const score = position.riskScore ?? null;
  const threshold = policy.riskHoldScoreMin ?? null;
  if (score !== null && threshold !== null && score >= threshold) {
    const band = effectiveRiskClass('medium', score);
    reasons.push({
      code: 'risk_score_above_threshold',
      detail:
        `the customer's risk score is ${score} of 100 (${band} risk${position.riskScoreComputedOn ? `, scored on ${position.riskScoreComputedOn}` : ''}` +
        ` from its payment history and open items), at or above the hold threshold of ${threshold}`,
    });
  }
  return {
    approved: reasons.length === 0,
    reasons,
    exposureMinor,
    exposureWithOrderMinor,
    availableMinor: position.limitMinor === null ? null : position.limitMinor - exposureMinor,
  };
}

/** The limit a new customer starts with: its segment's default in its currency, else the tenant-wide default. */
export function defaultCreditLimit(
  defaults: readonly { segment: string; currency: string; limitMinor: bigint }[],
  segment: string | null,
  currency: string,
): bigint | null {
  const bySegment = segment ? defaults.find((d) => d.segment === segment && d.currency === currency) : undefined;
  const general = defaults.find((d) => d.segment === '' && d.currency === currency);
  return (bySegment ?? general)?.limitMinor ?? null;
}

/** A risk score of at least this counts as high credit risk. */
export const highRiskScoreMin = 70;
/** A risk score of at most this counts as low credit risk. */
export const lowRiskScoreMax = 30;

export type CreditRiskClass = 'low' | 'medium' | 'high';

/**
 * The risk class credit control works with. The customer's risk score (0–100, computed by the daily run from its own
 * payment history and open items) wins when there is one: ≥ 70 high, ≤ 30 low, medium in between — the same way the
 * collector's worklist lets a score replace the class. Without a score, the class set by credit review.
 */
export function effectiveRiskClass(reviewedClass: string, riskScore: number | null): CreditRiskClass {
  if (riskScore !== null && Number.isFinite(riskScore)) return riskScore >= highRiskScoreMin ? 'high' : riskScore <= lowRiskScoreMax ? 'low' : 'medium';
  return reviewedClass === 'low' || reviewedClass === 'high' ? reviewedClass : 'medium';
}
