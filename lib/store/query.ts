import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
} from './pagination.ts';
import { projectionOf, type ReadOptions } from './read-options.ts';
import { INDEXES } from './table-definition.ts';

export async function getItem<T = Record<string, unknown>>(
  db: Db,
  key: { PK: string; SK: string },
  options: ReadOptions = {},
): Promise<T | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: key,
      ConsistentRead: options.consistent ?? true,
      ...projectionOf(options.attributes),
    }),
  );
  return out.Item as T | undefined;
}

export interface QuerySpec {
  /** Omit for the table itself. */
  readonly index?: keyof typeof INDEXES;
  readonly partition: string;
  readonly beginsWith?: string;
  /** Sort key range, both ends inclusive (instead of beginsWith). */
  readonly between?: readonly [string, string];
  readonly newestFirst?: boolean;
  readonly filter?: {
    readonly expression: string;
    readonly names: Record<string, string>;
    readonly values: Record<string, unknown>;
  };
  /** Only these top-level attributes of each item (a projection): less to read back where a reader needs few. */
  readonly attributes?: readonly string[];
}

function toInput(db: Db, spec: QuerySpec): QueryCommandInput {
  const idx = spec.index ? INDEXES[spec.index] : undefined;
  const pkName = idx?.partitionKey ?? 'PK';
  const skName = idx?.sortKey ?? 'SK';
  const names: Record<string, string> = { '#pk': pkName, ...(spec.filter?.names ?? {}) };
  spec.attributes?.forEach((name, i) => {
    names[`#p${i}`] = name;
  });
  const values: Record<string, unknown> = { ':pk': spec.partition, ...(spec.filter?.values ?? {}) };
  let condition = '#pk = :pk';
  if (spec.beginsWith !== undefined) {
    names['#sk'] = skName;
    values[':sk'] = spec.beginsWith;
    condition += ' AND begins_with(#sk, :sk)';
  } else if (spec.between) {
    names['#sk'] = skName;
    // Names of their own, so a filter's `:from` and `:to` (recordFilter's date window) cannot replace them.
    values[':skFrom'] = spec.between[0];
    values[':skTo'] = spec.between[1];
    condition += ' AND #sk BETWEEN :skFrom AND :skTo';
  }
  return {
    TableName: db.tableName,
    ...(idx ? { IndexName: idx.name } : {}),
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(spec.filter ? { FilterExpression: spec.filter.expression } : {}),
    ...(spec.attributes?.length ? { ProjectionExpression: spec.attributes.map((_, i) => `#p${i}`).join(', ') } : {}),
    ScanIndexForward: !spec.newestFirst,
  };
}

/**
 * How many items a filtered page reads a round trip at least. DynamoDB applies `Limit` before the filter, so asking
 * only for what is still missing makes a sparse filter (the hazards still being rectified among a city's year of
 * them) a dozen round trips; reading this many at once makes it one or two, at the price of reading past the page's
 * end on its last round trip (within DynamoDB's 1 MB a page either way).
 */
export const FILTERED_READ = 1000;

/** The key of an item as a start key of the query `spec` (the table's key, and the index's when it reads one). */
function startKeyOf(item: Record<string, unknown>, spec: QuerySpec): Record<string, unknown> {
  const idx = spec.index ? INDEXES[spec.index] : undefined;
  const names = ['PK', 'SK', ...(idx ? [idx.partitionKey, idx.sortKey] : [])];
  return Object.fromEntries(names.map((n) => [n, item[n]]));
}

/**
 * One page of a query. With a filter DynamoDB may return fewer items than asked for a page; we keep reading
 * until the page is full or the partition ends, so a client never gets an empty page with a cursor. A filtered
 * read asks for FILTERED_READ items a round trip (unless it projects attributes, which may leave out the keys a
 * cursor is made of); when that brings more matches than the page holds, the page ends at its last item and the
 * cursor is that item's key, so the next page starts right after it.
 */
export async function queryPage<T>(db: Db, spec: QuerySpec, page: PageRequest = {}): Promise<Page<T>> {
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const items: T[] = [];
  let startKey = decodeCursor(page.cursor);
  const base = toInput(db, spec);
  const wide = spec.filter !== undefined && !spec.attributes?.length;
  for (;;) {
    const wanted = limit - items.length;
    const out = await db.doc
      .send(
        new QueryCommand({
          ...base,
          Limit: wide ? Math.max(wanted, FILTERED_READ) : wanted,
          ExclusiveStartKey: startKey,
        }),
      )
      .catch((error: Error) => {
        // A well-formed cursor from another list: DynamoDB refuses the start key; that is the client's mistake.
        if (page.cursor && error.name === 'ValidationException') throw invalidCursor();
        throw error;
      });
    const got = (out.Items ?? []) as T[];
    if (got.length > wanted) {
      items.push(...got.slice(0, wanted));
      startKey = startKeyOf(items.at(-1) as Record<string, unknown>, spec);
      break;
    }
    items.push(...got);
    startKey = out.LastEvaluatedKey;
    if (!startKey || items.length >= limit) break;
  }
  return { items, nextCursor: encodeCursor(startKey) };
}

/** Every item of a query (bounded collections only: a mine's licences, meters, equipment). */
export async function queryAll<T>(db: Db, spec: QuerySpec): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  const base = toInput(db, spec);
  do {
    const out = await db.doc.send(new QueryCommand({ ...base, ExclusiveStartKey: startKey }));
    items.push(...((out.Items ?? []) as T[]));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Key ranges of one page read at once: a province's status list is a range per district, a hundred of them. */
const RANGES_AT_ONCE = 8;

/**
 * One page over several key ranges, as if they were one list: `specs` in the order their items are to come (each a
 * `beginsWith` range of the same partition and index). A sparse filter that is part of the sort key (the hazards of
 * one status, district by district) becomes a key condition per range, so DynamoDB reads only the items asked for
 * instead of filtering a jurisdiction's whole year. Ranges are read RANGES_AT_ONCE at a time, each for what the page
 * still lacks, and taken in order (what a later range brought beyond the page is dropped): a province's hundred
 * districts are thirteen round trips, not a hundred. The cursor is the last item's key, as queryPage's, and names its
 * range by its sort key; a page that ends exactly at the end of a range gives the range's last key, and the next page
 * finds that range empty after it and moves on.
 */
export async function queryPageInOrder<T>(
  db: Db,
  specs: readonly QuerySpec[],
  page: PageRequest = {},
): Promise<Page<T>> {
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  let first = 0;
  let cursor = page.cursor || undefined;
  if (cursor !== undefined) {
    const key = decodeCursor(cursor)!;
    first = specs.findIndex((spec) => {
      const sk = key[spec.index ? INDEXES[spec.index].sortKey : 'SK'];
      return spec.beginsWith !== undefined && typeof sk === 'string' && sk.startsWith(spec.beginsWith);
    });
    if (first < 0) throw invalidCursor();
  }
  const items: T[] = [];
  for (let start = first; start < specs.length; start += RANGES_AT_ONCE) {
    const lacking = limit - items.length;
    const from = cursor;
    cursor = undefined;
    const pages = await Promise.all(
      specs
        .slice(start, start + RANGES_AT_ONCE)
        .map((spec, k) => queryPage<T>(db, spec, { limit: lacking, ...(k === 0 && from ? { cursor: from } : {}) })),
    );
    for (const [k, got] of pages.entries()) {
      const i = start + k;
      const spec = specs[i]!;
      const taken = got.items.slice(0, limit - items.length);
      items.push(...taken);
      // The page filled inside this range: the next one starts after its last item here.
      if (taken.length < got.items.length)
        return { items, nextCursor: encodeCursor(startKeyOf(taken.at(-1) as Record<string, unknown>, spec)) };
      if (got.nextCursor) return { items, nextCursor: got.nextCursor };
      if (items.length >= limit) {
        const more = i < specs.length - 1;
        return {
          items,
          nextCursor: more ? encodeCursor(startKeyOf(items.at(-1) as Record<string, unknown>, spec)) : null,
        };
      }
    }
  }
  return { items, nextCursor: null };
}
