// Key persons (关键少数) carry a resident ID that must never sit in the table in clear: stored as a keyed hash and
// a masked form, one registration per person and role per mine, and findable across mines by the hash alone (the
// blacklist's lookup).
import { createHash, createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#lib/errors.ts';
import { createMine } from '#lib/registry/mines.ts';
import { addPerson, getPerson, listPersons, removePerson } from '#lib/registry/persons.ts';
import { personBody } from '#lib/registry/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import { admin, auditEvents, inspectorAt, mineInput, scanAll } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';

const KEY = 'persons-test-secret-key';
process.env.PII_HASH_KEY = KEY;

/** Valid resident IDs (GB 11643 check characters), the first from DOMAIN.md. */
const ZHANG = '11010519491231002X';
const LI = '440524188001010014';
const WANG = `23040619700101123${residentIdCheckChar('23040619700101123')}`;

const ADMIN = admin('hlj/hegang/dongshan', 'admin-ds');
let db: Db;
let store: TenantStore;

beforeAll(async () => {
  db = await testDb();
  store = new TenantStore(db, ADMIN);
});

const person = (b: Record<string, unknown>) =>
  personBody.parse({ role: 'mine_manager', name: '张某', residentId: ZHANG, ...b });
const hmac = (id: string) => createHmac('sha256', KEY).update(id).digest('hex');
const byHash = (hash: string) =>
  queryAll<Record<string, unknown>>(db, { index: 'GSI1', partition: `PERSONID#${hash}` });

/** Every way the ID could appear in stored text: as typed, lower-case x, and its identifying first 14 digits. */
const clearForms = (id: string) => [id, id.toLowerCase(), id.slice(0, 14), id.slice(6, 17)];

describe('key persons', () => {
  it('stores no clear ID anywhere, shows it masked, and never returns the hash', async () => {
    await createMine(store, mineInput('m-pii'));
    const added = await addPerson(
      store,
      'm-pii',
      person({ residentId: ` ${ZHANG.toLowerCase()} `, mobile: '13900001111' }),
    );
    expect(added).toMatchObject({
      mineId: 'm-pii',
      role: 'mine_manager',
      roleLabel: '矿长',
      name: '张某',
      residentIdMasked: '110105********002X',
      mobile: '13900001111',
      version: 1,
    });
    expect(added).not.toHaveProperty('residentIdHash');
    expect(added).not.toHaveProperty('residentId');

    const everything = JSON.stringify(await scanAll(db));
    for (const form of clearForms(ZHANG)) expect(everything).not.toContain(form);
    expect(everything).toContain('110105********002X');

    expect(await getPerson(store, 'm-pii', added.personId)).toEqual(added);
    expect(await listPersons(store, 'm-pii')).toEqual([added]);
    const [event] = await auditEvents(db, 'm-pii');
    expect(event).toMatchObject({
      action: 'person.added',
      entityType: 'person',
      entityId: added.personId,
      after: { residentIdMasked: '110105********002X' },
    });
    expect(JSON.stringify(event)).not.toContain(hmac(ZHANG));
  });

  it('the same person in the same role twice is a 409; in another role it is a second registration', async () => {
    await createMine(store, mineInput('m-roles'));
    const manager = await addPerson(store, 'm-roles', person({ role: 'mine_manager' }));
    const events = (await auditEvents(db, 'm-roles')).length;
    const error = await addPerson(store, 'm-roles', person({ role: 'mine_manager', name: '张某某' })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([{ field: 'body.residentId', message: expect.any(String) }]);
    expect(await getPerson(store, 'm-roles', manager.personId)).toMatchObject({ name: '张某', version: 1 });
    expect(await auditEvents(db, 'm-roles')).toHaveLength(events);

    const controller = await addPerson(store, 'm-roles', person({ role: 'actual_controller' }));
    expect(controller.personId).not.toBe(manager.personId);
    const other = await addPerson(store, 'm-roles', person({ role: 'mine_manager', name: '李某', residentId: LI }));
    expect((await listPersons(store, 'm-roles')).map((p) => p.personId).sort()).toEqual(
      [manager.personId, controller.personId, other.personId].sort(),
    );
  });

  it('the blacklist finds a person by the keyed hash of the ID, in every role and mine', async () => {
    await createMine(store, mineInput('m-find-1'));
    await createMine(store, mineInput('m-find-2'));
    const chairman = await addPerson(store, 'm-find-1', person({ role: 'chairman', residentId: WANG }));
    const controller = await addPerson(store, 'm-find-1', person({ role: 'actual_controller', residentId: WANG }));
    const elsewhere = await addPerson(store, 'm-find-2', person({ role: 'general_manager', residentId: WANG }));

    const found = await byHash(hmac(WANG));
    expect(found.map((f) => [f.mineId, f.personId]).sort()).toEqual(
      [
        ['m-find-1', chairman.personId],
        ['m-find-1', controller.personId],
        ['m-find-2', elsewhere.personId],
      ].sort(),
    );
    for (const f of found)
      expect(f).toMatchObject({ residentIdMasked: `230406********${WANG.slice(14)}`, residentIdHash: hmac(WANG) });
    // The hash is keyed: the plain SHA-256 of the ID, which anyone could compute for every birth date, finds nothing.
    expect(await byHash(createHash('sha256').update(WANG).digest('hex'))).toEqual([]);
  });

  it('a removed person is gone, with the version read, and the audit keeps only the masked ID', async () => {
    await createMine(store, mineInput('m-remove'));
    const p = await addPerson(store, 'm-remove', person({}));
    await expect(removePerson(store, 'm-remove', p.personId, 2, '调离')).rejects.toBeInstanceOf(ConflictError);
    await removePerson(store, 'm-remove', p.personId, 1, '调离');
    await expect(getPerson(store, 'm-remove', p.personId)).rejects.toBeInstanceOf(NotFoundError);
    const [event] = await auditEvents(db, 'm-remove');
    expect(event).toMatchObject({
      action: 'person.removed',
      reason: '调离',
      before: { personId: p.personId, residentIdMasked: '110105********002X' },
      after: null,
    });
    expect(JSON.stringify(event)).not.toContain(hmac(ZHANG));
    await expect(removePerson(store, 'm-remove', p.personId, 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a bureau outside the jurisdiction cannot list or add persons of the mine', async () => {
    await createMine(store, mineInput('m-guarded'));
    const outsider = new TenantStore(db, inspectorAt('hlj/hegang/xingshan'));
    await expect(listPersons(outsider, 'm-guarded')).rejects.toBeInstanceOf(NotFoundError);
    await expect(addPerson(outsider, 'm-guarded', person({}))).rejects.toBeInstanceOf(NotFoundError);
    expect(await listPersons(store, 'm-guarded')).toEqual([]);
  });
});
