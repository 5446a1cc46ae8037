import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { autopayRetryPlan, maxAutopayAttempts, nextAutopayAttempt, type AutopayAttempt } from './autopay-retry.js';
import { hardDeclineCodes, isRetryableDecline, retryableDeclineCodes } from './gateway.js';

const soft = (attemptedOn: string, declineCode = 'insufficient_funds'): AutopayAttempt => ({ attemptedOn, declineCode, retryable: true });
const hard = (attemptedOn: string, declineCode: string): AutopayAttempt => ({ attemptedOn, declineCode, retryable: false });

describe('nextAutopayAttempt', () => {
  const first = '2026-03-02';
  const cases: { name: string; attempts: AutopayAttempt[]; expected: { retryOn: string } | 'give up' }[] = [
    { name: 'makes the first attempt on the first attempt date', attempts: [], expected: { retryOn: '2026-03-02' } },
    { name: 'retries a soft decline the next day', attempts: [soft('2026-03-02')], expected: { retryOn: '2026-03-03' } },
    {
      name: 'retries a second soft decline three days after the first attempt',
      attempts: [soft('2026-03-02'), soft('2026-03-03', 'processing_error')],
      expected: { retryOn: '2026-03-05' },
    },
    {
      name: 'retries a third soft decline seven days after the first attempt',
      attempts: [soft('2026-03-02'), soft('2026-03-03'), soft('2026-03-05', 'card_declined')],
      expected: { retryOn: '2026-03-09' },
    },
    {
      name: 'gives up after the fourth declined attempt',
      attempts: [soft('2026-03-02'), soft('2026-03-03'), soft('2026-03-05'), soft('2026-03-09')],
      expected: 'give up',
    },
    { name: 'never retries an expired card', attempts: [hard('2026-03-02', 'expired_card')], expected: 'give up' },
    { name: 'never retries a card reported lost or stolen', attempts: [soft('2026-03-02'), hard('2026-03-03', 'lost_or_stolen')], expected: 'give up' },
    { name: 'never retries an incorrect CVC', attempts: [hard('2026-03-02', 'incorrect_cvc')], expected: 'give up' },
    { name: 'never retries a charge the issuer wants authenticated', attempts: [hard('2026-03-02', 'authentication_required')], expected: 'give up' },
    {
      name: 'does not retry a hard decline code even when the attempt was marked retryable',
      attempts: [{ attemptedOn: '2026-03-02', declineCode: 'expired_card', retryable: true }],
      expected: 'give up',
    },
    { name: 'does not retry an unknown decline the gateway marked not retryable', attempts: [hard('2026-03-02', 'fraudulent')], expected: 'give up' },
    {
      name: 'moves a retry to the day after a late attempt rather than two attempts on one day',
      attempts: [soft('2026-03-02'), soft('2026-03-06')],
      expected: { retryOn: '2026-03-07' },
    },
    {
      name: 'keeps the schedule when an earlier attempt ran late but not past the next date',
      attempts: [soft('2026-03-02'), soft('2026-03-04')],
      expected: { retryOn: '2026-03-05' },
    },
    {
      name: 'judges the latest attempt whatever order the attempts are given in',
      attempts: [soft('2026-03-03'), hard('2026-03-05', 'expired_card'), soft('2026-03-02')],
      expected: 'give up',
    },
  ];

  it.each(cases)('$name', ({ attempts, expected }) => {
    const decision = nextAutopayAttempt(attempts, first);
    if (expected === 'give up') {
      expect(decision).toMatchObject({ giveUp: true });
      expect('reason' in decision && decision.reason).toBeTruthy();
    } else {
      expect(decision).toEqual(expected);
    }
  });

  it('names the decline code in the reason for giving up on a hard decline', () => {
    expect(nextAutopayAttempt([hard('2026-03-02', 'expired_card')], first)).toEqual({
      giveUp: true,
      reason: expect.stringContaining('expired_card'),
    });
  });

  it('says how many attempts were made when it gives up at the limit', () => {
    const attempts = autopayRetryPlan(first).map((on) => soft(on));
    expect(nextAutopayAttempt(attempts, first)).toEqual({ giveUp: true, reason: expect.stringContaining(`at most ${maxAutopayAttempts} attempts`) });
  });

  it('schedules retries across the end of February by calendar days', () => {
    expect(nextAutopayAttempt([soft('2026-02-27'), soft('2026-02-28')], '2026-02-27')).toEqual({ retryOn: '2026-03-02' });
  });

  it('refuses an attempt dated before the first attempt', () => {
    expect(() => nextAutopayAttempt([soft('2026-03-01')], first)).toThrow(RangeError);
  });

  it('refuses a date that is not an ISO date', () => {
    expect(() => nextAutopayAttempt([], '02/03/2026')).toThrow(RangeError);
  });
});

describe('autopayRetryPlan', () => {
  it('lists the first attempt and the retries 1, 3 and 7 days after it', () => {
    expect(autopayRetryPlan('2026-02-26')).toEqual(['2026-02-26', '2026-02-27', '2026-03-01', '2026-03-05']);
  });

  it('has as many dates as the maximum number of attempts', () => {
    expect(autopayRetryPlan('2028-02-28')).toEqual(['2028-02-28', '2028-02-29', '2028-03-02', '2028-03-06']);
    expect(autopayRetryPlan('2028-02-28')).toHaveLength(maxAutopayAttempts);
  });
});

describe('the autopay retry schedule (properties)', () => {
  const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const declineCode = fc.constantFrom<string | null>(...retryableDeclineCodes, ...hardDeclineCodes, 'fraudulent', 'do_not_honor', null);
  const declined = fc.record({
    declineCode,
    // Usually the gateway's flag follows our classification; sometimes it disagrees, as an unknown code may.
    flagAgrees: fc.boolean(),
    lateDays: fc.integer({ min: 0, max: 4 }),
  });

  /** Runs autopay to the end: every attempt is declined as generated, and may run some days late. */
  function simulate(firstAttemptOn: string, outcomes: { declineCode: string | null; flagAgrees: boolean; lateDays: number }[]) {
    const attempts: AutopayAttempt[] = [];
    const scheduled: string[] = [];
    for (const outcome of outcomes) {
      const decision = nextAutopayAttempt(attempts, firstAttemptOn);
      if (!('retryOn' in decision)) break;
      scheduled.push(decision.retryOn);
      const retryable = outcome.flagAgrees ? isRetryableDecline(outcome.declineCode) : !isRetryableDecline(outcome.declineCode);
      const attemptedOn = Temporal.PlainDate.from(decision.retryOn).add({ days: attempts.length === 0 ? 0 : outcome.lateDays }).toString();
      attempts.push({ attemptedOn, declineCode: outcome.declineCode, retryable });
    }
    return { attempts, scheduled, final: nextAutopayAttempt(attempts, firstAttemptOn) };
  }

  it('never makes more than four attempts, and then gives up', () => {
    fc.assert(
      fc.property(isoDate, fc.array(declined, { minLength: 0, maxLength: 12 }), (first, outcomes) => {
        const { attempts, final } = simulate(first, outcomes);
        expect(attempts.length).toBeLessThanOrEqual(maxAutopayAttempts);
        if (attempts.length === maxAutopayAttempts) expect(final).toMatchObject({ giveUp: true });
      }),
    );
  });

  it('schedules attempts on strictly increasing dates, each after the previous attempt, starting on the first date', () => {
    fc.assert(
      fc.property(isoDate, fc.array(declined, { minLength: 1, maxLength: 12 }), (first, outcomes) => {
        const { attempts, scheduled } = simulate(first, outcomes);
        expect(scheduled[0]).toBe(first);
        for (let i = 1; i < attempts.length; i++) {
          const previous = attempts[i - 1]!;
          expect(Temporal.PlainDate.compare(scheduled[i]!, previous.attemptedOn)).toBe(1);
          expect(Temporal.PlainDate.compare(attempts[i]!.attemptedOn, previous.attemptedOn)).toBe(1);
        }
      }),
    );
  });

  it('never attempts again after a hard or not-retryable decline', () => {
    fc.assert(
      fc.property(isoDate, fc.array(declined, { minLength: 1, maxLength: 12 }), (first, outcomes) => {
        const { attempts } = simulate(first, outcomes);
        for (const attempt of attempts.slice(0, -1)) {
          expect(attempt.retryable).toBe(true);
          expect(hardDeclineCodes).not.toContain(attempt.declineCode);
        }
      }),
    );
  });

  it('follows the published plan exactly when every attempt runs on time', () => {
    fc.assert(
      fc.property(isoDate, (first) => {
        const onTime = Array.from({ length: 10 }, () => ({ declineCode: 'insufficient_funds', flagAgrees: true, lateDays: 0 }));
        expect(simulate(first, onTime).scheduled).toEqual(autopayRetryPlan(first));
      }),
    );
  });
});
