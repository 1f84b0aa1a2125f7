import { ANY_BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import { pendingChangeRoutes, policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import {
  createPenaltyBody,
  listMinePenaltiesQuery,
  listPenaltiesQuery,
  penaltyActionBody,
  penaltyDetailSchema,
  penaltyIdParams,
  penaltyPersonsBody,
  penaltySchema,
} from '#lib/penalties/schemas.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

/** Every route of the capability, its policy included, under one tag: tests/e2e/penalties.test.ts holds their tenancy matrix. */
const tag = 'penalties';
/** Who proposes penalties: the supervision squad and the bureau's leaders. The legal reviewer reviews; mines read their own. */
const PROPOSERS = ['bureau_admin', 'inspector'] as const;

export const penaltyRoutes = [
  defineRoute({
    operationId: 'createPenalty',
    method: 'POST',
    path: '/v1/mines/{mineId}/penalties',
    roles: PROPOSERS,
    tag,
    summary: '作出或提出行政处罚 (warning | fine | ordered_suspension | licence_action; 约谈 has its own route)',
    description:
      'A general penalty is in force at once (decisionNo required). A major one (ordered suspension, licence action, a fine above the penalty policy’s amount) starts as proposed and takes effect only when a legal reviewer who is not its proposer approves it. violationIds must be violations of this mine.',
    params: mineIdParams,
    body: createPenaltyBody,
    status: 201,
    response: penaltySchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMinePenalties',
    method: 'GET',
    path: '/v1/mines/{mineId}/penalties',
    roles: MINE_READERS,
    tag,
    summary: '本矿行政处罚 (newest first; filters status, kind, major)',
    params: mineIdParams,
    query: listMinePenaltiesQuery,
    response: pageOf(penaltySchema),
  }),
  defineRoute({
    operationId: 'listPenalties',
    method: 'GET',
    path: '/v1/penalties',
    roles: MINE_READERS,
    tag,
    summary: '辖区行政处罚 (your jurisdiction; a mine user its own mine; filters status, kind, major, mineId)',
    description:
      'status=effective lists penalties in force and not yet due; status=overdue those in force and past their execution due date.',
    query: listPenaltiesQuery,
    response: pageOf(penaltySchema),
  }),
  defineRoute({
    operationId: 'getPenalty',
    method: 'GET',
    path: '/v1/penalties/{penaltyId}',
    roles: MINE_READERS,
    tag,
    summary: '处罚详情 (with the violations it is for)',
    params: penaltyIdParams,
    response: penaltyDetailSchema,
  }),
  defineRoute({
    operationId: 'actOnPenalty',
    method: 'POST',
    path: '/v1/penalties/{penaltyId}/actions',
    roles: ANY_BUREAU,
    tag,
    summary: '办理处罚 (submit_for_review | approve | reject | execute | cancel)',
    description:
      'approve and reject are the legal reviewer’s, never the proposer’s or submitter’s (422). approve needs a decisionNo (given now or before); reject and cancel need a reason in note; execute needs executedOn and evidence. An approved ordered suspension puts the mine into rectifying from its first day, in its status history. Wrong state → 422, stale version → 409.',
    params: penaltyIdParams,
    body: penaltyActionBody,
    response: penaltySchema,
  }),
  defineRoute({
    operationId: 'correctPenaltyPersons',
    method: 'PATCH',
    path: '/v1/penalties/{penaltyId}/responsible-persons',
    roles: ['bureau_admin', 'inspector'],
    tag,
    summary: '更正处罚的责任人 (the whole list of key persons, with version and reason; audited)',
    description:
      'Key persons of the penalty’s mine, or already named on it; another → 422 naming the entry. Stale version → 409.',
    params: penaltyIdParams,
    body: penaltyPersonsBody,
    response: penaltySchema,
  }),
  ...policyRoutes(penaltyPolicy, {
    id: 'Penalty',
    tag,
    summary: '处罚策略 (major-fine amount, kinds always major, execution days in force for your jurisdiction)',
    putSummary: '设定处罚策略 (a new version for your jurisdiction; the major-decision settings need a legal reviewer)',
    putDescription:
      'version is the version of your jurisdiction’s own policy you read (0 when it has none); thresholds not given keep their values in force. Penalties already proposed keep the classification they got.',
  }),
  ...pendingChangeRoutes(penaltyPolicy, { id: 'Penalty', tag }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const penaltiesNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
