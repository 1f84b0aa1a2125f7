import { systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { findUser, registerUser } from '#lib/users/directory.ts';
import type { DevTokenInput } from '../dev-tokens.ts';
import { DEMO_JURISDICTION } from './demo-jurisdiction.ts';

/** The demo city, 鹤岗市: the demo district and the city's other demo districts lie under it. */
export const DEMO_CITY = 'hlj/hegang';

/**
 * The demo's users: the ready-made tokens `npm start` prints (the city's bureau, one per role of the demo district,
 * and an inspector of the district next door) and the directory entries behind them, so the officials the seed names (the mines'
 * assigned official, the listed hazard's supervising official) are users of the directory, in scope, like any a
 * bureau would name. Each has its subject written out: the directory and the token must agree.
 */
export const DEMO_USERS = {
  // The city's bureau reads every district of the city: its jurisdiction is the city's path.
  city_admin: { role: 'bureau_admin', sub: 'dev-city_admin', jurisdiction: DEMO_CITY, name: '鹤岗市煤管局（演示）' },
  bureau_admin: {
    role: 'bureau_admin',
    sub: 'dev-bureau_admin',
    jurisdiction: DEMO_JURISDICTION,
    name: '东山区煤管局（演示）',
  },
  inspector: { role: 'inspector', sub: 'dev-inspector', jurisdiction: DEMO_JURISDICTION, name: '监管中队（演示）' },
  legal_reviewer: {
    role: 'legal_reviewer',
    sub: 'dev-legal_reviewer',
    jurisdiction: DEMO_JURISDICTION,
    name: '法制审核（演示）',
  },
  mine_user: { role: 'mine_user', sub: 'dev-mine_user-m-taiyuan', mineId: 'm-taiyuan', name: '泰源煤矿安全科（演示）' },
  partner_dept: { role: 'partner_dept', sub: 'dev-partner_dept', name: '自然资源局（演示）' },
  // Its own user id: the demo district's inspector is the official assigned to its mines, this one is not.
  inspector_other_district: {
    role: 'inspector',
    sub: 'dev-inspector-xingshan',
    jurisdiction: 'hlj/hegang/xingshan',
    name: '兴山区监管中队（演示）',
  },
} as const satisfies Record<string, DevTokenInput & { sub: string }>;

/** The demo district's assigned official (包保) of every mine, and the one who supervises its listed hazard. */
export const DEMO_OFFICIAL = DEMO_USERS.inspector;
export const DEMO_SUPERVISING_OFFICIAL = DEMO_USERS.bureau_admin;

/**
 * Registers every demo user once (a user already there is left as it is). A partner department is kept under the
 * demo district's bureau, which manages it; a mine user under its mine's jurisdiction.
 */
export async function seedDemoUsers(db: Db): Promise<number> {
  let registered = 0;
  for (const u of Object.values(DEMO_USERS) as readonly (DevTokenInput & { sub: string })[]) {
    if (await findUser(db, u.sub)) continue;
    await registerUser(db, systemActor('seed'), {
      userId: u.sub,
      role: u.role,
      name: u.name ?? u.sub,
      jurisdiction: u.jurisdiction ?? DEMO_JURISDICTION,
      mineId: u.mineId,
    });
    registered++;
  }
  return registered;
}
