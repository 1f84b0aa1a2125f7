// Who is calling decides what a request may see: claims from either token flavour map to one principal, anything
// incomplete is a 401, and a bureau's jurisdiction covers its own subtree and nothing that merely shares letters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJurisdictionPath, jurisdictionCovers, principalFromClaims } from '#lib/auth/principal.ts';
import { UnauthorizedError } from '#lib/errors.ts';

describe('principalFromClaims', () => {
  it.each([
    [
      'dev token, bureau admin',
      { sub: 'u-1', role: 'bureau_admin', jurisdiction: 'hlj/hegang' },
      { kind: 'bureau', sub: 'u-1', role: 'bureau_admin', jurisdiction: 'hlj/hegang' },
    ],
    [
      'dev token, inspector at district level',
      { sub: 'u-2', role: 'inspector', jurisdiction: 'hlj/hegang/dongshan' },
      { kind: 'bureau', sub: 'u-2', role: 'inspector', jurisdiction: 'hlj/hegang/dongshan' },
    ],
    [
      'dev token, legal reviewer at province level',
      { sub: 'u-3', role: 'legal_reviewer', jurisdiction: 'hlj' },
      { kind: 'bureau', sub: 'u-3', role: 'legal_reviewer', jurisdiction: 'hlj' },
    ],
    [
      'Cognito token, custom: attributes',
      { sub: 'c-1', 'custom:role': 'inspector', 'custom:jurisdiction': 'hlj/hegang' },
      { kind: 'bureau', sub: 'c-1', role: 'inspector', jurisdiction: 'hlj/hegang' },
    ],
    [
      'Cognito token, mixed plain and custom:',
      { sub: 'c-2', role: 'bureau_admin', 'custom:jurisdiction': 'jl' },
      { kind: 'bureau', sub: 'c-2', role: 'bureau_admin', jurisdiction: 'jl' },
    ],
    [
      'dev token, mine user',
      { sub: 'm-1', role: 'mine_user', mineId: 'm-taiyuan' },
      { kind: 'mine', sub: 'm-1', role: 'mine_user', mineId: 'm-taiyuan' },
    ],
    [
      'Cognito token, mine user',
      { sub: 'm-2', 'custom:role': 'mine_user', 'custom:mineId': 'm-shuyuan1' },
      { kind: 'mine', sub: 'm-2', role: 'mine_user', mineId: 'm-shuyuan1' },
    ],
    [
      'partner department, no jurisdiction needed',
      { sub: 'p-1', role: 'partner_dept' },
      { kind: 'partner', sub: 'p-1', role: 'partner_dept' },
    ],
    [
      'partner department, stray jurisdiction ignored',
      { sub: 'p-2', role: 'partner_dept', jurisdiction: 'hlj' },
      { kind: 'partner', sub: 'p-2', role: 'partner_dept' },
    ],
    [
      'mine user, stray jurisdiction ignored',
      { sub: 'm-3', role: 'mine_user', mineId: 'm-x', jurisdiction: 'hlj' },
      { kind: 'mine', sub: 'm-3', role: 'mine_user', mineId: 'm-x' },
    ],
    [
      'display name carried',
      { sub: 'u-4', role: 'inspector', jurisdiction: 'hlj', name: '张三' },
      { kind: 'bureau', sub: 'u-4', role: 'inspector', jurisdiction: 'hlj', name: '张三' },
    ],
    [
      'Cognito display name carried',
      { sub: 'u-5', 'custom:role': 'mine_user', 'custom:mineId': 'm-y', 'custom:name': '李四' },
      { kind: 'mine', sub: 'u-5', role: 'mine_user', mineId: 'm-y', name: '李四' },
    ],
    [
      'empty name dropped',
      { sub: 'u-6', role: 'inspector', jurisdiction: 'hlj', name: '' },
      { kind: 'bureau', sub: 'u-6', role: 'inspector', jurisdiction: 'hlj' },
    ],
  ])('%s', (_, claims, expected) => {
    expect(principalFromClaims(claims)).toStrictEqual(expected);
  });

  it.each([
    ['no claims at all', undefined],
    ['empty claims', {}],
    ['missing sub', { role: 'inspector', jurisdiction: 'hlj' }],
    ['empty sub', { sub: '', role: 'inspector', jurisdiction: 'hlj' }],
    ['numeric sub', { sub: 42, role: 'inspector', jurisdiction: 'hlj' }],
    ['missing role', { sub: 'u-1', jurisdiction: 'hlj' }],
    ['empty role', { sub: 'u-1', role: '', jurisdiction: 'hlj' }],
    ['unknown role', { sub: 'u-1', role: 'admin', jurisdiction: 'hlj' }],
    ['role in the wrong case', { sub: 'u-1', role: 'BUREAU_ADMIN', jurisdiction: 'hlj' }],
    ['role as a list', { sub: 'u-1', role: ['bureau_admin'], jurisdiction: 'hlj' }],
    ['unknown custom:role', { sub: 'u-1', 'custom:role': 'root', 'custom:jurisdiction': 'hlj' }],
    ['bureau role without jurisdiction', { sub: 'u-1', role: 'bureau_admin' }],
    ['bureau role with empty jurisdiction', { sub: 'u-1', role: 'inspector', jurisdiction: '' }],
    ['jurisdiction with a trailing slash', { sub: 'u-1', role: 'inspector', jurisdiction: 'hlj/' }],
    ['jurisdiction with a leading slash', { sub: 'u-1', role: 'inspector', jurisdiction: '/hlj' }],
    ['jurisdiction with an empty segment', { sub: 'u-1', role: 'inspector', jurisdiction: 'hlj//hegang' }],
    ['jurisdiction in upper case', { sub: 'u-1', role: 'inspector', jurisdiction: 'HLJ/hegang' }],
    ['jurisdiction segment starting with a digit', { sub: 'u-1', role: 'inspector', jurisdiction: 'hlj/1hegang' }],
    ['jurisdiction with dot segments', { sub: 'u-1', role: 'inspector', jurisdiction: 'hlj/../jl' }],
    ['jurisdiction with a space', { sub: 'u-1', role: 'inspector', jurisdiction: 'hlj/he gang' }],
    ['jurisdiction with a wildcard', { sub: 'u-1', role: 'inspector', jurisdiction: 'hlj/*' }],
    ['jurisdiction in Chinese', { sub: 'u-1', role: 'inspector', jurisdiction: '黑龙江' }],
    ['jurisdiction not a string', { sub: 'u-1', role: 'inspector', jurisdiction: ['hlj'] }],
    ['mine user without mineId', { sub: 'u-1', role: 'mine_user' }],
    ['mine user with empty mineId', { sub: 'u-1', role: 'mine_user', mineId: '' }],
    ['mine user with a jurisdiction but no mineId', { sub: 'u-1', role: 'mine_user', jurisdiction: 'hlj' }],
  ])('refuses %s with 401', (_, claims) => {
    expect(() => principalFromClaims(claims as Record<string, unknown> | undefined)).toThrow(UnauthorizedError);
  });

  it('accepts every well-formed jurisdiction path and refuses it with a trailing slash', () => {
    fc.assert(
      fc.property(path, (jurisdiction) => {
        expect(principalFromClaims({ sub: 'u', role: 'inspector', jurisdiction })).toMatchObject({
          kind: 'bureau',
          jurisdiction,
        });
        expect(() => principalFromClaims({ sub: 'u', role: 'inspector', jurisdiction: `${jurisdiction}/` })).toThrow(
          UnauthorizedError,
        );
      }),
    );
  });
});

const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

describe('jurisdictionCovers', () => {
  it.each([
    ['hlj/hegang', 'hlj/hegang', true, 'the same path'],
    ['hlj/hegang', 'hlj/hegang/dongshan', true, 'a child'],
    ['hlj', 'hlj/hegang/dongshan', true, 'a grandchild'],
    ['hlj/hegang', 'hlj/hegangx', false, 'a sibling that shares letters'],
    ['hlj/hegang', 'hlj/hegangx/dongshan', false, 'the child of a sibling that shares letters'],
    ['hlj/hegang', 'hlj/hegang-x', false, 'a sibling that shares letters and a hyphen'],
    ['hlj/hegang/dongshan', 'hlj/hegang', false, 'its parent'],
    ['hlj/hegang/dongshan', 'hlj', false, 'its province'],
    ['hlj/hegang/dongshan', 'hlj/hegang/xingshan', false, 'a sibling district'],
    ['hlj/hegang', 'jl/hegang', false, 'the same name in another province'],
    ['hlj', 'jl', false, 'another province'],
    ['hlj', 'hl', false, 'a shorter path sharing letters'],
  ])('%s covers %s: %s (%s)', (scope, target, expected) => {
    expect(jurisdictionCovers(scope, target)).toBe(expected);
  });

  it('covers every path below it', () => {
    fc.assert(fc.property(path, path, (a, rest) => jurisdictionCovers(a, `${a}/${rest}`)));
  });

  it('never covers a sibling that only shares its letters, in either direction', () => {
    fc.assert(
      fc.property(path, fc.stringMatching(/^[a-z0-9-]{1,4}$/), (a, x) => {
        expect(jurisdictionCovers(`${a}${x}`, a)).toBe(false);
        expect(jurisdictionCovers(a, `${a}${x}`)).toBe(false);
      }),
    );
  });

  it('never lets a child cover its parent', () => {
    fc.assert(fc.property(path, segment, (a, x) => !jurisdictionCovers(`${a}/${x}`, a)));
  });

  it('generated paths are the ones tokens may carry', () => {
    fc.assert(fc.property(path, (p) => isJurisdictionPath(p)));
  });
});
