/** The roles and their Chinese names; the dashboard bundles this module, so it stays plain data. */
export const ROLES = ['bureau_admin', 'inspector', 'legal_reviewer', 'mine_user', 'partner_dept'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for a bureau over a jurisdiction (province → city → district). */
export const BUREAU_ROLES = ['bureau_admin', 'inspector', 'legal_reviewer'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  bureau_admin: '煤管局领导',
  inspector: '监管中队',
  legal_reviewer: '法制审核',
  mine_user: '煤矿用户',
  partner_dept: '协同部门',
};

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
