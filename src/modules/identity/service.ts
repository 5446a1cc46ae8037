import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database, Executor } from '../../db/connection.js';
import { inTransaction, pgCode } from '../../db/transaction.js';
import { dateInTimeZone } from '../../kernel/business-date.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, type Result } from '../../kernel/result.js';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key.js';
import { recordAudit } from './audit.js';
import type { Actor, Role } from './roles.js';
import { apiKeys, auditRecords, portalSignInLinks, sessions, staffUsers, tenantLogos, tenants } from './schema.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './staff-auth.js';

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
  phone?: string | null | undefined;
  peppolEndpointScheme?: string | null | undefined;
  peppolEndpointId?: string | null | undefined;
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

// ---- staff users and browser sessions -------------------------------------------------------------------------------

export type StaffUserRow = typeof staffUsers.$inferSelect;

/** A session lasts a working day; after that the person signs in again. */
export const sessionLifetimeMs = 12 * 3600_000;
/** A portal sign-in link works once, within this time of being sent. */
export const portalSignInLinkLifetimeMs = 30 * 60_000;
/** One email may have accounts in several tenants; a sign-in without a tenant checks at most this many. */
export const maxAccountsPerSignIn = 10;
/** Expired sessions and sign-in links are deleted this long after they expired (kept a while for investigations). */
export const expiredSessionRetentionMs = 7 * 24 * 3600_000;

const sessionTokenBytes = 32;
const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Emails compare without regard to case or surrounding spaces; they are stored in this form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** SHA-256 of a session or sign-in token: what the database keeps, so a copy of it signs nobody in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(sessionTokenBytes).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

/** What is shown of a staff user and written to the audit trail: never the password hash. */
function auditedStaffUser(user: StaffUserRow) {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

export async function listStaffUsers(db: Database, actor: Actor): Promise<StaffUserRow[]> {
  return db.select().from(staffUsers).where(eq(staffUsers.tenantId, actor.tenantId)).orderBy(asc(staffUsers.email));
}

/** A person who signs in to the console with an email and a password (admin). An email is one account per tenant. */
export async function createStaffUser(
  db: Database,
  actor: Actor,
  input: { email: string; name: string; role: Role; password: string },
): Promise<Result<StaffUserRow>> {
  const email = normaliseEmail(input.email);
  // Hashed before the transaction: scrypt takes tens of milliseconds and needs no lock.
  const passwordHash = await hashPassword(input.password);
  const taken = { code: 'conflict', message: `${email} already has an account in this tenant`, fieldErrors: [{ pointer: '/email', detail: 'already in use' }] } as const;
  try {
    return await inTransaction(db, async (tx) => {
      const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(and(eq(staffUsers.tenantId, actor.tenantId), eq(staffUsers.email, email)));
      if (existing) throw new DomainFailure(taken);
      const [row] = await tx
        .insert(staffUsers)
        .values({ id: newId(), tenantId: actor.tenantId, email, name: input.name, role: input.role, passwordHash })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, actor, 'staff_user.created', { type: 'staff_user', id: row.id }, null, auditedStaffUser(row));
      return row;
    });
  } catch (error) {
    // Two admins adding the same email at once: the unique key decides.
    if (pgCode(error) === '23505') return fail(taken.code, taken.message, taken.fieldErrors);
    throw error;
  }
}

/**
 * Changes a staff user's role or disables (enables) the account (admin). Disabling signs the person out everywhere.
 * Nobody may disable or demote their own account: that is how a tenant loses its last admin.
 */
export async function updateStaffUser(
  db: Database,
  actor: Actor,
  userId: string,
  input: { role?: Role | undefined; disabled?: boolean | undefined },
): Promise<Result<StaffUserRow>> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(staffUsers).where(and(eq(staffUsers.tenantId, actor.tenantId), eq(staffUsers.id, userId))).for('update');
    if (!before) throw new DomainFailure({ code: 'not_found', message: `no staff user ${userId}` });
    const isSelf = actor.label === before.email;
    if (isSelf && (input.disabled === true || (input.role !== undefined && input.role !== before.role))) {
      throw new DomainFailure({ code: 'conflict', message: 'you cannot disable your own account or change your own role; ask another admin' });
    }
    const changes: Partial<typeof staffUsers.$inferInsert> = {};
    if (input.role !== undefined) changes.role = input.role;
    if (input.disabled !== undefined) changes.disabledAt = input.disabled ? (before.disabledAt ?? new Date()) : null;
    const [after] = Object.keys(changes).length === 0 ? [before] : await tx.update(staffUsers).set(changes).where(eq(staffUsers.id, userId)).returning();
    if (!after) throw new Error('update returned nothing');
    if (after.disabledAt && !before.disabledAt) {
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.tenantId, actor.tenantId), eq(sessions.staffUserId, userId), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, actor, 'staff_user.updated', { type: 'staff_user', id: userId }, auditedStaffUser(before), auditedStaffUser(after));
    return after;
  });
}

/** Writes a new session and returns its token, which exists only in the cookie from here on. */
export async function createSession(
  executor: Executor,
  owner: { tenantId: string } & ({ kind: 'staff'; staffUserId: string } | { kind: 'portal'; customerId: string; contactEmail: string }),
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await executor.insert(sessions).values({
    tokenHash,
    tenantId: owner.tenantId,
    kind: owner.kind,
    staffUserId: owner.kind === 'staff' ? owner.staffUserId : null,
    customerId: owner.kind === 'portal' ? owner.customerId : null,
    contactEmail: owner.kind === 'portal' ? owner.contactEmail : null,
    expiresAt,
  });
  return { token, expiresAt };
}

/** Deletes sessions and sign-in links that expired a while ago (they accumulate with every sign-in otherwise). */
export async function purgeExpiredSessions(db: Database, now: Date = new Date()): Promise<void> {
  const before = new Date(now.getTime() - expiredSessionRetentionMs);
  await db.delete(sessions).where(lt(sessions.expiresAt, before));
  await db.delete(portalSignInLinks).where(lt(portalSignInLinks.expiresAt, before));
}

export type StaffSignIn =
  | { readonly outcome: 'signed_in'; readonly token: string; readonly expiresAt: Date; readonly user: StaffUserRow; readonly tenant: TenantRow }
  /** The password is right for accounts in several tenants: the person picks one. Only said after the password matched. */
  | { readonly outcome: 'choose_tenant'; readonly tenants: ReadonlyArray<{ id: string; name: string }> }
  /** Unknown email, wrong password or disabled account: the caller must not be able to tell which. */
  | { readonly outcome: 'refused' };

/**
 * Signs a staff user in with email and password, in the tenant given or, without one, in the one tenant where the
 * password matches the email's account. An unknown email costs a scrypt verification too, so timing does not reveal
 * which emails have accounts.
 */
export async function signInStaff(
  db: Database,
  input: { tenantId?: string | undefined; email: string; password: string },
  now: Date = new Date(),
): Promise<StaffSignIn> {
  const conditions = [eq(staffUsers.email, normaliseEmail(input.email))];
  if (input.tenantId !== undefined) conditions.push(eq(staffUsers.tenantId, input.tenantId));
  const candidates = await db.select().from(staffUsers).where(and(...conditions)).orderBy(asc(staffUsers.tenantId)).limit(maxAccountsPerSignIn);
  if (candidates.length === 0) {
    await verifyAgainstDummy(input.password);
    return { outcome: 'refused' };
  }
  const matching: StaffUserRow[] = [];
  // Disabled accounts are verified as well, so a disabled account answers in the same time as a wrong password.
  for (const candidate of candidates) if (await verifyPassword(input.password, candidate.passwordHash)) matching.push(candidate);
  const usable = matching.filter((u) => u.disabledAt === null);
  if (usable.length === 0) return { outcome: 'refused' };
  if (usable.length > 1) {
    const rows = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(inArray(tenants.id, usable.map((u) => u.tenantId))).orderBy(asc(tenants.name));
    return { outcome: 'choose_tenant', tenants: rows };
  }
  const user = usable[0];
  if (!user) throw new Error('checked above');
  const tenant = await findTenant(db, user.tenantId);
  if (!tenant) throw new Error(`staff user ${user.id} names no tenant`);
  const created = await inTransaction(db, async (tx) => {
    const session = await createSession(tx, { tenantId: user.tenantId, kind: 'staff', staffUserId: user.id }, now);
    await recordAudit(tx, { tenantId: user.tenantId, role: user.role as Role, label: user.email }, 'staff_user.signed_in', { type: 'staff_user', id: user.id }, null, { expiresAt: session.expiresAt });
    return session;
  });
  if (!created.ok) throw new Error(created.error.message);
  await purgeExpiredSessions(db, now);
  return { outcome: 'signed_in', ...created.value, user, tenant };
}

export type SessionPrincipal =
  | { readonly kind: 'staff'; readonly tenantId: string; readonly actor: Actor; readonly user: StaffUserRow }
  | { readonly kind: 'portal'; readonly tenantId: string; readonly customerId: string; readonly contactEmail: string };

/**
 * Who a session cookie belongs to, or undefined for an unknown, expired or revoked session. A staff session acts
 * with the user's role as it is now (a role change applies at once) and stops when the account is disabled.
 */
export async function authenticateSession(executor: Executor, token: string, now: Date = new Date()): Promise<SessionPrincipal | undefined> {
  if (!sessionTokenPattern.test(token)) return undefined;
  const [row] = await executor
    .select({ session: sessions, user: staffUsers })
    .from(sessions)
    .leftJoin(staffUsers, eq(staffUsers.id, sessions.staffUserId))
    .where(and(eq(sessions.tokenHash, hashSessionToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row) return undefined;
  const { session, user } = row;
  if (session.kind === 'staff') {
    if (!user || user.disabledAt !== null || user.tenantId !== session.tenantId) return undefined;
    return { kind: 'staff', tenantId: session.tenantId, actor: { tenantId: session.tenantId, role: user.role as Role, label: user.email }, user };
  }
  if (session.kind === 'portal' && session.customerId && session.contactEmail) {
    return { kind: 'portal', tenantId: session.tenantId, customerId: session.customerId, contactEmail: session.contactEmail };
  }
  return undefined;
}

/** Signs out: the session stops working at once, whoever holds a copy of the cookie. */
export async function revokeSession(db: Database, token: string, now: Date = new Date()): Promise<void> {
  if (!sessionTokenPattern.test(token)) return;
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, hashSessionToken(token)), isNull(sessions.revokedAt)));
}

/** A one-time sign-in link for a customer contact of the portal; the token goes into the email only. */
export async function createPortalSignInLink(
  executor: Executor,
  input: { tenantId: string; customerId: string; email: string },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + portalSignInLinkLifetimeMs);
  await executor.insert(portalSignInLinks).values({ tokenHash, tenantId: input.tenantId, customerId: input.customerId, email: normaliseEmail(input.email), expiresAt });
  return { token, expiresAt };
}

/** Sign-in links sent to an email since a moment: a bound on how many emails one address can be made to receive. */
export async function portalSignInLinksSince(executor: Executor, tenantId: string, email: string, since: Date): Promise<number> {
  const rows = await executor
    .select({ tokenHash: portalSignInLinks.tokenHash })
    .from(portalSignInLinks)
    .where(and(eq(portalSignInLinks.tenantId, tenantId), eq(portalSignInLinks.email, normaliseEmail(email)), gt(portalSignInLinks.createdAt, since)));
  return rows.length;
}

/**
 * Exchanges a portal sign-in link for a portal session. The link is marked used in the same statement that finds
 * it, so of two concurrent uses only one gets a session.
 */
export async function redeemPortalSignInLink(
  db: Database,
  token: string,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date; tenantId: string; customerId: string; contactEmail: string } | undefined> {
  if (!sessionTokenPattern.test(token)) return undefined;
  const result = await inTransaction(db, async (tx) => {
    const [link] = await tx
      .update(portalSignInLinks)
      .set({ usedAt: now })
      .where(and(eq(portalSignInLinks.tokenHash, hashSessionToken(token)), isNull(portalSignInLinks.usedAt), gt(portalSignInLinks.expiresAt, now)))
      .returning();
    if (!link) return undefined;
    const session = await createSession(tx, { tenantId: link.tenantId, kind: 'portal', customerId: link.customerId, contactEmail: link.email }, now);
    await recordAudit(tx, { tenantId: link.tenantId, role: 'viewer', label: `portal:${link.email}` }, 'portal.signed_in', { type: 'customer', id: link.customerId }, null, { expiresAt: session.expiresAt });
    return { ...session, tenantId: link.tenantId, customerId: link.customerId, contactEmail: link.email };
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Logos are printed, not stored as art: half a megabyte of PNG or JPEG is plenty for a letterhead. */
export const maxLogoBytes = 512 * 1024;

/** The image type of a logo upload, from its first bytes (the declared content type is not trusted), or undefined. */
export function logoMediaType(bytes: Buffer): 'image/png' | 'image/jpeg' | undefined {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** Sets the company logo printed on invoices, credit notes, statements and letters (admin). */
export async function saveTenantLogo(db: Database, actor: Actor, bytes: Buffer): Promise<Result<{ mediaType: string; bytes: number }>> {
  const mediaType = logoMediaType(bytes);
  if (!mediaType) return fail('validation_failed', 'the logo must be a PNG or JPEG image', [{ pointer: '/', detail: 'send the image bytes with Content-Type image/png or image/jpeg' }]);
  if (bytes.length > maxLogoBytes) return fail('validation_failed', 'the logo is too large', [{ pointer: '/', detail: `at most ${maxLogoBytes / 1024} KB` }]);
  return inTransaction(db, async (tx) => {
    const imageBase64 = bytes.toString('base64');
    await tx
      .insert(tenantLogos)
      .values({ tenantId: actor.tenantId, mediaType, imageBase64 })
      .onConflictDoUpdate({ target: tenantLogos.tenantId, set: { mediaType, imageBase64, updatedAt: new Date() } });
    await recordAudit(tx, actor, 'tenant.logo_saved', { type: 'tenant', id: actor.tenantId }, null, { mediaType, bytes: bytes.length });
    return { mediaType, bytes: bytes.length };
  });
}

export async function removeTenantLogo(db: Database, actor: Actor): Promise<Result<{ removed: boolean }>> {
  return inTransaction(db, async (tx) => {
    const removed = await tx.delete(tenantLogos).where(eq(tenantLogos.tenantId, actor.tenantId)).returning({ tenantId: tenantLogos.tenantId });
    if (removed.length > 0) await recordAudit(tx, actor, 'tenant.logo_removed', { type: 'tenant', id: actor.tenantId }, null, null);
    return { removed: removed.length > 0 };
  });
}

export async function findTenantLogo(executor: Executor, tenantId: string): Promise<{ mediaType: string; image: Buffer } | undefined> {
  const [row] = await executor.select().from(tenantLogos).where(eq(tenantLogos.tenantId, tenantId));
  return row ? { mediaType: row.mediaType, image: Buffer.from(row.imageBase64, 'base64') } : undefined;
}

/** The tenant as the issuer printed on its documents: its details and its logo, if it has one. */
export async function findLetterhead(executor: Executor, tenantId: string): Promise<(TenantRow & { logo: Buffer | null }) | undefined> {
  const tenant = await findTenant(executor, tenantId);
  if (!tenant) return undefined;
  return { ...tenant, logo: (await findTenantLogo(executor, tenantId))?.image ?? null };
}
