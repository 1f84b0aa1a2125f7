import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { type DisclosureRun, runDisclosure } from '#lib/disclosure/publication.ts';
import { createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody } from '#lib/penalties/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { pk } from '#lib/store/keys.ts';
import { queryPage } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION } from './demo-district.ts';

/**
 * 执法公示 in the demo district: a warning decided today (a general penalty, in force at once) whose facts name a
 * fictional mine manager and his mobile, then the nightly disclosure run for today, which publishes it (the name as
 * 某, the mobile removed) and the district's statistics of the year. Idempotent: a district whose mine already has
 * the demo decision is left as it is.
 */
const DEMO_MINE = 'm-demo10';
const DESCRIPTION = '矿长赵大勇（联系电话13900001111）在瓦斯监控系统故障期间未停止作业（演示）';

const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'seed-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '监管中队（演示）',
};

export async function seedDemoDisclosure(db: Db): Promise<DisclosureRun & { penaltyId?: string }> {
  const existing = await queryPage<{ description?: string }>(
    db,
    { partition: pk.mine(DEMO_MINE), beginsWith: 'PENALTY#' },
    { limit: 50 },
  );
  let penaltyId: string | undefined;
  if (!existing.items.some((p) => p.description === DESCRIPTION)) {
    const store = new TenantStore(db, INSPECTOR);
    const warning = await createPenalty(
      store,
      DEMO_MINE,
      z.parse(createPenaltyBody, {
        kind: 'warning',
        basis: '《煤矿安全监察条例》第四十三条（演示）',
        description: DESCRIPTION,
      }),
    );
    penaltyId = warning.penaltyId;
  }
  const run = await runDisclosure(db, todayInShanghai(db.now()));
  return { ...run, ...(penaltyId ? { penaltyId } : {}) };
}
