import type { Role } from '#lib/auth/roles.ts';

/**
 * Who may be named to answer for a mine's matters and so receive its notices: the supervising official of a listed
 * hazard (督办人), the mine's assigned official (包保责任人), a case's handler (承办人). The leaders and the
 * supervision squad supervise mines. A legal reviewer does not: the reviewer signs second on the enforcement
 * decisions those matters lead to (法制审核), and stays independent of them by never being one of their officials.
 * Plain data: the dashboard may bundle it.
 */
export const SUPERVISING_ROLES = ['bureau_admin', 'inspector'] as const satisfies readonly Role[];
export type SupervisingRole = (typeof SUPERVISING_ROLES)[number];

export const isSupervisingRole = (role: string): role is SupervisingRole =>
  (SUPERVISING_ROLES as readonly string[]).includes(role);
