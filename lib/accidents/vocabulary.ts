/**
 * The four accident levels of 《生产安全事故报告和调查处理条例》(国务院令第493号, art. 3) with the Chinese a bureau
 * officer reads: plain data, so the schemas that name them (and the dashboard's types read from those schemas) do
 * not pull in the store.
 */

/** Lowest to highest. */
export const ACCIDENT_LEVELS = ['general', 'larger', 'major', 'especially_major'] as const;
export type AccidentLevel = (typeof ACCIDENT_LEVELS)[number];
export const ACCIDENT_LEVEL_LABELS: Record<AccidentLevel, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};
