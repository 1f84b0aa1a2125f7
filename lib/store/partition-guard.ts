import type { Db } from './db.ts';
import { INDEXES } from './table-definition.ts';

/**
 * What one request to the table touches, read off the command itself: the partition of each key (or of a query),
 * the index, the sort-key prefix a query is limited to, and the item a put writes.
 */
export interface PartitionAccess {
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
  return { partition, write: false, ...(index ? { index } : {}), ...(sortPrefix ? { sortPrefix } : {}) };
}

const keyAccess = (key: Key, write: boolean): PartitionAccess => ({ partition: String(key.PK), write });
const itemAccess = (item: Input): PartitionAccess => ({ partition: String(item.PK), write: true, item });

/** Every partition a command's input addresses. A shape it does not know (a Scan) is refused by the caller. */
export function accessesOf(input: Input): PartitionAccess[] | undefined {
  if (Array.isArray(input.TransactItems)) {
    return (input.TransactItems as Input[]).flatMap((t) => {
      if (t.Put) return [itemAccess((t.Put as Input).Item as Input)];
      const op = (t.Update ?? t.Delete ?? t.ConditionCheck ?? t.Get) as Input | undefined;
      return op ? [keyAccess(op.Key as Key, !t.Get)] : [];
    });
  }
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    return Object.values(input.RequestItems as Record<string, Input | Input[]>).flatMap((request) =>
      Array.isArray(request)
        ? request.map((w) =>
            w.PutRequest
              ? itemAccess((w.PutRequest as Input).Item as Input)
              : keyAccess((w.DeleteRequest as Input).Key as Key, true),
          )
        : ((request.Keys ?? []) as Key[]).map((k) => keyAccess(k, false)),
    );
  }
  if (typeof input.KeyConditionExpression === 'string') return [queryAccess(input)];
  if (input.Item) return [itemAccess(input.Item as Input)];
  if (input.Key) return [keyAccess(input.Key as Key, input.UpdateExpression !== undefined)];
  return undefined;
}

/**
 * A Db whose every request is checked against a rule before it reaches the table. The tenant store hands out only
 * guarded Dbs, so a service that forgets a tenancy check, or builds a key of the wrong mine, fails loudly here
 * instead of reading another tenant's partition.
 */
export function guardDb(db: Db, rule: PartitionRule): Db {
  const send = ((command: { input: Input }, ...rest: unknown[]) => {
    let accesses: PartitionAccess[] | undefined;
    try {
      accesses = accessesOf(command.input);
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
