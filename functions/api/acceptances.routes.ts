import { acceptancePolicy } from '#lib/acceptance/acceptance-policy.ts';
import {
  acceptanceActionBody,
  acceptanceIdParams,
  acceptanceSchema,
  applyAcceptanceBody,
  listAcceptancesQuery,
  listMineAcceptancesQuery,
} from '#lib/acceptance/schemas.ts';
import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'acceptances';
/** The mine applies for its own acceptance. */
const APPLICANTS: readonly Role[] = ['mine_user'];
/** Who works the flow: the bureau checks, approves (bureau_admin) and returns; the mine applies again (checked per action). */
const HANDLERS: readonly Role[] = ['bureau_admin', 'inspector', 'mine_user'];

export const acceptanceRoutes = [
  defineRoute({
    operationId: 'applyForAcceptance',
    method: 'POST',
    path: '/v1/mines/{mineId}/acceptances',
    roles: APPLICANTS,
    tag,
    summary: '申请复工复产验收 (the mine’s rectification report and evidence)',
    description:
      'Only a mine that is suspended, rectifying or under construction (its latest status, a scheduled one included) applies: 422 otherwise. One acceptance under way per mine: 409.',
    params: mineIdParams,
    body: applyAcceptanceBody,
    status: 201,
    response: acceptanceSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineAcceptances',
    method: 'GET',
    path: '/v1/mines/{mineId}/acceptances',
    roles: MINE_READERS,
    tag,
    summary: '本矿复工复产验收 (newest first; filters status, from, to)',
    params: mineIdParams,
    query: listMineAcceptancesQuery,
    response: pageOf(acceptanceSchema),
  }),
  defineRoute({
    operationId: 'listAcceptances',
    method: 'GET',
    path: '/v1/acceptances',
    roles: MINE_READERS,
    tag,
    summary: '辖区复工复产验收 (your jurisdiction’s; a mine user gets its own; filters status, from, to, mineId)',
    query: listAcceptancesQuery,
    response: pageOf(acceptanceSchema),
  }),
  defineRoute({
    operationId: 'getAcceptance',
    method: 'GET',
    path: '/v1/acceptances/{acceptanceId}',
    roles: MINE_READERS,
    tag,
    summary: '一项复工复产验收与办理过程 (one acceptance with its steps)',
    params: acceptanceIdParams,
    response: acceptanceSchema,
  }),
  defineRoute({
    operationId: 'actOnAcceptance',
    method: 'POST',
    path: '/v1/acceptances/{acceptanceId}/actions',
    roles: HANDLERS,
    tag,
    summary: '复工复产验收流程 (assign_check | record_check | approve | return | reapply)',
    description:
      'assign_check: applied → checking, links an inspection of the mine started on site or done (bureau); record_check: checking → checked, the check’s findings, once that inspection is done (bureau); approve: checked → approved by a bureau_admin who is neither the inspection’s leader nor the recorder of the check (422), refused while a major hazard under 挂牌督办 is not verified (422 naming it); the mine is producing from the approval’s day, through its status history; return: back to the mine with a reason (bureau); reapply: returned → applied with a revised report (mine). Wrong role → 403, wrong state → 422, stale version → 409.',
    params: acceptanceIdParams,
    body: acceptanceActionBody,
    response: acceptanceSchema,
  }),
  ...policyRoutes(acceptancePolicy, {
    id: 'Acceptance',
    tag: 'policies',
    summary: '复工复产验收办理期限 (in force for your jurisdiction)',
    putSummary: '设定复工复产验收办理期限 (a new version for your jurisdiction)',
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const acceptancesNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] },
  // The hazards module it reads open hazards through also tells people of hazards it records.
  sendsTo: [notificationsQueue.name],
};
