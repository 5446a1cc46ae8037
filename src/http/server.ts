import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../db/connection.js';
import { DomainFailure } from '../kernel/result.js';
import { authenticateApiKey } from '../modules/identity/service.js';
import { canMutate } from '../modules/identity/roles.js';
import { addProblemResponses } from './openapi.js';
import { registerRoutes } from './routes.js';
import { claimIdempotencyKey, storeIdempotentResponse } from './idempotency.js';
import { problemContentType, problemFor, problemForDomainError, type Problem } from './problem.js';
import type { CashloopApp } from './conventions.js';

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
- Authenticate with \`Authorization: Bearer <API key>\`. Roles: admin, ar_manager, collector, viewer (read only).`;

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

  // Authentication and the read-only rule for viewers, before the body is even read.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/') && request.url !== '/v1') return;
    const header = request.headers.authorization;
    const key = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const actor = key ? await authenticateApiKey(db, key) : undefined;
    if (!actor) {
      const problem = problemFor('unauthenticated', key ? 'the API key is unknown or revoked' : 'send Authorization: Bearer <API key>');
      return reply.status(problem.status).header('www-authenticate', 'Bearer').type(problemContentType).send(problem);
    }
    request.actor = actor;
    if (request.method !== 'GET' && request.method !== 'HEAD' && !canMutate(actor.role)) {
      const problem = problemFor('forbidden', 'a viewer key can read but not change anything');
      return reply.status(problem.status).type(problemContentType).send(problem);
    }
    return undefined;
  });

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
  return app;
}
