/**
 * The local stand-in for IAM on a mine user's store: every item a command addresses is held to the mine's session
 * policy by its action and partition key, and a command that would be AccessDenied in AWS is refused before it
 * reaches DynamoDB Local.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { policyCheckedDb } from '#lib/store/policy-checked-db.ts';
import { recordingDb } from '../../support/recording-db.ts';

const own = { PK: 'MINE#mine-a', SK: 'PROFILE' };
const other = { PK: 'MINE#mine-b', SK: 'PROFILE' };
const query = (pk: string, IndexName?: string) =>
  new QueryCommand({
    TableName: 't',
    IndexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': IndexName ? `${IndexName}PK` : 'PK' },
    ExpressionAttributeValues: { ':pk': pk },
  });

describe('policyCheckedDb', () => {
  it.each([
    ['Get of its own profile', new GetCommand({ TableName: 't', Key: own })],
    ['Put under its own partition', new PutCommand({ TableName: 't', Item: { ...own, SK: 'HAZARD#h' } })],
    ['Query of its contacts on GSI1', query('CONTACTS#mine#mine-a', 'GSI1')],
    ['Get of a case pointer', new GetCommand({ TableName: 't', Key: { PK: 'CASEID#c-1', SK: 'CASE' } })],
    ['BatchGet of its own items', new BatchGetCommand({ RequestItems: { t: { Keys: [own, own] } } })],
    ['Put of its user’s contact', new PutCommand({ TableName: 't', Item: { PK: 'USER#u-1', SK: 'CONTACT' } })],
  ])('sends a %s', async (_name, command) => {
    const { db, sent } = recordingDb();
    await policyCheckedDb(db, { mineId: 'mine-a', userSub: 'u-1' }).doc.send(command as never);
    expect(sent).toEqual([command]);
  });

  it.each([
    ['Get of another mine', new GetCommand({ TableName: 't', Key: other })],
    ['Update of another mine', new UpdateCommand({ TableName: 't', Key: other, UpdateExpression: 'SET a = :a' })],
    [
      'Delete of a case pointer (read only)',
      new DeleteCommand({ TableName: 't', Key: { PK: 'CASEID#c', SK: 'CASE' } }),
    ],
    ['Query of the due-date index', query('DUE#2026-05-01', 'GSI2')],
    ['Query of a longer mine id', query('MINE#mine-a2')],
    ['BatchGet with one foreign key', new BatchGetCommand({ RequestItems: { t: { Keys: [own, other] } } })],
    [
      'BatchWrite with one foreign key',
      new BatchWriteCommand({
        RequestItems: { t: [{ PutRequest: { Item: own } }, { DeleteRequest: { Key: other } }] },
      }),
    ],
    [
      'transaction with one foreign item',
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 't', Item: own } },
          { ConditionCheck: { TableName: 't', Key: other, ConditionExpression: 'attribute_exists(PK)' } },
        ],
      }),
    ],
    ['Scan', new ScanCommand({ TableName: 't' })],
    ['Put of another user’s contact', new PutCommand({ TableName: 't', Item: { PK: 'USER#u-2', SK: 'CONTACT' } })],
    ['Query of another user’s inbox', query('INBOX#user#u-1x')],
    [
      'Update of another user’s directory entry',
      new UpdateCommand({ TableName: 't', Key: { PK: 'USER#u-2', SK: 'PROFILE' }, UpdateExpression: 'SET a = :a' }),
    ],
  ])('refuses a %s and sends nothing', async (_name, command) => {
    const { db, sent } = recordingDb();
    // A Scan is no shape the store sends at all: refused before the policy is even asked.
    await expect(policyCheckedDb(db, { mineId: 'mine-a', userSub: 'u-1' }).doc.send(command as never)).rejects.toThrow(
      /session policy refuses|does not allow/,
    );
    expect(sent).toEqual([]);
  });
});
