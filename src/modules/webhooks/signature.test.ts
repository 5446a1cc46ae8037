import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, retryDelayMsBase, retryDelayMsMax } from './retry-schedule.js';
import { generateSecret, signatureHeader, signWebhook, verifyWebhook } from './signature.js';

describe('Standard Webhooks signatures', () => {
  it('matches the reference test vector of the specification', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies its own signatures and rejects a changed body, id, old timestamp or other secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), (body, id, ts) => {
        const secret = generateSecret();
        const signature = signWebhook(secret, id, ts, body);
        expect(verifyWebhook(secret, { id, timestamp: String(ts), signature }, body, ts)).toBe(true);
        expect(verifyWebhook(secret, { id, timestamp: String(ts), signature }, `${body}x`, ts)).toBe(false);
        expect(verifyWebhook(secret, { id: `${id}x`, timestamp: String(ts), signature }, body, ts)).toBe(false);
        expect(verifyWebhook(secret, { id, timestamp: String(ts), signature }, body, ts + 301)).toBe(false);
        expect(verifyWebhook(generateSecret(), { id, timestamp: String(ts), signature }, body, ts)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('signs with every secret during a rotation, each verifiable on its own', () => {
    const [old, fresh] = [generateSecret(), generateSecret()];
    const header = signatureHeader([fresh, old], 'evt_1', 1_700_000_000, '{}');
    expect(header.split(' ')).toHaveLength(2);
    expect(verifyWebhook(old, { id: 'evt_1', timestamp: '1700000000', signature: header }, '{}', 1_700_000_000)).toBe(true);
    expect(verifyWebhook(fresh, { id: 'evt_1', timestamp: '1700000000', signature: header }, '{}', 1_700_000_000)).toBe(true);
    const independent = createHmac('sha256', Buffer.from(fresh.slice(6), 'base64')).update('evt_1.1700000000.{}').digest('base64');
    expect(header.split(' ')[0]).toBe(`v1,${independent}`);
  });
});

describe('retry backoff', () => {
  it('doubles from the base, stays within 10 % jitter, and is capped', () => {
    expect(retryDelayMs(1, 'a')).toBeGreaterThanOrEqual(retryDelayMsBase);
    expect(retryDelayMs(1, 'a')).toBeLessThanOrEqual(retryDelayMsBase * 1.1);
    expect(retryDelayMs(2, 'a')).toBeGreaterThanOrEqual(retryDelayMsBase * 2);
    expect(retryDelayMs(40, 'a')).toBeLessThanOrEqual(retryDelayMsMax * 1.1);
    expect(retryDelayMs(3, 'same')).toBe(retryDelayMs(3, 'same'));
  });
});
