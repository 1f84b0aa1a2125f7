import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { ConflictError, RuleError } from '#lib/errors.ts';
import { parsePart } from '#lib/schemas/parse.ts';
import { type Actor, actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import type { PolicyChangeDecision } from './change-workflow.ts';
import {
  assertWithinBounds,
  type Bound,
  boundsFrom,
  clampToBounds,
  type GuardedSetting,
  guardedChanges,
  valueAt,
} from './guarded.ts';
import {
  decided,
  decisionWrite,
  fileChange,
  loadChange,
  type PendingChangeView,
  pendingChangesOf,
  pendingChangeView,
  saveRejection,
} from './pending-changes.ts';
import { policySchemas } from './policy-schemas.ts';
import { ancestors, type PolicyRef, policyChain, policyVersion, setPolicy } from './policy-store.ts';
import { patchSettings, type SettingsPatch, storedOverDefaults } from './settings.ts';

export type { GuardedSetting } from './guarded.ts';
export type { PendingChangeView } from './pending-changes.ts';
export type { PolicyRef } from './policy-store.ts';
export type { SettingsPatch } from './settings.ts';

/** What a capability declares of one of its policies; everything else is the same for every policy. */
export interface PolicyDeclaration<T extends object, K extends string> {
  /** Its name in the table (`POLICY#<name>#…`) and in audit events: never renamed. */
  readonly name: string;
  /** As a person names it, for messages: `处罚策略`. */
  readonly label: string;
  /** The key its settings travel under in the API's requests and responses: `thresholds`, `terms`, `rules`. */
  readonly field: K;
  /** The product default, in force where no jurisdiction on the path has set its own (version 0). */
  readonly defaults: T;
  /**
   * Every setting with its bounds (min/max, int, enums), and the rules across settings as refinements: where a
   * setting's allowed range lives. A change is checked whole against it; the schema of a change is derived.
   */
  readonly schema: z.ZodMiniType<T>;
  /**
   * The settings that decide whether a decision needs a second signature, each with the direction that is tighter
   * for it (./guarded.ts). A jurisdiction's value of one may only be as tight as its parent's in force, or tighter
   * (422 otherwise, and a looser value stored earlier is read as the parent's); a PUT that changes one is kept as a
   * pending change until a legal reviewer other than the proposer approves it.
   */
  readonly guarded?: readonly GuardedSetting[];
  /**
   * Why a jurisdiction may not set this policy, in Chinese, or undefined where it may (everywhere when omitted): for
   * a policy read only at some levels, so a setting that would be ignored is refused (422) instead of stored.
   */
  readonly notSettableAt?: (jurisdiction: string) => string | undefined;
}

/** The values in force for a jurisdiction and the version they are, which results record. */
export interface InForce<T> {
  readonly values: T;
  readonly ref: PolicyRef;
}

/** The bound on one guarded setting as the API shows it: the parent's value in force, and whose it is. */
export interface BoundView {
  readonly setting: string;
  readonly label: string;
  readonly bound: unknown;
  /** The jurisdiction whose policy sets the bound and its version; null: the product's. */
  readonly boundFrom: { readonly definedAt: string | null; readonly version: number };
  /** This jurisdiction's (or the policy it inherits) is looser than the bound, so the bound is in force instead. */
  readonly clamped: boolean;
}

/** A policy as the API shows it: where it is defined, its version there, its settings (and the bounds on them). */
export type PolicyView<T, K extends string> = PolicyRef & { readonly ownVersion: number } & {
  readonly [P in K]: T;
} & {
  readonly bounds?: readonly BoundView[];
  /** Why the caller's jurisdiction may not set this policy (a PUT is refused with it), when it may not. */
  readonly notSettableHere?: string;
};

/** What a PUT did: a new version in force, or a change kept until a legal reviewer approves it. */
export type PutOutcome<T, K extends string> =
  | { readonly pending: false; readonly view: PolicyView<T, K> }
  | { readonly pending: true; readonly change: PendingChangeView };

/** A PUT: the version of the caller's own policy it read (0 when it has none), the settings to change, why. */
export type PolicyChange<T, K extends string> = { readonly version: number; readonly reason: string } & {
  readonly [P in K]: SettingsPatch<T>;
};

export interface Policy<T extends object, K extends string> extends PolicyDeclaration<T, K> {
  /** The body of `PUT /v1/policies/<name>`. */
  readonly changeSchema: z.ZodMiniType<PolicyChange<T, K>>;
  /** The answer of its GET and PUT. */
  readonly viewSchema: z.ZodMiniType<PolicyView<T, K>>;
  /** The jurisdiction's own, else the nearest ancestor's, else the default; stored values over the defaults. */
  inForce(db: Db, jurisdiction: string): Promise<InForce<T>>;
  /** The values a ref names (the version a past result used), to reproduce it; undefined if it cannot be found. */
  valuesAt(db: Db, ref: PolicyRef): Promise<T | undefined>;
  /** `inForce` read once per jurisdiction, for one run over many mines (a failed read is read again when asked). */
  cache(db: Db): (jurisdiction: string) => Promise<InForce<T>>;
  /** The guarded settings (none for most policies). */
  readonly guarded: readonly GuardedSetting[];
  /** A pending change as the API shows it (only for a policy with guarded settings). */
  readonly changeViewSchema: z.ZodMiniType<PendingChangeView>;
  /** The policy in force for the caller's jurisdiction. */
  get(store: TenantStore): Promise<PolicyView<T, K>>;
  /**
   * A change for the caller's jurisdiction: checked as `set` checks it, then, if it changes a guarded setting, kept
   * as a pending change (audited); otherwise a new version at once.
   */
  put(store: TenantStore, body: PolicyChange<T, K>): Promise<PutOutcome<T, K>>;
  /**
   * A change checked exactly as `put` checks it (400 naming the setting, 422 outside a guarded bound, 409 on a stale
   * version), stored nowhere: the values in force for the caller's jurisdiction and the values the change would give.
   */
  preview(store: TenantStore, body: PolicyChange<T, K>): Promise<{ current: InForce<T>; proposed: InForce<T> }>;
  /** The caller's jurisdiction's changes of this policy waiting for a legal reviewer. */
  pendingChanges(store: TenantStore): Promise<PendingChangeView[]>;
  /**
   * A legal reviewer's decision on a pending change of the caller's jurisdiction (another's is 404): never the
   * proposer's (422). Approved, the change is checked again over the values in force and the parent's bounds and
   * becomes a new version, if the jurisdiction's policy is still the version it was proposed over (else 409).
   */
  decide(
    store: TenantStore,
    changeId: string,
    decision: PolicyChangeDecision,
    input: { version: number; reason?: string | undefined },
  ): Promise<PendingChangeView>;
  /**
   * A new version for a jurisdiction, in force at once: the changes over the values in force there, checked whole
   * against the schema (400 naming `body.<field>.<setting>`) and the guarded settings against the parent's bounds
   * (422), stored if `expectedVersion` is still its own version (else 409 naming `body.version`), with an audit
   * event keeping the reason. No second signature: the API's PUT goes through `put`, which asks for one.
   */
  set(
    db: Db,
    actor: Actor,
    change: {
      jurisdiction: string;
      changes: SettingsPatch<T>;
      expectedVersion: number;
      reason?: string | undefined;
    },
  ): Promise<PolicyView<T, K>>;
}

/**
 * One bureau policy from its declaration: versioned per jurisdiction and inherited down the path (district → city
 * → province → default), stored values merged over the defaults, changes merged over the values in force and
 * checked against the schema's bounds, each version audited and kept. Its guarded settings are bounded by the
 * parent's values in force and changed only with a legal reviewer's second signature.
 */
export function definePolicy<T extends object, const K extends string>(
  declaration: PolicyDeclaration<T, K>,
): Policy<T, K> {
  const { name, label, field, defaults, schema } = declaration;
  const guarded = declaration.guarded ?? [];
  // Defaults outside their own bounds would make every change refused; say so when the policy is defined.
  const defaultsCheck = z.safeParse(schema, defaults);
  if (!defaultsCheck.success) throw new Error(`The defaults of policy ${name} fail its schema: ${defaultsCheck.error}`);
  for (const g of guarded) {
    const value = valueAt(defaults, g.path);
    if (value === undefined) throw new Error(`Policy ${name} guards ${g.path}, which it does not have`);
    if (g.outerBound !== undefined && !g.tighter.within(value, g.outerBound))
      throw new Error(`The default of ${name} ${g.path} is looser than its outer bound`);
  }

  const whole = z.object({ [field]: schema });
  const merged = (stored: unknown): T => storedOverDefaults(schema, defaults, stored);

  /**
   * Everything a jurisdiction's policy depends on, from one batch read of the path: the values in force (the
   * nearest own version over the defaults, its guarded settings under the bounds), the ref, the jurisdiction's own
   * version, and the bounds its own guarded settings must keep (from the ancestors' values, the province's first).
   */
  const resolve = async (db: Db, jurisdiction: string) => {
    const chain = ancestors(jurisdiction);
    const found = await policyChain<unknown>(db, name, jurisdiction);
    const above = chain
      .slice(1)
      .reverse()
      .flatMap((path) => {
        const hit = found.get(path);
        return hit ? [{ values: merged(hit.thresholds), from: { definedAt: path, version: hit.version } }] : [];
      });
    const bounds: Bound[] = boundsFrom(guarded, defaults, above);
    const nearest = chain.find((path) => found.has(path));
    const hit = nearest ? found.get(nearest)! : undefined;
    const unclamped = hit ? merged(hit.thresholds) : defaults;
    return {
      values: clampToBounds(guarded, unclamped, bounds),
      unclamped,
      ref: { definedAt: nearest ?? null, version: hit?.version ?? 0 } as PolicyRef,
      ownVersion: found.get(jurisdiction)?.version ?? 0,
      bounds,
    };
  };
  type Resolved = Awaited<ReturnType<typeof resolve>>;

  const boundViews = (r: Resolved): BoundView[] =>
    guarded.map((g, i) => ({
      setting: g.path,
      label: g.label,
      bound: r.bounds[i]!.value,
      boundFrom: r.bounds[i]!.from,
      clamped: !g.tighter.same(valueAt(r.unclamped, g.path), valueAt(r.values, g.path)),
    }));

  // `ownVersion` is what a PUT for this jurisdiction sends back: its own version, 0 while it inherits.
  const view = (r: Resolved, jurisdiction: string, notSettableHere = declaration.notSettableAt?.(jurisdiction)) =>
    ({
      definedAt: r.ref.definedAt,
      version: r.ref.version,
      ownVersion: r.ref.definedAt === jurisdiction ? r.ref.version : 0,
      [field]: r.values,
      ...(guarded.length ? { bounds: boundViews(r) } : {}),
      ...(notSettableHere ? { notSettableHere } : {}),
    }) as PolicyView<T, K>;

  /** The view of a version just written: its values are within the bounds it was checked against. */
  const savedView = (r: Resolved, jurisdiction: string, version: number, values: T) =>
    view(
      { ...r, values, unclamped: values, ref: { definedAt: jurisdiction, version }, ownVersion: version },
      jurisdiction,
    );

  const inForce = async (db: Db, jurisdiction: string): Promise<InForce<T>> => {
    const { values, ref } = await resolve(db, jurisdiction);
    return { values, ref };
  };

  /** The change over the values in force, checked whole (400) and against the parent's bounds (422). */
  const checked = (r: Resolved, changes: SettingsPatch<T> | undefined): T => {
    const patched = patchSettings(schema, r.values, changes);
    const values = (parsePart(whole, { [field]: patched }, 'body') as Record<K, T>)[field];
    assertWithinBounds(guarded, values, r.bounds, field);
    return values;
  };

  const stale = (current: number) =>
    new ConflictError(`${label}已被修改为第 ${current} 版，请刷新后重试`, [
      { field: 'body.version', message: `current version is ${current}` },
    ]);

  /** A jurisdiction whose setting would be ignored is refused before anything else is checked (422). */
  const assertSettable = (jurisdiction: string): void => {
    const why = declaration.notSettableAt?.(jurisdiction);
    if (why !== undefined) throw new RuleError(why, [{ field: `body.${field}`, message: why }]);
  };

  const set: Policy<T, K>['set'] = async (db, actor, { jurisdiction, changes, expectedVersion, reason }) => {
    assertSettable(jurisdiction);
    const r = await resolve(db, jurisdiction);
    const values = checked(r, changes);
    const saved = await setPolicy(db, actor, {
      name,
      label,
      jurisdiction,
      thresholds: values,
      expectedVersion,
      reason,
    });
    return savedView(r, jurisdiction, saved.version, values);
  };

  return {
    ...declaration,
    guarded,
    ...policySchemas(name, field, schema, guarded.length > 0),
    inForce,
    async valuesAt(db, ref) {
      // The version's own values. A guarded setting a parent's bound held tighter at the time is not reproduced
      // from the ref alone; no policy with guarded settings is read back through a ref.
      if (ref.definedAt === null) return defaults;
      const stored = await policyVersion<unknown>(db, name, ref.definedAt, ref.version);
      return stored ? merged(stored.thresholds) : undefined;
    },
    cache(db) {
      const read = new Map<string, Promise<InForce<T>>>();
      return (jurisdiction) => {
        let found = read.get(jurisdiction);
        if (!found) {
          found = inForce(db, jurisdiction);
          read.set(jurisdiction, found);
          // A failed read (throttled) fails its caller; the next asks again rather than getting the failure.
          found.catch(() => read.delete(jurisdiction));
        }
        return found;
      };
    },
    async get(store) {
      const scope = store.bureauScope();
      return view(await resolve(store.shared, scope), scope);
    },
    async put(store, body) {
      const db = store.shared;
      const jurisdiction = store.bureauScope();
      assertSettable(jurisdiction);
      const actor = actorOf(store.principal);
      const r = await resolve(db, jurisdiction);
      const values = checked(r, body[field]);
      const touched = guardedChanges(guarded, r.values, values);
      if (touched.length === 0) {
        const saved = await setPolicy(db, actor, {
          name,
          label,
          jurisdiction,
          thresholds: values,
          expectedVersion: body.version,
          reason: body.reason,
        });
        return { pending: false, view: savedView(r, jurisdiction, saved.version, values) };
      }
      // A guarded setting changes: nothing takes effect until a legal reviewer other than the proposer approves.
      if (body.version !== r.ownVersion) throw stale(r.ownVersion);
      const at = db.now().toISOString();
      const change = await fileChange(
        db,
        {
          changeId: db.newId('pc'),
          policy: name,
          jurisdiction,
          baseVersion: r.ownVersion,
          changes: body[field],
          guarded: touched,
          reason: body.reason,
          status: 'pending',
          proposedBy: actor,
          proposedAt: at,
          version: 1,
          updatedAt: at,
        },
        label,
      );
      return { pending: true, change };
    },
    async preview(store, body) {
      const jurisdiction = store.bureauScope();
      assertSettable(jurisdiction);
      const r = await resolve(store.shared, jurisdiction);
      const values = checked(r, body[field]);
      if (body.version !== r.ownVersion) throw stale(r.ownVersion);
      return {
        current: { values: r.values, ref: r.ref },
        proposed: { values, ref: { definedAt: jurisdiction, version: r.ownVersion + 1 } },
      };
    },
    pendingChanges: (store) => pendingChangesOf(store.shared, name, store.bureauScope()),
    async decide(store, changeId, decision, input) {
      const db = store.shared;
      const jurisdiction = store.bureauScope();
      const change = await loadChange(db, name, jurisdiction, changeId);
      const actor = actorOf(store.principal);
      const after = decided(change, decision, actor, input, db.now().toISOString());
      if (decision === 'reject') {
        await saveRejection(db, change, after);
        return pendingChangeView(after);
      }
      // Approved: the change over what is in force now, checked again (a parent may have tightened since), as the
      // version after the one it was proposed over.
      const r = await resolve(db, jurisdiction);
      if (r.ownVersion !== change.baseVersion)
        throw new ConflictError(
          `${label}已于该变更提出后改为第 ${r.ownVersion} 版（提出时为第 ${change.baseVersion} 版），请驳回后重新提出`,
          [{ field: 'path.changeId', message: `proposed over version ${change.baseVersion}, now ${r.ownVersion}` }],
        );
      const values = checked(r, change.changes as SettingsPatch<T>);
      const approved = { ...after, appliedVersion: change.baseVersion + 1 };
      await setPolicy(db, actor, {
        name,
        label,
        jurisdiction,
        thresholds: values,
        expectedVersion: change.baseVersion,
        reason: change.reason,
        approval: {
          changeId,
          proposedBy: change.proposedBy,
          writes: [decisionWrite(db, change, approved)],
        },
      });
      return pendingChangeView(approved);
    },
    set,
  };
}
