// The preview of a change of the review's thresholds on the demo district: every mine reviewed on each of the last
// 30 days under both policies from the same stored data, with about two requests a mine and nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import { previewPowerPolicy } from '#lib/power/policy-preview.ts';
import type { StoredReview } from '#lib/power/review-mines.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { seedDemoDistrict } from '#local/seed/demo-district.ts';
import { DEMO_JURISDICTION } from '#local/seed/demo-jurisdiction.ts';
import { seedDemoPower } from '#local/seed/demo-power.ts';
import { admin } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'policy-preview-test-key';

let db: Db;
let store: TenantStore;
let mines: number;
const NIGHT_MINE = 'm-demo11';

/** The requests `run` sends, by command name. */
async function requestsOf(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const name = 'countPreviewRequests';
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name, override: true },
  );
  try {
    await run();
  } finally {
    db.doc.middlewareStack.remove(name);
  }
  return sent;
}

const reviewsOf = (mineId: string) =>
  queryAll<StoredReview>(db, { partition: pk.mine(mineId), beginsWith: sk.review('') });

beforeAll(async () => {
  db = await testDb();
  ({ mines } = await seedDemoDistrict(db));
  await seedDemoPower(db);
  store = new TenantStore(db, admin(DEMO_JURISDICTION, 'demo-admin'));
}, 120_000);

describe('previewPowerPolicy on the demo district', () => {
  it('reviews every mine on each of the 30 days up to yesterday, with at most three requests a mine (readings, register, monitoring feeds), writing nothing', async () => {
    const before = await reviewsOf(NIGHT_MINE);
    let preview: Awaited<ReturnType<typeof previewPowerPolicy>> | undefined;
    const sent = await requestsOf(async () => {
      preview = await previewPowerPolicy(store, {
        version: 0,
        thresholds: { nightShareFactor: 5 },
        reason: '预览',
      });
    });
    const yesterday = addDays(todayInShanghai(db.now()), -1);
    expect(preview!.to).toBe(yesterday);
    expect(preview!.from).toBe(addDays(yesterday, -29));
    expect(preview!.totals.mines).toBe(mines);
    expect(preview!.totals.mineDays).toBe(mines * 30);
    expect(preview!.days).toHaveLength(30);
    expect(sent.length, sent.join(',')).toBeLessThanOrEqual(3 * mines + 4);
    expect(sent.filter((c) => !/^(Query|BatchGet|Get)/.test(c))).toEqual([]);
    expect(await reviewsOf(NIGHT_MINE)).toEqual(before);

    // The night-production mine's planted week loses its NIGHT_PRODUCTION finding under the loosened threshold, and
    // nothing else changes.
    const night = preview!.changes.filter((c) => c.mineId === NIGHT_MINE);
    expect(night.map((c) => c.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(yesterday, -i)));
    for (const day of night) {
      expect(day.before.rules).toContain('NIGHT_PRODUCTION');
      expect(day.after.rules).toEqual(day.before.rules.filter((r) => r !== 'NIGHT_PRODUCTION'));
    }
    expect(preview!.totals.changed).toBe(night.length);
  });

  it('counts the verdicts a tighter threshold turns, by from → to and per day', async () => {
    const preview = await previewPowerPolicy(store, {
      version: 0,
      thresholds: { maintenanceMultiplier: 1 },
      reason: '预览',
    });
    const shift = preview.totals.byVerdict.find((v) => v.from === 'normal' && v.to === 'anomaly');
    expect(shift?.count).toBeGreaterThan(0);
    expect(preview.days.reduce((n, d) => n + d.verdictsChanged, 0)).toBe(preview.totals.verdictsChanged);
    expect(preview.changes.length).toBe(Math.min(preview.totals.changed, 200));
    expect(preview.truncated).toBe(preview.totals.changed > 200);
  });

  it('changes nothing when the change keeps every value', async () => {
    const preview = await previewPowerPolicy(store, { version: 0, thresholds: {}, reason: '预览' });
    expect(preview.totals).toMatchObject({ changed: 0, verdictsChanged: 0, byVerdict: [] });
    expect(preview.changes).toEqual([]);
    expect(preview.truncated).toBe(false);
  });

  it('refuses a setting outside its bounds as the PUT does, naming it', async () => {
    await expect(
      previewPowerPolicy(store, { version: 0, thresholds: { nightShareFactor: 9 }, reason: '预览' }),
    ).rejects.toMatchObject({
      kind: 'validation',
      fields: [expect.objectContaining({ field: 'body.thresholds.nightShareFactor' })],
    });
  });

  it('refuses a stale version as the PUT does', async () => {
    await expect(
      previewPowerPolicy(store, { version: 3, thresholds: { spikeZ: 6 }, reason: '预览' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });
});
