// The major-hazard standard as versioned data, and what a new hazard must carry: the default version by the date
// it was found, a category of that version, the five items of listed supervision, dates in order. Every refusal is a
// 400 naming the field.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { checkHazardInput, type HazardInput } from '#lib/hazards/rules.ts';
import { createHazardBody } from '#lib/hazards/schemas.ts';
import { HAZARD_STANDARDS, type HazardStandard, standardById, standardInForce } from '#lib/hazards/standards.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const TODAY = '2025-03-10';
const bureau = { today: TODAY, callerKind: 'bureau' as const };

/** A revision as data only: a new version, one category dropped and one added. */
const GB_2026: HazardStandard = {
  id: 'GB-2026',
  name: '煤矿重大事故隐患判定标准（修订）',
  documentNo: '（示例）',
  effectiveFrom: '2026-06-01',
  categories: [
    ...HAZARD_STANDARDS[0]!.categories.filter((c) => c.code !== 'NO_DUAL_POWER'),
    { code: 'NEW_KIND', name: '新增类别（示例）' },
  ],
};
const WITH_REVISION = [...HAZARD_STANDARDS, GB_2026];

const major = (overrides: Partial<HazardInput> = {}): HazardInput => ({
  level: 'major',
  description: '回风巷瓦斯超限仍在作业',
  location: '3102 回风巷',
  foundOn: '2025-03-01',
  deadline: '2025-03-31',
  category: 'GAS_OVERLIMIT',
  measures: '停止作业，撤出人员，加强通风',
  supervision: {
    responsiblePerson: { name: '矿长某' },
    funds: { amount: 50000 },
    contingencyPlan: '瓦斯超限应急预案',
    official: { userId: 'u-9', name: '督办人' },
  },
  ...overrides,
});
const general = (overrides: Partial<HazardInput> = {}): HazardInput => ({
  level: 'general',
  description: '皮带机护栏缺失',
  location: '主斜井',
  deadline: '2025-03-15',
  ...overrides,
});

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields.map((f) => f.field);
  }
  return [];
};

describe('the standard', () => {
  it('the 2020 version has the 15 categories of DOMAIN.md, each with a Chinese name', () => {
    const gb2020 = standardById('GB-2020')!;
    expect(gb2020).toMatchObject({ effectiveFrom: '2021-01-01', documentNo: '应急管理部令第4号' });
    expect(gb2020.categories.map((c) => c.code)).toEqual([
      'OVER_CAPACITY',
      'GAS_OVERLIMIT',
      'OUTBURST_NO_MEASURES',
      'GAS_DRAINAGE_MONITORING',
      'VENTILATION_UNRELIABLE',
      'WATER_HAZARD',
      'CROSS_BOUNDARY',
      'ROCK_BURST',
      'SPONTANEOUS_COMBUSTION',
      'BANNED_EQUIPMENT',
      'NO_DUAL_POWER',
      'BUILD_WHILE_PRODUCE',
      'CONTRACTING_VIOLATION',
      'RESTRUCTURING_VIOLATION',
      'OTHER',
    ]);
    for (const c of gb2020.categories) expect(c.name).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each([
    ['2020-12-31', undefined, undefined],
    ['2021-01-01', 'GB-2020', 'GB-2020'],
    ['2026-05-31', 'GB-2020', 'GB-2020'],
    ['2026-06-01', 'GB-2020', 'GB-2026'],
    ['2030-01-01', 'GB-2020', 'GB-2026'],
  ])('in force on %s: %s today, %s with a revision added as data', (date, now, withRevision) => {
    expect(standardInForce(date)?.id).toBe(now);
    expect(standardInForce(date, WITH_REVISION)?.id).toBe(withRevision);
  });
});

describe('a major hazard', () => {
  it('defaults to the version in force on the day it was found, and records the category', () => {
    expect(checkHazardInput(major(), bureau)).toMatchObject({
      foundOn: '2025-03-01',
      source: 'inspection',
      standard: { id: 'GB-2020' },
      category: { code: 'GAS_OVERLIMIT', name: '瓦斯超限作业' },
    });
    const later = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(
      checkHazardInput(major({ foundOn: '2026-06-15', deadline: '2026-07-15', category: 'NEW_KIND' }), later).standard
        ?.id,
    ).toBe('GB-2026');
    expect(checkHazardInput(major({ foundOn: '2026-05-15', deadline: '2026-07-15' }), later).standard?.id).toBe(
      'GB-2020',
    );
  });

  it('an explicit version is used when it was in force on the found date', () => {
    const later = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(
      checkHazardInput(
        major({ foundOn: '2026-06-15', deadline: '2026-07-15', standardVersion: 'GB-2020', category: 'NO_DUAL_POWER' }),
        later,
      ).standard?.id,
    ).toBe('GB-2020');
  });

  it.each([
    ['an unknown category', major({ category: 'GAS_EXPLOSION' }), ['body.category']],
    ['a category only a later version has', major({ category: 'NEW_KIND' }), ['body.category']],
    [
      'a category the version in force dropped',
      major({ foundOn: '2026-06-15', deadline: '2026-07-15', category: 'NO_DUAL_POWER' }),
      ['body.category'],
    ],
    ['no category', major({ category: undefined }), ['body.category']],
    ['an unknown version', major({ standardVersion: 'GB-1999' }), ['body.standardVersion']],
    [
      'a version not yet in force on the found date',
      major({ standardVersion: 'GB-2026', category: 'NEW_KIND' }),
      ['body.standardVersion'],
    ],
    ['a found date before any version', major({ foundOn: '2020-06-01' }), ['body.foundOn']],
  ])('%s → 400', (_, input, fields) => {
    const ctx = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(fieldsOf(() => checkHazardInput(input, ctx))).toEqual(fields);
  });

  it('missing its five items → 400 naming each', () => {
    expect(fieldsOf(() => checkHazardInput(major({ measures: undefined, supervision: undefined }), bureau))).toEqual([
      'body.measures',
      'body.supervision.responsiblePerson',
      'body.supervision.funds',
      'body.supervision.contingencyPlan',
      'body.supervision.official',
    ]);
    expect(
      fieldsOf(() =>
        checkHazardInput(
          major({ supervision: { contingencyPlan: '预案', official: { userId: 'u', name: '某' } } }),
          bureau,
        ),
      ),
    ).toEqual(['body.supervision.responsiblePerson', 'body.supervision.funds']);
  });

  it('the error message is in Chinese and names the failing fields', () => {
    try {
      checkHazardInput(major({ category: 'NOPE' }), bureau);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('body.category');
      expect((e as ValidationError).fields[0]!.message).toContain(
        '不是《煤矿重大事故隐患判定标准（2020）》的重大事故隐患类别',
      );
    }
  });
});

describe('a general hazard', () => {
  it('needs no category or supervision, and takes optional measures', () => {
    expect(checkHazardInput(general({ measures: '补装护栏' }), bureau)).toEqual({
      foundOn: TODAY,
      source: 'inspection',
    });
  });
  it.each(['standardVersion', 'category', 'supervision'] as const)('refuses %s (major hazards only)', (field) => {
    const value = field === 'supervision' ? { contingencyPlan: '预案' } : 'GB-2020';
    expect(fieldsOf(() => checkHazardInput(general({ [field]: value }), bureau))).toEqual([`body.${field}`]);
  });
});

describe('dates and sources', () => {
  it.each([
    ['a deadline before the found date', general({ foundOn: '2025-03-05', deadline: '2025-03-04' }), ['body.deadline']],
    ['a found date in the future', general({ foundOn: '2025-03-11', deadline: '2025-03-20' }), ['body.foundOn']],
    ['a deadline before today when found today', general({ deadline: '2025-03-09' }), ['body.deadline']],
    ['source case without its case', general({ source: 'case' }), ['body.caseId']],
    ['a case id with another source', general({ caseId: 'case-1' }), ['body.caseId']],
    [
      'an inspection id on a self-report',
      general({ source: 'self_report', inspectionId: 'insp-1' }),
      ['body.inspectionId'],
    ],
  ])('%s → 400', (_, input, fields) => {
    expect(fieldsOf(() => checkHazardInput(input, bureau))).toEqual(fields);
  });

  it('a deadline already past is accepted for a hazard found earlier (it is overdue at once)', () => {
    expect(checkHazardInput(general({ foundOn: '2025-02-01', deadline: '2025-02-15' }), bureau).foundOn).toBe(
      '2025-02-01',
    );
  });

  it('a mine user self-reports only', () => {
    expect(checkHazardInput(general(), { today: TODAY, callerKind: 'mine' }).source).toBe('self_report');
    expect(
      fieldsOf(() => checkHazardInput(general({ source: 'inspection' }), { today: TODAY, callerKind: 'mine' })),
    ).toEqual(['body.source']);
  });
});

describe('the request shape', () => {
  it.each([
    ['a date that is not a calendar day', { foundOn: '2025-02-30' }, 'body.foundOn'],
    ['a malformed deadline', { deadline: '2025/03/20' }, 'body.deadline'],
    ['an unknown level', { level: 'serious' }, 'body.level'],
    ['negative funds', { level: 'major', supervision: { funds: { amount: -1 } } }, 'body.supervision.funds.amount'],
    ['an unknown field', { severity: 'high' }, 'body.severity'],
  ])('%s → 400 on %s', (_, overrides, field) => {
    const body = {
      level: 'general',
      description: '皮带机护栏缺失',
      location: '主斜井',
      deadline: '2025-03-15',
      ...overrides,
    };
    expect(fieldsOf(() => parsePart(createHazardBody, body, 'body'))).toContain(field);
  });
});
