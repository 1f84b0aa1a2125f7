// The demo district's accountable people, as `npm start` seeds them: 泰源煤矿's certificates (one expiring within the
// reminder window, one expired), 蔬园一煤矿's request waiting for the bureau, and the demo penalty naming m-demo11's
// mine manager, whose file then shows the penalty and the blacklist listing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { listPenalties } from '#lib/penalties/penalty-queries.ts';
import { personFile } from '#lib/persons/person-file.ts';
import { listCertificates } from '#lib/registry/certificates.ts';
import { listPersons } from '#lib/registry/persons.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { DEMO_JURISDICTION } from '#local/seed/demo-district.ts';
import { DEMO_EXPIRING_IN_DAYS } from '#local/seed/demo-persons.ts';
import { seedWholeDemo } from '../../support/demo-seed.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-persons-test-key';

let db: Db;
let store: TenantStore;

beforeAll(async () => {
  db = await testDb();
  await seedWholeDemo(db);
  const inspector: Principal = {
    kind: 'bureau',
    sub: 'test-inspector',
    role: 'inspector',
    jurisdiction: DEMO_JURISDICTION,
  };
  store = new TenantStore(db, inspector);
});

describe('the demo district’s people', () => {
  it('泰源煤矿 has certificates valid, expiring within the window and expired', async () => {
    const certificates = await listCertificates(store, 'm-taiyuan');
    expect(certificates.map((c) => c.state).sort()).toEqual(['expired', 'expiring', 'valid', 'valid', 'valid']);
    expect(certificates.find((c) => c.state === 'expiring')).toMatchObject({
      operationLabel: '煤矿瓦斯检查作业',
      daysToExpiry: DEMO_EXPIRING_IN_DAYS,
    });
  });

  it('蔬园一煤矿 has one certificate approved on request and one waiting for the bureau', async () => {
    const certificates = await listCertificates(store, 'm-shuyuan1');
    expect(certificates.map((c) => c.status).sort()).toEqual(['approved', 'pending']);
  });

  it("the demo penalty names m-demo11's mine manager, whose file shows it with the listing", async () => {
    const manager = (await listPersons(store, 'm-demo11')).find((p) => p.role === 'mine_manager')!;
    const penalty = (await listPenalties(store, { mineId: 'm-demo11', limit: 10 })).items[0]!;
    expect(penalty.responsiblePersons).toEqual([expect.objectContaining({ personId: manager.personId })]);
    const file = await personFile(store, 'm-demo11', manager.personId);
    expect(file.named.map((n) => n.kind)).toEqual(['penalty']);
    expect(file.blacklist.map((e) => e.status)).toEqual(['published']);
  });
});
