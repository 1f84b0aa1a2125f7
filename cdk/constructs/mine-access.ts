/**
 * The role a mine user's requests use for the table (lib/store/scoped-db.ts). The API functions that serve mine
 * users may assume it, only with `mineId` and `userSub` session tags (and no other tag); its own policy
 * limits `dynamodb:LeadingKeys` to that tag's mine, that user's own items and the shared partitions a mine's request reaches
 * (lib/auth/mine-session-policy.ts, the same statements the session policy carries with the mine written out).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  MINE_SESSION_INDEXES,
  MINE_SESSION_TAG,
  mineAccessStatements,
  TAGGED_SESSION,
  USER_SESSION_TAG,
} from '#lib/auth/mine-session-policy.ts';
import { MINE_ACCESS_ROLE_ENV, TABLE_ARN_ENV } from '#lib/store/scoped-db.ts';
import type { CoalsafeFunction } from './coalsafe-function.ts';
import type { DataTable } from './data-table.ts';

export const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:TagSession'] as const;

export interface MineAccessProps {
  readonly table: DataTable;
  /** The API functions with routes open to mine users. */
  readonly functions: readonly CoalsafeFunction[];
}

export class MineAccess extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MineAccessProps) {
    super(scope, id);
    const resources = [props.table.table.tableArn, ...props.table.indexArnsOf(MINE_SESSION_INDEXES)];

    this.role = new iam.Role(this, 'MineAccessRole', {
      description: "A mine user's request: that mine's and user's partitions only (session tags mineId, userSub)",
      // Replaced below: the trust names each API function's role and requires the mine tag.
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        OneMine: new iam.PolicyDocument({
          statements: mineAccessStatements(resources, TAGGED_SESSION).map(
            (s) =>
              new iam.PolicyStatement({
                sid: s.Sid,
                actions: s.Action,
                resources: s.Resource,
                conditions: s.Condition,
              }),
          ),
        }),
      },
    });
    const trust = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: [...ASSUME_ACTIONS],
          principals: props.functions.map((fn) => new iam.ArnPrincipal(fn.role.roleArn)),
          conditions: {
            // A session without a mine or a user would match no own pattern; one with other tags is refused outright.
            StringLike: { [`aws:RequestTag/${MINE_SESSION_TAG}`]: '?*', [`aws:RequestTag/${USER_SESSION_TAG}`]: '?*' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': [MINE_SESSION_TAG, USER_SESSION_TAG] },
          },
        }),
      ],
    });
    (this.role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = trust;

    for (const fn of props.functions) {
      // A policy of its own, not in the function's role: the role above trusts that role by ARN, so the role holding
      // a statement naming this one would make each wait for the other.
      new iam.Policy(fn, 'AssumeMineAccess', {
        roles: [fn.role],
        statements: [new iam.PolicyStatement({ actions: [...ASSUME_ACTIONS], resources: [this.role.roleArn] })],
      });
      fn.addEnvironment(MINE_ACCESS_ROLE_ENV, this.role.roleArn);
      fn.addEnvironment(TABLE_ARN_ENV, props.table.table.tableArn);
    }
  }
}
