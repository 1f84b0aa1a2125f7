import type * as z from 'zod/mini';
import { ConflictError, NotFoundError } from '#lib/errors.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { deleteVersioned, putNew, transact } from '#lib/store/transact.ts';
import { maskResidentId } from '#lib/validators/resident-id.ts';
import type { MineItem } from './mine-item.ts';
import { residentIdHash } from './pii.ts';
import type { personBody } from './schemas.ts';
import { PERSON_ROLE_LABELS } from './vocabulary.ts';

/**
 * Key persons (关键少数) of a mine. The person id derives from the ID hash and the role, so registering the same
 * person in the same role twice is a 409 decided atomically by the table, and the blacklist finds a person by
 * the hash on GSI1 without the ID ever being stored.
 */
interface PersonItem {
  personId: string;
  mineId: string;
  role: keyof typeof PERSON_ROLE_LABELS;
  name: string;
  residentIdMasked: string;
  residentIdHash: string;
  mobile?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const personKey = (mineId: string, personId: string) => ({ PK: pk.mine(mineId), SK: sk.person(personId) });
const notFound = (personId: string) => new NotFoundError(`关键人员 ${personId} 不存在`);

export function personView(item: PersonItem) {
  const { residentIdHash: _hash, ...rest } = stripKeys(item);
  return { ...rest, roleLabel: PERSON_ROLE_LABELS[item.role] };
}

export async function addPerson(store: TenantStore, mineId: string, body: z.infer<typeof personBody>) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const hash = await residentIdHash(body.residentId);
  const personId = `p-${hash.slice(0, 12)}-${body.role.replace(/_/g, '-')}`;
  const at = db.now().toISOString();
  const person: PersonItem = {
    personId,
    mineId,
    role: body.role,
    name: body.name,
    residentIdMasked: maskResidentId(body.residentId),
    residentIdHash: hash,
    ...(body.mobile ? { mobile: body.mobile } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const { residentIdHash: _h, ...audited } = person;
  await transact(db, [
    putNew(
      db,
      {
        ...personKey(mineId, personId),
        entity: 'person',
        GSI1PK: gsi1.personById(hash),
        GSI1SK: gsi1.personAtMine(mineId, personId),
        ...person,
      },
      new ConflictError(`此人已登记为本矿${PERSON_ROLE_LABELS[body.role]}`, [
        { field: 'body.residentId', message: '此人已按该职务登记' },
      ]),
    ),
    auditWrite(
      db,
      actorOf(store.principal),
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'person.added',
        entityType: 'person',
        entityId: personId,
        after: audited,
      },
      at,
    ),
  ]);
  return personView(person);
}

export async function listPersons(store: TenantStore, mineId: string) {
  const { db } = await store.mine(mineId);
  const items = await queryAll<PersonItem>(db, { partition: pk.mine(mineId), beginsWith: sk.personPrefix });
  return items.map(personView);
}

export async function getPerson(store: TenantStore, mineId: string, personId: string) {
  const { db } = await store.mine(mineId);
  const item = await getItem<PersonItem>(db, personKey(mineId, personId));
  if (!item) throw notFound(personId);
  return personView(item);
}

export async function removePerson(
  store: TenantStore,
  mineId: string,
  personId: string,
  version: number,
  reason?: string,
) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const existing = await getItem<PersonItem>(db, personKey(mineId, personId));
  if (!existing) throw notFound(personId);
  await transact(db, [
    deleteVersioned(
      db,
      personKey(mineId, personId),
      version,
      new ConflictError(`关键人员 ${personId} 已被他人修改，请刷新后重试`),
    ),
    auditWrite(db, actorOf(store.principal), {
      mineId,
      jurisdiction: mine.jurisdiction,
      action: 'person.removed',
      entityType: 'person',
      entityId: personId,
      before: personView(existing),
      after: null,
      reason,
    }),
  ]);
}
