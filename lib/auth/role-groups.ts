import type { Role } from './roles.ts';

/** Who may do what, named once so the route tables (the API's and the dashboard's) read as a policy. */
export const ANY_BUREAU: readonly Role[] = ['bureau_admin', 'inspector', 'legal_reviewer'];
export const MINE_READERS: readonly Role[] = [...ANY_BUREAU, 'mine_user'];
export const ADMIN_ONLY: readonly Role[] = ['bureau_admin'];
/** The mine's own staff keep their contacts, meters and equipment current; the bureau admin may too. */
export const ADMIN_OR_OWN_MINE: readonly Role[] = ['bureau_admin', 'mine_user'];
