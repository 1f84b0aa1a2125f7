// The nightly disclosure run on DynamoDB Local: a penalty in force published once (a second night publishes
// nothing), a record filed under another district (a mine moved) re-filed under the penalty's district and never
// published twice, and the statistics item written.
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { type DisclosureRecord, disclosureKeys, disclosureRecordItem } from '#lib/disclosure/disclosure-item.ts';
import { listPublicDisclosures, listPublicStatistics } from '#lib/disclosure/disclosures.ts';
import { runDisclosure } from '#lib/disclosure/publication.ts';
import { createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody } from '#lib/penalties/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { put, transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION, seedDemoDistrict } from '#local/seed/demo-district.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'disclosure-publication-test-key';

const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'test-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '测试中队',
};

let db: Db;
let today: string;
let penaltyId: string;

beforeAll(async () => {
  db = await testDb();
  await seedDemoDistrict(db);
  today = todayInShanghai(db.now());
  const penalty = await createPenalty(
    new TenantStore(db, INSPECTOR),
    'm-demo03',
    z.parse(createPenaltyBody, {
      kind: 'warning',
      basis: '测试依据',
      description: '当事人：钱小二，未按规定佩戴自救器',
    }),
  );
  penaltyId = penalty.penaltyId;
}, 120_000);

const record = async () =>
  (await getItem<DisclosureRecord & { GSI1SK: string }>(db, disclosureKeys.record('m-demo03', penaltyId)))!;

describe('runDisclosure', () => {
  it('publishes a penalty in force once, masked, and writes the statistics', async () => {
    expect((await runDisclosure(db, today)).published).toEqual([penaltyId]);
    expect((await runDisclosure(db, today)).published).toEqual([]);
    const { items } = await listPublicDisclosures(db, {});
    expect(items.map((i) => [i.disclosureId, i.facts])).toEqual([[penaltyId, '当事人：钱某，未按规定佩戴自救器']]);
    const stats = (await listPublicStatistics(db, { year: today.slice(0, 4) })).items;
    expect(stats.find((s) => s.jurisdiction === DEMO_JURISDICTION)?.penalties).toBe(1);
  });

  it('re-files a record filed under another district instead of publishing the decision again', async () => {
    const filed = await record();
    const elsewhere = { ...filed, jurisdiction: 'hlj/hegang/xingshan' } as DisclosureRecord;
    await transact(db, [put(db, disclosureRecordItem(elsewhere))]);
    const moved = await record();
    expect([moved.jurisdiction, moved.GSI1SK]).toEqual(['hlj/hegang/xingshan', `hlj/hegang/xingshan/#${penaltyId}`]);
    const run = await runDisclosure(db, today);
    expect(run.published).toEqual([]);
    const after = await record();
    expect(after).toMatchObject({ jurisdiction: DEMO_JURISDICTION, version: filed.version + 1, status: 'published' });
    expect(after.GSI1SK).toBe(`${DEMO_JURISDICTION}/#${penaltyId}`);
    expect((await listPublicDisclosures(db, {})).items).toHaveLength(1);
  });
});
