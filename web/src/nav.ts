/**
 * The dashboard's navigation per role, as data (the shell in app.tsx draws it: a sidebar on a desktop, 菜单 on a
 * phone).
 */
import type { Role } from '#lib/auth/roles.ts';

/** What the navigation depends on of the signed-in user's claims. */
export interface NavClaims {
  readonly role: Role;
  readonly mineId?: string;
}

/** 两步验证: where a bureau leader or legal reviewer binds an authenticator (and, without one, is sent). */
export const MFA_PATH = '/security/mfa';

export interface NavItem {
  /** `data-testid="nav-<page>"`. */
  readonly page: string;
  readonly label: string;
  readonly path: string;
}

/** A heading of the navigation and its links, in the order a bureau officer looks for them. */
export interface NavGroup {
  /** `data-testid="nav-group-<key>"`. */
  readonly key: string;
  readonly label: string;
  readonly items: readonly NavItem[];
}

const group = (key: string, label: string, items: readonly (NavItem | false | undefined)[]): NavGroup => ({
  key,
  label,
  items: items.filter((i): i is NavItem => !!i),
});

/**
 * The navigation for the signed-in role, in groups: 日常 (what comes in today), 执法 (the enforcement record),
 * 企业 (the enterprises and their standing), 管理 (accounts and settings). A role's own work comes first in 日常.
 * Groups left empty for a role are dropped.
 */
export function navFor(claims: NavClaims): NavGroup[] {
  const role = claims.role;
  if (role === 'partner_dept')
    return [group('work', '日常', [{ page: 'check', label: '联合惩戒查询', path: '/check' }])];
  const notifications = { page: 'notifications', label: '通知提醒', path: '/notifications' };
  if (role === 'mine_user') {
    return [
      group('mine', '本矿', [
        !!claims.mineId && { page: 'mine', label: '本矿档案', path: `/mines/${encodeURIComponent(claims.mineId)}` },
        { page: 'work', label: '本矿填报', path: '/work' },
        notifications,
      ]),
      group('supervision', '监管事项', [
        { page: 'cases', label: '调查核实', path: '/cases' },
        { page: 'hazards', label: '隐患整改', path: '/hazards' },
        { page: 'directives', label: '督办函件', path: '/directives' },
        { page: 'acceptances', label: '复工验收', path: '/acceptances' },
      ]),
    ];
  }
  const admin = role === 'bureau_admin';
  // The legal review's queue: the legal reviewer's own work comes first; a bureau leader may look at it too.
  const legal = { page: 'legal', label: '法制审核', path: '/legal' };
  // The on-site inspection: an inspector's own work at the mine comes first.
  const inspect = { page: 'inspect', label: '现场检查', path: '/inspect' };
  return [
    group('work', '日常', [
      role === 'legal_reviewer' && legal,
      role === 'inspector' && inspect,
      { page: 'overview', label: '辖区总览', path: '/' },
      { page: 'review', label: '用电审查', path: '/review' },
      { page: 'cases', label: '调查核实', path: '/cases' },
      { page: 'hazards', label: '隐患排查', path: '/hazards' },
      { page: 'tipoffs', label: '举报处理', path: '/tipoffs' },
      notifications,
    ]),
    group('enforcement', '执法', [
      admin && inspect,
      { page: 'plan', label: '执法计划', path: '/plan' },
      { page: 'directives', label: '督办函件', path: '/directives' },
      { page: 'acceptances', label: '复工验收', path: '/acceptances' },
      admin && legal,
      { page: 'disclosures', label: '执法公示', path: '/disclosures' },
      { page: 'reports', label: '统计报表', path: '/reports' },
    ]),
    group('enterprises', '企业', [
      { page: 'mines', label: '煤矿档案', path: '/mines' },
      { page: 'credit', label: '信用分类', path: '/credit' },
      { page: 'blacklist', label: '失信名单', path: '/blacklist' },
      { page: 'check', label: '联合惩戒查询', path: '/check' },
      (admin || role === 'inspector') && { page: 'register-requests', label: '台账审批', path: '/register-requests' },
    ]),
    group('admin', '管理', [
      admin && { page: 'admin-mines', label: '矿井管理', path: '/admin/mines' },
      admin && { page: 'admin-users', label: '人员账号', path: '/admin/users' },
      admin && { page: 'policies', label: '策略设置', path: '/policies' },
      // Signing in needs TOTP for these two roles: here they bind another phone.
      (admin || role === 'legal_reviewer') && { page: 'mfa', label: '两步验证', path: MFA_PATH },
    ]),
  ].filter((g) => g.items.length > 0);
}
