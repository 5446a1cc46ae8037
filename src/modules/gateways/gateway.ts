/**
 * The contract between Cashloop and a card payment gateway (the built-in sandbox or Stripe).
 *
 * Cashloop never sees or stores a card number: a customer's card is held by the gateway and known to us only by the
 * gateway's token for it. Amounts cross this boundary as bigint minor units of an upper-case ISO 4217 currency;
 * each gateway converts to and from its own wire format.
 *
 * Expected business outcomes (a decline, a refund the gateway refuses) are values. Exceptions are kept for what no
 * retry schedule can fix: a request that could never be valid (RangeError), an idempotency key reused for a different
 * request (IdempotencyConflictError), a gateway account that is misconfigured (GatewayConfigurationError), and a
 * webhook we cannot prove came from the gateway (WebhookSignatureError).
 */

import { isKnownCurrency } from '../../kernel/currency.js';

export type GatewayName = 'sandbox' | 'stripe';

/**
 * The reason a card charge was declined, normalised across gateways. The named codes are the ones the autopay retry
 * schedule and the collections team act on; any other issuer reason is passed through as the gateway reported it.
 */
export type DeclineCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'lost_or_stolen'
  | 'authentication_required'
  // Any other issuer reason; `& {}` keeps the named codes in editor completion.
  | (string & {});

/**
 * Soft declines: the card is fine but the charge could not go through today (no funds yet, a generic issuer refusal,
 * an outage at the gateway or issuer). Autopay may try again on the retry schedule.
 */
export const retryableDeclineCodes: readonly DeclineCode[] = Object.freeze(['insufficient_funds', 'processing_error', 'card_declined']);

/**
 * Hard declines: retrying the same card cannot succeed and card networks penalise merchants who keep trying. The
 * customer must give us a new card (or, for authentication_required, confirm the payment themselves).
 */
export const hardDeclineCodes: readonly DeclineCode[] = Object.freeze(['lost_or_stolen', 'expired_card', 'incorrect_cvc', 'authentication_required']);

/**
 * Whether a decline may be retried on the autopay schedule. Codes we do not recognise are treated as hard: a person
 * should look at an unknown issuer reason before the card is charged again.
 */
export function isRetryableDecline(declineCode: string | null): boolean {
  return declineCode !== null && retryableDeclineCodes.includes(declineCode);
}

export function isHardDecline(declineCode: string | null): boolean {
  return declineCode !== null && hardDeclineCodes.includes(declineCode);
}

/** A request to collect an amount from a customer's stored card, off-session (autopay or a collector's "charge card"). */
export interface ChargeRequest {
  /** Positive amount in minor units of `currency`. */
  readonly amountMinor: bigint;
  /** Upper-case ISO 4217 code, as everywhere in Cashloop. */
  readonly currency: string;
  /** The gateway's token for the customer's stored card (a Stripe PaymentMethod id, a sandbox test token). */
  readonly paymentMethodToken: string;
  /** The customer record at the gateway the card is attached to, when there is one. */
  readonly gatewayCustomerId: string | null;
  /**
   * One key per intended collection. Sending the same key again (after a timeout, a crash) returns the outcome of the
   * first request instead of charging the customer twice. A new autopay attempt gets a new key.
   */
  readonly idempotencyKey: string;
  /** What the charge is for, kept with the payment in the gateway dashboard and on its receipts. */
  readonly description: string;
  /** Our references carried through to the gateway and back on its webhooks (tenantId, invoiceIds). */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * What happened to a charge:
 * - succeeded: the money is collected; apply it to the open items.
 * - pending: accepted but settles later (some payment methods, some issuers); the final result arrives as a
 *   charge.succeeded or charge.failed webhook. Do not apply cash yet, and do not charge again.
 * - declined: nothing was collected. `retryable` says whether the autopay schedule may try the card again.
 */
export type ChargeOutcome =
  | { readonly status: 'succeeded'; readonly chargeId: string; readonly amountMinor: bigint; readonly currency: string }
  | { readonly status: 'pending'; readonly chargeId: string }
  | {
      readonly status: 'declined';
      /** The gateway's record of the failed attempt, when it created one (useful when talking to the gateway's support). */
      readonly chargeId: string | null;
      readonly declineCode: DeclineCode;
      /** The gateway's explanation, fit to show a credit controller. */
      readonly message: string;
      readonly retryable: boolean;
    };

/** A request to give back some or all of a collected charge (a credit note paid out, an overpayment returned). */
export interface RefundRequest {
  /** The chargeId of a succeeded ChargeOutcome. */
  readonly chargeId: string;
  /** Positive amount in minor units; several partial refunds may together return up to the charged amount. */
  readonly amountMinor: bigint;
  readonly currency: string;
  /** One key per intended refund; a repeat with the same key never refunds twice. */
  readonly idempotencyKey: string;
  /** Why the money goes back (kept with the refund at the gateway for audit). */
  readonly reason: string;
}

/**
 * - succeeded: the money is on its way back to the card.
 * - pending: the gateway accepted the refund but has not completed it; a later webhook or dashboard check settles it.
 * - failed: nothing was refunded; `message` says why.
 */
export interface RefundOutcome {
  readonly status: 'succeeded' | 'pending' | 'failed';
  readonly refundId: string | null;
  readonly message?: string;
}

/**
 * A gateway notification, normalised:
 * - charge.succeeded / charge.failed: the final result of a charge that was pending (or a confirmation of one that
 *   succeeded synchronously; apply cash once per chargeId).
 * - charge.refunded: `amountMinor` is the total refunded on the charge so far, not the amount of this one refund.
 * - charge.disputed: the cardholder's bank opened a chargeback; `amountMinor` is the disputed amount.
 * - ignored: any other notification; acknowledge it and do nothing.
 */
export type GatewayEventType = 'charge.succeeded' | 'charge.failed' | 'charge.refunded' | 'charge.disputed' | 'ignored';

export interface GatewayEvent {
  /** The gateway's event id. Gateways deliver at least once: record it and skip an id already seen. */
  readonly id: string;
  readonly type: GatewayEventType;
  readonly chargeId: string | null;
  readonly amountMinor: bigint | null;
  readonly currency: string | null;
  readonly declineCode: DeclineCode | null;
  /** The metadata we sent with the charge (tenantId, invoiceIds), so the event can be routed without a lookup. */
  readonly metadata: Readonly<Record<string, string>>;
  /** When the gateway says it happened, as an ISO 8601 instant. */
  readonly occurredAt: string;
}

/** HTTP request headers as node:http gives them (names lower-cased). */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface PaymentGateway {
  readonly name: GatewayName;
  /** True when no real money moves: the built-in sandbox, or a Stripe test-mode key. Show it on every screen. */
  readonly isSandbox: boolean;
  /**
   * Charges a stored card. Resolves to a declined outcome for card declines and for gateway outages (retryable);
   * rejects only for the programming and configuration errors described at the top of this file.
   */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
  /**
   * Checks that a webhook was signed by the gateway with our secret within the last five minutes, and normalises it.
   * Pass the body exactly as received (before any JSON parsing): the signature covers the raw bytes.
   * @throws WebhookSignatureError when the signature header is missing, does not match, or is too old.
   */
  verifyWebhook(rawBody: string | Buffer, headers: WebhookHeaders): GatewayEvent;
}

/** The webhook cannot be proved to come from the gateway: answer 400 and do not act on it. */
export class WebhookSignatureError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookSignatureError';
  }
}

/** The same idempotency key was sent with a different request: a bug in the caller, never a customer problem. */
export class IdempotencyConflictError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyConflictError';
  }
}

/** The gateway refused our credentials or permissions: every charge would fail the same way, so alert operations. */
export class GatewayConfigurationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GatewayConfigurationError';
  }
}

/** Seconds a signed webhook stays acceptable after it was signed; older deliveries may be replays. */
export const webhookToleranceSeconds = 300;

/** The single value of a header, looked up without regard to case; undefined when absent or sent more than once. */
export function singleHeader(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  }
  return undefined;
}

/**
 * Refuses a request no gateway could ever accept (a non-positive amount, an unknown or lower-case currency, an empty
 * key or token). These are bugs in the caller, so they throw instead of becoming a decline on the customer's record.
 */
export function assertValidCharge(request: ChargeRequest): void {
  assertPositiveAmount(request.amountMinor, request.currency);
  if (request.paymentMethodToken.trim() === '') throw new RangeError('a charge needs the gateway token of a stored card');
  if (request.idempotencyKey.trim() === '') throw new RangeError('a charge needs an idempotency key');
}

export function assertValidRefund(request: RefundRequest): void {
  assertPositiveAmount(request.amountMinor, request.currency);
  if (request.chargeId.trim() === '') throw new RangeError('a refund needs the id of the charge it returns');
  if (request.idempotencyKey.trim() === '') throw new RangeError('a refund needs an idempotency key');
}

function assertPositiveAmount(amountMinor: bigint, currency: string): void {
  if (amountMinor <= 0n) throw new RangeError(`amount must be positive, got ${amountMinor} minor units`);
  if (!isKnownCurrency(currency)) throw new RangeError(`unknown ISO 4217 currency ${JSON.stringify(currency)} (codes are upper case)`);
}
