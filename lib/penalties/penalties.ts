import { ConflictError, RuleError } from '#lib/errors.ts';
import { licenceToActOn } from '#lib/registry/licences.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { namePersons, personFileWrites } from '#lib/registry/responsible-persons.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { put, putNew, type Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { commitDecided, commitInForce, inForce } from './penalty-commit.ts';
import { type PenaltyItem, type PenaltyTerms, penaltyKeys } from './penalty-item.ts';
import { penaltyPk, penaltySk } from './penalty-keys.ts';
import { penaltyPolicy } from './penalty-policy.ts';
import { fileRef, penaltyView } from './penalty-read.ts';
import { classifyPenalty } from './penalty-rules.ts';
import type { CreatePenaltyBody } from './schemas.ts';
import { planSuspension } from './suspension-status.ts';
import { checkViolationsOfMine } from './violation-refs.ts';

/**
 * Penalties (行政处罚) against a mine: proposed by an inspector or the bureau's leader, reviewed by the legal
 * reviewer when major (重大执法决定法制审核), in force, executed. Every change is checked against the state (422),
 * the four-eyes rule (422) and the version (409), and audited in the same transaction.
 */
export { actOnPenalty } from './penalty-actions.ts';
export { fileRef, loadPenalty, type PenaltyView, penaltyDetail, penaltyView, stale } from './penalty-read.ts';

/** The terms of the body's kind, and nothing else. */
function termsOf(body: CreatePenaltyBody): PenaltyTerms {
  switch (body.kind) {
    case 'fine':
      return { kind: body.kind, amountYuan: body.amountYuan };
    case 'ordered_suspension':
      return { kind: body.kind, scope: body.scope, from: body.from, ...(body.to ? { to: body.to } : {}) };
    case 'licence_action':
      return { kind: body.kind, licenceType: body.licenceType, licenceAction: body.licenceAction };
    default:
      return { kind: body.kind };
  }
}

export async function createPenalty(store: TenantStore, mineId: string, body: CreatePenaltyBody) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  await checkViolationsOfMine(db, mineId, body.violationIds);
  const named = await namePersons(db, mineId, body.responsiblePersons, 'body.responsiblePersons');
  const terms = termsOf(body);
  const { values: thresholds, ref } = await penaltyPolicy.inForce(db, mine.jurisdiction);
  const { major, reason } = classifyPenalty(terms, thresholds);
  // Checked now as well as on approval, so a proposal that could never take effect is refused at once.
  if (terms.kind === 'ordered_suspension') await planSuspension(db, mine, terms.from!).catch(asBodyField);
  if (terms.kind === 'licence_action') await licenceToActOn(db, mineId, terms.licenceType!, 'body.licenceType');

  const actor = actorOf(store.principal);
  const at = db.now().toISOString();
  const penaltyId = db.newId('pen');
  const proposed: PenaltyItem = {
    penaltyId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    ...terms,
    ...(body.decisionNo ? { decisionNo: body.decisionNo } : {}),
    basis: body.basis,
    description: body.description,
    violationIds: body.violationIds,
    ...(named.length > 0 ? { responsiblePersons: named } : {}),
    major,
    majorReason: reason,
    policy: ref,
    status: 'proposed',
    proposedBy: actor,
    proposedAt: at,
    steps: [{ action: major ? 'propose' : 'decide', at, by: actor }],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const item = major ? proposed : inForce(proposed, todayInShanghai(db.now()), thresholds);
  const writes = (p: PenaltyItem): Write[] => [
    putNew(db, { ...penaltyKeys(p), ...p }, new ConflictError(`处罚 ${penaltyId} 已存在`)),
    put(db, {
      PK: penaltyPk.penaltyId(penaltyId),
      SK: penaltySk.penaltyPointer,
      entity: 'penaltyPointer',
      penaltyId,
      mineId,
      jurisdiction: mine.jurisdiction,
    }),
    ...personFileWrites(db, fileRef(p), [], named),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: major ? 'penalty.proposed' : 'penalty.decided',
        entityType: 'penalty',
        entityId: penaltyId,
        before: null,
        after: auditFields(p),
      },
      at,
    ),
  ];
  const saved = major
    ? await commitInForce(db, actor, mine, item, at, writes)
    : await commitDecided(db, store.principal, actor, mine, item, at, writes);
  return penaltyView(saved, db.now());
}

/** A planSuspension refusal at creation names the body's field. */
const asBodyField = (error: unknown): never => {
  if (error instanceof RuleError)
    throw new RuleError(
      error.message,
      error.fields.map((f) => ({ ...f, field: `body.${f.field}` })),
    );
  throw error;
};

const auditFields = (p: PenaltyItem) => ({
  kind: p.kind,
  status: p.status,
  major: p.major,
  ...(p.amountYuan !== undefined ? { amountYuan: p.amountYuan } : {}),
  ...(p.from ? { from: p.from } : {}),
  ...(p.to ? { to: p.to } : {}),
  ...(p.licenceType ? { licenceType: p.licenceType, licenceAction: p.licenceAction } : {}),
  ...(p.decisionNo ? { decisionNo: p.decisionNo } : {}),
  ...(p.documentNo ? { documentNo: p.documentNo } : {}),
  ...(p.effectiveOn ? { effectiveOn: p.effectiveOn, executionDue: p.executionDue } : {}),
  ...(p.violationIds.length ? { violationIds: p.violationIds } : {}),
  ...(p.responsiblePersons?.length ? { responsiblePersons: p.responsiblePersons } : {}),
});
