// 复工复产验收's rules without the store: who may approve (the second signature: not the check's leader, not its
// recorder, an admin not exempt), which hazards block the approval, when each step is due, and which status changes
// the registry refuses as a way around it; the terms a bureau may set for the due days, at their bounds.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { type AcceptanceRecord, dueOnFor } from '#lib/acceptance/acceptance-item.ts';
import { acceptancePolicy, DEFAULT_ACCEPTANCE_TERMS } from '#lib/acceptance/acceptance-policy.ts';
import { acceptanceHistory, majorHazardBlock } from '#lib/acceptance/rules.ts';
import { ACCEPTANCE_WORKFLOW } from '#lib/acceptance/vocabulary.ts';
import { ForbiddenError, RuleError } from '#lib/errors.ts';
import { refuseResumptionWithoutAcceptance } from '#lib/registry/status-history.ts';
import { MINE_STATUSES, type MineStatus, needsAcceptance } from '#lib/registry/vocabulary.ts';
import { decide } from '#lib/workflow/engine.ts';

const mineUser = { sub: 'dev-mine_user-m-1', role: 'mine_user' };
const leader = { userId: 'u-leader', name: '王带队' };
const recorder = { sub: 'u-recorder', role: 'inspector', name: '李记录' };
const checked: Pick<AcceptanceRecord, 'application' | 'check' | 'status'> = {
  status: 'checked',
  application: { report: '整改完毕', evidence: [], appliedBy: mineUser, appliedAt: '2026-11-01T00:00:00Z' },
  check: {
    inspectionId: 'insp-1',
    leader,
    assignedBy: recorder,
    assignedAt: '2026-11-02T00:00:00Z',
    findings: '现场核查整改到位',
    checkedOn: '2026-11-03',
    recordedBy: recorder,
    recordedAt: '2026-11-03T00:00:00Z',
  },
};

const approveBy = (sub: string, role = 'bureau_admin') =>
  decide(ACCEPTANCE_WORKFLOW, {
    state: 'checked',
    action: 'approve',
    actor: { sub, role },
    history: acceptanceHistory(checked),
    item: checked,
  });

describe('the approval is a second signature', () => {
  it.each([
    ['the inspection’s leader, an admin', 'u-leader', 'bureau_admin', '现场检查带队负责人'],
    ['the recorder of the check, an admin', 'u-recorder', 'bureau_admin', '现场检查结论记录人'],
  ])('%s → 422 naming who', (_, sub, role, party) => {
    const d = approveBy(sub, role);
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.reason).toBe('four_eyes');
    expect(d.error).toBeInstanceOf(RuleError);
    expect(d.error.message).toContain(party);
  });

  it('another bureau_admin → approved', () => {
    expect(approveBy('u-other-admin')).toEqual({ allowed: true, to: 'approved' });
  });

  it.each(['inspector', 'legal_reviewer', 'mine_user'])('a %s may not approve → 403', (role) => {
    const d = approveBy('u-someone', role);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.error).toBeInstanceOf(ForbiddenError);
  });

  it('only from checked: approving an application not yet checked → 422 naming the state', () => {
    const d = decide(ACCEPTANCE_WORKFLOW, {
      state: 'checking',
      action: 'approve',
      actor: { sub: 'u-other-admin', role: 'bureau_admin' },
      history: acceptanceHistory(checked),
    });
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.error.message).toContain('现场检查中');
  });

  it('the history names the applicant, the leader and the recorder', () => {
    expect(acceptanceHistory(checked).map((s) => [s.action, s.by.sub])).toEqual([
      ['apply', mineUser.sub],
      ['lead_check', 'u-leader'],
      ['record_check', 'u-recorder'],
    ]);
    expect(acceptanceHistory({ application: checked.application }).map((s) => s.action)).toEqual(['apply']);
  });
});

describe('open major hazards block the approval', () => {
  const h = (hazardId: string, level: 'general' | 'major', status: 'reported' | 'submitted' | 'verified') => ({
    hazardId,
    level,
    status,
    description: `隐患 ${hazardId}`,
  });
  it.each([
    ['none', [], undefined],
    ['a general one open', [h('hz-g', 'general', 'reported')], undefined],
    ['a major one verified', [h('hz-v', 'major', 'verified')], undefined],
    ['a major one submitted, not verified', [h('hz-s', 'major', 'submitted')], ['hz-s']],
    [
      'two major ones and a general one',
      [h('hz-1', 'major', 'reported'), h('hz-g', 'general', 'reported'), h('hz-2', 'major', 'submitted')],
      ['hz-1', 'hz-2'],
    ],
  ] as const)('%s', (_, hazards, blocked) => {
    const error = majorHazardBlock(hazards);
    if (!blocked) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(RuleError);
    for (const id of blocked) expect(error!.message).toContain(id);
    expect(error!.message).toContain('挂牌督办');
    expect(error!.message).not.toContain('hz-g');
  });
});

describe('when the bureau’s next step is due', () => {
  it.each([
    ['applied', '2026-11-01', '2026-11-11'],
    ['checking', '2026-11-01', '2026-11-11'],
    ['checked', '2026-11-28', '2026-12-03'],
    ['approved', '2026-11-28', undefined],
    ['returned', '2026-11-28', undefined],
  ] as const)('%s since %s → %s (the default terms)', (status, since, due) => {
    expect(dueOnFor(status, since, DEFAULT_ACCEPTANCE_TERMS)).toBe(due);
  });

  it.each([
    ['applied', { checkDays: 1, approvalDays: 30 }, '2026-11-02'],
    ['checking', { checkDays: 60, approvalDays: 1 }, '2026-12-31'],
    ['checked', { checkDays: 60, approvalDays: 1 }, '2026-11-02'],
    ['checked', { checkDays: 1, approvalDays: 30 }, '2026-12-01'],
  ] as const)('%s under %o since 2026-11-01 → %s', (status, terms, due) => {
    expect(dueOnFor(status, '2026-11-01', terms)).toBe(due);
  });
});

describe('the acceptance terms a bureau may set', () => {
  it('default to 10 days for the check and 5 for the approval', () => {
    expect(DEFAULT_ACCEPTANCE_TERMS).toEqual({ checkDays: 10, approvalDays: 5 });
    expect(acceptancePolicy.defaults).toBe(DEFAULT_ACCEPTANCE_TERMS);
  });

  it.each([
    ['checkDays', 0, false],
    ['checkDays', 1, true],
    ['checkDays', 60, true],
    ['checkDays', 61, false],
    ['checkDays', 10.5, false],
    ['approvalDays', 0, false],
    ['approvalDays', 1, true],
    ['approvalDays', 30, true],
    ['approvalDays', 31, false],
    ['approvalDays', 2.5, false],
  ] as const)('%s = %d accepted: %s', (setting, value, ok) => {
    const terms = { ...DEFAULT_ACCEPTANCE_TERMS, [setting]: value };
    expect(z.safeParse(acceptancePolicy.schema, terms).success).toBe(ok);
  });
});

describe('a direct change back to producing is refused', () => {
  const cases: [MineStatus, MineStatus, boolean][] = [];
  for (const from of MINE_STATUSES)
    for (const to of MINE_STATUSES)
      cases.push([from, to, to === 'producing' && ['suspended', 'rectifying', 'construction'].includes(from)]);
  it.each(cases)('%s → %s refused: %s', (from, to, refused) => {
    expect(needsAcceptance(from, to)).toBe(refused);
    const attempt = () => refuseResumptionWithoutAcceptance(from, to);
    if (refused) expect(attempt).toThrow(/复工复产验收/);
    else expect(attempt).not.toThrow();
  });
});
