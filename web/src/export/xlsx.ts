import { strToU8, zipSync } from 'fflate';

/**
 * A minimal Office Open XML workbook (.xlsx) with one sheet: a bold, frozen header row with a filter, then rows of
 * text, numbers, true/false and dates, and column widths fitted to the content. Text is written as inline strings,
 * so a cell's text sits in the sheet itself; numbers stay numbers so Excel can sum them; dates are date serials
 * with a date format. Loaded only when someone exports, so it is not in the first page's script.
 */
export type Cell = string | number | boolean | Date | null | undefined;

export interface Sheet {
  /** The sheet's tab name (Excel allows 31 characters and no `[]:*?/\`). */
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Column widths in characters; fitted to the content when omitted. */
  readonly widths?: readonly number[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes of styles.xml's cellXfs. */
const STYLE = { plain: 0, date: 1, dateTime: 2, header: 3 } as const;

/** XML text: the five escapes, and the control characters XML 1.0 cannot carry dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to find
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
  );
}

/** The column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Excel's serial day number (1900 date system) of a date, UTC fields, with the time as the fraction. */
export function excelSerial(date: Date): number {
  return (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A sheet name Excel accepts. */
export function sheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  return (clean || 'Sheet1').slice(0, 31);
}

/** Display width of text in Excel's character units: CJK and full-width characters take two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ||
      ch.codePointAt(0)! > 0xffff
        ? 2
        : 1;
  return w;
}

function cellText(value: Cell): string {
  if (value instanceof Date) return hasTime(value) ? '0000-00-00 00:00' : '0000-00-00';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value === null || value === undefined ? '' : String(value);
}

const hasTime = (d: Date): boolean => d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;

function cellXml(ref: string, value: Cell, header: boolean): string {
  const s = header ? ` s="${STYLE.header}"` : '';
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `<c r="${ref}" s="${hasTime(value) ? STYLE.dateTime : STYLE.date}"><v>${excelSerial(value)}</v></c>`;
  }
  const text = escapeXml(value);
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

function rowXml(index: number, cells: readonly Cell[], header = false): string {
  const r = index + 1;
  return `<row r="${r}">${cells.map((v, c) => cellXml(`${columnName(c)}${r}`, v, header)).join('')}</row>`;
}

/** Column widths: the widest of header and cells, between 6 and 60 characters. */
export function fitWidths(sheet: Pick<Sheet, 'header' | 'rows'>): number[] {
  let count = sheet.header.length;
  for (const r of sheet.rows) count = Math.max(count, r.length);
  return Array.from({ length: count }, (_, c) => {
    let widest = textWidth(sheet.header[c] ?? '');
    for (const r of sheet.rows) widest = Math.max(widest, textWidth(cellText(r[c])));
    return Math.min(60, Math.max(6, widest + 2));
  });
}

function worksheetXml(sheet: Sheet): string {
  const widths = sheet.widths ?? fitWidths(sheet);
  const lastCol = columnName(Math.max(0, widths.length - 1));
  const lastRow = sheet.rows.length + 1;
  const cols = widths.length
    ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const rows = [rowXml(0, sheet.header, true), ...sheet.rows.map((r, i) => rowXml(i + 1, r))].join('');
  const frozen =
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  const filter = sheet.header.length ? `<autoFilter ref="A1:${lastCol}${lastRow}"/>` : '';
  return `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${lastCol}${lastRow}"/>${frozen}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows}</sheetData>${filter}</worksheet>`;
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The workbook's parts by path inside the zip, as text. */
export function xlsxParts(sheet: Sheet): Record<string, string> {
  const name = escapeXml(sheetName(sheet.name));
  const lastCol = columnName(Math.max(0, (sheet.widths ?? fitWidths(sheet)).length - 1));
  const filterName = sheet.header.length
    ? `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${name.replace(/&apos;/g, "''")}'!$A$1:$${lastCol}$${sheet.rows.length + 1}</definedName></definedNames>`
    : '';
  return {
    '[Content_Types].xml':
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
    '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>${filterName}</workbook>`,
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      '</Relationships>',
    'xl/styles.xml': STYLES_XML,
    'xl/worksheets/sheet1.xml': worksheetXml(sheet),
  };
}

/** The .xlsx file's bytes. */
export function xlsxBytes(sheet: Sheet): Uint8Array {
  const parts = xlsxParts(sheet);
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(xml)])), { level: 6 });
}
