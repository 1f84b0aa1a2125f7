import {
  disclosureIdParams,
  publicDisclosureQuery,
  publicDisclosureSchema,
  statisticsQuery,
  statisticsSchema,
} from '#lib/disclosure/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { listOf, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'public';

/** 执法公示 and 执法统计, open to anyone: rate-limited at the API, reading only the public projections. */
export const publicDisclosureRoutes = [
  defineRoute({
    operationId: 'listPublicDisclosures',
    method: 'GET',
    path: '/v1/public/disclosures',
    roles: 'public',
    tag,
    summary: '执法公示 (published penalties, newest decision first; q = name / credit code / decision number)',
    query: publicDisclosureQuery,
    response: pageOf(publicDisclosureSchema),
  }),
  defineRoute({
    operationId: 'getPublicDisclosure',
    method: 'GET',
    path: '/v1/public/disclosures/{disclosureId}',
    roles: 'public',
    tag,
    summary: '一条执法公示 (one published decision; personal data masked)',
    params: disclosureIdParams,
    response: publicDisclosureSchema,
  }),
  defineRoute({
    operationId: 'listPublicStatistics',
    method: 'GET',
    path: '/v1/public/statistics',
    roles: 'public',
    tag,
    summary: '执法统计 (each jurisdiction’s enforcement statistics of a year, or of every year)',
    query: statisticsQuery,
    response: listOf(statisticsSchema),
  }),
] as const;

/**
 * What this module's function may do in AWS: read the public projections and nothing else. Its partitions:
 * `PUBLICDISCLOSURE#<id>` (one decision) and, on GSI1, `PUBLICDISCLOSURES` (the list) and `PUBLICSTATS` (the
 * statistics).
 */
export const publicDisclosuresNeeds: FunctionNeeds = {
  table: { access: 'read', indexes: ['GSI1'], leadingKeys: ['PUBLICDISCLOSURE#', 'PUBLICDISCLOSURES', 'PUBLICSTATS'] },
};
