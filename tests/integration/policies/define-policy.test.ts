// A declared policy on DynamoDB Local: inherited down the path (district → city → province → default), versioned
// per jurisdiction, a stale version refused with 409 naming body.version, every version audited with its reason, a
// change merged over the values in force and checked whole, the ref of a past version giving back its values, a
// version stored before a setting was added reading that setting's default, and one read per jurisdiction a run.

import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ConflictError, type DomainError, RuleError, ValidationError } from '#lib/errors.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import type { AuditEvent } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, bureau } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const PROVINCE = 'hlj';
const CITY = 'hlj/hegang';
const DISTRICT = 'hlj/hegang/dongshan';
const SIBLING = 'hlj/hegang/xingshan';
const OTHER_PROVINCE = 'jl';

const first = {
  days: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
  floors: z.strictObject({ high: z.number().check(z.minimum(0), z.maximum(100)), low: z.number() }),
  codes: z.array(z.string()),
};
const schema = z
  .strictObject(first)
  .check(z.refine((p) => p.floors.high > p.floors.low, { message: '上限须高于下限', path: ['floors'] }));
const DEFAULTS = { days: 7, floors: { high: 90, low: 60 }, codes: ['a'] };
const policy = definePolicy({ name: 'test-terms', label: '测试期限', field: 'terms', defaults: DEFAULTS, schema });

const ACTOR = { sub: 'admin@test', role: 'bureau_admin' };
const clock = testClock('2025-03-10T01:00:00.000Z');
let db: Db;
beforeAll(async () => {
  db = await testDb({ now: clock.now });
});

const setAt = (jurisdiction: string, changes: Record<string, unknown>, expectedVersion: number, reason = '调整') =>
  policy.set(db, ACTOR, { jurisdiction, changes, expectedVersion, reason });
const policyEvents = (jurisdiction: string) =>
  queryAll<AuditEvent>(db, { partition: pk.jurisdiction(jurisdiction), beginsWith: sk.auditPrefix, newestFirst: true });
async function refusal(p: Promise<unknown>, kind: new (...a: never[]) => DomainError): Promise<DomainError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as DomainError;
}

describe('inheritance down the path and versions per jurisdiction', () => {
  it('the default (version 0) where no jurisdiction on the path has its own', async () => {
    expect(await policy.inForce(db, DISTRICT)).toEqual({ values: DEFAULTS, ref: { definedAt: null, version: 0 } });
  });

  it('the province’s, then the city’s, then the district’s own, each nearest one winning', async () => {
    expect(await setAt(PROVINCE, { days: 10 }, 0)).toEqual({
      definedAt: PROVINCE,
      version: 1,
      ownVersion: 1,
      terms: { ...DEFAULTS, days: 10 },
    });
    expect(await policy.inForce(db, DISTRICT)).toEqual({
      values: { ...DEFAULTS, days: 10 },
      ref: { definedAt: PROVINCE, version: 1 },
    });

    // The city's first version: its change over what it inherited from the province.
    await setAt(CITY, { floors: { low: 50 } }, 0);
    const cityValues = { ...DEFAULTS, days: 10, floors: { high: 90, low: 50 } };
    expect(await policy.inForce(db, DISTRICT)).toEqual({ values: cityValues, ref: { definedAt: CITY, version: 1 } });

    await setAt(DISTRICT, { codes: ['x', 'y'] }, 0);
    expect(await policy.inForce(db, DISTRICT)).toEqual({
      values: { ...cityValues, codes: ['x', 'y'] },
      ref: { definedAt: DISTRICT, version: 1 },
    });
    // A sibling district still has the city's; the city and the province their own; another province the default.
    expect((await policy.inForce(db, SIBLING)).ref).toEqual({ definedAt: CITY, version: 1 });
    expect((await policy.inForce(db, CITY)).ref).toEqual({ definedAt: CITY, version: 1 });
    expect((await policy.inForce(db, PROVINCE)).ref).toEqual({ definedAt: PROVINCE, version: 1 });
    expect(await policy.inForce(db, OTHER_PROVINCE)).toEqual({
      values: DEFAULTS,
      ref: { definedAt: null, version: 0 },
    });
  });

  it('a later version of the province reaches only the jurisdictions that have none of their own below it', async () => {
    await setAt(PROVINCE, { days: 12 }, 1);
    expect((await policy.inForce(db, `${PROVINCE}/qiqihar/longsha`)).values.days).toBe(12);
    expect((await policy.inForce(db, DISTRICT)).values.days).toBe(10);
  });

  it('a stale version is a 409 naming body.version and the policy, and changes nothing', async () => {
    // The district's own version is asked for, not the one it inherited (the city's is also 1, the province's 2).
    const stale = await refusal(setAt(DISTRICT, { days: 20 }, 2), ConflictError);
    expect(stale.fields.map((f) => f.field)).toEqual(['body.version']);
    expect(stale.message).toContain('测试期限');
    expect(stale.message).toContain('第 1 版');
    await refusal(setAt(SIBLING, { days: 20 }, 1), ConflictError); // it has none of its own: 0
    expect((await policy.inForce(db, DISTRICT)).ref).toEqual({ definedAt: DISTRICT, version: 1 });
    expect((await policy.inForce(db, SIBLING)).ref).toEqual({ definedAt: CITY, version: 1 });
  });

  it('two writers who read the same version: one wins, the other gets 409', async () => {
    const results = await Promise.allSettled([
      setAt(DISTRICT, { days: 21 }, 1, '甲'),
      setAt(DISTRICT, { days: 22 }, 1, '乙'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect((await policy.inForce(db, DISTRICT)).ref).toEqual({ definedAt: DISTRICT, version: 2 });
  });

  it('each version is audited under its jurisdiction: who, before, after and the reason', async () => {
    const [latest, earlier] = (await policyEvents(DISTRICT)).filter((e) => e.action === 'policy.set');
    expect(earlier).toMatchObject({
      jurisdiction: DISTRICT,
      actor: ACTOR,
      entityType: 'policy',
      entityId: 'test-terms@1',
      before: null,
      after: { version: 1, thresholds: { codes: ['x', 'y'] } },
      reason: '调整',
    });
    expect(latest).toMatchObject({
      entityId: 'test-terms@2',
      before: { version: 1, thresholds: { codes: ['x', 'y'] } },
      after: { version: 2 },
    });
    expect(['甲', '乙']).toContain(latest!.reason);
    // The province's two versions are its own events, not the district's.
    expect((await policyEvents(PROVINCE)).map((e) => e.entityId)).toEqual(['test-terms@2', 'test-terms@1']);
  });

  it('the ref of a past version gives back its values, whatever came after', async () => {
    expect(await policy.valuesAt(db, { definedAt: PROVINCE, version: 1 })).toEqual({ ...DEFAULTS, days: 10 });
    expect(await policy.valuesAt(db, { definedAt: PROVINCE, version: 2 })).toEqual({ ...DEFAULTS, days: 12 });
    expect(await policy.valuesAt(db, { definedAt: DISTRICT, version: 1 })).toMatchObject({
      days: 10,
      codes: ['x', 'y'],
    });
    expect(await policy.valuesAt(db, { definedAt: null, version: 0 })).toEqual(DEFAULTS);
    expect(await policy.valuesAt(db, { definedAt: DISTRICT, version: 9 })).toBeUndefined();
    expect(await policy.valuesAt(db, { definedAt: OTHER_PROVINCE, version: 1 })).toBeUndefined();
  });
});

describe('a change', () => {
  const J = 'ln/fuxin/xinqiu'; // under no jurisdiction with a version of its own

  it('outside a bound is a 400 naming the field, and stores nothing', async () => {
    for (const [changes, field] of [
      [{ days: 31 }, 'body.terms.days'],
      [{ days: 0 }, 'body.terms.days'],
      [{ floors: { high: 100.5 } }, 'body.terms.floors.high'],
      [{ floors: { low: 95 } }, 'body.terms.floors'], // the rule across settings, judged on the merged whole
      [{ retired: 1 }, 'body.terms.retired'],
    ] as const) {
      const refused = await refusal(setAt(J, changes, 0), ValidationError);
      expect(refused.fields.map((f) => f.field)).toEqual([field]);
    }
    expect((await policy.inForce(db, J)).ref).toEqual({ definedAt: null, version: 0 });
  });

  it('at a bound is taken; what it leaves out keeps its value in force; a list is replaced whole', async () => {
    expect((await setAt(J, { days: 30, codes: ['p', 'q'] }, 0)).terms).toEqual({
      ...DEFAULTS,
      days: 30,
      codes: ['p', 'q'],
    });
    expect((await setAt(J, { days: 1, floors: { high: 61 } }, 1)).terms).toEqual({
      days: 1,
      floors: { high: 61, low: 60 },
      codes: ['p', 'q'],
    });
    expect((await setAt(J, { codes: [] }, 2)).terms).toEqual({ days: 1, floors: { high: 61, low: 60 }, codes: [] });
  });
});

describe('a version stored before a setting was added', () => {
  it('reads with that setting’s default, for the values in force and for its ref; a change keeps it', async () => {
    const J = 'hlj/shuangyashan';
    await setAt(J, { days: 3 }, 0);
    // The product adds a setting (and a field of a nested object) with its default.
    const grown = definePolicy({
      name: 'test-terms',
      label: '测试期限',
      field: 'terms',
      defaults: { ...DEFAULTS, floors: { ...DEFAULTS.floors, floor: 10 }, nightly: true },
      schema: z.strictObject({
        ...first,
        floors: z.strictObject({ high: z.number(), low: z.number(), floor: z.number() }),
        nightly: z.boolean(),
      }),
    });
    const expected = { days: 3, floors: { high: 90, low: 60, floor: 10 }, codes: ['a'], nightly: true };
    expect(await grown.inForce(db, `${J}/sub`)).toEqual({ values: expected, ref: { definedAt: J, version: 1 } });
    expect(await grown.valuesAt(db, { definedAt: J, version: 1 })).toEqual(expected);
    expect(
      (await grown.set(db, ACTOR, { jurisdiction: J, changes: { nightly: false }, expectedVersion: 1 })).terms,
    ).toEqual({ ...expected, nightly: false });
    // The older declaration reads the newer version without the setting it does not know.
    expect((await policy.inForce(db, J)).values).toEqual({ ...DEFAULTS, days: 3 });
  });
});

describe('the caller’s jurisdiction (GET and PUT)', () => {
  const J = 'hlj/jiamusi/qianjin';

  it('reads what is in force for the caller and writes a version for the caller’s own jurisdiction', async () => {
    const store = new TenantStore(db, admin(J, 'admin-qj'));
    // Inherited: the province's version 2 is in force, and a PUT of this jurisdiction sends its own, 0.
    const inherited = await policy.get(store);
    expect(inherited).toEqual({ definedAt: PROVINCE, version: 2, ownVersion: 0, terms: { ...DEFAULTS, days: 12 } });
    const outcome = await policy.put(store, {
      version: inherited.ownVersion,
      terms: { floors: { high: 95 } },
      reason: '本局标准',
    });
    // A policy without guarded settings: every change is in force at once.
    expect(outcome.pending).toBe(false);
    const saved = outcome.pending ? undefined : outcome.view;
    expect(saved).toEqual({
      definedAt: J,
      version: 1,
      ownVersion: 1,
      terms: { ...DEFAULTS, days: 12, floors: { high: 95, low: 60 } },
    });
    expect(await policy.get(new TenantStore(db, bureau('inspector', J)))).toEqual(saved);
    const [event] = await policyEvents(J);
    expect(event).toMatchObject({ actor: { sub: 'admin-qj', role: 'bureau_admin' }, reason: '本局标准' });
  });
});

describe('a policy some jurisdictions may not set', () => {
  const WHY = '区县局不能设置测试期限';
  const cityOnly = definePolicy({
    name: 'test-city-only',
    label: '测试期限',
    field: 'terms',
    defaults: DEFAULTS,
    schema,
    notSettableAt: (j) => (j.split('/').length >= 3 ? WHY : undefined),
  });

  it('refuses a district with 422 naming why, through put, preview and set alike, and stores nothing', async () => {
    const store = new TenantStore(db, admin(DISTRICT, 'admin-ds'));
    const body = { version: 0, terms: { days: 9 }, reason: '本局标准' };
    for (const attempt of [
      () => cityOnly.put(store, body),
      () => cityOnly.preview(store, body),
      () => cityOnly.set(db, ACTOR, { jurisdiction: DISTRICT, changes: { days: 9 }, expectedVersion: 0 }),
    ]) {
      const error = await refusal(attempt(), RuleError);
      expect(error.message).toBe(WHY);
      expect(error.fields).toEqual([{ field: 'body.terms', message: WHY }]);
    }
    expect(await cityOnly.inForce(db, DISTRICT)).toEqual({ values: DEFAULTS, ref: { definedAt: null, version: 0 } });
  });

  it('takes the city’s, which its districts then read', async () => {
    const saved = await cityOnly.put(new TenantStore(db, admin(CITY, 'admin-hg')), {
      version: 0,
      terms: { days: 9 },
      reason: '市局统一',
    });
    expect(saved.pending).toBe(false);
    expect(await cityOnly.inForce(db, DISTRICT)).toEqual({
      values: { ...DEFAULTS, days: 9 },
      ref: { definedAt: CITY, version: 1 },
    });
  });
});

describe('a run over many mines', () => {
  it('reads each jurisdiction’s policy once, and keeps it for the whole run', async () => {
    const J = 'hlj/yichun';
    const reads = { n: 0 };
    const counting = watchedDb(db, { sent: () => void reads.n++ });
    const inForce = policy.cache(counting);
    const [a, b] = await Promise.all([inForce(J), inForce(J)]);
    expect(a).toBe(b);
    expect(reads.n).toBe(1);
    await setAt(J, { days: 2 }, 0);
    expect((await inForce(J)).values.days).toBe(12);
    expect(reads.n).toBe(1);
    await inForce(`${J}/other`);
    expect(reads.n).toBe(2);
    expect((await policy.cache(db)(J)).values.days).toBe(2);
  });
});
