import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/connection.js';

// The delivery rounds are stood in for by promises the test settles, so a round is as slow as the test wants.
const rounds = vi.hoisted(() => ({ started: 0, open: [] as Array<{ finish(): void; fail(error: Error): void }> }));
vi.mock('./service.js', () => ({
  deliverDueEmails: () => {
    rounds.started += 1;
    return new Promise((resolve, reject) => rounds.open.push({ finish: () => resolve({ sent: 1, failed: 0 }), fail: reject }));
  },
}));
const { startEmailWorker } = await import('./worker.js');

const db = {} as Database;
const smtp = { url: 'smtp://127.0.0.1:2525', from: 'billing@cashloop.invalid' };
const intervalMs = 10;

beforeEach(() => {
  vi.useFakeTimers();
  rounds.started = 0;
  rounds.open = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the email worker', () => {
  it('starts a round only when the previous one has finished: ticks during a slow round are skipped, not queued', async () => {
    const worker = startEmailWorker(db, smtp, { intervalMs, log: () => undefined });
    await vi.advanceTimersByTimeAsync(intervalMs);
    expect(rounds.started).toBe(1);
    // Twenty ticks while the SMTP server keeps the round waiting.
    await vi.advanceTimersByTimeAsync(20 * intervalMs);
    expect(rounds.started).toBe(1);
    rounds.open[0]?.finish();
    await vi.advanceTimersByTimeAsync(intervalMs);
    expect(rounds.started).toBe(2);
    rounds.open[1]?.finish();
    // Between two ticks nothing starts: the skipped ticks left nothing queued to run now or on the way out.
    await vi.advanceTimersByTimeAsync(intervalMs / 2);
    expect(rounds.started).toBe(2);
    await worker.stop();
    expect(rounds.started).toBe(2);
  });

  it('stops starting rounds at stop() and resolves once the round in flight has finished', async () => {
    const worker = startEmailWorker(db, smtp, { intervalMs, log: () => undefined });
    await vi.advanceTimersByTimeAsync(intervalMs);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(10 * intervalMs);
    expect(stopped).toBe(false);
    rounds.open[0]?.finish();
    await vi.advanceTimersByTimeAsync(10 * intervalMs);
    expect(stopped).toBe(true);
    expect(rounds.started).toBe(1);
    await stopping;
  });

  it('logs a failed round and goes on at the next tick', async () => {
    const log = vi.fn();
    const worker = startEmailWorker(db, smtp, { intervalMs, log });
    await vi.advanceTimersByTimeAsync(intervalMs);
    rounds.open[0]?.fail(new Error('connection to the database lost'));
    await vi.advanceTimersByTimeAsync(intervalMs);
    expect(log).toHaveBeenCalledWith('email worker: Error: connection to the database lost');
    expect(rounds.started).toBe(2);
    rounds.open[1]?.finish();
    await worker.stop();
  });
});
