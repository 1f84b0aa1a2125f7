// The demo district's 执法公示 as `npm start` seeds it: the warning decided today published by the disclosure run
// (the manager's name as 某, his mobile removed), the district's statistics of the year; the seed again changes
// nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPublicDisclosure, listPublicDisclosures, listPublicStatistics } from '#lib/disclosure/disclosures.ts';
import type { Db } from '#lib/store/db.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { seedDemoDisclosure } from '#local/seed/demo-disclosure.ts';
import { DEMO_JURISDICTION } from '#local/seed/demo-district.ts';
import { seedWholeDemo } from '../../support/demo-seed.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-disclosure-test-key';

let db: Db;
let today: string;

beforeAll(async () => {
  db = await testDb();
  await seedWholeDemo(db);
  today = todayInShanghai(db.now());
}, 120_000);

describe('the demo district’s disclosure', () => {
  it('publishes the demo warning with the person masked', async () => {
    const page = await listPublicDisclosures(db, { q: '东山演示十矿' });
    expect(page.items).toHaveLength(1);
    const d = await getPublicDisclosure(db, page.items[0]!.disclosureId);
    expect(d).toMatchObject({ kind: 'warning', decidedOn: today, publishedOn: today });
    expect(d.facts).toContain('矿长赵某');
    expect(JSON.stringify(d)).not.toMatch(/赵大勇|13900001111/);
  });

  it('publishes the district’s statistics of the year', async () => {
    const { items } = await listPublicStatistics(db, { year: today.slice(0, 4) });
    const ours = items.find((s) => s.jurisdiction === DEMO_JURISDICTION);
    expect(ours?.penaltiesByKind.find((k) => k.kind === 'warning')?.count).toBeGreaterThanOrEqual(1);
  });

  it('is idempotent: a second seed decides and publishes nothing new', async () => {
    const again = await seedDemoDisclosure(db);
    expect(again.penaltyId).toBeUndefined();
    expect(again.published).toEqual([]);
    expect((await listPublicDisclosures(db, { q: '东山演示十矿' })).items).toHaveLength(1);
  });
});
