/**
 * When a failed delivery is tried again: exponential backoff from retryDelayMsBase, doubled each attempt, capped at
 * retryDelayMsMax, with up to 10 % jitter taken from the delivery id (deterministic, so a replayed day is the same)
 * to spread retries of many deliveries. After deliveryGiveUpAfterMs from the first attempt the delivery fails for
 * good (it can still be replayed by hand). An endpoint with disableAfterConsecutiveFailures failed attempts in a row
 * is disabled.
 */
export const retryDelayMsBase = 30_000;
export const retryDelayMsMax = 6 * 60 * 60 * 1000;
export const deliveryGiveUpAfterMs = 3 * 24 * 60 * 60 * 1000;
export const disableAfterConsecutiveFailures = 20;
export const deliveryTimeoutMs = 10_000;

function jitterFraction(deliveryId: string): number {
  let h = 0;
  for (const ch of deliveryId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h % 1000) / 10_000;
}

/** Delay before attempt number `attempts + 1`, after `attempts` failures. */
export function retryDelayMs(attempts: number, deliveryId: string): number {
  const exponential = retryDelayMsBase * 2 ** Math.max(0, Math.min(attempts - 1, 30));
  const capped = Math.min(exponential, retryDelayMsMax);
  return Math.round(capped * (1 + jitterFraction(deliveryId)));
}

export function shouldGiveUp(firstQueuedAt: Date, now: Date): boolean {
  return now.getTime() - firstQueuedAt.getTime() >= deliveryGiveUpAfterMs;
}
