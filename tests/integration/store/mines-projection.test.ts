// Several mines read for a list (store.mines) with only the attributes the list uses, on DynamoDB Local: the check of
// who sees which mine holds as it does on whole profiles, and nothing else of a profile is carried.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMine } from '#lib/registry/mines.ts';
import { batchGet } from '#lib/store/batch.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { type DistrictDb, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { admin, bureau, mineInput } from '../../support/registry-fixtures.ts';

const OTHER = 'hlj/hegang/xingshan';
let ctx: DistrictDb;

beforeAll(async () => {
  ctx = await districtDb('2026-11-28', ['m-proj-a', 'm-proj-b']);
  await createMine(ctx.as(admin('hlj', 'province-admin')), mineInput('m-proj-x', { jurisdiction: OTHER }));
});

describe('store.mines with a projection', () => {
  const ids = ['m-proj-a', 'm-proj-b', 'm-proj-x', 'm-proj-none'];

  it('answers the mines the caller sees with their id, jurisdiction and the attributes asked for, nothing more', async () => {
    const { profiles } = await ctx
      .as(INSPECTOR)
      .mines<{ mineId: string; jurisdiction: string; name: string }>(ids, ['name']);
    expect(profiles.sort((a, b) => a.mineId.localeCompare(b.mineId))).toEqual([
      { mineId: 'm-proj-a', jurisdiction: 'hlj/hegang/dongshan', name: 'm-proj-a 煤矿' },
      { mineId: 'm-proj-b', jurisdiction: 'hlj/hegang/dongshan', name: 'm-proj-b 煤矿' },
    ]);
  });

  it('an empty list of attributes is the visibility check alone; another district sees its own mine only', async () => {
    const { profiles } = await ctx.as(bureau('inspector', OTHER, 'insp-x')).mines(ids, []);
    expect(profiles).toEqual([{ mineId: 'm-proj-x', jurisdiction: OTHER }]);
  });

  it('without a projection, whole profiles, as before', async () => {
    const { profiles } = await ctx.as(INSPECTOR).mines(['m-proj-a']);
    const [whole] = await batchGet<Record<string, unknown>>(ctx.db, [{ PK: pk.mine('m-proj-a'), SK: sk.profile }]);
    expect(profiles).toEqual([whole]);
    expect(Object.keys(whole!).length).toBeGreaterThan(10);
  });
});
