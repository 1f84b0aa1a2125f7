/**
 * Domain errors. lib/ code throws these without knowing about HTTP; the HTTP layer maps each kind to a status
 * and an RFC 9457 problem (lib/http/problem.ts).
 */
export interface FieldProblem {
  /** Dotted path of the failing field, e.g. `body.creditCode` or `body.readings.3.kwh`. */
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'not_found'
    | 'conflict'
    | 'rule'
    | 'forbidden'
    | 'unauthorized'
    | 'too_many_requests';
  constructor(
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input a client can fix: 400. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
}

/** Not there, or not the caller's to see (out of scope answers as if it did not exist): 404. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** Stale version or duplicate: 409. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** A business rule refuses the change (wrong state, four-eyes): 422. */
export class RuleError extends DomainError {
  readonly kind = 'rule';
}

/** Authenticated, but the role may not do this: 403. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** No usable identity: 401. */
export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

/**
 * The caller has used up a quota (checks an hour): 429, with `Retry-After` saying when the next window opens. The
 * message names the limit and the wait, never what was asked.
 */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too_many_requests';
  constructor(
    message: string,
    /** Whole seconds until the caller may try again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
