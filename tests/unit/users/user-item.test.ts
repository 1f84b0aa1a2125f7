// What answers show of a sign-in address, and where a user sits in the jurisdiction index.
import { describe, expect, it } from 'vitest';
import { maskEmail, userItem, userView } from '#lib/users/user-item.ts';

describe('maskEmail', () => {
  it.each([
    ['zhang.san@example.org', 'z***@example.org'],
    ['a@b.cn', 'a***@b.cn'],
    ['first.last+tag@sub.example.cn', 'f***@sub.example.cn'],
    ['no-at-sign', '***'],
    ['@example.org', '***'],
  ])('%s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe('userItem and userView', () => {
  const user = {
    userId: 'u-1',
    role: 'inspector' as const,
    name: '某',
    jurisdiction: 'hlj/hegang/dongshan',
    active: true,
    emailMasked: 'z***@example.org',
    createdAt: 't0',
    createdBy: { sub: 'a', role: 'bureau_admin' },
    updatedAt: 't1',
    version: 2,
  };

  it('keys the user by subject and indexes it by province and path, like mines', () => {
    expect(userItem(user)).toMatchObject({
      PK: 'USER#u-1',
      SK: 'PROFILE',
      GSI1PK: 'USERS#hlj',
      GSI1SK: 'hlj/hegang/dongshan/#u-1',
      entity: 'user',
    });
  });

  it('the view carries the role’s Chinese name and none of the keys', () => {
    const view = userView(userItem(user));
    expect(view).toEqual({ ...user, roleLabel: '监管中队' });
    expect(Object.keys(view)).not.toContain('PK');
  });
});
