import { type MineSession, mineSessionPolicy, policyAllows } from '#lib/auth/mine-session-policy.ts';
import type { Db } from './db.ts';
import { guardDb } from './partition-guard.ts';

/**
 * On one machine DynamoDB Local has no IAM, so a mine's session policy that lacks a partition a mine user's request
 * needs would only fail in AWS. With MINE_SESSION_POLICY_CHECK=1 the local runtime checks every command of a mine
 * user's store against the mine's session policy as IAM would (action and leading key of each item), and refuses
 * what AWS would refuse.
 */
export const MINE_POLICY_CHECK_ENV = 'MINE_SESSION_POLICY_CHECK';

export function policyCheckedDb(base: Db, session: MineSession): Db {
  const { mineId } = session;
  const policy = mineSessionPolicy('arn:local:dynamodb:::table/local', session);
  return guardDb(base, ({ action, partition }) =>
    policyAllows(policy, action, partition)
      ? undefined
      : `Mine ${mineId}'s session policy refuses ${action} on ${partition} (AccessDenied in AWS)`,
  );
}
