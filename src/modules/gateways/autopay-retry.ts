import { Temporal } from 'temporal-polyfill';
import { isHardDecline } from './gateway.js';

/**
 * The autopay retry schedule for a declined card charge.
 *
 * When autopay charges a customer's card for an invoice and the card is declined:
 * - a soft decline (insufficient_funds, processing_error, a generic card_declined) is tried again 1, 3 and 7 days
 *   after the first attempt: at most 4 attempts in all, inside about a week, which spans a typical pay day without
 *   hammering the issuer;
 * - a hard decline (lost_or_stolen, expired_card, incorrect_cvc, authentication_required) and any decline the gateway
 *   marks as not retryable is never tried again: the collections team asks the customer for another card, or to
 *   confirm the payment themselves;
 * - after the fourth declined attempt autopay gives up and the invoice goes on through ordinary dunning.
 * An attempt that ran late (an outage, a missed daily run) never makes two attempts fall on one day: the next one is
 * at least the day after the latest attempt.
 */

/** Days after the first attempt on which a soft-declined charge is tried again. */
export const autopayRetryOffsetsDays: readonly number[] = Object.freeze([1, 3, 7]);

/** The first attempt plus one retry per offset. */
export const maxAutopayAttempts = 1 + autopayRetryOffsetsDays.length;

/** One declined autopay charge attempt, as recorded from its ChargeOutcome. */
export interface AutopayAttempt {
  /** ISO date (YYYY-MM-DD) the card was charged. */
  readonly attemptedOn: string;
  readonly declineCode: string | null;
  readonly retryable: boolean;
}

export type AutopayRetryDecision = { readonly retryOn: string } | { readonly giveUp: true; readonly reason: string };

/** The dates of every attempt the schedule allows when each one is soft-declined, starting with the first attempt. */
export function autopayRetryPlan(firstAttemptOn: string): string[] {
  const first = Temporal.PlainDate.from(firstAttemptOn);
  return [first, ...autopayRetryOffsetsDays.map((days) => first.add({ days }))].map((d) => d.toString());
}

/**
 * When to charge the card next, given the declined attempts so far for one collection, or why to stop.
 * With no attempt yet, the next attempt is the first one, on `firstAttemptOn`.
 * @throws RangeError for a date that is not an ISO date, or an attempt dated before the first attempt.
 */
export function nextAutopayAttempt(attemptsSoFar: readonly AutopayAttempt[], firstAttemptOn: string): AutopayRetryDecision {
  const first = Temporal.PlainDate.from(firstAttemptOn);
  if (attemptsSoFar.length === 0) return { retryOn: first.toString() };

  const attempts = attemptsSoFar
    .map((attempt) => ({ ...attempt, on: Temporal.PlainDate.from(attempt.attemptedOn) }))
    .sort((a, b) => Temporal.PlainDate.compare(a.on, b.on));
  const earliest = attempts[0];
  const latest = attempts[attempts.length - 1];
  if (!earliest || !latest) throw new Error('unreachable: attempts is not empty');
  if (Temporal.PlainDate.compare(earliest.on, first) < 0) {
    throw new RangeError(`an attempt on ${earliest.on.toString()} is before the first attempt on ${first.toString()}`);
  }

  if (!latest.retryable || isHardDecline(latest.declineCode)) {
    const code = latest.declineCode ?? 'an unspecified reason';
    return {
      giveUp: true,
      reason: `the card was declined on ${latest.on.toString()} for ${code}, which is not retried: ask the customer for another card or to pay the invoice themselves`,
    };
  }
  const offsetDays = autopayRetryOffsetsDays[attempts.length - 1];
  if (offsetDays === undefined) {
    return {
      giveUp: true,
      reason: `the card was declined ${attempts.length} times, the last on ${latest.on.toString()}; autopay makes at most ${maxAutopayAttempts} attempts`,
    };
  }
  const scheduled = first.add({ days: offsetDays });
  const dayAfterLatest = latest.on.add({ days: 1 });
  const retryOn = Temporal.PlainDate.compare(scheduled, dayAfterLatest) >= 0 ? scheduled : dayAfterLatest;
  return { retryOn: retryOn.toString() };
}
