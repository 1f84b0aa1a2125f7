/**
 * The daily electricity review of one mine (煤矿用电量审查): a pure function from the mine's readings window, status
 * history, equipment and the bureau's policy to a verdict with its findings. No clock, no randomness, no I/O: the
 * same input always gives the same review, so a past decision can be reproduced under the policy version it records.
 */

import { type Finding, RULE_WITNESS, type Severity, type Verdict, type Witness } from '#lib/findings/vocabulary.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import type { MineReview, MineReviewInput } from '../types.ts';
import { computeBaselines } from './baselines.ts';
import { reviewCalendar } from './calendar.ts';
import { dailyAggregates } from './daily-totals.ts';
import type { ReviewContext } from './rules/context.ts';
import { CONSUMPTION_RULES, MONITORING_RULES, REPORTING_RULES } from './rules/index.ts';
import { isStopped, statusesOn } from './status-on.ts';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

const bySeverityThenRule = (a: Finding, b: Finding): number =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

/** Days whose quarter-hour and circuit profile matter: the stopped ones (baselines, and the rules on a stopped day). */
const stoppedDays = (statuses: readonly MineStatus[], from: number, to: number): number[] => {
  const mask = new Array<number>(to + 1).fill(0);
  for (let i = from; i <= to; i++) if (isStopped(statuses[i]!)) mask[i] = 1;
  return mask;
};

export const reviewMineDay = (input: MineReviewInput): MineReview => {
  const { policy } = input;
  const cal = reviewCalendar(input.date, policy);
  const statuses = statusesOn(input.statusTimeline, cal.dates, cal.historyStart, cal.day);
  const status = statuses[cal.day]!;
  const agg = dailyAggregates(input.readings, cal, stoppedDays(statuses, cal.historyStart, cal.day));
  const baselines = computeBaselines(input, cal, agg, statuses, status);
  const total = agg.total[cal.day]!;
  const hasReading = !Number.isNaN(total);
  const ctx: ReviewContext = { input, policy, cal, agg, statuses, status, baselines, total };

  const findings: Finding[] = [];
  if (hasReading) {
    for (const rule of CONSUMPTION_RULES) {
      const f = rule(ctx);
      if (f !== null) findings.push(f);
    }
  }
  for (const rule of [...REPORTING_RULES, ...MONITORING_RULES]) {
    const f = rule(ctx);
    if (f !== null) findings.push(f);
  }
  findings.sort(bySeverityThenRule);

  const said = (witness: Witness, reported: boolean): Verdict =>
    !reported ? 'no_data' : findings.some((f) => RULE_WITNESS[f.rule] === witness) ? 'anomaly' : 'normal';
  const witnesses: Record<Witness, Verdict> = {
    electricity: said('electricity', hasReading),
    personnel: said('personnel', input.monitoring?.personnel !== undefined),
    gas: said('gas', input.monitoring?.gas !== undefined),
  };
  // A feed's anomaly makes the day's verdict one even without a reading; otherwise the electricity decides, as ever.
  const feedAnomaly = witnesses.personnel === 'anomaly' || witnesses.gas === 'anomaly';

  return {
    mineId: input.mineId,
    date: input.date,
    status,
    verdict: feedAnomaly ? 'anomaly' : !hasReading ? 'no_data' : findings.length > 0 ? 'anomaly' : 'normal',
    totalKwh: hasReading ? total : null,
    findings,
    witnesses,
    baselines,
    policyVersion: policy.version,
  };
};
