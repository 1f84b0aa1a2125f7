import type { Verdict } from '#lib/findings/vocabulary.ts';

/**
 * What a changed policy would have changed, pure: each mine-day reviewed under the policy in force and under the
 * changed one, compared. A mine-day changes when its verdict or the rules of its findings differ; the totals count
 * every change, the list keeps the first `cap` (newest day first, then by mine name) and says when it was cut.
 */
export interface DayOutcome {
  readonly verdict: Verdict;
  /** The rule ids of its findings, sorted, once each. */
  readonly rules: readonly string[];
}

export interface MineDayPair {
  readonly mineId: string;
  readonly mineName: string;
  readonly date: string;
  readonly before: DayOutcome;
  readonly after: DayOutcome;
}

export interface VerdictShift {
  readonly from: Verdict;
  readonly to: Verdict;
  readonly count: number;
}

export interface PowerPreviewSummary {
  readonly totals: {
    readonly mines: number;
    readonly mineDays: number;
    /** Mine-days whose verdict or findings change. */
    readonly changed: number;
    /** Mine-days whose verdict changes. */
    readonly verdictsChanged: number;
    /** The verdict changes by from → to, largest first. */
    readonly byVerdict: readonly VerdictShift[];
  };
  /** Per reviewed day, oldest first: mine-days reviewed, changed, verdicts changed. */
  readonly days: readonly { date: string; reviewed: number; changed: number; verdictsChanged: number }[];
  readonly changes: readonly MineDayPair[];
  readonly truncated: boolean;
}

const sameRules = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r, i) => r === b[i]);

export const ruleIds = (findings: readonly { rule: string }[]): string[] =>
  [...new Set(findings.map((f) => f.rule))].sort();

export const changedDay = (p: MineDayPair): boolean =>
  p.before.verdict !== p.after.verdict || !sameRules(p.before.rules, p.after.rules);

export function summarisePreview(
  pairs: readonly MineDayPair[],
  dates: readonly string[],
  mines: number,
  cap: number,
): PowerPreviewSummary {
  const days = new Map(dates.map((date) => [date, { date, reviewed: 0, changed: 0, verdictsChanged: 0 }]));
  const shifts = new Map<string, VerdictShift>();
  const changed: MineDayPair[] = [];
  let verdictsChanged = 0;
  for (const p of pairs) {
    const day = days.get(p.date);
    if (day) day.reviewed++;
    if (!changedDay(p)) continue;
    changed.push(p);
    if (day) day.changed++;
    if (p.before.verdict === p.after.verdict) continue;
    verdictsChanged++;
    if (day) day.verdictsChanged++;
    const key = `${p.before.verdict}>${p.after.verdict}`;
    const seen = shifts.get(key);
    shifts.set(key, { from: p.before.verdict, to: p.after.verdict, count: (seen?.count ?? 0) + 1 });
  }
  changed.sort(
    (a, b) =>
      (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
      a.mineName.localeCompare(b.mineName, 'zh') ||
      (a.mineId < b.mineId ? -1 : a.mineId > b.mineId ? 1 : 0),
  );
  return {
    totals: {
      mines,
      mineDays: pairs.length,
      changed: changed.length,
      verdictsChanged,
      byVerdict: [...shifts.values()].sort(
        (a, b) => b.count - a.count || `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`),
      ),
    },
    days: [...days.values()],
    changes: changed.slice(0, cap),
    truncated: changed.length > cap,
  };
}
