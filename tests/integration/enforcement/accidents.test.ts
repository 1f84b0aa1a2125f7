// Accidents on DynamoDB Local: recorded with a level the casualties allow, found by id, listed by the jurisdiction
// and by level, a mine's accidents over a window for the blacklist (two 较大 in 12 months), corrected with a version
// and a reason (a concealment found later), one audit event per change, a stale correction changing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { accidentKeys } from '#lib/accidents/accident-item.ts';
import {
  accidentsOf,
  correctAccident,
  getAccident,
  listAccidents,
  listMineAccidents,
  recentAccidents,
  recordAccident,
} from '#lib/accidents/accidents.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, ValidationError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { admin, inspectorAt, minePartition, mineUser, partner } from '../../support/registry-fixtures.ts';
import { accidentBody, accidentCorrection, auditOf, enforcementDb, failure, TODAY } from './fixtures.ts';

let db: Db;
let as: (p: Principal) => TenantStore;
let ds: TenantStore;

beforeAll(async () => {
  ({ db, as } = await enforcementDb());
  ds = as(inspectorAt('hlj/hegang/dongshan', 'insp-ds'));
});

describe('recording an accident', () => {
  it('files it by date with its pointer and index, labelled, audited once', async () => {
    const a = await recordAccident(
      ds,
      'm-ds-1',
      accidentBody({ date: '2025-05-01', level: 'larger', deaths: 3, injuries: 4 }),
    );
    expect(a).toMatchObject({
      accidentId: expect.stringMatching(/^acc-/),
      level: 'larger',
      levelLabel: '较大事故',
      deaths: 3,
      injuries: 4,
      concealed: false,
      misreported: false,
      version: 1,
    });
    expect(await getItem(db, accidentKeys.item('m-ds-1', '2025-05-01', a.accidentId))).toMatchObject({
      GSI1PK: 'ACCIDENTS#hlj',
      GSI1SK: `hlj/hegang/dongshan/#2025-05-01#${a.accidentId}`,
    });
    expect(await getAccident(ds, a.accidentId)).toEqual(a);
    expect((await auditOf(db, 'm-ds-1', a.accidentId)).map((e) => e.action)).toEqual(['accident.recorded']);
  });

  it('refuses a future date, naming body.date, and writes nothing', async () => {
    const before = (await minePartition(db, 'm-ds-2')).length;
    const error = await failure(recordAccident(ds, 'm-ds-2', accidentBody({ date: addDays(TODAY, 1) })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([{ field: 'body.date', message: expect.any(String) }]);
    expect(await minePartition(db, 'm-ds-2')).toHaveLength(before);
  });
});

describe('correcting an accident', () => {
  it('a concealment found later: a new version, audited with before, after and the reason', async () => {
    const a = await recordAccident(ds, 'm-ds-2', accidentBody({ date: '2025-02-02' }));
    const c = await correctAccident(
      ds,
      a.accidentId,
      accidentCorrection({ version: 1, concealed: true, deaths: 2, reason: '群众举报，核查发现瞒报 1 人死亡' }),
    );
    expect(c).toMatchObject({ concealed: true, deaths: 2, version: 2, updatedBy: { sub: 'insp-ds' } });
    const events = await auditOf(db, 'm-ds-2', a.accidentId);
    expect(events.map((e) => e.action)).toEqual(['accident.corrected', 'accident.recorded']);
    expect(events[0]).toMatchObject({
      reason: '群众举报，核查发现瞒报 1 人死亡',
      before: { concealed: false, deaths: 1 },
      after: { concealed: true, deaths: 2 },
    });
    expect(await getAccident(as(mineUser('m-ds-2')), a.accidentId)).toEqual(c);
  });

  it('refuses a correction that leaves the level below what the casualties require, and a stale one; neither changes anything', async () => {
    const a = await recordAccident(ds, 'm-ds-2', accidentBody({ date: '2025-02-03', level: 'larger', deaths: 3 }));
    const stored = await getItem(db, accidentKeys.item('m-ds-2', '2025-02-03', a.accidentId));
    const tooLow = await failure(correctAccident(ds, a.accidentId, accidentCorrection({ version: 1, deaths: 12 })));
    expect(tooLow).toBeInstanceOf(ValidationError);
    expect(tooLow.fields).toEqual([{ field: 'body.level', message: expect.stringContaining('重大事故') }]);
    await correctAccident(ds, a.accidentId, accidentCorrection({ version: 1, deaths: 12, level: 'major' }));
    const after = await getItem(db, accidentKeys.item('m-ds-2', '2025-02-03', a.accidentId));
    expect(after).toMatchObject({ level: 'major', deaths: 12, version: 2 });
    expect(stored).toMatchObject({ version: 1 });
    const stale = await failure(
      correctAccident(ds, a.accidentId, accidentCorrection({ version: 1, misreported: true })),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect(await getItem(db, accidentKeys.item('m-ds-2', '2025-02-03', a.accidentId))).toEqual(after);
    expect(await auditOf(db, 'm-ds-2', a.accidentId)).toHaveLength(2);
  });

  it('a corrected date moves it with its pointer; a future one is refused', async () => {
    const a = await recordAccident(ds, 'm-ds-1', accidentBody({ date: '2024-12-31' }));
    const moved = await correctAccident(ds, a.accidentId, accidentCorrection({ version: 1, date: '2025-01-01' }));
    expect(await getItem(db, accidentKeys.item('m-ds-1', '2024-12-31', a.accidentId))).toBeUndefined();
    expect(await getAccident(ds, a.accidentId)).toEqual(moved);
    const future = await failure(
      correctAccident(ds, a.accidentId, accidentCorrection({ version: 2, date: addDays(TODAY, 3) })),
    );
    expect(future.fields).toEqual([{ field: 'body.date', message: expect.any(String) }]);
  });
});

describe('for the blacklist and the credit model', () => {
  it('accidentsOf gives a mine’s accidents within a window, oldest first, with their flags', async () => {
    const store = as(admin('hlj/hegang'));
    for (const [date, level, deaths, concealed] of [
      ['2024-03-01', 'larger', 3, false],
      ['2024-09-15', 'larger', 4, true],
      ['2023-01-01', 'larger', 5, false],
      ['2024-06-30', 'general', 0, false],
    ] as const) {
      await recordAccident(store, 'm-hg-0', accidentBody({ date, level, deaths, concealed }));
    }
    const year = await accidentsOf(db, 'm-hg-0', '2023-10-01', '2024-09-30');
    expect(year.map((a) => [a.date, a.level, a.concealed])).toEqual([
      ['2024-03-01', 'larger', false],
      ['2024-06-30', 'general', false],
      ['2024-09-15', 'larger', true],
    ]);
    expect(year.filter((a) => a.level === 'larger')).toHaveLength(2);
    expect(await accidentsOf(db, 'm-hg-0', '2024-03-01', '2024-03-01')).toHaveLength(1);
    expect((await recentAccidents(db, 'm-hg-0', 2)).map((a) => a.date)).toEqual(['2024-09-15', '2024-06-30']);
  });
});

describe('listing and tenancy', () => {
  it('lists by level and window for the jurisdiction and below it; a mine user its own', async () => {
    await recordAccident(as(admin('jl')), 'm-jl-1', accidentBody({ date: '2024-03-01', level: 'larger', deaths: 3 }));
    const hlj = await listAccidents(as(admin('hlj')), { level: 'larger', limit: 200 });
    expect(hlj.items.every((a) => a.level === 'larger')).toBe(true);
    expect(new Set(hlj.items.map((a) => a.mineId))).toEqual(new Set(['m-ds-1', 'm-hg-0']));
    const ds2 = await listAccidents(ds, { from: '2025-02-01', to: '2025-02-28' });
    expect(ds2.items.map((a) => a.date).sort()).toEqual(['2025-02-02', '2025-02-03']);
    expect(new Set((await listAccidents(as(mineUser('m-ds-1')), {})).items.map((a) => a.mineId))).toEqual(
      new Set(['m-ds-1']),
    );
    expect((await listMineAccidents(ds, 'm-ds-2', { level: 'major' })).items.map((a) => a.deaths)).toEqual([12]);
  });

  it('another jurisdiction, another mine or a partner: 404 on every door', async () => {
    const a = await recordAccident(ds, 'm-ds-1', accidentBody({ date: '2025-01-05' }));
    for (const p of [
      inspectorAt('hlj/hegang/xingshan'),
      admin('hlj/hegangx'),
      admin('jl'),
      mineUser('m-ds-2'),
      partner(),
    ]) {
      await expect(getAccident(as(p), a.accidentId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        correctAccident(as(p), a.accidentId, accidentCorrection({ version: 1, concealed: true })),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(listMineAccidents(as(p), 'm-ds-1', {})).rejects.toBeInstanceOf(NotFoundError);
      await expect(recordAccident(as(p), 'm-ds-1', accidentBody())).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await getAccident(ds, a.accidentId)).toMatchObject({ version: 1, concealed: false });
  });
});
