// The workflow engine on a small declaration written for the test: every kind of refusal (an unknown action, a role
// answered with 403 or as a rule with 422, the wrong state, a four-eyes pair), the order they are checked in, the
// boundaries of a four-eyes pair (only its latest step, only the items it holds for, the person not the role), and
// the state an allowed action leads to.
import { describe, expect, it } from 'vitest';
import { DomainError, ForbiddenError, RuleError } from '#lib/errors.ts';
import { problemFromDomainError } from '#lib/http/problem.ts';
import type { WorkflowDeclaration } from '#lib/workflow/declaration.ts';
import {
  type Attempt,
  decide,
  enforce,
  fourEyesRefusal,
  type HistoryStep,
  type WorkflowActor,
} from '#lib/workflow/engine.ts';

type S = 'draft' | 'review' | 'granted' | 'refused' | 'archived';
type A = 'submit' | 'note' | 'grant' | 'refuse' | 'close' | 'sweep';

/** A permit: drafted, sent to review, granted by a legal reviewer who neither wrote it nor (when major) sent it. */
const PERMIT: WorkflowDeclaration<S, A> = {
  subject: '许可',
  states: ['draft', 'review', 'granted', 'refused', 'archived'],
  stateLabels: { draft: '草稿', review: '审核中', granted: '已批准', refused: '已驳回', archived: '已归档' },
  creation: { write: '起草' },
  roleRefusal: 'forbidden',
  actions: {
    submit: { label: '提交审核', from: ['draft'], to: 'review', by: ['bureau_admin', 'inspector'] },
    note: { label: '批注', from: ['draft', 'review'], by: ['inspector'] },
    grant: {
      label: '批准',
      from: ['review'],
      to: 'granted',
      by: ['legal_reviewer'],
      roleRefusal: 'rule',
      fourEyes: [
        { notBy: 'write', party: 'author', partyLabel: '起草人' },
        { notBy: 'submit', party: 'submitter', partyLabel: '提交人', when: { major: true } },
      ],
    },
    refuse: { label: '驳回', from: ['review'], to: 'refused', by: ['legal_reviewer'] },
    close: { label: '结束', from: ['granted', 'refused'], to: ['archived', 'draft'], by: ['bureau_admin'] },
    sweep: { label: '自动归档', from: ['granted'], to: 'archived', by: ['system'] },
  },
};

const AUTHOR: WorkflowActor = { sub: 'u-author', role: 'inspector', name: '张起草' };
const SUBMITTER: WorkflowActor = { sub: 'u-submitter', role: 'inspector' };
const REVIEWER: WorkflowActor = { sub: 'u-legal', role: 'legal_reviewer' };
const ADMIN: WorkflowActor = { sub: 'u-admin', role: 'bureau_admin' };
const MINE: WorkflowActor = { sub: 'u-mine', role: 'mine_user' };
const SYSTEM: WorkflowActor = { sub: 'system:sweep', role: 'system' };
const as = (actor: WorkflowActor, role: string): WorkflowActor => ({ ...actor, role });

const HISTORY: readonly HistoryStep[] = [
  { action: 'write', by: AUTHOR },
  { action: 'submit', by: SUBMITTER },
];
const attempt = (state: S, action: A, actor: WorkflowActor, more: Partial<Attempt<S, A>> = {}): Attempt<S, A> => ({
  state,
  action,
  actor,
  history: HISTORY,
  item: { major: true },
  ...more,
});

/** 'ok → <state>' or the status and the field the refusal names. */
function outcome(a: Attempt<S, A>): string {
  const d = decide(PERMIT, a);
  if (d.allowed) return `ok → ${d.to}`;
  const problem = problemFromDomainError(d.error);
  return `${problem.status} ${d.reason}${problem.errors ? ` ${problem.errors.map((e) => e.field).join(',')}` : ''}`;
}

describe('each action from each state, by one who may take it', () => {
  const who: Record<A, WorkflowActor> = {
    submit: SUBMITTER,
    note: SUBMITTER,
    grant: REVIEWER,
    refuse: REVIEWER,
    close: ADMIN,
    sweep: SYSTEM,
  };
  // Written out from the permit's flow, not read from the declaration.
  const allowed: Record<A, Partial<Record<S, S>>> = {
    submit: { draft: 'review' },
    note: { draft: 'draft', review: 'review' },
    grant: { review: 'granted' },
    refuse: { review: 'refused' },
    close: { granted: 'archived', refused: 'archived' },
    sweep: { granted: 'archived' },
  };
  const rows = (Object.keys(allowed) as A[]).flatMap((action) =>
    PERMIT.states.map((state) => [action, state, allowed[action][state]] as const),
  );
  it.each(rows)('%s from %s → %s', (action, state, to) => {
    const a = attempt(state, action, who[action], action === 'close' ? { to: 'archived' } : {});
    expect(outcome(a)).toBe(to ? `ok → ${to}` : '422 state body.action');
  });

  it('a refusal for the state names the state and the action in Chinese, and the state in the field list', () => {
    const d = decide(PERMIT, attempt('granted', 'submit', SUBMITTER));
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.error).toBeInstanceOf(RuleError);
    expect(d.error.message).toBe('许可当前状态为“已批准”，不能提交审核（submit）');
    expect(d.error.fields).toEqual([{ field: 'body.action', message: 'not allowed from granted' }]);
  });

  it('names the field the declaration says the action is in', () => {
    const inPath = { ...PERMIT, actionField: 'path.permitId' };
    const d = decide(inPath, attempt('draft', 'grant', REVIEWER));
    expect(!d.allowed && d.error.fields).toEqual([{ field: 'path.permitId', message: 'not allowed from draft' }]);
  });

  it('a state the declaration does not know is refused for the state, named by its code', () => {
    const d = decide(PERMIT, attempt('lost' as S, 'submit', SUBMITTER));
    expect(!d.allowed && d.reason).toBe('state');
    expect(!d.allowed && d.error.message).toContain('“lost”');
  });
});

describe('an action the workflow does not have', () => {
  it.each(['publish', 'toString', '__proto__', ''])('%j is refused with 422', (name) => {
    const d = decide(PERMIT, attempt('draft', name as A, ADMIN));
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.reason).toBe('unknown_action');
    expect(problemFromDomainError(d.error).status).toBe(422);
    expect(d.error.fields).toEqual([{ field: 'body.action', message: `unknown action ${name}` }]);
  });
});

describe('who may take each action', () => {
  const ROLES = ['bureau_admin', 'inspector', 'legal_reviewer', 'mine_user', 'partner_dept', 'system'] as const;
  // [action, state it is allowed from, the roles that may take it, the status the others get]
  const table: [A, S, readonly string[], 403 | 422][] = [
    ['submit', 'draft', ['bureau_admin', 'inspector'], 403],
    ['note', 'review', ['inspector'], 403],
    ['grant', 'review', ['legal_reviewer'], 422],
    ['refuse', 'review', ['legal_reviewer'], 403],
    ['close', 'granted', ['bureau_admin'], 403],
    ['sweep', 'granted', ['system'], 403],
  ];
  const rows = table.flatMap(([action, state, roles, status]) =>
    ROLES.map((role) => [action, role, state, roles.includes(role) ? 'ok' : String(status)] as const),
  );
  it.each(rows)('%s by %s → %s', (action, role, state, want) => {
    const pick = action === 'close' ? { to: 'archived' as const } : {};
    const d = decide(PERMIT, attempt(state, action, { sub: `someone-${role}`, role }, pick));
    expect(d.allowed ? 'ok' : String(problemFromDomainError(d.error).status)).toBe(want);
  });

  it('403: says who may, in Chinese, and lists no field', () => {
    const d = decide(PERMIT, attempt('draft', 'submit', MINE));
    expect(!d.allowed && d.error).toBeInstanceOf(ForbiddenError);
    expect(!d.allowed && d.error.message).toBe(
      '煤矿用户（mine_user）不能提交审核（submit），须由煤管局领导或监管中队办理',
    );
    expect(!d.allowed && d.error.fields).toEqual([]);
  });

  it('422 as a rule of the flow: says who may, and names the principal', () => {
    const d = decide(PERMIT, attempt('review', 'grant', ADMIN));
    expect(!d.allowed && d.error).toBeInstanceOf(RuleError);
    expect(!d.allowed && d.error.message).toBe('煤管局领导（bureau_admin）不能批准（grant），须由法制审核办理');
    expect(!d.allowed && d.error.fields).toEqual([{ field: 'principal', message: 'role bureau_admin may not grant' }]);
  });

  it('names a scheduled job', () => {
    const d = decide(PERMIT, attempt('granted', 'sweep', ADMIN));
    expect(!d.allowed && d.error.message).toContain('须由系统（定时任务）办理');
  });
});

describe('the order of the checks', () => {
  it.each([
    ['a 403 role comes before the wrong state', attempt('archived', 'submit', MINE), '403 role'],
    ['the wrong state comes before a 422 role', attempt('draft', 'grant', ADMIN), '422 state body.action'],
    [
      'the wrong state comes before a four-eyes pair',
      attempt('draft', 'grant', as(AUTHOR, 'legal_reviewer')),
      '422 state body.action',
    ],
    ['a four-eyes pair comes before a 422 role', attempt('review', 'grant', AUTHOR), '422 four_eyes principal'],
    ['a 422 role after all else', attempt('review', 'grant', ADMIN), '422 role principal'],
  ] as const)('%s', (_, a, want) => {
    expect(outcome(a)).toBe(want);
  });
});

describe('four-eyes', () => {
  const legal = (actor: WorkflowActor) => as(actor, 'legal_reviewer');

  it.each([
    ['the author', legal(AUTHOR), { major: false }, '422 four_eyes principal'],
    ['the submitter of a major permit', legal(SUBMITTER), { major: true }, '422 four_eyes principal'],
    ['the submitter of a permit that is not major', legal(SUBMITTER), { major: false }, 'ok → granted'],
    ['the submitter, the item not given (every pair holds)', legal(SUBMITTER), undefined, '422 four_eyes principal'],
    ['another legal reviewer', REVIEWER, { major: true }, 'ok → granted'],
  ] as const)('grant by %s → %s', (_, actor, item, want) => {
    expect(outcome(attempt('review', 'grant', actor, { item }))).toBe(want);
  });

  it('is about the person, whatever role the token carries', () => {
    for (const role of ['legal_reviewer', 'inspector', 'bureau_admin'])
      expect(decide(PERMIT, attempt('review', 'grant', as(AUTHOR, role))).allowed).toBe(false);
  });

  it('looks at the latest step of its name only', () => {
    const twice: HistoryStep[] = [
      { action: 'write', by: AUTHOR },
      { action: 'submit', by: SUBMITTER },
      { action: 'submit', by: ADMIN },
    ];
    expect(outcome(attempt('review', 'grant', legal(SUBMITTER), { history: twice }))).toBe('ok → granted');
    expect(outcome(attempt('review', 'grant', legal(ADMIN), { history: twice }))).toBe('422 four_eyes principal');
  });

  it('holds nothing against anyone when the step is not in the history', () => {
    expect(outcome(attempt('review', 'grant', legal(AUTHOR), { history: [] }))).toBe('ok → granted');
  });

  it('binds only the actions that declare it', () => {
    expect(outcome(attempt('review', 'refuse', legal(AUTHOR)))).toBe('ok → refused');
  });

  it('says why in Chinese, naming who took the other step, and the party in the field list', () => {
    const error = fourEyesRefusal(PERMIT, 'grant', AUTHOR, HISTORY, { major: true });
    expect(error).toBeInstanceOf(RuleError);
    expect(error?.message).toBe('起草人不能批准（四眼原则）：本许可的起草人为 张起草（u-author），须由另一人办理');
    expect(error?.fields).toEqual([{ field: 'principal', message: 'the author may not decide' }]);
    expect(fourEyesRefusal(PERMIT, 'grant', SUBMITTER, HISTORY, { major: true })?.message).toContain(
      '提交人为 u-submitter',
    );
    expect(fourEyesRefusal(PERMIT, 'grant', REVIEWER, HISTORY, { major: true })).toBeUndefined();
    expect(fourEyesRefusal(PERMIT, 'submit', AUTHOR, HISTORY)).toBeUndefined();
  });
});

describe('where an allowed action leads', () => {
  it('to its one target', () => {
    expect(enforce(PERMIT, attempt('draft', 'submit', SUBMITTER))).toBe('review');
  });

  it('nowhere else when it keeps the item where it is', () => {
    expect(enforce(PERMIT, attempt('draft', 'note', SUBMITTER))).toBe('draft');
    expect(enforce(PERMIT, attempt('review', 'note', SUBMITTER))).toBe('review');
  });

  it.each(['archived', 'draft'] as const)('to %s, of several, as the item’s data picks', (to) => {
    expect(enforce(PERMIT, attempt('granted', 'close', ADMIN, { to }))).toBe(to);
  });

  it('a pick outside the declaration, or none where one is needed, is the capability’s mistake', () => {
    expect(() => enforce(PERMIT, attempt('granted', 'close', ADMIN, { to: 'review' }))).toThrow(
      /does not lead to review/,
    );
    expect(() => enforce(PERMIT, attempt('granted', 'close', ADMIN))).toThrow(/the item's data must pick/);
    expect(() => enforce(PERMIT, attempt('draft', 'submit', ADMIN, { to: 'granted' }))).toThrow(Error);
  });

  it('enforce throws the refusal decide gives', () => {
    const a = attempt('draft', 'grant', REVIEWER);
    const d = decide(PERMIT, a);
    let thrown: unknown;
    try {
      enforce(PERMIT, a);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(!d.allowed && (thrown as DomainError).message).toBe(!d.allowed && d.error.message);
  });
});
