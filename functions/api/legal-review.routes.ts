import { defineRoute } from '#lib/http/route-spec.ts';
import { legalQueueSchema } from '#lib/legal-review/schemas.ts';

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
