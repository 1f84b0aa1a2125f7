import { ruleLabel, SEVERITY_ORDER } from '../labels.ts';
import type { Mine, PowerReport } from '../types.ts';

/**
 * The daily report as one row per mine. The report lists the mines with findings and those without data; every
 * other mine of the jurisdiction that was reviewed that day was normal, so the mine list fills in those rows.
 */
export interface ReviewRow {
  readonly mineId: string;
  readonly mineName: string;
  /** The mine's status on the day reviewed (a code; empty when the report does not say). */
  readonly status: string;
  readonly verdict: 'normal' | 'anomaly' | 'no_data' | 'unknown';
  readonly severity: string | null;
  readonly totalKwh: number | null;
  readonly findings: readonly { readonly rule: string; readonly ruleLabel: string; readonly severity: string; readonly message: string; readonly caseId?: string }[];
}

export function reviewRows(report: PowerReport, mines: readonly Pick<Mine, 'mineId' | 'name' | 'status'>[]): ReviewRow[] {
  const rows = new Map<string, ReviewRow>();
  for (const a of report.anomalies) {
    rows.set(a.mineId, {
      mineId: a.mineId,
      mineName: a.mineName,
      status: a.status,
      verdict: 'anomaly',
      severity: a.severity,
      totalKwh: a.totalKwh,
      findings: a.findings.map((f) => ({ ...f, ruleLabel: ruleLabel(f.rule) })),
    });
  }
  for (const n of report.noData) {
    const seen = rows.get(n.mineId);
    rows.set(n.mineId, seen ? { ...seen, verdict: 'no_data' } : { mineId: n.mineId, mineName: n.mineName, status: n.status, verdict: 'no_data', severity: null, totalKwh: null, findings: [] });
  }
  // The rest were normal, as long as the counts agree; a mine added after that day was not reviewed at all.
  const rest = mines.filter((m) => !rows.has(m.mineId));
  const normal = report.verdicts.normal ?? 0;
  const certain = rest.length === normal;
  for (const m of rest) {
    rows.set(m.mineId, { mineId: m.mineId, mineName: m.name, status: certain ? m.status : '', verdict: certain ? 'normal' : 'unknown', severity: null, totalKwh: null, findings: [] });
  }
  return [...rows.values()].sort(
    (a, b) => (SEVERITY_ORDER[b.severity ?? ''] ?? 0) - (SEVERITY_ORDER[a.severity ?? ''] ?? 0) || verdictRank(a.verdict) - verdictRank(b.verdict) || a.mineId.localeCompare(b.mineId),
  );
}

const verdictRank = (v: ReviewRow['verdict']): number => ({ anomaly: 0, no_data: 1, unknown: 2, normal: 3 })[v];

/** Whether the day's report exists: a date not yet reviewed answers with no mines and the jurisdictions pending. */
export const reportMissing = (report: PowerReport): boolean => report.mines === 0 && (report.pendingJurisdictions?.length ?? 0) > 0;
