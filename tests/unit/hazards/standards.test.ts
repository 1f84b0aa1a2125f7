// The major-hazard standard as versioned data, and what a new hazard must carry: the default version by the date
// it was found, a category of that version, the five items of listed supervision, dates in order. Every refusal is a
// 400 naming the field.
import { describe, expect, it } from 'vitest';
import { RuleError, ValidationError } from '#lib/errors.ts';
import { checkHazardInput, type HazardInput } from '#lib/hazards/rules.ts';
import { createHazardBody } from '#lib/hazards/schemas.ts';
import {
  categoryOf,
  effectiveUntil,
  HAZARD_STANDARDS,
  type HazardStandard,
  standardById,
  standardInForce,
} from '#lib/hazards/standards.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const TODAY = '2025-03-10';
const bureau = { today: TODAY, callerKind: 'bureau' as const };

/** A revision as data only: a new version, one category dropped and one added. */
const GB_2026: HazardStandard = {
  id: 'GB-2026',
  name: '煤矿重大事故隐患判定标准（修订）',
  documentNo: '（示例）',
  issuedOn: '2026-01-01',
  effectiveFrom: '2026-06-01',
  categories: [
    ...standardById('GB-2020')!.categories.filter((c) => c.code !== 'NO_DUAL_POWER'),
    { code: 'NEW_KIND', name: '新增类别（示例）', article: '第三条第（十六）项' },
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

/** The fields of a 422: well-formed, but not what the standard in force on the found date allows. */
const ruleFieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleError);
    return (e as RuleError).fields.map((f) => f.field);
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
    ['2015-12-02', undefined, undefined],
    ['2015-12-03', 'GB-2015', 'GB-2015'],
    ['2020-12-31', 'GB-2015', 'GB-2015'],
    ['2021-01-01', 'GB-2020', 'GB-2020'],
    ['2026-05-31', 'GB-2020', 'GB-2020'],
    ['2026-06-01', 'GB-2020', 'GB-2026'],
    ['2030-01-01', 'GB-2020', 'GB-2026'],
  ])('in force on %s: %s today, %s with a revision added as data', (date, now, withRevision) => {
    expect(standardInForce(date)?.id).toBe(now);
    expect(standardInForce(date, WITH_REVISION)?.id).toBe(withRevision);
  });
});

/** Article 3 of 原国家安全生产监督管理总局令第85号 (2015), item by item: the code it keeps, its wording. */
const GB_2015_ARTICLE_3: readonly (readonly [string, string, string])[] = [
  ['第三条第（一）项', 'OVER_CAPACITY', '超能力、超强度或者超定员组织生产'],
  ['第三条第（二）项', 'GAS_OVERLIMIT', '瓦斯超限作业'],
  ['第三条第（三）项', 'OUTBURST_NO_MEASURES', '煤与瓦斯突出矿井未依照规定实施防突出措施'],
  ['第三条第（四）项', 'GAS_DRAINAGE_MONITORING', '高瓦斯矿井未建立瓦斯抽采系统和监控系统或者不能正常运行'],
  ['第三条第（五）项', 'VENTILATION_UNRELIABLE', '通风系统不完善、不可靠'],
  ['第三条第（六）项', 'WATER_HAZARD', '有严重水患未采取有效措施'],
  ['第三条第（七）项', 'CROSS_BOUNDARY', '超层越界开采'],
  ['第三条第（八）项', 'ROCK_BURST', '有冲击地压危险未采取有效措施'],
  ['第三条第（九）项', 'SPONTANEOUS_COMBUSTION', '自然发火严重未采取有效措施'],
  ['第三条第（十）项', 'BANNED_EQUIPMENT', '使用明令禁止使用或者淘汰的设备、工艺'],
  ['第三条第（十一）项', 'NO_DUAL_POWER', '煤矿没有双回路供电系统'],
  [
    '第三条第（十二）项',
    'BUILD_WHILE_PRODUCE',
    '新建煤矿边建设边生产，煤矿改扩建期间在改扩建区域生产或者在其他区域超出安全设计规定的范围和规模生产',
  ],
  [
    '第三条第（十三）项',
    'CONTRACTING_VIOLATION',
    '煤矿实行整体承包生产经营后未重新取得或者及时变更安全生产许可证而从事生产，或者承包方再次转包，以及将井下采掘工作面和井巷维修作业进行劳务承包',
  ],
  [
    '第三条第（十四）项',
    'RESTRUCTURING_VIOLATION',
    '煤矿改制期间未明确安全生产责任人和安全管理机构，或者在完成改制后未重新取得或者变更采矿许可证、安全生产许可证和营业执照',
  ],
  ['第三条第（十五）项', 'OTHER', '其他重大事故隐患'],
];

describe('the 2015 standard (原国家安全生产监督管理总局令第85号), in force up to 2020-12-31', () => {
  const gb2015 = standardById('GB-2015')!;

  it('is its own version, issued and in force from 2015-12-03, replaced on 2021-01-01', () => {
    expect(gb2015).toMatchObject({
      name: '煤矿重大生产安全事故隐患判定标准（2015）',
      documentNo: '原国家安全生产监督管理总局令第85号',
      issuedOn: '2015-12-03',
      effectiveFrom: '2015-12-03',
    });
    expect(HAZARD_STANDARDS.map((s) => s.id)).toEqual(['GB-2015', 'GB-2020']);
    expect(effectiveUntil(gb2015)).toBe('2020-12-31');
    expect(effectiveUntil(standardById('GB-2020')!)).toBeUndefined();
    expect(effectiveUntil(standardById('GB-2020')!, WITH_REVISION)).toBe('2026-05-31');
  });

  it('lists the 15 situations of Article 3, in order', () => {
    expect(gb2015.categories.map((c) => [c.article, c.code, c.name])).toEqual(GB_2015_ARTICLE_3);
  });

  it.each(GB_2015_ARTICLE_3)('%s %s is the same situation as in 2020: the same code and item', (article, code) => {
    expect(categoryOf(standardById('GB-2020')!, code)?.article).toBe(article);
  });

  it.each([
    // found on, named version, the version that judges it (or the field a 422 names)
    ['2015-12-03', undefined, 'GB-2015'],
    ['2020-12-31', undefined, 'GB-2015'],
    ['2021-01-01', undefined, 'GB-2020'],
    ['2020-12-31', 'GB-2015', 'GB-2015'],
    ['2021-01-01', 'GB-2020', 'GB-2020'],
    ['2020-12-31', 'GB-2020', 'body.standardVersion'],
    ['2021-01-01', 'GB-2015', 'body.standardVersion'],
  ])('a major hazard found on %s naming %s → %s', (foundOn, standardVersion, want) => {
    const input = major({ foundOn, deadline: '2021-01-31', category: 'WATER_HAZARD', standardVersion });
    const ctx = { today: '2021-01-05', callerKind: 'bureau' as const };
    if (want.startsWith('body.')) {
      expect(ruleFieldsOf(() => checkHazardInput(input, ctx))).toEqual([want]);
      return;
    }
    const checked = checkHazardInput(input, ctx);
    expect(checked.standard?.id).toBe(want);
    expect(checked.category).toEqual(categoryOf(standardById(want)!, 'WATER_HAZARD'));
  });

  it('a hazard of 2020-12-31 carries the 2015 wording, one of 2021-01-01 the 2020 wording', () => {
    const ctx = { today: '2021-01-05', callerKind: 'bureau' as const };
    const on = (foundOn: string) =>
      checkHazardInput(major({ foundOn, deadline: '2021-01-31', category: 'WATER_HAZARD' }), ctx).category?.name;
    expect(on('2020-12-31')).toBe('有严重水患未采取有效措施');
    expect(on('2021-01-01')).toBe('有严重水患，未采取有效措施');
  });

  it('the refusal says which version the found date takes, in Chinese', () => {
    try {
      checkHazardInput(major({ foundOn: '2021-01-01', deadline: '2021-01-31', standardVersion: 'GB-2015' }), {
        today: '2021-01-05',
        callerKind: 'bureau',
      });
      expect.unreachable();
    } catch (e) {
      expect((e as RuleError).fields[0]!.message).toBe(
        '发现日期 2021-01-01 适用《煤矿重大事故隐患判定标准（2020）》（GB-2020），不适用《煤矿重大生产安全事故隐患判定标准（2015）》（GB-2015，自 2015-12-03 至 2020-12-31 施行）',
      );
    }
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

  it('an explicit version is used when it is the one in force on the found date', () => {
    const later = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(
      checkHazardInput(
        major({ foundOn: '2026-05-31', deadline: '2026-07-15', standardVersion: 'GB-2020', category: 'NO_DUAL_POWER' }),
        later,
      ).standard?.id,
    ).toBe('GB-2020');
  });

  it.each([
    ['an unknown category', major({ category: 'GAS_EXPLOSION' }), ['body.category']],
    ['no category', major({ category: undefined }), ['body.category']],
    ['an unknown version', major({ standardVersion: 'GB-1999' }), ['body.standardVersion']],
    ['a found date before any version', major({ foundOn: '2015-12-02' }), ['body.foundOn']],
  ])('%s → 400', (_, input, fields) => {
    const ctx = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(fieldsOf(() => checkHazardInput(input, ctx))).toEqual(fields);
  });

  it.each([
    ['a category only a later version has', major({ category: 'NEW_KIND' }), ['body.category']],
    [
      'a category the version in force dropped',
      major({ foundOn: '2026-06-15', deadline: '2026-07-15', category: 'NO_DUAL_POWER' }),
      ['body.category'],
    ],
    [
      'a version not yet in force on the found date',
      major({ standardVersion: 'GB-2026', category: 'NEW_KIND' }),
      ['body.standardVersion'],
    ],
    [
      'a version a later one has replaced by the found date',
      major({ foundOn: '2026-06-01', deadline: '2026-07-15', standardVersion: 'GB-2020' }),
      ['body.standardVersion'],
    ],
  ])('%s → 422', (_, input, fields) => {
    const ctx = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(ruleFieldsOf(() => checkHazardInput(input, ctx))).toEqual(fields);
  });

  it('a 400 and a 422 together answer 400 naming both fields', () => {
    const ctx = { today: '2026-07-01', callerKind: 'bureau' as const, standards: WITH_REVISION };
    expect(fieldsOf(() => checkHazardInput(major({ category: 'NEW_KIND', measures: undefined }), ctx))).toEqual([
      'body.measures',
      'body.category',
    ]);
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
