import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactGetCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';

/**
 * The Db of a public route (no caller): its client sends reads only. In AWS the public function's role has no write
 * action at all (its declared needs); this makes the same rule hold on one machine, where DynamoDB Local accepts
 * anything, so a write slipped into a public route fails in the first local test instead of in AWS.
 */
const READ_COMMANDS = [GetCommand, BatchGetCommand, QueryCommand, TransactGetCommand];

export function readOnlyDb(base: Db): Db {
  const doc = new Proxy(base.doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: unknown, ...rest: unknown[]) => {
        if (!READ_COMMANDS.some((read) => command instanceof read)) {
          return Promise.reject(new Error('A public route may only read the table; a write was refused'));
        }
        return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  }) as DynamoDBDocumentClient;
  return { ...base, doc };
}
