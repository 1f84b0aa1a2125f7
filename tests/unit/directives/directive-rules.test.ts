// The rules of a 督办函 / 监管监察意见书: an item's state from its rounds, the document closed once every item is
// accepted, what refuses an answer or a review, deadlines on both sides of each boundary, and the reminders of the
// deadline (before, on the day, overdue, escalated) with the closed document off them.
import { describe, expect, it } from 'vitest';
import { directiveDeadline } from '#lib/directives/dated-kinds.ts';
import type { DirectiveRecord } from '#lib/directives/directive-item.ts';
import {
  applyReply,
  applyReview,
  checkDeadline,
  daysLeft,
  directiveView,
  isOverdue,
  itemState,
  statusOf,
} from '#lib/directives/rules.ts';
import type { ReminderContext } from '#lib/notifications/dated-kind.ts';
import { DEFAULT_REMINDER_RULES, reminderStage } from '#lib/reminders/schedule.ts';
import { addDays } from '#lib/validators/business-date.ts';

const MINE = { sub: 'u-mine', role: 'mine_user', name: '矿方联系人' };
const BUREAU = { sub: 'u-insp', role: 'inspector', name: '王检查' };
const AT = '2026-06-10T02:00:00.000Z';
const TODAY = '2026-06-10';

const issued = (over: Partial<DirectiveRecord> = {}): DirectiveRecord => ({
  directiveId: 'dir-1',
  mineId: 'm-a',
  mineName: '演示煤矿',
  jurisdiction: 'hlj/hegang/dongshan',
  kind: 'supervision_letter',
  documentNo: '东山煤安督〔2026〕1号',
  date: '2026-06-01',
  subject: '停产期间用电异常',
  deadline: TODAY,
  items: [
    { no: 1, text: '说明夜间用电原因', replies: [] },
    { no: 2, text: '提交停产措施落实情况', replies: [] },
  ],
  issuer: { jurisdiction: 'hlj/hegang/dongshan', name: '东山区煤矿安全监管局' },
  issuedBy: BUREAU,
  issuedAt: '2026-06-01T01:00:00.000Z',
  status: 'open',
  version: 1,
  updatedAt: '2026-06-01T01:00:00.000Z',
  ...over,
});

const reply = (d: DirectiveRecord, no: number, today = TODAY) =>
  applyReply(
    d,
    no,
    { text: `第${no}项已落实`, files: [{ attachmentId: 'att-1', fileName: '说明.pdf' }] },
    MINE,
    AT,
    today,
  );
const accept = (d: DirectiveRecord, no: number) => applyReview(d, no, { outcome: 'accept' }, BUREAU, AT);
const ret = (d: DirectiveRecord, no: number, reason = '材料不全') =>
  applyReview(d, no, { outcome: 'return', reason }, BUREAU, AT);
const kindOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { kind: string }).kind;
  }
};
/** What the bureau issued: everything but the rounds, the status and the bookkeeping. */
const issuedPart = (d: DirectiveRecord) => ({
  ...d,
  items: d.items.map(({ no, text }) => ({ no, text })),
  status: undefined,
  closedAt: undefined,
  version: undefined,
  updatedAt: undefined,
});

describe('an item’s state and the document’s status', () => {
  it('open → replied → returned → replied → accepted, the document closed with the last acceptance', () => {
    let d = issued();
    expect(d.items.map(itemState)).toEqual(['open', 'open']);
    d = reply(d, 1);
    expect(itemState(d.items[0]!)).toBe('replied');
    d = ret(d, 1);
    expect(itemState(d.items[0]!)).toBe('returned');
    expect(d.items[0]!.replies[0]!.review).toEqual({ outcome: 'return', reason: '材料不全', by: BUREAU, at: AT });
    d = reply(d, 1);
    d = accept(d, 1);
    expect(d.items[0]!.replies).toHaveLength(2);
    expect(itemState(d.items[0]!)).toBe('accepted');
    expect(d.status).toBe('open');
    d = accept(reply(d, 2), 2);
    expect(d.status).toBe('closed');
    expect(d.closedAt).toBe(AT);
    expect(d.version).toBe(7);
  });

  it('an empty list of items is never closed', () => expect(statusOf([])).toBe('open'));

  it('an answer or a review never changes what the bureau issued, and carries who and when', () => {
    const d = issued();
    const answered = reply(d, 2);
    expect(issuedPart(answered)).toEqual(issuedPart(d));
    expect(answered.items[1]!.replies[0]).toMatchObject({ by: MINE, at: AT, late: false });
    expect(issuedPart(ret(answered, 2))).toEqual(issuedPart(d));
    // The input is not mutated.
    expect(d.items[1]!.replies).toEqual([]);
  });
});

describe('refusals', () => {
  const replied = reply(issued(), 1);
  const closed = accept(reply(accept(replied, 1), 2), 2);
  it.each([
    ['an answer to an item awaiting review', () => reply(replied, 1), 'conflict'],
    ['an answer to an accepted item', () => reply(accept(replied, 1), 1), 'conflict'],
    ['an answer once the document is closed', () => reply(closed, 1), 'conflict'],
    ['an answer to an item the document does not have', () => reply(issued(), 3), 'validation'],
    ['an answer to a returned item', () => reply(ret(replied, 1), 1), 'ok'],
    ['a review of an item with no answer', () => accept(issued(), 1), 'conflict'],
    ['a review of an item already accepted', () => accept(accept(replied, 1), 1), 'conflict'],
    ['a review once the document is closed', () => accept(closed, 1), 'conflict'],
    ['a return without a reason', () => ret(replied, 1, '  '), 'validation'],
    ['a return with a reason', () => ret(replied, 1), 'ok'],
  ])('%s → %s', (_, fn, want) => expect(kindOf(fn)).toBe(want));
});

describe('deadlines at their boundaries', () => {
  it.each([
    // [issued on, deadline, accepted?]
    ['2026-06-10', '2026-06-09', 'validation'],
    ['2026-06-10', '2026-06-10', 'ok'],
    ['2026-06-10', '2026-06-11', 'ok'],
  ])('issued %s with deadline %s → %s', (on, deadline, want) =>
    expect(kindOf(() => checkDeadline(on, deadline))).toBe(want),
  );

  it.each([
    [addDays(TODAY, 1), 1, false],
    [TODAY, 0, false],
    [addDays(TODAY, -1), -1, true],
  ])('deadline %s seen on %s: %i days left, overdue %s', (deadline, left, overdue) => {
    const d = issued({ deadline });
    expect(daysLeft(d, TODAY)).toBe(left);
    expect(isOverdue(d, TODAY)).toBe(overdue);
    expect(directiveView(d, TODAY)).toMatchObject({ daysLeft: left, overdue });
  });

  it('a closed document has no days left and is never overdue', () => {
    const d = issued({ deadline: addDays(TODAY, -5), status: 'closed' });
    expect(daysLeft(d, TODAY)).toBeUndefined();
    expect(isOverdue(d, TODAY)).toBe(false);
    expect(directiveView(d, TODAY)).not.toHaveProperty('overdue');
  });

  it.each([
    [TODAY, false],
    [addDays(TODAY, 1), true],
  ])('answered on %s against a deadline of %s: late %s', (today, late) => {
    expect(reply(issued(), 1, today).items[0]!.replies[0]!.late).toBe(late);
  });
});

describe('the deadline’s reminders', () => {
  const rule = DEFAULT_REMINDER_RULES.directive;
  const T = (s: string, escalate = false) => ({ stage: s, escalate });
  it.each([
    [4, null],
    [3, T('T-3')],
    [2, null],
    [1, null],
    [0, T('T0')],
    [-1, T('overdue-1')],
    [-2, T('overdue-2')],
    [-3, T('overdue-3', true)],
    [-4, T('overdue-4', true)],
  ])('%i days to the deadline → %o', (days, want) => {
    const stage = reminderStage(rule, addDays(TODAY, days), TODAY);
    expect(stage === null ? null : { stage: stage.stage, escalate: stage.escalate }).toEqual(want);
  });

  const ctx = (daysLeftNow: number): ReminderContext<'directive'> => ({
    rule: 'directive',
    name: '演示煤矿',
    mineId: 'm-a',
    mineStatus: 'producing',
    due: TODAY,
    stage: { stage: 'x', daysLeft: daysLeftNow, escalate: daysLeftNow <= -3 },
    theMine: [{ type: 'mine', mineId: 'm-a' }],
    official: [{ type: 'user', userId: 'u-off', name: '包保人' }],
    leaders: [{ type: 'user', userId: 'u-lead', name: '局长' }],
    escalation: daysLeftNow <= -3 ? [{ type: 'user', userId: 'u-lead', name: '局长' }] : [],
  });
  const item = (status: string) => ({
    GSI2SK: 'DIRECTIVE#m-a#dir-1',
    ...issued(),
    status,
  });

  it('an open document follows the rule; a closed one is not reminded of', () => {
    expect(directiveDeadline.ruleOf(item('open'))).toBe('directive');
    expect(directiveDeadline.ruleOf(item('closed'))).toBeNull();
  });

  it('says the kind, the number and the days, to the mine and its official, and to the leaders once escalated', () => {
    const before = directiveDeadline.reminder(item('open'), ctx(3))!;
    expect(before.title).toBe('督办函办理期限：演示煤矿');
    expect(before.body).toContain('东山煤安督〔2026〕1号');
    expect(before.body).toContain('还有 3 天');
    expect(before.recipients.map((r) => ('userId' in r ? r.userId : r.type))).toEqual(['mine', 'u-off']);
    expect(before.ref).toEqual({ entityType: 'directive', entityId: 'dir-1' });
    const late = directiveDeadline.reminder(item('open'), ctx(-3))!;
    expect(late.body).toContain('已逾期 3 天');
    expect(late.body).toContain('已报局领导');
    expect(late.recipients.map((r) => ('userId' in r ? r.userId : r.type))).toEqual(['mine', 'u-off', 'u-lead']);
    expect(directiveDeadline.reminder(item('open'), ctx(0))!.sms).toBe('演示煤矿督办函今天到期');
  });
});
