import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import {
  createHazardBody,
  hazardActionBody,
  hazardIdParams,
  hazardSchema,
  hazardStandardSchema,
  listHazardsQuery,
} from '#lib/hazards/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { listOf, mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'hazards';
/** Inspectors and leaders record hazards; a mine self-reports its own. */
const RECORDERS: readonly Role[] = ['bureau_admin', 'inspector', 'mine_user'];
/** Who works the flow: the mine starts and submits its rectification, the bureau starts, verifies and rejects (checked per action). */
const HANDLERS: readonly Role[] = ['bureau_admin', 'inspector', 'mine_user'];

export const hazardRoutes = [
  defineRoute({
    operationId: 'recordHazard',
    method: 'POST',
    path: '/v1/mines/{mineId}/hazards',
    roles: RECORDERS,
    tag,
    summary: '登记隐患 (record a hazard: general, or major under listed supervision)',
    description:
      'A major hazard needs a category of the standard version in force on foundOn (GB-2015 up to 2020-12-31, GB-2020 from 2021-01-01; the default when standardVersion is omitted), measures and the 五落实 under supervision (responsiblePerson, funds, contingencyPlan, official); naming another version, or a category only another version has, is a 422 naming the field. A mine user self-reports its own mine only.',
    params: mineIdParams,
    body: createHazardBody,
    status: 201,
    response: hazardSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineHazards',
    method: 'GET',
    path: '/v1/mines/{mineId}/hazards',
    roles: MINE_READERS,
    tag,
    summary: '煤矿隐患列表 (a mine’s hazards, newest first; filters status, overdue, major)',
    params: mineIdParams,
    query: listHazardsQuery,
    response: pageOf(hazardSchema),
  }),
  defineRoute({
    operationId: 'listHazards',
    method: 'GET',
    path: '/v1/hazards',
    roles: MINE_READERS,
    tag,
    summary: '辖区隐患列表 (your jurisdiction’s hazards; a mine user’s own; filters status, overdue, major)',
    query: listHazardsQuery,
    response: pageOf(hazardSchema),
  }),
  defineRoute({
    operationId: 'getHazard',
    method: 'GET',
    path: '/v1/hazards/{hazardId}',
    roles: MINE_READERS,
    tag,
    summary: '隐患详情与处理过程 (a hazard with its steps)',
    params: hazardIdParams,
    response: hazardSchema,
  }),
  defineRoute({
    operationId: 'actOnHazard',
    method: 'POST',
    path: '/v1/hazards/{hazardId}/actions',
    roles: HANDLERS,
    tag,
    summary: '隐患整改流程 (start | submit | verify | reject)',
    description:
      'start: reported → rectifying (mine user or bureau); submit: rectifying → submitted, the mine’s evidence, note required (mine user); verify: submitted → verified, 销号 (bureau; not the submitter, nor the recorder of a major hazard: 422); reject: submitted → rectifying, reason in note (bureau). Wrong state → 422, stale version → 409.',
    params: hazardIdParams,
    body: hazardActionBody,
    response: hazardSchema,
  }),
  defineRoute({
    operationId: 'listHazardStandards',
    method: 'GET',
    path: '/v1/hazard-standards',
    // Every role but the partner departments, which may ask the blacklist check and nothing else.
    roles: MINE_READERS,
    tag,
    summary: '重大事故隐患判定标准 (the standard’s versions and their categories)',
    response: listOf(hazardStandardSchema),
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const hazardsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] },
  sendsTo: [notificationsQueue.name],
};
