import { describe, expect, it } from 'vitest';
import { lowestCommonAncestor } from '#lib/registry/identity-clash.ts';
import { movedKeys } from '#lib/registry/mine-move.ts';

const DS = 'hlj/hegang/dongshan';
const XS = 'hlj/hegang/xingshan';

describe('movedKeys: what changes when a record follows its mine', () => {
  it.each([
    [
      'a case under the old district: attribute and both GSI1 keys',
      { jurisdiction: DS, GSI1PK: 'CASES#hlj', GSI1SK: `${DS}/#open#case-1` },
      XS,
      { jurisdiction: XS, GSI1PK: 'CASES#hlj', GSI1SK: `${XS}/#open#case-1` },
    ],
    [
      'a review, whose partition also names the date',
      { GSI1PK: 'REVIEWS#hlj#2026-11-30', GSI1SK: `${DS}/#m-1` },
      XS,
      { GSI1PK: 'REVIEWS#hlj#2026-11-30', GSI1SK: `${XS}/#m-1` },
    ],
    [
      'to another province: the partition follows',
      { jurisdiction: DS, GSI1PK: 'VIOLATIONS#hlj', GSI1SK: `${DS}/#2026-11-01#v-1` },
      'jl/baishan/hunjiang',
      { jurisdiction: 'jl/baishan/hunjiang', GSI1PK: 'VIOLATIONS#jl', GSI1SK: 'jl/baishan/hunjiang/#2026-11-01#v-1' },
    ],
    [
      'a pointer: only its attribute',
      { jurisdiction: DS, mineId: 'm-1', itemSk: 'VIOLATION#2026-11-01#v-1' },
      XS,
      { jurisdiction: XS },
    ],
    [
      'up to the city: a shorter path',
      { jurisdiction: DS, GSI1PK: 'BLACKLIST#hlj', GSI1SK: `${DS}/#published#bl-1` },
      'hlj/hegang',
      { jurisdiction: 'hlj/hegang', GSI1PK: 'BLACKLIST#hlj', GSI1SK: 'hlj/hegang/#published#bl-1' },
    ],
  ])('%s', (_, item, to, expected) => {
    expect(movedKeys(item, to)).toEqual(expected);
  });

  it.each([
    ['already under the current jurisdiction', { jurisdiction: XS, GSI1PK: 'CASES#hlj', GSI1SK: `${XS}/#open#c` }],
    ['a key person, indexed by ID hash (no jurisdiction)', { GSI1PK: 'PERSONID#abc', GSI1SK: 'MINE#m-1#PERSON#p-1' }],
    ['a record with no jurisdiction at all', { SK: 'POWER#2026-11-30#main', kwh: 1 }],
    ['a public-list item (date-keyed)', { GSI1PK: 'PUBLICBLACKLIST', GSI1SK: '2026-11-01#bl-1' }],
  ])('leaves alone %s', (_, item) => {
    expect(movedKeys(item, XS)).toBeUndefined();
  });

  it('keeps the GSI1 keys of an item whose sort key is not its own jurisdiction’s, changing only the attribute', () => {
    // A sibling that shares letters is not a prefix: hlj/hegang/dong is not hlj/hegang/dongshan.
    expect(movedKeys({ jurisdiction: 'hlj/hegang/dong', GSI1PK: 'CASES#hlj', GSI1SK: `${DS}/#open#c` }, XS)).toEqual({
      jurisdiction: XS,
    });
  });
});

describe('lowestCommonAncestor: the bureau above both', () => {
  it.each([
    [DS, XS, 'hlj/hegang'],
    [DS, DS, DS],
    [DS, 'hlj/hegang', 'hlj/hegang'],
    ['hlj/hegang', DS, 'hlj/hegang'],
    [DS, 'hlj/jixi/lishu', 'hlj'],
    [DS, 'jl/baishan', ''],
    ['hlj/hegang/dong', DS, 'hlj/hegang'],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(lowestCommonAncestor(a, b)).toBe(expected);
  });
});
