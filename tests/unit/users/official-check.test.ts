// Who may be named to answer for a mine's matter (督办人, 包保责任人, 承办人): a table of users against one mine, each
// rule on both sides of its edge, and the jurisdiction rule as a property over paths.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '#lib/auth/roles.ts';
import { officialRefusal } from '#lib/users/official-check.ts';
import type { DirectoryUser } from '#lib/users/user-item.ts';
import { SUPERVISING_ROLES } from '#lib/users/vocabulary.ts';

const MINE = { mineId: 'm-1', jurisdiction: 'hlj/hegang/dongshan' };
const user = (fields: Partial<DirectoryUser> = {}): DirectoryUser => ({
  userId: 'u-1',
  role: 'inspector',
  name: '某',
  jurisdiction: 'hlj/hegang/dongshan',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: { sub: 'seed', role: 'system' },
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...fields,
});

describe('officialRefusal', () => {
  it.each<[string, DirectoryUser | undefined, string | undefined]>([
    ['an inspector of the mine’s district', user(), undefined],
    ['a leader of the mine’s district', user({ role: 'bureau_admin' }), undefined],
    ['an inspector of the city above', user({ jurisdiction: 'hlj/hegang' }), undefined],
    ['a leader of the province', user({ role: 'bureau_admin', jurisdiction: 'hlj' }), undefined],
    ['no such user', undefined, 'not in the user directory'],
    ['a deactivated inspector of the district', user({ active: false }), 'deactivated'],
    ['a legal reviewer of the district', user({ role: 'legal_reviewer' }), 'a legal_reviewer does not supervise mines'],
    ['a user of the mine itself', user({ role: 'mine_user', mineId: 'm-1' }), 'a mine_user does not supervise mines'],
    ['a partner department', user({ role: 'partner_dept' }), 'a partner_dept does not supervise mines'],
    [
      'an inspector of the district next door',
      user({ jurisdiction: 'hlj/hegang/xingshan' }),
      'jurisdiction does not cover the mine',
    ],
    [
      'an inspector of a district below the mine’s',
      user({ jurisdiction: 'hlj/hegang/dongshan/east' }),
      'jurisdiction does not cover the mine',
    ],
    [
      'an inspector of a path that only shares letters',
      user({ jurisdiction: 'hlj/hegang/dong' }),
      'jurisdiction does not cover the mine',
    ],
    ['an inspector of another province', user({ jurisdiction: 'jl' }), 'jurisdiction does not cover the mine'],
  ])('%s → %s', (_, u, want) => {
    expect(officialRefusal(u, MINE)).toBe(want);
  });

  it('the supervising roles are the leaders and the squad, and no other role passes', () => {
    expect([...SUPERVISING_ROLES].sort()).toEqual(['bureau_admin', 'inspector']);
    for (const role of ROLES as readonly Role[])
      expect(officialRefusal(user({ role }), MINE) === undefined, role).toBe(SUPERVISING_ROLES.includes(role as never));
  });

  const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/);
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('property: an active supervisor passes exactly when its path is the mine’s or a whole-segment prefix of it', () => {
    fc.assert(
      fc.property(path, path, fc.constantFrom(...SUPERVISING_ROLES), (userPath, minePath, role) => {
        const covers = minePath === userPath || minePath.startsWith(`${userPath}/`);
        const refusal = officialRefusal(user({ role, jurisdiction: userPath }), {
          mineId: 'm',
          jurisdiction: minePath,
        });
        expect(refusal === undefined).toBe(covers);
      }),
    );
  });

  it('property: deactivating any user that passes makes it refused', () => {
    fc.assert(
      fc.property(path, fc.constantFrom(...SUPERVISING_ROLES), (p, role) => {
        const u = user({ role, jurisdiction: p });
        const mine = { mineId: 'm', jurisdiction: `${p}/x` };
        expect(officialRefusal(u, mine)).toBeUndefined();
        expect(officialRefusal({ ...u, active: false }, mine)).toBe('deactivated');
      }),
    );
  });
});
