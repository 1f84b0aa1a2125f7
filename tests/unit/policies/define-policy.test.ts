// A policy declaration and the five the product declares: the body of a PUT (the version read, the change, the
// reason), each setting's bounds at both edges with the 400 naming the field, the defaults within their own bounds,
// and the answer's shape. The store side (inheritance, versions, 409, audit) is tested on DynamoDB Local.

import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { acceptancePolicy } from '#lib/acceptance/acceptance-policy.ts';
import { blacklistPolicy } from '#lib/blacklist/blacklist-policy.ts';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import { ValidationError } from '#lib/errors.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import { lowerIsTighter, valueAt } from '#lib/policies/guarded.ts';
import { ratePolicy } from '#lib/policies/rate-policy.ts';
import { powerPolicy } from '#lib/power/power-policy.ts';
import { reminderPolicy } from '#lib/reminders/reminder-policy.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const fieldsOf = (schema: Parameters<typeof parsePart>[0], value: unknown): string[] => {
  try {
    parsePart(schema, value, 'body');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  return [];
};

const POLICIES = [
  powerPolicy,
  creditPolicy,
  penaltyPolicy,
  blacklistPolicy,
  reminderPolicy,
  ratePolicy,
  acceptancePolicy,
] as const;

describe('the policies', () => {
  it('have distinct stored names and Chinese labels', () => {
    expect(new Set(POLICIES.map((p) => p.name)).size).toBe(POLICIES.length);
    for (const p of POLICIES) expect(p.label).toMatch(/\p{Script=Han}/u);
  });

  it.each(POLICIES.map((p) => [p.name, p] as const))('%s: the defaults are within the bounds', (_, policy) => {
    expect(z.safeParse(policy.schema as z.ZodMiniType, policy.defaults).success).toBe(true);
  });

  it.each(POLICIES.map((p) => [p.name, p] as const))(
    '%s: its answer shows where, which version and the values',
    (_, policy) => {
      const bounds = policy.guarded.map((g) => ({
        setting: g.path,
        label: g.label,
        bound: g.outerBound ?? valueAt(policy.defaults, g.path),
        boundFrom: { definedAt: null, version: 0 },
        clamped: false,
      }));
      const view = {
        definedAt: null,
        version: 0,
        ownVersion: 0,
        [policy.field]: policy.defaults,
        ...(bounds.length ? { bounds } : {}),
      };
      expect(z.safeParse(policy.viewSchema as z.ZodMiniType, view).success).toBe(true);
    },
  );
});

/** A change of one setting at `path` (dotted) to `value`, as a PUT body. */
const changeAt = (field: string, path: string, value: unknown) => {
  const keys = path.split('.');
  const change = keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  return { version: 0, [field]: change, reason: '调整' };
};

describe('bounds: a setting at either edge is accepted, beyond either edge is a 400 naming it', () => {
  type Row = [
    policy: (typeof POLICIES)[number],
    path: string,
    lowest: unknown,
    highest: unknown,
    below: unknown,
    above: unknown,
  ];
  const rows: Row[] = [
    [penaltyPolicy, 'majorFineThresholdYuan', 0, 100_000_000, -0.01, 100_000_000.01],
    [penaltyPolicy, 'executionDueDays', 1, 365, 0, 366],
    [powerPolicy, 'maintenanceMultiplier', 1, 5, 0.99, 5.01],
    [powerPolicy, 'nightShareFactor', 1, 5, 0.99, 5.01],
    [powerPolicy, 'maintenanceLoadFactor', 0.05, 1, 0.049, 1.001],
    [powerPolicy, 'spikeZ', 2, 20, 1.99, 20.01],
    [powerPolicy, 'productionDaysPerYear', 200, 366, 199, 367],
    [powerPolicy, 'caseDeadlineDays', 1, 30, 0, 31],
    [powerPolicy, 'declarationTolerance', 0.01, 0.5, 0.009, 0.501],
    [powerPolicy, 'productionLevelShare', 0.1, 0.9, 0.099, 0.901],
    [powerPolicy, 'gasLimitPercent', 0.5, 2, 0.499, 2.001],
    [powerPolicy, 'sensorOfflineMaxHours', 0.5, 24, 0.499, 24.001],
    [powerPolicy, 'defaultDutyCrew', 0, 200, -1, 201],
    [powerPolicy, 'minimumProducingCrew', 1, 200, 0, 201],
    [acceptancePolicy, 'checkDays', 1, 60, 0, 61],
    [acceptancePolicy, 'approvalDays', 1, 30, 0, 31],
    [creditPolicy, 'baseScore', 1, 1000, 0, 1001],
    [creditPolicy, 'windowMonths', 1, 120, 0, 121],
    [creditPolicy, 'violationPoints.over_capacity', 0, 100, -0.5, 100.5],
    [creditPolicy, 'tierFloors.A', 0, 100, -1, 101],
    [creditPolicy, 'inspectionsPerYear.D', 1, 365, 0, 366],
    [creditPolicy, 'forceD.largerAccidentsInWindow', 0, 20, -1, 21],
    [blacklistPolicy, 'listingYears', 1, 10, 0, 11],
    [blacklistPolicy, 'objectionDays', 3, 60, 2, 61],
    [blacklistPolicy, 'earlyRemovalMonths', 6, 60, 5, 61],
    [reminderPolicy, 'hazard.escalateAfterDays', 0, 90, -1, 91],
    [reminderPolicy, 'licence_other.leadDays', [1], [120], [0], [121]],
  ];

  it.each(rows.map((r) => [`${r[0].name} ${r[1]}`, ...r] as const))(
    '%s',
    (_, policy, path, lowest, highest, below, above) => {
      const field = `body.${policy.field}.${path}${Array.isArray(below) ? '.0' : ''}`;
      expect(fieldsOf(policy.changeSchema, changeAt(policy.field, path, lowest))).toEqual([]);
      expect(fieldsOf(policy.changeSchema, changeAt(policy.field, path, highest))).toEqual([]);
      expect(fieldsOf(policy.changeSchema, changeAt(policy.field, path, below))).toEqual([field]);
      expect(fieldsOf(policy.changeSchema, changeAt(policy.field, path, above))).toEqual([field]);
    },
  );

  it.each<[string, (typeof POLICIES)[number], string, unknown]>([
    ['a fraction of a day', penaltyPolicy, 'executionDueDays', 1.5],
    ['a fraction of a day of the review', powerPolicy, 'windowDays', 28.5],
    ['a fraction of a month', creditPolicy, 'seriousWindowMonths', 36.5],
    ['a fraction of a year', blacklistPolicy, 'listingYears', 2.5],
    ['a fraction of a lead day', reminderPolicy, 'hazard.leadDays', [2.5]],
  ])('refuses %s where whole numbers are asked', (_, policy, path, value) => {
    expect(fieldsOf(policy.changeSchema, changeAt(policy.field, path, value))).toEqual([
      `body.${policy.field}.${path}${Array.isArray(value) ? '.0' : ''}`,
    ]);
  });

  it.each<[string, (typeof POLICIES)[number], string, unknown]>([
    ['a category the plan does not have', creditPolicy, 'seriousViolationCategories', ['not_a_category']],
    ['an accident level that does not exist', creditPolicy, 'forceD.accidentLevels', ['minor']],
    ['a penalty kind that does not exist', penaltyPolicy, 'majorKinds', ['detention']],
    ['a department code with capitals', blacklistPolicy, 'partnerDepartments', [{ code: 'NR', name: '自然资源局' }]],
  ])('refuses %s', (_, policy, path, value) => {
    expect(fieldsOf(policy.changeSchema, changeAt(policy.field, path, value))).toEqual([
      expect.stringMatching(new RegExp(`^body\\.${policy.field}\\.${path.replace('.', '\\.')}\\.0`)),
    ]);
  });
});

describe('the body of a PUT', () => {
  const policy = penaltyPolicy;

  it('takes the version read, any part of the settings, and a reason', () => {
    expect(fieldsOf(policy.changeSchema, { version: 0, thresholds: {}, reason: '无变化' })).toEqual([]);
    expect(fieldsOf(policy.changeSchema, { version: 3, thresholds: { executionDueDays: 20 }, reason: '调整' })).toEqual(
      [],
    );
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no reason', { version: 0, thresholds: {} }, ['body.reason']],
    ['an empty reason', { version: 0, thresholds: {}, reason: '  ' }, ['body.reason']],
    ['a reason over 500 characters', { version: 0, thresholds: {}, reason: '理'.repeat(501) }, ['body.reason']],
    ['no version', { thresholds: {}, reason: 'x' }, ['body.version']],
    ['a negative version', { version: -1, thresholds: {}, reason: 'x' }, ['body.version']],
    ['a fractional version', { version: 1.5, thresholds: {}, reason: 'x' }, ['body.version']],
    ['no settings', { version: 0, reason: 'x' }, ['body.thresholds']],
    ['settings under another policy’s key', { version: 0, terms: {}, thresholds: {}, reason: 'x' }, ['body.terms']],
    ['an unknown setting', { version: 0, thresholds: { fineCap: 1 }, reason: 'x' }, ['body.thresholds.fineCap']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(policy.changeSchema, body)).toEqual(fields);
  });

  it('of the reminder rules may change one field of one kind’s rule', () => {
    expect(
      fieldsOf(reminderPolicy.changeSchema, {
        version: 0,
        rules: { hazard: { escalateAfterDays: 5 } },
        reason: '调整',
      }),
    ).toEqual([]);
  });

  it('of the credit model leaves its rules across settings to the check of the merged whole', () => {
    // A > B > C cannot be judged from A alone: the PUT merges it over the values in force, then checks the whole.
    expect(
      fieldsOf(creditPolicy.changeSchema, { version: 0, thresholds: { tierFloors: { A: 70 } }, reason: '调整' }),
    ).toEqual([]);
    const merged = { ...creditPolicy.defaults, tierFloors: { ...creditPolicy.defaults.tierFloors, A: 70 } };
    expect(fieldsOf(z.object({ thresholds: creditPolicy.schema }), { thresholds: merged })).toEqual([
      'body.thresholds.tierFloors',
    ]);
  });
});

describe('a declaration', () => {
  const schema = z.strictObject({ days: z.number().check(z.int(), z.minimum(1), z.maximum(30)) });

  it('whose defaults are outside its own bounds is refused when defined', () => {
    expect(() =>
      definePolicy({ name: 'test-bad', label: '测试策略', field: 'settings', defaults: { days: 31 }, schema }),
    ).toThrow(/test-bad/);
  });

  it('whose guarded setting it does not have is refused when defined', () => {
    expect(() =>
      definePolicy({
        name: 'test-bad-guard',
        label: '测试策略',
        field: 'settings',
        defaults: { days: 7 },
        schema,
        guarded: [{ path: 'weeks', label: '周数', tighter: lowerIsTighter }],
      }),
    ).toThrow(/weeks/);
  });

  it('whose default is looser than the outer bound it names is refused when defined', () => {
    expect(() =>
      definePolicy({
        name: 'test-bad-bound',
        label: '测试策略',
        field: 'settings',
        defaults: { days: 7 },
        schema,
        guarded: [{ path: 'days', label: '天数', tighter: lowerIsTighter, outerBound: 5 }],
      }),
    ).toThrow(/outer bound/);
  });

  it('names its settings in the body and the answer under its own key', () => {
    const policy = definePolicy({
      name: 'test-ok',
      label: '测试策略',
      field: 'settings',
      defaults: { days: 7 },
      schema,
    });
    expect(fieldsOf(policy.changeSchema, { version: 0, settings: { days: 31 }, reason: 'x' })).toEqual([
      'body.settings.days',
    ]);
    expect(
      z.safeParse(policy.viewSchema, { definedAt: 'hlj', version: 2, ownVersion: 0, settings: { days: 7 } }).success,
    ).toBe(true);
    expect(
      z.safeParse(policy.viewSchema, { definedAt: 'hlj', version: 2, ownVersion: 0, thresholds: { days: 7 } }).success,
    ).toBe(false);
  });
});
