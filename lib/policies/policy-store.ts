import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { put, putNew, transact, type Write } from '#lib/store/transact.ts';

/**
 * Bureau policies (the review's thresholds, the credit model, the penalty and blacklist terms, the reminder rules),
 * versioned per jurisdiction. A jurisdiction without its own policy inherits the nearest ancestor's (district →
 * city → province), else the product default. Every version is kept, so a result can name the version it used and
 * be reproduced. `define-policy.ts` builds each policy on these.
 */
export interface StoredPolicy<T> {
  readonly name: string;
  readonly jurisdiction: string;
  readonly version: number;
  readonly thresholds: T;
  readonly setBy: Actor;
  readonly setAt: string;
  readonly reason?: string;
  /** A version that took a second signature: the change it came from and who proposed it (`setBy` approved it). */
  readonly approval?: { readonly changeId: string; readonly proposedBy: Actor };
}

/** Which version of a policy a result used: where it is defined (null: the product default) and its version there. */
export interface PolicyRef {
  readonly definedAt: string | null;
  readonly version: number;
}

/** `hlj/hegang/dongshan` → [`hlj/hegang/dongshan`, `hlj/hegang`, `hlj`]. */
export const ancestors = (path: string): string[] =>
  path.split('/').map((_, i, parts) => parts.slice(0, parts.length - i).join('/'));

/** The current version of the policy at the jurisdiction and at each ancestor that has one of its own: one batch. */
export async function policyChain<T>(
  db: Db,
  name: string,
  jurisdiction: string,
): Promise<Map<string, StoredPolicy<T>>> {
  const found = await batchGet<StoredPolicy<T>>(
    db,
    ancestors(jurisdiction).map((p) => ({ PK: pk.jurisdiction(p), SK: sk.policyCurrent(name) })),
  );
  return new Map(found.map((f) => [f.jurisdiction, f]));
}

export async function policyVersion<T>(
  db: Db,
  name: string,
  jurisdiction: string,
  version: number,
): Promise<StoredPolicy<T> | undefined> {
  const item = await getItem<StoredPolicy<T>>(db, {
    PK: pk.jurisdiction(jurisdiction),
    SK: sk.policyVersion(name, version),
  });
  return item ? (stripKeys(item) as StoredPolicy<T>) : undefined;
}

/**
 * Sets a jurisdiction's policy as a new version. `expectedVersion` is the version the caller read at this
 * jurisdiction (0 when it had none of its own); anything else is a 409, so two admins cannot overwrite each other.
 */
export async function setPolicy<T>(
  db: Db,
  actor: Actor,
  input: {
    name: string;
    /** The policy as a person names it, for the messages: `处罚策略`. */
    label?: string;
    jurisdiction: string;
    thresholds: T;
    expectedVersion: number;
    reason?: string | undefined;
    /** The pending change this version approves, written with it (./pending-changes.ts). */
    approval?: { changeId: string; proposedBy: Actor; writes: readonly Write[] };
  },
): Promise<StoredPolicy<T>> {
  const current = await getItem<StoredPolicy<T>>(db, {
    PK: pk.jurisdiction(input.jurisdiction),
    SK: sk.policyCurrent(input.name),
  });
  const currentVersion = current?.version ?? 0;
  const stale = new ConflictError(`${input.label ?? '策略'}已被修改为第 ${currentVersion} 版，请刷新后重试`, [
    { field: 'body.version', message: `current version is ${currentVersion}` },
  ]);
  if (input.expectedVersion !== currentVersion) throw stale;
  const at = db.now().toISOString();
  const policy: StoredPolicy<T> = {
    name: input.name,
    jurisdiction: input.jurisdiction,
    version: currentVersion + 1,
    thresholds: input.thresholds,
    setBy: actor,
    setAt: at,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.approval
      ? { approval: { changeId: input.approval.changeId, proposedBy: input.approval.proposedBy } }
      : {}),
  };
  const currentKey = { PK: pk.jurisdiction(input.jurisdiction), SK: sk.policyCurrent(input.name) };
  const guard: Write = current
    ? {
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...currentKey, entity: 'policy', ...policy },
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': currentVersion },
          },
        },
        onConditionFailed: stale,
      }
    : putNew(db, { ...currentKey, entity: 'policy', ...policy }, stale);
  await transact(db, [
    guard,
    put(db, {
      PK: pk.jurisdiction(input.jurisdiction),
      SK: sk.policyVersion(input.name, policy.version),
      entity: 'policyVersion',
      ...policy,
    }),
    auditWrite(
      db,
      actor,
      {
        jurisdiction: input.jurisdiction,
        action: input.approval ? 'policy.change_approved' : 'policy.set',
        entityType: 'policy',
        entityId: `${input.name}@${policy.version}`,
        before: current ? { version: current.version, thresholds: current.thresholds } : null,
        after: {
          version: policy.version,
          thresholds: policy.thresholds,
          ...(policy.approval ? { changeId: policy.approval.changeId, proposedBy: policy.approval.proposedBy } : {}),
        },
        reason: input.reason,
      },
      at,
    ),
    ...(input.approval?.writes ?? []),
  ]);
  return policy;
}
