/**
 * Sorting of table rows by a column: numbers by value, text in Chinese collation with digits by value (十一矿
 * after 二矿 where the names carry numbers), empty cells last whichever the direction.
 */
export type SortValue = string | number | boolean | null | undefined;
export type SortDir = 'asc' | 'desc';
export interface SortState {
  readonly key: string;
  readonly dir: SortDir;
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
const isEmpty = (v: SortValue): v is null | undefined | '' =>
  v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** Ascending order of two cell values; empty cells compare as greater than anything. */
export function compareValues(a: SortValue, b: SortValue): number {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) === isEmpty(b) ? 0 : isEmpty(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** The rows sorted by `value` (a new array; equal rows keep their order). Empty values stay last in both directions. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((x, y) => {
      const ex = isEmpty(x.v);
      const ey = isEmpty(y.v);
      if (ex || ey) return ex === ey ? x.index - y.index : ex ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.index - y.index;
    })
    .map((e) => e.row);
}

/** The next sort state after a click on a column header: a new column sorts ascending, the same one flips. */
export const nextSort = (current: SortState | undefined, key: string): SortState =>
  current?.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
