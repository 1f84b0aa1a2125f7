import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError } from '#lib/errors.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';

/**
 * A user's contact and channel preferences (`GET/PUT /v1/me/contact`), kept under the user's token subject and
 * indexed by whom the user answers for, so the dispatcher finds a mine's users and a jurisdiction's leaders with
 * one query each.
 *
 * | access pattern                         | table / index | key condition                                    |
 * |----------------------------------------|---------------|--------------------------------------------------|
 * | a user's contact                       | table         | PK = USER#<sub>, SK = CONTACT                    |
 * | the users of a mine                    | GSI1          | GSI1PK = CONTACTS#mine#<mineId>                  |
 * | the leaders (bureau_admin) of a path   | GSI1          | GSI1PK = CONTACTS#leaders#<jurisdiction>         |
 */
export interface ContactChannels {
  readonly email: boolean;
  readonly sms: boolean;
}

export interface Contact {
  readonly sub: string;
  readonly role: string;
  readonly name?: string;
  readonly jurisdiction?: string;
  readonly mineId?: string;
  readonly email?: string;
  /** 11 digits. */
  readonly mobile?: string;
  /** In-app is always on; email and SMS when asked for and an address is given. */
  readonly channels: ContactChannels;
  readonly version: number;
  readonly updatedAt: string;
}

export const contactKey = (sub: string) => ({ PK: `USER#${sub}`, SK: 'CONTACT' });
const groupOf = (p: Principal): string | undefined =>
  p.kind === 'mine'
    ? `CONTACTS#mine#${p.mineId}`
    : p.kind === 'bureau' && p.role === 'bureau_admin'
      ? `CONTACTS#leaders#${p.jurisdiction}`
      : undefined;

export async function getContact(
  store: TenantStore,
): Promise<Omit<Contact, 'version' | 'updatedAt'> & { version: number; updatedAt?: string }> {
  const p = store.principal;
  const found = await getItem<Contact>(store.shared, contactKey(p.sub));
  if (found) return stripKeys(found) as Contact;
  return {
    sub: p.sub,
    role: p.role,
    ...(p.name ? { name: p.name } : {}),
    channels: { email: false, sms: false },
    version: 0,
  };
}

export interface ContactInput {
  readonly version: number;
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly mobile?: string | undefined;
  readonly channels: ContactChannels;
}

export async function putContact(store: TenantStore, input: ContactInput): Promise<Contact> {
  const p = store.principal;
  // A mine user's change is audited under the mine, in the mine's jurisdiction: written through the mine's scope.
  const mine = p.kind === 'mine' ? await store.mine(p.mineId) : undefined;
  const db = mine?.db ?? store.shared;
  const current = await getItem<Contact>(db, contactKey(p.sub));
  const currentVersion = current?.version ?? 0;
  const stale = new ConflictError(`联系方式已被修改为第 ${currentVersion} 版，请刷新后重试`, [
    { field: 'body.version', message: `current version is ${currentVersion}` },
  ]);
  if (input.version !== currentVersion) throw stale;
  const at = db.now().toISOString();
  const contact: Contact = {
    sub: p.sub,
    role: p.role,
    ...((input.name ?? p.name) ? { name: (input.name ?? p.name)! } : {}),
    ...(p.kind === 'bureau' ? { jurisdiction: p.jurisdiction } : {}),
    ...(p.kind === 'mine' ? { mineId: p.mineId } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.mobile ? { mobile: input.mobile } : {}),
    channels: input.channels,
    version: currentVersion + 1,
    updatedAt: at,
  };
  const group = groupOf(p);
  const jurisdiction = mine?.profile.jurisdiction ?? store.bureauScope();
  const item = {
    ...contactKey(p.sub),
    entity: 'contact',
    ...(group ? { GSI1PK: group, GSI1SK: p.sub } : {}),
    ...contact,
  };
  await transact(db, [
    current ? putVersioned(db, item, currentVersion, stale) : putNew(db, item, stale),
    auditWrite(
      db,
      actorOf(p),
      {
        ...(p.kind === 'mine' ? { mineId: p.mineId } : {}),
        jurisdiction,
        action: 'contact.updated',
        entityType: 'contact',
        entityId: p.sub,
        before: current
          ? { channels: current.channels, email: Boolean(current.email), mobile: Boolean(current.mobile) }
          : null,
        after: { channels: contact.channels, email: Boolean(contact.email), mobile: Boolean(contact.mobile) },
      },
      at,
    ),
  ]);
  return contact;
}

/** The contacts a recipient group resolves to (none registered: in-app only). */
export const contactsOfMine = (db: Db, mineId: string) =>
  queryAll<Contact>(db, { index: 'GSI1', partition: `CONTACTS#mine#${mineId}` });
export const contactsOfLeaders = (db: Db, jurisdiction: string) =>
  queryAll<Contact>(db, { index: 'GSI1', partition: `CONTACTS#leaders#${jurisdiction}` });
export const contactOfUser = (db: Db, sub: string) => getItem<Contact>(db, contactKey(sub));
