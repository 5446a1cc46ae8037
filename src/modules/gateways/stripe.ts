import Stripe from 'stripe';
import { currencyExponent } from '../../kernel/currency.js';
import {
  assertValidCharge,
  assertValidRefund,
  GatewayConfigurationError,
  IdempotencyConflictError,
  isRetryableDecline,
  singleHeader,
  WebhookSignatureError,
  webhookToleranceSeconds,
  type ChargeOutcome,
  type ChargeRequest,
  type DeclineCode,
  type GatewayEvent,
  type PaymentGateway,
  type RefundOutcome,
  type RefundRequest,
  type WebhookHeaders,
} from './gateway.js';

/**
 * Card payments through Stripe: off-session PaymentIntents for autopay and collector-initiated charges, refunds, and
 * Stripe's signed webhooks. Our chargeId is the PaymentIntent id (pi_...), the object that lives through retries,
 * 3-D Secure and settlement; Stripe's own charge objects (ch_...) are an implementation detail of it.
 */

export interface StripeGatewayOptions {
  /** Secret or restricted key (sk_live_/rk_live_ moves real money; sk_test_/rk_test_ is Stripe test mode). */
  readonly apiKey: string;
  /** The endpoint's signing secret (whsec_...) from the Stripe dashboard. */
  readonly webhookSecret: string;
  /** A ready client, for tests; otherwise one is built from the key and the options below. */
  readonly stripe?: Stripe;
  /** Where to send API requests instead of api.stripe.com (a local fake in tests). */
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  /** Network retries by the Stripe client; safe because every request carries our idempotency key. */
  readonly maxNetworkRetries?: number;
  /** The clock used to judge a webhook's age. */
  readonly now?: () => Date;
}

export const stripeSignatureHeader = 'stripe-signature';

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  if (options.apiKey.trim() === '') throw new GatewayConfigurationError('the Stripe gateway needs an API key');
  if (options.webhookSecret.trim() === '') throw new GatewayConfigurationError('the Stripe gateway needs a webhook signing secret');
  const stripe = options.stripe ?? new Stripe(options.apiKey, clientConfig(options));
  const { webhookSecret } = options;
  const now = options.now ?? (() => new Date());

  return {
    name: 'stripe',
    isSandbox: /^(sk|rk)_test_/.test(options.apiKey),

    async charge(request: ChargeRequest): Promise<ChargeOutcome> {
      assertValidCharge(request);
      const amount = toStripeAmount(request.amountMinor, request.currency);
      if (!amount.ok) return { status: 'declined', chargeId: null, declineCode: 'amount_not_supported', message: amount.message, retryable: false };
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: amount.value,
            currency: request.currency.toLowerCase(),
            ...(request.gatewayCustomerId === null ? {} : { customer: request.gatewayCustomerId }),
            payment_method: request.paymentMethodToken,
            confirm: true,
            // The customer is not present (autopay, a collector charging a card on file): the issuer may not ask
            // for 3-D Secure, and when it insists Stripe declines with authentication_required instead of waiting.
            off_session: true,
            // Stripe's default lets redirect-based methods in, and those need a return_url a customer who is not
            // present can never visit; a stored card or debit mandate never redirects.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            description: request.description,
            metadata: { ...request.metadata },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return chargeOutcomeOfIntent(intent);
      } catch (error) {
        return chargeOutcomeOfError(error);
      }
    },

    async refund(request: RefundRequest): Promise<RefundOutcome> {
      assertValidRefund(request);
      // Stripe refunds in the currency of the charge; request.currency only tells us how to scale the amount.
      const amount = toStripeAmount(request.amountMinor, request.currency);
      if (!amount.ok) return { status: 'failed', refundId: null, message: amount.message };
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: request.chargeId, amount: amount.value, reason: 'requested_by_customer', metadata: { reason: request.reason } },
          { idempotencyKey: request.idempotencyKey },
        );
        return refundOutcomeOf(refund);
      } catch (error) {
        return refundOutcomeOfError(error);
      }
    },

    verifyWebhook(rawBody: string | Buffer, headers: WebhookHeaders): GatewayEvent {
      const signature = singleHeader(headers, stripeSignatureHeader);
      if (signature === undefined || signature === '') throw new WebhookSignatureError(`missing ${stripeSignatureHeader} header`);
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret, webhookToleranceSeconds, undefined, now().getTime());
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new WebhookSignatureError(error.message, { cause: error });
        throw error;
      }
      return gatewayEventFromStripe(event);
    },
  };
}

function clientConfig(options: StripeGatewayOptions): Stripe.StripeConfig {
  const config: Stripe.StripeConfig = { appInfo: { name: 'Cashloop' } };
  if (options.host !== undefined) config.host = options.host;
  if (options.port !== undefined) config.port = options.port;
  if (options.protocol !== undefined) config.protocol = options.protocol;
  if (options.maxNetworkRetries !== undefined) config.maxNetworkRetries = options.maxNetworkRetries;
  return config;
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts. Stripe's `amount` is an integer in the currency's smallest unit, which for almost every currency is our
// ISO 4217 minor unit: USD 10.00 is 1000 and JPY 500 (a zero-decimal currency) is 500, never 50000. Stripe departs
// from ISO in a few documented places (https://docs.stripe.com/currencies), handled here so no caller has to know:
// - ISK: zero-decimal in ISO but two-decimal in Stripe's API, so ISK 500 is sent as 50000;
// - MGA: two-decimal in ISO but zero-decimal at Stripe, so only whole ariary can be charged;
// - BHD, JOD, KWD, OMR, TND: three-decimal on both sides, but Stripe requires the last digit to be 0.
// An amount Stripe cannot represent exactly is refused, never rounded: rounding is a business decision.

const stripeZeroDecimal = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const stripeThreeDecimal = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** Decimal places of Stripe's `amount` for a currency, or undefined for a currency Stripe does not charge in. */
function stripeExponent(currency: string): number | undefined {
  if (stripeZeroDecimal.has(currency)) return 0;
  if (stripeThreeDecimal.has(currency)) return 3;
  if (currency === 'ISK') return 2;
  return currencyExponent(currency) === 2 ? 2 : undefined;
}

export type StripeAmount = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/**
 * Our minor units as Stripe's `amount` integer.
 * @throws RangeError for an amount beyond what a JavaScript number holds exactly (no invoice is that large).
 */
export function toStripeAmount(amountMinor: bigint, currency: string): StripeAmount {
  const isoExponent = currencyExponent(currency);
  const exponent = stripeExponent(currency);
  if (isoExponent === undefined || exponent === undefined) return { ok: false, message: `Stripe does not take payments in ${currency}` };
  let amount: bigint;
  if (exponent >= isoExponent) amount = amountMinor * 10n ** BigInt(exponent - isoExponent);
  else {
    const unit = 10n ** BigInt(isoExponent - exponent);
    if (amountMinor % unit !== 0n) return { ok: false, message: `Stripe charges ${currency} in whole units only; ${amountMinor} minor units is not a whole amount` };
    amount = amountMinor / unit;
  }
  if (stripeThreeDecimal.has(currency) && amount % 10n !== 0n) {
    return { ok: false, message: `Stripe requires ${currency} amounts in multiples of 10 minor units; ${amountMinor} is not` };
  }
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${amountMinor} ${currency} minor units is too large to send to Stripe exactly`);
  return { ok: true, value: Number(amount) };
}

/** Stripe's `amount` integer (with its lower-case currency) as our minor units. */
export function fromStripeAmount(amount: number, stripeCurrency: string): bigint {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Stripe amount ${amount} is not an exact integer`);
  const currency = stripeCurrency.toUpperCase();
  const isoExponent = currencyExponent(currency);
  const exponent = stripeExponent(currency);
  const value = BigInt(amount);
  if (isoExponent === undefined || exponent === undefined || exponent === isoExponent) return value;
  if (exponent < isoExponent) return value * 10n ** BigInt(isoExponent - exponent);
  const unit = 10n ** BigInt(exponent - isoExponent);
  if (value % unit !== 0n) throw new RangeError(`Stripe amount ${amount} ${currency} is not a whole number of ISO minor units`);
  return value / unit;
}

// ---------------------------------------------------------------------------------------------------------------
// Declines. Stripe reports the issuer's reason as decline_code (more specific) and its own category as code.

const normalisedDeclineCodes = new Map<string, DeclineCode>([
  ['insufficient_funds', 'insufficient_funds'],
  // Over the card's credit or velocity limit: like missing funds, it can clear after the customer's next payment.
  ['card_velocity_exceeded', 'insufficient_funds'],
  ['withdrawal_count_limit_exceeded', 'insufficient_funds'],
  ['card_declined', 'card_declined'],
  ['generic_decline', 'card_declined'],
  ['do_not_honor', 'card_declined'],
  ['call_issuer', 'card_declined'],
  ['no_action_taken', 'card_declined'],
  ['try_again_later', 'card_declined'],
  ['processing_error', 'processing_error'],
  ['issuer_not_available', 'processing_error'],
  ['reenter_transaction', 'processing_error'],
  ['expired_card', 'expired_card'],
  ['incorrect_cvc', 'incorrect_cvc'],
  ['invalid_cvc', 'incorrect_cvc'],
  ['lost_card', 'lost_or_stolen'],
  ['stolen_card', 'lost_or_stolen'],
  ['pickup_card', 'lost_or_stolen'],
  ['restricted_card', 'lost_or_stolen'],
  ['authentication_required', 'authentication_required'],
]);

export interface StripeDeclineDetails {
  readonly code?: string | null | undefined;
  readonly decline_code?: string | null | undefined;
  readonly advice_code?: string | null | undefined;
}

/**
 * Our decline code and retry decision for a Stripe decline. Unlisted issuer reasons (fraudulent, incorrect_number,
 * currency_not_supported...) pass through unchanged and are not retried; neither is any decline the network
 * advises against retrying (advice_code do_not_try_again).
 */
export function normaliseStripeDecline(details: StripeDeclineDetails): { declineCode: DeclineCode; retryable: boolean } {
  const raw = details.decline_code || details.code || 'card_declined';
  const declineCode = normalisedDeclineCodes.get(raw) ?? raw;
  return { declineCode, retryable: isRetryableDecline(declineCode) && details.advice_code !== 'do_not_try_again' };
}

function chargeOutcomeOfIntent(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', chargeId: intent.id, amountMinor: fromStripeAmount(intent.amount_received, intent.currency), currency: intent.currency.toUpperCase() };
    // processing: settles later (a debit mandate, some issuers). requires_capture: authorised, Stripe captures it
    // later. Either way the money is not ours until the payment_intent.succeeded webhook.
    case 'processing':
    case 'requires_capture':
      return { status: 'pending', chargeId: intent.id };
    case 'requires_action':
      return {
        status: 'declined',
        chargeId: intent.id,
        declineCode: 'authentication_required',
        message: 'The card issuer asks the cardholder to authenticate this payment; ask the customer to pay the invoice themselves.',
        retryable: false,
      };
    case 'requires_payment_method': {
      const error = intent.last_payment_error;
      const { declineCode, retryable } = normaliseStripeDecline(error ?? {});
      return { status: 'declined', chargeId: intent.id, declineCode, message: error?.message ?? 'The card was declined.', retryable };
    }
    default:
      return {
        status: 'declined',
        chargeId: intent.id,
        declineCode: 'processing_error',
        message: `Stripe left the payment in status ${intent.status}; nothing was collected.`,
        retryable: true,
      };
  }
}

function chargeOutcomeOfError(error: unknown): ChargeOutcome {
  const errors = Stripe.errors;
  rethrowUnrecoverable(error);
  if (error instanceof errors.StripeCardError) {
    const { declineCode, retryable } = normaliseStripeDecline(error);
    return { status: 'declined', chargeId: error.payment_intent?.id ?? null, declineCode, message: error.message, retryable };
  }
  if (error instanceof errors.StripeRateLimitError || error instanceof errors.StripeConnectionError || error instanceof errors.StripeAPIError) {
    // A dropped connection or a 5xx can come after Stripe charged the card. Resending with the same idempotency key
    // (kept by Stripe for 24 hours) returns what really happened; a fresh key could charge the customer twice.
    return {
      status: 'declined',
      chargeId: null,
      declineCode: 'processing_error',
      message: `Stripe did not confirm the payment (${error.message}). Retry with the same idempotency key to learn the outcome.`,
      retryable: true,
    };
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    return { status: 'declined', chargeId: error.payment_intent?.id ?? null, declineCode: error.code ?? 'invalid_request', message: error.message, retryable: false };
  }
  throw error;
}

function refundOutcomeOf(refund: Stripe.Refund): RefundOutcome {
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', refundId: refund.id };
    case 'failed':
    case 'canceled':
      return { status: 'failed', refundId: refund.id, message: `Stripe refund ${refund.status}${refund.failure_reason ? `: ${refund.failure_reason}` : ''}` };
    default:
      // pending, requires_action: Stripe completes it later and reports by webhook (charge.refunded).
      return { status: 'pending', refundId: refund.id };
  }
}

function refundOutcomeOfError(error: unknown): RefundOutcome {
  const errors = Stripe.errors;
  rethrowUnrecoverable(error);
  if (error instanceof errors.StripeRateLimitError || error instanceof errors.StripeConnectionError || error instanceof errors.StripeAPIError) {
    return { status: 'failed', refundId: null, message: `Stripe did not confirm the refund (${error.message}). Retry with the same idempotency key.` };
  }
  if (error instanceof errors.StripeError) return { status: 'failed', refundId: null, message: error.message };
  throw error;
}

function rethrowUnrecoverable(error: unknown): void {
  const errors = Stripe.errors;
  if (error instanceof errors.StripeIdempotencyError) throw new IdempotencyConflictError(error.message, { cause: error });
  if (error instanceof errors.StripeAuthenticationError || error instanceof errors.StripePermissionError) {
    throw new GatewayConfigurationError(`Stripe refused our credentials: ${error.message}`, { cause: error });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Webhooks.

const idOf = (value: string | { id: string } | null): string | null => (value === null ? null : typeof value === 'string' ? value : value.id);

/**
 * A verified Stripe event, normalised. Refunds and disputes are matched to our charge through their PaymentIntent;
 * one without a PaymentIntent was not created by Cashloop and is ignored.
 */
export function gatewayEventFromStripe(event: Stripe.Event): GatewayEvent {
  const occurredAt = new Date(event.created * 1000).toISOString();
  const ignored: GatewayEvent = { id: event.id, type: 'ignored', chargeId: null, amountMinor: null, currency: null, declineCode: null, metadata: {}, occurredAt };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return {
        ...ignored,
        type: 'charge.succeeded',
        chargeId: intent.id,
        amountMinor: fromStripeAmount(intent.amount_received, intent.currency),
        currency: intent.currency.toUpperCase(),
        metadata: { ...intent.metadata },
      };
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      return {
        ...ignored,
        type: 'charge.failed',
        chargeId: intent.id,
        amountMinor: fromStripeAmount(intent.amount, intent.currency),
        currency: intent.currency.toUpperCase(),
        declineCode: normaliseStripeDecline(intent.last_payment_error ?? {}).declineCode,
        metadata: { ...intent.metadata },
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const chargeId = idOf(charge.payment_intent);
      if (chargeId === null) return ignored;
      return {
        ...ignored,
        type: 'charge.refunded',
        chargeId,
        // The running total refunded on the charge, so a redelivered or out-of-order event cannot double-count.
        amountMinor: fromStripeAmount(charge.amount_refunded, charge.currency),
        currency: charge.currency.toUpperCase(),
        metadata: { ...charge.metadata },
      };
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      const chargeId = idOf(dispute.payment_intent);
      if (chargeId === null) return ignored;
      return {
        ...ignored,
        type: 'charge.disputed',
        chargeId,
        amountMinor: fromStripeAmount(dispute.amount, dispute.currency),
        currency: dispute.currency.toUpperCase(),
        metadata: { ...dispute.metadata },
      };
    }
    default:
      return ignored;
  }
}
