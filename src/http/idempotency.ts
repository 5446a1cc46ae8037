import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/connection.js';
import { idempotencyKeys } from '../modules/identity/schema.js';
import { problemContentType, problemFor } from './problem.js';

/**
 * Idempotency-Key, with Stripe's semantics: the first response to a key (an error too, but not a 5xx, which rolled
 * everything back) is stored and replayed for a repeat with the same method, route and body; the same key with other
 * parameters is refused with 422; a repeat while the first is still running gets 409, so concurrent duplicates do the
 * work once. Requests that fail validation never reach this point and are not stored. Keys are kept 7 days.
 */
export const idempotencyKeyRetentionHours = 24 * 7;
/** A request that has held its key this long without finishing is taken to have died; its key may be reused. */
export const idempotencyLockExpiryMs = 5 * 60 * 1000;
const maxKeyLength = 255;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { tenantId: string; key: string };
  }
}

function fingerprint(request: FastifyRequest): string {
  const body = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
  return `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params ?? {})} ${body}`;
}

export async function claimIdempotencyKey(db: Database, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const header = request.headers['idempotency-key'];
  if (header === undefined || request.method === 'GET' || request.method === 'HEAD' || !request.actor) return;
  // A streamed upload (an import) is idempotent by its own design: the file's SHA-256 makes a repeat a no-op.
  if (request.body !== null && typeof request.body === 'object' && typeof (request.body as { pipe?: unknown }).pipe === 'function') return;
  const key = Array.isArray(header) ? header[0] ?? '' : header;
  if (key.length === 0 || key.length > maxKeyLength) {
    const problem = problemFor('validation_failed', `Idempotency-Key must be 1 to ${maxKeyLength} characters`, {
      errors: [{ pointer: '/headers/idempotency-key', detail: `1 to ${maxKeyLength} characters` }],
    });
    await reply.status(problem.status).type(problemContentType).send(problem);
    return;
  }
  const tenantId = request.actor.tenantId;
  const print = fingerprint(request);
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ tenantId, key, requestFingerprint: print, state: 'in_progress' })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) {
    request.idempotency = { tenantId, key };
    return;
  }
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
  if (!existing) {
    // Removed between the two statements (a 5xx released it): treat as in progress, the client retries.
    const problem = problemFor('idempotency_request_in_progress', 'retry the request');
    await reply.status(problem.status).type(problemContentType).send(problem);
    return;
  }
  if (existing.requestFingerprint !== print) {
    const problem = problemFor('idempotency_key_reused', 'this Idempotency-Key was first used for a different request');
    await reply.status(problem.status).type(problemContentType).send(problem);
    return;
  }
  if (existing.state === 'completed') {
    await reply
      .status(existing.responseStatus ?? 200)
      .header('idempotent-replayed', 'true')
      .type(existing.responseContentType ?? 'application/json; charset=utf-8')
      .send(existing.responseBody ?? '');
    return;
  }
  // Still in progress: take it over only if its holder has evidently died.
  const expired = await db
    .update(idempotencyKeys)
    .set({ lockedAt: new Date() })
    .where(
      and(
        eq(idempotencyKeys.tenantId, tenantId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.state, 'in_progress'),
        lt(idempotencyKeys.lockedAt, new Date(Date.now() - idempotencyLockExpiryMs)),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  if (expired.length === 1) {
    request.idempotency = { tenantId, key };
    return;
  }
  const problem = problemFor('idempotency_request_in_progress', 'a request with this Idempotency-Key is being processed; retry later');
  await reply.status(problem.status).header('retry-after', '1').type(problemContentType).send(problem);
}

export async function storeIdempotentResponse(db: Database, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const claim = request.idempotency;
  if (!claim) return;
  request.idempotency = undefined;
  const where = and(eq(idempotencyKeys.tenantId, claim.tenantId), eq(idempotencyKeys.key, claim.key));
  if (reply.statusCode >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? '');
  const contentType = reply.getHeader('content-type');
  await db
    .update(idempotencyKeys)
    .set({
      state: 'completed',
      responseStatus: reply.statusCode,
      responseBody: body,
      responseContentType: typeof contentType === 'string' ? contentType : null,
    })
    .where(where);
}

export async function purgeExpiredIdempotencyKeys(db: Database, now = new Date()): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - idempotencyKeyRetentionHours * 3600_000)));
}
