import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError, WebhookSignatureError, type ChargeRequest, type RefundRequest } from './gateway.js';
import {
  createSandboxGateway,
  sandboxSignatureHeader,
  sandboxTestCards,
  signSandboxWebhook,
  tokenizeSandboxCard,
  type SandboxGateway,
} from './sandbox.js';

const secret = 'sandbox-secret-for-tests';
const signedAt = new Date('2026-11-20T09:00:00.000Z');

function sandbox(): { gateway: SandboxGateway; clock: { now: Date } } {
  const clock = { now: signedAt };
  return { gateway: createSandboxGateway({ webhookSecret: secret, now: () => clock.now }), clock };
}

let keySeq = 0;
function chargeRequest(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  keySeq += 1;
  return {
    amountMinor: 125_000n,
    currency: 'EUR',
    paymentMethodToken: 'tok_sandbox_visa',
    gatewayCustomerId: null,
    idempotencyKey: `autopay:inv-${keySeq}:1`,
    description: 'Autopay: invoice INV-2026-00412',
    metadata: { tenantId: 'ten_1', invoiceIds: 'inv_1,inv_2' },
    ...overrides,
  };
}

function refundRequest(chargeId: string, amountMinor: bigint, overrides: Partial<RefundRequest> = {}): RefundRequest {
  keySeq += 1;
  return { chargeId, amountMinor, currency: 'EUR', idempotencyKey: `refund:${keySeq}`, reason: 'credit note CN-2026-007', ...overrides };
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, i) => {
    let d = Number(char);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}

describe('sandbox test cards', () => {
  it('documents distinct tokens and card numbers that pass the Luhn check', () => {
    const numbers = sandboxTestCards.map((c) => c.cardNumber.replace(/ /g, ''));
    expect(new Set(sandboxTestCards.map((c) => c.token)).size).toBe(sandboxTestCards.length);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) expect(luhnValid(number), number).toBe(true);
  });

  it('lists the cards the autopay flows are tested with', () => {
    const byToken = Object.fromEntries(sandboxTestCards.map((c) => [c.token, c]));
    expect(byToken.tok_sandbox_visa).toMatchObject({ cardNumber: '4242 4242 4242 4242', behaviour: 'succeeds' });
    expect(byToken.tok_sandbox_decline).toMatchObject({ cardNumber: '4000 0000 0000 0002', declineCode: 'card_declined', retryable: true });
    expect(byToken.tok_sandbox_insufficient_funds).toMatchObject({ cardNumber: '4000 0000 0000 9995', declineCode: 'insufficient_funds', retryable: true });
    expect(byToken.tok_sandbox_expired).toMatchObject({ cardNumber: '4000 0000 0000 0069', declineCode: 'expired_card', retryable: false });
    expect(byToken.tok_sandbox_delayed).toMatchObject({ behaviour: 'settles_later' });
  });
});

describe('tokenizeSandboxCard', () => {
  it('maps a test card number, typed with spaces or dashes, to its token', () => {
    expect(tokenizeSandboxCard('4242 4242 4242 4242')).toEqual({ ok: true, value: 'tok_sandbox_visa' });
    expect(tokenizeSandboxCard('4000-0000-0000-9995')).toEqual({ ok: true, value: 'tok_sandbox_insufficient_funds' });
    expect(tokenizeSandboxCard('4000000000000069')).toEqual({ ok: true, value: 'tok_sandbox_expired' });
  });

  it('refuses any other number, says this is a sandbox, and does not echo the number back', () => {
    const result = tokenizeSandboxCard('5555 5555 5555 4444');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation_failed');
    expect(result.error.message).toMatch(/sandbox/i);
    expect(JSON.stringify(result.error)).not.toMatch(/5555|4444/);
    expect(result.error.fieldErrors).toEqual([{ pointer: '/cardNumber', detail: result.error.message }]);
  });
});

describe('sandbox charges', () => {
  it('collects the full amount on the succeeding card, with a sandbox charge id', async () => {
    const { gateway } = sandbox();
    expect(gateway).toMatchObject({ name: 'sandbox', isSandbox: true });
    const outcome = await gateway.charge(chargeRequest({ amountMinor: 4_990n, currency: 'USD' }));
    expect(outcome).toEqual({ status: 'succeeded', chargeId: expect.stringMatching(/^sandbox_ch_[0-9a-f]{24}$/), amountMinor: 4_990n, currency: 'USD' });
  });

  it.each([
    ['tok_sandbox_decline', 'card_declined', true],
    ['tok_sandbox_insufficient_funds', 'insufficient_funds', true],
    ['tok_sandbox_processing_error', 'processing_error', true],
    ['tok_sandbox_expired', 'expired_card', false],
    ['tok_sandbox_incorrect_cvc', 'incorrect_cvc', false],
    ['tok_sandbox_lost', 'lost_or_stolen', false],
    ['tok_sandbox_authentication_required', 'authentication_required', false],
  ])('declines %s with %s (retryable: %s)', async (token, declineCode, retryable) => {
    const { gateway } = sandbox();
    const outcome = await gateway.charge(chargeRequest({ paymentMethodToken: token }));
    expect(outcome).toEqual({ status: 'declined', chargeId: expect.stringMatching(/^sandbox_ch_/), declineCode, retryable, message: expect.stringContaining('Sandbox') });
  });

  it('declines a token it does not know, without creating a charge', async () => {
    const { gateway } = sandbox();
    const outcome = await gateway.charge(chargeRequest({ paymentMethodToken: 'pm_1RealStripeCard' }));
    expect(outcome).toMatchObject({ status: 'declined', chargeId: null, declineCode: 'invalid_payment_method', retryable: false });
  });

  it('returns the same outcome and charge id when the same request is sent again with its key', async () => {
    const { gateway } = sandbox();
    const request = chargeRequest();
    const first = await gateway.charge(request);
    const again = await gateway.charge({ ...request, metadata: { invoiceIds: 'inv_1,inv_2', tenantId: 'ten_1' } });
    expect(again).toEqual(first);
    const other = await gateway.charge(chargeRequest());
    expect(other.status === 'succeeded' && first.status === 'succeeded' && other.chargeId !== first.chargeId).toBe(true);
  });

  it('refuses an idempotency key reused for a different charge', async () => {
    const { gateway } = sandbox();
    const request = chargeRequest();
    await gateway.charge(request);
    await expect(gateway.charge({ ...request, amountMinor: 1n })).rejects.toThrow(IdempotencyConflictError);
  });

  it('refuses a key used for a charge when it comes back on a refund', async () => {
    const { gateway } = sandbox();
    const request = chargeRequest();
    const outcome = await gateway.charge(request);
    if (outcome.status !== 'succeeded') throw new Error('expected a succeeded charge');
    await expect(gateway.refund(refundRequest(outcome.chargeId, 1n, { idempotencyKey: request.idempotencyKey }))).rejects.toThrow(IdempotencyConflictError);
  });

  it('refuses requests no gateway could accept', async () => {
    const { gateway } = sandbox();
    await expect(gateway.charge(chargeRequest({ amountMinor: 0n }))).rejects.toThrow(RangeError);
    await expect(gateway.charge(chargeRequest({ currency: 'eur' }))).rejects.toThrow(RangeError);
    await expect(gateway.charge(chargeRequest({ idempotencyKey: ' ' }))).rejects.toThrow(RangeError);
  });
});

describe('sandbox refunds', () => {
  async function succeededCharge(gateway: SandboxGateway, amountMinor = 1_000n): Promise<string> {
    const outcome = await gateway.charge(chargeRequest({ amountMinor }));
    if (outcome.status !== 'succeeded') throw new Error('expected a succeeded charge');
    return outcome.chargeId;
  }

  it('refunds a succeeded charge in parts up to its amount, and no further', async () => {
    const { gateway } = sandbox();
    const chargeId = await succeededCharge(gateway);
    expect(await gateway.refund(refundRequest(chargeId, 600n))).toEqual({ status: 'succeeded', refundId: expect.stringMatching(/^sandbox_re_/) });
    expect(await gateway.refund(refundRequest(chargeId, 400n))).toMatchObject({ status: 'succeeded' });
    expect(await gateway.refund(refundRequest(chargeId, 1n))).toEqual({ status: 'failed', refundId: null, message: expect.stringContaining('exceeds') });
  });

  it('does not refund twice when the same refund is sent again with its key', async () => {
    const { gateway } = sandbox();
    const chargeId = await succeededCharge(gateway);
    const request = refundRequest(chargeId, 600n);
    const first = await gateway.refund(request);
    expect(await gateway.refund(request)).toEqual(first);
    expect(await gateway.refund(refundRequest(chargeId, 400n))).toMatchObject({ status: 'succeeded' });
  });

  it('refuses to refund a declined charge, an unknown charge, or in another currency', async () => {
    const { gateway } = sandbox();
    const declined = await gateway.charge(chargeRequest({ paymentMethodToken: 'tok_sandbox_decline' }));
    if (declined.status !== 'declined' || declined.chargeId === null) throw new Error('expected a declined charge');
    expect(await gateway.refund(refundRequest(declined.chargeId, 1n))).toMatchObject({ status: 'failed', message: expect.stringContaining('declined') });
    expect(await gateway.refund(refundRequest('sandbox_ch_000000000000000000000000', 1n))).toMatchObject({ status: 'failed', refundId: null });
    const chargeId = await succeededCharge(gateway);
    expect(await gateway.refund(refundRequest(chargeId, 1n, { currency: 'USD' }))).toMatchObject({ status: 'failed', message: expect.stringContaining('EUR') });
  });
});

describe('sandbox delayed settlement and webhooks', () => {
  it('leaves a delayed charge pending, then reports its success by a signed webhook', async () => {
    const { gateway } = sandbox();
    const request = chargeRequest({ paymentMethodToken: 'tok_sandbox_delayed', amountMinor: 48_900n });
    const outcome = await gateway.charge(request);
    expect(outcome).toEqual({ status: 'pending', chargeId: expect.stringMatching(/^sandbox_ch_/) });
    if (outcome.status !== 'pending') return;

    const pendingRefund = await gateway.refund(refundRequest(outcome.chargeId, 1n));
    expect(pendingRefund).toMatchObject({ status: 'failed', message: expect.stringContaining('pending') });

    const webhook = gateway.settleDelayed(outcome.chargeId, 'succeeded');
    expect(webhook.headers[sandboxSignatureHeader]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = gateway.verifyWebhook(webhook.rawBody, webhook.headers);
    expect(event).toEqual({
      id: expect.stringMatching(/^sandbox_evt_/),
      type: 'charge.succeeded',
      chargeId: outcome.chargeId,
      amountMinor: 48_900n,
      currency: 'EUR',
      declineCode: null,
      metadata: { tenantId: 'ten_1', invoiceIds: 'inv_1,inv_2' },
      occurredAt: signedAt.toISOString(),
    });
    // Settled money can now be refunded; the original request still replays as it was first answered.
    expect(await gateway.refund(refundRequest(outcome.chargeId, 48_900n))).toMatchObject({ status: 'succeeded' });
    expect(await gateway.charge(request)).toEqual(outcome);
  });

  it('reports a failed delayed charge with its decline code, and settles a charge only once', async () => {
    const { gateway } = sandbox();
    const outcome = await gateway.charge(chargeRequest({ paymentMethodToken: 'tok_sandbox_delayed' }));
    if (outcome.status !== 'pending') throw new Error('expected a pending charge');
    const webhook = gateway.settleDelayed(outcome.chargeId, 'failed');
    expect(gateway.verifyWebhook(Buffer.from(webhook.rawBody, 'utf8'), webhook.headers)).toMatchObject({
      type: 'charge.failed',
      chargeId: outcome.chargeId,
      amountMinor: 125_000n,
      declineCode: 'insufficient_funds',
    });
    expect(() => gateway.settleDelayed(outcome.chargeId, 'succeeded')).toThrow(/not pending/);
    expect(await gateway.refund(refundRequest(outcome.chargeId, 1n))).toMatchObject({ status: 'failed' });
  });

  it('refuses to settle a charge that was never pending', async () => {
    const { gateway } = sandbox();
    const outcome = await gateway.charge(chargeRequest());
    if (outcome.status !== 'succeeded') throw new Error('expected a succeeded charge');
    expect(() => gateway.settleDelayed(outcome.chargeId, 'failed')).toThrow(/not pending/);
    expect(() => gateway.settleDelayed('sandbox_ch_unknown', 'failed')).toThrow(/no sandbox charge/);
  });

  it('reports a chargeback on a succeeded charge for its unrefunded amount', async () => {
    const { gateway } = sandbox();
    const outcome = await gateway.charge(chargeRequest({ amountMinor: 10_000n }));
    if (outcome.status !== 'succeeded') throw new Error('expected a succeeded charge');
    await gateway.refund(refundRequest(outcome.chargeId, 2_500n));
    const webhook = gateway.disputeCharge(outcome.chargeId);
    expect(gateway.verifyWebhook(webhook.rawBody, webhook.headers)).toMatchObject({ type: 'charge.disputed', chargeId: outcome.chargeId, amountMinor: 7_500n });
    expect(await gateway.refund(refundRequest(outcome.chargeId, 1n))).toMatchObject({ status: 'failed' });
  });
});

describe('sandbox webhook verification', () => {
  async function settledWebhook() {
    const { gateway, clock } = sandbox();
    const outcome = await gateway.charge(chargeRequest({ paymentMethodToken: 'tok_sandbox_delayed' }));
    if (outcome.status !== 'pending') throw new Error('expected a pending charge');
    return { gateway, clock, webhook: gateway.settleDelayed(outcome.chargeId, 'succeeded') };
  }

  it('accepts the signature header whatever the case of its name', async () => {
    const { gateway, webhook } = await settledWebhook();
    expect(gateway.verifyWebhook(webhook.rawBody, { 'Cashloop-Sandbox-Signature': webhook.headers[sandboxSignatureHeader] })).toMatchObject({ type: 'charge.succeeded' });
  });

  it('refuses a webhook without a signature', async () => {
    const { gateway, webhook } = await settledWebhook();
    expect(() => gateway.verifyWebhook(webhook.rawBody, { 'content-type': 'application/json' })).toThrow(WebhookSignatureError);
    expect(() => gateway.verifyWebhook(webhook.rawBody, { [sandboxSignatureHeader]: 'garbage' })).toThrow(WebhookSignatureError);
  });

  it('refuses a tampered body', async () => {
    const { gateway, webhook } = await settledWebhook();
    const tampered = webhook.rawBody.replace('"amountMinor":"125000"', '"amountMinor":"1250000"');
    expect(tampered).not.toBe(webhook.rawBody);
    expect(() => gateway.verifyWebhook(tampered, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('refuses a webhook signed with another secret', async () => {
    const { webhook } = await settledWebhook();
    const otherInstallation = createSandboxGateway({ webhookSecret: 'another-secret', now: () => signedAt });
    expect(() => otherInstallation.verifyWebhook(webhook.rawBody, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('accepts a webhook up to five minutes old and refuses an older one', async () => {
    const { gateway, clock, webhook } = await settledWebhook();
    clock.now = new Date(signedAt.getTime() + 300_000);
    expect(gateway.verifyWebhook(webhook.rawBody, webhook.headers)).toMatchObject({ type: 'charge.succeeded' });
    clock.now = new Date(signedAt.getTime() + 301_000);
    expect(() => gateway.verifyWebhook(webhook.rawBody, webhook.headers)).toThrow(/tolerance/);
  });

  it('refuses a webhook signed more than five minutes in the future', async () => {
    const { gateway, clock, webhook } = await settledWebhook();
    clock.now = new Date(signedAt.getTime() - 301_000);
    expect(() => gateway.verifyWebhook(webhook.rawBody, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('refuses a correctly signed body that is not a sandbox event', () => {
    const { gateway } = sandbox();
    const rawBody = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' });
    const headers = { [sandboxSignatureHeader]: signSandboxWebhook(rawBody, secret, Math.floor(signedAt.getTime() / 1000)) };
    expect(() => gateway.verifyWebhook(rawBody, headers)).toThrow(TypeError);
  });
});
