import { listEntries } from '#lib/blacklist/entry-queries.ts';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import { listOverrides } from '#lib/credit/overrides.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import { listPenalties } from '#lib/penalties/penalty-queries.ts';
import { listMines } from '#lib/registry/mines.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';

/**
 * 法制审核待办: everything of the caller's jurisdiction waiting for a legal reviewer, read with the capabilities' own
 * jurisdiction queries (GSI1 by path prefix; a tier override under its mine, one query per mine of the jurisdiction).
 * Read-only: the decisions go to each record's own route, which checks the role and the four-eyes rule again.
 */
const POLICIES = [penaltyPolicy, creditPolicy] as const;
const PAGE = 200;

/** Every page of a cursor-paginated read. */
async function all<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The answer is the shape of legalQueueSchema (./schemas.ts), checked against it where the route answers. */
export async function legalReviewQueue(store: TenantStore) {
  const entries = (status: 'under_review' | 'published' | 'removed') =>
    all((cursor) => listEntries(store, { status, limit: PAGE, ...(cursor ? { cursor } : {}) }));
  const [penalties, underReview, published, removed, mines, ...policyChanges] = await Promise.all([
    all((cursor) => listPenalties(store, { status: 'under_review', limit: PAGE, ...(cursor ? { cursor } : {}) })),
    entries('under_review'),
    entries('published'),
    entries('removed'),
    all((cursor) => listMines(store, { limit: PAGE, ...(cursor ? { cursor } : {}) })),
    ...POLICIES.map(async (p) => ({ policy: p.name, label: p.label, changes: await p.pendingChanges(store) })),
  ]);
  const overrides = [];
  for (let i = 0; i < mines.length; i += 8) {
    const lists = await Promise.all(mines.slice(i, i + 8).map((m) => listOverrides(store, m.mineId)));
    for (const list of lists) overrides.push(...list.filter((o) => o.status === 'proposed'));
  }
  return {
    penalties,
    blacklist: [
      ...underReview,
      ...published.filter((e) => e.removalRequest),
      ...removed.filter((e) => e.revocationRequest),
    ],
    overrides,
    policyChanges,
  };
}
