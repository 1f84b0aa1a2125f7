// A reminded kind's rule and reminder see only the attributes it declares (`reads`; remindedKind hands them no
// other), so the list of deadlines can ask the index for those alone. On the whole demo as `npm start` seeds it:
// every item on the due-date index is worded at each stage without a hole, so a kind whose reminder needs an
// attribute it did not declare (reached through a cast the compiler cannot see into) fails here with "undefined".
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DueItem, ReminderContext } from '#lib/notifications/dated-kind.ts';
import { datedKindOf } from '#lib/reminders/dated-kinds.ts';
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

describe('every reminder is worded from what its kind declares it reads', () => {
  it('words every demo item on the index at each stage without a missing value', () => {
    const kinds = new Set<string>();
    for (const item of due) {
      const { kind: indexKind, mineId } = parseDueSk(item.GSI2SK);
      const kind = datedKindOf(indexKind);
      if (!kind || 'notReminded' in kind) continue;
      kinds.add(indexKind);
      const rule = kind.ruleOf(item);
      if (!rule) continue;
      for (const daysLeft of [30, 0, -3, -10]) {
        const text = kind.reminder(item, context(daysLeft, rule, mineId));
        if (!text) continue;
        for (const words of [text.title, text.body, text.sms ?? '', text.ref.entityId])
          expect(words, `${item.GSI2SK} ${daysLeft}`).not.toMatch(/undefined|NaN|null|\[object /);
      }
    }
    // The demo's kinds on the index: the check is not vacuous (the others are worded by their capabilities' tests).
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
