import type { Executor } from '../../db/connection.js';
import { insertRows } from '../../db/bulk-insert.js';
import { newId } from '../../kernel/ids.js';
import { toJsonValue } from '../../kernel/json-value.js';
import { domainEvents, tenantNotifications } from './schema.js';

/** The event types Cashloop publishes (webhooks subscribe to these). */
export const eventTypes = [
  'customer.created',
  'customer.credit_limit_changed',
  'invoice.issued',
  'invoice.paid',
  'invoice.voided',
  'credit_note.issued',
  'payment.received',
  'payment.applied',
  'payment.reversed',
  'payment.refunded',
  'invoice.reopened',
  'dunning.notice',
  'order.submitted',
  'order.credit_hold',
  'order.confirmed',
  'order.released',
  'order.rejected',
  'order.cancelled',
  'order.partially_fulfilled',
  'order.fulfilled',
  'order.invoiced',
  'order.returned',
  'order.closed',
] as const;
export type EventType = (typeof eventTypes)[number];

/** JSON-safe: bigints as JSON numbers when safe (amounts in minor units), else strings. */
function toJson(value: unknown): unknown {
  return toJsonValue(value, (v) => (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()));
}

/**
 * Writes a business event to the outbox inside the caller's transaction: it exists if and only if the change
 * committed. The payload is the public shape of the object, amounts in minor units.
 */
export async function emitEvent(
  tx: Executor,
  tenantId: string,
  type: EventType,
  entity: { type: string; id: string },
  payload: Record<string, unknown>,
): Promise<string> {
  const id = newId();
  await tx.insert(domainEvents).values({ id, tenantId, type, entityType: entity.type, entityId: entity.id, payload: toJson(payload) });
  return id;
}

export async function notifyTenant(tx: Executor, tenantId: string, audience: string, kind: string, message: string): Promise<void> {
  await tx.insert(tenantNotifications).values({ id: newId(), tenantId, audience, kind, message });
}

/** Many events with one multi-row statement per chunk (bulk paths: cash application runs). Same outbox semantics. */
export async function emitEvents(
  tx: Executor,
  tenantId: string,
  events: ReadonlyArray<{ type: EventType; entity: { type: string; id: string }; payload: Record<string, unknown> }>,
): Promise<void> {
  const rows = events.map((e) => ({ id: newId(), tenantId, type: e.type, entityType: e.entity.type, entityId: e.entity.id, payload: toJson(e.payload) }));
  await insertRows(tx, domainEvents, rows, { nestedJsonSafe: true });
}
