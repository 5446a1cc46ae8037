import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayConfigurationError, IdempotencyConflictError, WebhookSignatureError, type ChargeRequest, type GatewayEvent, type PaymentGateway } from './gateway.js';
import { createStripeGateway, fromStripeAmount, normaliseStripeDecline, toStripeAmount } from './stripe.js';

const fixtureNames = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded', 'charge.dispute.created', 'customer.updated'] as const;
const fixture = (name: (typeof fixtureNames)[number]): string => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');

const webhookSecret = 'whsec_test_3kPq9Lm2Vx7Rz4Tn8Wb1Yc6Hd5Jf0Ga';
const receivedAt = new Date('2026-11-20T09:14:10.000Z');
const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

describe('Stripe webhooks', () => {
  const client = new Stripe('sk_test_webhooks_only', { maxNetworkRetries: 0 });
  const gateway = createStripeGateway({ apiKey: 'sk_test_webhooks_only', webhookSecret, stripe: client, now: () => receivedAt });
  const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> => ({
    'content-type': 'application/json',
    'stripe-signature': client.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? webhookSecret,
      timestamp: options.timestamp ?? unixSeconds(receivedAt),
    }),
  });

  it('has fixtures shaped for the API version the installed stripe package pins', () => {
    for (const name of fixtureNames) expect(JSON.parse(fixture(name)).api_version, name).toBe(Stripe.API_VERSION);
  });

  const expected: Record<(typeof fixtureNames)[number], GatewayEvent> = {
    'payment_intent.succeeded': {
      id: 'evt_3SVtR4LkdIwHu7ix1Gm0cY8d',
      type: 'charge.succeeded',
      chargeId: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK',
      amountMinor: 125_000n,
      currency: 'USD',
      declineCode: null,
      metadata: { tenantId: 'ten_01JD6W8X5T3M', invoiceIds: 'inv_01JD6WB2K9XQ,inv_01JD6WB7QFTM' },
      occurredAt: '2026-11-20T09:14:07.000Z',
    },
    'payment_intent.payment_failed': {
      id: 'evt_3SVuA9LkdIwHu7ix0Tc4Hn2w',
      type: 'charge.failed',
      chargeId: 'pi_3SVuA9LkdIwHu7ix0kR5mD1s',
      amountMinor: 48_900n,
      currency: 'EUR',
      declineCode: 'insufficient_funds',
      metadata: { tenantId: 'ten_01JD6W8X5T3M', invoiceIds: 'inv_01JD7C4M2RZP' },
      occurredAt: '2026-11-20T10:10:02.000Z',
    },
    'charge.refunded': {
      id: 'evt_3SVtR4LkdIwHu7ix1a9Zc4Rk',
      type: 'charge.refunded',
      chargeId: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK',
      amountMinor: 25_000n,
      currency: 'USD',
      declineCode: null,
      metadata: { tenantId: 'ten_01JD6W8X5T3M', invoiceIds: 'inv_01JD6WB2K9XQ,inv_01JD6WB7QFTM' },
      occurredAt: '2026-11-22T09:30:15.000Z',
    },
    'charge.dispute.created': {
      id: 'evt_1SWf2pLkdIwHu7ixLq0Vb7Ms',
      type: 'charge.disputed',
      chargeId: 'pi_3SVx0kLkdIwHu7ix0Gm4Rb6d',
      // JPY is zero-decimal at Stripe and in ISO 4217: 58000 is ¥58,000 on both sides.
      amountMinor: 58_000n,
      currency: 'JPY',
      declineCode: null,
      metadata: {},
      occurredAt: '2026-11-22T12:56:50.000Z',
    },
    'customer.updated': {
      id: 'evt_1SWg7RLkdIwHu7ixq3Zb8TnC',
      type: 'ignored',
      chargeId: null,
      amountMinor: null,
      currency: null,
      declineCode: null,
      metadata: {},
      occurredAt: '2026-11-22T14:00:13.000Z',
    },
  };

  it.each(fixtureNames)('maps a signed %s event', (name) => {
    const payload = fixture(name);
    expect(gateway.verifyWebhook(payload, sign(payload))).toEqual(expected[name]);
  });

  it('takes the raw body as a Buffer, as a web framework hands it over', () => {
    const payload = fixture('payment_intent.succeeded');
    expect(gateway.verifyWebhook(Buffer.from(payload, 'utf8'), sign(payload))).toEqual(expected['payment_intent.succeeded']);
  });

  it('converts ISK from Stripe’s two-decimal amounts to whole krónur', () => {
    const event = JSON.parse(fixture('payment_intent.succeeded'));
    event.data.object.currency = 'isk';
    event.data.object.amount = 5_000_000;
    event.data.object.amount_received = 5_000_000;
    const payload = JSON.stringify(event, null, 2);
    expect(gateway.verifyWebhook(payload, sign(payload))).toMatchObject({ type: 'charge.succeeded', amountMinor: 50_000n, currency: 'ISK' });
  });

  it('ignores a refund of a charge that did not come from a PaymentIntent (not made by Cashloop)', () => {
    const event = JSON.parse(fixture('charge.refunded'));
    event.data.object.payment_intent = null;
    const payload = JSON.stringify(event);
    expect(gateway.verifyWebhook(payload, sign(payload))).toMatchObject({ id: 'evt_3SVtR4LkdIwHu7ix1a9Zc4Rk', type: 'ignored', chargeId: null });
  });

  it('refuses a body changed after signing', () => {
    const payload = fixture('charge.refunded');
    const headers = sign(payload);
    const tampered = payload.replace('"amount_refunded": 25000', '"amount_refunded": 125000');
    expect(tampered).not.toBe(payload);
    expect(() => gateway.verifyWebhook(tampered, headers)).toThrow(WebhookSignatureError);
  });

  it('refuses a webhook signed with another secret', () => {
    const payload = fixture('payment_intent.succeeded');
    expect(() => gateway.verifyWebhook(payload, sign(payload, { secret: 'whsec_someone_else' }))).toThrow(WebhookSignatureError);
  });

  it('accepts a webhook signed five minutes ago and refuses an older one', () => {
    const payload = fixture('payment_intent.succeeded');
    expect(gateway.verifyWebhook(payload, sign(payload, { timestamp: unixSeconds(receivedAt) - 300 }))).toMatchObject({ type: 'charge.succeeded' });
    expect(() => gateway.verifyWebhook(payload, sign(payload, { timestamp: unixSeconds(receivedAt) - 301 }))).toThrow(WebhookSignatureError);
  });

  it('refuses a webhook without a stripe-signature header, or with it twice', () => {
    const payload = fixture('payment_intent.succeeded');
    expect(() => gateway.verifyWebhook(payload, { 'content-type': 'application/json' })).toThrow(WebhookSignatureError);
    const header = sign(payload)['stripe-signature'] ?? '';
    expect(() => gateway.verifyWebhook(payload, { 'stripe-signature': [header, header] })).toThrow(WebhookSignatureError);
  });
});

describe('Stripe amounts', () => {
  it('sends minor units unchanged for two-decimal and zero-decimal currencies', () => {
    expect(toStripeAmount(1_000n, 'USD')).toEqual({ ok: true, value: 1_000 });
    // Stripe's amount is in the currency's smallest unit, like our minor units: ¥500 is 500, not 50000.
    expect(toStripeAmount(500n, 'JPY')).toEqual({ ok: true, value: 500 });
    expect(toStripeAmount(12_340n, 'KWD')).toEqual({ ok: true, value: 12_340 });
  });

  it('follows Stripe’s special cases instead of ISO where they differ', () => {
    expect(toStripeAmount(500n, 'ISK')).toEqual({ ok: true, value: 50_000 });
    expect(toStripeAmount(150_000n, 'MGA')).toEqual({ ok: true, value: 1_500 });
    expect(fromStripeAmount(50_000, 'isk')).toBe(500n);
    expect(fromStripeAmount(1_500, 'mga')).toBe(150_000n);
  });

  it('refuses amounts Stripe cannot take exactly rather than rounding them', () => {
    expect(toStripeAmount(12_345n, 'KWD')).toMatchObject({ ok: false });
    expect(toStripeAmount(150_050n, 'MGA')).toMatchObject({ ok: false });
    expect(toStripeAmount(1_000n, 'IQD')).toMatchObject({ ok: false, message: expect.stringContaining('IQD') });
    expect(() => toStripeAmount(2n ** 53n, 'USD')).toThrow(RangeError);
    expect(() => fromStripeAmount(12_345, 'isk')).toThrow(RangeError);
  });
});

describe('normaliseStripeDecline', () => {
  it.each([
    [{ code: 'card_declined', decline_code: 'insufficient_funds' }, 'insufficient_funds', true],
    [{ code: 'card_declined', decline_code: 'generic_decline' }, 'card_declined', true],
    [{ code: 'card_declined', decline_code: 'do_not_honor' }, 'card_declined', true],
    [{ code: 'processing_error' }, 'processing_error', true],
    [{ code: 'expired_card', decline_code: 'expired_card' }, 'expired_card', false],
    [{ code: 'incorrect_cvc', decline_code: 'incorrect_cvc' }, 'incorrect_cvc', false],
    [{ code: 'card_declined', decline_code: 'stolen_card' }, 'lost_or_stolen', false],
    [{ code: 'authentication_required', decline_code: 'authentication_required' }, 'authentication_required', false],
    [{ code: 'card_declined', decline_code: 'fraudulent' }, 'fraudulent', false],
    [{ code: 'card_declined', decline_code: 'insufficient_funds', advice_code: 'do_not_try_again' }, 'insufficient_funds', false],
    [{ code: 'card_declined', decline_code: '' }, 'card_declined', true],
  ])('maps %o to %s (retryable: %s)', (details, declineCode, retryable) => {
    expect(normaliseStripeDecline(details)).toEqual({ declineCode, retryable });
  });
});

// A local stand-in for api.stripe.com: records each request and answers with the next queued response.
interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly form: URLSearchParams;
}
interface QueuedResponse {
  readonly status: number;
  readonly body: unknown;
}

describe('Stripe charges and refunds against a fake Stripe API', () => {
  let server: Server;
  let port: number;
  let gateway: PaymentGateway;
  const received: ReceivedRequest[] = [];
  let queue: QueuedResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) });
        const next = queue.shift() ?? { status: 500, body: { error: { type: 'api_error', message: 'the fake Stripe API has no response queued' } } };
        res.writeHead(next.status, { 'content-type': 'application/json', 'request-id': `req_fake${received.length}` });
        res.end(JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    gateway = createStripeGateway({ apiKey: 'sk_test_cashloop_fake', webhookSecret, host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  beforeEach(() => {
    received.length = 0;
    queue = [];
  });

  /** A PaymentIntent as the API returns it from create, based on the webhook fixture's object. */
  function paymentIntent(overrides: Record<string, unknown>): Record<string, unknown> {
    const intent = JSON.parse(fixture('payment_intent.succeeded')).data.object;
    return { ...intent, ...overrides };
  }

  const failedIntent = (lastPaymentError: Record<string, unknown>) =>
    paymentIntent({ id: 'pi_3SVuA9LkdIwHu7ix0kR5mD1s', status: 'requires_payment_method', amount_received: 0, last_payment_error: lastPaymentError, payment_method: null });

  const cardError = (code: string, declineCode: string | undefined, message: string): QueuedResponse => {
    const error = {
      type: 'card_error',
      code,
      ...(declineCode === undefined ? {} : { decline_code: declineCode }),
      message,
      charge: 'ch_3SVuA9LkdIwHu7ix0mC3bQ7z',
      doc_url: `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`,
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_fake?t=1795169400',
    };
    return { status: 402, body: { error: { ...error, payment_intent: failedIntent(error) } } };
  };

  function request(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
    return {
      amountMinor: 125_000n,
      currency: 'USD',
      paymentMethodToken: 'pm_1SVtQzLkdIwHu7ixVb0Q2a9M',
      gatewayCustomerId: 'cus_TQ8mZr2bXy7LkA',
      idempotencyKey: 'autopay:inv_01JD6WB2K9XQ:1',
      description: 'Autopay: invoices INV-2026-00412, INV-2026-00418',
      metadata: { tenantId: 'ten_01JD6W8X5T3M', invoiceIds: 'inv_01JD6WB2K9XQ,inv_01JD6WB7QFTM' },
      ...overrides,
    };
  }

  it('creates a confirmed off-session PaymentIntent and maps a succeeded one', async () => {
    queue.push({ status: 200, body: paymentIntent({}) });
    const outcome = await gateway.charge(request());
    expect(outcome).toEqual({ status: 'succeeded', chargeId: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK', amountMinor: 125_000n, currency: 'USD' });

    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/payment_intents' });
    expect(sent?.headers).toMatchObject({
      authorization: 'Bearer sk_test_cashloop_fake',
      'idempotency-key': 'autopay:inv_01JD6WB2K9XQ:1',
      'stripe-version': Stripe.API_VERSION,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(Object.fromEntries(sent?.form ?? [])).toEqual({
      amount: '125000',
      currency: 'usd',
      customer: 'cus_TQ8mZr2bXy7LkA',
      payment_method: 'pm_1SVtQzLkdIwHu7ixVb0Q2a9M',
      confirm: 'true',
      off_session: 'true',
      'automatic_payment_methods[enabled]': 'true',
      'automatic_payment_methods[allow_redirects]': 'never',
      description: 'Autopay: invoices INV-2026-00412, INV-2026-00418',
      'metadata[tenantId]': 'ten_01JD6W8X5T3M',
      'metadata[invoiceIds]': 'inv_01JD6WB2K9XQ,inv_01JD6WB7QFTM',
    });
  });

  it('sends a JPY amount unscaled (zero-decimal) and no customer when there is none', async () => {
    queue.push({ status: 200, body: paymentIntent({ amount: 500, amount_received: 500, currency: 'jpy' }) });
    const outcome = await gateway.charge(request({ amountMinor: 500n, currency: 'JPY', gatewayCustomerId: null }));
    expect(received[0]?.form.get('amount')).toBe('500');
    expect(received[0]?.form.get('currency')).toBe('jpy');
    expect(received[0]?.form.has('customer')).toBe(false);
    expect(outcome).toEqual({ status: 'succeeded', chargeId: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK', amountMinor: 500n, currency: 'JPY' });
  });

  it('sends ISK in Stripe’s two-decimal form and reads it back in krónur', async () => {
    queue.push({ status: 200, body: paymentIntent({ amount: 1_250_000, amount_received: 1_250_000, currency: 'isk' }) });
    const outcome = await gateway.charge(request({ amountMinor: 12_500n, currency: 'ISK' }));
    expect(received[0]?.form.get('amount')).toBe('1250000');
    expect(outcome).toMatchObject({ status: 'succeeded', amountMinor: 12_500n, currency: 'ISK' });
  });

  it('declines without calling Stripe an amount Stripe cannot take exactly', async () => {
    const outcome = await gateway.charge(request({ amountMinor: 12_345n, currency: 'KWD' }));
    expect(outcome).toMatchObject({ status: 'declined', chargeId: null, declineCode: 'amount_not_supported', retryable: false });
    expect(received).toHaveLength(0);
  });

  it('refuses an amount beyond a safe integer without calling Stripe', async () => {
    await expect(gateway.charge(request({ amountMinor: 2n ** 60n }))).rejects.toThrow(RangeError);
    expect(received).toHaveLength(0);
  });

  it('maps an insufficient-funds card error to a retryable decline on the PaymentIntent', async () => {
    queue.push(cardError('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'));
    const outcome = await gateway.charge(request());
    expect(outcome).toEqual({
      status: 'declined',
      chargeId: 'pi_3SVuA9LkdIwHu7ix0kR5mD1s',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      retryable: true,
    });
  });

  it.each([
    ['expired_card', 'expired_card', 'Your card has expired.', 'expired_card'],
    ['incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc'],
    ['card_declined', 'lost_card', 'Your card was declined.', 'lost_or_stolen'],
    ['authentication_required', 'authentication_required', 'Your card was declined. This transaction requires authentication.', 'authentication_required'],
  ])('maps a %s card error (%s) to a hard decline', async (code, declineCode, message, expected) => {
    queue.push(cardError(code, declineCode, message));
    expect(await gateway.charge(request())).toMatchObject({ status: 'declined', declineCode: expected, retryable: false, message });
  });

  it('maps a processing PaymentIntent to pending', async () => {
    queue.push({ status: 200, body: paymentIntent({ status: 'processing', amount_received: 0, latest_charge: null }) });
    expect(await gateway.charge(request())).toEqual({ status: 'pending', chargeId: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK' });
  });

  it('maps a PaymentIntent that needs the customer to authenticate to a hard decline', async () => {
    queue.push({ status: 200, body: paymentIntent({ status: 'requires_action', amount_received: 0, next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} } }) });
    expect(await gateway.charge(request())).toMatchObject({ status: 'declined', declineCode: 'authentication_required', retryable: false });
  });

  it.each([
    [500, { error: { type: 'api_error', message: 'An unknown error occurred' } }],
    [429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } }],
  ])('maps a %s from Stripe to a retryable processing error, without retrying itself', async (status, body) => {
    queue.push({ status, body });
    const outcome = await gateway.charge(request());
    expect(outcome).toMatchObject({ status: 'declined', chargeId: null, declineCode: 'processing_error', retryable: true });
    expect(outcome.status === 'declined' && outcome.message).toMatch(/same idempotency key/);
    expect(received).toHaveLength(1);
  });

  it('maps an unreachable Stripe to a retryable processing error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = createStripeGateway({ apiKey: 'sk_test_x', webhookSecret, host: '127.0.0.1', port: closedPort, protocol: 'http', maxNetworkRetries: 0 });
    expect(await unreachable.charge(request())).toMatchObject({ status: 'declined', declineCode: 'processing_error', retryable: true });
  });

  it('rejects with a configuration error when Stripe refuses the API key', async () => {
    queue.push({ status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****fake' } } });
    await expect(gateway.charge(request())).rejects.toThrow(GatewayConfigurationError);
  });

  it('rejects with an idempotency conflict when the key was used for another request', async () => {
    queue.push({
      status: 400,
      body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } },
    });
    await expect(gateway.charge(request())).rejects.toThrow(IdempotencyConflictError);
  });

  const refundJson = (overrides: Record<string, unknown>) => ({
    id: 're_3SVtR4LkdIwHu7ix1c2Lm9Hk',
    object: 'refund',
    amount: 25_000,
    balance_transaction: 'txn_3SVtR4LkdIwHu7ix1s8Vb4Nq',
    charge: 'ch_3SVtR4LkdIwHu7ix1p8Wm1Qe',
    created: 1795339814,
    currency: 'usd',
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: { reason: 'credit note CN-2026-007' },
    payment_intent: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK',
    reason: 'requested_by_customer',
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
    ...overrides,
  });

  const refund = { chargeId: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK', amountMinor: 25_000n, currency: 'USD', idempotencyKey: 'refund:cn_01JDA1Q7W3NZ', reason: 'credit note CN-2026-007' };

  it('refunds against the PaymentIntent with our key and reason', async () => {
    queue.push({ status: 200, body: refundJson({}) });
    expect(await gateway.refund(refund)).toEqual({ status: 'succeeded', refundId: 're_3SVtR4LkdIwHu7ix1c2Lm9Hk' });
    const [sent] = received;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/refunds' });
    expect(sent?.headers['idempotency-key']).toBe('refund:cn_01JDA1Q7W3NZ');
    expect(Object.fromEntries(sent?.form ?? [])).toEqual({
      payment_intent: 'pi_3SVtR4LkdIwHu7ix1qHb2VtK',
      amount: '25000',
      reason: 'requested_by_customer',
      'metadata[reason]': 'credit note CN-2026-007',
    });
  });

  it('maps a pending refund to pending and a refused one to failed with Stripe’s message', async () => {
    queue.push({ status: 200, body: refundJson({ status: 'pending' }) });
    expect(await gateway.refund(refund)).toEqual({ status: 'pending', refundId: 're_3SVtR4LkdIwHu7ix1c2Lm9Hk' });
    queue.push({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_3SVtR4LkdIwHu7ix1p8Wm1Qe has already been refunded.' } },
    });
    expect(await gateway.refund(refund)).toEqual({ status: 'failed', refundId: null, message: 'Charge ch_3SVtR4LkdIwHu7ix1p8Wm1Qe has already been refunded.' });
  });
});

describe('createStripeGateway', () => {
  it('marks a test-mode key as a sandbox and a live key as real money', () => {
    expect(createStripeGateway({ apiKey: 'sk_test_abc', webhookSecret }).isSandbox).toBe(true);
    expect(createStripeGateway({ apiKey: 'rk_test_abc', webhookSecret }).isSandbox).toBe(true);
    expect(createStripeGateway({ apiKey: 'sk_live_abc', webhookSecret })).toMatchObject({ name: 'stripe', isSandbox: false });
  });

  it('refuses to start without a key or a webhook secret', () => {
    expect(() => createStripeGateway({ apiKey: '', webhookSecret })).toThrow(GatewayConfigurationError);
    expect(() => createStripeGateway({ apiKey: 'sk_test_abc', webhookSecret: ' ' })).toThrow(GatewayConfigurationError);
  });
});
