// 台账审批: what a register change request changes, before → after, field by field.
import { describe, expect, it } from 'vitest';
import { changeRows, fieldText, NONE } from '#web/src/pages/admin/request-diff.ts';

const pump = { name: '主排水泵', ratedKw: 250, circuit: 'drainage', mustRunWhenStopped: true };

describe('fieldText', () => {
  it.each([
    ['circuit', 'drainage', '排水'],
    ['circuit', 'unknown', 'unknown'],
    ['mustRunWhenStopped', true, '是'],
    ['mustRunWhenStopped', false, '否'],
    ['ratedKw', 0.5, '0.5 kW'],
    ['name', '', NONE],
    ['name', undefined, NONE],
    ['name', null, NONE],
    ['multiplier', 1, '1'],
  ])('%s %s → %s', (field, value, text) => {
    expect(fieldText(field, value)).toBe(text);
  });
});

describe('changeRows', () => {
  it('a new record: every field it sets, nothing before', () => {
    const rows = changeRows('equipment', 'put', undefined, pump);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['名称', NONE, '主排水泵'],
      ['额定功率', NONE, '250 kW'],
      ['回路', NONE, '排水'],
      ['停产时须运行', NONE, '是'],
    ]);
    expect(rows.every((r) => r.changed)).toBe(true);
  });

  it('a change: the changed field marked, the unchanged kept for context', () => {
    const rows = changeRows('equipment', 'put', pump, { ...pump, ratedKw: 251 });
    expect(rows.filter((r) => r.changed).map((r) => [r.field, r.before, r.after])).toEqual([
      ['ratedKw', '250 kW', '251 kW'],
    ]);
    expect(rows.find((r) => r.field === 'name')).toMatchObject({ changed: false, before: '主排水泵' });
  });

  it('a field cleared shows its old value going to none', () => {
    const rows = changeRows(
      'meter',
      'put',
      { name: '1号表', serialNo: 'S1', multiplier: 1 },
      { name: '1号表', multiplier: 1 },
    );
    expect(rows.find((r) => r.field === 'serialNo')).toMatchObject({ before: 'S1', after: NONE, changed: true });
  });

  it('a removal: every field goes to none, whatever the request carries', () => {
    const rows = changeRows('meter', 'remove', { name: '1号表', multiplier: 40 }, { name: 'x' });
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['name', '1号表', NONE],
      ['multiplier', '40', NONE],
    ]);
  });

  it('fields of the other kind are not listed', () => {
    expect(changeRows('meter', 'put', undefined, pump).map((r) => r.field)).toEqual(['name', 'circuit']);
  });
});
