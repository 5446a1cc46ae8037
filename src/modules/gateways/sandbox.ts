import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '../../kernel/result.js';
import {
  assertValidCharge,
  assertValidRefund,
  IdempotencyConflictError,
  singleHeader,
  WebhookSignatureError,
  webhookToleranceSeconds,
  type ChargeOutcome,
  type ChargeRequest,
  type DeclineCode,
  type GatewayEvent,
  type GatewayEventType,
  type PaymentGateway,
  type RefundOutcome,
  type RefundRequest,
  type WebhookHeaders,
} from './gateway.js';

/**
 * The built-in sandbox gateway: lets a tenant try autopay, refunds and settlement webhooks end to end before they
 * connect a real gateway. No network, no real cards, no real money; every id it issues starts with `sandbox_`.
 * State lives in memory in the gateway instance and is gone on restart, which is what a sandbox should do.
 */

export const sandboxChargeIdPrefix = 'sandbox_ch_';
export const sandboxRefundIdPrefix = 'sandbox_re_';
export const sandboxEventIdPrefix = 'sandbox_evt_';
/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the same scheme Stripe uses. */
export const sandboxSignatureHeader = 'cashloop-sandbox-signature';

export type SandboxCardBehaviour = 'succeeds' | 'declines' | 'settles_later';

export interface SandboxTestCard {
  /** What the sandbox stores in place of the card, as a real gateway would give us its token. */
  readonly token: string;
  /** The test card number a user types to get this token (never a real card). */
  readonly cardNumber: string;
  readonly behaviour: SandboxCardBehaviour;
  /** For declining cards: the decline code and whether autopay may retry it. */
  readonly declineCode: DeclineCode | null;
  readonly retryable: boolean;
  readonly description: string;
}

/**
 * The test cards of the sandbox. The numbers are the well-known Stripe test numbers for the same behaviour where one
 * exists, so a team moving to Stripe test mode keeps its habits; 4000 0000 0000 7775 is sandbox-only.
 */
export const sandboxTestCards: readonly SandboxTestCard[] = Object.freeze([
  card('tok_sandbox_visa', '4242 4242 4242 4242', 'succeeds', null, false, 'Visa; every charge succeeds'),
  card('tok_sandbox_decline', '4000 0000 0000 0002', 'declines', 'card_declined', true, 'generic decline by the issuer; retryable'),
  card('tok_sandbox_insufficient_funds', '4000 0000 0000 9995', 'declines', 'insufficient_funds', true, 'insufficient funds; retryable'),
  card('tok_sandbox_processing_error', '4000 0000 0000 0119', 'declines', 'processing_error', true, 'processing error at the issuer; retryable'),
  card('tok_sandbox_expired', '4000 0000 0000 0069', 'declines', 'expired_card', false, 'expired card; never retried'),
  card('tok_sandbox_incorrect_cvc', '4000 0000 0000 0127', 'declines', 'incorrect_cvc', false, 'incorrect CVC; never retried'),
  card('tok_sandbox_lost', '4000 0000 0000 9987', 'declines', 'lost_or_stolen', false, 'reported lost; never retried'),
  card('tok_sandbox_authentication_required', '4000 0027 6000 3184', 'declines', 'authentication_required', false, 'issuer asks the cardholder to authenticate; never retried off-session'),
  card('tok_sandbox_delayed', '4000 0000 0000 7775', 'settles_later', null, false, 'charge is pending; settle it with settleDelayed()'),
]);

function card(
  token: string,
  cardNumber: string,
  behaviour: SandboxCardBehaviour,
  declineCode: DeclineCode | null,
  retryable: boolean,
  description: string,
): SandboxTestCard {
  return Object.freeze({ token, cardNumber, behaviour, declineCode, retryable, description });
}

const digitsOnly = (cardNumber: string): string => cardNumber.replace(/[\s-]/g, '');

/**
 * The sandbox token for one of the test card numbers (spaces and dashes allowed). Any other number is refused, and
 * the refusal never repeats the number back: a real card number typed here must not end up in a log.
 */
export function tokenizeSandboxCard(cardNumber: string): Result<string> {
  const digits = digitsOnly(cardNumber);
  const match = sandboxTestCards.find((c) => digitsOnly(c.cardNumber) === digits);
  if (match) return ok(match.token);
  const detail =
    'This is the Cashloop sandbox: it accepts only its test card numbers (for example 4242 4242 4242 4242), ' +
    'never a real card. Connect a payment gateway to take real cards.';
  return fail('validation_failed', detail, [{ pointer: '/cardNumber', detail }]);
}

/** A webhook as the sandbox would deliver it over HTTP: hand both parts to verifyWebhook. */
export interface SignedWebhook {
  readonly rawBody: string;
  readonly headers: Record<string, string>;
}

export interface SandboxGatewayOptions {
  /** Secret the sandbox signs its webhooks with (any non-empty string; random per process is fine). */
  readonly webhookSecret: string;
  /** The clock, for signing and checking webhook timestamps. */
  readonly now?: () => Date;
}

export interface SandboxGateway extends PaymentGateway {
  readonly name: 'sandbox';
  readonly isSandbox: true;
  /**
   * Completes a pending charge (one made with tok_sandbox_delayed) and returns the signed webhook that reports it,
   * as the gateway would post it to us some time after the charge.
   * @throws Error when the charge is unknown or not pending.
   */
  settleDelayed(chargeId: string, outcome: 'succeeded' | 'failed', declineCode?: DeclineCode): SignedWebhook;
  /**
   * Opens a chargeback on a succeeded charge for its unrefunded amount and returns the signed charge.disputed webhook.
   * @throws Error when the charge is unknown or did not succeed.
   */
  disputeCharge(chargeId: string): SignedWebhook;
}

/** Signs a sandbox webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signSandboxWebhook(rawBody: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}

interface SandboxCharge {
  readonly id: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly metadata: Readonly<Record<string, string>>;
  state: 'succeeded' | 'pending' | 'declined' | 'failed' | 'disputed';
  refundedMinor: bigint;
}

type RememberedRequest =
  | { readonly kind: 'charge'; readonly fingerprint: string; readonly outcome: ChargeOutcome }
  | { readonly kind: 'refund'; readonly fingerprint: string; readonly outcome: RefundOutcome };

export function createSandboxGateway(options: SandboxGatewayOptions): SandboxGateway {
  if (options.webhookSecret === '') throw new RangeError('the sandbox needs a webhook secret');
  const { webhookSecret } = options;
  const now = options.now ?? (() => new Date());
  const charges = new Map<string, SandboxCharge>();
  // One key space for charges and refunds, as at Stripe: a key names one request, whatever its kind.
  const rememberedByKey = new Map<string, RememberedRequest>();

  function remembered(kind: RememberedRequest['kind'], idempotencyKey: string, fingerprint: string): RememberedRequest | undefined {
    const previous = rememberedByKey.get(idempotencyKey);
    if (previous === undefined) return undefined;
    if (previous.kind !== kind || previous.fingerprint !== fingerprint) {
      throw new IdempotencyConflictError(`idempotency key ${idempotencyKey} was already used for a different ${previous.kind} request`);
    }
    return previous;
  }

  function signedEvent(type: Exclude<GatewayEventType, 'ignored'>, charge: SandboxCharge, amountMinor: bigint, declineCode: DeclineCode | null): SignedWebhook {
    const at = now();
    const body: SandboxEventBody = {
      id: sandboxEventIdPrefix + randomHex(),
      object: 'sandbox_event',
      livemode: false,
      type,
      chargeId: charge.id,
      amountMinor: amountMinor.toString(),
      currency: charge.currency,
      declineCode,
      metadata: { ...charge.metadata },
      occurredAt: at.toISOString(),
    };
    const rawBody = JSON.stringify(body);
    return { rawBody, headers: { 'content-type': 'application/json', [sandboxSignatureHeader]: signSandboxWebhook(rawBody, webhookSecret, unixSeconds(at)) } };
  }

  function knownCharge(chargeId: string): SandboxCharge {
    const charge = charges.get(chargeId);
    if (!charge) throw new Error(`no sandbox charge ${chargeId}`);
    return charge;
  }

  return {
    name: 'sandbox',
    isSandbox: true,

    async charge(request: ChargeRequest): Promise<ChargeOutcome> {
      assertValidCharge(request);
      const fingerprint = canonicalJson(request);
      const previous = remembered('charge', request.idempotencyKey, fingerprint);
      if (previous?.kind === 'charge') return previous.outcome;

      const testCard = sandboxTestCards.find((c) => c.token === request.paymentMethodToken);
      let outcome: ChargeOutcome;
      if (!testCard) {
        outcome = {
          status: 'declined',
          chargeId: null,
          declineCode: 'invalid_payment_method',
          message: `The sandbox has no card with token ${request.paymentMethodToken}; use a token from sandboxTestCards.`,
          retryable: false,
        };
      } else {
        const id = sandboxChargeIdPrefix + randomHex();
        const state = testCard.behaviour === 'succeeds' ? 'succeeded' : testCard.behaviour === 'settles_later' ? 'pending' : 'declined';
        charges.set(id, { id, amountMinor: request.amountMinor, currency: request.currency, metadata: { ...request.metadata }, state, refundedMinor: 0n });
        if (state === 'succeeded') outcome = { status: 'succeeded', chargeId: id, amountMinor: request.amountMinor, currency: request.currency };
        else if (state === 'pending') outcome = { status: 'pending', chargeId: id };
        else {
          outcome = {
            status: 'declined',
            chargeId: id,
            declineCode: testCard.declineCode ?? 'card_declined',
            message: `Sandbox test card ${testCard.cardNumber}: ${testCard.description}.`,
            retryable: testCard.retryable,
          };
        }
      }
      rememberedByKey.set(request.idempotencyKey, { kind: 'charge', fingerprint, outcome });
      return outcome;
    },

    async refund(request: RefundRequest): Promise<RefundOutcome> {
      assertValidRefund(request);
      const fingerprint = canonicalJson(request);
      const previous = remembered('refund', request.idempotencyKey, fingerprint);
      if (previous?.kind === 'refund') return previous.outcome;

      const charge = charges.get(request.chargeId);
      const refusal = (message: string): RefundOutcome => ({ status: 'failed', refundId: null, message });
      let outcome: RefundOutcome;
      if (!charge) outcome = refusal(`no sandbox charge ${request.chargeId}`);
      else if (charge.state !== 'succeeded') outcome = refusal(`charge ${charge.id} is ${charge.state}; only a succeeded charge can be refunded`);
      else if (charge.currency !== request.currency) outcome = refusal(`charge ${charge.id} is in ${charge.currency}, not ${request.currency}`);
      else if (charge.refundedMinor + request.amountMinor > charge.amountMinor) {
        outcome = refusal(
          `refund of ${request.amountMinor} exceeds the ${charge.amountMinor - charge.refundedMinor} ${charge.currency} minor units still unrefunded on charge ${charge.id}`,
        );
      } else {
        charge.refundedMinor += request.amountMinor;
        outcome = { status: 'succeeded', refundId: sandboxRefundIdPrefix + randomHex() };
      }
      rememberedByKey.set(request.idempotencyKey, { kind: 'refund', fingerprint, outcome });
      return outcome;
    },

    verifyWebhook(rawBody: string | Buffer, headers: WebhookHeaders): GatewayEvent {
      const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
      verifySandboxSignature(body, singleHeader(headers, sandboxSignatureHeader), webhookSecret, now());
      return parseSandboxEvent(body);
    },

    settleDelayed(chargeId: string, outcome: 'succeeded' | 'failed', declineCode: DeclineCode = 'insufficient_funds'): SignedWebhook {
      const charge = knownCharge(chargeId);
      if (charge.state !== 'pending') throw new Error(`sandbox charge ${chargeId} is ${charge.state}, not pending`);
      charge.state = outcome;
      return outcome === 'succeeded'
        ? signedEvent('charge.succeeded', charge, charge.amountMinor, null)
        : signedEvent('charge.failed', charge, charge.amountMinor, declineCode);
    },

    disputeCharge(chargeId: string): SignedWebhook {
      const charge = knownCharge(chargeId);
      if (charge.state !== 'succeeded') throw new Error(`sandbox charge ${chargeId} is ${charge.state}; only a succeeded charge can be disputed`);
      charge.state = 'disputed';
      return signedEvent('charge.disputed', charge, charge.amountMinor - charge.refundedMinor, null);
    },
  };
}

function verifySandboxSignature(body: string, header: string | undefined, secret: string, at: Date): void {
  if (header === undefined || header === '') throw new WebhookSignatureError(`missing ${sandboxSignatureHeader} header`);
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookSignatureError(`${sandboxSignatureHeader} header must be t=<unix seconds>,v1=<hex signature>`);
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
  const matches = signatures.some((hex) => {
    if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
  if (!matches) throw new WebhookSignatureError('sandbox webhook signature does not match the body and secret');
  const ageSeconds = unixSeconds(at) - timestamp;
  if (Math.abs(ageSeconds) > webhookToleranceSeconds) {
    throw new WebhookSignatureError(`sandbox webhook was signed ${ageSeconds} s from now, outside the ${webhookToleranceSeconds} s tolerance`);
  }
}

const sandboxEventSchema = z.object({
  id: z.string().startsWith(sandboxEventIdPrefix),
  object: z.literal('sandbox_event'),
  livemode: z.literal(false),
  type: z.enum(['charge.succeeded', 'charge.failed', 'charge.refunded', 'charge.disputed']),
  chargeId: z.string().startsWith(sandboxChargeIdPrefix),
  amountMinor: z.string().regex(/^\d+$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  declineCode: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  occurredAt: z.iso.datetime(),
});

type SandboxEventBody = z.infer<typeof sandboxEventSchema>;

function parseSandboxEvent(body: string): GatewayEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new TypeError('signed sandbox webhook body is not JSON', { cause });
  }
  const parsed = sandboxEventSchema.safeParse(json);
  if (!parsed.success) throw new TypeError(`signed sandbox webhook body is not a sandbox event: ${parsed.error.message}`);
  const event = parsed.data;
  return {
    id: event.id,
    type: event.type,
    chargeId: event.chargeId,
    amountMinor: BigInt(event.amountMinor),
    currency: event.currency,
    declineCode: event.declineCode,
    metadata: event.metadata,
    occurredAt: event.occurredAt,
  };
}

const randomHex = (): string => randomBytes(12).toString('hex');

const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** JSON with sorted object keys and bigints as strings: equal requests give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}
