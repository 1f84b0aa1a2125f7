import { READ_ACTIONS, WRITE_ACTIONS } from '#lib/auth/dynamo-actions.ts';
import { INDEXES } from './table-definition.ts';

/**
 * What one function (an API module, a job module, a queue consumer) needs of AWS, declared next to it. CDK grants
 * exactly this and nothing more: the table actions of its access mode on the table and the named indexes, a
 * `dynamodb:LeadingKeys` condition when it reads only some partitions, the queues it sends to and the secrets it
 * reads. A function that declares nothing gets nothing. tests/unit/store/access-needs.test.ts holds each declaration
 * to the code its handler reaches (indexes, queues, secrets); tests/infra/least-privilege.test.ts holds the
 * synthesized roles to the declarations.
 */
export type IndexName = keyof typeof INDEXES;

/** Secrets a function may read: the key that hashes resident IDs (lib/registry/pii.ts). */
export type SecretName = 'pii-hash-key';

export interface TableNeeds {
  /** `read`: GetItem, BatchGetItem, Query only, no write of any kind. */
  readonly access: 'read' | 'read-write';
  /** Indexes it queries; the table itself is always included. */
  readonly indexes: readonly IndexName[];
  /**
   * Partition key prefixes (of the table and of the indexes it queries) it may address, for a
   * `ForAllValues:StringLike` condition on `dynamodb:LeadingKeys`; each is matched as `<prefix>*`. Omitted: any.
   */
  readonly leadingKeys?: readonly string[];
}

export interface DataNeeds {
  readonly table?: TableNeeds;
  readonly secrets?: readonly SecretName[];
}

export interface FunctionNeeds extends DataNeeds {
  /** Queue names (QUEUES) it sends to. */
  readonly sendsTo?: readonly string[];
}

export { READ_ACTIONS, WRITE_ACTIONS };

export const tableActions = (needs: TableNeeds): string[] =>
  needs.access === 'read' ? [...READ_ACTIONS] : [...READ_ACTIONS, ...WRITE_ACTIONS];

/** Several declarations in one function (jobs sharing a module): the union of each. */
export function mergeNeeds(all: readonly (FunctionNeeds | undefined)[]): FunctionNeeds {
  const tables = all.flatMap((n) => (n?.table ? [n.table] : []));
  const union = <T>(xs: readonly (readonly T[] | undefined)[]): T[] => [...new Set(xs.flatMap((x) => x ?? []))];
  const table: TableNeeds | undefined =
    tables.length === 0
      ? undefined
      : {
          access: tables.some((t) => t.access === 'read-write') ? 'read-write' : 'read',
          indexes: union(tables.map((t) => t.indexes)),
          ...(tables.every((t) => t.leadingKeys) ? { leadingKeys: union(tables.map((t) => t.leadingKeys)) } : {}),
        };
  return {
    ...(table ? { table } : {}),
    secrets: union(all.map((n) => n?.secrets)),
    sendsTo: union(all.map((n) => n?.sendsTo)),
  };
}

/** The index names every declaration may use, for checks. */
export const INDEX_NAMES = Object.keys(INDEXES) as IndexName[];
