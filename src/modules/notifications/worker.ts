import type { Database } from '../../db/connection.js';
import { deliverDueEmails, type SmtpSettings } from './service.js';

/** Sends the email outbox every intervalMs; state lives in the outbox only, so instances cooperate. */
export function startEmailWorker(db: Database, smtp: SmtpSettings, options: { intervalMs?: number; log: (message: string) => void }): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => void (await deliverDueEmails(db, smtp))).catch((error: unknown) => options.log(`email worker: ${String(error)}`));
  }, options.intervalMs ?? 5_000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
