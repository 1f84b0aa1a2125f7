import { RuleError } from '#lib/errors.ts';
import { stableJson } from '#lib/store/stable-json.ts';

/**
 * Guarded settings: the settings of a policy that decide whether a decision needs a second signature (the amount
 * above which a fine is a major decision, the kinds of penalty that always are, the triggers that force a mine to
 * credit D). Each is declared with the direction that is tighter for it. Two rules follow, both pure and here:
 *
 * - parent bounds: a jurisdiction's value may only be as tight as, or tighter than, what the jurisdiction above it
 *   has in force (province → city → district); above the province the product's outer bound holds (the default,
 *   unless the declaration names a wider one). A looser value is refused (422 naming the field), and one stored
 *   before its parent tightened is read as the parent's bound (`clampToBounds`), so it never takes effect;
 * - a change of a guarded setting takes effect only when a legal reviewer other than the proposer approves it
 *   (./pending-changes.ts decides that; `guardedChanges` says which settings a change touches).
 */

/** How one guarded setting orders its values: which is tighter, and the tightest value as loose as two others. */
export interface Tightness<V> {
  /** Is `value` as tight as `bound`, or tighter? Equal values are. */
  within(value: V, bound: V): boolean;
  /** The loosest value that is within both: what a child's value is read as under its parent's bound. */
  meet(value: V, bound: V): V;
  /** Whether two values are the same setting (lists compare as sets). */
  same(a: V, b: V): boolean;
  /** How the bound reads in a refusal, before the value: `不得高于`, `须包含`. */
  readonly words: string;
}

/** A number where less is tighter: the amount above which a fine needs the legal review. */
export const lowerIsTighter: Tightness<number> = {
  within: (value, bound) => value <= bound,
  meet: (value, bound) => Math.min(value, bound),
  same: (a, b) => a === b,
  words: '不得高于',
};

/** A number where more is tighter. */
export const higherIsTighter: Tightness<number> = {
  within: (value, bound) => value >= bound,
  meet: (value, bound) => Math.max(value, bound),
  same: (a, b) => a === b,
  words: '不得低于',
};

/**
 * A count where less is tighter but 0 switches the rule off, so 0 is the loosest of all: the number of larger
 * accidents that forces D.
 */
export const lowerIsTighterZeroOff: Tightness<number> = {
  within: (value, bound) => bound === 0 || (value !== 0 && value <= bound),
  meet: (value, bound) => (value === 0 ? bound : bound === 0 ? value : Math.min(value, bound)),
  same: (a, b) => a === b,
  words: '须开启且不得高于',
};

const asSet = (v: readonly string[]) => new Set(v);

/** A list where more members is tighter: the kinds of penalty that are major, the triggers that force D. */
export const supersetIsTighter: Tightness<readonly string[]> = {
  within: (value, bound) => {
    const has = asSet(value);
    return bound.every((b) => has.has(b));
  },
  // The child's own order first, then what the bound adds.
  meet: (value, bound) => [...new Set([...value, ...bound])],
  same: (a, b) => asSet(a).size === asSet(b).size && a.every((x) => asSet(b).has(x)),
  words: '须包含',
};

/** A switch where on is tighter: a concealed accident forcing D. */
export const onIsTighter: Tightness<boolean> = {
  within: (value, bound) => value || !bound,
  meet: (value, bound) => value || bound,
  same: (a, b) => a === b,
  words: '须为',
};

/** One guarded setting of a policy, as its declaration names it. */
export interface GuardedSetting {
  /** Dotted path of the setting inside the policy's values: `majorFineThresholdYuan`, `forceD.accidentLevels`. */
  readonly path: string;
  /** As a person names it: `重大执法决定罚款标准（元）`. */
  readonly label: string;
  // biome-ignore lint/suspicious/noExplicitAny: a setting is a number, a list or a flag; its Tightness says which
  readonly tighter: Tightness<any>;
  /**
   * The bound above the provinces: the loosest value the product allows anywhere. The product default when not
   * given; wider only where the law leaves the value to each province (the major-fine amount of its own catalogue).
   */
  readonly outerBound?: unknown;
  /** How a value reads in a message (codes as their Chinese names); `String(value)` or the list joined by default. */
  readonly format?: (value: never) => string;
}

/** Where a bound comes from: a jurisdiction's policy (path and version), or the product (null). */
export interface BoundSource {
  readonly definedAt: string | null;
  readonly version: number;
}

/** The bound on one guarded setting for a jurisdiction: the value its own may not be looser than, and whose it is. */
export interface Bound {
  readonly path: string;
  readonly value: unknown;
  readonly from: BoundSource;
}

export const valueAt = (values: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], values);

export function withValueAt<T>(values: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const obj = values as Record<string, unknown>;
  return { ...obj, [head!]: rest.length ? withValueAt(obj[head!], rest.join('.'), value) : value } as T;
}

/**
 * The bounds on a jurisdiction's guarded settings, walking down from the product's outer bounds through every
 * ancestor that has a policy of its own (province first), each ancestor's value read under the bound above it.
 * `above` are the values of those ancestors, top first; the jurisdiction's own is not among them.
 */
export function boundsFrom(
  guarded: readonly GuardedSetting[],
  defaults: unknown,
  above: readonly { readonly values: unknown; readonly from: BoundSource }[],
): Bound[] {
  return guarded.map((g) => {
    let bound: Bound = {
      path: g.path,
      value: g.outerBound !== undefined ? g.outerBound : valueAt(defaults, g.path),
      from: { definedAt: null, version: 0 },
    };
    for (const level of above) {
      const own = valueAt(level.values, g.path);
      if (own === undefined) continue;
      bound = { path: g.path, value: g.tighter.meet(own, bound.value), from: level.from };
    }
    return bound;
  });
}

/** The values with every guarded setting read under its bound: a value looser than its parent's never takes effect. */
export function clampToBounds<T>(guarded: readonly GuardedSetting[], values: T, bounds: readonly Bound[]): T {
  let out = values;
  guarded.forEach((g, i) => {
    const own = valueAt(out, g.path);
    const clamped = g.tighter.meet(own, bounds[i]!.value);
    if (stableJson(clamped) !== stableJson(own)) out = withValueAt(out, g.path, clamped);
  });
  return out;
}

/** The guarded settings whose value is looser than its bound, with the bound. */
export function looserThanBounds(
  guarded: readonly GuardedSetting[],
  values: unknown,
  bounds: readonly Bound[],
): { setting: GuardedSetting; value: unknown; bound: Bound }[] {
  return guarded.flatMap((setting, i) => {
    const value = valueAt(values, setting.path);
    const bound = bounds[i]!;
    return setting.tighter.within(value, bound.value) ? [] : [{ setting, value, bound }];
  });
}

export const formatValue = (g: GuardedSetting, value: unknown): string => {
  if (g.format) return g.format(value as never);
  if (Array.isArray(value)) return value.length ? value.join('、') : '（无）';
  if (typeof value === 'boolean') return value ? '开启' : '关闭';
  return String(value);
};

const sourceText = (from: BoundSource): string =>
  from.definedAt === null ? '平台规定的上限' : `上级辖区 ${from.definedAt} 现行策略（第 ${from.version} 版）`;

/**
 * Refuses values looser than their bounds: 422 naming each such field (`body.<field>.<path>`), the message saying
 * the bound and where it comes from.
 */
export function assertWithinBounds(
  guarded: readonly GuardedSetting[],
  values: unknown,
  bounds: readonly Bound[],
  field: string,
): void {
  const looser = looserThanBounds(guarded, values, bounds);
  if (looser.length === 0) return;
  const lines = looser.map(
    ({ setting, bound }) =>
      `${setting.label}${setting.tighter.words} ${formatValue(setting, bound.value)}（${sourceText(bound.from)}）`,
  );
  throw new RuleError(`下级辖区只能与上级相同或更严：${lines.join('；')}`, [
    ...looser.map(({ setting, value, bound }) => ({
      field: `body.${field}.${setting.path}`,
      message: `${setting.tighter.words} ${formatValue(setting, bound.value)}（${sourceText(bound.from)}），不能设为 ${formatValue(setting, value)}`,
    })),
  ]);
}

/** The guarded settings a change touches, each with its value before and after. */
export function guardedChanges(
  guarded: readonly GuardedSetting[],
  before: unknown,
  after: unknown,
): { path: string; label: string; from: unknown; to: unknown }[] {
  return guarded.flatMap((g) => {
    const from = valueAt(before, g.path);
    const to = valueAt(after, g.path);
    return g.tighter.same(from, to) ? [] : [{ path: g.path, label: g.label, from, to }];
  });
}
