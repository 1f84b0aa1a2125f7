import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';

/**
 * How a policy's settings combine, read from its schema: an object or a record of settings combines part by part,
 * anything else (a number, a list, a flag) is one value that replaces the other whole. The same walk merges a
 * stored version over the defaults and a change over the values in force, and derives the schema of a change.
 */
type Schema = z.core.$ZodType;

/** A change to settings of type T: any part of an object may be left out, a list is given whole. */
export type SettingsPatch<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: SettingsPatch<T[K]> }
    : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema of each part of an object or record setting (undefined for a key it does not have), or null. */
function partsOf(schema: Schema): ((key: string) => Schema | undefined) | null {
  const def = schema._zod.def;
  if (def.type === 'object') {
    const { shape } = def as z.core.$ZodObjectDef;
    return (key) => (Object.hasOwn(shape, key) ? shape[key] : undefined);
  }
  if (def.type === 'record') {
    const { keyType, valueType } = def as z.core.$ZodRecordDef;
    return (key) => (z.safeParse(keyType, key).success ? valueType : undefined);
  }
  return null;
}

function combine(schema: Schema, base: unknown, over: unknown, unknownKeys: 'keep' | 'drop'): unknown {
  if (over === undefined) return base;
  const parts = partsOf(schema);
  if (!parts || !isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    const part = parts(key);
    const value = part
      ? combine(part, base[key], over[key], unknownKeys)
      : unknownKeys === 'keep'
        ? (over[key] ?? base[key])
        : undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * A stored version's values over the defaults, at every depth: a version stored before a setting (or a kind, a
 * category) was added gets that setting's default, and a setting since removed is dropped, so the values always
 * have the shape the schema describes.
 */
export const storedOverDefaults = <T>(schema: Schema, defaults: T, stored: unknown): T =>
  combine(schema, defaults, stored, 'drop') as T;

/**
 * A change over the values in force: what it names replaces, what it leaves out is kept, nested objects merge and
 * lists are replaced whole. Keys the schema does not know are kept, so the check of the whole names them.
 */
export const patchSettings = <T>(schema: Schema, values: T, patch: SettingsPatch<T> | undefined): unknown =>
  combine(schema, values, patch, 'keep');

/**
 * The schema of a change: every part of every object or record optional, each value with the same bounds as in
 * the whole. Rules across settings (refinements) are left to the check of the merged whole.
 */
export function patchSchemaOf<T>(schema: z.ZodMiniType<T>): z.ZodMiniType<SettingsPatch<T>> {
  return derivePatch(schema) as z.ZodMiniType<SettingsPatch<T>>;
}

function derivePatch(schema: Schema): Schema {
  const def = schema._zod.def;
  if (def.type === 'object') {
    const { shape, catchall } = def as z.core.$ZodObjectDef;
    const parts = Object.fromEntries(Object.entries(shape).map(([key, s]) => [key, z.optional(derivePatch(s))]));
    return catchall?._zod.def.type === 'never' ? z.strictObject(parts) : z.object(parts);
  }
  if (def.type === 'record') {
    const { keyType, valueType } = def as z.core.$ZodRecordDef;
    return z.partialRecord(keyType, derivePatch(valueType));
  }
  return schema;
}
