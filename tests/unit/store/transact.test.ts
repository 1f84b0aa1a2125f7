// A transaction that DynamoDB cancels must reach the caller as the domain error of the write that failed (409
// duplicate, 409 stale version, 422 rule), a write conflict as a retryable 409, and anything else, throttling
// above all, unchanged: a throttled write is not the client's conflict.
import {
  type CancellationReason,
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, type DomainError, RuleError } from '#lib/errors.ts';
import { createDb } from '#lib/store/db.ts';
import { deleteVersioned, put, putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';

const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
const ddb = mockClient(doc);
const db = createDb({ doc, tableName: 'x' });

const duplicateMine = new ConflictError('mine exists');
const duplicateCode = new ConflictError('credit code taken');
const staleVersion = new ConflictError('stale version');
const sameInstant = new RuleError('status already recorded at this instant');

/** The shape of a real createMine-like transaction: four writes, three of them conditional, one plain. */
const writes: Write[] = [
  putNew(db, { PK: 'MINE#m-1', SK: 'PROFILE' }, duplicateMine),
  putNew(db, { PK: 'CREDITCODE#X', SK: 'MINE' }, duplicateCode),
  putVersioned(db, { PK: 'MINE#m-1', SK: 'LICENCE#mining', version: 3 }, 2, staleVersion),
  deleteVersioned(db, { PK: 'MINE#m-1', SK: 'EQUIP#fan' }, 1, sameInstant),
  put(db, { PK: 'MINE#m-1', SK: 'AUDIT#t#ev-1' }),
];

const reasons = (codes: Record<number, string>): CancellationReason[] =>
  writes.map((_, i) => ({ Code: codes[i] ?? 'None' }));
const cancelled = (cancellationReasons: CancellationReason[] | undefined) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: { httpStatusCode: 400 },
    ...(cancellationReasons ? { CancellationReasons: cancellationReasons } : {}),
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the transaction to fail');
}

beforeEach(() => {
  ddb.reset();
});

describe('transact', () => {
  it('sends every write, in order, as one TransactWriteItems', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await transact(db, writes);
    const calls = ddb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.TransactItems).toEqual(writes.map((w) => w.item));
    expect(writes[0]!.item.Put).toMatchObject({ TableName: 'x', ConditionExpression: 'attribute_not_exists(PK)' });
    expect(writes[2]!.item.Put).toMatchObject({
      ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
      ExpressionAttributeValues: { ':expected': 2 },
    });
    expect(writes[3]!.item.Delete).toMatchObject({
      Key: { PK: 'MINE#m-1', SK: 'EQUIP#fan' },
      ExpressionAttributeValues: { ':expected': 1 },
    });
  });

  it.each([
    [0, duplicateMine],
    [1, duplicateCode],
    [2, staleVersion],
    [3, sameInstant],
  ])('a failed condition on write %i throws that write’s own error', async (index, expected) => {
    ddb.on(TransactWriteCommand).rejects(cancelled(reasons({ [index]: 'ConditionalCheckFailed' })));
    expect(await failure(transact(db, writes))).toBe(expected);
  });

  it('reports the first failed condition when several fail', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled(reasons({ 1: 'ConditionalCheckFailed', 2: 'ConditionalCheckFailed' })));
    expect(await failure(transact(db, writes))).toBe(duplicateCode);
  });

  it('prefers the failed condition over a concurrent conflict on another write', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(reasons({ 0: 'TransactionConflict', 2: 'ConditionalCheckFailed' })));
    expect(await failure(transact(db, writes))).toBe(staleVersion);
  });

  it('a failed condition on a write without its own error is a generic 409', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(reasons({ 4: 'ConditionalCheckFailed' })));
    const error = await failure(transact(db, writes));
    expect(error).toBeInstanceOf(ConflictError);
    expect(writes.map((w) => w.onConditionFailed)).not.toContain(error);
  });

  it('recognises the cancellation by name too (an error from another copy of the SDK)', async () => {
    const foreign = Object.assign(new Error('cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: reasons({ 1: 'ConditionalCheckFailed' }),
    });
    ddb.on(TransactWriteCommand).rejects(foreign);
    expect(await failure(transact(db, writes))).toBe(duplicateCode);
  });

  it('a transaction conflict (another writer on the same item) is a 409 the client may retry', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(reasons({ 2: 'TransactionConflict' })));
    const error = (await failure(transact(db, writes))) as DomainError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(writes.map((w) => w.onConditionFailed)).not.toContain(error);
  });

  const throttled = {
    ProvisionedThroughputExceededException: () =>
      new ProvisionedThroughputExceededException({
        message: 'throughput exceeded',
        $metadata: { httpStatusCode: 400 },
      }),
    ThrottlingException: () =>
      new ThrottlingException({ message: 'rate exceeded', $metadata: { httpStatusCode: 400 } }),
    RequestLimitExceeded: () =>
      new RequestLimitExceeded({ message: 'account limit', $metadata: { httpStatusCode: 400 } }),
    'TransactionCanceledException with ThrottlingError reasons': () =>
      cancelled(reasons({ 0: 'ThrottlingError', 1: 'ThrottlingError' })),
    'TransactionCanceledException with ProvisionedThroughputExceeded reasons': () =>
      cancelled(reasons({ 3: 'ProvisionedThroughputExceeded' })),
    'TransactionCanceledException without reasons': () => cancelled(undefined),
    InternalServerError: () => new InternalServerError({ message: 'internal', $metadata: { httpStatusCode: 500 } }),
    'a network error': () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }),
  };

  it.each(Object.entries(throttled))('rethrows %s unchanged, not as a 409', async (_, make) => {
    const original = make();
    ddb.on(TransactWriteCommand).rejects(original);
    const error = await failure(transact(db, writes));
    expect(error).toBe(original);
    expect(error).not.toBeInstanceOf(ConflictError);
  });
});
