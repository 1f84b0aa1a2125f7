import { describe, expect, it } from 'vitest';
import { ACCIDENT_LEVEL_LABELS } from '#lib/accidents/vocabulary.ts';
import { VIOLATION_CATEGORIES } from '#lib/violations/categories.ts';
import {
  changeOf,
  codeLabel,
  errorsBySetting,
  fieldsOf,
  POLICIES,
  REMINDER_KIND_LABELS,
  settingMeta,
  VIOLATION_LABELS,
} from '#web/src/pages/policies/settings.ts';

describe('the policies page’s words for the credit model', () => {
  it('names every violation category as the plan does, and no other', () => {
    expect(VIOLATION_LABELS).toEqual(
      Object.fromEntries(VIOLATION_CATEGORIES.map((c) => [c.code, `第${c.no}项 ${c.name}`])),
    );
  });

  it('names every reminder rule of the default policy', async () => {
    const { DEFAULT_REMINDER_RULES } = await import('#lib/reminders/dated-kinds.ts');
    expect(Object.keys(REMINDER_KIND_LABELS).sort()).toEqual(Object.keys(DEFAULT_REMINDER_RULES).sort());
  });

  it('names a department of a list by its name', () => {
    expect(codeLabel({ code: 'market', name: '市场监管局' })).toBe('市场监管局');
  });

  it.each([
    ['over_capacity', '第4项 超能力、超强度、超定员组织生产'],
    ['major', ACCIDENT_LEVEL_LABELS.major],
    ['ordered_suspension', '责令停产整顿'],
    ['unknown_code', 'unknown_code'],
  ])('codeLabel(%s) → %s', (code, want) => {
    expect(codeLabel(code)).toBe(want);
  });
});

describe('the policies page’s words for the review and the acceptance', () => {
  it('lists the acceptance terms, without a preview', () => {
    expect(POLICIES.find((p) => p.name === 'acceptance')).toMatchObject({ field: 'terms', preview: false });
  });

  it('names every setting of the power-review and acceptance policies in Chinese', async () => {
    const { DEFAULT_POWER_THRESHOLDS } = await import('#lib/power/policy.ts');
    const { DEFAULT_ACCEPTANCE_TERMS } = await import('#lib/acceptance/acceptance-policy.ts');
    for (const [policy, settings] of [
      ['power-review', DEFAULT_POWER_THRESHOLDS],
      ['acceptance', DEFAULT_ACCEPTANCE_TERMS],
    ] as const)
      for (const path of Object.keys(settings)) expect(settingMeta(policy, path).label).toMatch(/\p{Script=Han}/u);
  });

  it.each([
    ['power-review', 'productionLevelShare', 0.1, 0.9, false],
    ['acceptance', 'checkDays', 1, 60, true],
    ['acceptance', 'approvalDays', 1, 30, true],
  ] as const)('%s %s ranges %d–%d as the policy bounds it', async (policy, path, min, max, whole) => {
    expect(settingMeta(policy, path)).toMatchObject({ min, max });
    expect(settingMeta(policy, path).int === true).toBe(whole);
    const { acceptancePolicy } = await import('#lib/acceptance/acceptance-policy.ts');
    const { powerPolicy } = await import('#lib/power/power-policy.ts');
    const p = policy === 'acceptance' ? acceptancePolicy : powerPolicy;
    const at = (v: number) => ({ ...p.defaults, [path]: v });
    const z = await import('zod/mini');
    expect(z.safeParse(p.schema, at(min)).success).toBe(true);
    expect(z.safeParse(p.schema, at(max)).success).toBe(true);
    expect(z.safeParse(p.schema, at(whole ? min - 1 : min - 0.001)).success).toBe(false);
    expect(z.safeParse(p.schema, at(whole ? max + 1 : max + 0.001)).success).toBe(false);
  });
});

describe('the policy form', () => {
  const settings = { a: 1, nested: { b: 2, c: true }, list: ['major'] };
  const fields = fieldsOf(settings);

  it('flattens the settings into fields; lists are shown, not edited', () => {
    expect(fields).toEqual([
      { path: 'a', value: 1, editable: true },
      { path: 'nested.b', value: 2, editable: true },
      { path: 'nested.c', value: true, editable: true },
      { path: 'list', value: '重大事故', editable: false },
    ]);
  });

  it.each([
    [{}, {}, []],
    [{ a: '1' }, {}, []],
    [{ a: '1.5' }, { a: 1.5 }, []],
    [{ 'nested.b': '3', 'nested.c': false }, { nested: { b: 3, c: false } }, []],
    [{ a: '' }, {}, ['a']],
    [{ a: 'x' }, {}, ['a']],
  ] as const)('edits %j → change %j, invalid %j', (edited, change, invalid) => {
    expect(changeOf(fields, edited)).toEqual({ change, invalid });
  });

  it('puts the API’s field errors beside their setting, the others apart', () => {
    expect(
      errorsBySetting(
        [
          { field: 'body.thresholds.tierFloors.C', message: '太大' },
          { field: 'body.thresholds.tierFloors.C', message: '须 A > B > C' },
          { field: 'body.version', message: 'stale' },
        ],
        'thresholds',
      ),
    ).toEqual({
      bySetting: { 'tierFloors.C': '太大；须 A > B > C' },
      general: [{ field: 'body.version', message: 'stale' }],
    });
  });
});
