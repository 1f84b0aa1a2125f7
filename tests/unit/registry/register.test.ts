// The versioned register and the grid accounts as pure rules: which version is in force on a day (both sides of each
// effective date), the register of a day, how an account is bound and released by date, and the request flow's
// declaration. Properties: a version appended (never dated before the latest) changes no earlier day; a sequence of
// bindings and releases never gives an account two meters on one day, and never moves a day before the change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemFromDomainError } from '#lib/http/problem.ts';
import { type AccountBinding, bind, bindingOn, release } from '#lib/registry/grid-accounts.ts';
import {
  type EquipmentFields,
  fieldsOn,
  type RegisterItem,
  type RegisterVersion,
  registerOnDate,
  versionOn,
} from '#lib/registry/register.ts';
import { REGISTER_REQUEST_WORKFLOW } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { decide } from '#lib/workflow/engine.ts';
import { declarationProblems } from '#lib/workflow/well-formed.ts';

const by = { sub: 'admin-1', role: 'bureau_admin' };
const fan = (ratedKw: number, mustRunWhenStopped = true): EquipmentFields => ({
  name: '主通风机',
  ratedKw,
  circuit: 'ventilation',
  mustRunWhenStopped,
});
const v = <F>(effectiveFrom: string, fields?: F): RegisterVersion<F> => ({
  effectiveFrom,
  ...(fields ? { fields } : { removed: true as const }),
  recordedBy: by,
  recordedAt: `${effectiveFrom}T00:00:00.000Z`,
});

describe('the version in force on a day', () => {
  // 250 kW from 03-01, 300 kW from 03-10, removed from 03-20, back at 100 kW from 04-01.
  const versions = [
    v('2025-03-01', fan(250)),
    v('2025-03-10', fan(300)),
    v<EquipmentFields>('2025-03-20'),
    v('2025-04-01', fan(100)),
  ];
  it.each([
    ['2025-02-28', undefined],
    ['2025-03-01', 250],
    ['2025-03-09', 250],
    ['2025-03-10', 300],
    ['2025-03-19', 300],
    ['2025-03-20', undefined],
    ['2025-03-31', undefined],
    ['2025-04-01', 100],
    ['2031-01-01', 100],
  ])('on %s: %s kW', (date, kw) => {
    expect(fieldsOn(versions, date)?.ratedKw).toBe(kw);
  });

  it('two versions from the same day: the later one counts (a correction on the day)', () => {
    const same = [v('2025-03-01', fan(250)), v('2025-03-01', fan(260))];
    expect(fieldsOn(same, '2025-03-01')?.ratedKw).toBe(260);
    expect(versionOn(same, '2025-02-28')).toBeUndefined();
  });
});

describe('the register of a day', () => {
  const item = <K extends 'equipment' | 'meter'>(
    kind: K,
    itemId: string,
    versions: RegisterItem<K>['versions'],
  ): RegisterItem<K> => ({
    kind,
    mineId: 'm-1',
    itemId,
    versions,
    version: versions.length,
    createdAt: '',
    updatedAt: '',
  });
  const items = [
    item('equipment', 'pump-2', [v('2025-03-01', { ...fan(160, false), circuit: 'drainage' as const })]),
    item('equipment', 'fan-1', [v('2025-03-01', fan(250)), v('2025-06-01', fan(250, false))]),
    item('meter', 'main', [v('2025-03-01', { name: '总表', multiplier: 1, gridAccountNo: '2304060001' })]),
    item('meter', 'old', [v('2025-03-01', { name: '旧表', multiplier: 1 }), v<never>('2025-05-01')]),
    item('meter', 'new', [v('2025-05-01', { name: '新表', multiplier: 40 })]),
  ];

  it('holds the equipment and meters in force that day, by id', () => {
    const april = registerOnDate(items, '2025-04-30');
    expect(april.equipment.map((e) => [e.equipmentId, e.mustRunWhenStopped])).toEqual([
      ['fan-1', true],
      ['pump-2', false],
    ]);
    expect(april.meters.map((m) => m.meterId)).toEqual(['main', 'old']);
    const may = registerOnDate(items, '2025-05-01');
    expect(may.meters.map((m) => m.meterId)).toEqual(['main', 'new']);
    expect(registerOnDate(items, '2025-06-01').equipment.find((e) => e.equipmentId === 'fan-1')).toMatchObject({
      mustRunWhenStopped: false,
    });
    expect(registerOnDate(items, '2025-02-28')).toEqual({ date: '2025-02-28', equipment: [], meters: [] });
  });
});

describe('property: a version appended changes no day before it', () => {
  const day0 = '2025-01-01';
  it('every day before the new version reads what it read before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.nat(20), kw: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        (steps) => {
          let versions: RegisterVersion<EquipmentFields>[] = [];
          let date = day0;
          for (const step of steps) {
            date = addDays(date, step.gap);
            const before = Array.from({ length: 40 }, (_, i) => addDays(day0, i * 7)).filter((d) => d < date);
            const read = before.map((d) => fieldsOn(versions, d));
            versions = [...versions, v(date, step.kw === undefined ? undefined : fan(step.kw))];
            expect(before.map((d) => fieldsOn(versions, d))).toEqual(read);
            expect(fieldsOn(versions, date)?.ratedKw).toBe(step.kw);
          }
        },
      ),
    );
  });
});

describe('grid account bindings', () => {
  const A = { mineId: 'm-a', meterId: 'main' };
  const B = { mineId: 'm-b', meterId: 'main' };
  const boundToA: AccountBinding[] = [{ ...A, from: '2025-03-01' }];

  it('a new account is bound from the day given', () => {
    expect(bind([], A, '2025-03-01')).toEqual({ bindings: boundToA });
  });

  it.each([
    ['while A holds it', boundToA, '2025-06-01'],
    ['before A released it', [{ ...A, from: '2025-03-01', until: '2025-05-31' }], '2025-05-31'],
  ])('another meter may not take it %s', (_, bindings, from) => {
    expect(bind(bindings, B, from)).toEqual({ taken: bindings.at(-1) });
  });

  it('the day after A released it, B may take it; each day keeps its meter', () => {
    const released = release(boundToA, A, '2025-06-01');
    expect(released).toEqual([{ ...A, from: '2025-03-01', until: '2025-05-31' }]);
    const result = bind(released, B, '2025-06-01');
    if (!('bindings' in result)) throw new Error('refused');
    expect(bindingOn(result.bindings, '2025-02-28')).toBeUndefined();
    expect(bindingOn(result.bindings, '2025-03-01')).toMatchObject(A);
    expect(bindingOn(result.bindings, '2025-05-31')).toMatchObject(A);
    expect(bindingOn(result.bindings, '2025-06-01')).toMatchObject(B);
  });

  it('released on the day it was bound, the binding never began and is dropped', () => {
    expect(release(boundToA, A, '2025-03-01')).toEqual([]);
  });

  it('a meter that does not hold the account releases nothing', () => {
    expect(release(boundToA, B, '2025-06-01')).toBe(boundToA);
    expect(release([], A, '2025-06-01')).toEqual([]);
  });

  it('binding the meter that holds it again changes nothing', () => {
    expect(bind(boundToA, A, '2025-04-01')).toEqual({ bindings: boundToA });
  });
});

describe('property: an account has at most one meter a day, and a change moves no earlier day', () => {
  const meters = [
    { mineId: 'm-a', meterId: 'main' },
    { mineId: 'm-a', meterId: 'hoist' },
    { mineId: 'm-b', meterId: 'main' },
  ];
  it('holds over any sequence of binds and releases on days that only move forward', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('bind', 'release'), meter: fc.nat(2), gap: fc.nat(10) }), {
          maxLength: 30,
        }),
        (ops) => {
          let bindings: readonly AccountBinding[] = [];
          let date = '2025-01-01';
          const meterOn = (d: string) => {
            const b = bindingOn(bindings, d);
            return b && `${b.mineId}/${b.meterId}`;
          };
          for (const op of ops) {
            date = addDays(date, op.gap);
            const earlier = Array.from({ length: 30 }, (_, i) => addDays('2025-01-01', i * 10)).filter((d) => d < date);
            const before = earlier.map(meterOn);
            const meter = meters[op.meter]!;
            if (op.op === 'bind') {
              const result = bind(bindings, meter, date);
              if ('bindings' in result) bindings = result.bindings;
            } else bindings = release(bindings, meter, date);
            expect(earlier.map(meterOn)).toEqual(before);
            for (let i = 1; i < bindings.length; i++) {
              const prev = bindings[i - 1]!;
              expect(prev.until, 'only the last binding is open').toBeDefined();
              expect(prev.until! < bindings[i]!.from, 'bindings never overlap').toBe(true);
            }
            for (const b of bindings) if (b.until) expect(b.from <= b.until).toBe(true);
          }
        },
      ),
    );
  });
});

describe('the request flow', () => {
  const mineStaff = { sub: 'staff@m-a', role: 'mine_user' };
  const inspector1 = { sub: 'insp-1', role: 'inspector' };
  const inspector2 = { sub: 'insp-2', role: 'inspector' };
  const attempt = (action: 'approve' | 'reject', actor: { sub: string; role: string }, requester = mineStaff) =>
    decide(REGISTER_REQUEST_WORKFLOW, {
      state: 'pending',
      action,
      actor,
      history: [{ action: 'request', by: requester }],
    });

  it('is well formed', () => {
    expect(declarationProblems(REGISTER_REQUEST_WORKFLOW)).toEqual([]);
  });

  it.each([
    ['an inspector approves a mine’s request', 'approve', inspector1, mineStaff, 'approved'],
    ['an admin approves an inspector’s request', 'approve', { sub: 'a', role: 'bureau_admin' }, inspector1, 'approved'],
    ['another inspector approves an inspector’s request', 'approve', inspector2, inspector1, 'approved'],
    ['the requesting inspector rejects (withdraws) it', 'reject', inspector1, inspector1, 'rejected'],
  ] as const)('%s', (_, action, actor, requester, to) => {
    expect(attempt(action, actor, requester)).toEqual({ allowed: true, to });
  });

  it.each([
    ['the mine approves its own request', 'approve', mineStaff, mineStaff, 403],
    ['the mine rejects it', 'reject', mineStaff, mineStaff, 403],
    ['a legal reviewer approves', 'approve', { sub: 'lr', role: 'legal_reviewer' }, mineStaff, 403],
    ['the requesting inspector approves (four-eyes)', 'approve', inspector1, inspector1, 422],
  ] as const)('%s: refused with %i', (_, action, actor, requester, status) => {
    const d = attempt(action, actor, requester);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(problemFromDomainError(d.error).status).toBe(status);
  });

  it('a decided request is decided once', () => {
    const d = decide(REGISTER_REQUEST_WORKFLOW, {
      state: 'approved',
      action: 'reject',
      actor: inspector2,
      history: [{ action: 'request', by: mineStaff }],
    });
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(problemFromDomainError(d.error).status).toBe(422);
  });
});
