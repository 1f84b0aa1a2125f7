// A mine the caller may not see answers exactly as a mine that does not exist (404, same message), whichever
// door is used, so a bureau cannot probe which mines exist elsewhere and a mine user cannot reach another mine.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { NotFoundError } from '#lib/errors.ts';
import { listMineAudit } from '#lib/registry/audit-log.ts';
import { equipment, meters } from '#lib/registry/equipment.ts';
import { licences } from '#lib/registry/licences.ts';
import { updateContacts } from '#lib/registry/mine-contacts.ts';
import { createMine, getMine } from '#lib/registry/mines.ts';
import { addPerson, listPersons } from '#lib/registry/persons.ts';
import { changeStatus, listStatusHistory } from '#lib/registry/status-history.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, inspectorAt, mineInput, minePartition, mineUser, partner } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';

let db: Db;
const MINES: [string, string][] = [
  ['m-ds', 'hlj/hegang/dongshan'],
  ['m-xs', 'hlj/hegang/xingshan'],
  ['m-city', 'hlj/hegang'],
  ['m-hx', 'hlj/hegangx/dongshan'],
  ['m-jl', 'jl/hegang/dongshan'],
];

beforeAll(async () => {
  process.env.PII_HASH_KEY ??= 'tenancy-test-key';
  db = await testDb();
  for (const [mineId, jurisdiction] of MINES)
    await createMine(new TenantStore(db, admin(jurisdiction.split('/')[0]!)), mineInput(mineId, { jurisdiction }));
});

const as = (p: Principal) => new TenantStore(db, p);

/** The error a caller gets, with the mine id taken out of the message so two ids compare. */
async function notFound(
  p: Principal,
  mineId: string,
  op: (store: TenantStore, mineId: string) => Promise<unknown> = (s, id) => s.mine(id),
) {
  let error: unknown;
  try {
    await op(as(p), mineId);
  } catch (e) {
    error = e;
  }
  expect(error, `${p.sub} → ${mineId}`).toBeInstanceOf(NotFoundError);
  const e = error as NotFoundError;
  return { name: e.name, kind: e.kind, message: e.message.replace(mineId, '<mineId>'), fields: e.fields };
}

describe('TenantStore.mine', () => {
  it.each([
    ['a district bureau', inspectorAt('hlj/hegang/dongshan'), 'm-xs', 'a sibling district'],
    ['a district bureau', inspectorAt('hlj/hegang/dongshan'), 'm-city', 'its parent city'],
    ['a city bureau', admin('hlj/hegang'), 'm-hx', 'a city sharing its letters'],
    ['a city bureau', admin('hlj/hegang'), 'm-jl', 'another province'],
    ['a province bureau', admin('hlj'), 'm-jl', 'another province'],
    ['a mine user', mineUser('m-ds'), 'm-xs', 'another mine'],
    ['a mine user', mineUser('m-ds'), 'm-jl', 'another mine in another province'],
    ['a partner department', partner(), 'm-ds', 'any mine'],
  ])('%s asking for %s (%s) gets the same 404 as for a mine that does not exist', async (_, principal, mineId) => {
    expect(await notFound(principal, mineId)).toEqual(await notFound(principal, 'm-does-not-exist'));
  });

  it.each([
    ['a district bureau, its own district', inspectorAt('hlj/hegang/dongshan'), 'm-ds'],
    ['a city bureau, a district below', admin('hlj/hegang'), 'm-xs'],
    ['a city bureau, a mine at city level', admin('hlj/hegang'), 'm-city'],
    ['a province bureau, a sibling-named city', admin('hlj'), 'm-hx'],
    ['a mine user, its own mine', mineUser('m-ds'), 'm-ds'],
  ])('%s may open it', async (_, principal, mineId) => {
    await expect(as(principal).mine(mineId)).resolves.toMatchObject({ mineId });
  });
});

describe('every door to a mine is guarded', () => {
  const outsider = inspectorAt('hlj/hegang/xingshan');
  const otherMine = mineUser('m-xs');
  const doors: [string, (s: TenantStore, id: string) => Promise<unknown>][] = [
    ['getMine', (s, id) => getMine(s, id)],
    ['listStatusHistory', (s, id) => listStatusHistory(s, id, {})],
    ['listMineAudit', (s, id) => listMineAudit(s, id, {})],
    ['licences.list', (s, id) => licences.list(s, id)],
    ['licences.get', (s, id) => licences.get(s, id, 'mining')],
    ['equipment.list', (s, id) => equipment.list(s, id)],
    ['meters.list', (s, id) => meters.list(s, id)],
    ['listPersons', (s, id) => listPersons(s, id)],
    [
      'changeStatus',
      (s, id) => changeStatus(s, id, { status: 'suspended', reason: '越权', effectiveDate: '2020-01-01' }),
    ],
    ['updateContacts', (s, id) => updateContacts(s, id, { version: 1, notifyEmails: ['x@example.com'] })],
    [
      'licences.put',
      (s, id) => licences.put(s, id, 'mining', { number: 'X-1', issuedOn: '2024-01-01', expiresOn: '2027-01-01' }),
    ],
    [
      'equipment.put',
      (s, id) =>
        equipment.put(s, id, 'fan', { name: '风机', ratedKw: 100, circuit: 'ventilation', mustRunWhenStopped: true }),
    ],
    ['meters.remove', (s, id) => meters.remove(s, id, 'main', 1)],
    ['addPerson', (s, id) => addPerson(s, id, { role: 'mine_manager', name: '某', residentId: '11010519491231002X' })],
  ];

  it.each(doors)('%s: out of scope answers like a missing mine and writes nothing', async (_, op) => {
    const before = await minePartition(db, 'm-ds');
    for (const p of [outsider, otherMine])
      expect(await notFound(p, 'm-ds', op)).toEqual(await notFound(p, 'm-does-not-exist', op));
    expect(await minePartition(db, 'm-ds')).toEqual(before);
  });
});
