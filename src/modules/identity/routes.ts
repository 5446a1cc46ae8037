import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, decodeCursor, idParam, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { problemContentType, problemFor } from '../../http/problem.js';
import { DomainFailure } from '../../kernel/result.js';
import { peppolEndpointColumns, peppolEndpointInput, peppolEndpointView, toPeppolEndpointView } from '../einvoice/peppol-endpoint-input.js';
import { roles } from './roles.js';
import {
  authenticateSession,
  createStaffUser,
  findTenant,
  listApiKeys,
  listAuditRecords,
  listStaffUsers,
  revokeApiKey,
  revokeSession,
  signInStaff,
  tenantToday,
  updateStaffUser,
  updateTenantProfile,
  findLetterhead,
  findTenantLogo,
  maxLogoBytes,
  removeTenantLogo,
  saveTenantLogo,
  createApiKeyForTenant,
  type ApiKeyRow,
  type StaffUserRow,
} from './service.js';
import { maxPasswordLength, minPasswordLength } from './staff-auth.js';

// ---- the session cookie ---------------------------------------------------------------------------------------------

/** One cookie for both the staff console and the customer portal: a browser holds one session at a time. */
export const sessionCookieName = 'cashloop_session';
/**
 * Changes made with a session cookie must carry this header with the value 1. A cross-site form cannot set a custom
 * header, and a cross-site fetch that sets one needs a CORS preflight this server never grants: no CSRF.
 */
export const csrfHeaderName = 'x-cashloop-csrf';

/** The session token from the Cookie header (RFC 6265 syntax; the first cookie of that name wins). */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== sessionCookieName) continue;
    const value = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function hasCsrfHeader(request: FastifyRequest): boolean {
  return request.headers[csrfHeaderName] === '1';
}

/** HTTPS directly, or behind a proxy that terminated TLS and says so in X-Forwarded-Proto. */
function isHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

function cookieAttributes(request: FastifyRequest): string {
  return `Path=/; HttpOnly; SameSite=Strict${isHttps(request) ? '; Secure' : ''}`;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  void reply
    .header('set-cookie', `${sessionCookieName}=${token}; ${cookieAttributes(request)}; Max-Age=${maxAgeSeconds}; Expires=${expiresAt.toUTCString()}`)
    .header('cache-control', 'no-store');
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', `${sessionCookieName}=; ${cookieAttributes(request)}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`).header('cache-control', 'no-store');
}

async function sendProblem(reply: FastifyReply, problem: ReturnType<typeof problemFor>): Promise<FastifyReply> {
  return reply.status(problem.status).type(problemContentType).send(problem);
}

// ---- views ----------------------------------------------------------------------------------------------------------

const staffUserView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Never the password hash. */
const toStaffUserView = (u: StaffUserRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role as (typeof roles)[number],
  disabled: u.disabledAt !== null,
  disabledAt: u.disabledAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

const signedInView = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(roles) }),
  tenant: z.object({ id: z.uuid(), name: z.string() }),
});

const toSignedInView = (user: StaffUserRow, tenant: { id: string; name: string }) => ({
  user: { id: user.id, email: user.email, name: user.name, role: user.role as (typeof roles)[number] },
  tenant: { id: tenant.id, name: tenant.name },
});

/** The same answer for an unknown email, a wrong password and a disabled account. */
const signInRefused = 'the email or the password is not right';

const apiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(roles),
  prefix: z.string().describe('The first characters of the key, to tell keys apart'),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

const toApiKeyView = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  role: k.role as (typeof roles)[number],
  prefix: k.keyPrefix,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export function registerIdentityRoutes(app: CashloopApp, db: Database): void {
  app.get('/v1/tenant', {
    schema: {
      tags: ['tenant'],
      summary: 'The company this key belongs to, with its business date today',
      response: {
        200: z.object({ id: z.uuid(), name: z.string(), baseCurrency: z.string(), timeZone: z.string(), isDemo: z.boolean(), today: z.string(), role: z.enum(roles) }),
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const tenant = await findTenant(db, actor.tenantId);
      if (!tenant) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
      return {
        id: tenant.id,
        name: tenant.name,
        baseCurrency: tenant.baseCurrency,
        timeZone: tenant.timeZone,
        isDemo: tenant.isDemo,
        today: await tenantToday(db, tenant.id),
        role: actor.role,
      };
    },
  });

  app.patch('/v1/tenant', {
    schema: {
      tags: ['tenant'],
      summary: 'Company details printed on invoices and e-invoices (admin): legal name, VAT id, address, bank account',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200).optional(),
        legalName: z.string().max(200).nullish(),
        taxId: z.string().max(50).nullish(),
        addressLine: z.string().max(200).nullish(),
        city: z.string().max(100).nullish(),
        postalCode: z.string().max(20).nullish(),
        countryCode: z.string().regex(/^[A-Z]{2}$/).nullish(),
        iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'an IBAN without spaces').nullish(),
        bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/).nullish(),
        email: z.email().nullish(),
        phone: z.string().trim().min(3).max(50).nullish().describe('Contact telephone printed on invoices and e-invoices'),
        peppolEndpoint: peppolEndpointInput.nullish(),
      }),
      response: {
        200: z.object({
          id: z.uuid(),
          name: z.string(),
          legalName: z.string().nullable(),
          taxId: z.string().nullable(),
          countryCode: z.string().nullable(),
          iban: z.string().nullable(),
          phone: z.string().nullable(),
          peppolEndpoint: peppolEndpointView,
        }),
      },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const { peppolEndpoint, ...profile } = request.body;
      const t = unwrap(await updateTenantProfile(db, actor, { ...profile, ...peppolEndpointColumns(peppolEndpoint) }));
      return { id: t.id, name: t.name, legalName: t.legalName, taxId: t.taxId, countryCode: t.countryCode, iban: t.iban, phone: t.phone, peppolEndpoint: toPeppolEndpointView(t) };
    },
  });

  app.get('/v1/api-keys', {
    schema: { tags: ['tenant'], summary: 'API keys of this tenant (admin)', response: { 200: z.object({ data: z.array(apiKeyView) }) } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      return { data: (await listApiKeys(db, actor)).map(toApiKeyView) };
    },
  });

  app.post('/v1/api-keys', {
    schema: {
      tags: ['tenant'],
      summary: 'Create an API key (admin); the key is in this response only',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(roles) }),
      response: { 201: apiKeyView.extend({ key: z.string() }) },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin');
      const created = unwrap(await createApiKeyForTenant(db, actor, request.body));
      return reply.status(201).send({ ...toApiKeyView(created.row), key: created.key });
    },
  });

  app.post('/v1/api-keys/:id/revoke', {
    schema: { tags: ['tenant'], summary: 'Revoke an API key (admin)', params: idParam, response: { 200: apiKeyView } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      return toApiKeyView(unwrap(await revokeApiKey(db, actor, request.params.id)));
    },
  });

  app.get('/v1/staff-users', {
    schema: { tags: ['tenant'], summary: 'People who sign in to the console (admin)', response: { 200: z.object({ data: z.array(staffUserView) }) } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      return { data: (await listStaffUsers(db, actor)).map(toStaffUserView) };
    },
  });

  app.post('/v1/staff-users', {
    schema: {
      tags: ['tenant'],
      summary: 'Give a person a console account with an email and a password (admin); the password is stored as a scrypt hash only',
      body: z.strictObject({
        email: z.email().max(320),
        name: z.string().trim().min(1).max(200),
        role: z.enum(roles),
        password: z.string().min(minPasswordLength, `at least ${minPasswordLength} characters`).max(maxPasswordLength),
      }),
      response: { 201: staffUserView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin');
      return reply.status(201).send(toStaffUserView(unwrap(await createStaffUser(db, actor, request.body))));
    },
  });

  app.patch('/v1/staff-users/:id', {
    schema: {
      tags: ['tenant'],
      summary: "Change a person's role, or disable the account (admin); disabling signs them out everywhere",
      params: idParam,
      body: z.strictObject({ role: z.enum(roles).optional(), disabled: z.boolean().optional() }),
      response: { 200: staffUserView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      return toStaffUserView(unwrap(await updateStaffUser(db, actor, request.params.id, request.body)));
    },
  });

  // Browser sign-in for the console. Outside /v1 and out of the API document: the typed client is for API keys.
  app.post('/auth/sign-in', {
    schema: {
      hide: true,
      body: z.strictObject({
        tenant: z.uuid().optional().describe('Needed only when the email has accounts in several companies'),
        email: z.string().trim().min(1).max(320),
        password: z.string().min(1).max(maxPasswordLength),
      }),
      response: { 200: signedInView },
    },
    handler: async (request, reply) => {
      const { tenant, email, password } = request.body;
      const outcome = await signInStaff(db, { tenantId: tenant, email, password });
      switch (outcome.outcome) {
        case 'refused':
          return sendProblem(reply, problemFor('unauthenticated', signInRefused));
        case 'choose_tenant':
          return sendProblem(reply, problemFor('conflict', 'this email has accounts in several companies: send tenant, one of tenants', { tenants: outcome.tenants }));
        case 'signed_in':
          setSessionCookie(request, reply, outcome.token, outcome.expiresAt);
          return toSignedInView(outcome.user, outcome.tenant);
      }
    },
  });

  app.post('/auth/sign-out', {
    schema: { hide: true, response: { 200: z.object({ signedOut: z.literal(true) }) } },
    handler: async (request, reply) => {
      const token = sessionTokenOf(request);
      if (token !== undefined) {
        if (!hasCsrfHeader(request)) return sendProblem(reply, problemFor('forbidden', `send the header X-Cashloop-CSRF: 1 with changes made by a signed-in browser`));
        await revokeSession(db, token);
      }
      clearSessionCookie(request, reply);
      return { signedOut: true as const };
    },
  });

  app.get('/auth/me', {
    schema: { hide: true, response: { 200: signedInView } },
    handler: async (request, reply) => {
      const token = sessionTokenOf(request);
      const principal = token === undefined ? undefined : await authenticateSession(db, token);
      if (principal?.kind !== 'staff') return sendProblem(reply, problemFor('unauthenticated', 'not signed in to the console'));
      const tenant = await findTenant(db, principal.tenantId);
      if (!tenant) return sendProblem(reply, problemFor('unauthenticated', 'not signed in to the console'));
      void reply.header('cache-control', 'no-store');
      return toSignedInView(principal.user, tenant);
    },
  });

  app.get('/v1/audit-records', {
    schema: {
      tags: ['tenant'],
      summary: 'The audit trail, newest first (admin, ar_manager)',
      querystring: pageQuery.extend({ entityType: z.string().max(50).optional(), entityId: z.string().max(100).optional() }),
      response: {
        200: pageSchema(
          z.object({ id: z.uuid(), actor: z.string(), action: z.string(), entityType: z.string(), entityId: z.string(), before: z.unknown(), after: z.unknown(), at: z.string() }),
        ),
      },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const { limit, cursor, entityType, entityId } = request.query;
      const rows = await listAuditRecords(db, actor, { entityType, entityId, beforeId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return {
        data: page.items.map((r) => ({ id: r.id, actor: r.actor, action: r.action, entityType: r.entityType, entityId: r.entityId, before: r.before, after: r.after, at: r.at.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  });

  const companyProfile = z.object({
    name: z.string(),
    legalName: z.string().nullable(),
    taxId: z.string().nullable(),
    addressLine: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    countryCode: z.string().nullable(),
    iban: z.string().nullable(),
    bic: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    peppolEndpoint: peppolEndpointView,
    hasLogo: z.boolean(),
  });

  app.get('/v1/tenant/profile', {
    schema: { tags: ['tenant'], summary: 'The company details printed on invoices and e-invoices (change them with PATCH /v1/tenant)', response: { 200: companyProfile } },
    handler: async (request) => {
      const tenant = await findLetterhead(db, actorOf(request).tenantId);
      if (!tenant) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
      const { name, legalName, taxId, addressLine, city, postalCode, countryCode, iban, bic, email, phone } = tenant;
      return { name, legalName, taxId, addressLine, city, postalCode, countryCode, iban, bic, email, phone, peppolEndpoint: toPeppolEndpointView(tenant), hasLogo: tenant.logo !== null };
    },
  });

  app.put('/v1/tenant/logo', {
    schema: {
      tags: ['tenant'],
      summary: 'Set the company logo printed on invoices, credit notes, statements and dunning letters (admin)',
      description: `Send the image bytes as the body with Content-Type image/png or image/jpeg, up to ${maxLogoBytes / 1024} KB. The type is checked from the bytes themselves.`,
      response: { 200: z.object({ mediaType: z.string(), bytes: z.number().int() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const body = request.body as unknown;
      if (!Buffer.isBuffer(body)) throw new DomainFailure({ code: 'validation_failed', message: 'send the logo as image/png or image/jpeg bytes' });
      return unwrap(await saveTenantLogo(db, actor, body));
    },
  });

  app.get('/v1/tenant/logo', {
    schema: { tags: ['tenant'], summary: 'The company logo as stored (404 when none is set)' },
    handler: async (request, reply) => {
      const logo = await findTenantLogo(db, actorOf(request).tenantId);
      if (!logo) throw new DomainFailure({ code: 'not_found', message: 'no logo is set' });
      return reply.type(logo.mediaType).header('cache-control', 'private, max-age=60').send(logo.image);
    },
  });

  app.delete('/v1/tenant/logo', {
    schema: { tags: ['tenant'], summary: 'Remove the company logo (admin)', response: { 200: z.object({ removed: z.boolean() }) } },
    handler: async (request) => unwrap(await removeTenantLogo(db, requireRole(request, 'admin'))),
  });
}
