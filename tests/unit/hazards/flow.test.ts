// The hazard flow as pure rules: which action is allowed from which state and by whom, the four-eyes rule of 销号,
// what an action makes of a hazard, and the keys that follow its status. Expectations are written out here from the
// issue, not read from the rule tables.
import { describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { type HazardItem, type HazardStatus, hazardKeys, hazardView, isOverdue } from '#lib/hazards/hazard-item.ts';
import {
  applyHazardAction,
  checkHazardAction,
  fourEyesRefusal,
  type HazardAction,
  type HazardActionInput,
} from '#lib/hazards/rules.ts';
import type { Actor } from '#lib/store/audit.ts';

const JUR = 'hlj/hegang/dongshan';
const inspectorA: Principal = {
  kind: 'bureau',
  sub: 'inspector-a',
  role: 'inspector',
  jurisdiction: JUR,
  name: '检查员甲',
};
const inspectorB: Principal = { kind: 'bureau', sub: 'inspector-b', role: 'inspector', jurisdiction: JUR };
const adminC: Principal = { kind: 'bureau', sub: 'admin-c', role: 'bureau_admin', jurisdiction: JUR };
const reviewer: Principal = { kind: 'bureau', sub: 'legal-1', role: 'legal_reviewer', jurisdiction: JUR };
const mineStaff: Principal = { kind: 'mine', sub: 'staff-1', role: 'mine_user', mineId: 'm-1' };
const otherMineStaff: Principal = { kind: 'mine', sub: 'staff-2', role: 'mine_user', mineId: 'm-2' };
const partner: Principal = { kind: 'partner', sub: 'partner-1', role: 'partner_dept' };
const actor = (p: Principal): Actor => ({ sub: p.sub, role: p.role, ...(p.name ? { name: p.name } : {}) });

const AT = '2025-03-10T02:00:00.000Z';

function hazard(overrides: Partial<HazardItem> = {}): HazardItem {
  return {
    hazardId: 'hz-1',
    mineId: 'm-1',
    mineName: '一号矿',
    jurisdiction: JUR,
    level: 'major',
    standardVersion: 'GB-2020',
    category: 'GAS_OVERLIMIT',
    categoryName: '瓦斯超限作业',
    description: '回风巷瓦斯浓度 1.2%',
    location: '3102 回风巷',
    foundOn: '2025-03-01',
    deadline: '2025-03-20',
    measures: '停止作业，加强通风',
    supervision: {
      responsiblePerson: { name: '矿长某' },
      funds: { amount: 200000 },
      contingencyPlan: '瓦斯超限应急预案',
      official: { userId: 'u-9', name: '督办人' },
    },
    source: 'inspection',
    status: 'reported',
    recordedBy: actor(inspectorA),
    recordedAt: '2025-03-01T02:00:00.000Z',
    steps: [{ action: 'record', at: '2025-03-01T02:00:00.000Z', by: actor(inspectorA) }],
    version: 3,
    updatedAt: '2025-03-01T02:00:00.000Z',
    ...overrides,
  };
}
const submitted = (overrides: Partial<HazardItem> = {}) =>
  hazard({
    status: 'submitted',
    rectification: { note: '已整改', evidence: ['照片-1'], submittedBy: actor(mineStaff), submittedAt: AT },
    ...overrides,
  });

const input = (action: HazardAction, overrides: Partial<HazardActionInput> = {}): HazardActionInput => ({
  action,
  version: 3,
  note: '说明',
  ...overrides,
});
const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof ForbiddenError) return '403';
    if (e instanceof NotFoundError) return '404';
    if (e instanceof ConflictError) return '409';
    if (e instanceof RuleError) return '422';
    if (e instanceof ValidationError) return '400';
    throw e;
  }
};

describe('each action from each state', () => {
  // The one who may take the action (so only the state decides).
  const by: Record<HazardAction, Principal> = {
    start: mineStaff,
    submit: mineStaff,
    verify: inspectorB,
    reject: inspectorB,
  };
  const table: [HazardAction, HazardStatus, string][] = [
    ['start', 'reported', 'ok'],
    ['start', 'rectifying', '422'],
    ['start', 'submitted', '422'],
    ['start', 'verified', '422'],
    ['submit', 'reported', '422'],
    ['submit', 'rectifying', 'ok'],
    ['submit', 'submitted', '422'],
    ['submit', 'verified', '422'],
    ['verify', 'reported', '422'],
    ['verify', 'rectifying', '422'],
    ['verify', 'submitted', 'ok'],
    ['verify', 'verified', '422'],
    ['reject', 'reported', '422'],
    ['reject', 'rectifying', '422'],
    ['reject', 'submitted', 'ok'],
    ['reject', 'verified', '422'],
  ];
  it.each(table)('%s from %s → %s', (action, status, want) => {
    expect(outcome(() => checkHazardAction(submitted({ status }), by[action], input(action)))).toBe(want);
  });

  it('a refusal for the state names the current state in Chinese', () => {
    const error = (() => {
      try {
        checkHazardAction(hazard({ status: 'verified' }), mineStaff, input('start'));
      } catch (e) {
        return e as RuleError;
      }
    })();
    expect(error?.message).toContain('已销号');
    expect(error?.fields).toEqual([{ field: 'body.action', message: 'not allowed from verified' }]);
  });
});

describe('who may take each action', () => {
  const state: Record<HazardAction, HazardStatus> = {
    start: 'reported',
    submit: 'rectifying',
    verify: 'submitted',
    reject: 'submitted',
  };
  const callers: [string, Principal][] = [
    ['bureau_admin', adminC],
    ['inspector', inspectorB],
    ['legal_reviewer', reviewer],
    ['mine_user of the mine', mineStaff],
    ['mine_user of another mine', otherMineStaff],
    ['partner_dept', partner],
  ];
  const want: Record<HazardAction, string[]> = {
    // bureau_admin, inspector, legal_reviewer, own mine_user, other mine_user, partner
    start: ['ok', 'ok', '403', 'ok', '404', '403'],
    submit: ['403', '403', '403', 'ok', '404', '403'],
    verify: ['ok', 'ok', '403', '403', '404', '403'],
    reject: ['ok', 'ok', '403', '403', '404', '403'],
  };
  for (const action of ['start', 'submit', 'verify', 'reject'] as const) {
    callers.forEach(([name, p], i) => {
      it(`${action} by ${name} → ${want[action][i]}`, () => {
        expect(outcome(() => checkHazardAction(submitted({ status: state[action] }), p, input(action)))).toBe(
          want[action][i],
        );
      });
    });
  }
});

describe('four-eyes: who may verify (销号)', () => {
  const bureauSubmitter = { note: '已整改', evidence: [], submittedBy: actor(inspectorB), submittedAt: AT };
  const table: [string, HazardItem, Principal, string][] = [
    ['the submitter', submitted({ rectification: bureauSubmitter }), inspectorB, '422'],
    [
      'the submitter of a general hazard',
      submitted({ level: 'general', rectification: bureauSubmitter }),
      inspectorB,
      '422',
    ],
    ['the recorder of a major hazard', submitted(), inspectorA, '422'],
    ['the recorder of a major hazard, as admin', submitted({ recordedBy: actor(adminC) }), adminC, '422'],
    ['the recorder of a general hazard', submitted({ level: 'general' }), inspectorA, 'ok'],
    ['another inspector', submitted(), inspectorB, 'ok'],
    ['the bureau admin', submitted(), adminC, 'ok'],
    ['a mine user', submitted(), mineStaff, '403'],
    ['a legal reviewer', submitted(), reviewer, '403'],
  ];
  it.each(table)('verify by %s → %s', (_, h, p, want) => {
    expect(outcome(() => checkHazardAction(h, p, input('verify')))).toBe(want);
  });

  it('the recorder of a major hazard may still reject it (rejecting keeps it open)', () => {
    expect(outcome(() => checkHazardAction(submitted(), inspectorA, input('reject')))).toBe('ok');
  });

  it('says why, in Chinese, naming who recorded or submitted', () => {
    expect(fourEyesRefusal(submitted(), inspectorA)?.message).toMatch(/四眼原则.*检查员甲/);
    expect(fourEyesRefusal(submitted({ rectification: bureauSubmitter }), inspectorB)?.message).toContain('整改提交人');
    expect(fourEyesRefusal(submitted(), inspectorB)).toBeUndefined();
  });
});

describe('version and required notes', () => {
  it('a stale version is 409 naming the current one', () => {
    expect(outcome(() => checkHazardAction(hazard(), mineStaff, input('start', { version: 2 })))).toBe('409');
  });
  it.each([
    ['submit', 'rectifying', mineStaff],
    ['reject', 'submitted', inspectorB],
  ] as const)('%s without a note is 400 on body.note', (action, status, p) => {
    let error: unknown;
    try {
      checkHazardAction(submitted({ status }), p, { action, version: 3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields[0]?.field).toBe('body.note');
  });
  it('start and verify need no note', () => {
    expect(outcome(() => checkHazardAction(hazard(), mineStaff, { action: 'start', version: 3 }))).toBe('ok');
    expect(outcome(() => checkHazardAction(submitted(), inspectorB, { action: 'verify', version: 3 }))).toBe('ok');
  });
});

describe('what an action makes of a hazard', () => {
  it('start → rectifying, one more step and version', () => {
    const after = applyHazardAction(hazard(), actor(mineStaff), { action: 'start', version: 3 }, AT);
    expect(after).toMatchObject({ status: 'rectifying', version: 4, updatedAt: AT });
    expect(after.steps.at(-1)).toEqual({ action: 'start', at: AT, by: actor(mineStaff) });
  });
  it('submit keeps the evidence as the latest rectification', () => {
    const after = applyHazardAction(
      hazard({ status: 'rectifying' }),
      actor(mineStaff),
      input('submit', { note: '已补设抽采管路', evidence: ['att-1', 'att-2'] }),
      AT,
    );
    expect(after.status).toBe('submitted');
    expect(after.rectification).toEqual({
      note: '已补设抽采管路',
      evidence: ['att-1', 'att-2'],
      submittedBy: actor(mineStaff),
      submittedAt: AT,
    });
    expect(after.steps.at(-1)).toMatchObject({
      action: 'submit',
      note: '已补设抽采管路',
      evidence: ['att-1', 'att-2'],
    });
  });
  it('verify closes it with who and when', () => {
    const after = applyHazardAction(submitted(), actor(inspectorB), input('verify'), AT);
    expect(after).toMatchObject({ status: 'verified', verifiedBy: actor(inspectorB), verifiedAt: AT });
  });
  it('reject sends it back to rectifying with the reason', () => {
    const after = applyHazardAction(submitted(), actor(inspectorB), input('reject', { note: '抽采管路未联网' }), AT);
    expect(after.status).toBe('rectifying');
    expect(after.steps.at(-1)).toMatchObject({ action: 'reject', note: '抽采管路未联网' });
  });
});

describe('keys follow the status', () => {
  it.each([
    ['reported', true],
    ['rectifying', true],
    ['submitted', true],
    ['verified', false],
  ] as const)('%s: on the due-date index %s', (status, due) => {
    const keys = hazardKeys(hazard({ status }));
    expect(keys).toMatchObject({
      PK: 'MINE#m-1',
      SK: 'HAZARD#hz-1',
      GSI1PK: 'HAZARDS#hlj',
      GSI1SK: `${JUR}/#${status}#hz-1`,
    });
    if (due) expect(keys).toMatchObject({ GSI2PK: `DUE#${JUR}`, GSI2SK: '2025-03-20#HAZARD#m-1#hz-1' });
    else expect(keys).not.toHaveProperty('GSI2PK');
  });
});

describe('overdue', () => {
  it.each([
    ['reported', '2025-03-20', '2025-03-21', true],
    ['rectifying', '2025-03-20', '2025-03-21', true],
    ['submitted', '2025-03-20', '2025-03-21', true],
    ['verified', '2025-03-20', '2025-03-21', false],
    ['rectifying', '2025-03-20', '2025-03-20', false],
    ['rectifying', '2025-03-20', '2025-03-19', false],
  ] as const)('%s with deadline %s on %s: %s', (status, deadline, today, want) => {
    expect(isOverdue({ status, deadline }, today)).toBe(want);
    expect(hazardView(hazard({ status, deadline }), today).overdue).toBe(want);
  });
  it('labels the view in Chinese', () => {
    expect(hazardView(hazard(), '2025-03-10')).toMatchObject({
      statusLabel: '已登记',
      levelLabel: '重大事故隐患',
      overdue: false,
    });
  });
});
