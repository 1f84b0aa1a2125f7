// The blacklist's rules without storage (lib/blacklist/lifecycle.ts): which action is allowed from which status and
// by whom, every date boundary on both sides (the objection window, the listing's end, early removal), the four-eyes
// rule, the bookkeeping every accepted action does, and a property over random sequences of actions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BlacklistTerms, DEFAULT_BLACKLIST_TERMS } from '#lib/blacklist/blacklist-policy.ts';
import { BLACKLIST_STATUSES, type BlacklistEntry, type BlacklistStatus, type Objection } from '#lib/blacklist/entry.ts';
import { groundOf, SCOPES, type Scope } from '#lib/blacklist/grounds.ts';
import { type ActionContext, type ActionName, applyAction, type BlacklistAction } from '#lib/blacklist/lifecycle.ts';
import { DomainError, RuleError, ValidationError } from '#lib/errors.ts';
import { problemFromDomainError } from '#lib/http/problem.ts';
import { type Actor, systemActor } from '#lib/store/audit.ts';
import { addDays, addMonths } from '#lib/validators/business-date.ts';

const T = DEFAULT_BLACKLIST_TERMS; // 3 years listed, 7 days to object, 12 months before early removal

const PROPOSER: Actor = { sub: 'insp-a', role: 'inspector', name: '张检查' };
const INSPECTOR_B: Actor = { sub: 'insp-b', role: 'inspector' };
const ADMIN: Actor = { sub: 'admin-1', role: 'bureau_admin' };
const REVIEWER: Actor = { sub: 'legal-1', role: 'legal_reviewer' };
const SYSTEM = systemActor('blacklist-expiry');

const PROPOSED_ON = '2026-01-04';
const SERVED = '2026-01-05';
const DEADLINE = '2026-01-12'; // SERVED + 7
const LISTED = '2026-01-20';
const ENDS = '2029-01-20'; // LISTED + 36 months
const EARLIEST_REMOVAL = '2027-01-20'; // LISTED + 12 months
const REMOVED = '2027-02-01';

const atOf = (day: string) => `${day}T02:00:00.000Z`; // 10:00 in Asia/Shanghai

const proposed: BlacklistEntry = {
  entryId: 'bl-1',
  subjectType: 'enterprise',
  subjectName: '鹤岗某煤业有限公司',
  creditCode: '91230400MA1C8XYZ1K',
  enterpriseName: '鹤岗某煤业有限公司',
  mineId: 'm-1',
  mineName: '一号煤矿',
  jurisdiction: 'hlj/hegang/dongshan',
  grounds: [groundOf('CLOSED_MINE_REVIVED')],
  scopes: [...SCOPES],
  status: 'proposed',
  source: { kind: 'manual', note: '已关闭煤矿擅自恢复生产' },
  proposedBy: PROPOSER,
  proposedAt: atOf(PROPOSED_ON),
  objections: [],
  steps: [{ action: 'propose', at: atOf(PROPOSED_ON), by: PROPOSER, note: '已关闭煤矿擅自恢复生产' }],
  version: 1,
  updatedAt: atOf(PROPOSED_ON),
};
const noticeServed: BlacklistEntry = {
  ...proposed,
  status: 'notice_served',
  notice: { servedOn: SERVED, noticeNo: '鹤应急告〔2026〕1号', objectionDeadline: DEADLINE, servedBy: PROPOSER },
  version: 2,
};
const objection = (objectionId: string, answer?: Objection['answer']): Objection => ({
  objectionId,
  receivedOn: '2026-01-07',
  content: '企业称已停止生产',
  recordedBy: PROPOSER,
  recordedAt: atOf('2026-01-07'),
  ...(answer ? { answer } : {}),
});
const answered = (upheld: boolean): Objection['answer'] => ({
  text: upheld ? '理由成立' : '经核查不属实',
  upheld,
  by: PROPOSER,
  at: atOf('2026-01-09'),
});
const withObjections = (...objections: Objection[]): BlacklistEntry => ({
  ...noticeServed,
  objections,
  version: 2 + objections.length,
});
const underReview: BlacklistEntry = {
  ...noticeServed,
  status: 'under_review',
  reviewSubmittedBy: PROPOSER,
  version: 3,
};
const published: BlacklistEntry = {
  ...underReview,
  status: 'published',
  decisionNo: '鹤应急失信〔2026〕1号',
  listedOn: LISTED,
  endsOn: ENDS,
  version: 4,
};
const withRequest: BlacklistEntry = {
  ...published,
  removalRequest: {
    reason: '已完成整改并公开承诺',
    evidence: ['信用修复申请书', '整改验收报告'],
    requestedBy: INSPECTOR_B,
    requestedAt: atOf(EARLIEST_REMOVAL),
  },
  version: 5,
};
const removed: BlacklistEntry = { ...published, status: 'removed', removedOn: REMOVED, version: 6 };
/** A removal whose revocation a leader has proposed: the first of its two signatures. */
const revocationProposed: BlacklistEntry = {
  ...removed,
  revocationRequest: {
    reason: '修复材料系伪造',
    evidence: ['核查报告'],
    requestedBy: ADMIN,
    requestedAt: atOf('2027-06-01'),
  },
  version: 7,
};

/** An entry in each status, as the flow leaves it. */
const _IN: Record<BlacklistStatus, BlacklistEntry> = {
  proposed,
  notice_served: noticeServed,
  under_review: underReview,
  published,
  rejected: { ...underReview, status: 'rejected', version: 4 },
  withdrawn: { ...proposed, status: 'withdrawn', version: 2 },
  expired: { ...published, status: 'expired', expiredOn: ENDS, version: 5 },
  removed,
};

const ctx = (today: string, actor: Actor, terms: BlacklistTerms = T): ActionContext => ({
  actor,
  today,
  at: atOf(today),
  terms,
  newId: (p) => `${p}-new`,
});
const run = (entry: BlacklistEntry, input: BlacklistAction, today: string, actor: Actor, terms: BlacklistTerms = T) =>
  applyAction(entry, input, ctx(today, actor, terms));

/** The error an action is refused with (fails the test when it is accepted). */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the action to be refused');
}
const expectRule = (e: DomainError, field: string) => {
  expect(e).toBeInstanceOf(RuleError);
  expect(problemFromDomainError(e).status).toBe(422);
  expect(e.fields[0]?.field).toBe(field);
};
const expectValidation = (e: DomainError, field: string) => {
  expect(e).toBeInstanceOf(ValidationError);
  expect(problemFromDomainError(e).status).toBe(400);
  expect(e.fields[0]?.field).toBe(field);
};

/** A case each action is accepted in: the entry, the input, the day and who acts. */
interface Case {
  readonly entry: BlacklistEntry;
  readonly input: BlacklistAction;
  readonly today: string;
  readonly actor: Actor;
  readonly to: BlacklistStatus;
}
const READY: Record<ActionName, Case> = {
  serve_notice: {
    entry: proposed,
    input: { action: 'serve_notice', servedOn: SERVED, noticeNo: '鹤应急告〔2026〕1号' },
    today: SERVED,
    actor: PROPOSER,
    to: 'notice_served',
  },
  record_objection: {
    entry: noticeServed,
    input: { action: 'record_objection', receivedOn: '2026-01-08', content: '企业称已停止生产' },
    today: '2026-01-08',
    actor: PROPOSER,
    to: 'notice_served',
  },
  answer_objection: {
    entry: withObjections(objection('obj-1')),
    input: { action: 'answer_objection', objectionId: 'obj-1', answer: '经核查不属实', upheld: false },
    today: '2026-01-09',
    actor: PROPOSER,
    to: 'notice_served',
  },
  submit_review: {
    entry: noticeServed,
    input: { action: 'submit_review' },
    today: addDays(DEADLINE, 1),
    actor: PROPOSER,
    to: 'under_review',
  },
  approve: {
    entry: underReview,
    input: { action: 'approve', decisionNo: '鹤应急失信〔2026〕1号' },
    today: LISTED,
    actor: REVIEWER,
    to: 'published',
  },
  reject: {
    entry: underReview,
    input: { action: 'reject', reason: '证据不足' },
    today: LISTED,
    actor: REVIEWER,
    to: 'rejected',
  },
  withdraw: {
    entry: proposed,
    input: { action: 'withdraw', reason: '提议有误' },
    today: SERVED,
    actor: PROPOSER,
    to: 'withdrawn',
  },
  request_removal: {
    entry: published,
    input: { action: 'request_removal', reason: '已完成整改', evidence: ['信用修复申请书'] },
    today: EARLIEST_REMOVAL,
    actor: INSPECTOR_B,
    to: 'published',
  },
  approve_removal: {
    entry: withRequest,
    input: { action: 'approve_removal' },
    today: REMOVED,
    actor: REVIEWER,
    to: 'removed',
  },
  reject_removal: {
    entry: withRequest,
    input: { action: 'reject_removal', reason: '整改不到位' },
    today: REMOVED,
    actor: REVIEWER,
    to: 'published',
  },
  revoke_removal: {
    entry: removed,
    input: { action: 'revoke_removal', reason: '修复材料系伪造', evidence: ['核查报告'] },
    today: '2027-06-01',
    actor: ADMIN,
    to: 'removed',
  },
  approve_revocation: {
    entry: revocationProposed,
    input: { action: 'approve_revocation' },
    today: '2027-06-02',
    actor: REVIEWER,
    to: 'published',
  },
  reject_revocation: {
    entry: revocationProposed,
    input: { action: 'reject_revocation', reason: '核查报告不足以证明伪造' },
    today: '2027-06-02',
    actor: REVIEWER,
    to: 'removed',
  },
  expire: { entry: published, input: { action: 'expire' }, today: ENDS, actor: SYSTEM, to: 'expired' },
};
const ACTIONS = Object.keys(READY) as ActionName[];
const accept = (c: Case) => run(c.entry, c.input, c.today, c.actor);

// The rules as the product states them, written out (not read from the module under test).
const FROM: Record<ActionName, readonly BlacklistStatus[]> = {
  serve_notice: ['proposed'],
  record_objection: ['notice_served'],
  answer_objection: ['notice_served'],
  submit_review: ['notice_served'],
  approve: ['under_review'],
  reject: ['under_review'],
  withdraw: ['proposed', 'notice_served', 'under_review'],
  request_removal: ['published'],
  approve_removal: ['published'],
  reject_removal: ['published'],
  revoke_removal: ['removed'],
  approve_revocation: ['removed'],
  reject_revocation: ['removed'],
  expire: ['published'],
};
const ROLES = ['bureau_admin', 'inspector', 'legal_reviewer', 'system', 'mine_user', 'partner_dept'] as const;
const BY: Record<ActionName, readonly (typeof ROLES)[number][]> = {
  serve_notice: ['bureau_admin', 'inspector'],
  // The mine states its own objection through its own route (the bureau's action route admits bureau roles only).
  record_objection: ['bureau_admin', 'inspector', 'mine_user'],
  answer_objection: ['bureau_admin', 'inspector'],
  submit_review: ['bureau_admin', 'inspector'],
  approve: ['legal_reviewer'],
  reject: ['legal_reviewer'],
  withdraw: ['bureau_admin', 'inspector'],
  request_removal: ['bureau_admin', 'inspector'],
  approve_removal: ['legal_reviewer'],
  reject_removal: ['legal_reviewer'],
  revoke_removal: ['bureau_admin', 'legal_reviewer'],
  approve_revocation: ['legal_reviewer'],
  reject_revocation: ['legal_reviewer'],
  expire: ['system'],
};

// ---------------------------------------------------------------------------------------------------------------
describe('every action × every status', () => {
  const rows = ACTIONS.flatMap((action) =>
    BLACKLIST_STATUSES.map((status) => [action, status, FROM[action].includes(status)] as const),
  );
  it.each(rows)('%s from %s: allowed %s', (action, status, allowed) => {
    const c = READY[action];
    const entry: BlacklistEntry = { ...c.entry, status };
    if (allowed) {
      expect(run(entry, c.input, c.today, c.actor).status).toBe(action === 'withdraw' ? 'withdrawn' : c.to);
    } else {
      const e = refusal(() => run(entry, c.input, c.today, c.actor));
      expectRule(e, 'body.action');
      expect(e.message).toContain(action);
      expect(e.fields[0]!.message).toBe(`not allowed from ${status}`);
    }
  });
});

describe('every action × every role', () => {
  const rows = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role, BY[action].includes(role)] as const));
  it.each(rows)('%s by %s: allowed %s', (action, role, allowed) => {
    const c = READY[action];
    const actor: Actor = { sub: `${role}-other`, role };
    if (allowed) {
      expect(run(c.entry, c.input, c.today, actor).status).toBe(c.to);
    } else {
      const e = refusal(() => run(c.entry, c.input, c.today, actor));
      expectRule(e, 'principal');
      expect(e.fields[0]!.message).toBe(`role ${role} may not ${action}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('serve_notice', () => {
  // [servedOn, objectionDays, objectionDeadline]
  const table: [string, number, string][] = [
    ['2026-01-05', 7, '2026-01-12'],
    ['2026-02-25', 7, '2026-03-04'],
    ['2024-02-25', 7, '2024-03-03'], // across a leap day
    ['2025-12-28', 7, '2026-01-04'], // across the year
    ['2026-01-05', 3, '2026-01-08'],
    ['2026-01-05', 60, '2026-03-06'],
  ];
  it.each(table)('served on %s with %i days to object: the window ends on %s', (servedOn, objectionDays, deadline) => {
    const after = run(proposed, { action: 'serve_notice', servedOn }, '2026-03-10', PROPOSER, { ...T, objectionDays });
    expect(after.notice).toEqual({ servedOn, objectionDeadline: deadline, servedBy: PROPOSER });
    expect(after.status).toBe('notice_served');
  });

  it('keeps the notice number when given', () => {
    expect(accept(READY.serve_notice).notice).toEqual({
      servedOn: SERVED,
      noticeNo: '鹤应急告〔2026〕1号',
      objectionDeadline: DEADLINE,
      servedBy: PROPOSER,
    });
  });

  // [servedOn relative to today, accepted]
  it.each([
    [-1, true],
    [0, true],
    [1, false],
  ])('served %i day(s) from today: accepted %s', (offset, ok) => {
    const input: BlacklistAction = { action: 'serve_notice', servedOn: addDays(SERVED, offset) };
    if (ok) expect(run(proposed, input, SERVED, PROPOSER).status).toBe('notice_served');
    else
      expectValidation(
        refusal(() => run(proposed, input, SERVED, PROPOSER)),
        'body.servedOn',
      );
  });
});

describe('record_objection', () => {
  // [receivedOn, today, outcome]: the deadline day is still inside the window.
  const table: [string, string, 'ok' | 'early' | 'late' | 'future'][] = [
    [addDays(SERVED, -1), SERVED, 'early'], // before the notice was served: not an objection to it
    [SERVED, SERVED, 'ok'],
    [addDays(DEADLINE, -1), addDays(DEADLINE, -1), 'ok'],
    [DEADLINE, DEADLINE, 'ok'],
    [DEADLINE, addDays(DEADLINE, 3), 'ok'], // received in time, entered later
    [addDays(DEADLINE, 1), addDays(DEADLINE, 1), 'late'],
    [addDays(DEADLINE, 1), DEADLINE, 'future'],
  ];
  it.each(table)('received on %s, recorded on %s: %s', (receivedOn, today, outcome) => {
    const input: BlacklistAction = { action: 'record_objection', receivedOn, content: '陈述申辩' };
    if (outcome === 'ok') {
      const after = run(noticeServed, input, today, ADMIN);
      expect(after.objections).toEqual([
        { objectionId: 'obj-new', receivedOn, content: '陈述申辩', recordedBy: ADMIN, recordedAt: atOf(today) },
      ]);
    } else if (outcome === 'late' || outcome === 'early') {
      const e = refusal(() => run(noticeServed, input, today, ADMIN));
      expectRule(e, 'body.receivedOn');
      expect(e.fields[0]!.message).toBe(outcome === 'late' ? `after ${DEADLINE}` : `before ${SERVED}`);
    } else {
      expectValidation(
        refusal(() => run(noticeServed, input, today, ADMIN)),
        'body.receivedOn',
      );
    }
  });

  it('adds to the objections already recorded', () => {
    const after = run(
      withObjections(objection('obj-1')),
      { action: 'record_objection', receivedOn: '2026-01-08', content: '补充申辩' },
      '2026-01-08',
      PROPOSER,
    );
    expect(after.objections.map((o) => o.objectionId)).toEqual(['obj-1', 'obj-new']);
  });
});

describe('answer_objection', () => {
  it.each([true, false])('answers an objection (upheld %s)', (upheld) => {
    const after = run(
      withObjections(objection('obj-1'), objection('obj-2')),
      { action: 'answer_objection', objectionId: 'obj-2', answer: '答复', upheld },
      '2026-01-09',
      ADMIN,
    );
    expect(after.objections[0]).toEqual(objection('obj-1'));
    expect(after.objections[1]!.answer).toEqual({ text: '答复', upheld, by: ADMIN, at: atOf('2026-01-09') });
  });

  it('answers once only', () => {
    const once = accept(READY.answer_objection);
    const e = refusal(() =>
      run(
        once,
        { action: 'answer_objection', objectionId: 'obj-1', answer: '再答复', upheld: true },
        '2026-01-10',
        PROPOSER,
      ),
    );
    expectRule(e, 'body.objectionId');
    expect(e.fields[0]!.message).toBe('already answered');
  });

  it('refuses an objection that does not exist', () => {
    const e = refusal(() =>
      run(
        withObjections(objection('obj-1')),
        { action: 'answer_objection', objectionId: 'obj-9', answer: '答复', upheld: false },
        '2026-01-09',
        PROPOSER,
      ),
    );
    expectRule(e, 'body.objectionId');
    expect(e.fields[0]!.message).toBe('no such objection');
  });
});

describe('submit_review', () => {
  // [today, objections, refusal detail or null when accepted]
  const table: [string, string, Objection[], string | null][] = [
    ['on the deadline day', DEADLINE, [], `objection window open until ${DEADLINE}`],
    ['the day after the deadline', addDays(DEADLINE, 1), [], null],
    ['a month after', addMonths(DEADLINE, 1), [], null],
    ['with an unanswered objection', addDays(DEADLINE, 1), [objection('obj-1')], 'unanswered objection'],
    [
      'with one answered, one not',
      addDays(DEADLINE, 1),
      [objection('obj-1', answered(false)), objection('obj-2')],
      'unanswered objection',
    ],
    ['with an objection answered, not upheld', addDays(DEADLINE, 1), [objection('obj-1', answered(false))], null],
    ['with an objection upheld', addDays(DEADLINE, 1), [objection('obj-1', answered(true))], 'an objection was upheld'],
    [
      'with one upheld among others',
      addDays(DEADLINE, 1),
      [objection('obj-1', answered(false)), objection('obj-2', answered(true))],
      'an objection was upheld',
    ],
  ];
  it.each(table)('%s', (_what, today, objections, refused) => {
    const entry = withObjections(...objections);
    if (refused === null) {
      const after = run(entry, { action: 'submit_review' }, today, INSPECTOR_B);
      expect(after.status).toBe('under_review');
      expect(after.reviewSubmittedBy).toEqual(INSPECTOR_B);
    } else {
      const e = refusal(() => run(entry, { action: 'submit_review' }, today, INSPECTOR_B));
      expectRule(e, 'body.action');
      expect(e.fields[0]!.message).toBe(refused);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('approve', () => {
  const approve = (more: Partial<Extract<BlacklistAction, { action: 'approve' }>> = {}): BlacklistAction => ({
    action: 'approve',
    decisionNo: 'D-1',
    ...more,
  });

  it.each([
    ['the proposer, now a legal reviewer', { sub: PROPOSER.sub, role: 'legal_reviewer' }, false],
    ['another legal reviewer', REVIEWER, true],
  ] as const)('by %s: accepted %s', (_who, actor, ok) => {
    if (ok) expect(run(underReview, approve(), LISTED, actor).status).toBe('published');
    else {
      const e = refusal(() => run(underReview, approve(), LISTED, actor));
      expectRule(e, 'principal');
      expect(e.fields[0]!.message).toBe('the proposer may not decide');
    }
  });

  it('needs the decision number', () => {
    expectValidation(
      refusal(() => run(underReview, approve({ decisionNo: '' }), LISTED, REVIEWER)),
      'body.decisionNo',
    );
  });

  it('lists from today when no date is given, for listingYears × 12 months', () => {
    const after = run(underReview, approve(), LISTED, REVIEWER);
    expect(after).toMatchObject({ status: 'published', decisionNo: 'D-1', listedOn: LISTED, endsOn: ENDS });
  });

  // [listedOn, today, outcome]: the objection window runs through DEADLINE.
  const dates: [string, string, 'ok' | 'window' | 'future'][] = [
    [SERVED, LISTED, 'window'],
    [DEADLINE, LISTED, 'window'],
    [addDays(DEADLINE, 1), LISTED, 'ok'],
    [LISTED, LISTED, 'ok'],
    [addDays(LISTED, 1), LISTED, 'future'],
  ];
  it.each(dates)('listed on %s, decided on %s: %s', (listedOn, today, outcome) => {
    const input = approve({ listedOn });
    if (outcome === 'ok')
      expect(run(underReview, input, today, REVIEWER)).toMatchObject({ listedOn, endsOn: addMonths(listedOn, 36) });
    else if (outcome === 'window') {
      const e = refusal(() => run(underReview, input, today, REVIEWER));
      expectRule(e, 'body.listedOn');
      expect(e.fields[0]!.message).toBe('within the objection window');
    } else
      expectValidation(
        refusal(() => run(underReview, input, today, REVIEWER)),
        'body.listedOn',
      );
  });

  /** Under review with an objection window long past, so any recent listedOn is after it. */
  const longReviewed: BlacklistEntry = {
    ...underReview,
    notice: { servedOn: '2023-01-02', objectionDeadline: '2023-01-09', servedBy: PROPOSER },
  };

  // [listedOn, listingYears, endsOn]: a day the target month lacks becomes its last day.
  const ends: [string, number, string][] = [
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-28', 3, '2027-02-28'],
    ['2024-03-01', 3, '2027-03-01'],
    ['2024-01-31', 3, '2027-01-31'],
    ['2024-12-31', 2, '2026-12-31'],
  ];
  it.each(ends)('listed on %s for %i years ends on %s', (listedOn, listingYears, endsOn) => {
    const after = run(longReviewed, approve({ listedOn }), listedOn, REVIEWER, { ...T, listingYears });
    expect(after.listedOn).toBe(listedOn);
    expect(after.endsOn).toBe(endsOn);
  });

  // [listedOn, today, accepted]: a listing whose end date has come is refused (on endsOn it is no longer listed).
  const stale: [string, string, boolean][] = [
    ['2023-06-15', '2026-06-14', true],
    ['2023-06-15', '2026-06-15', false],
    ['2023-06-16', '2026-06-15', true],
    ['2023-01-10', '2026-06-15', false],
    ['2024-02-29', '2027-02-27', true],
    ['2024-02-29', '2027-02-28', false],
    ['2024-03-01', '2027-02-28', true],
  ];
  it.each(stale)('listed on %s, decided on %s: accepted %s', (listedOn, today, ok) => {
    if (ok) expect(run(longReviewed, approve({ listedOn }), today, REVIEWER).status).toBe('published');
    else {
      const e = refusal(() => run(longReviewed, approve({ listedOn }), today, REVIEWER));
      expectRule(e, 'body.listedOn');
      expect(e.fields[0]!.message).toBe('already ended');
    }
  });

  // [scopes given, scopes after]
  const scopes: [readonly Scope[] | undefined, readonly Scope[]][] = [
    [undefined, SCOPES],
    [['safety_licence'], ['safety_licence']],
    [
      ['project_approval', 'qualification'],
      ['project_approval', 'qualification'],
    ],
    [[], SCOPES],
    [
      ['safety_licence', 'qualification', 'safety_licence'],
      ['safety_licence', 'qualification'],
    ], // once each
  ];
  it.each(scopes)('scopes %j given: %j after', (given, after) => {
    expect(run(underReview, approve({ scopes: given }), LISTED, REVIEWER).scopes).toEqual(after);
  });
});

describe('reject', () => {
  it.each([
    [{ sub: PROPOSER.sub, role: 'legal_reviewer' }, false],
    [REVIEWER, true],
  ] as const)('by %j: accepted %s', (actor, ok) => {
    const input: BlacklistAction = { action: 'reject', reason: '证据不足' };
    if (ok) {
      const after = run(underReview, input, LISTED, actor);
      expect(after.status).toBe('rejected');
      expect(after.steps.at(-1)!.note).toBe('证据不足');
    } else
      expectRule(
        refusal(() => run(underReview, input, LISTED, actor)),
        'principal',
      );
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('early removal', () => {
  const request = (evidence: readonly string[] = ['信用修复申请书']): BlacklistAction => ({
    action: 'request_removal',
    reason: '已完成整改',
    evidence,
  });

  // [listedOn, earlyRemovalMonths, today, accepted]
  const table: [string, number, string, boolean][] = [
    [LISTED, 12, addDays(EARLIEST_REMOVAL, -1), false],
    [LISTED, 12, EARLIEST_REMOVAL, true],
    [LISTED, 12, addDays(EARLIEST_REMOVAL, 1), true],
    [LISTED, 6, '2026-07-19', false],
    [LISTED, 6, '2026-07-20', true],
    ['2024-02-29', 12, '2025-02-27', false],
    ['2024-02-29', 12, '2025-02-28', true],
    ['2025-08-31', 6, '2026-02-27', false],
    ['2025-08-31', 6, '2026-02-28', true],
  ];
  it.each(table)('listed on %s, %i months: asked on %s, accepted %s', (listedOn, earlyRemovalMonths, today, ok) => {
    const entry: BlacklistEntry = { ...published, listedOn, endsOn: addMonths(listedOn, 36) };
    const terms = { ...T, earlyRemovalMonths };
    if (ok) {
      const after = run(entry, request(), today, INSPECTOR_B, terms);
      expect(after.status).toBe('published');
      expect(after.removalRequest).toEqual({
        reason: '已完成整改',
        evidence: ['信用修复申请书'],
        requestedBy: INSPECTOR_B,
        requestedAt: atOf(today),
      });
      expect(after.steps.at(-1)!.evidence).toEqual(['信用修复申请书']);
    } else {
      const e = refusal(() => run(entry, request(), today, INSPECTOR_B, terms));
      expectRule(e, 'body.action');
      expect(e.fields[0]!.message).toBe(`not before ${addMonths(listedOn, earlyRemovalMonths)}`);
    }
  });

  it('needs evidence', () => {
    expectValidation(
      refusal(() => run(published, request([]), EARLIEST_REMOVAL, INSPECTOR_B)),
      'body.evidence',
    );
  });

  it('is refused while a request is pending', () => {
    const e = refusal(() => run(withRequest, request(), REMOVED, ADMIN));
    expectRule(e, 'body.action');
    expect(e.fields[0]!.message).toBe('a request is pending');
  });

  it.each(['approve_removal', 'reject_removal'] as const)('%s is refused without a pending request', (action) => {
    const input: BlacklistAction = action === 'approve_removal' ? { action } : { action, reason: '不同意' };
    const e = refusal(() => run(published, input, REMOVED, REVIEWER));
    expectRule(e, 'body.action');
    expect(e.fields[0]!.message).toBe('no pending request');
  });

  it.each(['approve_removal', 'reject_removal'] as const)('%s by the requester is refused', (action) => {
    const input: BlacklistAction = action === 'approve_removal' ? { action } : { action, reason: '不同意' };
    const requester: Actor = { sub: INSPECTOR_B.sub, role: 'legal_reviewer' };
    const e = refusal(() => run(withRequest, input, REMOVED, requester));
    expectRule(e, 'principal');
    expect(e.fields[0]!.message).toBe('the requester may not decide');
  });

  it('approve_removal: removed on the day, the request done (kept in the steps)', () => {
    const after = accept(READY.approve_removal);
    expect(after).toMatchObject({ status: 'removed', removedOn: REMOVED, listedOn: LISTED, endsOn: ENDS });
    expect(after).not.toHaveProperty('removalRequest');
    expect(after.steps.at(-1)).toEqual({
      action: 'approve_removal',
      at: atOf(REMOVED),
      by: REVIEWER,
      note: '法制审核同意提前移出',
    });
    expect(run(withRequest, { action: 'approve_removal', note: '同意' }, REMOVED, REVIEWER).steps.at(-1)!.note).toBe(
      '同意',
    );
  });

  it('reject_removal: still published to the same end, the request cleared, a new one may be asked', () => {
    const after = accept(READY.reject_removal);
    expect(after).toMatchObject({ status: 'published', listedOn: LISTED, endsOn: ENDS });
    expect(after).not.toHaveProperty('removalRequest');
    expect(after).not.toHaveProperty('removedOn');
    expect(run(after, request(), REMOVED, INSPECTOR_B).removalRequest?.requestedBy).toEqual(INSPECTOR_B);
  });
});

describe('revoking an early removal: two signatures', () => {
  const revoke = (evidence: readonly string[] = ['核查报告']): BlacklistAction => ({
    action: 'revoke_removal',
    reason: '修复材料系伪造',
    evidence,
  });

  it('revoke_removal by one person revokes nothing: still removed, the proposal waiting with its evidence', () => {
    for (const actor of [ADMIN, REVIEWER]) {
      const after = run(removed, revoke(), '2027-06-01', actor);
      expect(after.status).toBe('removed');
      expect(after.removedOn).toBe(REMOVED);
      expect(after.revocationRequest).toEqual({
        reason: '修复材料系伪造',
        evidence: ['核查报告'],
        requestedBy: actor,
        requestedAt: atOf('2027-06-01'),
      });
      expect(after.steps.at(-1)).toMatchObject({ action: 'revoke_removal', by: actor, evidence: ['核查报告'] });
    }
  });

  it('needs evidence', () => {
    expectValidation(
      refusal(() => run(removed, revoke([]), '2027-06-01', ADMIN)),
      'body.evidence',
    );
  });

  it('a second proposal while one waits is refused', () => {
    const e = refusal(() => run(revocationProposed, revoke(), '2027-06-02', REVIEWER));
    expectRule(e, 'body.action');
    expect(e.fields[0]!.message).toBe('a proposal is pending');
  });

  it.each(['approve_revocation', 'reject_revocation'] as const)('%s without a proposal is refused', (action) => {
    const input: BlacklistAction = action === 'approve_revocation' ? { action } : { action, reason: '不同意' };
    const e = refusal(() => run(removed, input, '2027-06-02', REVIEWER));
    expectRule(e, 'body.action');
    expect(e.fields[0]!.message).toBe('no pending proposal');
  });

  it.each(['approve_revocation', 'reject_revocation'] as const)(
    '%s by the one who proposed it is refused, even as a legal reviewer',
    (action) => {
      const input: BlacklistAction = action === 'approve_revocation' ? { action } : { action, reason: '不同意' };
      // The same person signing twice: the proposer (a leader) holding the legal reviewer's role too.
      const samePerson: Actor = { sub: ADMIN.sub, role: 'legal_reviewer' };
      const e = refusal(() => run(revocationProposed, input, '2027-06-02', samePerson));
      expectRule(e, 'principal');
      expect(e.fields[0]!.message).toBe('the revocation proposer may not decide');
      // And a legal reviewer who proposed it may not approve it either.
      const byReviewer = run(removed, revoke(), '2027-06-01', REVIEWER);
      const e2 = refusal(() => run(byReviewer, input, '2027-06-02', REVIEWER));
      expect(e2.fields[0]!.message).toBe('the revocation proposer may not decide');
    },
  );

  it('approve_revocation by a leader is refused: the second signature is a legal reviewer’s', () => {
    const otherAdmin: Actor = { sub: 'admin-2', role: 'bureau_admin' };
    const e = refusal(() => run(revocationProposed, { action: 'approve_revocation' }, '2027-06-02', otherAdmin));
    expectRule(e, 'principal');
  });

  // [today, status after]: back on the list to its original end, or expired once that has come.
  const table: [string, 'published' | 'expired'][] = [
    ['2027-06-02', 'published'],
    [addDays(ENDS, -1), 'published'],
    [ENDS, 'expired'],
    [addDays(ENDS, 30), 'expired'],
  ];
  it.each(table)('approved by another legal reviewer on %s: %s', (today, status) => {
    const after = run(revocationProposed, { action: 'approve_revocation' }, today, REVIEWER);
    expect(after.status).toBe(status);
    expect(after.listedOn).toBe(LISTED);
    expect(after.endsOn).toBe(ENDS);
    expect(after).not.toHaveProperty('removedOn');
    expect(after).not.toHaveProperty('revocationRequest');
    if (status === 'expired') expect(after.expiredOn).toBe(ENDS);
    else expect(after).not.toHaveProperty('expiredOn');
    // The proposal's evidence stays in its own step.
    expect(after.steps.at(-1)).toMatchObject({ action: 'approve_revocation', by: REVIEWER });
  });

  it('rejected: still removed, the proposal cleared, a new one may be made', () => {
    const after = accept(READY.reject_revocation);
    expect(after).toMatchObject({ status: 'removed', removedOn: REMOVED });
    expect(after).not.toHaveProperty('revocationRequest');
    expect(run(after, revoke(), '2027-06-03', REVIEWER).revocationRequest?.requestedBy).toEqual(REVIEWER);
  });
});

describe('expire', () => {
  it.each([
    [addDays(ENDS, -1), false],
    [ENDS, true],
    [addDays(ENDS, 3), true],
  ])('on %s: accepted %s', (today, ok) => {
    if (ok) {
      const after = run(published, { action: 'expire' }, today, SYSTEM);
      expect(after).toMatchObject({ status: 'expired', expiredOn: ENDS, endsOn: ENDS });
      expect(after.steps.at(-1)!.by).toEqual(SYSTEM);
    } else {
      const e = refusal(() => run(published, { action: 'expire' }, today, SYSTEM));
      expectRule(e, 'body.action');
      expect(e.fields[0]!.message).toBe(`ends on ${ENDS}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('what every accepted action does', () => {
  it.each(ACTIONS)('%s: one step with who and when, the version up by one, the input untouched', (action) => {
    const c = READY[action];
    const entry = deepFreeze(structuredClone(c.entry));
    const copy = structuredClone(entry);
    const after = run(entry, c.input, c.today, c.actor);
    expect(entry).toEqual(copy);
    expect(after).not.toBe(entry);
    expect(after.version).toBe(entry.version + 1);
    expect(after.updatedAt).toBe(atOf(c.today));
    expect(after.steps).toHaveLength(entry.steps.length + 1);
    expect(after.steps.slice(0, -1)).toEqual(entry.steps);
    expect(after.steps.at(-1)).toMatchObject({ action, at: atOf(c.today), by: c.actor });
    // What the entry is about never changes.
    for (const k of [
      'entryId',
      'subjectType',
      'creditCode',
      'mineId',
      'jurisdiction',
      'grounds',
      'proposedBy',
      'proposedAt',
    ] as const)
      expect(after[k]).toEqual(entry[k]);
  });

  it.each(ACTIONS)('%s refused: nothing to save, the input untouched', (action) => {
    const c = READY[action];
    const wrongStatus = BLACKLIST_STATUSES.find((s) => !FROM[action].includes(s))!;
    const entry = deepFreeze({ ...structuredClone(c.entry), status: wrongStatus });
    const copy = structuredClone(entry);
    expectRule(
      refusal(() => run(entry, c.input, c.today, c.actor)),
      'body.action',
    );
    expect(entry).toEqual(copy);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('property: random sequences of actions', () => {
  const ACTORS: readonly Actor[] = [
    PROPOSER,
    INSPECTOR_B,
    ADMIN,
    REVIEWER,
    { sub: 'legal-2', role: 'legal_reviewer' },
    { sub: PROPOSER.sub, role: 'legal_reviewer' },
    { sub: INSPECTOR_B.sub, role: 'legal_reviewer' },
    SYSTEM,
    { sub: 'staff@m-1', role: 'mine_user' },
  ];
  const arbStep = fc.record({
    /** Mostly an action the status allows, by a role that may take it; sometimes anything. */
    fitting: fc.constantFrom(true, true, true, true, false),
    action: fc.nat(ACTIONS.length * 4),
    actor: fc.nat(ACTORS.length * 4),
    /** Days since the previous action: mostly a few, sometimes months, now and then years. */
    advance: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 10 }), weight: 6 },
      { arbitrary: fc.integer({ min: 0, max: 200 }), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 1500 }), weight: 1 },
    ),
    back: fc.integer({ min: 0, max: 20 }),
    /** approve's listedOn: often none (today), else days back, mostly a few. */
    listedBack: fc.option(
      fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 1500 }), weight: 1 },
      ),
      { nil: undefined, freq: 1 },
    ),
    pick: fc.constantFrom(0, 0, 0, 1, 2, 3),
    upheld: fc.constantFrom(false, false, false, false, false, false, false, true),
    complete: fc.constantFrom(true, true, true, false),
  });
  const arbTerms = fc.record({
    listingYears: fc.integer({ min: 1, max: 10 }),
    objectionDays: fc.integer({ min: 3, max: 60 }),
    earlyRemovalMonths: fc.integer({ min: 6, max: 60 }),
  });
  const reached = new Set<BlacklistStatus>();

  it('keeps the status known, counts the accepted actions in the version, and lists before it ends', () => {
    fc.assert(
      fc.property(arbTerms, fc.array(arbStep, { maxLength: 40, size: 'max' }), (t, steps) => {
        const terms: BlacklistTerms = { ...T, ...t };
        let entry = proposed;
        let today = PROPOSED_ON;
        let accepted = 0;
        for (const s of steps) {
          today = addDays(today, s.advance);
          // Withdrawing and rejecting end a sequence early: taken now and then, not as often as the rest.
          const fits = ACTIONS.filter(
            (a) => FROM[a].includes(entry.status) && ((a !== 'withdraw' && a !== 'reject') || s.action % 5 === 0),
          );
          const action = s.fitting && fits.length ? fits[s.action % fits.length]! : ACTIONS[s.action % ACTIONS.length]!;
          const allowedActors = ACTORS.filter((a) => (BY[action] as readonly string[]).includes(a.role));
          const actor =
            s.fitting && allowedActors.length
              ? allowedActors[s.actor % allowedActors.length]!
              : ACTORS[s.actor % ACTORS.length]!;
          const input = inputFor(action, entry, today, s);
          let after: BlacklistEntry;
          try {
            after = applyAction(entry, input, {
              actor,
              today,
              at: atOf(today),
              terms,
              newId: (p) => `${p}-${accepted}`,
            });
          } catch (error) {
            // Only a domain refusal, never a crash.
            if (!(error instanceof RuleError || error instanceof ValidationError)) throw error;
            continue;
          }
          accepted += 1;
          entry = after;
          reached.add(entry.status);
          expect(BLACKLIST_STATUSES).toContain(entry.status);
          expect(entry.version).toBe(1 + accepted);
          expect(entry.steps).toHaveLength(1 + accepted);
          expect(entry.listedOn === undefined).toBe(entry.endsOn === undefined);
          if (entry.listedOn !== undefined) {
            expect(entry.listedOn < entry.endsOn!).toBe(true);
            expect(entry.endsOn).toBe(addMonths(entry.listedOn, 12 * terms.listingYears));
          }
          if (entry.status === 'published') expect(entry.decisionNo).toBeTruthy();
        }
      }),
      { numRuns: 400 },
    );
    // The sequences went everywhere (a property over sequences that never leave `proposed` would prove little).
    expect([...reached].sort()).toEqual(BLACKLIST_STATUSES.filter((s) => s !== 'proposed').sort());
  });

  function inputFor(
    action: ActionName,
    entry: BlacklistEntry,
    today: string,
    s: { back: number; listedBack: number | undefined; pick: number; upheld: boolean; complete: boolean },
  ): BlacklistAction {
    const evidence = s.complete ? ['材料'] : [];
    switch (action) {
      case 'serve_notice':
        return { action, servedOn: addDays(today, s.back > 18 ? 1 : -s.back) };
      case 'record_objection':
        return { action, receivedOn: addDays(today, s.back > 18 ? 1 : -s.back), content: '申辩' };
      case 'answer_objection':
        // Mostly the first unanswered one; sometimes one answered already, or one that does not exist.
        return {
          action,
          objectionId:
            (s.pick === 0 ? entry.objections.find((o) => !o.answer) : entry.objections[s.pick - 1])?.objectionId ??
            'obj-unknown',
          answer: '答复',
          upheld: s.upheld,
        };
      case 'submit_review':
      case 'expire':
        return { action };
      case 'approve':
        return {
          action,
          decisionNo: s.complete ? 'D-1' : '',
          ...(s.listedBack !== undefined ? { listedOn: addDays(today, -s.listedBack) } : {}),
        };
      case 'reject':
      case 'withdraw':
      case 'reject_removal':
        return { action, reason: '理由' };
      case 'request_removal':
      case 'revoke_removal':
        return { action, reason: '理由', evidence };
      case 'approve_removal':
      case 'approve_revocation':
        return { action };
      case 'reject_revocation':
        return { action, reason: '理由' };
    }
  }
});
