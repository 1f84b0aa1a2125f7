import { proposeFromCreditDrop } from '#lib/blacklist/proposals.ts';
import { type LastInspection, lastInspectionKey } from '#lib/inspections/inspection-item.ts';
import { notify, type Recipient } from '#lib/notifications/notification.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { auditWrite, systemActor } from '#lib/store/audit.ts';
import { batchGet, batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { stableJson } from '#lib/store/stable-json.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { classify } from './classify.ts';
import { creditPolicyCache } from './credit-policy.ts';
import {
  type CreditRecordsReader,
  creditCurrentItem,
  creditRecordsOfEach,
  creditSnapshotItem,
  type StoredCredit,
  storedCreditOf,
} from './credit-store.ts';
import { type CreditPolicy, TIER_LABELS, tierRank } from './policy.ts';
import { nextInspectionDue } from './supervision.ts';

/**
 * Classifies a set of mines as of a day: the I/O around the pure model. Profiles, current classifications and last
 * inspections come in one batch for the set, the records by `recordsOf` (a query per mine on the credit index, or
 * the nightly job's one per bucket of mines), the policy once per jurisdiction; the results go back in batches. A
 * tier change is an event: it is audited and the mine and its assigned official are told; a drop to D proposes the
 * enterprise for the blacklist. Those are recorded before the new classification, so a run cut short and run again
 * still finds the change and records it once.
 */
export interface TierChange {
  readonly mineId: string;
  readonly from: string | null;
  readonly to: string;
}

export interface ClassifyBatchResult {
  readonly classified: number;
  readonly changes: TierChange[];
  readonly blacklistProposals: string[];
  readonly missingMines: string[];
}

const JOB = 'credit-classification';

export async function classifyMines(
  db: Db,
  asOf: string,
  mineIds: readonly string[],
  options: {
    readonly recordsOf?: CreditRecordsReader;
    /** The policy in force per jurisdiction; by default read once per jurisdiction of this call. */
    readonly policyOf?: (jurisdiction: string) => Promise<CreditPolicy>;
  } = {},
): Promise<ClassifyBatchResult> {
  const policyOf = options.policyOf ?? creditPolicyCache(db);
  const keys = mineIds.flatMap((id) => [
    { PK: pk.mine(id), SK: sk.profile },
    { PK: pk.mine(id), SK: sk.creditCurrent },
    lastInspectionKey(id),
  ]);
  const found = await batchGet<Record<string, unknown> & { entity?: string; SK: string; mineId: string }>(db, keys);
  const profiles = found.filter((i) => i.SK === sk.profile) as unknown as MineItem[];
  const currents = new Map(found.filter((i) => i.SK === sk.creditCurrent).map((i) => [i.mineId, storedCreditOf(i)]));
  const lastInspections = new Map(
    found
      .filter((i) => i.SK === lastInspectionKey(i.mineId).SK)
      .map((i) => [i.mineId, (i as unknown as LastInspection).lastInspectionOn]),
  );
  const computedAt = db.now().toISOString();

  const policies = await Promise.all(profiles.map((mine) => policyOf(mine.jurisdiction)));
  const recordsOf = await (options.recordsOf ?? creditRecordsOfEach)(
    db,
    asOf,
    profiles.map((mine, i) => ({ mineId: mine.mineId, window: policies[i]! })),
  );

  const results = await Promise.all(
    profiles.map(async (mine, i) => {
      const policy = policies[i]!;
      const records = recordsOf.get(mine.mineId) ?? [];
      const result = classify({ asOf, records, standardisationGrade: mine.standardisationGrade, policy });
      const current = currents.get(mine.mineId);
      // A run for a day before the current classification (a re-run of a past night) rewrites that day's snapshot only:
      // it compares with the day before it, and neither replaces the current classification nor tells anyone again.
      const backfill = current !== undefined && asOf < current.asOf;
      const previous = backfill
        ? await getItem<Record<string, unknown>>(db, {
            PK: pk.mine(mine.mineId),
            SK: sk.creditSnapshot(addDays(asOf, -1)),
          }).then((item) => item && storedCreditOf(item))
        : current;
      // The same day classified again (an override approved, a re-run) compares with the day before, as the first run did.
      const from = previous ? (previous.asOf === asOf ? previous.previousTier : previous.tier) : null;
      const lastInspectionOn = lastInspections.get(mine.mineId) ?? null;
      const stored: StoredCredit = {
        ...result,
        mineId: mine.mineId,
        mineName: mine.name,
        jurisdiction: mine.jurisdiction,
        previousTier: from,
        tierSince: previous && from === result.tier && previous.tier === result.tier ? previous.tierSince : asOf,
        lastInspectionOn,
        nextInspectionDue: nextInspectionDue({
          tier: result.tier,
          lastInspectionOn,
          asOf,
          perYear: policy.inspectionsPerYear,
        }),
        computedAt,
      };
      // The same day already classified to the same result (a redelivered chunk, a re-run): nothing to write or tell.
      const unchanged =
        !backfill && current !== undefined && current.asOf === asOf && substance(current) === substance(stored);
      const alreadyTold = !backfill && current !== undefined && current.asOf === asOf && current.tier === stored.tier;
      return { mine, current, stored, from, backfill, unchanged, alreadyTold };
    }),
  );

  // The mines' events side by side (each mine's in order): they are independent, and a night with many changes
  // would otherwise wait on them one after another. Two mines of one enterprise dropping to D together still propose
  // it once: the blacklist entry's own condition refuses the second.
  const events = await Promise.all(
    results.map(async ({ mine, stored, from, backfill, alreadyTold }) => {
      if (backfill || alreadyTold || from === stored.tier) return {};
      let change: TierChange | undefined;
      let proposal: string | undefined;
      if (from !== null) {
        await recordTierChange(db, mine, stored, from);
        change = { mineId: mine.mineId, from, to: stored.tier };
      }
      if (stored.tier === 'D' && (from === null || from !== 'D')) {
        const entry = await proposeFromCreditDrop(db, {
          mine,
          date: asOf,
          reasons: dropReasons(stored),
          forcedRules: stored.forced.map((f) => f.rule),
          policyVersion: stored.policy.version,
        });
        proposal = entry?.entryId;
      }
      return { change, proposal };
    }),
  );
  const changes = events.flatMap((e) => (e.change ? [e.change] : []));
  const blacklistProposals = events.flatMap((e) => (e.proposal ? [e.proposal] : []));

  const written = results.filter((r) => !r.unchanged);
  // A current classification of an earlier day becomes that day's snapshot before the new one replaces it: written
  // first, so a run cut short between the two finds the old one still current and writes its snapshot again.
  await batchPut(
    db,
    written.flatMap(({ current, backfill }) =>
      !backfill && current !== undefined && current.asOf < asOf ? [creditSnapshotItem(current)] : [],
    ),
  );
  await batchPut(
    db,
    written.map(({ stored, backfill }) => (backfill ? creditSnapshotItem(stored) : creditCurrentItem(stored))),
  );
  const seen = new Set(profiles.map((p) => p.mineId));
  return {
    classified: results.length,
    changes,
    blacklistProposals,
    missingMines: mineIds.filter((id) => !seen.has(id)),
  };
}

/** Everything of a classification but when it was computed: what "already stored" compares. */
const substance = (c: StoredCredit): string => {
  const { computedAt: _at, ...rest } = c;
  return stableJson(rest);
};

const overrideReason = (o: NonNullable<StoredCredit['override']>) => `信用等级经审核调整为${o.tier}级：${o.reason}`;

/** Why a mine is D: the serious-dishonesty reasons, an approved override, or a score below C's floor. */
function dropReasons(credit: StoredCredit): string[] {
  if (credit.override) return [overrideReason(credit.override)];
  if (credit.forced.length) return credit.forced.map((f) => f.label);
  return [`信用分 ${credit.score} 分，低于 C 级线`];
}

/** The audited event and the notification of a tier change, once per mine, day and change. */
async function recordTierChange(db: Db, mine: MineItem, credit: StoredCredit, from: string): Promise<void> {
  const drop = tierRank(credit.tier) > tierRank(from as StoredCredit['tier']);
  const recipients: Recipient[] = [{ type: 'mine', mineId: mine.mineId }];
  if (mine.assignedOfficial)
    recipients.push({ type: 'user', userId: mine.assignedOfficial.userId, name: mine.assignedOfficial.name });
  if (credit.tier === 'D') recipients.push({ type: 'leaders', jurisdiction: mine.jurisdiction });
  const why = credit.override
    ? overrideReason(credit.override)
    : credit.forced.length
      ? credit.forced.map((f) => f.label).join('；')
      : `信用分 ${credit.score} 分`;
  // Recorded with its audit event; a re-run finds it recorded and writes and sends nothing.
  await notify(
    db,
    {
      kind: 'credit.tier_changed',
      eventKey: `credit.tier_changed:${mine.mineId}:${credit.asOf}:${from}>${credit.tier}`,
      mineId: mine.mineId,
      jurisdiction: mine.jurisdiction,
      severity: credit.tier === 'D' ? 'critical' : drop ? 'warning' : 'info',
      title: `${mine.name}安全信用${drop ? '降' : '升'}为${credit.tier}级`,
      body: `${credit.asOf} 起由${from}级（${TIER_LABELS[from as StoredCredit['tier']]}）调整为${credit.tier}级（${credit.tierLabel}）：${why}。`,
      recipients,
      ref: { entityType: 'credit', entityId: `${mine.mineId}@${credit.asOf}` },
    },
    [
      auditWrite(db, systemActor(JOB), {
        mineId: mine.mineId,
        jurisdiction: mine.jurisdiction,
        action: 'credit.tier_changed',
        entityType: 'credit',
        entityId: mine.mineId,
        before: { tier: from },
        after: { tier: credit.tier, score: credit.score, policyVersion: credit.policy.version },
        reason: why,
      }),
    ],
  );
}
