import { type Verdict, WITNESS_LABELS, WITNESSES, type Witness } from '#lib/findings/vocabulary.ts';
import { ruleLabel, SEVERITY_ORDER, VERDICT_LABELS } from '../labels.ts';
import type { MineReview, PowerReport } from '../types.ts';

/**
 * The day's review as one row per mine: every mine's own review (GET /v1/power-reviews/{date}/mines, normal ones
 * included, with its status that day and its kWh), and from the daily report the case each anomaly opened.
 */
export interface ReviewRow {
  readonly mineId: string;
  readonly mineName: string;
  /** The mine's status on the day reviewed (a code). */
  readonly status: string;
  readonly verdict: 'normal' | 'anomaly' | 'no_data';
  readonly severity: string | null;
  readonly totalKwh: number | null;
  /** What each witness said of the day, in the order of WITNESSES. */
  readonly witnesses: readonly WitnessVerdict[];
  readonly findings: readonly {
    readonly rule: string;
    readonly ruleLabel: string;
    readonly severity: string;
    readonly message: string;
    readonly caseId?: string;
  }[];
}

/** The fields of a mine's review of the day the rows read (the API's review has more). */
export type DayReview = Pick<MineReview, 'mineId' | 'mineName' | 'status' | 'verdict' | 'totalKwh'> & {
  readonly findings: readonly Pick<MineReview['findings'][number], 'rule' | 'severity' | 'message'>[];
  readonly witnesses?: MineReview['witnesses'];
};

export interface WitnessVerdict {
  readonly witness: Witness;
  /** 用电量, 人员位置监测, 安全监控. */
  readonly label: string;
  readonly verdict: Verdict;
  readonly verdictLabel: string;
}

/**
 * Each witness's verdict of the day. A review stored before the monitoring feeds has none: the electricity was the
 * only witness then, so its verdict is the day's, and the feeds said nothing (无数据).
 */
export function witnessVerdicts(review: Pick<DayReview, 'verdict' | 'witnesses'>): WitnessVerdict[] {
  const said: Record<Witness, Verdict> = review.witnesses ?? {
    electricity: review.verdict,
    personnel: 'no_data',
    gas: 'no_data',
  };
  return WITNESSES.map((witness) => ({
    witness,
    label: WITNESS_LABELS[witness],
    verdict: said[witness],
    verdictLabel: VERDICT_LABELS[said[witness]],
  }));
}

/** The verdicts in one line, for the export: `用电量：正常；人员位置监测：异常；安全监控：无数据`. */
export const witnessText = (verdicts: readonly WitnessVerdict[]): string =>
  verdicts.map((w) => `${w.label}：${w.verdictLabel}`).join('；');

export function reviewRows(report: PowerReport, reviews: readonly DayReview[]): ReviewRow[] {
  const caseOf = new Map(
    report.anomalies.flatMap((a) =>
      a.findings.flatMap((f) => (f.caseId ? [[`${a.mineId}#${f.rule}`, f.caseId] as const] : [])),
    ),
  );
  const worst = (findings: DayReview['findings']): string | null =>
    findings.reduce<string | null>(
      (w, f) => ((SEVERITY_ORDER[f.severity] ?? 0) > (SEVERITY_ORDER[w ?? ''] ?? 0) ? f.severity : w),
      null,
    );
  return reviews
    .map(
      (r): ReviewRow => ({
        mineId: r.mineId,
        mineName: r.mineName,
        status: r.status,
        verdict: r.verdict,
        severity: worst(r.findings),
        totalKwh: r.totalKwh,
        witnesses: witnessVerdicts(r),
        findings: r.findings.map((f) => {
          const caseId = caseOf.get(`${r.mineId}#${f.rule}`);
          return {
            rule: f.rule,
            ruleLabel: ruleLabel(f.rule),
            severity: f.severity,
            message: f.message,
            ...(caseId ? { caseId } : {}),
          };
        }),
      }),
    )
    .sort(
      (a, b) =>
        (SEVERITY_ORDER[b.severity ?? ''] ?? 0) - (SEVERITY_ORDER[a.severity ?? ''] ?? 0) ||
        verdictRank(a.verdict) - verdictRank(b.verdict) ||
        a.mineId.localeCompare(b.mineId),
    );
}

const verdictRank = (v: ReviewRow['verdict']): number => ({ anomaly: 0, no_data: 1, normal: 2 })[v];

/** Whether the day's report exists: a date not yet reviewed answers with no mines and the jurisdictions pending. */
/**
 * The cases a mine's findings of the day went to, each once: witnesses of one act share a case, so several findings
 * may name the same one.
 */
export const casesOfRow = (row: Pick<ReviewRow, 'findings'>): string[] => [
  ...new Set(row.findings.flatMap((f) => (f.caseId ? [f.caseId] : []))),
];

export const reportMissing = (report: PowerReport): boolean =>
  report.mines === 0 && (report.pendingJurisdictions?.length ?? 0) > 0;
