// A mine's licences: created once without a version, replaced only with the version the editor read, each change
// audited; a licence's expiry sits on the due-date index so the reminder scan finds it, and moves when the expiry
// moves; each licence's validity is copied onto the profile in the same transaction (the nightly review reads it
// there). A gas-grade appraisal's result becomes the mine's gas grade with the record. (Equipment and meters are
// versioned by date: register.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { licences, licenceView, putLicence } from '#lib/registry/licences.ts';
import { createMine, getMine } from '#lib/registry/mines.ts';
import { periodicDuties, putPeriodicDuty } from '#lib/registry/periodic-duties.ts';
import { licenceBody, periodicDutyBody } from '#lib/registry/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { dueAnywhere } from '../../support/due-index.ts';
import { admin, auditEvents, mineInput, mineUser, profileItem } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const clock = testClock('2025-03-10T02:00:00.000Z');
const ADMIN = admin('hlj/hegang/dongshan', 'admin-ds');
let db: Db;
let store: TenantStore;

beforeAll(async () => {
  db = await testDb({ now: clock.now });
  store = new TenantStore(db, ADMIN);
});

const newMine = (mineId: string) => createMine(store, mineInput(mineId));
const licence = (b: Record<string, unknown>) =>
  licenceBody.parse({ number: '(黑)MK安许证字[2025]001', issuedOn: '2024-01-01', expiresOn: '2027-01-01', ...b });
const dueOn = (date: string, kind: string) => dueAnywhere<Record<string, unknown>>(db, date, kind);
const auditCount = async (mineId: string) => (await auditEvents(db, mineId)).length;

async function conflict(promise: Promise<unknown>): Promise<ConflictError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  return error as ConflictError;
}

describe('licences', () => {
  it('created without a version, replaced only with the version read', async () => {
    await newMine('m-lic');
    const first = await licences.put(store, 'm-lic', 'safety_production', licence({ number: 'A-1' }));
    expect(first).toMatchObject({
      created: true,
      record: { type: 'safety_production', mineId: 'm-lic', number: 'A-1', version: 1 },
    });
    expect(await auditEvents(db, 'm-lic').then((e) => e.find((a) => a.action === 'licence.created'))).toMatchObject({
      action: 'licence.created',
      entityType: 'licence',
      entityId: 'safety_production',
      before: null,
      after: { number: 'A-1', version: 1 },
    });

    const events = await auditCount('m-lic');
    const again = await conflict(licences.put(store, 'm-lic', 'safety_production', licence({ number: 'A-2' })));
    expect(again.fields).toEqual([{ field: 'body.version', message: expect.any(String) }]);
    await conflict(licences.put(store, 'm-lic', 'safety_production', licence({ number: 'A-2', version: 2 })));
    expect(await licences.get(store, 'm-lic', 'safety_production')).toMatchObject({ number: 'A-1', version: 1 });
    expect(await auditCount('m-lic')).toBe(events);

    const second = await licences.put(store, 'm-lic', 'safety_production', licence({ number: 'A-2', version: 1 }));
    expect(second).toMatchObject({
      created: false,
      record: { number: 'A-2', version: 2, createdAt: first.record.createdAt },
    });
    expect(second.record.updatedAt > first.record.updatedAt).toBe(true);
    const updated = (await auditEvents(db, 'm-lic')).find((a) => a.action === 'licence.updated');
    expect(updated).toMatchObject({ action: 'licence.updated', before: { number: 'A-1' }, after: { number: 'A-2' } });
    expect(updated!.before).toEqual({ number: 'A-1' });

    await conflict(licences.put(store, 'm-lic', 'safety_production', licence({ number: 'A-3', version: 1 })));
    expect(await licences.get(store, 'm-lic', 'safety_production')).toMatchObject({ number: 'A-2', version: 2 });
    // The licence's event and the profile's (its copy changed with it).
    expect(await auditCount('m-lic')).toBe(events + 2);
  });

  it('one issued today (2025-03-10 in Shanghai) is recorded; one issued tomorrow is a 400 naming issuedOn, nothing written', async () => {
    await newMine('m-lic-issued');
    const events = await auditCount('m-lic-issued');
    const tomorrow = putLicence(store, 'm-lic-issued', 'mining', licence({ issuedOn: '2025-03-11' }));
    await expect(tomorrow).rejects.toBeInstanceOf(ValidationError);
    await expect(tomorrow).rejects.toMatchObject({
      message: '发证日期不能晚于今天（2025-03-10）',
      fields: [{ field: 'body.issuedOn', message: '发证日期不能晚于今天（2025-03-10）' }],
    });
    expect(await licences.list(store, 'm-lic-issued')).toEqual([]);
    expect(await auditCount('m-lic-issued')).toBe(events);

    const today = await putLicence(store, 'm-lic-issued', 'mining', licence({ issuedOn: '2025-03-10' }));
    expect(today).toMatchObject({ created: true, record: { issuedOn: '2025-03-10', version: 1 } });
  });

  it('a version for a licence that does not exist is a 404, and nothing is created', async () => {
    await newMine('m-lic-none');
    await expect(licences.put(store, 'm-lic-none', 'mining', licence({ version: 1 }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(licences.get(store, 'm-lic-none', 'mining')).rejects.toBeInstanceOf(NotFoundError);
    expect(await licences.list(store, 'm-lic-none')).toEqual([]);
  });

  it('the expiry is on the due-date index, and moves when the expiry changes', async () => {
    await newMine('m-lic-due');
    await licences.put(store, 'm-lic-due', 'mining', licence({ expiresOn: '2026-05-01' }));
    expect(await dueOn('2026-05-01', 'LICENCE')).toEqual([
      expect.objectContaining({
        mineId: 'm-lic-due',
        type: 'mining',
        GSI2PK: 'DUE#hlj/hegang/dongshan',
        GSI2SK: '2026-05-01#LICENCE#m-lic-due#mining',
      }),
    ]);

    await licences.put(store, 'm-lic-due', 'mining', licence({ expiresOn: '2026-08-01', version: 1 }));
    expect(await dueOn('2026-05-01', 'LICENCE')).toEqual([]);
    expect(await dueOn('2026-08-01', 'LICENCE')).toEqual([
      expect.objectContaining({ mineId: 'm-lic-due', type: 'mining', expiresOn: '2026-08-01', version: 2 }),
    ]);
  });

  it('two licence types of one mine expiring on one day are both found', async () => {
    await newMine('m-lic-two');
    await licences.put(store, 'm-lic-two', 'business', licence({ expiresOn: '2026-06-30' }));
    await licences.put(store, 'm-lic-two', 'rescue_agreement', licence({ expiresOn: '2026-06-30' }));
    const due = await dueOn('2026-06-30', 'LICENCE');
    expect(due.map((d) => d.type).sort()).toEqual(['business', 'rescue_agreement']);
  });

  it('reads back without table keys, and lists every type of the mine', async () => {
    await newMine('m-lic-list');
    await licences.put(store, 'm-lic-list', 'mining', licence({}));
    await licences.put(store, 'm-lic-list', 'business', licence({}));
    const listed = await licences.list(store, 'm-lic-list');
    expect(listed.map((l) => l.type).sort()).toEqual(['business', 'mining']);
    for (const l of listed)
      for (const key of ['PK', 'SK', 'GSI2PK', 'GSI2SK', 'entity']) expect(l).not.toHaveProperty(key);
  });

  it.each([
    ['safety_production', '2025-06-08', 90, 'expiring'],
    ['safety_production', '2025-06-09', 91, 'valid'],
    ['mining', '2025-05-09', 60, 'expiring'],
    ['mining', '2025-05-10', 61, 'valid'],
    ['mining', '2025-03-10', 0, 'expiring'],
    ['mining', '2025-03-09', -1, 'expired'],
  ] as const)('a %s licence expiring %s (today 2025-03-10): %i days, %s', async (type, expiresOn, days, state) => {
    const view = licenceView(
      { type, expiresOn, version: 1, createdAt: '', updatedAt: '' },
      new Date('2025-03-10T02:00:00.000Z'),
    );
    expect(view).toMatchObject({ daysToExpiry: days, state });
  });
});

describe("the licence's copy on the profile", () => {
  it('is written with the licence, versioned and audited, and follows each replacement', async () => {
    await newMine('m-copy');
    const before = await getMine(store, 'm-copy');
    await licences.put(store, 'm-copy', 'safety_production', licence({ number: 'AQ-1', expiresOn: '2026-01-01' }));
    await licences.put(store, 'm-copy', 'mining', licence({ number: 'CK-1', expiresOn: '2030-01-01' }));
    const after = await getMine(store, 'm-copy');
    expect(after.version).toBe(before.version + 2);
    expect(after.licences).toEqual({
      safety_production: { number: 'AQ-1', issuedOn: '2024-01-01', expiresOn: '2026-01-01' },
      mining: { number: 'CK-1', issuedOn: '2024-01-01', expiresOn: '2030-01-01' },
    });
    const copied = (await auditEvents(db, 'm-copy')).filter((e) => e.action === 'mine.licence_copied');
    expect(copied).toHaveLength(2);
    expect(copied[0]).toMatchObject({ entityType: 'mine', after: { licences: { mining: { number: 'CK-1' } } } });

    await licences.put(
      store,
      'm-copy',
      'safety_production',
      licence({ number: 'AQ-2', expiresOn: '2029-01-01', version: 1 }),
    );
    expect((await profileItem(db, 'm-copy'))?.licences).toMatchObject({
      safety_production: { number: 'AQ-2', expiresOn: '2029-01-01' },
      mining: { number: 'CK-1' },
    });
  });

  it('a licence refused (stale version) leaves the profile as it was', async () => {
    await newMine('m-copy-stale');
    await licences.put(store, 'm-copy-stale', 'mining', licence({ number: 'CK-1' }));
    const profile = await profileItem(db, 'm-copy-stale');
    await conflict(licences.put(store, 'm-copy-stale', 'mining', licence({ number: 'CK-2', version: 7 })));
    expect(await profileItem(db, 'm-copy-stale')).toEqual(profile);
  });
});

describe("the gas-grade appraisal's result", () => {
  const appraisal = (b: Record<string, unknown>) =>
    periodicDutyBody.parse({ lastDoneOn: '2025-02-01', reference: '鉴定报告', ...b });

  it.each([
    ['high', 'outburst', 12, '2026-02-01'],
    ['high', 'low', 24, '2027-02-01'],
    ['low', 'high', 12, '2026-02-01'],
  ] as const)(
    'a %s-gas mine appraised %s: the grade changes with the record, audited, next due after %i months',
    async (grade, found, months, next) => {
      const mineId = `m-gas-${grade}-${found}`;
      await createMine(store, mineInput(mineId, { gasGrade: grade }));
      const before = await getMine(store, mineId);
      const { record } = await putPeriodicDuty(store, mineId, 'gas_grade_appraisal', appraisal({ resultGrade: found }));
      expect(record).toMatchObject({ resultGrade: found, intervalMonths: months, nextDueOn: next });
      expect(await getMine(store, mineId)).toMatchObject({ gasGrade: found, version: before.version + 1 });
      const events = await auditEvents(db, mineId);
      expect(events.find((e) => e.action === 'mine.gas_grade_appraised')).toMatchObject({
        entityType: 'mine',
        before: { gasGrade: grade },
        after: { gasGrade: found },
      });
      expect(events.some((e) => e.action === 'periodicDuty.created')).toBe(true);
    },
  );

  it('a result equal to the grade leaves the profile alone; a drill never touches it', async () => {
    await createMine(store, mineInput('m-gas-same', { gasGrade: 'high' }));
    const profile = await profileItem(db, 'm-gas-same');
    await putPeriodicDuty(store, 'm-gas-same', 'gas_grade_appraisal', appraisal({ resultGrade: 'high' }));
    await putPeriodicDuty(store, 'm-gas-same', 'emergency_plan_drill', appraisal({}));
    expect(await profileItem(db, 'm-gas-same')).toEqual(profile);
  });

  it("the mine's own user may raise or keep its grade, not lower it (422 naming resultGrade, nothing written)", async () => {
    await createMine(store, mineInput('m-gas-own', { gasGrade: 'high' }));
    const staff = new TenantStore(db, mineUser('m-gas-own'));
    const refused = await putPeriodicDuty(
      staff,
      'm-gas-own',
      'gas_grade_appraisal',
      appraisal({ resultGrade: 'low' }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).fields).toEqual([{ field: 'body.resultGrade', message: expect.any(String) }]);
    await expect(periodicDuties.get(store, 'm-gas-own', 'gas_grade_appraisal')).rejects.toBeInstanceOf(NotFoundError);
    await putPeriodicDuty(staff, 'm-gas-own', 'gas_grade_appraisal', appraisal({ resultGrade: 'outburst' }));
    expect(await getMine(store, 'm-gas-own')).toMatchObject({ gasGrade: 'outburst' });
  });
});
