// Document numbers' text: the bureau's short name, 煤安, the kind's character, the year in 〔〕 and the number.
import { describe, expect, it } from 'vitest';
import { documentYear } from '#lib/documents/numbers.ts';
import { BUREAU_NAMES, bureauNames, DOCUMENT_KINDS, formatDocumentNo } from '#lib/documents/vocabulary.ts';

describe('the number of a document', () => {
  it.each([
    ['inspection_record', 'hlj/hegang/dongshan', 2026, 1, '东山煤安检〔2026〕1号'],
    ['onsite_decision', 'hlj/hegang/dongshan', 2026, 12, '东山煤安现决〔2026〕12号'],
    ['penalty_decision', 'hlj/hegang/dongshan', 2027, 305, '东山煤安罚〔2027〕305号'],
    ['penalty_decision', 'hlj/hegang', 2026, 1, '鹤岗煤安罚〔2026〕1号'],
    ['inspection_record', 'hlj/other/xinqu', 2026, 3, 'XINQU煤安检〔2026〕3号'],
  ] as const)('%s of %s in %i, number %i: %s', (kind, jurisdiction, year, n, text) => {
    expect(formatDocumentNo(kind, jurisdiction, year, n)).toBe(text);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses number %s (numbers start at 1)', (n) => {
    expect(() => formatDocumentNo('inspection_record', 'hlj/hegang/dongshan', 2026, n)).toThrow(RangeError);
  });

  it.each([999, 10000])('refuses year %i', (year) => {
    expect(() => formatDocumentNo('inspection_record', 'hlj/hegang/dongshan', year, 1)).toThrow(RangeError);
  });

  it('every kind has its own character, so two kinds never print the same number', () => {
    const texts = DOCUMENT_KINDS.map((k) => formatDocumentNo(k, 'hlj/hegang/dongshan', 2026, 1));
    expect(new Set(texts).size).toBe(DOCUMENT_KINDS.length);
  });

  it('the demo bureau has its full and short name; an unlisted one falls back to its path', () => {
    expect(bureauNames('hlj/hegang/dongshan')).toEqual({ name: '东山区煤矿安全监管局', shortName: '东山' });
    expect(bureauNames('hlj/x/nanshan')).toEqual({ name: 'NANSHAN煤矿安全监管部门', shortName: 'NANSHAN' });
    for (const names of Object.values(BUREAU_NAMES)) expect(names.name).toMatch(/煤矿安全监管局$/);
  });

  it.each([
    ['2026-12-31T15:59:59Z', 2026],
    ['2026-12-31T16:00:00Z', 2027],
  ])('the year of a document issued at %s is %i (Asia/Shanghai)', (at, year) => {
    expect(documentYear(new Date(at))).toBe(year);
  });
});
