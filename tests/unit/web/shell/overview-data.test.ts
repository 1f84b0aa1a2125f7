// The district overview's list of what falls due: the due-date index's items (GET /v1/deadlines), each worded as its
// reminder, shown as a kind of date and what it concerns, with the days left and the page that deals with it.
import { describe, expect, it } from 'vitest';
import { countBy, type DueEntry, deadlinesFromIndex } from '#web/src/pages/overview-data.ts';

const today = '2026-11-30';
const entry = (e: Partial<DueEntry> & Pick<DueEntry, 'date' | 'kind' | 'title'>): DueEntry => ({ ref: 'r-1', ...e });

describe('deadlinesFromIndex', () => {
  it('splits the reminder’s title at the colon into the kind of date and what it concerns', () => {
    const [d] = deadlinesFromIndex(
      [entry({ date: '2026-12-05', kind: 'HAZARD', title: '隐患整改期限：主井提升机制动失灵', mineId: 'm-1' })],
      today,
    );
    expect(d).toMatchObject({ kind: '隐患整改期限', what: '主井提升机制动失灵', dueOn: '2026-12-05', days: 5 });
  });

  it('keeps a title without a colon whole as the kind', () => {
    const [d] = deadlinesFromIndex([entry({ date: today, kind: 'CALENDAR', title: '年度应急演练' })], today);
    expect(d).toMatchObject({ kind: '年度应急演练', what: '', days: 0 });
  });

  it.each([
    ['2026-11-29', -1],
    [today, 0],
    ['2026-12-01', 1],
    ['2027-11-30', 365],
  ])('counts the days from today to %s as %i (past is negative)', (date, days) => {
    expect(
      deadlinesFromIndex([entry({ date, kind: 'LICENCE', title: '证照到期：安全生产许可证' })], today)[0]!.days,
    ).toBe(days);
  });

  it.each([
    [{ entityType: 'case', entityId: 'c 1' }, '#/cases/c%201'],
    [{ entityType: 'hazard', entityId: 'h-1' }, '#/hazards/h-1'],
    [{ entityType: 'blacklistEntry', entityId: 'b-1' }, '#/blacklist/b-1'],
    [{ entityType: 'acceptance', entityId: 'a-1' }, '#/acceptances/a-1'],
    [{ entityType: 'monthlyReport', entityId: '2026-11@hlj/hegang/dongshan' }, '#/reports'],
  ])('links a %o to its page', (record, href) => {
    const [d] = deadlinesFromIndex([entry({ date: today, kind: 'X', title: 't：w', mineId: 'm-1', record })], today);
    expect(d!.href).toBe(href);
  });

  it('links a record with no page of its own to its mine’s file, and one of no mine to nothing', () => {
    const licence = { entityType: 'licence', entityId: 'safety' };
    const [withMine, withoutMine] = deadlinesFromIndex(
      [
        entry({ date: today, kind: 'LICENCE', title: '证照到期：安全生产许可证', mineId: 'm 1', record: licence }),
        entry({ date: today, kind: 'CALENDAR', title: '工作日程：全区安全大检查' }),
      ],
      today,
    );
    expect(withMine!.href).toBe('#/mines/m%201');
    expect(withoutMine!.href).toBeUndefined();
  });

  it('gives each item its own key, the same record on two dates included', () => {
    const keys = deadlinesFromIndex(
      [
        entry({ date: '2026-12-01', kind: 'PENALTY', title: '处罚执行：罚款', mineId: 'm-1' }),
        entry({ date: '2026-12-02', kind: 'PENALTY', title: '处罚执行：罚款', mineId: 'm-1' }),
        entry({ date: '2026-12-01', kind: 'PENALTY', title: '处罚执行：罚款', mineId: 'm-2' }),
      ],
      today,
    ).map((d) => d.key);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('countBy', () => {
  it('counts by a key', () => {
    expect([...countBy(['producing', 'suspended', 'producing'], (s) => s)]).toEqual([
      ['producing', 2],
      ['suspended', 1],
    ]);
  });
});
