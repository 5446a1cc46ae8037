/**
 * Expected failures of a use case are values, not exceptions: a domain error has a stable code (mapped once to an
 * RFC 9457 problem type in http/problem.ts) and, for input errors, the fields at fault.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'currency_mismatch'
  | 'exchange_rate_missing'
  | 'over_allocation'
  | 'forbidden';

export interface FieldError {
  /** JSON pointer into the request body or query ("/lines/0/quantity"). */
  readonly pointer: string;
  readonly detail: string;
}

export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly fieldErrors?: readonly FieldError[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: DomainErrorCode, message: string, fieldErrors?: readonly FieldError[]): Result<T> => ({
  ok: false,
  error: fieldErrors ? { code, message, fieldErrors } : { code, message },
});

/** Thrown inside a transaction to roll it back and surface a domain error (see db/transaction.ts). */
export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainFailure';
  }
}
