import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDb, createDocumentClient, type Db } from '#lib/store/db.ts';
import { localDynamoClientConfig } from '#local/dynamodb-local.ts';
import { ensureTable } from '#local/ensure-table.ts';

/** A fresh table on the shared DynamoDB Local, so test files never see each other's data. */
export async function freshTable(prefix = 't'): Promise<{ endpoint: string; tableName: string }> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(new DynamoDBClient(localDynamoClientConfig(endpoint)), tableName);
  return { endpoint, tableName };
}

export async function testDb(options: { now?: () => Date } = {}): Promise<Db> {
  const { endpoint, tableName } = await freshTable();
  return createDb({ doc: createDocumentClient(endpoint), tableName, ...(options.now ? { now: options.now } : {}) });
}
