// How a policy's settings combine, on a schema with every shape the product's policies use: bounded numbers, a
// nested object, a record per kind of an object each, a list, and a rule across settings. A stored version merges
// over the defaults at every depth (an older version gets the settings added since, loses those removed), a change
// merges over the values in force (lists whole), and the schema of a change has the whole's bounds without its rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ValidationError } from '#lib/errors.ts';
import { patchSchemaOf, patchSettings, storedOverDefaults } from '#lib/policies/settings.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const KINDS = ['licence', 'hazard'] as const;
const schema = z
  .strictObject({
    days: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
    factor: z.number().check(z.minimum(0.5), z.maximum(2)),
    floors: z.strictObject({ high: z.number().check(z.minimum(0), z.maximum(100)), low: z.number() }),
    perKind: z.record(
      z.enum(KINDS),
      z.strictObject({ leadDays: z.array(z.number().check(z.int(), z.minimum(1))), onTheDay: z.boolean() }),
    ),
    codes: z.array(z.string()),
  })
  .check(z.refine((p) => p.floors.high > p.floors.low, { message: 'high > low', path: ['floors'] }));
type Settings = z.infer<typeof schema>;

const DEFAULTS: Settings = {
  days: 7,
  factor: 1.5,
  floors: { high: 90, low: 60 },
  perKind: { licence: { leadDays: [90, 30], onTheDay: true }, hazard: { leadDays: [3], onTheDay: false } },
  codes: ['a', 'b'],
};
const clone = <T>(v: T): T => structuredClone(v);

describe('a stored version over the defaults', () => {
  it('is the defaults when nothing is stored', () => {
    expect(storedOverDefaults(schema, DEFAULTS, undefined)).toEqual(DEFAULTS);
  });

  it('is the stored values when every setting is stored', () => {
    const stored: Settings = {
      days: 3,
      factor: 0.5,
      floors: { high: 95, low: 10 },
      perKind: { licence: { leadDays: [7], onTheDay: false }, hazard: { leadDays: [], onTheDay: true } },
      codes: [],
    };
    expect(storedOverDefaults(schema, DEFAULTS, clone(stored))).toEqual(stored);
  });

  it.each<[string, Record<string, unknown>, Settings]>([
    ['a setting added since', { days: 3 }, { ...DEFAULTS, days: 3 }],
    [
      'a field of a nested object added since',
      { floors: { high: 95 } },
      { ...DEFAULTS, floors: { high: 95, low: 60 } },
    ],
    [
      'a kind added since',
      { perKind: { licence: { leadDays: [7], onTheDay: false } } },
      { ...DEFAULTS, perKind: { ...DEFAULTS.perKind, licence: { leadDays: [7], onTheDay: false } } },
    ],
    [
      'a field of a kind’s rule added since',
      { perKind: { hazard: { leadDays: [5] } } },
      { ...DEFAULTS, perKind: { ...DEFAULTS.perKind, hazard: { leadDays: [5], onTheDay: false } } },
    ],
  ])('gives an older version the default of %s', (_, stored, expected) => {
    expect(storedOverDefaults(schema, DEFAULTS, stored)).toEqual(expected);
  });

  it('keeps a stored list as it is, shorter or longer than the default', () => {
    expect(storedOverDefaults(schema, DEFAULTS, { codes: ['z'] }).codes).toEqual(['z']);
    expect(storedOverDefaults(schema, DEFAULTS, { codes: ['x', 'y', 'z'] }).codes).toEqual(['x', 'y', 'z']);
  });

  it('drops settings, fields and kinds removed since, at every depth', () => {
    const stored = {
      ...clone(DEFAULTS),
      retired: 5,
      floors: { high: 95, low: 10, middle: 70 },
      perKind: { ...clone(DEFAULTS.perKind), drill: { leadDays: [30], onTheDay: true } },
    };
    expect(storedOverDefaults(schema, DEFAULTS, stored)).toEqual({ ...DEFAULTS, floors: { high: 95, low: 10 } });
  });

  it('changes neither the defaults nor the stored values', () => {
    const defaults = clone(DEFAULTS);
    const stored = { floors: { high: 95 }, perKind: { hazard: { leadDays: [5] } } };
    const before = clone(stored);
    storedOverDefaults(schema, defaults, stored);
    expect(defaults).toEqual(DEFAULTS);
    expect(stored).toEqual(before);
  });

  it('property: any older version (settings missing at any depth) reads as values the schema accepts', () => {
    const complete: Settings = {
      days: 30,
      factor: 2,
      floors: { high: 100, low: 0 },
      perKind: { licence: { leadDays: [1], onTheDay: false }, hazard: { leadDays: [2, 1], onTheDay: true } },
      codes: ['c'],
    };
    const paths = [
      ['days'],
      ['factor'],
      ['floors'],
      ['floors', 'high'],
      ['floors', 'low'],
      ['perKind'],
      ['perKind', 'licence'],
      ['perKind', 'hazard', 'leadDays'],
      ['perKind', 'hazard', 'onTheDay'],
      ['codes'],
    ];
    const read = (o: unknown, path: string[]) => path.reduce<any>((v, k) => v?.[k], o);
    fc.assert(
      fc.property(fc.subarray(paths), (missing) => {
        const stored: any = clone(complete);
        for (const path of missing) {
          const parent = read(stored, path.slice(0, -1));
          if (parent) delete parent[path.at(-1)!];
        }
        const values = storedOverDefaults(schema, DEFAULTS, stored);
        expect(z.safeParse(schema, values).success).toBe(true);
        for (const path of paths) {
          const gone = missing.some((m) => m.every((k, i) => path[i] === k) && m.length <= path.length);
          const deepest = typeof read(complete, path) !== 'object' || Array.isArray(read(complete, path));
          if (deepest) expect(read(values, path)).toEqual(read(gone ? DEFAULTS : complete, path));
        }
      }),
    );
  });
});

describe('a change over the values in force', () => {
  it('changes nothing when it names nothing', () => {
    expect(patchSettings(schema, DEFAULTS, {})).toEqual(DEFAULTS);
    expect(patchSettings(schema, DEFAULTS, undefined)).toEqual(DEFAULTS);
  });

  it.each<[string, Record<string, unknown>, Settings]>([
    ['replaces a setting it names, keeping the others', { days: 3 }, { ...DEFAULTS, days: 3 }],
    ['merges a nested object', { floors: { low: 50 } }, { ...DEFAULTS, floors: { high: 90, low: 50 } }],
    [
      'merges a record kind by kind, and a kind’s rule field by field',
      { perKind: { hazard: { onTheDay: true } } },
      { ...DEFAULTS, perKind: { ...DEFAULTS.perKind, hazard: { leadDays: [3], onTheDay: true } } },
    ],
    [
      'replaces a kind’s rule given whole',
      { perKind: { licence: { leadDays: [7], onTheDay: false } } },
      { ...DEFAULTS, perKind: { ...DEFAULTS.perKind, licence: { leadDays: [7], onTheDay: false } } },
    ],
    ['replaces a list whole, even a shorter one', { codes: ['z'] }, { ...DEFAULTS, codes: ['z'] }],
    ['replaces a list with an empty one', { codes: [] }, { ...DEFAULTS, codes: [] }],
    ['ignores a setting given as undefined', { days: undefined, factor: 2 }, { ...DEFAULTS, factor: 2 }],
  ])('%s', (_, patch, expected) => {
    expect(patchSettings(schema, DEFAULTS, patch as never)).toEqual(expected);
  });

  it('keeps what the schema does not know, so the check of the whole names it', () => {
    const patched = patchSettings(schema, DEFAULTS, { floors: { middle: 1 } } as never);
    expect(patched).toEqual({ ...DEFAULTS, floors: { high: 90, low: 60, middle: 1 } });
    expect(fieldsOf(z.object({ thresholds: schema }), { thresholds: patched })).toEqual([
      'body.thresholds.floors.middle',
    ]);
  });

  it('replaces an object with whatever else it is given, for the check of the whole to refuse', () => {
    const patched = patchSettings(schema, DEFAULTS, { floors: 5 } as never);
    expect(patched).toEqual({ ...DEFAULTS, floors: 5 });
    expect(fieldsOf(z.object({ thresholds: schema }), { thresholds: patched })).toEqual(['body.thresholds.floors']);
  });

  it('changes neither the values in force nor the change', () => {
    const values = clone(DEFAULTS);
    const patch = { floors: { low: 1 }, perKind: { hazard: { onTheDay: true } }, codes: ['q'] };
    const before = clone(patch);
    patchSettings(schema, values, patch);
    expect(values).toEqual(DEFAULTS);
    expect(patch).toEqual(before);
  });

  it('property: a change of values the schema accepts reads back as exactly what it set and kept', () => {
    const arbPatch = fc.record(
      {
        days: fc.integer({ min: 1, max: 30 }),
        floors: fc.record(
          { high: fc.integer({ min: 61, max: 100 }), low: fc.integer({ min: 0, max: 60 }) },
          {
            requiredKeys: [],
          },
        ),
        perKind: fc.record(
          {
            hazard: fc.record(
              { leadDays: fc.array(fc.integer({ min: 1, max: 120 })), onTheDay: fc.boolean() },
              {
                requiredKeys: [],
              },
            ),
          },
          { requiredKeys: [] },
        ),
        codes: fc.array(fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arbPatch, (patch) => {
        const patched = patchSettings(schema, DEFAULTS, patch) as Settings;
        expect(z.safeParse(schema, patched).success).toBe(true);
        expect(patched.days).toBe(patch.days ?? DEFAULTS.days);
        expect(patched.floors).toEqual({ ...DEFAULTS.floors, ...patch.floors });
        expect(patched.perKind.licence).toEqual(DEFAULTS.perKind.licence);
        expect(patched.perKind.hazard).toEqual({ ...DEFAULTS.perKind.hazard, ...patch.perKind?.hazard });
        expect(patched.codes).toEqual(patch.codes ?? DEFAULTS.codes);
        // The values in force as a change change nothing.
        expect(patchSettings(schema, patched, patched)).toEqual(patched);
      }),
    );
  });
});

function fieldsOf(s: Parameters<typeof parsePart>[0], value: unknown): string[] {
  try {
    parsePart(s, value, 'body');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  return [];
}

describe('the schema of a change', () => {
  const change = z.object({ thresholds: patchSchemaOf(schema) });
  const refused = (thresholds: unknown) => fieldsOf(change, { thresholds });

  it.each<[string, unknown]>([
    ['nothing', {}],
    ['one setting', { days: 3 }],
    ['part of a nested object (its rule across fields is the whole’s to check)', { floors: { high: 1 } }],
    ['one kind, part of its rule', { perKind: { hazard: { onTheDay: true } } }],
    ['a list, whole', { codes: [] }],
  ])('accepts %s', (_, thresholds) => {
    expect(refused(thresholds)).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['an integer setting at its lower bound', { days: 1 }, []],
    ['an integer setting at its upper bound', { days: 30 }, []],
    ['an integer setting below its lower bound', { days: 0 }, ['body.thresholds.days']],
    ['an integer setting above its upper bound', { days: 31 }, ['body.thresholds.days']],
    ['a fraction for an integer setting', { days: 2.5 }, ['body.thresholds.days']],
    ['a ratio at its lower bound', { factor: 0.5 }, []],
    ['a ratio at its upper bound', { factor: 2 }, []],
    ['a ratio just below its lower bound', { factor: 0.49 }, ['body.thresholds.factor']],
    ['a ratio just above its upper bound', { factor: 2.01 }, ['body.thresholds.factor']],
    ['a nested setting above its bound', { floors: { high: 101 } }, ['body.thresholds.floors.high']],
    [
      'a bad value in a kind’s list',
      { perKind: { hazard: { leadDays: [3, 0] } } },
      ['body.thresholds.perKind.hazard.leadDays.1'],
    ],
    ['a string for a number', { days: 'seven' }, ['body.thresholds.days']],
    ['an unknown setting', { retired: 1 }, ['body.thresholds.retired']],
    ['an unknown field of a nested object', { floors: { middle: 1 } }, ['body.thresholds.floors.middle']],
  ])('%s', (_, thresholds, fields) => {
    expect(refused(thresholds)).toEqual(fields);
  });

  it('refuses a kind the record does not have', () => {
    expect(refused({ perKind: { drill: { onTheDay: true } } })).not.toEqual([]);
  });

  it('refuses a list given in part: its elements are checked whole', () => {
    const s = z.object({ list: patchSchemaOf(z.array(z.strictObject({ code: z.string(), name: z.string() }))) });
    expect(fieldsOf(s, { list: [{ code: 'a' }] })).toEqual(['body.list.0.name']);
  });

  it('property: every value the whole accepts, the change accepts too', () => {
    const arbWhole = fc.record({
      days: fc.integer({ min: 1, max: 30 }),
      factor: fc.double({ min: 0.5, max: 2, noNaN: true }),
      floors: fc.record({ high: fc.integer({ min: 61, max: 100 }), low: fc.integer({ min: 0, max: 60 }) }),
      perKind: fc.record({
        licence: fc.record({ leadDays: fc.array(fc.integer({ min: 1, max: 365 })), onTheDay: fc.boolean() }),
        hazard: fc.record({ leadDays: fc.array(fc.integer({ min: 1, max: 365 })), onTheDay: fc.boolean() }),
      }),
      codes: fc.array(fc.string()),
    });
    fc.assert(
      fc.property(arbWhole, (whole) => {
        expect(z.safeParse(schema, whole).success).toBe(true);
        expect(refused(whole)).toEqual([]);
      }),
    );
  });
});
