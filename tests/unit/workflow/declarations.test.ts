// Declarations: what makes one ill-formed (each mistake on its own), every capability's declaration well formed,
// the tables derived from a declaration, and the tier override's flow, which has no other unit test.
import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_WORKFLOW } from '#lib/acceptance/vocabulary.ts';
import { BLACKLIST_WORKFLOW } from '#lib/blacklist/vocabulary.ts';
import { CASE_WORKFLOW } from '#lib/cases/vocabulary.ts';
import { OVERRIDE_WORKFLOW } from '#lib/credit/override-workflow.ts';
import { HAZARD_WORKFLOW } from '#lib/hazards/vocabulary.ts';
import { problemFromDomainError } from '#lib/http/problem.ts';
import { PENALTY_WORKFLOW } from '#lib/penalties/vocabulary.ts';
import { POLICY_CHANGE_WORKFLOW } from '#lib/policies/change-workflow.ts';
import {
  actionLabels,
  actionNames,
  actionsBy,
  actionsFrom,
  actionsOpenTo,
  actionTargets,
  stepLabels,
  targetsOf,
  type WorkflowDeclaration,
} from '#lib/workflow/declaration.ts';
import { decide } from '#lib/workflow/engine.ts';
import { declarationProblems } from '#lib/workflow/well-formed.ts';

const GATE: WorkflowDeclaration<'shut' | 'open' | 'gone', 'lift' | 'drop' | 'look' | 'end'> = {
  subject: '闸门',
  states: ['shut', 'open', 'gone'],
  stateLabels: { shut: '关闭', open: '开启', gone: '拆除' },
  creation: { build: '建造' },
  roleRefusal: 'forbidden',
  actions: {
    lift: { label: '开闸', from: ['shut'], to: 'open', by: ['inspector'] },
    drop: {
      label: '关闸',
      from: ['open'],
      to: 'shut',
      by: ['bureau_admin', 'inspector'],
      fourEyes: [{ notBy: 'lift', party: 'lifter', partyLabel: '开闸人' }],
    },
    look: { label: '巡查', from: ['shut', 'open'], by: ['inspector', 'mine_user'] },
    end: { label: '拆除', from: ['shut'], to: ['gone', 'open'], by: ['system'] },
  },
};

describe('declarationProblems', () => {
  it('finds nothing wrong with a well-formed declaration', () => {
    expect(declarationProblems(GATE)).toEqual([]);
  });

  const lift = GATE.actions.lift;
  const broken = (change: Partial<WorkflowDeclaration>): WorkflowDeclaration => ({ ...GATE, ...change });
  const withLift = (change: object) => broken({ actions: { ...GATE.actions, lift: { ...lift, ...change } } });
  it.each<[string, WorkflowDeclaration, string]>([
    ['no subject', broken({ subject: '' }), 'the subject has no name'],
    ['a state twice', broken({ states: ['shut', 'open', 'gone', 'open'] }), 'a state is declared twice'],
    ['a state without its label', broken({ stateLabels: { shut: '关闭', open: '开启' } }), 'state gone has no label'],
    ['no actions', broken({ actions: {} }), 'no actions'],
    ['an action without its label', withLift({ label: '' }), 'lift has no label'],
    ['taken from no state', withLift({ from: [] }), 'lift is taken from no state'],
    ['taken from an unknown state', withLift({ from: ['ajar'] }), 'lift is taken from unknown ajar'],
    ['leading to an unknown state', withLift({ to: 'ajar' }), 'lift leads to unknown ajar'],
    ['leading to one of no states', withLift({ to: [] }), 'lift leads nowhere'],
    ['taken by no one', withLift({ by: [] }), 'lift may be taken by no one'],
    [
      'a pair naming an unknown step',
      withLift({ fourEyes: [{ notBy: 'paint', party: 'painter', partyLabel: '油漆工' }] }),
      'lift: four-eyes names unknown step paint',
    ],
    [
      'a pair naming no party',
      withLift({ fourEyes: [{ notBy: 'build', party: 'builder', partyLabel: '' }] }),
      'lift: four-eyes against build names no party',
    ],
    [
      'a creating step that is also an action',
      broken({ creation: { lift: '开闸' } }),
      'lift is both a creating step and an action',
    ],
    ['a creating step without its label', broken({ creation: { build: '' } }), 'creating step build has no label'],
  ])('%s', (_, declaration, problem) => {
    expect(declarationProblems(declaration)).toEqual([problem]);
  });

  it.each([
    ['hazards', HAZARD_WORKFLOW],
    ['penalties', PENALTY_WORKFLOW],
    ['the blacklist', BLACKLIST_WORKFLOW],
    ['cases', CASE_WORKFLOW],
    ['tier overrides', OVERRIDE_WORKFLOW],
    ['pending policy changes', POLICY_CHANGE_WORKFLOW],
    ['acceptances before resuming production', ACCEPTANCE_WORKFLOW],
  ] as const)('the declaration of %s is well formed', (_, workflow) => {
    expect(declarationProblems(workflow as WorkflowDeclaration)).toEqual([]);
  });
});

describe('the tables derived from a declaration', () => {
  it('names the actions in the order declared, with their labels', () => {
    expect(actionNames(GATE)).toEqual(['lift', 'drop', 'look', 'end']);
    expect(actionLabels(GATE)).toEqual({ lift: '开闸', drop: '关闸', look: '巡查', end: '拆除' });
  });

  it('from which states, by whom', () => {
    expect(actionsFrom(GATE)).toEqual({ lift: ['shut'], drop: ['open'], look: ['shut', 'open'], end: ['shut'] });
    expect(actionsBy(GATE)).toEqual({
      lift: ['inspector'],
      drop: ['bureau_admin', 'inspector'],
      look: ['inspector', 'mine_user'],
      end: ['system'],
    });
  });

  it('the one target of the actions that have one; all targets of an action from a state', () => {
    expect(actionTargets(GATE)).toEqual({ lift: 'open', drop: 'shut' });
    expect(targetsOf(GATE.actions.lift, 'shut')).toEqual(['open']);
    expect(targetsOf(GATE.actions.look, 'open')).toEqual(['open']);
    expect(targetsOf(GATE.actions.end, 'shut')).toEqual(['gone', 'open']);
  });

  it('the label of every step a history may hold', () => {
    expect(stepLabels(GATE)).toEqual({ build: '建造', lift: '开闸', drop: '关闸', look: '巡查', end: '拆除' });
  });

  it.each([
    ['shut', 'inspector', ['lift', 'look']],
    ['open', 'inspector', ['drop', 'look']],
    ['open', 'bureau_admin', ['drop']],
    ['shut', 'system', ['end']],
    ['gone', 'inspector', []],
    ['shut', 'partner_dept', []],
  ] as const)('open in %s to %s: %j', (state, role, actions) => {
    expect(actionsOpenTo(GATE, state, role)).toEqual(actions);
  });
});

describe('the tier override (two signatures)', () => {
  const proposer = { sub: 'admin-1', role: 'bureau_admin' };
  const history = [{ action: 'propose', by: proposer }];
  const reviewer = { sub: 'legal-1', role: 'legal_reviewer' };

  it.each([
    ['approve', 'proposed', 'ok approved'],
    ['reject', 'proposed', 'ok rejected'],
    ['approve', 'approved', '422 path.overrideId'],
    ['reject', 'approved', '422 path.overrideId'],
    ['approve', 'rejected', '422 path.overrideId'],
    ['reject', 'rejected', '422 path.overrideId'],
  ] as const)('%s from %s → %s', (action, state, want) => {
    const d = decide(OVERRIDE_WORKFLOW, { state, action, actor: reviewer, history });
    expect(d.allowed ? `ok ${d.to}` : `${problemFromDomainError(d.error).status} ${d.error.fields[0]?.field}`).toBe(
      want,
    );
  });

  it('the proposer, even holding a legal reviewer’s token, may not decide; nor may an admin', () => {
    const self = decide(OVERRIDE_WORKFLOW, {
      state: 'proposed',
      action: 'approve',
      actor: { ...proposer, role: 'legal_reviewer' },
      history,
    });
    expect(!self.allowed && self.error.fields).toEqual([
      { field: 'principal', message: 'the proposer may not decide' },
    ]);
    expect(!self.allowed && self.error.message).toContain('提议人');
    const admin = decide(OVERRIDE_WORKFLOW, { state: 'proposed', action: 'approve', actor: proposer, history });
    expect(!admin.allowed && problemFromDomainError(admin.error).status).toBe(403);
  });
});
