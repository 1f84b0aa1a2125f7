import '#lib/schemas/zod.ts';
import { ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { overviewQuery, overviewSchema } from '#lib/overview/schemas.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'overview';

export const overviewRoutes = [
  defineRoute({
    operationId: 'getOverview',
    method: 'GET',
    path: '/v1/overview',
    roles: ANY_BUREAU,
    tag,
    summary: '辖区总览 (a jurisdiction’s figures and a row per child, in one read)',
    description:
      'Mines by status and credit tier, last night’s review, open and overdue cases and hazards, penalties and ' +
      'fines of the month and the year, deadlines of the next 30 days; for a city or province one row per child ' +
      'jurisdiction, for a district one row per mine, each with its 90-day series. Recomputed every 5 minutes ' +
      '(asOf). A jurisdiction outside yours is 404.',
    query: overviewQuery,
    response: overviewSchema,
  }),
];

/** One Query of the jurisdiction's overview partition (and the rate limit's counter). */
export const overviewNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: [] },
};
