// A local table from before the credit index (GSI1 and GSI2 only, e.g. an older `.data/`): `ensureTable` adds the
// index the shared definition gained, DynamoDB Local fills it from the items already stored, and the classification
// reads them; a table whose keys differ still fails, telling the developer to delete `.data/`.
import { randomUUID } from 'node:crypto';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecordsOf } from '#lib/credit/credit-store.ts';
import { DEFAULT_CREDIT_THRESHOLDS } from '#lib/credit/policy.ts';
import { createDb, createDocumentClient } from '#lib/store/db.ts';
import { INDEXES } from '#lib/store/table-definition.ts';
import { type DynamoDbLocal, localDynamoClientConfig, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { ensureTable } from '#local/ensure-table.ts';

// A DynamoDB Local of its own: on the shared one, busy with every other test file's tables, an index added to an
// existing table can stay CREATING for minutes, and this file would measure that contention, not ensureTable.
let local: DynamoDbLocal;
let endpoint: string;
let client: DynamoDBClient;
let doc: ReturnType<typeof createDocumentClient>;
const made: string[] = [];

beforeAll(async () => {
  local = await startDynamoDbLocal();
  endpoint = local.endpoint;
  client = new DynamoDBClient(localDynamoClientConfig(endpoint));
  doc = createDocumentClient(endpoint);
}, 120_000);

afterAll(async () => {
  for (const TableName of made) await client?.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
  client?.destroy();
  doc?.destroy();
  await local?.stop();
});

const strings = (...names: string[]): AttributeDefinition[] =>
  names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
const gsi = (name: string, hash: string, range: string): GlobalSecondaryIndex => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: hash, KeyType: 'HASH' },
    { AttributeName: range, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
});

/** A table made directly, the way an older version of the code (or someone by hand) made it. */
async function oldTable(options: { keys?: [string, string]; indexes: GlobalSecondaryIndex[] }): Promise<string> {
  const TableName = `old-${randomUUID().slice(0, 8)}`;
  const [hash, range] = options.keys ?? ['PK', 'SK'];
  const attributes = new Set([
    hash,
    range,
    ...options.indexes.flatMap((g) => g.KeySchema!.map((k) => k.AttributeName!)),
  ]);
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: strings(...attributes),
      KeySchema: [
        { AttributeName: hash, KeyType: 'HASH' },
        { AttributeName: range, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: options.indexes,
    }),
  );
  made.push(TableName);
  return TableName;
}

const describeTable = async (TableName: string) => (await client.send(new DescribeTableCommand({ TableName }))).Table!;

/** A violation as the code of today stores it: with the credit index attributes. */
const violationItem = (mineId: string, date: string, violationId: string) => ({
  PK: `MINE#${mineId}`,
  SK: `VIOLATION#${date}#${violationId}`,
  entity: 'violation',
  GSI1PK: 'VIOLATIONS#hlj',
  GSI1SK: `hlj/hegang/dongshan/#${date}#${violationId}`,
  GSI3PK: `CREDIT#${mineId}`,
  GSI3SK: `${date}#VIOLATION#${violationId}`,
  violationId,
  mineId,
  jurisdiction: 'hlj/hegang/dongshan',
  category: 'over_capacity',
  date,
  description: '超能力组织生产',
  version: 1,
});

describe('ensureTable on a table that lacks the credit index', () => {
  it('adds GSI3 and GSI4; the table becomes ACTIVE and the index finds the items stored before it existed', {
    timeout: 150_000,
  }, async () => {
    const TableName = await oldTable({ indexes: [gsi('GSI1', 'GSI1PK', 'GSI1SK'), gsi('GSI2', 'GSI2PK', 'GSI2SK')] });
    await doc.send(new PutCommand({ TableName, Item: violationItem('m-1', '2025-06-01', 'vio-before') }));

    expect(await ensureTable(client, TableName)).toEqual({ created: false, ttlEnabled: true });

    const table = await describeTable(TableName);
    expect(table.TableStatus).toBe('ACTIVE');
    const indexes = (table.GlobalSecondaryIndexes ?? [])
      .map((g) => ({
        name: g.IndexName,
        keys: g.KeySchema?.map((k) => k.AttributeName),
        projection: g.Projection?.ProjectionType,
        status: g.IndexStatus,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(indexes).toEqual([
      { name: 'GSI1', keys: ['GSI1PK', 'GSI1SK'], projection: 'ALL', status: 'ACTIVE' },
      { name: 'GSI2', keys: ['GSI2PK', 'GSI2SK'], projection: 'ALL', status: 'ACTIVE' },
      { name: 'GSI3', keys: ['GSI3PK', 'GSI3SK'], projection: 'ALL', status: 'ACTIVE' },
      { name: 'GSI4', keys: ['GSI4PK', 'GSI4SK'], projection: 'ALL', status: 'ACTIVE' },
    ]);

    // Backfilled: the item stored before the index existed is found on it.
    const found = await doc.send(
      new QueryCommand({
        TableName,
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk',
        ExpressionAttributeValues: { ':pk': 'CREDIT#m-1' },
      }),
    );
    expect(found.Items?.map((i) => i.violationId)).toEqual(['vio-before']);

    // And so the classification reads it, with what is written afterwards.
    await doc.send(new PutCommand({ TableName, Item: violationItem('m-1', '2025-06-05', 'vio-after') }));
    const db = createDb({ doc, tableName: TableName });
    const records = await creditRecordsOf(db, 'm-1', '2025-06-15', DEFAULT_CREDIT_THRESHOLDS);
    expect(records.map((r) => [r.kind, r.id, r.date])).toEqual([
      ['violation', 'vio-before', '2025-06-01'],
      ['violation', 'vio-after', '2025-06-05'],
    ]);

    // Nothing left to do the second time.
    expect(await ensureTable(client, TableName)).toEqual({ created: false, ttlEnabled: false });
    expect((await describeTable(TableName)).GlobalSecondaryIndexes).toHaveLength(4);
  });

  it('adds every index the table lacks, one after the other', { timeout: 150_000 }, async () => {
    const TableName = await oldTable({ indexes: [gsi('GSI2', 'GSI2PK', 'GSI2SK')] });
    await ensureTable(client, TableName);
    const table = await describeTable(TableName);
    expect(table.TableStatus).toBe('ACTIVE');
    expect((table.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g.IndexStatus]).sort()).toEqual(
      Object.keys(INDEXES).map((name) => [name, 'ACTIVE']),
    );
  });
});

describe('ensureTable on a table that cannot be brought up to date', () => {
  it('different table keys: fails naming the keys and .data/, and adds nothing', async () => {
    const TableName = await oldTable({
      keys: ['id', 'sort'],
      indexes: [gsi('GSI1', 'GSI1PK', 'GSI1SK'), gsi('GSI2', 'GSI2PK', 'GSI2SK')],
    });
    await expect(ensureTable(client, TableName)).rejects.toThrow(/keys are not PK\/SK.*\.data\//);
    expect((await describeTable(TableName)).GlobalSecondaryIndexes).toHaveLength(2);
  });

  it('an index of the same name on other keys: fails naming the index and .data/, and adds nothing', async () => {
    const TableName = await oldTable({
      indexes: [gsi('GSI2', 'GSI2PK', 'GSI2SK'), gsi('GSI3', 'CREDITPK', 'CREDITSK')],
    });
    await expect(ensureTable(client, TableName)).rejects.toThrow(/index GSI3 keys are not GSI3PK\/GSI3SK.*\.data\//);
    expect((await describeTable(TableName)).GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual([
      'GSI2',
      'GSI3',
    ]);
  });
});
