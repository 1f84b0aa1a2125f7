import { NotFoundError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { PERSON_ROLE_LABELS } from '#lib/registry/vocabulary.ts';
import { type Actor, actorOf, systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { type BlacklistEntry, entryView, type SubjectType } from './entry.ts';
import { alreadyOpen, createEntry } from './entry-writes.ts';
import { type GroundCode, groundOf, groundsOfForcedRules, SCOPES, type Scope } from './grounds.ts';

/**
 * Proposals (拟列入): by an inspector or admin for an enterprise or one of its registered key persons, or by the
 * system when a mine's credit drops to D. A subject has at most one open entry; a second proposal is a 409 (or,
 * from the system, quietly nothing).
 */
export const CREDIT_D_GROUND: GroundCode = 'CREDIT_TIER_D';

interface Draft {
  readonly mine: Pick<MineItem, 'mineId' | 'name' | 'enterpriseName' | 'creditCode' | 'jurisdiction'>;
  readonly subjectType: SubjectType;
  /** The person's name for a person; the enterprise's name otherwise. */
  readonly subjectName?: string;
  readonly person?: BlacklistEntry['person'];
  readonly grounds: readonly GroundCode[];
  readonly scopes: readonly Scope[];
  readonly source: BlacklistEntry['source'];
  readonly note: string;
}

function draftEntry(db: Db, actor: Actor, d: Draft): BlacklistEntry {
  const at = db.now().toISOString();
  const enterpriseName = d.mine.enterpriseName ?? d.mine.name;
  return {
    entryId: db.newId('bl'),
    subjectType: d.subjectType,
    subjectName: d.subjectName ?? enterpriseName,
    creditCode: d.mine.creditCode,
    enterpriseName,
    ...(d.person ? { person: d.person } : {}),
    mineId: d.mine.mineId,
    mineName: d.mine.name,
    jurisdiction: d.mine.jurisdiction,
    grounds: d.grounds.map(groundOf),
    scopes: d.scopes,
    status: 'proposed',
    source: d.source,
    proposedBy: actor,
    proposedAt: at,
    objections: [],
    steps: [{ action: 'propose', at, by: actor, note: d.note }],
    version: 1,
    updatedAt: at,
  };
}

export interface ProposeInput {
  readonly subjectType: SubjectType;
  readonly mineId: string;
  readonly personId?: string | undefined;
  readonly grounds: readonly GroundCode[];
  readonly scopes?: readonly Scope[] | undefined;
  readonly note: string;
}

export async function proposeEntry(store: TenantStore, input: ProposeInput) {
  const { profile: mine, db } = await store.mine<MineItem>(input.mineId);
  let person: (BlacklistEntry['person'] & { name: string }) | undefined;
  if (input.subjectType === 'person') {
    if (!input.personId)
      throw new ValidationError('列入个人须指定本矿登记的关键人员', [
        { field: 'body.personId', message: 'required for a person' },
      ]);
    const found = await getItem<{
      personId: string;
      role: keyof typeof PERSON_ROLE_LABELS;
      name: string;
      residentIdMasked: string;
      residentIdHash: string;
    }>(db, {
      PK: pk.mine(mine.mineId),
      SK: sk.person(input.personId),
    });
    // Not echoed: a client may have put the resident ID itself where the person's id belongs.
    if (!found)
      throw new NotFoundError('本矿没有该关键人员（personId 须为本矿登记的关键人员编号）', [
        { field: 'body.personId', message: 'no such key person at this mine' },
      ]);
    person = {
      personId: found.personId,
      role: found.role,
      roleLabel: PERSON_ROLE_LABELS[found.role],
      residentIdMasked: found.residentIdMasked,
      residentIdHash: found.residentIdHash,
      name: found.name,
    };
  } else if (input.personId) {
    throw new ValidationError('列入企业时不能指定关键人员', [{ field: 'body.personId', message: 'only for a person' }]);
  }
  const actor = actorOf(store.principal);
  const entry = draftEntry(db, actor, {
    mine,
    subjectType: input.subjectType,
    ...(person ? { person: personOnly(person), subjectName: person.name } : {}),
    grounds: [...new Set(input.grounds)],
    scopes: input.scopes?.length ? [...new Set(input.scopes)] : SCOPES,
    source: { kind: 'manual', note: input.note },
    note: input.note,
  });
  await createEntry(db, entry, actor, input.note);
  return entryView(entry);
}

const personOnly = (p: BlacklistEntry['person'] & { name: string }): BlacklistEntry['person'] => {
  const { name: _name, ...rest } = p;
  return rest;
};

export interface CreditDropInput {
  readonly mine: Pick<MineItem, 'mineId' | 'name' | 'enterpriseName' | 'creditCode' | 'jurisdiction'>;
  readonly date: string;
  readonly reasons: readonly string[];
  /** The forced-D rules of the classification (e.g. `accident.concealed`); none when the score alone made it D. */
  readonly forcedRules?: readonly string[];
  readonly policyVersion: number;
}

/**
 * A mine classified D proposes its enterprise for the blacklist; a person still decides. Once per subject while an
 * entry is open: when one is already proposed or listed this returns undefined and writes nothing. A D forced by an
 * accident, a concealed accident, a closed mine revived or a stopped mine producing cites that ground first, with
 * its own legal basis (应急管理部令第11号 or the local plan), and the credit tier after it.
 */
/** The credit ground's basis: the bureau's policy by its version; version 0 is the product's default, never saved. */
export const creditPolicyBasis = (policyVersion: number): string =>
  policyVersion > 0 ? `本局安全信用分类监管策略（第 ${policyVersion} 版）` : '本局安全信用分类监管策略（默认设置）';

export async function proposeFromCreditDrop(db: Db, input: CreditDropInput): Promise<BlacklistEntry | undefined> {
  const actor = systemActor('credit-classification');
  const note = `${input.date} 安全信用分类评为D级：${input.reasons.join('；')}`;
  const drafted = draftEntry(db, actor, {
    mine: input.mine,
    subjectType: 'enterprise',
    grounds: [...groundsOfForcedRules(input.forcedRules ?? []), CREDIT_D_GROUND],
    scopes: SCOPES,
    source: { kind: 'credit', date: input.date, tier: 'D', reasons: input.reasons },
    note,
  });
  const entry: BlacklistEntry = {
    ...drafted,
    grounds: drafted.grounds.map((g) =>
      g.code === CREDIT_D_GROUND ? { ...g, basis: creditPolicyBasis(input.policyVersion) } : g,
    ),
  };
  const duplicate = alreadyOpen();
  try {
    await createEntry(db, entry, actor, note, duplicate);
    return entry;
  } catch (error) {
    if (error === duplicate) return undefined;
    throw error;
  }
}
