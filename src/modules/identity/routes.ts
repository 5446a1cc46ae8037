import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, decodeCursor, idParam, pageOf, pageQuery, pageSchema, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { roles } from './roles.js';
import { updateTenantProfile, createApiKeyForTenant, findTenant, listApiKeys, listAuditRecords, revokeApiKey, tenantToday, type ApiKeyRow } from './service.js';

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
      }),
      response: { 200: z.object({ id: z.uuid(), name: z.string(), legalName: z.string().nullable(), taxId: z.string().nullable(), countryCode: z.string().nullable(), iban: z.string().nullable() }) },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const t = unwrap(await updateTenantProfile(db, actor, request.body));
      return { id: t.id, name: t.name, legalName: t.legalName, taxId: t.taxId, countryCode: t.countryCode, iban: t.iban };
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
}
