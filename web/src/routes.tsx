import type { JSX } from 'preact';
import { ANY_BUREAU as BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from './labels.ts';
import { MFA_PATH } from './nav.ts';
import type { Claims } from './session.ts';

/**
 * Every page of the dashboard: its hash pattern, its title, who may open it, and how to fetch its code. Pages load
 * on demand, so the first visit downloads the shell and the one page it shows.
 */
export interface PageProps {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly claims: Claims;
}
export type PageComponent = (props: PageProps) => JSX.Element;

export interface RouteDef {
  readonly pattern: string;
  readonly title: string;
  /** Who may open it; the API checks again on every request. */
  readonly roles: readonly Role[];
  readonly load: () => Promise<PageComponent>;
}

export { MFA_PATH };

export const ROUTES: readonly RouteDef[] = [
  {
    pattern: '/',
    title: '总览',
    roles: BUREAU,
    load: () => import('./pages/overview.tsx').then((m) => m.OverviewPage),
  },
  {
    pattern: '/overview',
    title: '辖区总览',
    roles: BUREAU,
    load: () => import('./pages/overview.tsx').then((m) => m.OverviewPage),
  },
  {
    pattern: '/disclosures',
    title: '执法公示',
    roles: BUREAU,
    load: () => import('./pages/disclosures.tsx').then((m) => m.DisclosuresPage),
  },
  {
    pattern: '/reports',
    title: '统计报表',
    roles: BUREAU,
    load: () => import('./pages/reports.tsx').then((m) => m.ReportsPage),
  },
  {
    pattern: '/check',
    title: '联合惩戒查询',
    roles: ['partner_dept', ...BUREAU],
    load: () => import('./pages/blacklist-check.tsx').then((m) => m.BlacklistCheckPage),
  },
  {
    pattern: '/review',
    title: '用电审查日报',
    roles: BUREAU,
    load: () => import('./pages/review.tsx').then((m) => m.ReviewPage),
  },
  {
    pattern: '/review/:date',
    title: '用电审查日报',
    roles: BUREAU,
    load: () => import('./pages/review.tsx').then((m) => m.ReviewPage),
  },
  {
    pattern: '/tipoffs',
    title: '举报处理',
    roles: BUREAU,
    load: () => import('./pages/tipoffs.tsx').then((m) => m.TipoffsPage),
  },
  {
    pattern: '/tipoffs/:tipoffId',
    title: '举报详情',
    roles: BUREAU,
    load: () => import('./pages/tipoff.tsx').then((m) => m.TipoffPage),
  },
  {
    pattern: '/mines',
    title: '煤矿档案',
    roles: MINE_READERS,
    load: () => import('./pages/mines.tsx').then((m) => m.MinesPage),
  },
  {
    pattern: '/mines/:mineId',
    title: '一矿一档',
    roles: MINE_READERS,
    load: () => import('./pages/mine/mine-page.tsx').then((m) => m.MinePage),
  },
  {
    pattern: '/mines/:mineId/persons/:personId',
    title: '个人档案',
    roles: MINE_READERS,
    load: () => import('./pages/person-file.tsx').then((m) => m.PersonFilePage),
  },
  {
    pattern: '/work',
    title: '本矿填报',
    roles: ['mine_user'],
    load: () => import('./pages/mine-work/mine-work-page.tsx').then((m) => m.MineWorkPage),
  },
  {
    pattern: '/mines/:mineId/work',
    title: '本矿填报',
    roles: ['mine_user', 'inspector', 'bureau_admin'],
    load: () => import('./pages/mine-work/mine-work-page.tsx').then((m) => m.MineWorkPage),
  },
  {
    pattern: '/cases',
    title: '调查核实案件',
    roles: MINE_READERS,
    load: () => import('./pages/cases.tsx').then((m) => m.CasesPage),
  },
  {
    pattern: '/cases/:caseId',
    title: '案件详情',
    roles: MINE_READERS,
    load: () => import('./pages/case.tsx').then((m) => m.CasePage),
  },
  {
    pattern: '/directives',
    title: '督办函件',
    roles: MINE_READERS,
    load: () => import('./pages/directives/directives-list.tsx').then((m) => m.DirectivesPage),
  },
  {
    pattern: '/directives/:mineId/:directiveId',
    title: '督办文书',
    roles: MINE_READERS,
    load: () => import('./pages/directives/directive-page.tsx').then((m) => m.DirectivePage),
  },
  {
    pattern: '/hazards',
    title: '隐患排查治理',
    roles: MINE_READERS,
    load: () => import('./pages/hazards.tsx').then((m) => m.HazardsPage),
  },
  {
    pattern: '/acceptances',
    title: '复工验收',
    roles: MINE_READERS,
    load: () => import('./pages/acceptances.tsx').then((m) => m.AcceptancesPage),
  },
  {
    pattern: '/acceptances/:acceptanceId',
    title: '复工复产验收',
    roles: MINE_READERS,
    load: () => import('./pages/acceptance.tsx').then((m) => m.AcceptancePage),
  },
  {
    pattern: '/hazards/:hazardId',
    title: '隐患详情',
    roles: MINE_READERS,
    load: () => import('./pages/hazard.tsx').then((m) => m.HazardPage),
  },
  {
    pattern: '/credit',
    title: '安全信用分类',
    roles: BUREAU,
    load: () => import('./pages/credit.tsx').then((m) => m.CreditPage),
  },
  {
    pattern: '/plan',
    title: '执法计划',
    roles: BUREAU,
    load: () => import('./pages/plan/plan-page.tsx').then((m) => m.PlanPage),
  },
  {
    pattern: '/blacklist',
    title: '严重失信主体名单',
    roles: BUREAU,
    load: () => import('./pages/blacklist.tsx').then((m) => m.BlacklistPage),
  },
  {
    pattern: '/blacklist/:entryId',
    title: '名单记录',
    roles: BUREAU,
    load: () => import('./pages/blacklist-entry.tsx').then((m) => m.BlacklistEntryPage),
  },
  {
    pattern: '/legal',
    title: '法制审核',
    roles: ['legal_reviewer', 'bureau_admin'],
    load: () => import('./pages/legal/legal-page.tsx').then((m) => m.LegalPage),
  },
  {
    pattern: '/policies',
    title: '策略设置',
    roles: ['bureau_admin'],
    load: () => import('./pages/policies/policies-page.tsx').then((m) => m.PoliciesPage),
  },
  {
    pattern: '/admin/mines',
    title: '矿井管理',
    roles: ['bureau_admin'],
    load: () => import('./pages/admin/mines-admin.tsx').then((m) => m.MinesAdminPage),
  },
  {
    pattern: '/admin/mines/:mineId',
    title: '煤矿档案维护',
    roles: ['bureau_admin'],
    load: () => import('./pages/admin/mine-admin.tsx').then((m) => m.MineAdminPage),
  },
  {
    pattern: '/admin/users',
    title: '人员账号',
    roles: ['bureau_admin'],
    load: () => import('./pages/admin/users-admin.tsx').then((m) => m.UsersAdminPage),
  },
  {
    pattern: '/register-requests',
    title: '台账审批',
    roles: ['bureau_admin', 'inspector'],
    load: () => import('./pages/admin/register-requests.tsx').then((m) => m.RegisterRequestsPage),
  },
  {
    pattern: '/inspect',
    title: '现场检查',
    roles: ['inspector', 'bureau_admin'],
    load: () => import('./pages/inspect/inspect-list.tsx').then((m) => m.InspectPage),
  },
  {
    pattern: '/inspect/:inspectionId',
    title: '现场检查',
    roles: ['inspector', 'bureau_admin'],
    load: () => import('./pages/inspect/inspection-page.tsx').then((m) => m.InspectionPage),
  },
  {
    pattern: '/notifications',
    title: '通知提醒',
    roles: MINE_READERS,
    load: () => import('./pages/notifications.tsx').then((m) => m.NotificationsPage),
  },
  {
    pattern: MFA_PATH,
    title: '两步验证',
    roles: ['bureau_admin', 'legal_reviewer'],
    load: () => import('./pages/security/mfa-page.tsx').then((m) => m.MfaRoutePage),
  },
  {
    pattern: '/print/inspection/:inspectionId',
    title: '现场检查记录',
    roles: MINE_READERS,
    load: () => import('./pages/print/inspection-record.tsx').then((m) => m.InspectionRecordPrint),
  },
  {
    pattern: '/print/decision/:inspectionId/:n',
    title: '现场处理决定书',
    roles: MINE_READERS,
    load: () => import('./pages/print/onsite-decision.tsx').then((m) => m.OnsiteDecisionPrint),
  },
  {
    pattern: '/print/penalty/:penaltyId',
    title: '行政处罚决定书',
    roles: MINE_READERS,
    load: () => import('./pages/print/penalty-decision.tsx').then((m) => m.PenaltyDecisionPrint),
  },
  {
    pattern: '/print/directive/:mineId/:directiveId',
    title: '督办文书',
    roles: MINE_READERS,
    load: () => import('./pages/print/directive.tsx').then((m) => m.DirectivePrint),
  },
];

/** Where a role lands instead of the page asked for: a mine's staff on their own file, a partner department on the check. */
export function landingRedirect(claims: Claims, path: string): string | undefined {
  if (path !== '/') return undefined;
  if (claims.role === 'mine_user')
    return claims.mineId ? `/mines/${encodeURIComponent(claims.mineId)}` : '/notifications';
  if (claims.role === 'partner_dept') return '/check';
  return undefined;
}
