/** The Db of a public route sends reads and refuses every write before it reaches the table. */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readOnlyDb } from '#lib/store/read-only-db.ts';
import { recordingDb } from '../../support/recording-db.ts';

const Key = { PK: 'PUBLICENTRY#e', SK: 'PUBLIC' };

describe('readOnlyDb', () => {
  it.each([
    ['Get', new GetCommand({ TableName: 't', Key })],
    ['BatchGet', new BatchGetCommand({ RequestItems: { t: { Keys: [Key] } } })],
    ['Query', new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :p' })],
    ['TransactGet', new TransactGetCommand({ TransactItems: [{ Get: { TableName: 't', Key } }] })],
  ])('sends a %s', async (_name, command) => {
    const { db, sent } = recordingDb();
    await readOnlyDb(db).doc.send(command as never);
    expect(sent).toEqual([command]);
  });

  it.each([
    ['Put', new PutCommand({ TableName: 't', Item: Key })],
    ['Update', new UpdateCommand({ TableName: 't', Key, UpdateExpression: 'SET a = :a' })],
    ['Delete', new DeleteCommand({ TableName: 't', Key })],
    ['BatchWrite', new BatchWriteCommand({ RequestItems: { t: [{ DeleteRequest: { Key } }] } })],
    ['TransactWrite', new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: Key } }] })],
  ])('refuses a %s and sends nothing', async (_name, command) => {
    const { db, sent } = recordingDb();
    await expect(readOnlyDb(db).doc.send(command as never)).rejects.toThrow(/only read/);
    expect(sent).toEqual([]);
  });

  it('keeps the table name, clock and ids of the Db it wraps', () => {
    const { db } = recordingDb();
    const ro = readOnlyDb(db);
    expect([ro.tableName, ro.newId('x')]).toEqual(['t', 'x-1']);
  });
});
