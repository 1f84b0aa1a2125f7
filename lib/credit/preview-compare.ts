import { TIERS, type Tier } from './tiers.ts';

/**
 * What a changed credit model would change today, pure: each mine's score and tier under the policy in force and
 * under the changed one. The counts per tier before and after, and the mines whose tier moves (largest score change
 * first, then by name), the first `cap` of them, with whether the list was cut.
 */
export interface CreditOutcome {
  readonly score: number;
  readonly tier: Tier;
}

export interface MineCreditPair {
  readonly mineId: string;
  readonly mineName: string;
  readonly before: CreditOutcome;
  readonly after: CreditOutcome;
}

export interface CreditPreviewSummary {
  readonly totals: { readonly mines: number; readonly tierChanged: number; readonly scoreChanged: number };
  readonly tiers: readonly { tier: Tier; before: number; after: number }[];
  readonly changes: readonly MineCreditPair[];
  readonly truncated: boolean;
}

export function summariseCreditPreview(pairs: readonly MineCreditPair[], cap: number): CreditPreviewSummary {
  const tiers = TIERS.map((tier) => ({
    tier,
    before: pairs.filter((p) => p.before.tier === tier).length,
    after: pairs.filter((p) => p.after.tier === tier).length,
  }));
  const moved = pairs
    .filter((p) => p.before.tier !== p.after.tier)
    .sort(
      (a, b) =>
        Math.abs(b.after.score - b.before.score) - Math.abs(a.after.score - a.before.score) ||
        a.mineName.localeCompare(b.mineName, 'zh') ||
        (a.mineId < b.mineId ? -1 : a.mineId > b.mineId ? 1 : 0),
    );
  return {
    totals: {
      mines: pairs.length,
      tierChanged: moved.length,
      scoreChanged: pairs.filter((p) => p.before.score !== p.after.score).length,
    },
    tiers,
    changes: moved.slice(0, cap),
    truncated: moved.length > cap,
  };
}
