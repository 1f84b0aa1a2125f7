import { ValidationError } from '#lib/errors.ts';

/**
 * Opaque cursors: the DynamoDB LastEvaluatedKey as base64url JSON. Clients treat it as a token; a cursor that
 * does not decode is a 400, and DynamoDB itself refuses a start key outside the query's partition.
 */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (
        entries.length > 0 &&
        entries.every(([k, v]) => /^(PK|SK|GSI\dPK|GSI\dSK)$/.test(k) && typeof v === 'string')
      ) {
        return value as Record<string, unknown>;
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidCursor();
}

export const invalidCursor = (): ValidationError =>
  new ValidationError('The cursor is not one this API issued for this list', [
    { field: 'query.cursor', message: 'invalid cursor' },
  ]);

export interface PageRequest {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}
