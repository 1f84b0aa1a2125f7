import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { INDEXES } from './table-definition.ts';

/**
 * What one request to the table touches, read off the command itself: the partition of each key (or of a query),
 * the index, the sort-key prefix a query is limited to, and the item a put writes.
 */
export interface PartitionAccess {
  /** The IAM action, e.g. `dynamodb:PutItem`. */
  readonly action: string;
  readonly partition: string;
  /** Set for a query on an index. */
  readonly index?: string;
  /** A query's `begins_with` prefix, or the common prefix of its `BETWEEN` bounds. */
  readonly sortPrefix?: string;
  readonly write: boolean;
  /** The item a put writes (to check what it says about its owner). */
  readonly item?: Readonly<Record<string, unknown>>;
}

/** Answers why an access is refused, or undefined when it is allowed. */
export type PartitionRule = (access: PartitionAccess) => string | undefined;

/** A request the store's guard refused: a defect in the code that built it, never the caller's input. */
export class PartitionGuardError extends Error {
  override readonly name = 'PartitionGuardError';
}

type Input = Record<string, unknown>;
type Key = Record<string, unknown>;

const INDEX_PARTITION_KEYS: Record<string, string> = Object.fromEntries(
  Object.values(INDEXES).map((index) => [index.name, index.partitionKey]),
);

const commonPrefix = (a: string, b: string): string => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
};

/** The partition and sort prefix of a query, from its key condition (any spelling of names and values). */
function queryAccess(input: Input): PartitionAccess {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const condition = String(input.KeyConditionExpression ?? '');
  const index = typeof input.IndexName === 'string' ? input.IndexName : undefined;
  const partitionKey = index ? INDEX_PARTITION_KEYS[index] : 'PK';
  const nameOf = (ref: string) => (ref.startsWith('#') ? names[ref] : ref);
  let partition: string | undefined;
  let sortPrefix: string | undefined;
  for (const [, left, right] of condition.matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    if (nameOf(left!) === partitionKey) partition = String(values[right!]);
  }
  const begins = condition.match(/begins_with\(\s*[#\w]+\s*,\s*(:\w+)\s*\)/);
  if (begins) sortPrefix = String(values[begins[1]!]);
  const between = condition.match(/BETWEEN\s+(:\w+)\s+AND\s+(:\w+)/i);
  if (between) sortPrefix = commonPrefix(String(values[between[1]!]), String(values[between[2]!]));
  if (partition === undefined) throw new PartitionGuardError(`A query without a partition key condition: ${condition}`);
  return {
    action: 'dynamodb:Query',
    partition,
    write: false,
    ...(index ? { index } : {}),
    ...(sortPrefix ? { sortPrefix } : {}),
  };
}

type Op = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';
const WRITES: readonly string[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'];
const access = (action: string, partition: unknown, item?: Input): PartitionAccess => ({
  action: `dynamodb:${action}`,
  partition: String(partition),
  write: WRITES.includes(action),
  ...(item ? { item } : {}),
});

function transactItem(t: Input): PartitionAccess | undefined {
  const [op, body] = Object.entries(t)[0] ?? [];
  const request = (body ?? {}) as Input;
  const action = (
    {
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
      ConditionCheck: 'ConditionCheckItem',
      Get: 'GetItem',
    } as Record<string, Op>
  )[op ?? ''];
  if (!action) return undefined;
  const item = request.Item as Input | undefined;
  return access(action, (item ?? (request.Key as Key | undefined))?.PK, item);
}

/**
 * Every partition a command addresses, with the IAM action it takes there (as `dynamodb:LeadingKeys` sees it). A
 * command the store does not send (a Scan, an unknown shape) answers undefined and is refused by the guard.
 */
export function accessesOf(command: unknown): PartitionAccess[] | undefined {
  const input = ((command as { input?: unknown }).input ?? {}) as Input;
  if (command instanceof GetCommand) return [access('GetItem', (input.Key as Key).PK)];
  if (command instanceof PutCommand) return [access('PutItem', (input.Item as Input).PK, input.Item as Input)];
  if (command instanceof UpdateCommand) return [access('UpdateItem', (input.Key as Key).PK)];
  if (command instanceof DeleteCommand) return [access('DeleteItem', (input.Key as Key).PK)];
  if (command instanceof QueryCommand) return [queryAccess(input)];
  if (command instanceof TransactWriteCommand || command instanceof TransactGetCommand) {
    const items = ((input.TransactItems ?? []) as Input[]).map(transactItem);
    return items.every((i) => i !== undefined) ? (items as PartitionAccess[]) : undefined;
  }
  const requests = Object.values((input.RequestItems ?? {}) as Record<string, Input | Input[]>);
  if (command instanceof BatchGetCommand)
    return requests.flatMap((r) => ((r as Input).Keys as Key[]).map((k) => access('BatchGetItem', k.PK)));
  if (command instanceof BatchWriteCommand)
    return requests.flatMap((r) =>
      (r as Input[]).map((w) => {
        const item = (w.PutRequest as Input | undefined)?.Item as Input | undefined;
        return access('BatchWriteItem', (item ?? ((w.DeleteRequest as Input).Key as Key)).PK, item);
      }),
    );
  return undefined;
}

/**
 * A Db whose every request is checked against a rule before it reaches the table. The tenant store hands out only
 * guarded Dbs, so a service that forgets a tenancy check, or builds a key of the wrong mine, fails loudly here
 * instead of reading another tenant's partition.
 */
export function guardDb(db: Db, rule: PartitionRule): Db {
  const send = ((command: unknown, ...rest: unknown[]) => {
    let accesses: PartitionAccess[] | undefined;
    try {
      accesses = accessesOf(command);
    } catch (error) {
      return Promise.reject(error);
    }
    // Refused as the client fails: a rejected promise, before anything is sent.
    if (!accesses)
      return Promise.reject(new PartitionGuardError('A request the tenant store does not allow (a scan?)'));
    for (const access of accesses) {
      const refusal = rule(access);
      if (refusal) return Promise.reject(new PartitionGuardError(refusal));
    }
    return (db.doc.send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Db['doc']['send'];
  // The shared client underneath (its configuration and middleware), with `send` checked first.
  const doc: Db['doc'] = Object.create(db.doc, { send: { value: send } });
  return { ...db, doc };
}
