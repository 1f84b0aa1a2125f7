import type { WorkflowDeclaration } from '#lib/workflow/declaration.ts';

/**
 * The flow of a tier override (信用等级调整), plain data: a bureau admin proposes it; a legal reviewer who is not the
 * proposer approves or rejects it (法制审核, two signatures). The decision is the last segment of the request's
 * path, so a refusal for the state names the override in the path.
 */
export const OVERRIDE_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];
export const OVERRIDE_STATUS_LABELS: Record<OverrideStatus, string> = {
  proposed: '待法制审核',
  approved: '已批准',
  rejected: '已驳回',
};

export const OVERRIDE_DECISIONS = ['approve', 'reject'] as const;
export type OverrideDecision = (typeof OVERRIDE_DECISIONS)[number];

const NOT_THE_PROPOSER = [{ notBy: 'propose', party: 'proposer', partyLabel: '提议人' }] as const;

export const OVERRIDE_WORKFLOW: WorkflowDeclaration<OverrideStatus, OverrideDecision> = {
  subject: '信用等级调整',
  states: OVERRIDE_STATUSES,
  stateLabels: OVERRIDE_STATUS_LABELS,
  creation: { propose: '提议调整' },
  roleRefusal: 'forbidden',
  actionField: 'path.overrideId',
  actions: {
    approve: {
      label: '批准',
      from: ['proposed'],
      to: 'approved',
      by: ['legal_reviewer'],
      fourEyes: NOT_THE_PROPOSER,
    },
    reject: { label: '驳回', from: ['proposed'], to: 'rejected', by: ['legal_reviewer'], fourEyes: NOT_THE_PROPOSER },
  },
};
