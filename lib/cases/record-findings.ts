import { ConflictError } from '#lib/errors.ts';
import type { Finding } from '#lib/findings/vocabulary.ts';
import { actLeadOf, opensCase, RULE_LABELS, RULE_WITNESS, type Witness } from '#lib/findings/vocabulary.ts';
import { notify } from '#lib/notifications/notification.ts';
import { auditWrite, systemActor } from '#lib/store/audit.ts';
import { batchGet, batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { put, putNew, transact } from '#lib/store/transact.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { type CaseItem, caseKeys } from './case-item.ts';
import { caseSpanWrite } from './case-spans.ts';

/** How the leaders' notice names the review that found the act, by the witness that found it. */
const REVIEW_NAME: Record<Witness, string> = {
  electricity: '用电审查',
  personnel: '人员位置监测审查',
  gas: '安全监控审查',
};

/**
 * Sends the high and critical findings of a batch of reviews to investigation cases: one open case per mine and
 * rule; a later day's finding becomes evidence of the open case. Each finding is recorded once (FINDING#<rule>#<date>),
 * so running a day's review again opens nothing new and adds nothing twice, even after the case was dismissed.
 * Findings of one mine-day that are one act (SAME_ACT in lib/findings/vocabulary.ts) make one case: the stronger
 * finding's, which the others join as evidence, so the act is confirmed, and counted, once.
 */
export interface ReviewedMine {
  /** A mine's review of a day by any witness (the electricity review today): its findings are what counts here. */
  readonly review: { readonly mineId: string; readonly date: string; readonly findings: readonly Finding[] };
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly caseDeadlineDays: number;
}

/** A finding recorded as evidence of a case (PK MINE#<id>, SK FINDING#<rule>#<date>). */
export interface FindingRecord {
  readonly mineId: string;
  readonly rule: string;
  readonly date: string;
  readonly caseId: string;
  readonly finding: Finding;
}

export async function recordCaseFindings(
  db: Db,
  reviewed: readonly ReviewedMine[],
  job = 'power-review',
): Promise<{ opened: string[]; evidence: number }> {
  // The findings that name an act come before those that join its case, so the case exists when they are recorded.
  const wanted = reviewed
    .flatMap((r) => {
      const opening = r.review.findings.filter((f) => opensCase(f.severity));
      const rules = opening.map((f) => f.rule);
      return opening.map((f) => ({ ...r, finding: f, lead: actLeadOf(f.rule, rules) }));
    })
    .sort((a, b) => Number(a.lead !== undefined) - Number(b.lead !== undefined));
  if (wanted.length === 0) return { opened: [], evidence: 0 };
  const keys = wanted.flatMap((w) => [
    { PK: pk.mine(w.review.mineId), SK: sk.finding(w.finding.rule, w.review.date) },
    { PK: pk.mine(w.review.mineId), SK: sk.openCase(w.finding.rule) },
  ]);
  const found = await batchGet<{ PK: string; SK: string; caseId: string }>(db, keys);
  const byKey = new Map(found.map((f) => [`${f.PK}|${f.SK}`, f]));
  const opened: string[] = [];
  const evidence: Record<string, unknown>[] = [];
  const actor = systemActor(job);
  for (const w of wanted) {
    const { mineId, date } = w.review;
    const rule = w.finding.rule;
    const findingKey = { PK: pk.mine(mineId), SK: sk.finding(rule, date) };
    const findingAt = `${findingKey.PK}|${findingKey.SK}`;
    if (byKey.has(findingAt)) continue;
    /** The finding as evidence of a case that is there already; later findings of the same act follow it. */
    const joins = (caseId: string) => {
      evidence.push({ ...findingKey, entity: 'finding', mineId, rule, date, caseId, finding: w.finding });
      byKey.set(findingAt, { ...findingKey, caseId });
    };
    // Part of an act another finding of the day names: evidence of the case that finding went to.
    const act = w.lead && byKey.get(`${pk.mine(mineId)}|${sk.finding(w.lead, date)}`);
    if (act) {
      joins(act.caseId);
      continue;
    }
    const open = byKey.get(`${pk.mine(mineId)}|${sk.openCase(rule)}`);
    if (open) {
      joins(open.caseId);
      continue;
    }
    const at = db.now().toISOString();
    const caseId = db.newId('case');
    const item: CaseItem = {
      caseId,
      mineId,
      mineName: w.mineName,
      jurisdiction: w.jurisdiction,
      rule,
      ruleLabel: RULE_LABELS[rule],
      severity: w.finding.severity,
      status: 'open',
      openedOn: date,
      openedAt: at,
      deadline: addDays(date, w.caseDeadlineDays),
      firstFinding: w.finding,
      steps: [{ action: 'open', at, by: actor, note: w.finding.message }],
      version: 1,
      updatedAt: at,
    };
    try {
      await transact(db, [
        putNew(
          db,
          { PK: pk.mine(mineId), SK: sk.openCase(rule), entity: 'openCase', caseId },
          new ConflictError('open case exists'),
        ),
        putNew(db, { ...caseKeys(item), ...item }, new ConflictError('case exists')),
        put(db, {
          PK: pk.caseId(caseId),
          SK: sk.casePointer,
          entity: 'casePointer',
          caseId,
          mineId,
          jurisdiction: w.jurisdiction,
        }),
        put(db, { ...findingKey, entity: 'finding', mineId, rule, date, caseId, finding: w.finding }),
        // The case's span, where the review reads it: the days from this one on stay out of the mine's baselines
        // while the case is pending.
        caseSpanWrite(db.tableName, mineId, caseId, { rule, from: date }),
        auditWrite(
          db,
          actor,
          {
            mineId,
            jurisdiction: w.jurisdiction,
            action: 'case.opened',
            entityType: 'case',
            entityId: caseId,
            after: { rule, severity: item.severity, openedOn: date, deadline: item.deadline },
          },
          at,
        ),
      ]);
      opened.push(caseId);
      // The leaders hear of every case opened; an event of its own, told once.
      await notify(db, {
        kind: 'case.opened',
        eventKey: `case.opened:${caseId}`,
        mineId,
        jurisdiction: w.jurisdiction,
        severity: w.finding.severity === 'critical' ? 'critical' : 'warning',
        title: `${REVIEW_NAME[RULE_WITNESS[rule]]}立案：${w.mineName}`,
        body: `${date} ${REVIEW_NAME[RULE_WITNESS[rule]]}发现“${RULE_LABELS[rule]}”：${w.finding.message} 已立案调查核实，须于 ${item.deadline} 前办理。`,
        sms: `${w.mineName}${RULE_LABELS[rule]}，已立案核实`,
        recipients: [{ type: 'leaders', jurisdiction: w.jurisdiction }],
        ref: { entityType: 'case', entityId: caseId },
      });
      byKey.set(`${pk.mine(mineId)}|${sk.openCase(rule)}`, { PK: pk.mine(mineId), SK: sk.openCase(rule), caseId });
      byKey.set(findingAt, { ...findingKey, caseId });
    } catch (error) {
      // Another worker opened the case for this mine and rule a moment ago: this finding is its evidence.
      if (!(error instanceof ConflictError)) throw error;
      const [current] = await batchGet<{ caseId: string }>(db, [{ PK: pk.mine(mineId), SK: sk.openCase(rule) }]);
      // No open case after all: the transaction met another write to the mine's review flags, not another opening.
      // Failing lets the batch be retried, rather than the finding left without a case.
      if (!current) throw error;
      joins(current.caseId);
    }
  }
  await batchPut(db, evidence);
  return { opened, evidence: evidence.length };
}
