import type { HazardItem } from '#lib/hazards/hazard-item.ts';
import { hazardKey } from '#lib/hazards/hazard-item.ts';
import { inspectionKeys } from '#lib/inspections/inspection-item.ts';
import type { PenaltyItem } from '#lib/penalties/penalty-item.ts';
import { PENALTY_KIND_LABELS, PENALTY_KINDS } from '#lib/penalties/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { put, transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type EnforcementStatistics, statisticsItem } from './disclosure-item.ts';

/**
 * A jurisdiction's enforcement statistics of a year (执法统计), from its own lists on the index (no Scan):
 * inspections done in the year, hazards found in it (major ones apart) and hazards closed in it, penalties that
 * took effect in it by kind, and the fines' total.
 */
export function computeStatistics(
  input: {
    readonly inspections: readonly { status: string; doneOn?: string }[];
    readonly hazards: readonly Pick<HazardItem, 'foundOn' | 'level' | 'status' | 'verifiedAt'>[];
    readonly penalties: readonly Pick<PenaltyItem, 'status' | 'effectiveOn' | 'kind' | 'amountYuan'>[];
  },
  year: string,
): Pick<
  EnforcementStatistics,
  'inspections' | 'hazardsFound' | 'majorHazardsFound' | 'hazardsClosed' | 'penalties' | 'penaltiesByKind' | 'finesYuan'
> {
  const inYear = (date: string | undefined) => !!date && date.startsWith(`${year}-`);
  const found = input.hazards.filter((h) => inYear(h.foundOn));
  const penalties = input.penalties.filter(
    (p) => (p.status === 'effective' || p.status === 'executed') && inYear(p.effectiveOn),
  );
  return {
    inspections: input.inspections.filter((i) => i.status === 'done' && inYear(i.doneOn)).length,
    hazardsFound: found.length,
    majorHazardsFound: found.filter((h) => h.level === 'major').length,
    hazardsClosed: input.hazards.filter(
      (h) => h.status === 'verified' && !!h.verifiedAt && inYear(todayInShanghai(new Date(h.verifiedAt))),
    ).length,
    penalties: penalties.length,
    penaltiesByKind: PENALTY_KINDS.map((kind) => ({
      kind,
      label: PENALTY_KIND_LABELS[kind],
      count: penalties.filter((p) => p.kind === kind).length,
    })).filter((k) => k.count > 0 || k.kind !== 'interview'),
    finesYuan: penalties.filter((p) => p.kind === 'fine').reduce((sum, p) => sum + (p.amountYuan ?? 0), 0),
  };
}

/** Recomputes and stores a jurisdiction's statistics of the year of `date` (the penalties already read by the run). */
export async function jurisdictionStatistics(
  db: Db,
  path: string,
  date: string,
  penalties: readonly PenaltyItem[],
): Promise<EnforcementStatistics> {
  const year = date.slice(0, 4);
  const [inspections, hazards, name] = await Promise.all([
    queryAll<{ status: string; doneOn?: string }>(db, {
      index: 'GSI1',
      partition: inspectionKeys.provincePartition(path),
      beginsWith: `${path}/#${year}-`,
    }),
    queryAll<HazardItem>(db, { index: 'GSI1', partition: hazardKey.ofProvince(path), beginsWith: `${path}/#` }),
    getItem<{ name?: string }>(db, { PK: pk.jurisdiction(path), SK: sk.jurisdictionName }),
  ]);
  const stats: EnforcementStatistics = {
    jurisdiction: path,
    jurisdictionName: name?.name ?? path,
    year,
    ...computeStatistics({ inspections, hazards, penalties }, year),
    asOf: date,
  };
  await transact(db, [put(db, statisticsItem(stats))]);
  return stats;
}
