import { MINE_READERS } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import {
  feedParams,
  feedPutResponse,
  feedRangeQuery,
  gasDaySchema,
  monitorRangeSchema,
  personnelDaySchema,
} from '#lib/monitoring/schemas.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { mineIdParams } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'monitoring';
/**
 * The feeds come from the mine's own systems (these routes) or the networked supervision platform's file (the bulk
 * import, a bureau user's upload). A bureau user's hand entry would be neither: 403.
 */
const FEED_WRITERS = ['mine_user'] as const;
const precedence =
  'Precedence platform > mine: where the platform’s file already recorded the day, your report is kept beside it ' +
  'as the mine’s declaration (kind declared) and the platform’s value stays in force. Reporting other values for a ' +
  'day you already reported is a revision: the new value is in force and the old one kept in the day’s history (a ' +
  'revision after the day was reviewed is marked afterReview). The same body twice changes nothing.';

export const monitoringRoutes = [
  defineRoute({
    operationId: 'putPersonnelFeed',
    createdStatus: 201,
    method: 'PUT',
    path: '/v1/mines/{mineId}/monitoring/{date}/personnel',
    roles: FEED_WRITERS,
    tag,
    summary: '报送某日井下人数 (personnel location system: people underground per shift and the day’s peak)',
    description: precedence,
    params: feedParams,
    body: personnelDaySchema,
    response: feedPutResponse,
  }),
  defineRoute({
    operationId: 'putGasFeed',
    createdStatus: 201,
    method: 'PUT',
    path: '/v1/mines/{mineId}/monitoring/{date}/gas',
    roles: FEED_WRITERS,
    tag,
    summary: '报送某日安全监控摘要 (gas over-limit events and sensor outages; empty lists: none that day)',
    description: precedence,
    params: feedParams,
    body: gasDaySchema,
    response: feedPutResponse,
  }),
  defineRoute({
    operationId: 'getMonitoringFeeds',
    method: 'GET',
    path: '/v1/mines/{mineId}/monitoring',
    roles: MINE_READERS,
    tag,
    summary: '监测数据 (both feeds per day over [from, to], at most 366 days; default the last 30 days)',
    description:
      'Each day with the value in force of each feed and its provenance, the mine’s declarations and the history of changes.',
    params: mineIdParams,
    query: feedRangeQuery,
    response: monitorRangeSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const monitoringNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: [] },
  // A feed changed on a reviewed day reviews it again, which may open a case and tell the leaders.
  sendsTo: [notificationsQueue.name],
};
