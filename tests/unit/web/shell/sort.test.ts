// Sorting table rows on a header click: numbers by value, Chinese text in collation order with numbers inside
// names by value, empty cells always last, equal rows in their original order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues, nextSort, sortRows } from '#web/src/sort.ts';

describe('compareValues', () => {
  it('orders numbers by value, not as text', () => {
    expect([10, 9, 100, -1].sort(compareValues)).toEqual([-1, 9, 10, 100]);
  });
  it('orders text with digits by their value', () => {
    expect(['m-demo10', 'm-demo9', 'm-demo11'].sort(compareValues)).toEqual(['m-demo9', 'm-demo10', 'm-demo11']);
  });
  it('orders ISO dates as dates', () => {
    expect(['2026-12-02', '2026-01-15', '2025-12-31'].sort(compareValues)).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-12-02',
    ]);
  });
  it('puts empty values after everything', () => {
    expect(compareValues(null, 1)).toBeGreaterThan(0);
    expect(compareValues('', '甲')).toBeGreaterThan(0);
    expect(compareValues(undefined, null)).toBe(0);
  });
});

describe('sortRows', () => {
  const rows = [
    { name: '泰源煤矿', kwh: 1200 },
    { name: '东山演示十一矿', kwh: null },
    { name: '蔬园一煤矿', kwh: 300 },
    { name: '东山演示三矿', kwh: 300 },
  ];
  it('sorts ascending and descending, empties last both ways, ties in original order', () => {
    expect(sortRows(rows, (r) => r.kwh, 'asc').map((r) => r.name)).toEqual([
      '蔬园一煤矿',
      '东山演示三矿',
      '泰源煤矿',
      '东山演示十一矿',
    ]);
    expect(sortRows(rows, (r) => r.kwh, 'desc').map((r) => r.name)).toEqual([
      '泰源煤矿',
      '蔬园一煤矿',
      '东山演示三矿',
      '东山演示十一矿',
    ]);
  });
  it('leaves its input alone', () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, (r) => r.name, 'asc');
    expect(rows.map((r) => r.name)).toEqual(before);
  });
  it('returns the same rows, ordered, with empties at the end (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.constant(null))),
        fc.constantFrom('asc' as const, 'desc' as const),
        (values, dir) => {
          const sorted = sortRows(values, (v) => v, dir);
          expect([...sorted].sort()).toEqual([...values].sort());
          const filled = sorted.filter((v) => v !== null) as number[];
          expect(sorted.slice(filled.length).every((v) => v === null)).toBe(true);
          for (let i = 1; i < filled.length; i++)
            expect(dir === 'asc' ? filled[i - 1]! <= filled[i]! : filled[i - 1]! >= filled[i]!).toBe(true);
        },
      ),
    );
  });
});

describe('nextSort', () => {
  it('sorts a new column ascending and flips the same one', () => {
    expect(nextSort(undefined, 'kwh')).toEqual({ key: 'kwh', dir: 'asc' });
    expect(nextSort({ key: 'kwh', dir: 'asc' }, 'kwh')).toEqual({ key: 'kwh', dir: 'desc' });
    expect(nextSort({ key: 'kwh', dir: 'desc' }, 'kwh')).toEqual({ key: 'kwh', dir: 'asc' });
    expect(nextSort({ key: 'kwh', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});
