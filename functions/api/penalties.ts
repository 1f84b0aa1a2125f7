import { afterPenaltyDecided } from '#lib/disclosure/publication-due.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { pendingChangeOperations, policyOperations } from '#lib/http/policy-routes.ts';
import { actOnPenalty, createPenalty, penaltyDetail } from '#lib/penalties/penalties.ts';
import { correctPenaltyPersons } from '#lib/penalties/penalty-persons.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import { listMinePenalties, listPenalties } from '#lib/penalties/penalty-queries.ts';
import { penaltyRoutes } from './penalties.routes.ts';

/** Administrative penalties (行政处罚) with the legal review of major ones (重大执法决定法制审核), and their policy. */
export const handler = apiHandler(penaltyRoutes, {
  createPenalty: async ({ store, params, body }) => {
    const penalty = await createPenalty(store, params.mineId, body);
    // A decision in force awaits publication (执法公示) from today.
    await afterPenaltyDecided(store, penalty.penaltyId);
    return { status: 201, body: penalty, headers: { location: `/v1/penalties/${penalty.penaltyId}` } };
  },
  listMinePenalties: async ({ store, params, query }) => ({
    body: await listMinePenalties(store, params.mineId, query),
  }),
  listPenalties: async ({ store, query }) => ({ body: await listPenalties(store, query) }),
  getPenalty: async ({ store, params }) => ({ body: await penaltyDetail(store, params.penaltyId) }),
  actOnPenalty: async ({ store, params, body }) => {
    const penalty = await actOnPenalty(store, params.penaltyId, body);
    if (body.action === 'approve') await afterPenaltyDecided(store, penalty.penaltyId);
    return { body: penalty };
  },
  correctPenaltyPersons: async ({ store, params, body }) => ({
    body: await correctPenaltyPersons(store, params.penaltyId, body),
  }),
  ...policyOperations(penaltyPolicy, 'Penalty'),
  ...pendingChangeOperations(penaltyPolicy, 'Penalty'),
});
