// Faults in the middle of a classification, injected with aws-sdk-client-mock on the document client of the Db while
// every other request reaches DynamoDB Local: a run that cannot store its results fails (so the queue delivers the
// chunk again) and the run after it records the tier change exactly once, with no day of history lost or doubled; a notification already recorded is not an
// error; a transaction that recorded nothing for another reason fails the run.
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { creditHistory } from '#lib/credit/credit-service.ts';
import { createDocumentClient, type Db } from '#lib/store/db.ts';
import { recordViolation } from '#lib/violations/violation-records.ts';
import { violationBody } from '../enforcement/fixtures.ts';
import {
  type CreditDb,
  creditDb,
  currentCreditItem,
  INSPECTOR,
  notificationsOf,
  snapshotItem,
  tierChangeEvents,
} from './fixtures.ts';

const D1 = '2025-06-10';
const D2 = '2025-06-11';
const MINES = ['m-throttled', 'm-cut', 'm-recorded', 'm-conflict', 'm-txthrottled'];

let ctx: CreditDb;
let db: Db;
let ddb: AwsStub<any, any, any> | undefined;

beforeAll(async () => {
  ctx = await creditDb(D1, MINES);
  db = ctx.db;
  // Every mine: A on D1, then a violation that makes it B from D2 on.
  await classifyMines(db, D1, MINES);
  for (const mineId of MINES)
    await recordViolation(ctx.as(INSPECTOR), mineId, violationBody({ category: 'over_capacity', date: D1 }));
  ctx.on(D2);
});
afterEach(() => {
  ddb?.restore();
  ddb = undefined;
});

/** Mocks db.doc: requests the test does not configure go through to DynamoDB Local. */
function faults() {
  ddb = mockClient(db.doc);
  ddb.send.callThrough();
  return ddb;
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

async function failure(op: Promise<unknown>): Promise<any> {
  return op.then(
    () => {
      throw new Error('expected the classification to fail');
    },
    (e: unknown) => e,
  );
}

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded',
    $metadata: {},
  });

describe('a throttled BatchWriteItem', () => {
  it('fails the run; the change was recorded first, and the run after it records it exactly once', async () => {
    const mock = faults();
    mock.on(BatchWriteCommand).rejectsOnce(throttled());

    const error = await failure(classifyMines(db, D2, ['m-throttled']));
    expect(error.name).toBe('ProvisionedThroughputExceededException');
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(1);
    // Nothing of the day's classification stored; its events are.
    expect(await currentCreditItem(db, 'm-throttled')).toMatchObject({ asOf: D1, tier: 'A' });
    expect(await snapshotItem(db, 'm-throttled', D1)).toBeUndefined();
    expect(await tierChangeEvents(db, 'm-throttled')).toHaveLength(1);
    expect(await notificationsOf(db, 'm-throttled')).toHaveLength(1);

    // The queue delivers the chunk again: D1's classification becomes its snapshot, then D2's is current.
    await classifyMines(db, D2, ['m-throttled']);
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(3);
    expect(await currentCreditItem(db, 'm-throttled')).toMatchObject({
      asOf: D2,
      tier: 'B',
      previousTier: 'A',
      tierSince: D2,
    });
    expect(await snapshotItem(db, 'm-throttled', D1)).toMatchObject({ tier: 'A', previousTier: null });
    const events = await tierChangeEvents(db, 'm-throttled');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { tier: 'A' }, after: { tier: 'B' } });
    const notifications = await notificationsOf(db, 'm-throttled');
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ kind: 'credit.tier_changed', status: 'queued' });
  });

  it('between the old day’s snapshot and the new current one: no day is lost, none is listed twice', async () => {
    // The first batch (D1 as a snapshot) reaches the table; the second (D2 as current) is throttled.
    const mock = faults();
    const real = createDocumentClient(inject('dynamoEndpoint'));
    mock
      .on(BatchWriteCommand)
      .callsFakeOnce((input) => real.send(new BatchWriteCommand(input)))
      .rejectsOnce(throttled());
    const error = await failure(classifyMines(db, D2, ['m-cut']));
    expect(error.name).toBe('ProvisionedThroughputExceededException');
    expect(await snapshotItem(db, 'm-cut', D1)).toMatchObject({ asOf: D1, tier: 'A' });
    expect(await currentCreditItem(db, 'm-cut')).toMatchObject({ asOf: D1, tier: 'A' });
    const days = async () =>
      (await creditHistory(ctx.as(INSPECTOR), 'm-cut', {})).items.map((c) => [c.asOf, c.tier, c.previousTier]);
    // D1 is both the current item and a snapshot now: the history lists it once.
    expect(await days()).toEqual([[D1, 'A', null]]);

    await classifyMines(db, D2, ['m-cut']);
    expect(await days()).toEqual([
      [D2, 'B', 'A'],
      [D1, 'A', null],
    ]);
    expect(await tierChangeEvents(db, 'm-cut')).toHaveLength(1);
  });
});

describe('the notification of a tier change', () => {
  it('already recorded (its put fails its condition): the run goes on and stores the classification', async () => {
    const mock = faults();
    mock.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'None'));

    const result = await classifyMines(db, D2, ['m-recorded']);
    expect(result.changes).toEqual([{ mineId: 'm-recorded', from: 'A', to: 'B' }]);
    const [call] = mock.commandCalls(TransactWriteCommand);
    expect(call!.args[0].input.TransactItems![0]!.Put).toMatchObject({
      Item: { entity: 'notification', kind: 'credit.tier_changed' },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(await currentCreditItem(db, 'm-recorded')).toMatchObject({ asOf: D2, tier: 'B', previousTier: 'A' });
    // The transaction was cancelled whole: this run wrote no second event.
    expect(await tierChangeEvents(db, 'm-recorded')).toEqual([]);
  });

  it.each([
    ['a conflict with a concurrent transaction', 'm-conflict', 'TransactionConflict'],
    ['throttling inside the transaction', 'm-txthrottled', 'ThrottlingError'],
  ])(
    'not recorded because of %s: the run fails and stores nothing; the next run records the change once',
    async (_, mineId, code) => {
      const mock = faults();
      mock.on(TransactWriteCommand).rejectsOnce(cancelled(code, 'None'));

      await failure(classifyMines(db, D2, [mineId]));
      expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(0);
      expect(await currentCreditItem(db, mineId)).toMatchObject({ asOf: D1, tier: 'A' });
      expect(await notificationsOf(db, mineId)).toEqual([]);

      await classifyMines(db, D2, [mineId]);
      expect(await currentCreditItem(db, mineId)).toMatchObject({ asOf: D2, tier: 'B', previousTier: 'A' });
      expect(await tierChangeEvents(db, mineId)).toHaveLength(1);
      expect(await notificationsOf(db, mineId)).toHaveLength(1);
    },
  );
});
