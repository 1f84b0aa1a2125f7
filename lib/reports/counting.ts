import type { HazardItem } from '#lib/hazards/hazard-item.ts';
import { PENALTY_KINDS, type PenaltyKind } from '#lib/penalties/vocabulary.ts';
import { VIOLATION_CATEGORIES, type ViolationCategory } from '#lib/violations/categories.ts';
import { dateIn, instantIn, type Period } from './period.ts';

/**
 * The enforcement figures of one jurisdiction for a period, counted from its own records: the one counting behind
 * both the published 执法统计 of a year (lib/disclosure/statistics.ts) and the reports upward (./statistics.ts).
 *
 * - inspections: done in the period (filed under the day they were done);
 * - hazards found in the period (major ones apart), closed (verified, 销号) in it, and major hazards under listed
 *   supervision (挂牌督办) at the period's end: found by its last day and not verified by then;
 * - violations by the plan's categories, by the day of the act;
 * - penalties that took effect in the period by kind, the fines' total, and suspensions ordered (责令停产整顿);
 * - blacklist entries listed (published) in the period;
 * - review anomalies: the mine-days the nightly electricity review flagged in the period;
 * - cases opened in the period.
 */
export interface EnforcementFigures {
  readonly inspections: number;
  readonly hazardsFound: number;
  readonly majorHazardsFound: number;
  readonly hazardsClosed: number;
  readonly majorHazardsSupervised: number;
  readonly violations: number;
  readonly violationsByCategory: Readonly<Record<ViolationCategory, number>>;
  readonly penalties: number;
  readonly penaltiesByKind: Readonly<Record<PenaltyKind, number>>;
  readonly finesYuan: number;
  readonly suspensions: number;
  readonly blacklistEntries: number;
  readonly reviewAnomalies: number;
  readonly casesOpened: number;
}

/** The records the counting reads: each list only as much of a record as it counts by. */
export interface EnforcementRecords {
  readonly inspections: readonly { readonly status: string; readonly doneOn?: string | undefined }[];
  readonly hazards: readonly Pick<HazardItem, 'foundOn' | 'level' | 'status' | 'verifiedAt'>[];
  readonly violations?: readonly { readonly category: string; readonly date: string }[];
  readonly penalties: readonly {
    readonly status: string;
    readonly effectiveOn?: string | undefined;
    readonly kind: PenaltyKind;
    readonly amountYuan?: number | undefined;
  }[];
  readonly blacklist?: readonly { readonly listedOn?: string | undefined }[];
  /** The nightly review's report of each day: its count of anomalous mines. */
  readonly reviewDays?: readonly { readonly date: string; readonly verdicts: { readonly anomaly: number } }[];
  readonly cases?: readonly { readonly openedOn?: string | undefined; readonly openedAt?: string | undefined }[];
}

const perCategory = (count: (c: ViolationCategory) => number) =>
  Object.fromEntries(VIOLATION_CATEGORIES.map((c) => [c.code, count(c.code)])) as Record<ViolationCategory, number>;
const perKind = (count: (k: PenaltyKind) => number) =>
  Object.fromEntries(PENALTY_KINDS.map((k) => [k, count(k)])) as Record<PenaltyKind, number>;

/** Penalties in force or executed: a proposal, a rejected or revoked one counts nowhere. */
const IN_FORCE = new Set(['effective', 'executed']);

export function countEnforcement(records: EnforcementRecords, period: Period): EnforcementFigures {
  const found = records.hazards.filter((h) => dateIn(period, h.foundOn));
  const penalties = records.penalties.filter((p) => IN_FORCE.has(p.status) && dateIn(period, p.effectiveOn));
  const violations = (records.violations ?? []).filter((v) => dateIn(period, v.date));
  // Verified (销号) by the period's last day, China time.
  const closedBy = (h: Pick<HazardItem, 'status' | 'verifiedAt'>) =>
    h.status === 'verified' && instantIn({ ...period, from: '0000-01-01' }, h.verifiedAt);
  return {
    inspections: records.inspections.filter((i) => i.status === 'done' && dateIn(period, i.doneOn)).length,
    hazardsFound: found.length,
    majorHazardsFound: found.filter((h) => h.level === 'major').length,
    hazardsClosed: records.hazards.filter((h) => h.status === 'verified' && instantIn(period, h.verifiedAt)).length,
    majorHazardsSupervised: records.hazards.filter(
      (h) => h.level === 'major' && !!h.foundOn && h.foundOn <= period.to && !closedBy(h),
    ).length,
    violations: violations.length,
    violationsByCategory: perCategory((c) => violations.filter((v) => v.category === c).length),
    penalties: penalties.length,
    penaltiesByKind: perKind((k) => penalties.filter((p) => p.kind === k).length),
    finesYuan: penalties.filter((p) => p.kind === 'fine').reduce((sum, p) => sum + (p.amountYuan ?? 0), 0),
    suspensions: penalties.filter((p) => p.kind === 'ordered_suspension').length,
    blacklistEntries: (records.blacklist ?? []).filter((e) => dateIn(period, e.listedOn)).length,
    reviewAnomalies: (records.reviewDays ?? [])
      .filter((d) => dateIn(period, d.date))
      .reduce((sum, d) => sum + d.verdicts.anomaly, 0),
    casesOpened: (records.cases ?? []).filter((c) =>
      c.openedOn ? dateIn(period, c.openedOn) : instantIn(period, c.openedAt),
    ).length,
  };
}

/** All zeros: the figures of a jurisdiction with no records, and the start of a sum. */
export const noFigures = (): EnforcementFigures => ({
  inspections: 0,
  hazardsFound: 0,
  majorHazardsFound: 0,
  hazardsClosed: 0,
  majorHazardsSupervised: 0,
  violations: 0,
  violationsByCategory: perCategory(() => 0),
  penalties: 0,
  penaltiesByKind: perKind(() => 0),
  finesYuan: 0,
  suspensions: 0,
  blacklistEntries: 0,
  reviewAnomalies: 0,
  casesOpened: 0,
});

/** The sum of figures, figure by figure (a city's row is the sum of its districts', the totals of the rows). */
export function sumFigures(all: readonly EnforcementFigures[]): EnforcementFigures {
  const total = noFigures() as { -readonly [K in keyof EnforcementFigures]: EnforcementFigures[K] };
  const byCategory = { ...total.violationsByCategory };
  const byKind = { ...total.penaltiesByKind };
  for (const f of all) {
    for (const key of Object.keys(total) as (keyof EnforcementFigures)[]) {
      const v = f[key];
      if (typeof v === 'number') (total as Record<string, unknown>)[key] = (total[key] as number) + v;
    }
    for (const c of Object.keys(byCategory) as ViolationCategory[]) byCategory[c] += f.violationsByCategory[c] ?? 0;
    for (const k of Object.keys(byKind) as PenaltyKind[]) byKind[k] += f.penaltiesByKind[k] ?? 0;
  }
  return { ...total, violationsByCategory: byCategory, penaltiesByKind: byKind };
}
