// 本矿填报's month of readings by CSV: the file read line by line, and the API's refusals back as the file's lines.
import { describe, expect, it } from 'vitest';
import { parseReadingsCsv, rejectedLines } from '#web/src/pages/mine-work/csv.ts';

describe('parseReadingsCsv', () => {
  it.each([
    [
      'the three columns',
      'meterId,date,kwh\nmain,2026-11-01,7001',
      [{ line: 2, reading: { meterId: 'main', date: '2026-11-01', kwh: 7001 } }],
    ],
    [
      'a reason column, columns in any order, spaces and a BOM',
      '\uFEFFdate, kwh ,meterId,reason\r\n2026-11-02 , 0 ,main, 补报\r\n',
      [{ line: 2, reading: { meterId: 'main', date: '2026-11-02', kwh: 0, reason: '补报' } }],
    ],
    [
      'a value that is no number is sent as it is, for the API to name',
      'meterId,date,kwh\nmain,2026-11-01,abc',
      [{ line: 2, reading: { meterId: 'main', date: '2026-11-01', kwh: 'abc' } }],
    ],
    [
      'blank lines skipped, line numbers kept',
      'meterId,date,kwh\n\nmain,2026-11-03,5\n',
      [{ line: 3, reading: { meterId: 'main', date: '2026-11-03', kwh: 5 } }],
    ],
    [
      'an empty reason left out',
      'meterId,date,kwh,reason\nmain,2026-11-01,1,',
      [{ line: 2, reading: { meterId: 'main', date: '2026-11-01', kwh: 1 } }],
    ],
  ])('reads %s', (_, text, rows) => {
    expect(parseReadingsCsv(text)).toEqual({ rows, problems: [] });
  });

  it.each([
    ['no header', 'main,2026-11-01,7001', 1, /缺少 meterId、date、kwh/],
    ['a header without kwh', 'meterId,date\nmain,2026-11-01', 1, /缺少 kwh/],
  ])('refuses %s', (_, text, line, message) => {
    const parsed = parseReadingsCsv(text);
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([{ line, message: expect.stringMatching(message) }]);
  });

  it.each([
    ['one column short', 'main,2026-11-01', '应有 3 列，实有 2 列'],
    ['one column over', 'main,2026-11-01,1,2', '应有 3 列，实有 4 列'],
  ])('reports a line with %s by its number and reads the others', (_, bad, message) => {
    const parsed = parseReadingsCsv(`meterId,date,kwh\nmain,2026-11-01,1\n${bad}\nmain,2026-11-03,3`);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(parsed.problems).toEqual([{ line: 3, message }]);
  });
});

describe('rejectedLines', () => {
  const rows = parseReadingsCsv('meterId,date,kwh\n\nmain,2026-11-01,1\nmain,2026-11-02,-5\nmain,2026-11-03,x').rows;

  it('names the file line of each reading the API refused, in line order, with the field', () => {
    expect(
      rejectedLines(rows, [
        { field: 'body.readings.2.kwh', message: '须为数字' },
        { field: 'body.readings.1.kwh', message: '不能小于 0' },
      ]),
    ).toEqual([
      { line: 4, message: '电量：不能小于 0' },
      { line: 5, message: '电量：须为数字' },
    ]);
  });

  it.each([
    ['a reading as a whole', 'body.readings.0', '未登记', { line: 3, message: '未登记' }],
    ['a field the page has no word for', 'body.readings.0.circuits', '超过', { line: 3, message: 'circuits：超过' }],
    ['without the body prefix', 'readings.0.meterId', '未登记', { line: 3, message: '电表：未登记' }],
  ])('reads %s', (_, field, message, expected) => {
    expect(rejectedLines(rows, [{ field, message }])).toEqual([expected]);
  });

  it.each([
    ['the list itself', 'body.readings'],
    ['an index past the rows sent', 'body.readings.3.kwh'],
    ['another field', 'body.note'],
  ])('leaves %s to the error box', (_, field) => {
    expect(rejectedLines(rows, [{ field, message: 'x' }])).toEqual([]);
  });
});
