/**
 * The credit tiers (安全信用等级) with the Chinese a bureau officer reads, plain data so the API and the dashboard name
 * them the same way (the dashboard bundles this module: it imports nothing of the server). A is best, D (严重失信)
 * worst.
 */
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = { A: '守信', B: '基本守信', C: '失信', D: '严重失信' };
/** Higher is worse: a drop is a move to a larger index. */
export const tierRank = (tier: Tier): number => TIERS.indexOf(tier);
