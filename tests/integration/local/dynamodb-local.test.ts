// `npm start` depends on the embedded store: it must come up, get the shared table with its indexes and TTL,
// keep data in the data dir across a restart, and leave no Java process behind.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '#lib/store/table-definition.ts';
import { type DynamoDbLocal, localDynamoClientConfig, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { ensureTable } from '#local/ensure-table.ts';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('DynamoDB Local', () => {
  const table = TABLE_DEFINITION.localTableName;
  const started: DynamoDbLocal[] = [];
  let dataDir = '';

  afterAll(async () => {
    await Promise.all(started.map((db) => db.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the table from the shared definition, keeps data across a restart, and stops its Java process', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'coalsafe-ddb-'));

    const first = await startDynamoDbLocal({ dataDir });
    started.push(first);
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
    const client = new DynamoDBClient(localDynamoClientConfig(first.endpoint));
    try {
      expect(await ensureTable(client, table)).toEqual({ created: true, ttlEnabled: true });
      const description = (await client.send(new DescribeTableCommand({ TableName: table }))).Table;
      expect(description?.TableStatus).toBe('ACTIVE');
      expect(description?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(description?.KeySchema).toEqual([
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ]);
      const indexes = (description?.GlobalSecondaryIndexes ?? [])
        .map((g) => ({
          name: g.IndexName,
          keys: g.KeySchema?.map((k) => k.AttributeName),
          projection: g.Projection?.ProjectionType,
        }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(indexes).toEqual([
        { name: 'GSI1', keys: ['GSI1PK', 'GSI1SK'], projection: 'ALL' },
        { name: 'GSI2', keys: ['GSI2PK', 'GSI2SK'], projection: 'ALL' },
        { name: 'GSI3', keys: ['GSI3PK', 'GSI3SK'], projection: 'ALL' },
        { name: 'GSI4', keys: ['GSI4PK', 'GSI4SK'], projection: 'ALL' },
      ]);
      const ttl = (await client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
      expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });

      expect(await ensureTable(client, table)).toEqual({ created: false, ttlEnabled: false });
      await client.send(new PutItemCommand({ TableName: table, Item: { PK: { S: 'MINE#m1' }, SK: { S: 'PROFILE' } } }));

      // A second store cannot take a port that is in use (it would otherwise talk to the first one).
      await expect(startDynamoDbLocal({ port: first.port, dataDir })).rejects.toThrow(/already in use/);
    } finally {
      client.destroy();
    }

    await first.stop();
    expect(isRunning(first.pid)).toBe(false);
    await first.stop(); // a second stop is harmless

    const second = await startDynamoDbLocal({ dataDir });
    started.push(second);
    const again = new DynamoDBClient(localDynamoClientConfig(second.endpoint));
    try {
      expect(await ensureTable(again, table)).toEqual({ created: false, ttlEnabled: false });
      const item = await again.send(
        new GetItemCommand({ TableName: table, Key: { PK: { S: 'MINE#m1' }, SK: { S: 'PROFILE' } } }),
      );
      expect(item.Item?.PK?.S).toBe('MINE#m1');
    } finally {
      again.destroy();
    }
    await second.stop();
    expect(isRunning(second.pid)).toBe(false);
  }, 120_000);
});
