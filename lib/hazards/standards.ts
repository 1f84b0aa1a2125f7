import { addDays } from '#lib/validators/business-date.ts';

/**
 * The major-hazard standard (煤矿重大事故隐患判定标准) as versioned data. A major hazard records the version it was
 * judged under and one of that version's categories; a revision of the standard is one more entry in
 * HAZARD_STANDARDS (its id, its effective date, its categories), never a code change: validation, the default
 * version by date and GET /v1/hazard-standards all read this list.
 *
 * Category codes are stable across versions where the meaning is the same, so the credit model can count "a major
 * hazard of category X" over a window that spans a revision.
 */
export interface HazardCategory {
  /** Stable code, e.g. `GAS_OVERLIMIT`. */
  readonly code: string;
  /** The standard's own wording. */
  readonly name: string;
  /** Where the standard lists it, e.g. `第三条第（二）项`. */
  readonly article: string;
}

export interface HazardStandard {
  /** Stable id a hazard records as its `standardVersion`, e.g. `GB-2020`. */
  readonly id: string;
  readonly name: string;
  /** The decree that issued it. */
  readonly documentNo: string;
  /** Date the decree was issued. */
  readonly issuedOn: string;
  /**
   * First Asia/Shanghai business day it applies to (a hazard found on or after this day). A version applies until the
   * day before the next version's `effectiveFrom`.
   */
  readonly effectiveFrom: string;
  readonly categories: readonly HazardCategory[];
}

/**
 * 《煤矿重大生产安全事故隐患判定标准》(原国家安全生产监督管理总局令第85号), issued and in force 2015-12-03 until the
 * 2020 standard took over on 2021-01-01: the 15 situations of its Article 3. They are the same situations as the
 * 2020 standard's, so they keep the same codes, with this standard's own wording.
 */
const GB_2015: HazardStandard = {
  id: 'GB-2015',
  name: '煤矿重大生产安全事故隐患判定标准（2015）',
  documentNo: '原国家安全生产监督管理总局令第85号',
  issuedOn: '2015-12-03',
  effectiveFrom: '2015-12-03',
  categories: [
    { code: 'OVER_CAPACITY', name: '超能力、超强度或者超定员组织生产', article: '第三条第（一）项' },
    { code: 'GAS_OVERLIMIT', name: '瓦斯超限作业', article: '第三条第（二）项' },
    { code: 'OUTBURST_NO_MEASURES', name: '煤与瓦斯突出矿井未依照规定实施防突出措施', article: '第三条第（三）项' },
    {
      code: 'GAS_DRAINAGE_MONITORING',
      name: '高瓦斯矿井未建立瓦斯抽采系统和监控系统或者不能正常运行',
      article: '第三条第（四）项',
    },
    { code: 'VENTILATION_UNRELIABLE', name: '通风系统不完善、不可靠', article: '第三条第（五）项' },
    { code: 'WATER_HAZARD', name: '有严重水患未采取有效措施', article: '第三条第（六）项' },
    { code: 'CROSS_BOUNDARY', name: '超层越界开采', article: '第三条第（七）项' },
    { code: 'ROCK_BURST', name: '有冲击地压危险未采取有效措施', article: '第三条第（八）项' },
    { code: 'SPONTANEOUS_COMBUSTION', name: '自然发火严重未采取有效措施', article: '第三条第（九）项' },
    { code: 'BANNED_EQUIPMENT', name: '使用明令禁止使用或者淘汰的设备、工艺', article: '第三条第（十）项' },
    { code: 'NO_DUAL_POWER', name: '煤矿没有双回路供电系统', article: '第三条第（十一）项' },
    {
      code: 'BUILD_WHILE_PRODUCE',
      name: '新建煤矿边建设边生产，煤矿改扩建期间在改扩建区域生产或者在其他区域超出安全设计规定的范围和规模生产',
      article: '第三条第（十二）项',
    },
    {
      code: 'CONTRACTING_VIOLATION',
      name: '煤矿实行整体承包生产经营后未重新取得或者及时变更安全生产许可证而从事生产，或者承包方再次转包，以及将井下采掘工作面和井巷维修作业进行劳务承包',
      article: '第三条第（十三）项',
    },
    {
      code: 'RESTRUCTURING_VIOLATION',
      name: '煤矿改制期间未明确安全生产责任人和安全管理机构，或者在完成改制后未重新取得或者变更采矿许可证、安全生产许可证和营业执照',
      article: '第三条第（十四）项',
    },
    { code: 'OTHER', name: '其他重大事故隐患', article: '第三条第（十五）项' },
  ],
};

/** 《煤矿重大事故隐患判定标准》(应急管理部令第4号), in force from 2021-01-01: its 15 kinds of major hazard. */
const GB_2020: HazardStandard = {
  id: 'GB-2020',
  name: '煤矿重大事故隐患判定标准（2020）',
  documentNo: '应急管理部令第4号',
  issuedOn: '2020-11-20',
  effectiveFrom: '2021-01-01',
  categories: [
    { code: 'OVER_CAPACITY', name: '超能力、超强度或者超定员组织生产', article: '第三条第（一）项' },
    { code: 'GAS_OVERLIMIT', name: '瓦斯超限作业', article: '第三条第（二）项' },
    { code: 'OUTBURST_NO_MEASURES', name: '煤与瓦斯突出矿井，未依照规定实施防突出措施', article: '第三条第（三）项' },
    {
      code: 'GAS_DRAINAGE_MONITORING',
      name: '高瓦斯矿井未建立瓦斯抽采系统和监控系统，或者系统不能正常运行',
      article: '第三条第（四）项',
    },
    { code: 'VENTILATION_UNRELIABLE', name: '通风系统不完善、不可靠', article: '第三条第（五）项' },
    { code: 'WATER_HAZARD', name: '有严重水患，未采取有效措施', article: '第三条第（六）项' },
    { code: 'CROSS_BOUNDARY', name: '超层越界开采', article: '第三条第（七）项' },
    { code: 'ROCK_BURST', name: '有冲击地压危险，未采取有效措施', article: '第三条第（八）项' },
    { code: 'SPONTANEOUS_COMBUSTION', name: '自然发火严重，未采取有效措施', article: '第三条第（九）项' },
    { code: 'BANNED_EQUIPMENT', name: '使用明令禁止使用或者淘汰的设备、工艺', article: '第三条第（十）项' },
    { code: 'NO_DUAL_POWER', name: '煤矿没有双回路供电系统', article: '第三条第（十一）项' },
    {
      code: 'BUILD_WHILE_PRODUCE',
      name: '新建煤矿边建设边生产，煤矿改扩建期间，在改扩建的区域生产，或者在其他区域的生产超出安全设施设计规定的范围和规模',
      article: '第三条第（十二）项',
    },
    {
      code: 'CONTRACTING_VIOLATION',
      name: '煤矿实行整体承包生产经营后，未重新取得或者及时变更安全生产许可证而从事生产，或者承包方再次转包，以及将井下采掘工作面和井巷维修作业进行劳务承包',
      article: '第三条第（十三）项',
    },
    {
      code: 'RESTRUCTURING_VIOLATION',
      name: '煤矿改制期间，未明确安全生产责任人和安全管理机构，或者在完成改制后，未重新取得或者变更采矿许可证、安全生产许可证和营业执照',
      article: '第三条第（十四）项',
    },
    { code: 'OTHER', name: '其他重大事故隐患', article: '第三条第（十五）项' },
  ],
};

/** Every version, oldest first. The 2026 revision goes here as `{ id: 'GB-2026', effectiveFrom, categories }`. */
export const HAZARD_STANDARDS: readonly HazardStandard[] = [GB_2015, GB_2020];

export const standardById = (
  id: string,
  standards: readonly HazardStandard[] = HAZARD_STANDARDS,
): HazardStandard | undefined => standards.find((s) => s.id === id);

/** The version in force on a business day: the latest one effective on or before it; undefined before the first. */
export function standardInForce(
  date: string,
  standards: readonly HazardStandard[] = HAZARD_STANDARDS,
): HazardStandard | undefined {
  let found: HazardStandard | undefined;
  for (const s of standards)
    if (s.effectiveFrom <= date && (!found || s.effectiveFrom > found.effectiveFrom)) found = s;
  return found;
}

/** The last business day a version applies to (the day before the next version takes over); undefined while current. */
export function effectiveUntil(
  standard: HazardStandard,
  standards: readonly HazardStandard[] = HAZARD_STANDARDS,
): string | undefined {
  let next: string | undefined;
  for (const s of standards)
    if (s.effectiveFrom > standard.effectiveFrom && (!next || s.effectiveFrom < next)) next = s.effectiveFrom;
  return next ? addDays(next, -1) : undefined;
}

export const categoryOf = (standard: HazardStandard, code: string): HazardCategory | undefined =>
  standard.categories.find((c) => c.code === code);
