// The demo district as `npm start` seeds it, read back from the table: every date that records something already
// done (a licence issued, a duty done, a hazard found, an act, an accident, an inspection, a notice served, a reading)
// is on or before the day it was seeded, and every licence is issued before it expires.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#lib/store/db.ts';
import { daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_MINES } from '#local/seed/demo-district.ts';
import { seedWholeDemo } from '../../support/demo-seed.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-dates-test-key';

type Item = Record<string, any>;

/** By stored entity, the dates of things already done; every entity listed here is in the demo. */
const PAST_DATES: Record<string, (item: Item) => (string | undefined)[]> = {
  mine: (m) => [m.statusSince],
  licence: (l) => [l.issuedOn],
  periodicDuty: (d) => [d.lastDoneOn],
  hazard: (h) => [h.foundOn],
  violation: (v) => [v.date],
  accident: (a) => [a.date],
  inspection: (i) => [i.doneOn],
  safetyCommitment: (c) => [c.filedOn],
  blacklistEntry: (e) => [e.notice?.servedOn, ...(e.objections ?? []).map((o: Item) => o.receivedOn), e.listedOn],
  publicBlacklistEntry: (e) => [e.listedOn],
  reading: (r) => [r.date],
  case: (c) => [c.openedOn],
};
/** Not in the demo as seeded (no penalty is executed yet), checked should one be. */
const PAST_DATES_WHEN_PRESENT: Record<string, (item: Item) => (string | undefined)[]> = {
  penalty: (p) => [p.executedOn],
};

let db: Db;
let today: string;
let items: Item[];

async function scanAll(db: Db): Promise<Item[]> {
  const all: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    all.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return all;
}

beforeAll(async () => {
  db = await testDb();
  await seedWholeDemo(db);
  today = todayInShanghai(db.now());
  items = await scanAll(db);
});

describe('the demo district’s dates', () => {
  it('has nothing done after the day it was seeded', () => {
    const checked = new Map<string, number>();
    const future: string[] = [];
    for (const item of items) {
      const datesOf = PAST_DATES[item.entity] ?? PAST_DATES_WHEN_PRESENT[item.entity];
      if (!datesOf) continue;
      for (const date of datesOf(item).filter((d) => d !== undefined)) {
        checked.set(item.entity, (checked.get(item.entity) ?? 0) + 1);
        if (date > today) future.push(`${item.entity} ${item.PK} ${item.SK}: ${date}`);
      }
    }
    expect(future, `after ${today}`).toEqual([]);
    // Every kind of record was there to be checked: the test cannot pass on an empty or renamed table.
    for (const entity of Object.keys(PAST_DATES)) expect(checked.get(entity), entity).toBeGreaterThan(0);
  });

  it('has each mine’s five licences, each issued before it expires', () => {
    const licences = items.filter((i) => i.entity === 'licence');
    expect(licences).toHaveLength(DEMO_MINES.length * 5);
    for (const l of licences) expect(l.issuedOn < l.expiresOn, `${l.mineId} ${l.type}`).toBe(true);
  });

  it('keeps its stories: licences expiring soon and two already expired, one of a producing mine', () => {
    const safety = items.filter((i) => i.entity === 'licence' && i.type === 'safety_production');
    const expiringIn = (l: Item) => daysBetween(today, l.expiresOn);
    expect(
      safety
        .filter((l) => expiringIn(l) < 0)
        .map((l) => l.mineId)
        .sort(),
    ).toEqual(['m-demo06', 'm-demo10']);
    const soon = safety.filter((l) => expiringIn(l) >= 0 && expiringIn(l) <= 30).map((l) => l.mineId);
    expect(soon.sort()).toEqual(['m-demo12', 'm-taiyuan']);
  });
});
