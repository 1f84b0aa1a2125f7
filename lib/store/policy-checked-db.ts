import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mineSessionPolicy, policyAllows } from '#lib/auth/mine-session-policy.ts';
import type { Db } from './db.ts';

/**
 * On one machine DynamoDB Local has no IAM, so a mine's session policy that lacks a partition a mine user's request
 * needs would only fail in AWS. With MINE_SESSION_POLICY_CHECK=1 the local runtime checks every command of a mine
 * user's store against the mine's session policy as IAM would (action and leading key of each item), and refuses
 * what AWS would refuse.
 */
export const MINE_POLICY_CHECK_ENV = 'MINE_SESSION_POLICY_CHECK';

type Access = readonly [action: string, leadingKey: unknown];
type Rec = Record<string, unknown>;
const rec = (value: unknown): Rec => (value ?? {}) as Rec;
const list = (value: unknown): Rec[] => (Array.isArray(value) ? (value as Rec[]) : []);
const pkOf = (item: unknown): unknown => rec(item).PK;

function transactWrite(t: Rec): Access {
  if (t.Put) return ['dynamodb:PutItem', pkOf(rec(t.Put).Item)];
  if (t.Update) return ['dynamodb:UpdateItem', pkOf(rec(t.Update).Key)];
  if (t.Delete) return ['dynamodb:DeleteItem', pkOf(rec(t.Delete).Key)];
  return ['dynamodb:ConditionCheckItem', pkOf(rec(t.ConditionCheck).Key)];
}

function accesses(command: unknown): Access[] | undefined {
  const input = rec((command as { input?: unknown }).input);
  if (command instanceof GetCommand) return [['dynamodb:GetItem', pkOf(input.Key)]];
  if (command instanceof PutCommand) return [['dynamodb:PutItem', pkOf(input.Item)]];
  if (command instanceof UpdateCommand) return [['dynamodb:UpdateItem', pkOf(input.Key)]];
  if (command instanceof DeleteCommand) return [['dynamodb:DeleteItem', pkOf(input.Key)]];
  if (command instanceof QueryCommand) return [['dynamodb:Query', rec(input.ExpressionAttributeValues)[':pk']]];
  const requests = Object.values(rec(input.RequestItems));
  if (command instanceof BatchGetCommand) {
    return requests.flatMap((r) => list(rec(r).Keys).map((k): Access => ['dynamodb:BatchGetItem', pkOf(k)]));
  }
  if (command instanceof BatchWriteCommand) {
    return requests.flatMap((rs) =>
      list(rs).map(
        (r): Access => ['dynamodb:BatchWriteItem', pkOf(rec(r.PutRequest).Item ?? rec(r.DeleteRequest).Key)],
      ),
    );
  }
  if (command instanceof TransactGetCommand) {
    return list(input.TransactItems).map((t): Access => ['dynamodb:GetItem', pkOf(rec(t.Get).Key)]);
  }
  if (command instanceof TransactWriteCommand) return list(input.TransactItems).map(transactWrite);
  return undefined;
}

export function policyCheckedDb(base: Db, mineId: string): Db {
  const policy = mineSessionPolicy('arn:local:dynamodb:::table/local', mineId);
  const doc = new Proxy(base.doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: unknown, ...rest: unknown[]) => {
        const denied = (accesses(command) ?? [['unknown command', '']]).find(
          ([action, key]) => typeof key !== 'string' || !policyAllows(policy, action, key),
        );
        if (denied) {
          return Promise.reject(
            new Error(
              `Mine ${mineId}'s session policy refuses ${denied[0]} on ${String(denied[1])} (AccessDenied in AWS)`,
            ),
          );
        }
        return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  }) as DynamoDBDocumentClient;
  return { ...base, doc };
}
