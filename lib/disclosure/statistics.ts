import type { HazardItem } from '#lib/hazards/hazard-item.ts';
import { hazardKey } from '#lib/hazards/hazard-item.ts';
import { inspectionKeys } from '#lib/inspections/inspection-item.ts';
import type { PenaltyItem } from '#lib/penalties/penalty-item.ts';
import { PENALTY_KIND_LABELS, PENALTY_KINDS } from '#lib/penalties/vocabulary.ts';
import { countEnforcement, type EnforcementRecords } from '#lib/reports/counting.ts';
import { parsePeriod } from '#lib/reports/period.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { put, transact } from '#lib/store/transact.ts';
import { type EnforcementStatistics, statisticsItem } from './disclosure-item.ts';

/**
 * A jurisdiction's enforcement statistics of a year (执法统计), from its own lists on the index (no Scan): the
 * published part of the reports' counting (lib/reports/counting.ts, the same figures the bureaus report upward):
 * inspections done in the year, hazards found in it (major ones apart) and hazards closed in it, penalties that
 * took effect in it by kind, and the fines' total.
 */
export function computeStatistics(
  input: Pick<EnforcementRecords, 'inspections' | 'hazards' | 'penalties'>,
  year: string,
): Pick<
  EnforcementStatistics,
  'inspections' | 'hazardsFound' | 'majorHazardsFound' | 'hazardsClosed' | 'penalties' | 'penaltiesByKind' | 'finesYuan'
> {
  const f = countEnforcement(input, parsePeriod(year, 'year'));
  return {
    inspections: f.inspections,
    hazardsFound: f.hazardsFound,
    majorHazardsFound: f.majorHazardsFound,
    hazardsClosed: f.hazardsClosed,
    penalties: f.penalties,
    penaltiesByKind: PENALTY_KINDS.map((kind) => ({
      kind,
      label: PENALTY_KIND_LABELS[kind],
      count: f.penaltiesByKind[kind],
    })).filter((k) => k.count > 0 || k.kind !== 'interview'),
    finesYuan: f.finesYuan,
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
