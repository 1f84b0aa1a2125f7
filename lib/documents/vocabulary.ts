/**
 * The numbered documents a bureau issues (文书), with the Chinese a reader sees: plain data, so the dashboard's print
 * pages and the schemas may name them without pulling in the store.
 */
export const DOCUMENT_KINDS = [
  'inspection_record',
  'onsite_decision',
  'penalty_decision',
  'supervision_letter',
  'supervision_opinion',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  inspection_record: '现场检查记录',
  onsite_decision: '现场处理决定书',
  penalty_decision: '行政处罚决定书',
  supervision_letter: '督办函',
  supervision_opinion: '监管监察意见书',
};

/** The character(s) of the kind in the number's text: 东山煤安检〔2026〕1号. */
export const DOCUMENT_KIND_CHARS: Record<DocumentKind, string> = {
  inspection_record: '检',
  onsite_decision: '现决',
  penalty_decision: '罚',
  supervision_letter: '督',
  supervision_opinion: '意',
};

/** A bureau's full name (the document's issuer and seal line) and its short name (the number's prefix). */
export interface BureauNames {
  readonly name: string;
  readonly shortName: string;
}

/**
 * The names of the bureaus, by jurisdiction path. Kept in this one place; the demo jurisdictions are listed. A path
 * not listed falls back to a name built from its last segment (see bureauNames).
 */
export const BUREAU_NAMES: Readonly<Record<string, BureauNames>> = {
  'hlj/hegang/dongshan': { name: '东山区煤矿安全监管局', shortName: '东山' },
  'hlj/hegang': { name: '鹤岗市煤矿安全监管局', shortName: '鹤岗' },
  hlj: { name: '黑龙江省煤矿安全监管局', shortName: '黑' },
};

/** The bureau of a jurisdiction: the listed names, else a plain fallback naming the path's last segment. */
export function bureauNames(jurisdiction: string): BureauNames {
  const listed = BUREAU_NAMES[jurisdiction];
  if (listed) return listed;
  const last = jurisdiction.split('/').at(-1) ?? jurisdiction;
  const short = last ? last.toUpperCase() : '';
  return { name: `${short}煤矿安全监管部门`, shortName: short };
}

/** The number's text: `<short name>煤安<kind char>〔YYYY〕N号`, e.g. 东山煤安罚〔2026〕7号. */
export function formatDocumentNo(kind: DocumentKind, jurisdiction: string, year: number, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`document number must be a positive integer, got ${n}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`year must have four digits, got ${year}`);
  return `${bureauNames(jurisdiction).shortName}煤安${DOCUMENT_KIND_CHARS[kind]}〔${year}〕${n}号`;
}
