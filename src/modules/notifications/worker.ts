import type { Database } from '../../db/connection.js';
import { deliverDueEmails, type SmtpSettings } from './service.js';

/**
 * Sends the email outbox every intervalMs; state lives in the outbox only, so instances cooperate. One round at a
 * time: a tick that comes while a round is still sending is skipped, not queued behind it. (Queued, the ticks of a
 * slow or unreachable SMTP server, where every message waits for its connection timeout, piled up without bound, and
 * stop() waited for all of them, so a shutdown could not finish.)
 */
export function startEmailWorker(db: Database, smtp: SmtpSettings | undefined, options: { intervalMs?: number; log: (message: string) => void }): { stop(): Promise<void> } {
  let round: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (round) return;
    round = deliverDueEmails(db, smtp)
      .then(
        () => undefined,
        (error: unknown) => options.log(`email worker: ${String(error)}`),
      )
      .finally(() => {
        round = undefined;
      });
  }, options.intervalMs ?? 5_000);
  return {
    /** Starts no further round and resolves once the one in flight (if any) has finished. */
    async stop() {
      clearInterval(timer);
      await round;
    },
  };
}
