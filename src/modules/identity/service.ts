import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database, Executor } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { dateInTimeZone } from '../../kernel/business-date.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, type Result } from '../../kernel/result.js';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key.js';
import { recordAudit } from './audit.js';
import type { Actor, Role } from './roles.js';
import { apiKeys, auditRecords, tenants } from './schema.js';

export type TenantRow = typeof tenants.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export interface TenantInput {
  name: string;
  baseCurrency: string;
  timeZone: string;
  isDemo?: boolean;
}

/** Set-up every new tenant needs from other modules (chart of accounts, ...), run in the creating transaction. */
export type TenantProvisioner = (tx: Executor, tenantId: string) => Promise<void>;

export async function createTenant(
  db: Database,
  input: TenantInput,
  provision: TenantProvisioner,
  actorLabel = 'cli',
): Promise<TenantRow> {
  const result = await inTransaction(db, async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({ id: newId(), name: input.name, baseCurrency: input.baseCurrency, timeZone: input.timeZone, isDemo: input.isDemo ?? false })
      .returning();
    if (!tenant) throw new Error('insert returned nothing');
    await provision(tx, tenant.id);
    await recordAudit(tx, { tenantId: tenant.id, role: 'admin', label: actorLabel }, 'tenant.created', { type: 'tenant', id: tenant.id }, null, tenant);
    return tenant;
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export async function findTenant(executor: Executor, tenantId: string): Promise<TenantRow | undefined> {
  const [row] = await executor.select().from(tenants).where(eq(tenants.id, tenantId));
  return row;
}

export async function listTenants(executor: Executor): Promise<TenantRow[]> {
  return executor.select().from(tenants).orderBy(asc(tenants.id));
}

/** The tenant's business date at `now` in its own time zone: the default `asOf` of a request. */
export async function tenantToday(executor: Executor, tenantId: string, now: Temporal.Instant = Temporal.Now.instant()): Promise<string> {
  const tenant = await findTenant(executor, tenantId);
  if (!tenant) throw new DomainFailure({ code: 'not_found', message: `no tenant ${tenantId}` });
  return dateInTimeZone(now, tenant.timeZone);
}

/**
 * Creates an API key and returns it in clear text once. `presetKey` lets an operator choose the key
 * (CASHLOOP_BOOTSTRAP_KEY); it must still look like a Cashloop key.
 */
export async function createApiKey(
  executor: Executor,
  actor: Actor,
  input: { role: Role; name: string; presetKey?: string },
): Promise<{ key: string; row: ApiKeyRow }> {
  const generated = input.presetKey ? { key: input.presetKey, prefix: apiKeyPrefix(input.presetKey) } : generateApiKey();
  if (!generated.prefix) throw new DomainFailure({ code: 'validation_failed', message: 'the preset key must look like cl_<12 characters>_<secret of 20 or more>' });
  const [row] = await executor
    .insert(apiKeys)
    .values({ id: newId(), tenantId: actor.tenantId, name: input.name, role: input.role, keyPrefix: generated.prefix, keyHash: hashApiKey(generated.key) })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const { keyHash: _hash, ...safe } = row;
  await recordAudit(executor, actor, 'api_key.created', { type: 'api_key', id: row.id }, null, safe);
  return { key: generated.key, row };
}

export async function createApiKeyForTenant(db: Database, actor: Actor, input: { role: Role; name: string }): Promise<Result<{ key: string; row: ApiKeyRow }>> {
  return inTransaction(db, (tx) => createApiKey(tx, actor, input));
}

export async function revokeApiKey(db: Database, actor: Actor, keyId: string): Promise<Result<ApiKeyRow>> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(apiKeys).where(and(eq(apiKeys.tenantId, actor.tenantId), eq(apiKeys.id, keyId))).for('update');
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no API key ${keyId}` });
    const [after] = await tx
      .update(apiKeys)
      .set({ revokedAt: before.revokedAt ?? new Date() })
      .where(eq(apiKeys.id, keyId))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'api_key.revoked', { type: 'api_key', id: keyId }, { revokedAt: before.revokedAt }, { revokedAt: after.revokedAt });
    return after;
  });
}

export async function listApiKeys(db: Database, actor: Actor): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, actor.tenantId)).orderBy(asc(apiKeys.id));
}

/** The actor behind a bearer key, or undefined for an unknown, malformed or revoked key. */
export async function authenticateApiKey(executor: Executor, key: string): Promise<Actor | undefined> {
  const prefix = apiKeyPrefix(key);
  if (!prefix) return undefined;
  const [row] = await executor
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyPrefix, prefix), isNull(apiKeys.revokedAt)));
  if (!row || !apiKeyMatches(key, row.keyHash)) return undefined;
  return { tenantId: row.tenantId, role: row.role as Role, label: `api_key:${row.keyPrefix}` };
}

export async function hasAnyTenant(executor: Executor): Promise<boolean> {
  const rows = await executor.select({ id: tenants.id }).from(tenants).limit(1);
  return rows.length > 0;
}

export async function listAuditRecords(
  db: Database,
  actor: Actor,
  query: { entityType?: string | undefined; entityId?: string | undefined; beforeId?: string | undefined; limit: number },
) {
  const conditions = [eq(auditRecords.tenantId, actor.tenantId)];
  if (query.entityType) conditions.push(eq(auditRecords.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditRecords.entityId, query.entityId));
  if (query.beforeId) conditions.push(lt(auditRecords.id, query.beforeId));
  return db.select().from(auditRecords).where(and(...conditions)).orderBy(desc(auditRecords.id)).limit(query.limit + 1);
}


export interface TenantProfile {
  name?: string | undefined;
  legalName?: string | null | undefined;
  taxId?: string | null | undefined;
  addressLine?: string | null | undefined;
  city?: string | null | undefined;
  postalCode?: string | null | undefined;
  countryCode?: string | null | undefined;
  iban?: string | null | undefined;
  bic?: string | null | undefined;
  email?: string | null | undefined;
}

/** The company details printed on documents (admin). */
export async function updateTenantProfile(db: Database, actor: Actor, profile: TenantProfile): Promise<Result<TenantRow>> {
  return inTransaction(db, async (tx) => {
    const before = await findTenant(tx, actor.tenantId);
    if (!before) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
    const changes = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
    const [after] = Object.keys(changes).length === 0 ? [before] : await tx.update(tenants).set(changes).where(eq(tenants.id, actor.tenantId)).returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, 'tenant.profile_updated', { type: 'tenant', id: actor.tenantId }, before, after);
    return after;
  });
}
