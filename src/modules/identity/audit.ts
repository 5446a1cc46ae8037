import type { Executor } from '../../db/connection.js';
import { insertRows } from '../../db/bulk-insert.js';
import { newId } from '../../kernel/ids.js';
import type { Actor } from './roles.js';
import { toJsonValue } from '../../kernel/json-value.js';
import { auditRecords } from './schema.js';

/** JSON-safe copy of a row for the audit trail: bigints become strings so nothing is lost. */
export function auditSnapshot(value: unknown): unknown {
  return toJsonValue(value, (v) => v.toString());
}

/** Every mutation writes one audit record in the same transaction as the change itself. */
export async function recordAudit(
  tx: Executor,
  actor: Actor,
  action: string,
  entity: { type: string; id: string },
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.insert(auditRecords).values({
    id: newId(),
    tenantId: actor.tenantId,
    actor: actor.label,
    action,
    entityType: entity.type,
    entityId: entity.id,
    before: auditSnapshot(before),
    after: auditSnapshot(after),
  });
}

/** Many audit records with one multi-row statement per chunk (bulk paths), in the caller's transaction. */
export async function recordAudits(
  tx: Executor,
  actor: Actor,
  records: ReadonlyArray<{ action: string; entity: { type: string; id: string }; before: unknown; after: unknown }>,
): Promise<void> {
  const rows = records.map((r) => ({
    id: newId(), tenantId: actor.tenantId, actor: actor.label, action: r.action, entityType: r.entity.type, entityId: r.entity.id,
    // insertRows writes bigints inside them as strings, as auditSnapshot would: no copy needed.
    before: r.before ?? null, after: r.after ?? null,
  }));
  await insertRows(tx, auditRecords, rows);
}
