import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, RuleError, ValidationError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { deleteItem, isConditionFailure, putItem, updateItem } from '#lib/store/item.ts';
import { pk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';

/**
 * `Idempotency-Key` for writes a client may retry (a create over a flaky mobile network): the first request runs
 * and its response is kept for a day; a retry with the same key and the same request gets that response again
 * instead of a second mine; the same key with a different request is refused. Keys are per caller and route.
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const KEY = /^[\x21-\x7e]{8,128}$/;

interface IdempotencyRecord {
  status: 'in_progress' | 'completed';
  requestHash: string;
  response?: APIGatewayProxyStructuredResultV2;
  expiresAt: number;
}

export interface IdempotentRequest {
  readonly key: string;
  readonly caller: string;
  readonly routeKey: string;
  readonly path: string;
  readonly body: string | undefined;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new ValidationError('Idempotency-Key 须为 8–128 个可见 ASCII 字符', [
      { field: 'header.idempotency-key', message: '8–128 visible ASCII characters' },
    ]);
  }
  return header;
}

export async function withIdempotency(
  db: Db,
  req: IdempotentRequest,
  run: () => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const key = { PK: pk.idempotency(sha256([req.caller, req.routeKey, req.path, req.key].join('\n'))), SK: 'RECORD' };
  const requestHash = sha256(req.body ?? '');
  const nowSeconds = Math.floor(db.now().getTime() / 1000);
  try {
    await putItem(
      db,
      {
        ...key,
        entity: 'idempotency',
        status: 'in_progress',
        requestHash,
        expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
      },
      // TTL deletion is lazy, so an expired record may still be there: it no longer counts.
      { condition: 'attribute_not_exists(PK) OR expiresAt < :now', values: { ':now': nowSeconds } },
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await getItem<IdempotencyRecord>(db, key);
    if (existing?.requestHash !== requestHash) throw new RuleError('此 Idempotency-Key 已用于另一个请求，请换一个新的');
    if (existing.status !== 'completed' || !existing.response)
      throw new ConflictError('使用此 Idempotency-Key 的请求正在处理，请稍后重试');
    return { ...existing.response, headers: { ...existing.response.headers, 'idempotency-replayed': 'true' } };
  }
  let response: APIGatewayProxyStructuredResultV2;
  try {
    response = await run();
  } catch (error) {
    // A refused request changed nothing: free the key so a corrected request may use it.
    await deleteItem(db, key);
    throw error;
  }
  await updateItem(db, key, 'SET #status = :completed, #response = :response', {
    names: { '#status': 'status', '#response': 'response' },
    values: { ':completed': 'completed', ':response': response },
  });
  return response;
}
