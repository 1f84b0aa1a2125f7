import { opensCase, SEVERITIES, type Severity, type Verdict } from '#lib/findings/vocabulary.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { put, transact } from '#lib/store/transact.ts';
import type { StoredReview } from './review-mines.ts';

/**
 * The jurisdiction's daily report (每日用电审查报告): counts by verdict, anomalies by severity with their findings
 * and the cases they went to, and the mines with no data. Built from the stored reviews, so it always agrees with them.
 */
export interface PowerReport {
  readonly date: string;
  readonly jurisdiction: string;
  readonly mines: number;
  readonly verdicts: Record<Verdict, number>;
  readonly bySeverity: Record<Severity, number>;
  readonly anomalies: {
    mineId: string;
    mineName: string;
    status: string;
    totalKwh: number | null;
    severity: Severity;
    findings: { rule: string; severity: Severity; message: string; caseId?: string }[];
  }[];
  readonly noData: { mineId: string; mineName: string; status: string }[];
  readonly policies: { definedAt: string | null; version: number }[];
  readonly generatedAt: string;
}

const worst = (severities: Severity[]): Severity =>
  SEVERITIES[Math.max(...severities.map((s) => SEVERITIES.indexOf(s)))] ?? 'low';

export async function buildPowerReport(db: Db, jurisdiction: string, date: string): Promise<PowerReport> {
  const reviews = (
    await queryAll<StoredReview>(db, {
      index: 'GSI1',
      partition: gsi1.reviewsOfProvince(jurisdiction, date),
      beginsWith: `${jurisdiction}/#`,
    })
  ).map((r) => stripKeys(r) as StoredReview);
  const caseKeys = reviews.flatMap((r) =>
    r.findings
      .filter((f) => opensCase(f.severity))
      .map((f) => ({ PK: pk.mine(r.mineId), SK: sk.finding(f.rule, date) })),
  );
  const caseOf = new Map(
    (await batchGet<{ PK: string; SK: string; caseId: string }>(db, caseKeys)).map((f) => [
      `${f.PK}|${f.SK}`,
      f.caseId,
    ]),
  );
  const verdicts: Record<Verdict, number> = { normal: 0, anomaly: 0, no_data: 0 };
  const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  const anomalies: PowerReport['anomalies'] = [];
  const noData: PowerReport['noData'] = [];
  for (const r of reviews) {
    verdicts[r.verdict] += 1;
    // No electricity reading is a missing report even when a monitoring feed made the day an anomaly.
    if (r.totalKwh === null) noData.push({ mineId: r.mineId, mineName: r.mineName, status: r.status });
    if (r.findings.length === 0) continue;
    const severity = worst(r.findings.map((f) => f.severity));
    if (r.verdict === 'anomaly') bySeverity[severity] += 1;
    anomalies.push({
      mineId: r.mineId,
      mineName: r.mineName,
      status: r.status,
      totalKwh: r.totalKwh,
      severity,
      findings: r.findings.map((f) => {
        const caseId = caseOf.get(`${pk.mine(r.mineId)}|${sk.finding(f.rule, date)}`);
        return { rule: f.rule, severity: f.severity, message: f.message, ...(caseId ? { caseId } : {}) };
      }),
    });
  }
  anomalies.sort(
    (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.mineId.localeCompare(b.mineId),
  );
  const policies = [...new Map(reviews.map((r) => [`${r.policy.definedAt}@${r.policy.version}`, r.policy])).values()];
  const report: PowerReport = {
    date,
    jurisdiction,
    mines: reviews.length,
    verdicts,
    bySeverity,
    anomalies,
    noData,
    policies,
    generatedAt: db.now().toISOString(),
  };
  await transact(db, [
    put(db, { PK: pk.jurisdiction(jurisdiction), SK: sk.powerReport(date), entity: 'powerReport', ...report }),
  ]);
  return report;
}

/** The reports of every jurisdiction under a scope, merged into one (a city sees its districts together). */
export function mergeReports(scope: string, date: string, reports: readonly PowerReport[]) {
  const verdicts: Record<Verdict, number> = { normal: 0, anomaly: 0, no_data: 0 };
  const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const r of reports) {
    for (const k of Object.keys(verdicts) as Verdict[]) verdicts[k] += r.verdicts[k];
    for (const k of Object.keys(bySeverity) as Severity[]) bySeverity[k] += r.bySeverity[k];
  }
  return {
    date,
    jurisdiction: scope,
    jurisdictions: reports.map((r) => ({ jurisdiction: r.jurisdiction, mines: r.mines, generatedAt: r.generatedAt })),
    mines: reports.reduce((n, r) => n + r.mines, 0),
    verdicts,
    bySeverity,
    anomalies: reports
      .flatMap((r) => r.anomalies)
      .sort(
        (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.mineId.localeCompare(b.mineId),
      ),
    noData: reports.flatMap((r) => r.noData),
    policies: [...new Map(reports.flatMap((r) => r.policies).map((p) => [`${p.definedAt}@${p.version}`, p])).values()],
  };
}
