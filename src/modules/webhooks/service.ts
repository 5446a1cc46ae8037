import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import { queryRows } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, ok, type Result } from '../../kernel/result.js';
import { notifyTenant } from '../events/service.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { deliveryTimeoutMs, disableAfterConsecutiveFailures, retryDelayMs, shouldGiveUp } from './retry-schedule.js';
import { generateSecret, signatureHeader } from './signature.js';
import { webhookAttempts, webhookCursors, webhookDeliveries, webhookEndpoints } from './schema.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** After a rotation the previous secret keeps signing this long, so receivers can switch without losing events. */
export const previousSecretValidityMs = 24 * 60 * 60 * 1000;
/** Events may commit a little out of id order; each fan-out looks back this far past its cursor. */
export const fanOutOverlapMs = 15 * 60 * 1000;
/** A claimed delivery is someone's for this long; a worker that died mid-request leaves it to be retried after. */
export const deliveryLeaseMs = 3 * deliveryTimeoutMs;
export const maxDeliveriesPerPass = 100;
const responseExcerptChars = 500;

export interface EndpointInput {
  url: string;
  description?: string | null | undefined;
  eventTypes: string[];
}

async function findEndpoint(executor: Executor, tenantId: string, endpointId: string, options: { forUpdate?: boolean } = {}) {
  const query = executor.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

const publicEndpoint = (e: EndpointRow) => {
  const { secret: _secret, previousSecret: _previous, ...rest } = e;
  return rest;
};

export async function createEndpoint(db: Database, actor: Actor, input: EndpointInput): Promise<Result<{ endpoint: EndpointRow; secret: string }>> {
  return inTransaction(db, async (tx) => {
    const secret = generateSecret();
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({ id: newId(), tenantId: actor.tenantId, url: input.url, description: input.description ?? null, eventTypes: input.eventTypes, secret, status: 'active' })
      .returning();
    if (!endpoint) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, 'webhook_endpoint.created', { type: 'webhook_endpoint', id: endpoint.id }, null, publicEndpoint(endpoint));
    return { endpoint, secret };
  });
}

export async function updateEndpoint(
  db: Database,
  actor: Actor,
  endpointId: string,
  patch: Partial<EndpointInput> & { enabled?: boolean | undefined },
): Promise<Result<EndpointRow>> {
  return inTransaction(db, async (tx) => {
    const before = await findEndpoint(tx, actor.tenantId, endpointId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no webhook endpoint ${endpointId}` });
    const changes: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: new Date() };
    if (patch.url !== undefined) changes.url = patch.url;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.eventTypes !== undefined) changes.eventTypes = patch.eventTypes;
    if (patch.enabled === true) Object.assign(changes, { status: 'active', disabledReason: null, consecutiveFailures: 0 });
    if (patch.enabled === false) Object.assign(changes, { status: 'disabled', disabledReason: `disabled by ${actor.label}` });
    const [after] = await tx.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, endpointId)).returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'webhook_endpoint.updated', { type: 'webhook_endpoint', id: endpointId }, publicEndpoint(before), publicEndpoint(after));
    return after;
  });
}

/** A new secret; the old one keeps signing for previousSecretValidityMs (both signatures are sent meanwhile). */
export async function rotateSecret(db: Database, actor: Actor, endpointId: string, now = new Date()): Promise<Result<{ endpoint: EndpointRow; secret: string }>> {
  return inTransaction(db, async (tx) => {
    const before = await findEndpoint(tx, actor.tenantId, endpointId, { forUpdate: true });
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no webhook endpoint ${endpointId}` });
    const secret = generateSecret();
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ secret, previousSecret: before.secret, previousSecretExpiresAt: new Date(now.getTime() + previousSecretValidityMs), updatedAt: now })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning();
    if (!endpoint) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'webhook_endpoint.secret_rotated', { type: 'webhook_endpoint', id: endpointId }, null, { previousSecretExpiresAt: endpoint.previousSecretExpiresAt });
    return { endpoint, secret };
  });
}

export async function listEndpoints(db: Database, actor: Actor): Promise<EndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, actor.tenantId)).orderBy(asc(webhookEndpoints.id));
}

export async function getEndpoint(db: Database, actor: Actor, endpointId: string): Promise<Result<EndpointRow>> {
  const row = await findEndpoint(db, actor.tenantId, endpointId);
  return row ? ok(row) : fail('not_found', `no webhook endpoint ${endpointId}`);
}

export async function listDeliveries(db: Database, actor: Actor, endpointId: string, limit: number): Promise<Result<(DeliveryRow & { eventType: string; attemptLog: AttemptRow[] })[]>> {
  const endpoint = await findEndpoint(db, actor.tenantId, endpointId);
  if (!endpoint) return fail('not_found', `no webhook endpoint ${endpointId}`);
  const deliveries = await queryRows<{ id: string }>(
    db,
    sql`select d.id::text as id from ${webhookDeliveries} d where d.tenant_id = ${actor.tenantId} and d.endpoint_id = ${endpointId} order by d.event_id desc limit ${limit}`,
  );
  const result = [];
  for (const { id } of deliveries) {
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    if (!row) continue;
    const [event] = await queryRows<{ type: string }>(db, sql`select type from domain_events where id = ${row.eventId}`);
    const attemptLog = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(desc(webhookAttempts.attemptedAt));
    result.push({ ...row, eventType: event?.type ?? '', attemptLog });
  }
  return ok(result);
}

/** Sends a delivery again, delivered or not, with the same webhook-id (receivers deduplicate on it). */
export async function replayDelivery(db: Database, actor: Actor, deliveryId: string, now = new Date()): Promise<Result<DeliveryRow>> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.tenantId, actor.tenantId), eq(webhookDeliveries.id, deliveryId)))
      .for('update');
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no webhook delivery ${deliveryId}` });
    const [after] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: now, deliveredAt: null })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'webhook_delivery.replayed', { type: 'webhook_delivery', id: deliveryId }, { status: before.status }, { status: 'pending' });
    return after;
  });
}

/**
 * Turns new outbox events into deliveries for every active endpoint subscribed to their type (events from before
 * an endpoint existed are not sent to it). Idempotent: the (endpoint, event) key is unique, so passes may overlap.
 */
export async function fanOutEvents(db: Database): Promise<number> {
  const tenants = await queryRows<{ tenant_id: string }>(db, sql`select distinct tenant_id::text from ${webhookEndpoints} where status = 'active'`);
  let created = 0;
  for (const { tenant_id: tenantId } of tenants) {
    const [cursor] = await queryRows<{ occurred_at: string | null }>(
      db,
      sql`select e.occurred_at::text as occurred_at from ${webhookCursors} c join domain_events e on e.id = c.last_event_id where c.tenant_id = ${tenantId}`,
    );
    const since = cursor?.occurred_at ? sql`and e.occurred_at >= ${cursor.occurred_at}::timestamptz - ${`${fanOutOverlapMs} milliseconds`}::interval` : sql``;
    const inserted = await queryRows<{ id: string }>(
      db,
      sql`insert into ${webhookDeliveries} (id, tenant_id, endpoint_id, event_id, entity_id, status, attempts, next_attempt_at)
          select gen_random_uuid(), e.tenant_id, ep.id, e.id, e.entity_id, 'pending', 0, now()
            from domain_events e
            join ${webhookEndpoints} ep on ep.tenant_id = e.tenant_id and ep.status = 'active' and e.occurred_at >= ep.created_at
                 and (ep.event_types @> to_jsonb(e.type) or ep.event_types @> '"*"'::jsonb)
           where e.tenant_id = ${tenantId} ${since}
          on conflict (endpoint_id, event_id) do nothing
          returning id`,
    );
    created += inserted.length;
    await db.execute(sql`
      insert into ${webhookCursors} (tenant_id, last_event_id)
      select ${tenantId}::uuid, id from domain_events where tenant_id = ${tenantId} order by occurred_at desc, id desc limit 1
      on conflict (tenant_id) do update set last_event_id = excluded.last_event_id`);
  }
  return created;
}

interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
  created_at: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  type: string;
  payload: unknown;
  occurred_at: string;
}

/**
 * Claims due deliveries (FOR UPDATE SKIP LOCKED: several workers share the queue, none takes the same one), but never
 * one whose object has an earlier event still pending for the same endpoint, so each object's events arrive in order.
 * The claim is a lease: the delivery is due again only if this worker dies before recording the outcome.
 */
async function claimDue(db: Database, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const result = await inTransaction(db, async (tx) => {
    const due = await queryRows<{ id: string }>(
      tx,
      sql`select d.id::text as id from ${webhookDeliveries} d
            join ${webhookEndpoints} ep on ep.id = d.endpoint_id and ep.status = 'active'
           where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
             and not exists (select 1 from ${webhookDeliveries} p
                              where p.endpoint_id = d.endpoint_id and p.entity_id = d.entity_id
                                and p.status = 'pending' and p.event_id < d.event_id)
           order by d.next_attempt_at, d.event_id
           limit ${limit}
           for update of d skip locked`,
    );
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx.execute(sql`update ${webhookDeliveries} set next_attempt_at = ${new Date(now.getTime() + deliveryLeaseMs).toISOString()}::timestamptz
                          where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    return queryRows<ClaimedDelivery>(
      tx,
      sql`select d.id::text, d.tenant_id::text, d.endpoint_id::text, d.event_id::text, d.attempts, d.created_at::text,
                 ep.url, ep.secret, ep.previous_secret, ep.previous_secret_expires_at::text,
                 e.type, e.payload, e.occurred_at::text
            from ${webhookDeliveries} d join ${webhookEndpoints} ep on ep.id = d.endpoint_id join domain_events e on e.id = d.event_id
           where d.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
           order by d.event_id`,
    );
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export interface DeliveryPassOutcome {
  attempted: number;
  delivered: number;
  failed: number;
  endpointsDisabled: number;
}

export async function deliverDueWebhooks(
  db: Database,
  options: { now?: Date; fetchImpl?: typeof fetch; limit?: number } = {},
): Promise<DeliveryPassOutcome> {
  const now = options.now ?? new Date();
  const send = options.fetchImpl ?? fetch;
  const claimed = await claimDue(db, now, options.limit ?? maxDeliveriesPerPass);
  const outcome: DeliveryPassOutcome = { attempted: claimed.length, delivered: 0, failed: 0, endpointsDisabled: 0 };
  for (const d of claimed) {
    const body = JSON.stringify({ id: d.event_id, type: d.type, timestamp: new Date(d.occurred_at).toISOString(), data: d.payload });
    const timestamp = Math.floor(now.getTime() / 1000);
    const secrets = [d.secret];
    if (d.previous_secret && d.previous_secret_expires_at && new Date(d.previous_secret_expires_at) > now) secrets.push(d.previous_secret);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let excerpt: string | null = null;
    try {
      const response = await send(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cashloop-Webhooks/1',
          'webhook-id': d.event_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, d.event_id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(deliveryTimeoutMs),
        redirect: 'manual',
      });
      statusCode = response.status;
      excerpt = (await response.text()).slice(0, responseExcerptChars);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const durationMs = Math.round(performance.now() - started);
    const success = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const attempts = d.attempts + 1;
    await db.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({ id: newId(), tenantId: d.tenant_id, deliveryId: d.id, attemptedAt: now, statusCode, durationMs, error, responseExcerpt: excerpt });
      if (success) {
        await tx.update(webhookDeliveries).set({ status: 'delivered', attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: now }).where(eq(webhookDeliveries.id, d.id));
        await tx.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(eq(webhookEndpoints.id, d.endpoint_id));
        return;
      }
      const giveUp = shouldGiveUp(new Date(d.created_at), now);
      await tx
        .update(webhookDeliveries)
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          lastStatusCode: statusCode,
          lastError: error ?? `HTTP ${statusCode}`,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, d.id)),
        })
        .where(eq(webhookDeliveries.id, d.id));
      const [endpoint] = await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
        .where(eq(webhookEndpoints.id, d.endpoint_id))
        .returning();
      if (endpoint && endpoint.status === 'active' && endpoint.consecutiveFailures >= disableAfterConsecutiveFailures) {
        await tx
          .update(webhookEndpoints)
          .set({ status: 'disabled', disabledReason: `${endpoint.consecutiveFailures} failed deliveries in a row`, updatedAt: now })
          .where(eq(webhookEndpoints.id, endpoint.id));
        await notifyTenant(tx, d.tenant_id, 'admin', 'webhook_endpoint_disabled', `Webhook endpoint ${endpoint.url} was disabled after ${endpoint.consecutiveFailures} failed deliveries in a row. Fix the receiver, then enable it again; pending events will be sent.`);
        outcome.endpointsDisabled++;
      }
    });
    if (success) outcome.delivered++;
    else outcome.failed++;
  }
  return outcome;
}
