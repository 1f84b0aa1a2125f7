import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { RuleError } from '#lib/errors.ts';
import { logger } from '#lib/observability/powertools.ts';
import type { Db } from '#lib/store/db.ts';
import type { MineTenancy } from '#lib/store/tenant-store.ts';
import { findUser } from './directory.ts';
import type { DirectoryUser } from './user-item.ts';
import { isSupervisingRole, SUPERVISING_ROLES } from './vocabulary.ts';

/**
 * A request that names a user to answer for a mine's matter names someone who then receives that matter's notices
 * (in-app, email, SMS through quiet hours, in words the requester wrote). So the named user must exist in the
 * directory, be active, supervise mines (vocabulary.ts) and have a jurisdiction that covers the mine.
 */

/** Why a user may not be named for the mine; undefined when it may. Pure, for the table of cases. */
export function officialRefusal(user: DirectoryUser | undefined, mine: MineTenancy): string | undefined {
  if (!user) return 'not in the user directory';
  if (!user.active) return 'deactivated';
  if (!isSupervisingRole(user.role)) return `a ${user.role} does not supervise mines`;
  if (!jurisdictionCovers(user.jurisdiction, mine.jurisdiction)) return 'jurisdiction does not cover the mine';
  return undefined;
}

export interface NamedOfficial {
  /** The request field that names the user, e.g. `body.supervision.official.userId`. */
  readonly field: string;
  /** What the user is named as, in Chinese: 督办人, 包保责任人, 承办人. */
  readonly label: string;
}

/**
 * The directory user a request names for a mine, or a 422 naming the field. Every refusal reads the same, whether
 * the id is unknown, deactivated, of another role or of another district, so a caller learns nothing about users
 * it may not see; the reason goes to the log.
 */
export async function assertOfficialInScope(
  db: Db,
  userId: string,
  mine: MineTenancy,
  named: NamedOfficial,
): Promise<DirectoryUser> {
  const user = await findUser(db, userId);
  const refusal = officialRefusal(user, mine);
  if (refusal === undefined && user) return user;
  logger.info('Named official refused', { field: named.field, mineId: mine.mineId, refusal });
  throw new RuleError(`${named.label}须为用户目录中在职、辖区覆盖该煤矿的煤管局领导或监管人员`, [
    {
      field: named.field,
      message: `must be an active ${SUPERVISING_ROLES.join(' or ')} of the user directory whose jurisdiction covers the mine`,
    },
  ]);
}
