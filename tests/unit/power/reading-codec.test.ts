// A reading's quarter-hours are stored as one packed string; what is read back must be exactly what was recorded,
// and items stored before (a list of 96 numbers) must read as they always did.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeReading,
  encodeReading,
  PACKED_QUARTER_HOURS,
  packQuarterHours,
  unpackQuarterHours,
} from '#lib/power/reading-codec.ts';
import type { StoredReading } from '#lib/power/reading-records.ts';

const actor = { sub: 'u-1', name: '张三', role: 'bureau_admin' } as unknown as StoredReading['recordedBy'];
const qh = (f: (q: number) => number) => Array.from({ length: 96 }, (_, q) => f(q));

const reading = (over: Partial<StoredReading> = {}): StoredReading => ({
  mineId: 'm-1',
  meterId: 'main',
  date: '2026-11-20',
  kwh: 960,
  quarterHours: qh(() => 10),
  source: 'grid',
  revision: 1,
  recordedAt: '2026-11-21T01:00:00.000Z',
  recordedBy: actor,
  version: 1,
  ...over,
});

describe('quarter-hour packing', () => {
  it.each([
    ['whole numbers', qh((q) => q)],
    ['cents', qh((q) => q + 0.01)],
    ['values a float cannot write in two decimals', qh((q) => q / 3)],
    ['zeros', qh(() => 0)],
    ['very large and very small', qh((q) => (q % 2 ? 1e21 : 5e-7))],
  ])('reads back %s exactly', (_label, values) => {
    const packed = packQuarterHours(values);
    expect(typeof packed).toBe('string');
    expect(unpackQuarterHours(packed)).toEqual(values);
  });

  it('reads an empty string as no values (not one zero)', () => {
    expect(unpackQuarterHours('')).toEqual([]);
    expect(unpackQuarterHours(packQuarterHours([]))).toEqual([]);
  });
});

describe('reading items', () => {
  it('stores the quarter-hours as one string attribute, not a list, and reads them back', () => {
    const r = reading({ quarterHours: qh((q) => q * 1.25) });
    const stored = encodeReading(r);
    expect(stored.quarterHours).toBeUndefined();
    expect(typeof stored[PACKED_QUARTER_HOURS]).toBe('string');
    expect(decodeReading(stored)).toEqual(r);
  });

  it('packs the declaration beside a higher source the same way, and keeps its provenance', () => {
    const declared = {
      kwh: 900,
      quarterHours: qh(() => 9.375),
      declaredAt: '2026-11-21T02:00:00.000Z',
      declaredBy: actor,
      reason: '矿方自报',
    };
    const r = reading({ declared });
    const stored = encodeReading(r) as { declared: Record<string, unknown> };
    expect(stored.declared.quarterHours).toBeUndefined();
    expect(typeof stored.declared[PACKED_QUARTER_HOURS]).toBe('string');
    expect(stored.declared.declaredBy).toEqual(actor);
    expect(decodeReading(stored)).toEqual(r);
  });

  it('leaves a reading without quarter-hours as it is', () => {
    const { quarterHours: _qh, ...r } = reading();
    expect(encodeReading(r)).toEqual(r);
    expect(decodeReading(encodeReading(r))).toEqual(r);
  });

  it('reads an item stored before packing (a list of 96 numbers), declaration included, unchanged', () => {
    const old = reading({
      source: 'inspector',
      declared: { kwh: 1, quarterHours: qh(() => 2), declaredAt: 'x', declaredBy: actor },
    });
    expect(decodeReading({ ...old })).toEqual(old);
  });
});

describe('quarter-hour packing, any values', () => {
  it('reads back any finite numbers exactly, as many as were written', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })), (values) => {
        // -0 is written as "0" and reads back as 0, as it always did.
        const written = values.map((v) => (Object.is(v, -0) ? 0 : v));
        expect(unpackQuarterHours(packQuarterHours(values))).toEqual(written);
      }),
    );
  });

  it('reads any other string as splitting at commas and converting each part did', () => {
    const part = fc.oneof(fc.double().map(String), fc.constantFrom('', 'NaN', ' 1', '0x10', '01', '.5', '+2', 'x'));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1 }), (parts) => {
        const packed = parts.join(',');
        fc.pre(packed !== ''); // no values at all, above
        expect(unpackQuarterHours(packed)).toEqual(packed.split(',').map(Number));
      }),
    );
  });
});
