import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import {
  directiveItemParams,
  directiveParams,
  directiveSchema,
  issueDirectiveBody,
  listDirectivesQuery,
  listMineDirectivesQuery,
  replyBody,
  reviewBody,
} from '#lib/directives/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'directives';
/** Who issues 督办函 and 监管监察意见书 and decides on the mine's answers. */
const ISSUERS: readonly Role[] = ['bureau_admin', 'inspector'];
/** Who answers: the mine itself, only for its own. */
const ANSWERERS: readonly Role[] = ['mine_user'];
const ITEM = '/v1/mines/{mineId}/directives/{directiveId}/items/{itemNo}';

export const directiveRoutes = [
  defineRoute({
    operationId: 'issueDirective',
    method: 'POST',
    path: '/v1/mines/{mineId}/directives',
    roles: ISSUERS,
    tag,
    summary: '签发督办函 / 监管监察意见书 (kind, subject, the items to answer, deadline)',
    description:
      'Takes the bureau’s next document number of the kind (东山煤安督〔2026〕N号 / 东山煤安意〔2026〕N号) in the same transaction. The deadline may be today, not earlier (400). What is issued is never changed afterwards.',
    params: mineIdParams,
    body: issueDirectiveBody,
    status: 201,
    response: directiveSchema,
  }),
  defineRoute({
    operationId: 'listMineDirectives',
    method: 'GET',
    path: '/v1/mines/{mineId}/directives',
    roles: MINE_READERS,
    tag,
    summary: '本矿督办文书 (newest first; filters from, to)',
    params: mineIdParams,
    query: listMineDirectivesQuery,
    response: pageOf(directiveSchema),
  }),
  defineRoute({
    operationId: 'getDirective',
    method: 'GET',
    path: '/v1/mines/{mineId}/directives/{directiveId}',
    roles: MINE_READERS,
    tag,
    summary: '一份督办文书 (with each item’s state and rounds of answers)',
    params: directiveParams,
    response: directiveSchema,
  }),
  defineRoute({
    operationId: 'replyToDirectiveItem',
    method: 'POST',
    path: `${ITEM}/reply`,
    roles: ANSWERERS,
    tag,
    summary: '矿井答复一项 (text, evidence files of the document’s reply step)',
    description:
      'Only the mine’s own user. Taken while the item is open or was returned; 409 once the document is closed, the item accepted, or an earlier answer still awaits review; a stale version → 409. An answer after the deadline is taken and marked late.',
    params: directiveItemParams,
    body: replyBody,
    response: directiveSchema,
  }),
  defineRoute({
    operationId: 'reviewDirectiveItem',
    method: 'POST',
    path: `${ITEM}/review`,
    roles: ISSUERS,
    tag,
    summary: '审核一项答复 (accept, or return with a reason)',
    description:
      'Decides the item’s latest answer; 409 when there is none awaiting review. The last acceptance closes the document and takes it off the reminders.',
    params: directiveItemParams,
    body: reviewBody,
    response: directiveSchema,
  }),
  defineRoute({
    operationId: 'listDirectives',
    method: 'GET',
    path: '/v1/directives',
    roles: MINE_READERS,
    tag,
    summary: '督办函件 (your jurisdiction’s; a mine user gets its own; filters status, from, to, mineId)',
    query: listDirectivesQuery,
    response: pageOf(directiveSchema),
  }),
] as const;

/**
 * What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). An
 * answer's files are read through lib/evidence, whose module reaches the due-date index and the notifications
 * queue: declared as that module declares them.
 */
export const directivesNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] },
  sendsTo: [notificationsQueue.name],
};
