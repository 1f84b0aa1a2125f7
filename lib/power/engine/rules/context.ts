/**
 * What every rule sees (the reviewed day already aggregated, the baselines already computed) and the one way a rule
 * builds its finding, so numbers are rounded alike everywhere: kWh to 0.1, shares to 0.001, z-scores to 0.01.
 * Rules compare unrounded values; only the reported numbers are rounded.
 */

import type { BaselineSource, Finding, RuleId, Severity } from '#lib/findings/vocabulary.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import type { Baselines, MineReviewInput, PowerReviewPolicy } from '../../types.ts';
import type { ReviewCalendar } from '../calendar.ts';
import type { DailyAggregates } from '../daily-totals.ts';
import { roundKwh, roundShare, roundZ } from '../format.ts';

export interface ReviewContext {
  readonly input: MineReviewInput;
  readonly policy: PowerReviewPolicy;
  readonly cal: ReviewCalendar;
  readonly agg: DailyAggregates;
  /** Status on each day of the window (from historyStart on). */
  readonly statuses: readonly MineStatus[];
  readonly status: MineStatus;
  readonly baselines: Baselines;
  /** The reviewed day's total across meters; NaN when no reading arrived. */
  readonly total: number;
}

/** A rule: at most one finding for the reviewed day. */
export type Rule = (ctx: ReviewContext) => Finding | null;

type Unit = Finding['unit'];

const round = (value: number, unit: Unit): number =>
  unit === 'kWh' ? roundKwh(value) : unit === 'share' ? roundShare(value) : unit === 'z' ? roundZ(value) : value;

export const makeFinding = (f: {
  rule: RuleId;
  severity: Severity;
  unit: Unit;
  measured: number;
  threshold: number;
  baseline: { name: string; value: number; source: BaselineSource; unit?: Unit };
  message: string;
}): Finding => ({
  rule: f.rule,
  severity: f.severity,
  measured: round(f.measured, f.unit),
  threshold: round(f.threshold, f.unit),
  unit: f.unit,
  baseline: {
    name: f.baseline.name,
    value: round(f.baseline.value, f.baseline.unit ?? f.unit),
    source: f.baseline.source,
  },
  message: f.message,
});
