import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Cell, ExportColumn } from '../export/download.ts';
import { nextSort, type SortState, type SortValue, sortRows } from '../sort.ts';

/**
 * A dense table whose columns sort on a click of their header (again to reverse). A column shows `render(row)`
 * when given, else its `value(row)`; it sorts and exports by `value` (export by `exportValue` when that differs).
 */
export interface Column<T> {
  readonly key: string;
  readonly label: string;
  readonly value?: (row: T) => SortValue;
  readonly render?: (row: T) => ComponentChildren;
  readonly exportValue?: (row: T) => Cell;
  readonly align?: 'left' | 'right' | 'center';
  /** false: the header does not sort (action buttons, long text). */
  readonly sortable?: boolean;
  /** false: left out of the Excel export. */
  readonly exported?: boolean;
  readonly width?: string;
  /** true: long text that wraps (descriptions, messages); other cells stay on one line. */
  readonly wrap?: boolean;
}

/** Table props: the rows, how to key them, and optionally a controlled sort (so an export can follow it). */
export interface TableProps<T> {
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** `data-testid` of each row, e.g. `review-row-<mineId>`. */
  readonly rowTestId?: (row: T) => string;
  readonly rowClass?: (row: T) => string | undefined;
  readonly sort?: SortState | undefined;
  readonly onSort?: (sort: SortState) => void;
  readonly initialSort?: SortState;
  readonly empty?: string;
  readonly testid?: string;
  /**
   * On a phone, each row as a card of label–value lines instead of a table to scroll sideways (for tables whose
   * columns do not fit 390 px: the daily review's verdicts and witnesses). Sorting is by the page's order there.
   */
  readonly phoneCards?: boolean;
}

/** Rows in the order a sort state gives (unsorted when there is none or the column is unknown). */
export function sortedRows<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  sort: SortState | undefined,
): readonly T[] {
  const col = sort && columns.find((c) => c.key === sort.key);
  return col?.value && sort ? sortRows(rows, col.value, sort.dir) : rows;
}

/** The columns an Excel export writes: every column with a value, unless marked `exported: false`. */
export function exportColumns<T>(columns: readonly Column<T>[]): ExportColumn<T>[] {
  return columns
    .filter((c) => c.exported !== false && (c.exportValue || c.value))
    .map((c) => ({ label: c.label, value: c.exportValue ?? ((row: T) => (c.value!(row) ?? null) as Cell) }));
}

export function Table<T>(props: TableProps<T>) {
  const [own, setOwn] = useState<SortState | undefined>(props.initialSort);
  const sort = props.onSort ? props.sort : own;
  const setSort = props.onSort ?? setOwn;
  const rows = useMemo(() => sortedRows(props.columns, props.rows, sort), [props.columns, props.rows, sort]);
  return (
    <div class="table-wrap">
      <table class={`table${props.phoneCards ? ' phone-cards' : ''}`} data-testid={props.testid}>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const sortable = c.sortable !== false && !!c.value;
              const dir = sort?.key === c.key ? sort.dir : undefined;
              return (
                <th
                  key={c.key}
                  class={`${sortable ? 'sortable' : ''} align-${c.align ?? 'left'}`}
                  style={c.width ? { width: c.width } : undefined}
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                  data-testid={`col-${c.key}`}
                  onClick={sortable ? () => setSort(nextSort(sort, c.key)) : undefined}
                >
                  {c.label}
                  {sortable ? <span class="sort-mark">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}</span> : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td class="empty" colSpan={props.columns.length}>
                {props.empty ?? '暂无记录'}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={props.rowKey(row)} data-testid={props.rowTestId?.(row)} class={props.rowClass?.(row)}>
                {props.columns.map((c) => {
                  const value = c.value?.(row);
                  // A cell whose value is empty (a normal mine's rules, findings and cases): a phone card leaves the
                  // line out rather than show a label with nothing beside it, even where render draws an empty list.
                  const blank = c.value !== undefined && (value === null || value === undefined || value === '');
                  return (
                    <td
                      key={c.key}
                      class={`align-${c.align ?? 'left'}${c.wrap ? ' wrap' : ''}${blank ? ' blank' : ''}`}
                      data-label={c.label}
                    >
                      {c.render ? c.render(row) : String(value ?? '')}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
