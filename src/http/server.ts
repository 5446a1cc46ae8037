import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createHash, randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../db/connection.js';
import { DomainFailure } from '../kernel/result.js';
import { hasCsrfHeader, sessionTokenOf } from '../modules/identity/routes.js';
import { authenticateApiKey, authenticateSession } from '../modules/identity/service.js';
import { canMutate, type Actor } from '../modules/identity/roles.js';
import { portalActor } from '../modules/portal/service.js';
import { addProblemResponses } from './openapi.js';
import { registerRoutes } from './routes.js';
import { registerWebConsole } from './web-console.js';
import { claimIdempotencyKey, storeIdempotentResponse } from './idempotency.js';
import { problemContentType, problemFor, problemForDomainError, type Problem } from './problem.js';
import type { CashloopApp } from './conventions.js';

/** The path is the prefix itself or below it. */
function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}

export interface ServerOptions {
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
}

/** Request bodies above this are refused with 413 (bank files and imports get their own upload limits). */
export const maxJsonBodyBytes = 1024 * 1024;

const apiDescription = `Cashloop order-to-cash API.

Conventions:
- Amounts are integers in minor units of their ISO 4217 currency (cents for EUR, yen for JPY, fils for KWD), never decimals.
- Business dates are calendar dates, YYYY-MM-DD. Reports take \`asOf\`; actions default their date to the tenant's today.
- Errors are RFC 9457 problem details (application/problem+json) with a stable \`type\`; validation errors list the fields in \`errors\` (JSON pointers).
- Every POST, PATCH and DELETE accepts an \`Idempotency-Key\` header: a repeat with the same body replays the first response; the same key with another body is refused (422).
- Lists use cursor pagination: pass \`nextCursor\` back as \`cursor\`.
- Authenticate with \`Authorization: Bearer <API key>\`. Roles: admin, ar_manager, collector, viewer (read only).
- The web console uses the same API with the session cookie of a signed-in staff user (POST /auth/sign-in) instead of a key; changes made that way must send \`X-Cashloop-CSRF: 1\`.`;

export async function buildServer(options: ServerOptions): Promise<CashloopApp> {
  const { db } = options.database;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: maxJsonBodyBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // CSV uploads (imports) reach their route as a stream, never buffered whole: large files keep memory bounded.
  app.addContentTypeParser(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], (_request, payload, done) => done(null, payload));
  // E-invoices arrive as XML text (parsed later without entity expansion).
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  // Bank statement files (MT940, BAI2, camt) as raw bytes: their code page is worked out by the statement parser.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  // A company logo (the route checks the bytes and the size; the limit here stops anything far larger at the door).
  app.addContentTypeParser(['image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Cashloop API', version: '0.1.0', description: apiDescription },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A Cashloop API key' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => addProblemResponses(jsonSchemaTransformObject(documentObject) as never),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    await storeIdempotentResponse(db, request, reply, payload);
    return payload;
  });

  // Authentication and the read-only rule for viewers, before the body is even read. The matched route's pattern is
  // checked where there is one, so no spelling of a path reaches a handler past its authentication.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.routeOptions.url ?? request.url;
    const mutating = request.method !== 'GET' && request.method !== 'HEAD';
    if (isUnder(path, '/portal/v1')) return authenticatePortalRequest(request, reply, mutating);
    if (!isUnder(path, '/v1')) return undefined;
    const header = request.headers.authorization;
    let actor: Actor | undefined;
    let refusal: string;
    let bySession = false;
    if (header !== undefined) {
      // An Authorization header always means an API key, whatever cookie the client also sends.
      const key = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
      actor = key ? await authenticateApiKey(db, key) : undefined;
      refusal = key ? 'the API key is unknown or revoked' : 'send Authorization: Bearer <API key>';
    } else {
      const token = sessionTokenOf(request);
      const principal = token === undefined ? undefined : await authenticateSession(db, token);
      if (principal?.kind === 'staff') {
        actor = principal.actor;
        bySession = true;
      }
      refusal =
        token === undefined
          ? 'send Authorization: Bearer <API key>, or sign in to the console'
          : principal?.kind === 'portal'
            ? 'a customer portal session cannot use the staff API'
            : 'the session has expired or was signed out: sign in again';
    }
    if (!actor) {
      const problem = problemFor('unauthenticated', refusal);
      return reply.status(problem.status).header('www-authenticate', 'Bearer').type(problemContentType).send(problem);
    }
    if (bySession && mutating && !hasCsrfHeader(request)) {
      const problem = problemFor('forbidden', 'send the header X-Cashloop-CSRF: 1 with changes made by a signed-in browser');
      return reply.status(problem.status).type(problemContentType).send(problem);
    }
    request.actor = actor;
    if (mutating && !canMutate(actor.role)) {
      const problem = problemFor('forbidden', bySession ? 'a viewer can read but not change anything' : 'a viewer key can read but not change anything');
      return reply.status(problem.status).type(problemContentType).send(problem);
    }
    return undefined;
  });

  /**
   * The customer portal takes a portal session only: API keys and staff sessions are refused, as portal sessions are
   * under /v1. The request acts for the session's tenant (so Idempotency-Key works), and its idempotency keys are
   * put in a space of the customer's own, so two customers of one tenant choosing the same key never see each
   * other's stored responses.
   */
  async function authenticatePortalRequest(request: FastifyRequest, reply: FastifyReply, mutating: boolean) {
    const token = request.headers.authorization === undefined ? sessionTokenOf(request) : undefined;
    const principal = token === undefined ? undefined : await authenticateSession(db, token);
    if (principal?.kind !== 'portal') {
      const detail =
        request.headers.authorization !== undefined
          ? 'the customer portal takes the session of a signed-in customer contact, not an API key'
          : principal?.kind === 'staff'
            ? 'a staff session cannot use the customer portal'
            : 'sign in to the portal with the link sent by email';
      const problem = problemFor('unauthenticated', detail);
      return reply.status(problem.status).type(problemContentType).send(problem);
    }
    if (mutating && !hasCsrfHeader(request)) {
      const problem = problemFor('forbidden', 'send the header X-Cashloop-CSRF: 1 with changes made by a signed-in browser');
      return reply.status(problem.status).type(problemContentType).send(problem);
    }
    const session = { tenantId: principal.tenantId, customerId: principal.customerId, contactEmail: principal.contactEmail };
    request.portalSession = session;
    request.actor = portalActor(session);
    const key = request.headers['idempotency-key'];
    // Keys of a valid length only: a wrong one is left for the idempotency check to refuse with its usual problem.
    if (typeof key === 'string' && key.length > 0 && key.length <= 255) {
      request.raw.headers['idempotency-key'] = `portal:${principal.customerId}:${createHash('sha256').update(key).digest('hex')}`;
    }
    return undefined;
  }

  app.addHook('preHandler', async (request, reply) => {
    await claimIdempotencyKey(db, request, reply);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const problem = problemFor('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    return reply.status(404).type(problemContentType).send(problem);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let problem: Problem;
    if (error instanceof DomainFailure) {
      problem = problemForDomainError(error.error);
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      problem = problemFor('validation_failed', `the request ${where} has invalid fields`, {
        errors: error.validation.map((v) => ({
          pointer: `/${where === 'body' ? '' : `${where}/`}${v.instancePath.replace(/^\//, '')}`.replace(/\/$/, '') || '/',
          detail: v.keyword === 'unrecognized_keys' ? `unknown field(s): ${((v.params as { keys?: string[] }).keys ?? []).join(', ')}` : v.message ?? 'invalid',
        })),
      });
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      problem = problemFor('unsupported_media_type', error.message);
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      problem = problemFor('payload_too_large', error.message);
    } else if (error.statusCode === 400 || error.code?.startsWith('FST_ERR_CTP')) {
      problem = problemFor('malformed_request', error.message);
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = problemFor('internal_error', `request ${request.id} failed; the error is logged`);
    }
    return reply.status(problem.status).type(problemContentType).send(problem);
  });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: options.database.kind }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerRoutes(app, db);
  registerWebConsole(app);
  return app;
}
