// The demo district's 复工复产验收, as `npm start` seeds it: m-demo10 (suspended) has applied, its on-site check is
// recorded and it waits for the approval; seeding again adds nothing; the demo admin (dev-bureau_admin), who neither
// led nor recorded the check, is the second signature the flow asks for.
import { beforeAll, describe, expect, it } from 'vitest';
import { listMineAcceptances } from '#lib/acceptance/acceptances.ts';
import { acceptanceHistory } from '#lib/acceptance/rules.ts';
import { ACCEPTANCE_WORKFLOW } from '#lib/acceptance/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { decide } from '#lib/workflow/engine.ts';
import { DEMO_ACCEPTANCE_MINE, seedDemoAcceptance } from '#local/seed/demo-acceptance.ts';
import { DEMO_JURISDICTION, seedDemoDistrict } from '#local/seed/demo-district.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-acceptance-test-key';

let db: Db;
let store: TenantStore;

beforeAll(async () => {
  db = await testDb();
  await seedDemoDistrict(db);
  store = new TenantStore(db, {
    kind: 'bureau',
    sub: 'dev-bureau_admin',
    role: 'bureau_admin',
    jurisdiction: DEMO_JURISDICTION,
  });
});

describe('the demo acceptance', () => {
  it('m-demo10 applied and was checked on site; it waits for the approval', async () => {
    const seeded = await seedDemoAcceptance(db);
    expect(seeded).toMatchObject({ status: 'checked' });
    const { items } = await listMineAcceptances(store, DEMO_ACCEPTANCE_MINE, {});
    expect(items).toHaveLength(1);
    const a = items[0]!;
    expect(a).toMatchObject({ fromStatus: 'suspended', status: 'checked', statusLabel: '待审批' });
    expect(a.check?.findings).toBeTruthy();
    expect(a.steps.map((s) => s.action)).toEqual(['apply', 'assign_check', 'record_check']);
    // The demo admin may sign it.
    expect(
      decide(ACCEPTANCE_WORKFLOW, {
        state: a.status,
        action: 'approve',
        actor: { sub: 'dev-bureau_admin', role: 'bureau_admin' },
        history: acceptanceHistory(a),
      }),
    ).toEqual({ allowed: true, to: 'approved' });
  });

  it('seeding again adds nothing', async () => {
    expect(await seedDemoAcceptance(db)).toBeUndefined();
    expect((await listMineAcceptances(store, DEMO_ACCEPTANCE_MINE, {})).items).toHaveLength(1);
  });
});
