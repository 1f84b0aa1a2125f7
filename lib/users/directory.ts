import type { Role } from '#lib/auth/roles.ts';
import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { putNew, transact } from '#lib/store/transact.ts';
import { type DirectoryUser, userItem, userKey } from './user-item.ts';

/**
 * The user directory in the table: find a user by token subject, register one. Managing users over the API
 * (manage-users.ts) and the local demo seed both register through here.
 */
export async function findUser(db: Db, userId: string): Promise<DirectoryUser | undefined> {
  const item = await getItem<DirectoryUser>(db, userKey(userId));
  return item ? (stripKeys(item) as DirectoryUser) : undefined;
}

export interface Registration {
  readonly userId: string;
  readonly role: Role;
  readonly name: string;
  readonly jurisdiction: string;
  readonly mineId?: string | undefined;
  readonly emailMasked?: string | undefined;
}

/** Writes a new active user and its audit event in one transaction; a subject already registered is a 409. */
export async function registerUser(
  db: Db,
  actor: Actor,
  input: Registration,
  at: string = db.now().toISOString(),
): Promise<DirectoryUser> {
  const user: DirectoryUser = {
    userId: input.userId,
    role: input.role,
    name: input.name,
    jurisdiction: input.jurisdiction,
    ...(input.mineId ? { mineId: input.mineId } : {}),
    active: true,
    ...(input.emailMasked ? { emailMasked: input.emailMasked } : {}),
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    version: 1,
  };
  await transact(db, [
    putNew(db, userItem(user), new ConflictError(`用户 ${user.userId} 已在用户目录中`)),
    auditWrite(
      db,
      actor,
      {
        ...userAuditPlace(user),
        action: 'user.created',
        entityType: 'user',
        entityId: user.userId,
        after: { role: user.role, name: user.name, jurisdiction: user.jurisdiction, mineId: user.mineId ?? null },
      },
      at,
    ),
  ]);
  return user;
}

/** Where a user's changes are audited: a mine user's under its mine, anyone else's under its jurisdiction. */
export const userAuditPlace = (u: Pick<DirectoryUser, 'jurisdiction' | 'mineId'>) => ({
  ...(u.mineId ? { mineId: u.mineId } : {}),
  jurisdiction: u.jurisdiction,
});
