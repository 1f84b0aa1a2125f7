import {
  CSV_COLUMNS,
  checkFeedRow,
  type FeedDayRow,
  type FeedImportKind,
  type FeedImportRow,
  groupFeedRows,
} from '#lib/monitoring/import-rows.ts';
import { isBusinessDate, isFutureBusinessDate } from '#lib/validators/business-date.ts';
import { checkCreditCode } from '#lib/validators/credit-code.ts';
import { sum, withinOnePercent } from '../schemas.ts';

/**
 * The grid company's daily file, CSV or JSON, read row by row. A bad row never stops the file: it is reported with
 * its row number, the field and why, and every good row goes on to be stored.
 */
export interface ImportRow {
  /** 1-based: the CSV line (header is line 1) or the position in the JSON array. */
  readonly row: number;
  readonly creditCode?: string;
  readonly meterId?: string;
  readonly date: string;
  readonly kwh: number;
  readonly quarterHours?: number[];
}

export interface RowRejection {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export const MAX_IMPORT_ROWS = 100_000;
const METER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks one row's fields; `now` decides what is a future date. */
export function checkRow(row: number, raw: Record<string, unknown>, now: Date): ImportRow | RowRejection {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  const creditCode = text(raw.creditCode).toUpperCase();
  const meterId = text(raw.meterId);
  if (!creditCode && !meterId) return { row, field: 'creditCode', reason: '须有统一社会信用代码或电表号' };
  if (creditCode && !checkCreditCode(creditCode).wellFormed)
    return { row, field: 'creditCode', reason: `统一社会信用代码格式不正确：${creditCode}` };
  if (meterId && !METER.test(meterId)) return { row, field: 'meterId', reason: `电表号格式不正确：${meterId}` };
  const date = text(raw.date);
  if (!isBusinessDate(date))
    return { row, field: 'date', reason: `日期须为真实日历日 YYYY-MM-DD：${date || '（空）'}` };
  if (isFutureBusinessDate(date, now)) return { row, field: 'date', reason: `日期 ${date} 尚未到来` };
  const kwhText = text(raw.kwh);
  const kwh = typeof raw.kwh === 'number' ? raw.kwh : kwhText === '' ? Number.NaN : Number(kwhText);
  if (!Number.isFinite(kwh)) return { row, field: 'kwh', reason: `电量不是数字：${kwhText || '（空）'}` };
  if (kwh < 0) return { row, field: 'kwh', reason: `电量不能为负：${kwh}` };
  let quarterHours: number[] | undefined;
  const qh = raw.quarterHours;
  if (qh !== undefined && qh !== null && qh !== '') {
    const values = Array.isArray(qh)
      ? qh.map(Number)
      : String(qh)
          .split(';')
          .map((v) => Number(v.trim()));
    if (values.length !== 96)
      return { row, field: 'quarterHours', reason: `刻度值须为 96 个，实为 ${values.length} 个` };
    if (values.some((v) => !Number.isFinite(v) || v < 0))
      return { row, field: 'quarterHours', reason: '刻度值须为非负数' };
    if (!withinOnePercent(sum(values), kwh))
      return { row, field: 'quarterHours', reason: `刻度值之和 ${sum(values).toFixed(2)} 与日电量 ${kwh} 相差超过 1%` };
    quarterHours = values;
  }
  return {
    row,
    ...(creditCode ? { creditCode } : {}),
    ...(meterId ? { meterId } : {}),
    date,
    kwh,
    ...(quarterHours ? { quarterHours } : {}),
  };
}

/** Splits CSV text into records; fields may be double-quoted (with "" for a quote), as spreadsheets write them. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export interface ParsedFile {
  readonly rows: ImportRow[];
  readonly rejected: RowRejection[];
  readonly total: number;
}

/** The CSV header names the columns: creditCode and/or meterId, date, kwh, optionally quarterHours (96 values separated by `;`). */
export function parseCsvFile(text: string, now: Date): ParsedFile | { error: string } {
  const records = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f.trim() !== ''));
  const header = records.shift()?.map((h) => h.trim());
  if (
    !header?.includes('date') ||
    !header.includes('kwh') ||
    !(header.includes('creditCode') || header.includes('meterId'))
  ) {
    return { error: 'CSV 首行须为列名，含 date、kwh，以及 creditCode 或 meterId（可选 quarterHours）' };
  }
  return collect(
    records.map((r, i) => [i + 2, Object.fromEntries(header.map((h, j) => [h, r[j]]))] as const),
    now,
  );
}

export function parseJsonRows(rows: readonly unknown[], now: Date): ParsedFile {
  return collect(
    rows.map((r, i) => [i + 1, (r && typeof r === 'object' ? r : {}) as Record<string, unknown>] as const),
    now,
  );
}

type Entries = readonly (readonly [number, Record<string, unknown>])[];

/** Every row checked by `check`: the good ones, and each bad one with its number, field and reason. */
function checkAll<T>(entries: Entries, check: (row: number, raw: Record<string, unknown>) => T | RowRejection) {
  const rows: T[] = [];
  const rejected: RowRejection[] = [];
  for (const [row, raw] of entries) {
    const checked = check(row, raw);
    if (checked && typeof checked === 'object' && 'reason' in checked) rejected.push(checked);
    else rows.push(checked as T);
  }
  return { rows, rejected };
}

function collect(entries: Entries, now: Date): ParsedFile {
  return { ...checkAll<ImportRow>(entries, (row, raw) => checkRow(row, raw, now)), total: entries.length };
}

/** A CSV file's data lines as records keyed by the header's names; line numbers count the header as line 1. */
function csvEntries(text: string): { header: string[]; entries: Entries } {
  const records = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f.trim() !== ''));
  const header = records.shift()?.map((h) => h.trim()) ?? [];
  return {
    header,
    entries: records.map((r, i) => [i + 2, Object.fromEntries(header.map((h, j) => [h, r[j]]))] as const),
  };
}

const jsonEntries = (rows: readonly unknown[]): Entries =>
  rows.map((r, i) => [i + 1, (r && typeof r === 'object' ? r : {}) as Record<string, unknown>] as const);

/**
 * A monitoring feed's file (the networked supervision platform's, lib/monitoring/import-rows.ts): its rows checked
 * like the power file's, then grouped into one feed per mine and day.
 */
export interface ParsedFeedFile {
  readonly days: FeedDayRow[];
  readonly rejected: RowRejection[];
  readonly total: number;
}

function collectFeed(kind: FeedImportKind, entries: Entries, now: Date): ParsedFeedFile {
  const checked = checkAll<FeedImportRow>(entries, (row, raw) => checkFeedRow(kind, row, raw, now));
  const grouped = groupFeedRows(kind, checked.rows);
  return {
    days: grouped.days,
    rejected: [...checked.rejected, ...grouped.rejected].sort((a, b) => a.row - b.row),
    total: entries.length,
  };
}

export function parseFeedCsvFile(kind: FeedImportKind, text: string, now: Date): ParsedFeedFile | { error: string } {
  const { header, entries } = csvEntries(text);
  const missing = CSV_COLUMNS[kind].filter((c) => !header.includes(c));
  if (missing.length)
    return { error: `CSV 首行须为列名，含 ${CSV_COLUMNS[kind].join('、')}；缺 ${missing.join('、')}` };
  return collectFeed(kind, entries, now);
}

export const parseFeedJsonRows = (kind: FeedImportKind, rows: readonly unknown[], now: Date): ParsedFeedFile =>
  collectFeed(kind, jsonEntries(rows), now);
