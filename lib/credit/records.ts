import type { AccidentLevel } from '#lib/accidents/accident-item.ts';
import type { HazardLevel } from '#lib/hazards/hazard-item.ts';
import type { PenaltyKind } from '#lib/penalties/penalty-item.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { ViolationCategory } from '#lib/violations/categories.ts';
import type { Tier } from './policy.ts';

/**
 * The records the credit model reads, reduced to what it needs. They come from the credit index (GSI3) of the
 * stored items (`fromStoredItem`), or from a what-if request (simulate), so the pure model never sees storage.
 */
export type CreditRecord =
  | {
      readonly kind: 'violation';
      readonly id: string;
      readonly date: string;
      readonly category: ViolationCategory;
      /** A violation recorded by confirming a review case (electricity or monitoring feeds: 确认的审查案件) names the case. */
      readonly caseId?: string;
      readonly description?: string;
    }
  | {
      readonly kind: 'hazard';
      readonly id: string;
      /** Found on. */
      readonly date: string;
      readonly level: HazardLevel;
      readonly deadline: string;
      /** Rectified and verified on (销号); absent while open. */
      readonly closedOn?: string;
      /** Found and reported by the mine itself (自查自报), not by an inspection or a case. */
      readonly selfReported?: boolean;
      /** Found by an investigation case (source `case`): the case's act, counted once with it (./case-acts.ts). */
      readonly caseId?: string;
      /** A major hazard's category in the standard. */
      readonly category?: string;
      readonly description?: string;
    }
  | {
      readonly kind: 'accident';
      readonly id: string;
      readonly date: string;
      readonly level: AccidentLevel;
      readonly concealed: boolean;
      readonly misreported: boolean;
      readonly description?: string;
    }
  | {
      readonly kind: 'penalty';
      readonly id: string;
      /** The execution due date: after it an unexecuted penalty counts. */
      readonly date: string;
      readonly penaltyKind: PenaltyKind;
      readonly executedOn?: string;
      readonly decisionNo?: string;
    }
  | {
      /**
       * A confirmed case whose act is a major hazard (lib/cases/case-item.ts RULE_MAJOR_HAZARD): it costs nothing of
       * its own; it tells the model that the case's violation and the hazards recorded from it are that major hazard,
       * one act counted once (./case-acts.ts). `id` is the case's id; `date` the finding day, as its violation's.
       */
      readonly kind: 'case';
      readonly id: string;
      readonly date: string;
      /** The category code of the major-hazard standard (lib/hazards/standards.ts). */
      readonly majorHazard: string;
    }
  | { readonly kind: 'missed_reading'; readonly id: string; readonly date: string }
  | { readonly kind: 'interview'; readonly id: string; readonly date: string; readonly subject?: string }
  | { readonly kind: 'commitment'; readonly id: string; readonly date: string; readonly year: number }
  | {
      readonly kind: 'blacklist';
      readonly id: string;
      /** Listed on; it holds until the day before `endsOn`. */
      readonly date: string;
      readonly endsOn: string;
      readonly decisionNo?: string;
    }
  | {
      readonly kind: 'override';
      readonly id: string;
      /** Approved on: from then to `endsOn` (inclusive) the tier is the override's. */
      readonly date: string;
      readonly endsOn: string;
      readonly tier: Tier;
      readonly reason: string;
    };

export type CreditRecordKind = CreditRecord['kind'];

type Stored = Record<string, unknown> & { entity?: string };
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The attributes `fromStoredItem` reads, and all the credit index's query asks for: the items on the index carry whole
 * reviews, hazards with their photos and rectification, penalties with their decisions, and the model needs a dozen
 * fields of them. A unit test holds this list to the function (tests/unit/credit/records.test.ts).
 */
export const CREDIT_RECORD_ATTRIBUTES = [
  'accidentId',
  'approvedOn',
  'caseId',
  'category',
  'concealed',
  'date',
  'deadline',
  'decisionNo',
  'description',
  'endsOn',
  'entity',
  'entryId',
  'executedOn',
  'executionDue',
  'filedOn',
  'foundOn',
  'hazardId',
  'interviewId',
  'kind',
  'level',
  'listedOn',
  'misreported',
  'openedOn',
  'outcome',
  'overrideId',
  'penaltyId',
  'reason',
  'source',
  'status',
  'subject',
  'subjectType',
  'tier',
  'totalKwh',
  'verifiedAt',
  'violationId',
  'year',
] as const;

/** A stored item from the credit index as a credit record; undefined for an item the model does not count. */
export function fromStoredItem(item: Stored): CreditRecord | undefined {
  switch (item.entity) {
    case 'violation': {
      const source = item.source as { kind?: string; id?: string } | undefined;
      return {
        kind: 'violation',
        id: String(item.violationId),
        date: String(item.date),
        category: item.category as ViolationCategory,
        ...(source?.kind === 'case' && source.id ? { caseId: source.id } : {}),
        ...(str(item.description) ? { description: str(item.description)! } : {}),
      };
    }
    case 'hazard': {
      const verifiedAt = str(item.verifiedAt);
      return {
        kind: 'hazard',
        id: String(item.hazardId),
        date: String(item.foundOn),
        level: item.level as HazardLevel,
        deadline: String(item.deadline),
        ...(item.status === 'verified' && verifiedAt ? { closedOn: todayInShanghai(new Date(verifiedAt)) } : {}),
        ...(item.source === 'self_report' ? { selfReported: true } : {}),
        ...(item.source === 'case' && str(item.caseId) ? { caseId: str(item.caseId)! } : {}),
        ...(item.level === 'major' && str(item.category) ? { category: str(item.category)! } : {}),
        ...(str(item.description) ? { description: str(item.description)! } : {}),
      };
    }
    case 'case': {
      const majorHazard = str((item.outcome as { majorHazard?: unknown } | undefined)?.majorHazard);
      return majorHazard
        ? { kind: 'case', id: String(item.caseId), date: String(item.openedOn), majorHazard }
        : undefined;
    }
    case 'interview':
      return {
        kind: 'interview',
        id: String(item.interviewId),
        date: String(item.date),
        ...(str(item.subject) ? { subject: str(item.subject)! } : {}),
      };
    case 'accident':
      return {
        kind: 'accident',
        id: String(item.accidentId),
        date: String(item.date),
        level: item.level as AccidentLevel,
        concealed: item.concealed === true,
        misreported: item.misreported === true,
        ...(str(item.description) ? { description: str(item.description)! } : {}),
      };
    case 'penalty': {
      const due = str(item.executionDue);
      if (!due || (item.status !== 'effective' && item.status !== 'executed')) return undefined;
      return {
        kind: 'penalty',
        id: String(item.penaltyId),
        date: due,
        penaltyKind: item.kind as PenaltyKind,
        ...(item.status === 'executed' && str(item.executedOn) ? { executedOn: str(item.executedOn)! } : {}),
        ...(str(item.decisionNo) ? { decisionNo: str(item.decisionNo)! } : {}),
      };
    }
    case 'review':
      // No electricity reading (totalKwh null), whatever the monitoring feeds made of the day's verdict.
      return item.totalKwh === null
        ? { kind: 'missed_reading', id: String(item.date), date: String(item.date) }
        : undefined;
    case 'safetyCommitment':
      return { kind: 'commitment', id: String(item.year), date: String(item.filedOn), year: Number(item.year) };
    case 'creditOverride':
      return item.status === 'approved'
        ? {
            kind: 'override',
            id: String(item.overrideId),
            date: String(item.approvedOn),
            endsOn: String(item.endsOn),
            tier: item.tier as Tier,
            reason: String(item.reason),
          }
        : undefined;
    case 'blacklistEntry':
      return item.status === 'published' && item.subjectType === 'enterprise' && str(item.listedOn) && str(item.endsOn)
        ? {
            kind: 'blacklist',
            id: String(item.entryId),
            date: String(item.listedOn),
            endsOn: String(item.endsOn),
            ...(str(item.decisionNo) ? { decisionNo: str(item.decisionNo)! } : {}),
          }
        : undefined;
    default:
      return undefined;
  }
}
