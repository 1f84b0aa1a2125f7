import { ROLE_LABELS, type Role } from '#lib/auth/roles.ts';
import type { Actor } from '#lib/store/audit.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';

/**
 * A user of the directory: someone who signs in (a Cognito user in AWS, a dev token locally), kept under the
 * token's subject so a request naming a user can be checked against who that user is. Contact addresses are not
 * kept here: they are the user's own (`/v1/me/contact`); only the sign-in address, masked, tells accounts apart.
 */
export interface DirectoryUser {
  /** The token's `sub`. */
  readonly userId: string;
  readonly role: Role;
  readonly name: string;
  /**
   * A bureau user's own jurisdiction; a mine user's mine's (when registered: listings check the mine's current one);
   * a partner department's managing bureau.
   */
  readonly jurisdiction: string;
  /** A mine user's one mine. */
  readonly mineId?: string;
  /** A deactivated user cannot sign in (its identity is disabled) and may not be named to receive anything. */
  readonly active: boolean;
  readonly emailMasked?: string;
  readonly createdAt: string;
  readonly createdBy: Actor;
  readonly updatedAt: string;
  readonly version: number;
}

export const userKey = (userId: string) => ({ PK: pk.user(userId), SK: sk.userProfile });

/** The stored item: the user, its key, and its place in the jurisdiction index (mines' pattern: prefix of the path). */
export const userItem = (u: DirectoryUser) => ({
  ...userKey(u.userId),
  entity: 'user',
  GSI1PK: gsi1.usersOfProvince(u.jurisdiction),
  GSI1SK: gsi1.userInJurisdiction(u.jurisdiction, u.userId),
  ...u,
});

export const userView = (u: DirectoryUser) => ({
  userId: u.userId,
  role: u.role,
  roleLabel: ROLE_LABELS[u.role],
  name: u.name,
  jurisdiction: u.jurisdiction,
  ...(u.mineId ? { mineId: u.mineId } : {}),
  active: u.active,
  ...(u.emailMasked ? { emailMasked: u.emailMasked } : {}),
  createdAt: u.createdAt,
  createdBy: u.createdBy,
  updatedAt: u.updatedAt,
  version: u.version,
});
export type UserView = ReturnType<typeof userView>;

/** `z***@example.org`: enough to tell two accounts apart, not an address to write to. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
};
