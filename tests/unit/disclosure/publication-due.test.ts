// A decision in force awaiting publication is on the due-date index by its last working day: the morning scan
// reminds the bureau's leaders 3 and 1 days before, on the day and each day late, never the mine.
import { describe, expect, it } from 'vitest';
import { awaitingPublicationItem } from '#lib/disclosure/disclosure-item.ts';
import type { ReminderContext } from '#lib/notifications/dated-kind.ts';
import { publicationDue } from '#lib/penalties/dated-kinds.ts';
import { PUBLICATION_DUE_KIND } from '#lib/penalties/penalty-keys.ts';
import { DEFAULT_REMINDER_RULES, datedKindOf } from '#lib/reminders/dated-kinds.ts';
import { reminderStage } from '#lib/reminders/schedule.ts';

const rule = DEFAULT_REMINDER_RULES.disclosure_publication;
const DUE = '2026-12-10';
const item = awaitingPublicationItem({
  penaltyId: 'pen-1',
  mineId: 'm-demo11',
  mineName: '东山演示十一矿',
  jurisdiction: 'hlj/hegang/dongshan',
  kind: 'fine',
  decisionNo: '东应急罚〔2026〕9号',
  effectiveOn: '2026-12-01',
  dueBy: DUE,
});
const leaders = [{ type: 'leaders', jurisdiction: 'hlj/hegang/dongshan' }] as const;
const at = (today: string) =>
  publicationDue.reminder(item, {
    rule: 'disclosure_publication',
    name: '东山演示十一矿',
    mineId: 'm-demo11',
    mineStatus: 'producing',
    due: DUE,
    stage: reminderStage(rule, DUE, today)!,
    theMine: [{ type: 'mine', mineId: 'm-demo11' }],
    official: [{ type: 'user', userId: 'dev-official', name: '包保人' }],
    leaders,
    escalation: [],
  } as ReminderContext<'disclosure_publication'>)!;

describe('a decision awaiting publication on the due-date index', () => {
  it('is in the registry under its index kind, keyed by its district, due day, mine and penalty', () => {
    expect(datedKindOf(PUBLICATION_DUE_KIND)).toBe(publicationDue);
    expect(item.GSI2PK).toBe('DUE#hlj/hegang/dongshan');
    expect(item.GSI2SK).toBe(`${DUE}#PUBLICATIONDUE#m-demo11#pen-1`);
    expect({ PK: item.PK, SK: item.SK }).toEqual({ PK: 'MINE#m-demo11', SK: 'PUBLICATIONDUE#pen-1' });
  });

  it.each([
    ['2026-12-06', null],
    ['2026-12-07', 'T-3'],
    ['2026-12-08', null],
    ['2026-12-09', 'T-1'],
    ['2026-12-10', 'T0'],
    ['2026-12-11', 'overdue-1'],
    ['2026-12-14', 'overdue-4'],
  ])('on %s: %s', (today, stage) => {
    expect(reminderStage(rule, DUE, today)?.stage ?? null).toBe(stage);
  });

  it('tells the leaders before the day, never the mine', () => {
    const text = at('2026-12-09');
    expect(text.recipients).toEqual([...leaders]);
    expect(text.title).toBe('执法公示期限：东山演示十一矿');
    expect(text.body).toContain('还有 1 天（2026-12-10）');
    expect(text.body).toContain('东应急罚〔2026〕9号');
    expect(text.ref).toEqual({ entityType: 'penalty', entityId: 'pen-1' });
  });

  it('says so when it is late', () => {
    const text = at('2026-12-11');
    expect(text.recipients).toEqual([...leaders]);
    expect(text.title).toBe('逾期未公示：东山演示十一矿');
    expect(text.body).toContain('已逾期 1 天（2026-12-10 到期）');
  });
});
