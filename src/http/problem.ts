import type { DomainError, DomainErrorCode, FieldError } from '../kernel/result.js';

/**
 * RFC 9457 problem details. `type` is stable per error code so clients can branch on it; `title` is the same for every
 * occurrence of the type and `detail` explains this occurrence.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}

export const problemTypeBase = 'https://cashloop.dev/problems/';

export type ProblemCode =
  | DomainErrorCode
  | 'malformed_request'
  | 'unauthenticated'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'idempotency_key_reused'
  | 'idempotency_request_in_progress'
  | 'internal_error';

const problemCatalog: Record<ProblemCode, { status: number; title: string }> = {
  validation_failed: { status: 400, title: 'The request has invalid fields' },
  malformed_request: { status: 400, title: 'The request body could not be read' },
  unauthenticated: { status: 401, title: 'A valid API key or session is required' },
  forbidden: { status: 403, title: 'Your role does not allow this action' },
  not_found: { status: 404, title: 'No such object' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  idempotency_request_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'The request body must be application/json' },
  invalid_state: { status: 409, title: 'The object is not in a state that allows this action' },
  currency_mismatch: { status: 422, title: 'Amounts in different currencies cannot be combined' },
  exchange_rate_missing: { status: 422, title: 'No exchange rate to book this currency in the base currency' },
  over_allocation: { status: 422, title: 'The allocation exceeds what is available' },
  idempotency_key_reused: { status: 422, title: 'This Idempotency-Key was used with other parameters' },
  internal_error: { status: 500, title: 'Something went wrong on our side' },
};

export function problemFor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}): Problem {
  const entry = problemCatalog[code];
  return {
    type: problemTypeBase + code.replaceAll('_', '-'),
    title: entry.title,
    status: entry.status,
    ...(detail ? { detail } : {}),
    ...extensions,
  };
}

export function problemForDomainError(error: DomainError): Problem {
  return problemFor(error.code, error.message, error.fieldErrors ? { errors: error.fieldErrors } : {});
}

export const problemContentType = 'application/problem+json; charset=utf-8';
