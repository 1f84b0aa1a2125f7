/**
 * Creates the one table from the shared definition (lib/store/table-definition.ts) when it is missing, the same
 * keys, indexes and TTL attribute CDK deploys, and checks that an existing table (e.g. from an older `.data/`)
 * still matches, so a stale local table fails loudly instead of failing queries later.
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  PutItemCommand,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CREDIT_BUCKETS_MIGRATED } from '#lib/credit/credit-bucket-migration.ts';
import { DUE_INDEX_MIGRATED } from '#lib/store/due-index-migration.ts';
import { type IndexDefinition, TABLE_DEFINITION } from '#lib/store/table-definition.ts';

export type TableDefinition = typeof TABLE_DEFINITION;

export interface EnsureTableResult {
  /** The table was created by this call. */
  readonly created: boolean;
  /** TTL was switched on by this call. */
  readonly ttlEnabled: boolean;
}

// Adding an index to a table with data waits for its backfill.
const ACTIVE_TIMEOUT_MS = 120_000;

export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition = TABLE_DEFINITION,
): Promise<EnsureTableResult> {
  let created = false;
  const existing = await describe(client, tableName);
  if (existing) {
    const missing = assertMatches(existing, tableName, definition);
    // An index added in a later version is created on the existing table (DynamoDB backfills it), one at a time.
    for (const index of missing) {
      await waitUntilActive(client, tableName);
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [
            { AttributeName: index.partitionKey, AttributeType: 'S' },
            { AttributeName: index.sortKey, AttributeType: 'S' },
          ],
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
      );
    }
  } else {
    created = await create(client, tableName, definition);
    // A new table holds nothing from before the due-date index was keyed by jurisdiction, or from before the credit
    // index had its copy by bucket: nothing to move.
    if (created) await waitUntilActive(client, tableName);
    if (created)
      for (const marker of [DUE_INDEX_MIGRATED, CREDIT_BUCKETS_MIGRATED])
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              PK: { S: marker.PK },
              SK: { S: marker.SK },
              at: { S: new Date().toISOString() },
              moved: { N: '0' },
            },
          }),
        );
  }
  await waitUntilActive(client, tableName);
  const ttlEnabled = await ensureTtl(client, tableName, definition.ttlAttribute);
  return { created, ttlEnabled };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function create(client: DynamoDBClient, tableName: string, definition: TableDefinition): Promise<boolean> {
  const keyAttributes = new Set<string>([definition.keys.partitionKey, definition.keys.sortKey]);
  for (const index of definition.indexes) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  const attributeDefinitions: AttributeDefinition[] = [...keyAttributes].map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  }));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: definition.keys.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.keys.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: definition.indexes.map(indexSpec),
      }),
    );
    return true;
  } catch (error) {
    // Someone else (a second process on the same data dir) created it first.
    if ((error as Error).name === 'ResourceInUseException') return false;
    throw error;
  }
}

const indexSpec = (index: IndexDefinition) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/** Throws on a table that differs from the definition; returns the indexes it lacks, which can be added. */
function assertMatches(table: TableDescription, tableName: string, definition: TableDefinition): IndexDefinition[] {
  const problems: string[] = [];
  const missing: IndexDefinition[] = [];
  const keyOf = (schema: TableDescription['KeySchema'], type: 'HASH' | 'RANGE') =>
    schema?.find((k) => k.KeyType === type)?.AttributeName;
  if (
    keyOf(table.KeySchema, 'HASH') !== definition.keys.partitionKey ||
    keyOf(table.KeySchema, 'RANGE') !== definition.keys.sortKey
  ) {
    problems.push(`keys are not ${definition.keys.partitionKey}/${definition.keys.sortKey}`);
  }
  for (const index of definition.indexes) {
    const found = table.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.name);
    if (!found) {
      missing.push(index);
    } else if (
      keyOf(found.KeySchema, 'HASH') !== index.partitionKey ||
      keyOf(found.KeySchema, 'RANGE') !== index.sortKey
    ) {
      problems.push(`index ${index.name} keys are not ${index.partitionKey}/${index.sortKey}`);
    } else if (found.Projection?.ProjectionType !== 'ALL') {
      problems.push(`index ${index.name} does not project all attributes`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `Table "${tableName}" exists but does not match lib/store/table-definition.ts: ${problems.join('; ')}. ` +
        'Delete the local data directory (.data/) to recreate it.',
    );
  }
  return missing;
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`Table "${tableName}" is not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function ensureTtl(client: DynamoDBClient, tableName: string, attribute: string): Promise<boolean> {
  const current = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
  const status = current?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    if (current?.AttributeName !== attribute) {
      throw new Error(
        `Table "${tableName}" has TTL on "${current?.AttributeName}", expected "${attribute}". Delete .data/ to recreate it.`,
      );
    }
    return false;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
  return true;
}
