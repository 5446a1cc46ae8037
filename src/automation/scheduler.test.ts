import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { datesDue, maxCatchUpDays } from './scheduler.js';

const at = (iso: string) => Temporal.Instant.from(iso);

describe('which business dates the scheduler runs', () => {
  it('runs today only once the local run time has passed in the tenant time zone', () => {
    // 01:30 in Berlin on 24 November: yesterday is the latest day to run.
    expect(datesDue(at('2026-11-24T00:30:00Z'), 'Europe/Berlin', '2026-11-22')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    // 03:00 in Berlin: today is due too.
    expect(datesDue(at('2026-11-24T02:00:00Z'), 'Europe/Berlin', '2026-11-23')).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    // The same instant is 21:00 on the 23rd in New York: the 23rd is the latest day there.
    expect(datesDue(at('2026-11-24T02:00:00Z'), 'America/New_York', '2026-11-22')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(datesDue(at('2026-11-24T02:00:00Z'), 'America/New_York', '2026-11-23')).toBeUndefined();
  });

  it("follows the tenant's own run time", () => {
    // 06:30 in Berlin (05:30 UTC): a tenant running at 07:00 has not run today yet; one running at 06:00 has.
    expect(datesDue(at('2026-11-24T05:30:00Z'), 'Europe/Berlin', '2026-11-23', Temporal.PlainTime.from('07:00'))).toBeUndefined();
    expect(datesDue(at('2026-11-24T05:30:00Z'), 'Europe/Berlin', '2026-11-23', Temporal.PlainTime.from('06:00'))).toEqual({ from: '2026-11-24', to: '2026-11-24' });
  });

  it('does nothing when the latest day is already done', () => {
    expect(datesDue(at('2026-11-24T12:00:00Z'), 'UTC', '2026-11-24')).toBeUndefined();
  });

  it('catches up missed days in order after downtime, within a bounded window', () => {
    expect(datesDue(at('2026-11-24T12:00:00Z'), 'UTC', '2026-11-20')).toEqual({ from: '2026-11-21', to: '2026-11-24' });
    const long = datesDue(at('2026-11-24T12:00:00Z'), 'UTC', '2025-01-01');
    expect(long?.to).toBe('2026-11-24');
    expect(Temporal.PlainDate.from(long!.from).until(Temporal.PlainDate.from(long!.to)).days).toBe(maxCatchUpDays - 1);
  });

  it('starts with today for a tenant that never ran', () => {
    expect(datesDue(at('2026-11-24T12:00:00Z'), 'UTC', null)).toEqual({ from: '2026-11-24', to: '2026-11-24' });
  });
});
