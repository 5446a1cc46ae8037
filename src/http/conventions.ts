import type { FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isKnownCurrency } from '../kernel/currency.js';
import { parseBusinessDate } from '../kernel/business-date.js';
import { DomainFailure, type Result } from '../kernel/result.js';
import type { Actor, Role } from '../modules/identity/roles.js';
import { problemContentType, problemForDomainError } from './problem.js';

export type CashloopApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** The authenticated actor; routes under /v1 are only reached with one (see http/auth.ts). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainFailure({ code: 'forbidden', message: 'no authenticated actor' });
  return request.actor;
}

/** Refuses the request unless the actor has one of the roles. */
export function requireRole(request: FastifyRequest, ...allowed: Role[]): Actor {
  const actor = actorOf(request);
  if (!allowed.includes(actor.role)) {
    throw new DomainFailure({ code: 'forbidden', message: `this action needs the role ${allowed.join(' or ')}` });
  }
  return actor;
}

export async function sendResult<T, V>(
  reply: FastifyReply,
  result: Result<T>,
  view: (value: T) => V,
  status = 200,
): Promise<V | undefined> {
  if (!result.ok) {
    const problem = problemForDomainError(result.error);
    await reply.status(problem.status).type(problemContentType).send(problem);
    return undefined;
  }
  return reply.status(status).send(view(result.value)) as unknown as V;
}

/** Unwraps a result for a route handler: failures are thrown and mapped to problem+json by the error handler. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new DomainFailure(result.error);
  return result.value;
}

// ---- shared zod types -------------------------------------------------------------------------

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code of three capital letters')
  .refine(isKnownCurrency, { message: 'not an ISO 4217 currency code' })
  .describe('ISO 4217 currency code, e.g. EUR');

/** Minor units (cents) as a JSON integer: never a float, never above 2^53. */
export const amountMinor = z.number().int('amounts are integer minor units (cents), not decimals').min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const positiveAmountMinor = amountMinor.refine((n) => n > 0, 'must be greater than zero');
export const nonNegativeAmountMinor = amountMinor.refine((n) => n >= 0, 'must not be negative');

export const businessDate = z
  .string()
  .refine((s) => parseBusinessDate(s) !== undefined, 'a calendar date as YYYY-MM-DD')
  .describe('Business date, YYYY-MM-DD');

export const idParam = z.object({ id: z.uuid() });

export function minorToJson(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} exceeds the JSON-safe integer range`);
  return n;
}

// ---- cursor pagination ------------------------------------------------------------------------

export const maxPageSize = 200;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(50).describe(`Items per page, 1 to ${maxPageSize}`),
  cursor: z.string().max(200).optional().describe('Opaque cursor from nextCursor of the previous page'),
});

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw new DomainFailure({ code: 'validation_failed', message: 'invalid cursor', fieldErrors: [{ pointer: '/cursor', detail: 'not a cursor returned by this API' }] });
  }
  return id;
}

/** Rows were fetched with limit + 1: the extra row says there is a next page. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** An exchange rate in the API: a plain decimal string above zero with at most 10 decimals. */
export const exchangeRateText = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,10})?$/, 'a rate as a decimal string, e.g. "1.0845"')
  .refine((text) => /[1-9]/.test(text), 'the rate must be above zero');
