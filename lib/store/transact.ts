import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type DomainError } from '#lib/errors.ts';
import type { Db } from './db.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction, with the error to raise when its condition fails. */
export interface Write {
  readonly item: TransactItem;
  readonly onConditionFailed?: DomainError;
}

/**
 * Writes all or nothing. A failed condition becomes the write's own domain error (409 stale version, 409
 * duplicate, …) so a caller never sees DynamoDB's cancellation reasons.
 */
export async function transact(db: Db, writes: readonly Write[]): Promise<void> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: writes.map((w) => w.item) }));
  } catch (error) {
    if (error instanceof TransactionCanceledException || (error as Error).name === 'TransactionCanceledException') {
      const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        throw (
          writes[failed]?.onConditionFailed ?? new ConflictError('The record changed meanwhile; reload and try again')
        );
      }
      if (
        reasons.some(
          (r) =>
            r.Code === 'ThrottlingError' ||
            r.Code === 'ProvisionedThroughputExceeded' ||
            r.Code === 'RequestLimitExceeded',
        )
      ) {
        // Throttled inside the transaction: the same retryable condition as a throttled single write.
        Object.assign(error as object, { $retryable: { throttling: true } });
        throw error;
      }
      if (reasons.some((r) => r.Code === 'TransactionConflict')) {
        throw new ConflictError('Another change to the same record was in progress; try again');
      }
    }
    throw error;
  }
}

/** Puts a new item; fails with `duplicate` if the key exists. */
export const putNew = (db: Db, item: Record<string, unknown>, duplicate: DomainError): Write => ({
  item: { Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
  onConditionFailed: duplicate,
});

/** The condition of every versioned write: the item exists and still has the version the caller read. */
const versionIs = (expectedVersion: number) => ({
  ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
  ExpressionAttributeNames: { '#version': 'version' },
  ExpressionAttributeValues: { ':expected': expectedVersion },
});

/** Replaces an item only if its stored version is `expectedVersion` (optimistic concurrency). */
export const putVersioned = (
  db: Db,
  item: Record<string, unknown>,
  expectedVersion: number,
  stale: DomainError,
): Write => ({
  item: {
    Put: {
      TableName: db.tableName,
      Item: item,
      ...versionIs(expectedVersion),
    },
  },
  onConditionFailed: stale,
});

/** Deletes an item only if its stored version is `expectedVersion`. */
export const deleteVersioned = (
  db: Db,
  key: { PK: string; SK: string },
  expectedVersion: number,
  stale: DomainError,
): Write => ({
  item: {
    Delete: {
      TableName: db.tableName,
      Key: key,
      ...versionIs(expectedVersion),
    },
  },
  onConditionFailed: stale,
});

/** Plain put or delete without a condition (e.g. an index item owned by a versioned parent in the same transaction). */
export const put = (db: Db, item: Record<string, unknown>): Write => ({
  item: { Put: { TableName: db.tableName, Item: item } },
});
export const remove = (db: Db, key: { PK: string; SK: string }): Write => ({
  item: { Delete: { TableName: db.tableName, Key: key } },
});
