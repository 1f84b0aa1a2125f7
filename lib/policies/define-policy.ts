import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { parsePart } from '#lib/schemas/parse.ts';
import { describe, text } from '#lib/schemas/primitives.ts';
import { type Actor, actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { effectivePolicy, type PolicyRef, policyVersion, setPolicy } from './policy-store.ts';
import { patchSchemaOf, patchSettings, type SettingsPatch, storedOverDefaults } from './settings.ts';

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
}

/** The values in force for a jurisdiction and the version they are, which results record. */
export interface InForce<T> {
  readonly values: T;
  readonly ref: PolicyRef;
}

/** A policy as the API shows it: where it is defined, its version there, its settings. */
export type PolicyView<T, K extends string> = PolicyRef & { readonly ownVersion: number } & { readonly [P in K]: T };

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
  /** `inForce` read once per jurisdiction, for one run over many mines. */
  cache(db: Db): (jurisdiction: string) => Promise<InForce<T>>;
  /** The policy in force for the caller's jurisdiction. */
  get(store: TenantStore): Promise<PolicyView<T, K>>;
  /** A new version for the caller's jurisdiction. */
  put(store: TenantStore, body: PolicyChange<T, K>): Promise<PolicyView<T, K>>;
  /**
   * A new version for a jurisdiction: the changes over the values in force there, checked whole against the
   * schema (400 naming `body.<field>.<setting>`), stored if `expectedVersion` is still its own version (else 409
   * naming `body.version`), with an audit event keeping the reason.
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
 * checked against the schema's bounds, each version audited and kept.
 */
export function definePolicy<T extends object, const K extends string>(
  declaration: PolicyDeclaration<T, K>,
): Policy<T, K> {
  const { name, label, field, defaults, schema } = declaration;
  // Defaults outside their own bounds would make every change refused; say so when the policy is defined.
  const defaultsCheck = z.safeParse(schema, defaults);
  if (!defaultsCheck.success) throw new Error(`The defaults of policy ${name} fail its schema: ${defaultsCheck.error}`);

  // `ownVersion` is what a PUT for this jurisdiction sends back: its own version, 0 while it inherits.
  const view = (ref: PolicyRef, values: T, jurisdiction: string) =>
    ({
      definedAt: ref.definedAt,
      version: ref.version,
      ownVersion: ref.definedAt === jurisdiction ? ref.version : 0,
      [field]: values,
    }) as PolicyView<T, K>;
  const whole = z.object({ [field]: schema });

  const inForce = async (db: Db, jurisdiction: string): Promise<InForce<T>> => {
    const found = await effectivePolicy<unknown>(db, name, jurisdiction, defaults);
    return {
      values: storedOverDefaults(schema, defaults, found.thresholds),
      ref: { definedAt: found.definedAt, version: found.version },
    };
  };

  const set: Policy<T, K>['set'] = async (db, actor, { jurisdiction, changes, expectedVersion, reason }) => {
    const current = await inForce(db, jurisdiction);
    const patched = patchSettings(schema, current.values, changes);
    // The bounds are the schema's; a rule relating these values to the parent jurisdiction's would be checked here.
    const values = (parsePart(whole, { [field]: patched }, 'body') as Record<K, T>)[field];
    const saved = await setPolicy(db, actor, {
      name,
      label,
      jurisdiction,
      thresholds: values,
      expectedVersion,
      reason,
    });
    return view({ definedAt: saved.jurisdiction, version: saved.version }, saved.thresholds, jurisdiction);
  };

  return {
    ...declaration,
    changeSchema: z.strictObject({
      version: describe(z.number().check(z.int(), z.minimum(0)), {
        description: 'The version of your jurisdiction’s own policy you read (0 when it has none).',
      }),
      [field]: describe(patchSchemaOf(schema), {
        description: 'Settings not given keep their values in force; nested objects merge, lists are replaced whole.',
      }),
      reason: text(500),
    }) as unknown as z.ZodMiniType<PolicyChange<T, K>>,
    viewSchema: z.object({
      definedAt: z.nullable(z.string()),
      version: z.number(),
      ownVersion: describe(z.number(), {
        description: 'The version to send with a PUT: your jurisdiction’s own policy’s (0 while it inherits).',
      }),
      [field]: schema,
    }) as unknown as z.ZodMiniType<PolicyView<T, K>>,
    inForce,
    async valuesAt(db, ref) {
      if (ref.definedAt === null) return defaults;
      const stored = await policyVersion<unknown>(db, name, ref.definedAt, ref.version);
      return stored ? storedOverDefaults(schema, defaults, stored.thresholds) : undefined;
    },
    cache(db) {
      const read = new Map<string, Promise<InForce<T>>>();
      return (jurisdiction) => {
        if (!read.has(jurisdiction)) read.set(jurisdiction, inForce(db, jurisdiction));
        return read.get(jurisdiction)!;
      };
    },
    async get(store) {
      const scope = store.bureauScope();
      const { values, ref } = await inForce(store.db, scope);
      return view(ref, values, scope);
    },
    put: (store, body) =>
      set(store.db, actorOf(store.principal), {
        jurisdiction: store.bureauScope(),
        changes: body[field],
        expectedVersion: body.version,
        reason: body.reason,
      }),
    set,
  };
}
