import type * as z from 'zod/mini';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { BUREAU_ROLES } from '#lib/auth/roles.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { logger } from '#lib/observability/powertools.ts';
import { actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1 } from '#lib/store/keys.ts';
import type { Page } from '#lib/store/pagination.ts';
import { type QuerySpec, queryPage } from '#lib/store/query.ts';
import type { MineTenancy, TenantStore } from '#lib/store/tenant-store.ts';
import { putVersioned, transact } from '#lib/store/transact.ts';
import { findUser, registerUser, userAuditPlace } from './directory.ts';
import { identityProvider } from './identity.ts';
import type { createUserBody, listUsersQuery, patchUserBody } from './schemas.ts';
import { type DirectoryUser, maskEmail, type UserView, userItem, userView } from './user-item.ts';

/**
 * Managing users (`/v1/users`). A bureau sees the users at or below its jurisdiction and the users of its mines; its
 * leaders (bureau_admin) create them and change them:
 * - bureau roles at their own level or below (another leader of the same level too: a bureau has several);
 * - a mine's users, for a mine of their jurisdiction;
 * - partner departments, kept under the creating bureau, which is the one that may deactivate them. Any bureau's
 *   leaders may create them: a partner department may ask the blacklist check and nothing else, which every bureau
 *   user may ask already, so creating one hands out nothing the leaders do not have.
 * Creating a user creates its sign-in (identity.ts), and deactivating disables it.
 */

const userNotFound = (userId: string) => new NotFoundError(`用户 ${userId} 不存在`);

/** A user the caller may see; 404 otherwise, exactly as for one that does not exist. */
async function loadUser(store: TenantStore, userId: string): Promise<{ user: DirectoryUser; db: Db }> {
  const scope = store.bureauScope();
  const user = await findUser(store.shared, userId);
  if (!user) throw userNotFound(userId);
  if (user.mineId) {
    // A mine's users follow the mine, wherever it is now; a change to one is audited under the mine, so it is
    // written through the mine's scope.
    const mine = await store.mine(user.mineId).catch(() => {
      throw userNotFound(userId);
    });
    return { user, db: mine.db };
  }
  if (!jurisdictionCovers(scope, user.jurisdiction)) throw userNotFound(userId);
  return { user, db: store.shared };
}

export async function getUser(store: TenantStore, userId: string): Promise<UserView> {
  return userView((await loadUser(store, userId)).user);
}

export async function createUser(store: TenantStore, input: z.infer<typeof createUserBody>): Promise<UserView> {
  const scope = store.bureauScope();
  let jurisdiction: string;
  // A mine user is audited under the mine: written through the mine's scope.
  let db = store.shared;
  if (input.role === 'mine_user') {
    const problems = [
      ...(input.mineId ? [] : [{ field: 'body.mineId', message: '煤矿用户须选择所属煤矿' }]),
      ...(input.jurisdiction ? [{ field: 'body.jurisdiction', message: '煤矿用户随所属煤矿的辖区，不另设' }] : []),
    ];
    if (problems.length) throw new ValidationError('煤矿用户须指定所属煤矿，且不另设辖区', problems);
    const mine = await store.mine<MineTenancy>(input.mineId!);
    jurisdiction = mine.profile.jurisdiction;
    db = mine.db;
  } else {
    if (input.mineId)
      throw new ValidationError('仅煤矿用户指定所属煤矿', [
        { field: 'body.mineId', message: '仅煤矿用户选择所属煤矿' },
      ]);
    jurisdiction = input.jurisdiction ?? scope;
    store.assertMayPlaceIn(jurisdiction, 'body.jurisdiction');
  }
  const identity = await identityProvider();
  const { sub } = await identity.createUser({
    email: input.email,
    name: input.name,
    role: input.role,
    ...((BUREAU_ROLES as readonly string[]).includes(input.role) ? { jurisdiction } : {}),
    ...(input.mineId ? { mineId: input.mineId } : {}),
  });
  try {
    const user = await registerUser(db, actorOf(store.principal), {
      userId: sub,
      role: input.role,
      name: input.name,
      jurisdiction,
      mineId: input.mineId,
      emailMasked: maskEmail(input.email),
    });
    return userView(user);
  } catch (error) {
    // A sign-in the directory does not know must not stay usable: disable it; the leader sees the error and retries.
    await identity.disableUser(sub).catch((e: unknown) => logger.error('New sign-in left enabled', e as Error));
    throw error;
  }
}

export async function updateUser(
  store: TenantStore,
  userId: string,
  input: z.infer<typeof patchUserBody>,
): Promise<UserView> {
  const { user: before, db } = await loadUser(store, userId);
  const stale = new ConflictError(`用户 ${userId} 已被修改为第 ${before.version} 版，请刷新后重试`, [
    { field: 'body.version', message: `当前为第 ${before.version} 版` },
  ]);
  if (input.version !== before.version) throw stale;
  if (input.active === false && userId === store.principal.sub)
    throw new RuleError('不能停用自己的账号', [{ field: 'body.active', message: '不能停用自己的账号' }]);
  const at = db.now().toISOString();
  const after: DirectoryUser = {
    ...before,
    name: input.name ?? before.name,
    active: input.active ?? before.active,
    updatedAt: at,
    version: before.version + 1,
  };
  // The sign-in first, on every call that names `active` (the calls are idempotent): should the directory write
  // then fail, the sign-in is as the leader asked and a retry completes the rest.
  if (input.active !== undefined) {
    const identity = await identityProvider();
    await (input.active ? identity.enableUser(userId) : identity.disableUser(userId));
  }
  const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(diff.after).length === 0) return userView(before);
  const action =
    after.active !== before.active ? (after.active ? 'user.reactivated' : 'user.deactivated') : 'user.updated';
  await transact(db, [
    putVersioned(db, userItem(after), before.version, stale),
    auditWrite(
      db,
      actorOf(store.principal),
      { ...userAuditPlace(before), action, entityType: 'user', entityId: userId, ...diff },
      at,
    ),
  ]);
  return userView(after);
}

export type UserListQuery = z.infer<typeof listUsersQuery>;

function userFilter(query: UserListQuery): QuerySpec['filter'] | undefined {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (query.role) {
    names['#role'] = 'role';
    values[':role'] = query.role;
    conditions.push('#role = :role');
  }
  if (query.active) {
    names['#active'] = 'active';
    values[':active'] = query.active === 'true';
    conditions.push('#active = :active');
  }
  return conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined;
}

/**
 * The users at or below the caller's jurisdiction (GSI1 by path prefix, like mines). A mine's users are listed
 * while their mine is in the caller's jurisdiction now, so a mine moved elsewhere takes its users with it.
 */
export async function listUsers(store: TenantStore, query: UserListQuery): Promise<Page<UserView>> {
  const scope = store.bureauScope();
  const filter = userFilter(query);
  const page = await queryPage<DirectoryUser>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.usersOfProvince(scope),
      beginsWith: gsi1.jurisdictionPrefix(scope),
      ...(filter ? { filter } : {}),
    },
    query,
  );
  const mineIds = [...new Set(page.items.flatMap((u) => (u.mineId ? [u.mineId] : [])))];
  const { profiles } = await store.mines(mineIds, []);
  const visible = new Set(profiles.map((m) => m.mineId));
  return {
    items: page.items.filter((u) => !u.mineId || visible.has(u.mineId)).map(userView),
    nextCursor: page.nextCursor,
  };
}
