import type { Database } from '../../db/connection.js';
import { deliverDueWebhooks, fanOutEvents, maxDeliveriesPerPass } from './service.js';

/**
 * Fans out new events and sends due deliveries every intervalMs. Keeps no state: the queue is the database, claimed
 * with SKIP LOCKED, so any number of server instances can run this side by side.
 */
export function startWebhookWorker(db: Database, options: { intervalMs?: number; log: (message: string) => void }): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 2_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    await fanOutEvents(db);
    // Keep going while full batches come back, so a backlog drains quickly.
    for (let round = 0; round < 50 && !stopped; round++) {
      const outcome = await deliverDueWebhooks(db);
      if (outcome.attempted < maxDeliveriesPerPass) break;
    }
  };
  const timer = setInterval(() => {
    running = running.then(pass).catch((error: unknown) => options.log(`webhook worker: ${String(error)}`));
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
