import { defineRoute } from '#lib/http/route-spec.ts';
import { legalQueueSchema } from '#lib/legal-review/schemas.ts';
import { mineMoveQueue, notificationsQueue } from '#lib/queue/queues.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

/** The legal reviewer's queue: one read of what waits for the review, for the dashboard's 法制审核 page. */
const tag = 'legal-review';

export const legalReviewRoutes = [
  defineRoute({
    operationId: 'getLegalReviewQueue',
    method: 'GET',
    path: '/v1/legal-review/queue',
    roles: ['legal_reviewer', 'bureau_admin'],
    tag,
    summary:
      '法制审核待办 (your jurisdiction: penalties, blacklist steps, tier overrides and policy changes waiting for a legal reviewer)',
    description:
      'Read-only. Each item is decided on its own route (actOnPenalty, actOnBlacklistEntry, approve/rejectCreditOverride, approve/reject<Policy>PolicyChange), which checks the role and the four-eyes rule.',
    response: legalQueueSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const legalReviewNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI3'] },
  sendsTo: [notificationsQueue.name, mineMoveQueue.name],
};
