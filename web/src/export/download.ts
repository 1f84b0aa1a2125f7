import type { Cell } from './xlsx.ts';

export type { Cell };

import { todayShanghai } from '../format.ts';

/**
 * 导出Excel: the rows a page shows, as an .xlsx file the browser downloads. The writer and the zip library are
 * fetched on the first export only.
 */
export interface ExportColumn<T> {
  readonly label: string;
  readonly value: (row: T) => Cell;
}

/** Saves bytes as a file through a temporary link (no server round trip). */
export function downloadBytes(bytes: Uint8Array, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `title-20261130.xlsx`, with characters file systems refuse replaced. */
export const exportFileName = (title: string, today = todayShanghai()): string =>
  `${title.replace(/[\\/:*?"<>|]/g, '_')}-${today.replaceAll('-', '')}.xlsx`;

export async function exportXlsx<T>(
  title: string,
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
): Promise<void> {
  const { xlsxBytes, XLSX_MIME } = await import('./xlsx.ts');
  const bytes = xlsxBytes({
    name: title,
    header: columns.map((c) => c.label),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
  });
  downloadBytes(bytes, exportFileName(title), XLSX_MIME);
}

/** A business date (YYYY-MM-DD) as a date cell; anything else as it is. */
export const dateCell = (value: string | null | undefined): Cell =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : (value ?? null);
