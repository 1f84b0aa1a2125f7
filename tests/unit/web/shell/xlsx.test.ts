// The Excel export's writer: a real .xlsx (a zip of Office Open XML parts) that Excel and WPS open, with Chinese
// text escaped, numbers kept as numbers and dates as dates.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  columnName,
  escapeXml,
  excelSerial,
  fitWidths,
  type Sheet,
  sheetName,
  textWidth,
  xlsxBytes,
} from '#web/src/export/xlsx.ts';

const sample: Sheet = {
  name: '用电审查日报-2026-11-29',
  header: ['煤矿', '日用电量(kWh)', '审查日期', '已核实', '说明'],
  rows: [
    ['泰源煤矿', 66145.07, new Date('2026-11-29T00:00:00Z'), true, '超过 50,000 kWh <上限> & "疑似"超能力'],
    ['东山演示十一矿', 0, null, false, '停产期间夜间（22:00–06:00）用电占比 62.6%'],
    ['蔬园一煤矿', null, undefined, undefined, ''],
  ],
};

function unpack(sheet: Sheet): Record<string, string> {
  const files = unzipSync(xlsxBytes(sheet));
  return Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, strFromU8(bytes)]));
}

describe('xlsxBytes', () => {
  const parts = unpack(sample);
  const sheetXml = parts['xl/worksheets/sheet1.xml']!;

  it('is a zip with the parts of a one-sheet workbook', () => {
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const xml of Object.values(parts))
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
  });

  it('declares the content type of every part', () => {
    const ct = parts['[Content_Types].xml']!;
    expect(ct).toContain(
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    );
    expect(ct).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    );
    expect(ct).toContain(
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(ct).toContain(
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
    );
  });

  it('links package → workbook → sheet and styles', () => {
    expect(parts['_rels/.rels']).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"',
    );
    expect(parts['xl/workbook.xml']).toContain('<sheet name="用电审查日报-2026-11-29" sheetId="1" r:id="rId1"/>');
    expect(parts['xl/_rels/workbook.xml.rels']).toContain(
      'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"',
    );
    expect(parts['xl/_rels/workbook.xml.rels']).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"',
    );
  });

  it('writes the header in bold (style 3) with a frozen first row and a filter', () => {
    expect(sheetXml).toContain('<c r="A1" s="3" t="inlineStr"><is><t>煤矿</t></is></c>');
    expect(sheetXml).toContain('<c r="B1" s="3" t="inlineStr"><is><t>日用电量(kWh)</t></is></c>');
    expect(sheetXml).toContain('state="frozen"');
    expect(sheetXml).toContain('<autoFilter ref="A1:E4"/>');
    expect(sheetXml).toContain('<dimension ref="A1:E4"/>');
    expect(parts['xl/styles.xml']).toContain('<font><b/>');
  });

  it('keeps Chinese text as it is and escapes the XML characters', () => {
    expect(sheetXml).toContain('<c r="A2" t="inlineStr"><is><t>泰源煤矿</t></is></c>');
    expect(sheetXml).toContain('<t>超过 50,000 kWh &lt;上限&gt; &amp; &quot;疑似&quot;超能力</t>');
    expect(sheetXml).toContain('<t>停产期间夜间（22:00–06:00）用电占比 62.6%</t>');
    expect(sheetXml).not.toMatch(/<上限>/);
  });

  it('writes numbers as numbers, zero included, and true/false as booleans', () => {
    expect(sheetXml).toContain('<c r="B2"><v>66145.07</v></c>');
    expect(sheetXml).toContain('<c r="B3"><v>0</v></c>');
    expect(sheetXml).not.toMatch(/<c r="B2"[^>]*t="inlineStr"/);
    expect(sheetXml).toContain('<c r="D2" t="b"><v>1</v></c>');
    expect(sheetXml).toContain('<c r="D3" t="b"><v>0</v></c>');
  });

  it('writes a date as its serial day with the date format', () => {
    expect(sheetXml).toContain(`<c r="C2" s="1"><v>${excelSerial(new Date('2026-11-29T00:00:00Z'))}</v></c>`);
    expect(parts['xl/styles.xml']).toContain(
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    );
    expect(parts['xl/styles.xml']).toContain('formatCode="yyyy\\-mm\\-dd"');
  });

  it('leaves empty cells out', () => {
    expect(sheetXml).toContain('<row r="4"><c r="A4" t="inlineStr"><is><t>蔬园一煤矿</t></is></c></row>');
    expect(sheetXml).not.toContain('r="C3"');
  });

  it('sets a width per column', () => {
    expect(sheetXml).toMatch(/<cols>(<col min="(\d)" max="\2" width="\d+" customWidth="1"\/>){5}<\/cols>/);
  });

  it('holds many rows', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`煤矿${i}`, i]);
    const xml = unpack({ name: 'big', header: ['名称', '序号'], rows })['xl/worksheets/sheet1.xml']!;
    expect(xml).toContain('<c r="B5001"><v>4999</v></c>');
  });
});

describe('pieces', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (i, name) => expect(columnName(i)).toBe(name));

  it('counts dates from 1899-12-30, time as the fraction', () => {
    expect(excelSerial(new Date('1900-03-01T00:00:00Z'))).toBe(61);
    expect(excelSerial(new Date('2026-11-29T00:00:00Z'))).toBe(46355);
    expect(excelSerial(new Date('2026-11-29T12:00:00Z'))).toBe(46355.5);
  });

  it('drops the control characters XML cannot hold and keeps tabs and newlines', () => {
    expect(escapeXml('a\u0001b\u0008c\td\ne')).toBe('abc\td\ne');
    expect(escapeXml("<'&'>")).toBe('&lt;&apos;&amp;&apos;&gt;');
  });

  it('makes a sheet name Excel accepts', () => {
    expect(sheetName('用电/审查[日报]:2026?*')).toBe('用电 审查 日报  2026');
    expect(sheetName('')).toBe('Sheet1');
    expect(sheetName('一'.repeat(40))).toHaveLength(31);
  });

  it('counts Chinese characters double wide when fitting columns', () => {
    expect(textWidth('泰源煤矿')).toBe(8);
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('（22:00）')).toBe(9);
    expect(fitWidths({ header: ['煤矿', 'kWh'], rows: [['东山演示十一矿', 1.5]] })).toEqual([16, 6]);
  });
});
