import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { decideMonthlyReport, listMonthlyReports, submitMonthlyReport } from '#lib/reports/monthly.ts';
import { reportingPolicy } from '#lib/reports/reporting-policy.ts';
import { getStatistics } from '#lib/reports/statistics.ts';
import { reportRoutes } from './reports.routes.ts';

/** Reports upward: the statistics table, and the district's monthly report submitted to, returned or accepted by the city. */
export const handler = apiHandler(reportRoutes, {
  getReportStatistics: async ({ store, query }) => ({ body: await getStatistics(store, query) }),
  listMonthlyReports: async ({ store, query }) => ({ body: await listMonthlyReports(store, query) }),
  submitMonthlyReport: async ({ store, params, body }) => ({
    body: await submitMonthlyReport(store, params.month, body),
  }),
  returnMonthlyReport: async ({ store, params, body }) => ({
    body: await decideMonthlyReport(store, params.month, 'return', body),
  }),
  acceptMonthlyReport: async ({ store, params, body }) => ({
    body: await decideMonthlyReport(store, params.month, 'accept', body),
  }),
  ...policyOperations(reportingPolicy, 'Reporting'),
});
