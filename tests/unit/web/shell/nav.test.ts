// The navigation's groups per role (web/src/nav.ts navFor): the groups a bureau officer looks under, each page once.
import { describe, expect, it } from 'vitest';
import type { Role } from '#lib/auth/roles.ts';
import { type NavClaims, navFor } from '#web/src/nav.ts';

const claims = (role: Role, extra: { mineId?: string } = {}): NavClaims => ({ role, ...extra });
const pages = (c: NavClaims) => navFor(c).map((g) => [g.label, g.items.map((i) => i.page)]);

describe('navFor', () => {
  it.each([
    [
      'bureau_admin',
      claims('bureau_admin'),
      [
        ['日常', ['overview', 'review', 'cases', 'hazards', 'tipoffs', 'notifications']],
        ['执法', ['inspect', 'plan', 'directives', 'acceptances', 'legal', 'disclosures', 'reports']],
        ['企业', ['mines', 'credit', 'blacklist', 'check', 'register-requests']],
        ['管理', ['admin-mines', 'admin-users', 'policies', 'mfa']],
      ],
    ],
    [
      'inspector',
      claims('inspector'),
      [
        ['日常', ['inspect', 'overview', 'review', 'cases', 'hazards', 'tipoffs', 'notifications']],
        ['执法', ['plan', 'directives', 'acceptances', 'disclosures', 'reports']],
        ['企业', ['mines', 'credit', 'blacklist', 'check', 'register-requests']],
      ],
    ],
    [
      'legal_reviewer',
      claims('legal_reviewer'),
      [
        ['日常', ['legal', 'overview', 'review', 'cases', 'hazards', 'tipoffs', 'notifications']],
        ['执法', ['plan', 'directives', 'acceptances', 'disclosures', 'reports']],
        ['企业', ['mines', 'credit', 'blacklist', 'check']],
        ['管理', ['mfa']],
      ],
    ],
    [
      'mine_user',
      claims('mine_user', { mineId: 'm-taiyuan' }),
      [
        ['本矿', ['mine', 'work', 'notifications']],
        ['监管事项', ['cases', 'hazards', 'directives', 'acceptances']],
      ],
    ],
    [
      'mine_user without a mine',
      claims('mine_user'),
      [
        ['本矿', ['work', 'notifications']],
        ['监管事项', ['cases', 'hazards', 'directives', 'acceptances']],
      ],
    ],
    ['partner_dept', claims('partner_dept'), [['日常', ['check']]]],
  ] as const)('%s', (_, c, expected) => {
    expect(pages(c)).toEqual(expected);
  });

  it.each(['bureau_admin', 'inspector', 'legal_reviewer', 'mine_user', 'partner_dept'] as const)(
    'gives the %s each page once, under a named group',
    (role) => {
      const groups = navFor(claims(role, { mineId: 'm-taiyuan' }));
      const items = groups.flatMap((g) => g.items);
      expect(new Set(items.map((i) => i.page)).size).toBe(items.length);
      for (const g of groups) {
        expect(g.label).not.toBe('');
        expect(g.items.length).toBeGreaterThan(0);
      }
    },
  );
});
