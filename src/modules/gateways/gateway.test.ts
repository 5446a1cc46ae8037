import { describe, expect, it } from 'vitest';
import { assertValidCharge, assertValidRefund, hardDeclineCodes, isHardDecline, isRetryableDecline, retryableDeclineCodes, singleHeader, type ChargeRequest } from './gateway.js';

describe('decline classification', () => {
  it.each(['insufficient_funds', 'processing_error', 'card_declined'])('retries a soft decline: %s', (code) => {
    expect(isRetryableDecline(code)).toBe(true);
    expect(isHardDecline(code)).toBe(false);
  });

  it.each(['lost_or_stolen', 'expired_card', 'incorrect_cvc', 'authentication_required'])('never retries a hard decline: %s', (code) => {
    expect(isRetryableDecline(code)).toBe(false);
    expect(isHardDecline(code)).toBe(true);
  });

  it('does not retry a decline code it does not know, nor a missing one', () => {
    expect(isRetryableDecline('fraudulent')).toBe(false);
    expect(isRetryableDecline(null)).toBe(false);
  });

  it('keeps the soft and hard lists apart', () => {
    expect(retryableDeclineCodes.filter((code) => hardDeclineCodes.includes(code))).toEqual([]);
  });
});

describe('singleHeader', () => {
  it('finds a header whatever the case of its name, and refuses one sent twice', () => {
    expect(singleHeader({ 'Stripe-Signature': 't=1,v1=ab' }, 'stripe-signature')).toBe('t=1,v1=ab');
    expect(singleHeader({ 'stripe-signature': ['t=1,v1=ab'] }, 'stripe-signature')).toBe('t=1,v1=ab');
    expect(singleHeader({ 'stripe-signature': ['a', 'b'] }, 'stripe-signature')).toBeUndefined();
    expect(singleHeader({ other: 'x' }, 'stripe-signature')).toBeUndefined();
  });
});

describe('request validation', () => {
  const charge: ChargeRequest = {
    amountMinor: 1_000n,
    currency: 'EUR',
    paymentMethodToken: 'tok',
    gatewayCustomerId: null,
    idempotencyKey: 'k',
    description: '',
    metadata: {},
  };

  it('accepts a positive amount in a known upper-case currency', () => {
    expect(() => assertValidCharge(charge)).not.toThrow();
    expect(() => assertValidRefund({ chargeId: 'pi_1', amountMinor: 1n, currency: 'JPY', idempotencyKey: 'k', reason: '' })).not.toThrow();
  });

  it.each([
    ['a zero amount', { amountMinor: 0n }],
    ['a negative amount', { amountMinor: -5n }],
    ['a lower-case currency', { currency: 'eur' }],
    ['an unknown currency', { currency: 'XYZ' }],
    ['an empty token', { paymentMethodToken: '' }],
    ['an empty idempotency key', { idempotencyKey: '' }],
  ])('refuses a charge with %s', (_name, overrides) => {
    expect(() => assertValidCharge({ ...charge, ...overrides })).toThrow(RangeError);
  });
});
