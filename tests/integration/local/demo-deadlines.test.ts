// The list of deadlines reads only the attributes the reminded kinds declare (REMINDER_READS), not whole records.
// On the whole demo as `npm start` seeds it: every item on the due-date index is worded the same from those
// attributes as from the whole item, at each stage the list and the scan word it at, so a kind that reads an
// attribute it did not declare (through a cast the compiler cannot see into) fails here.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DueItem, ReminderContext } from '#lib/notifications/dated-kind.ts';
import { datedKindOf, REMINDER_READS } from '#lib/reminders/dated-kinds.ts';
import type { Db } from '#lib/store/db.ts';
import { parseDueSk } from '#lib/store/due-index.ts';
import { seedWholeDemo } from '../../support/demo-seed.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-deadlines-test-key';

let due: DueItem[];

beforeAll(async () => {
  const db: Db = await testDb();
  await seedWholeDemo(db);
  due = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        ExclusiveStartKey: start,
        FilterExpression: 'begins_with(GSI2PK, :due)',
        ExpressionAttributeValues: { ':due': 'DUE#' },
      }),
    );
    due.push(...((page.Items ?? []) as DueItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
}, 240_000);

const projected = (item: DueItem): DueItem =>
  Object.fromEntries(
    Object.entries(item).filter(([k]) => k === 'GSI2SK' || REMINDER_READS.includes(k)),
  ) as unknown as DueItem;

const context = (daysLeft: number, rule: string, mineId: string | undefined): ReminderContext => ({
  rule,
  name: '某煤矿',
  mineId,
  mineStatus: 'producing',
  due: '2026-12-31',
  stage: { stage: 'list', daysLeft, escalate: daysLeft < -7 },
  theMine: [{ type: 'mine', mineId: mineId ?? 'm-x' }],
  official: [{ type: 'user', userId: 'official', name: '包保人' }],
  leaders: [{ type: 'leaders', jurisdiction: 'j' }],
  escalation: daysLeft < -7 ? [{ type: 'leaders', jurisdiction: 'j' }] : [],
});

describe('the list of deadlines reads only what the reminders are worded from', () => {
  it('words every demo item on the index the same from the declared attributes as from the whole item', () => {
    const kinds = new Set<string>();
    for (const item of due) {
      const { kind: indexKind, mineId } = parseDueSk(item.GSI2SK);
      const kind = datedKindOf(indexKind);
      if (!kind || 'notReminded' in kind) continue;
      kinds.add(indexKind);
      const few = projected(item);
      const rule = kind.ruleOf(item);
      expect(kind.ruleOf(few), item.GSI2SK).toBe(rule);
      if (!rule) continue;
      for (const daysLeft of [30, 0, -3, -10])
        expect(kind.reminder(few, context(daysLeft, rule, mineId)), item.GSI2SK).toEqual(
          kind.reminder(item, context(daysLeft, rule, mineId)),
        );
    }
    // The demo's kinds on the index: the check is not vacuous (the others are held to their declaration by the
    // compiler only).
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'BLACKLISTEND',
        'CASE',
        'CERTIFICATE',
        'DUTY',
        'HAZARD',
        'INSPECTIONDUE',
        'LICENCE',
        'PENALTY',
      ]),
    );
  });
});
