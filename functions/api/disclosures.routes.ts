import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { disclosurePolicy } from '#lib/disclosure/disclosure-policy.ts';
import {
  disclosureStateSchema,
  listDisclosuresQuery,
  penaltyIdParams,
  withdrawDisclosureBody,
} from '#lib/disclosure/schemas.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { listOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'disclosure';

/** The bureau's side of 执法公示: each decision's publication state, the early withdrawal, the policy. */
export const disclosureRoutes = [
  ...policyRoutes(disclosurePolicy, {
    id: 'Disclosure',
    tag: 'policies',
    summary: '执法公示策略 (working days to publish and months published, per penalty kind)',
    putSummary: '设定执法公示策略 (a new version; settings not given keep their values in force)',
  }),
  defineRoute({
    operationId: 'listDisclosures',
    method: 'GET',
    path: '/v1/disclosures',
    roles: ANY_BUREAU,
    tag,
    summary: '执法公示情况 (each decision in force in your jurisdiction: due by / published on / overdue / withdrawn)',
    query: listDisclosuresQuery,
    response: listOf(disclosureStateSchema),
  }),
  defineRoute({
    operationId: 'getDisclosure',
    method: 'GET',
    path: '/v1/disclosures/{penaltyId}',
    roles: ANY_BUREAU,
    tag,
    summary: '一项处罚的公示情况 (422 while the penalty is not in force)',
    params: penaltyIdParams,
    response: disclosureStateSchema,
  }),
  defineRoute({
    operationId: 'withdrawDisclosure',
    method: 'POST',
    path: '/v1/disclosures/{penaltyId}/withdraw',
    roles: ADMIN_ONLY,
    tag,
    summary: '提前撤下公示 (the bureau admin, with a reason: a decision revoked; audited)',
    params: penaltyIdParams,
    body: withdrawDisclosureBody,
    response: disclosureStateSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const disclosuresNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
