import { DomainFailure, type Result } from '../kernel/result.js';
import type { Database, Transaction } from './connection.js';

/** PostgreSQL error codes worth one more attempt: serialization failure and deadlock. */
const retryableCodes = new Set(['40001', '40P01']);
const maxAttemptsPerTransaction = 3;

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Runs a use case in one transaction. A DomainFailure thrown inside rolls everything back and comes out as a failed
 * Result, so nothing is half-written; deadlocks and serialization failures are retried a bounded number of times.
 */
export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<Result<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await db.transaction(work);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DomainFailure) return { ok: false, error: error.error };
      const code = pgCode(error);
      if (code && retryableCodes.has(code) && attempt < maxAttemptsPerTransaction) continue;
      throw error;
    }
  }
}

export { pgCode };
