import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import type { PolicyChange, PolicyRef } from '#lib/policies/define-policy.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { businessDateSchema, describe } from '#lib/schemas/primitives.ts';
import { minesUnder } from '#lib/store/mines-under.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { classify } from './classify.ts';
import { creditPolicy, creditPolicyCache } from './credit-policy.ts';
import { creditRecordsOf } from './credit-store.ts';
import { type CreditPolicy, type CreditThresholds, TIERS } from './policy.ts';
import { type CreditPreviewSummary, summariseCreditPreview } from './preview-compare.ts';

/**
 * What a change of the credit model would do today (`POST /v1/policies/credit/preview`): every mine of the caller's
 * jurisdiction classified under the policy in force and under the policy with the change, from the same records, so
 * only the policy differs. The change is checked exactly as the PUT checks it; nothing is written. One query for the
 * mines (jurisdiction index), the policy once per jurisdiction, one query per mine for its records.
 */
export const CREDIT_PREVIEW_CAP = 200;

export interface CreditPreview extends CreditPreviewSummary {
  readonly asOf: string;
  readonly current: PolicyRef;
}

export async function previewCreditPolicy(
  store: TenantStore,
  body: PolicyChange<CreditThresholds, 'thresholds'>,
): Promise<CreditPreview> {
  const scope = store.bureauScope();
  const { profiles: mines, db } = await minesUnder<MineItem>(store, scope);
  const { current, proposed } = await creditPolicy.preview(store, body);
  const asOf = todayInShanghai(db.now());
  const policyOf = creditPolicyCache(db);
  const proposedPolicy: CreditPolicy = { ...proposed.values, ref: proposed.ref };

  const pairs = await Promise.all(
    mines.map(async (mine) => {
      const before: CreditPolicy =
        mine.jurisdiction === scope ? { ...current.values, ref: current.ref } : await policyOf(mine.jurisdiction);
      // A jurisdiction below with a policy of its own keeps it: the change reaches only the mines that inherit it.
      const reached = before.ref.definedAt === null || jurisdictionCovers(before.ref.definedAt, scope);
      const after = reached ? proposedPolicy : before;
      // One query reaching back as far as the longer of the two windows.
      const records = await creditRecordsOf(db, mine.mineId, asOf, {
        windowMonths: Math.max(before.windowMonths, after.windowMonths),
        seriousWindowMonths: Math.max(before.seriousWindowMonths, after.seriousWindowMonths),
      });
      const grade = mine.standardisationGrade;
      const b = classify({ asOf, records, standardisationGrade: grade, policy: before });
      const a = classify({ asOf, records, standardisationGrade: grade, policy: after });
      return {
        mineId: mine.mineId,
        mineName: mine.name,
        before: { score: b.score, tier: b.tier },
        after: { score: a.score, tier: a.tier },
      };
    }),
  );
  return { asOf, current: current.ref, ...summariseCreditPreview(pairs, CREDIT_PREVIEW_CAP) };
}

const tier = z.enum(TIERS);
const outcome = z.object({ score: z.number(), tier });

/** The answer of `POST /v1/policies/credit/preview`. */
export const creditPreviewSchema = z.object({
  asOf: businessDateSchema,
  current: describe(z.object({ definedAt: z.nullable(z.string()), version: z.number() }), {
    description: 'The policy in force the change is compared with (definedAt null: the product’s default).',
  }),
  totals: z.object({ mines: z.number(), tierChanged: z.number(), scoreChanged: z.number() }),
  tiers: z.array(z.object({ tier, before: z.number(), after: z.number() })),
  changes: z.array(z.object({ mineId: z.string(), mineName: z.string(), before: outcome, after: outcome })),
  truncated: describe(z.boolean(), {
    description: `More than ${CREDIT_PREVIEW_CAP} mines move; the first are listed.`,
  }),
});
