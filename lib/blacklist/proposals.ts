import { ConflictError } from '../errors.ts';
import { auditWrite, systemActor } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { putNew, put, transact } from '../store/transact.ts';
import { blacklistKeys, blacklistPointer, type BlacklistEntry, openEntryKey } from './entry.ts';

export const CREDIT_D_GROUND = 'CREDIT_TIER_D';

export interface CreditDropInput {
  readonly mine: { readonly mineId: string; readonly name: string; readonly enterpriseName?: string; readonly creditCode: string; readonly jurisdiction: string };
  readonly date: string;
  readonly reasons: readonly string[];
  readonly policyVersion: number;
}

/**
 * A mine classified D proposes its enterprise for the blacklist; a person still decides. Once per subject while an
 * entry is open: when one is already proposed or listed this returns undefined and writes nothing.
 */
export async function proposeFromCreditDrop(db: Db, input: CreditDropInput): Promise<BlacklistEntry | undefined> {
  const at = db.now().toISOString();
  const actor = systemActor('credit-classification');
  const entry: BlacklistEntry = {
    entryId: db.newId('bl'),
    subjectType: 'enterprise',
    subjectName: input.mine.enterpriseName ?? input.mine.name,
    creditCode: input.mine.creditCode,
    mineId: input.mine.mineId,
    mineName: input.mine.name,
    jurisdiction: input.mine.jurisdiction,
    grounds: [{ code: CREDIT_D_GROUND, name: '安全信用评为D级（严重失信）', basis: `本局安全信用分类监管策略（第 ${input.policyVersion} 版）` }],
    status: 'proposed',
    source: { kind: 'credit', date: input.date, tier: 'D', reasons: input.reasons },
    proposedBy: actor,
    proposedAt: at,
    steps: [{ action: 'propose', at, by: actor, note: `${input.date} 安全信用分类评为D级：${input.reasons.join('；')}` }],
    version: 1,
    updatedAt: at,
  };
  const alreadyOpen = new ConflictError('该企业已有拟列入或已列入的名单记录');
  try {
    await transact(db, [
      putNew(db, { ...openEntryKey(entry), entity: 'blacklistOpen', entryId: entry.entryId, status: entry.status }, alreadyOpen),
      put(db, { ...blacklistKeys(entry), ...entry }),
      put(db, blacklistPointer(entry)),
      auditWrite(db, actor, {
        mineId: entry.mineId,
        jurisdiction: entry.jurisdiction,
        action: 'blacklist.propose',
        entityType: 'blacklistEntry',
        entityId: entry.entryId,
        before: null,
        after: { status: entry.status, grounds: entry.grounds.map((g) => g.code) },
        reason: entry.steps[0]!.note,
      }, at),
    ]);
    return entry;
  } catch (error) {
    if (error === alreadyOpen) return undefined;
    throw error;
  }
}
