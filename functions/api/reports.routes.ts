import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { reportingPolicy } from '#lib/reports/reporting-policy.ts';
import {
  acceptReportBody,
  monthlyQuery,
  monthlyReportSchema,
  monthlyReportsSchema,
  monthParams,
  returnReportBody,
  statisticsQuery,
  statisticsTableSchema,
  submitReportBody,
} from '#lib/reports/schemas.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'reports';

/** Reports upward: a jurisdiction's statistics per child jurisdiction, and a district's monthly report to the city. */
export const reportRoutes = [
  ...policyRoutes(reportingPolicy, {
    id: 'Reporting',
    tag: 'policies',
    summary: '月报报送期限 (the day of the next month by which a district reports its month to the city)',
    putSummary: '设定月报报送期限 (a new version; the city sets it for its districts)',
  }),
  defineRoute({
    operationId: 'getReportStatistics',
    method: 'GET',
    path: '/v1/reports/statistics',
    roles: ANY_BUREAU,
    tag,
    summary: '执法统计报表 (a month or a year, one row per child jurisdiction with the totals)',
    query: statisticsQuery,
    response: statisticsTableSchema,
  }),
  defineRoute({
    operationId: 'listMonthlyReports',
    method: 'GET',
    path: '/v1/reports/monthly',
    roles: ANY_BUREAU,
    tag,
    summary: '区县月报 (a city: its districts’ reports of a month with their states; a district: its own)',
    query: monthlyQuery,
    response: monthlyReportsSchema,
  }),
  defineRoute({
    operationId: 'submitMonthlyReport',
    method: 'POST',
    path: '/v1/reports/monthly/{month}/submit',
    roles: ADMIN_ONLY,
    tag,
    summary: '报送月报 (the district’s admin; the month’s figures frozen now; again after a return)',
    params: monthParams,
    body: submitReportBody,
    response: monthlyReportSchema,
  }),
  defineRoute({
    operationId: 'returnMonthlyReport',
    method: 'POST',
    path: '/v1/reports/monthly/{month}/return',
    roles: ADMIN_ONLY,
    tag,
    summary: '退回月报 (the city’s admin, with comments)',
    params: monthParams,
    body: returnReportBody,
    response: monthlyReportSchema,
  }),
  defineRoute({
    operationId: 'acceptMonthlyReport',
    method: 'POST',
    path: '/v1/reports/monthly/{month}/accept',
    roles: ADMIN_ONLY,
    tag,
    summary: '受理月报 (the city’s admin; final)',
    params: monthParams,
    body: acceptReportBody,
    response: monthlyReportSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const reportsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
