// Tenancy by construction: the tenant store hands out Dbs that refuse, before anything reaches the table, a key of a
// mine the caller did not open, a jurisdiction list outside the caller's, and any scan. Each case is an attack a
// service could make by mistake (a key built from a request's id, a pointer to another tenant's record).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { NotFoundError } from '#lib/errors.ts';
import { createDb } from '#lib/store/db.ts';
import { accessesOf, PartitionGuardError } from '#lib/store/partition-guard.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';

const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
const ddb = mockClient(doc);
const db = createDb({ doc, tableName: 't' });

const DISTRICT = 'hlj/hegang/dongshan';
const bureau: Principal = { kind: 'bureau', sub: 'u-1', role: 'inspector', jurisdiction: DISTRICT };
const mineUser: Principal = { kind: 'mine', sub: 'u-2', role: 'mine_user', mineId: 'm-1' };
const profiles: Record<string, { mineId: string; jurisdiction: string }> = {
  'MINE#m-1': { mineId: 'm-1', jurisdiction: DISTRICT },
  'MINE#m-2': { mineId: 'm-2', jurisdiction: DISTRICT },
  'MINE#m-far': { mineId: 'm-far', jurisdiction: 'hlj/hegang/xingan' },
};

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: profiles[input.Key.PK] }));
  ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { PK: string }[] }> }) => ({
    Responses: { t: input.RequestItems.t!.Keys.flatMap((k) => profiles[k.PK] ?? []) },
  }));
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(PutCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
});

const refused = async (work: Promise<unknown>, reason: RegExp) => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartitionGuardError);
  expect((error as Error).message).toMatch(reason);
};

describe('what a request addresses, read off the command', () => {
  it.each([
    ['get', new GetCommand({ TableName: 't', Key: { PK: 'MINE#a', SK: 'X' } }), [['MINE#a', false]]],
    ['put', new PutCommand({ TableName: 't', Item: { PK: 'MINE#a', SK: 'X' } }), [['MINE#a', true]]],
    [
      'update',
      new UpdateCommand({ TableName: 't', Key: { PK: 'MINE#a', SK: 'X' }, UpdateExpression: 'SET a = :a' }),
      [['MINE#a', true]],
    ],
    ['delete', new DeleteCommand({ TableName: 't', Key: { PK: 'MINE#a', SK: 'X' } }), [['MINE#a', true]]],
    [
      'transaction',
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 't', Item: { PK: 'MINE#a', SK: 'X' } } },
          { Update: { TableName: 't', Key: { PK: 'HAZARDID#h', SK: 'H' }, UpdateExpression: 'SET a = :a' } },
          { ConditionCheck: { TableName: 't', Key: { PK: 'MINE#b', SK: 'P' }, ConditionExpression: 'x' } },
        ],
      }),
      [
        ['MINE#a', true],
        ['HAZARDID#h', true],
        ['MINE#b', true],
      ],
    ],
    [
      'batch get',
      new BatchGetCommand({
        RequestItems: {
          t: {
            Keys: [
              { PK: 'MINE#a', SK: 'P' },
              { PK: 'MINE#b', SK: 'P' },
            ],
          },
        },
      }),
      [
        ['MINE#a', false],
        ['MINE#b', false],
      ],
    ],
    [
      'batch write',
      new BatchWriteCommand({
        RequestItems: {
          t: [
            { PutRequest: { Item: { PK: 'MINE#a', SK: 'X' } } },
            { DeleteRequest: { Key: { PK: 'MINE#b', SK: 'Y' } } },
          ],
        },
      }),
      [
        ['MINE#a', true],
        ['MINE#b', true],
      ],
    ],
  ] as const)('%s', (_, command, expected) => {
    expect(accessesOf(command)?.map((a) => [a.partition, a.write])).toEqual(expected);
  });

  it('a query: its partition by any spelling of the key name, and its sort prefix', () => {
    const [byName] = accessesOf(
      new QueryCommand({
        TableName: 't',
        IndexName: 'GSI1',
        KeyConditionExpression: '#p = :v AND begins_with(#s, :pre)',
        ExpressionAttributeNames: { '#p': 'GSI1PK', '#s': 'GSI1SK' },
        ExpressionAttributeValues: { ':v': 'HAZARDS#hlj', ':pre': 'hlj/hegang/' },
      }),
    )!;
    expect(byName).toMatchObject({ partition: 'HAZARDS#hlj', index: 'GSI1', sortPrefix: 'hlj/hegang/' });
    const [between] = accessesOf(
      new QueryCommand({
        TableName: 't',
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': 'MINE#a', ':a': 'POWER#2026-01-01', ':b': 'POWER#2026-02-01' },
      }),
    )!;
    expect(between).toMatchObject({ partition: 'MINE#a', sortPrefix: 'POWER#2026-0' });
  });

  it('a scan is no shape the store knows', () => {
    expect(accessesOf(new ScanCommand({ TableName: 't' }))).toBeUndefined();
  });
});

describe("a mine's scope", () => {
  const store = new TenantStore(db, bureau);

  it('reads and writes its own partition and the pointers its records own', async () => {
    const { db: mine } = await store.mine('m-1');
    await getItem(mine, { PK: 'MINE#m-1', SK: 'HAZARD#h' });
    await getItem(mine, { PK: 'HAZARDID#h', SK: 'HAZARD' });
    await queryAll(mine, { index: 'GSI3', partition: 'CREDIT#m-1' });
    await mine.doc.send(new PutCommand({ TableName: 't', Item: { PK: 'HAZARDID#h2', SK: 'HAZARD', mineId: 'm-1' } }));
  });

  it('refuses another mine’s partition, whatever the command', async () => {
    const { db: mine } = await store.mine('m-1');
    await refused(getItem(mine, { PK: 'MINE#m-2', SK: 'PROFILE' }), /cannot reach MINE#m-2/);
    await refused(queryAll(mine, { partition: 'MINE#m-2' }), /cannot reach MINE#m-2/);
    await refused(
      mine.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 't', Item: { PK: 'MINE#m-1', SK: 'A' } } },
            { Put: { TableName: 't', Item: { PK: 'MINE#m-2', SK: 'A' } } },
          ],
        }),
      ),
      /cannot reach MINE#m-2/,
    );
    // Nothing at all was written: the guard refuses before the transaction is sent.
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses a pointer written for another mine, another mine’s credit index and any jurisdiction list', async () => {
    const { db: mine } = await store.mine('m-1');
    await refused(
      mine.doc.send(new PutCommand({ TableName: 't', Item: { PK: 'HAZARDID#h', SK: 'HAZARD', mineId: 'm-2' } })),
      /item of mine m-2/,
    );
    await refused(queryAll(mine, { index: 'GSI3', partition: 'CREDIT#m-2' }), /credit index/);
    await refused(queryAll(mine, { index: 'GSI1', partition: 'HAZARDS#hlj', beginsWith: `${DISTRICT}/` }), /GSI1 list/);
    await refused(queryAll(mine, { index: 'GSI2', partition: 'DUE#2026-12-01' }), /GSI2 list/);
  });

  it('is not given for a mine out of reach: 404, as for none', async () => {
    await expect(store.mine('m-far')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.mine('m-none')).rejects.toBeInstanceOf(NotFoundError);
    await expect(new TenantStore(db, mineUser).mine('m-2')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('property: a scope opened for one mine reaches no other mine’s partition', async () => {
    const { db: mine } = await store.mine('m-1');
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z0-9-]{1,12}$/).filter((id) => id !== 'm-1'),
        async (other) => {
          await refused(getItem(mine, { PK: `MINE#${other}`, SK: 'PROFILE' }), /cannot reach/);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('the shared Db (outside every mine)', () => {
  it('refuses every mine partition: those are reached through store.mine()', async () => {
    const store = new TenantStore(db, bureau);
    await refused(getItem(store.shared, { PK: 'MINE#m-1', SK: 'PROFILE' }), /only through store.mine/);
    await refused(queryAll(store.shared, { index: 'GSI3', partition: 'CREDIT#m-1' }), /credit index/);
  });

  it.each([
    [DISTRICT, `${DISTRICT}/`, true],
    [DISTRICT, `${DISTRICT}/#open#`, true],
    ['hlj/hegang', `${DISTRICT}/`, true],
    [DISTRICT, 'hlj/hegang/', false],
    [DISTRICT, 'hlj/hegang/dongshanx/', false],
    [DISTRICT, 'hlj/', false],
    [DISTRICT, '', false],
  ])('a bureau of %s lists %j: allowed %s', async (jurisdiction, prefix, allowed) => {
    const store = new TenantStore(db, { ...bureau, jurisdiction } as Principal);
    const list = queryAll(store.shared, {
      index: 'GSI1',
      partition: 'HAZARDS#hlj',
      ...(prefix ? { beginsWith: prefix } : {}),
    });
    if (allowed) await list;
    else await refused(list, /outside the caller's jurisdiction/);
  });

  it.each([
    [DISTRICT, `DUE#${DISTRICT}`, true],
    ['hlj/hegang', `DUE#${DISTRICT}`, true],
    ['hlj/hegang', 'DUE#hlj/hegang', true],
    [DISTRICT, 'DUE#hlj/hegang/xiangyang', false],
    [DISTRICT, 'DUE#hlj/hegang', false],
    [DISTRICT, `DUE#${DISTRICT}x`, false],
    [DISTRICT, 'DUE#2026-12-01', false],
  ])('a bureau of %s reads the due-date partition %s: allowed %s', async (jurisdiction, partition, allowed) => {
    const store = new TenantStore(db, { ...bureau, jurisdiction } as Principal);
    const read = queryAll(store.shared, { index: 'GSI2', partition, between: ['2026-01-01#', '2026-12-31#~'] });
    if (allowed) await read;
    else await refused(read, /outside the caller's jurisdiction/);
  });

  it('a mine user lists no jurisdiction and reads no due-date index', async () => {
    const store = new TenantStore(db, mineUser);
    await refused(
      queryAll(store.shared, { index: 'GSI1', partition: 'HAZARDS#hlj', beginsWith: `${DISTRICT}/` }),
      /outside/,
    );
    await refused(queryAll(store.shared, { index: 'GSI2', partition: 'DUE#2026-12-01' }), /bureaus only/);
  });
});

describe('several mines at once', () => {
  it('keeps the mines the caller may see, and reaches only theirs', async () => {
    const store = new TenantStore(db, bureau);
    const { profiles: seen, db: mines } = await store.mines(['m-1', 'm-far', 'm-none', 'm-1']);
    expect(seen.map((p) => p.mineId)).toEqual(['m-1']);
    await getItem(mines, { PK: 'MINE#m-1', SK: 'LASTINSPECTION' });
    await refused(getItem(mines, { PK: 'MINE#m-far', SK: 'LASTINSPECTION' }), /not among the mines read/);
    await refused(getItem(mines, { PK: 'MINE#m-2', SK: 'LASTINSPECTION' }), /not among the mines read/);
  });

  it('a new mine’s partition only inside the caller’s jurisdiction', async () => {
    const store = new TenantStore(db, bureau);
    const created = store.newMine('m-new', `${DISTRICT}/north`, 'body.jurisdiction');
    await created.doc.send(new PutCommand({ TableName: 't', Item: { PK: 'MINE#m-new', SK: 'PROFILE' } }));
    await refused(getItem(created, { PK: 'MINE#m-1', SK: 'PROFILE' }), /cannot reach MINE#m-1/);
    expect(() => store.newMine('m-x', 'hlj/hegang/xingan', 'body.jurisdiction')).toThrow(/outside your jurisdiction/);
  });
});
