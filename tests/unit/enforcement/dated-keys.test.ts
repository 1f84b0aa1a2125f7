// The key layout the enforcement records share: the date leads the sort key, so a window is one key range, and the
// jurisdiction index lists a path and everything below it, never a sibling that shares letters.
import { describe, expect, it } from 'vitest';
import { accidentKeys } from '#lib/accidents/accident-item.ts';
import { inspectionKeys, LAST_INSPECTION_SK } from '#lib/inspections/inspection-item.ts';
import { recordFilter } from '#lib/store/record-filter.ts';
import { violationKeys } from '#lib/violations/violations.ts';

const inRange = ([lo, hi]: readonly [string, string], sk: string) => lo <= sk && sk <= hi;

describe('dated keys', () => {
  it('file a record under its mine, by date then id; the pointer finds it by id alone', () => {
    expect(violationKeys.item('m-1', '2025-03-01', 'vio-1')).toEqual({
      PK: 'MINE#m-1',
      SK: 'VIOLATION#2025-03-01#vio-1',
    });
    expect(violationKeys.pointer('vio-1')).toEqual({ PK: 'VIOLATIONID#vio-1', SK: 'VIOLATION' });
    expect(violationKeys.index('hlj/hegang/dongshan', '2025-03-01', 'vio-1')).toEqual({
      GSI1PK: 'VIOLATIONS#hlj',
      GSI1SK: 'hlj/hegang/dongshan/#2025-03-01#vio-1',
    });
    expect(inspectionKeys.pointer('insp-1')).toEqual({ PK: 'INSPECTIONID#insp-1', SK: 'INSPECTION' });
    expect(accidentKeys.index('jl/x', '2025-01-01', 'acc-1').GSI1PK).toBe('ACCIDENTS#jl');
  });

  it.each([
    ['2025-03-01', '2025-03-31', '2025-03-01', true],
    ['2025-03-01', '2025-03-31', '2025-03-31', true],
    ['2025-03-01', '2025-03-31', '2025-02-28', false],
    ['2025-03-01', '2025-03-31', '2025-04-01', false],
    [undefined, '2025-03-31', '1999-01-01', true],
    ['2025-03-01', undefined, '2099-12-31', true],
    [undefined, undefined, '2025-03-01', true],
  ] as const)('a window %s..%s holds a record of %s: %s', (from, to, date, inside) => {
    expect(inRange(violationKeys.range(from, to), violationKeys.item('m-1', date, 'vio-zzzzzzzzzzzzzzzzzz').SK)).toBe(
      inside,
    );
  });

  it('no window of inspections reaches the last-inspection item, nor another kind of record', () => {
    expect(inRange(inspectionKeys.range(), LAST_INSPECTION_SK)).toBe(false);
    expect(inRange(inspectionKeys.range('0000-01-01', '9999-12-31'), LAST_INSPECTION_SK)).toBe(false);
    expect(inRange(violationKeys.range(), accidentKeys.item('m-1', '2025-01-01', 'acc-1').SK)).toBe(false);
    expect(inRange(violationKeys.range(), 'VIOLATIONS')).toBe(false);
  });
});

describe('record filters', () => {
  it('ignore what is not asked for and name every attribute (date and status are reserved words)', () => {
    expect(recordFilter({ category: undefined })).toBeUndefined();
    expect(recordFilter({ status: 'done' }, { from: '2025-01-01', to: '2025-01-31' })).toEqual({
      expression: '#status = :status AND #date >= :from AND #date <= :to',
      names: { '#status': 'status', '#date': 'date' },
      values: { ':status': 'done', ':from': '2025-01-01', ':to': '2025-01-31' },
    });
  });
});
