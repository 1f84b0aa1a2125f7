import type { Role } from './roles.ts';

/** Who may do what, named once so the route tables (the API's and the dashboard's) read as a policy. */
export const ANY_BUREAU: readonly Role[] = ['bureau_admin', 'inspector', 'legal_reviewer'];
export const MINE_READERS: readonly Role[] = [...ANY_BUREAU, 'mine_user'];
export const ADMIN_ONLY: readonly Role[] = ['bureau_admin'];
/** The mine's own staff keep their contacts and duties current; the bureau admin may too. */
export const ADMIN_OR_OWN_MINE: readonly Role[] = ['bureau_admin', 'mine_user'];
/**
 * A change of a mine's equipment register or meters: a bureau admin's is in force at once; an inspector's or the
 * mine's own is a request that counts only once approved.
 */
export const REGISTER_WRITERS: readonly Role[] = ['bureau_admin', 'inspector', 'mine_user'];
/** Who approves or rejects a request to change the register (never the one who asked: four-eyes). */
export const REGISTER_DECIDERS: readonly Role[] = ['bureau_admin', 'inspector'];
