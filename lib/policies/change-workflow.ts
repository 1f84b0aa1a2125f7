import type { WorkflowDeclaration } from '#lib/workflow/declaration.ts';

/**
 * The flow of a pending policy change (策略变更待法制审核), plain data: a bureau admin's change of a guarded setting
 * (./guarded.ts) is proposed, and a legal reviewer who is not the proposer approves it (a new version of the
 * policy, in force at once) or rejects it with a reason. The decision is the last segment of the request's path, so
 * a refusal for the state names the change in the path.
 */
export const POLICY_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type PolicyChangeStatus = (typeof POLICY_CHANGE_STATUSES)[number];
export const POLICY_CHANGE_STATUS_LABELS: Record<PolicyChangeStatus, string> = {
  pending: '待法制审核',
  approved: '已批准生效',
  rejected: '已驳回',
};

export const POLICY_CHANGE_DECISIONS = ['approve', 'reject'] as const;
export type PolicyChangeDecision = (typeof POLICY_CHANGE_DECISIONS)[number];

const NOT_THE_PROPOSER = [{ notBy: 'propose', party: 'proposer', partyLabel: '提出人' }] as const;

export const POLICY_CHANGE_WORKFLOW: WorkflowDeclaration<PolicyChangeStatus, PolicyChangeDecision> = {
  subject: '策略变更',
  states: POLICY_CHANGE_STATUSES,
  stateLabels: POLICY_CHANGE_STATUS_LABELS,
  creation: { propose: '提出变更' },
  roleRefusal: 'forbidden',
  actionField: 'path.changeId',
  actions: {
    approve: {
      label: '批准',
      from: ['pending'],
      to: 'approved',
      by: ['legal_reviewer'],
      fourEyes: NOT_THE_PROPOSER,
    },
    reject: { label: '驳回', from: ['pending'], to: 'rejected', by: ['legal_reviewer'], fourEyes: NOT_THE_PROPOSER },
  },
};
