import { useState } from 'preact/hooks';
import { exportXlsx } from '../export/download.ts';
import type { SortState } from '../sort.ts';
import { type Column, exportColumns, sortedRows } from './table.tsx';

/**
 * A table's sort kept by the page, so 导出Excel writes the rows in the order on screen:
 * `const t = useExport('煤矿列表', columns, rows)` then `<Table {...t.table} …/>` and `<PageHeader onExport={t.onExport}/>`.
 */
export function useExport<T>(
  title: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  initialSort?: SortState,
) {
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  return {
    table: { sort, onSort: setSort },
    onExport: () => exportXlsx(title, exportColumns(columns), sortedRows(columns, rows, sort)),
  };
}
