// Which mines a caller sees in the list: a bureau sees its own subtree (province → city → district) and nothing
// that merely shares letters; filters narrow and never widen; pages return every mine exactly once.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ForbiddenError, ValidationError } from '#lib/errors.ts';
import { createMine, listMines, patchMine } from '#lib/registry/mines.ts';
import { listMinesQuery, patchMineBody } from '#lib/registry/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { encodeCursor } from '#lib/store/pagination.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, inspectorAt, mineInput, mineUser, partner } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';

let db: Db;

/** Where each mine sits and its status. */
const MINES: [string, string, 'producing' | 'suspended'][] = [
  ['m-ds-1', 'hlj/hegang/dongshan', 'producing'],
  ['m-ds-2', 'hlj/hegang/dongshan', 'suspended'],
  ['m-ds-3', 'hlj/hegang/dongshan', 'producing'],
  ['m-xs-1', 'hlj/hegang/xingshan', 'suspended'],
  ['m-hg-0', 'hlj/hegang', 'producing'],
  ['m-hx-1', 'hlj/hegangx/dongshan', 'producing'],
  ['m-hx-2', 'hlj/hegangx', 'suspended'],
  ['m-jx-1', 'hlj/jixi', 'producing'],
  ['m-jl-1', 'jl/hegang/dongshan', 'producing'],
  // Five mines of their own district, for paging.
  ['m-pg-1', 'hlj/paging', 'producing'],
  ['m-pg-2', 'hlj/paging', 'suspended'],
  ['m-pg-3', 'hlj/paging', 'producing'],
  ['m-pg-4', 'hlj/paging', 'suspended'],
  ['m-pg-5', 'hlj/paging', 'producing'],
];
const HLJ = MINES.filter(([, j]) => j.startsWith('hlj/')).map(([id]) => id);
const HEGANG = ['m-ds-1', 'm-ds-2', 'm-ds-3', 'm-xs-1', 'm-hg-0'];
const DONGSHAN = ['m-ds-1', 'm-ds-2', 'm-ds-3'];
const PAGING = ['m-pg-1', 'm-pg-2', 'm-pg-3', 'm-pg-4', 'm-pg-5'];

beforeAll(async () => {
  db = await testDb();
  for (const [mineId, jurisdiction, status] of MINES) {
    await createMine(
      new TenantStore(db, admin(jurisdiction.split('/')[0]!)),
      mineInput(mineId, { jurisdiction, status }),
    );
  }
});

const as = (p: Principal) => new TenantStore(db, p);
const query = (q: Record<string, unknown> = {}) => listMinesQuery.parse(q);

/** Every page of a listing, following cursors, with a guard against a cursor loop. */
async function allPages(p: Principal, q: Record<string, unknown> = {}) {
  const pages: { ids: string[]; nextCursor: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMines(as(p), query({ ...q, ...(cursor ? { cursor } : {}) }));
    pages.push({ ids: page.items.map((m) => m.mineId), nextCursor: page.nextCursor });
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 50) throw new Error('the cursor never ends');
  } while (cursor);
  return pages;
}
const idsOf = async (p: Principal, q: Record<string, unknown> = {}) =>
  (await allPages(p, q)).flatMap((page) => page.ids).sort();

describe('what a bureau sees', () => {
  it.each([
    ['hlj/hegang', HEGANG],
    ['hlj/hegang/dongshan', DONGSHAN],
    ['hlj/hegang/xingshan', ['m-xs-1']],
    ['hlj/hegangx', ['m-hx-1', 'm-hx-2']],
    ['hlj/hegangx/dongshan', ['m-hx-1']],
    ['hlj', HLJ],
    ['jl', ['m-jl-1']],
    ['jl/hegang/dongshan', ['m-jl-1']],
    ['hlj/hegang/nanshan', []],
    ['xj', []],
  ])('a bureau at %s', async (jurisdiction, expected) => {
    expect(await idsOf(inspectorAt(jurisdiction))).toEqual([...expected].sort());
  });

  it('returns mines as the API shows them, without table keys', async () => {
    const page = await listMines(as(inspectorAt('hlj/hegang/xingshan')), query());
    expect(page).toEqual({
      items: [
        expect.objectContaining({
          mineId: 'm-xs-1',
          jurisdiction: 'hlj/hegang/xingshan',
          status: 'suspended',
          statusLabel: '停产',
          version: 1,
        }),
      ],
      nextCursor: null,
    });
    for (const key of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity']) expect(page.items[0]).not.toHaveProperty(key);
  });

  it.each([
    ['the same as its own', 'hlj/hegang', 'hlj/hegang', HEGANG],
    ['a district inside', 'hlj/hegang', 'hlj/hegang/xingshan', ['m-xs-1']],
    ['a district inside with no mines', 'hlj/hegang', 'hlj/hegang/nanshan', []],
    ['its province (wider: stays in scope)', 'hlj/hegang', 'hlj', HEGANG],
    ['a sibling sharing letters', 'hlj/hegang', 'hlj/hegangx', []],
    ['a sibling’s district', 'hlj/hegang', 'hlj/hegangx/dongshan', []],
    ['another province', 'hlj/hegang', 'jl', []],
    ['the same district name in another province', 'hlj/hegang/dongshan', 'jl/hegang/dongshan', []],
    ['a sibling district', 'hlj/hegang/dongshan', 'hlj/hegang/xingshan', []],
    ['its parent city', 'hlj/hegang/dongshan', 'hlj/hegang', DONGSHAN],
  ])('jurisdiction filter %s: scope %s, filter %s', async (_, scope, filter, expected) => {
    expect(await idsOf(inspectorAt(scope), { jurisdiction: filter })).toEqual([...expected].sort());
  });

  it.each([
    ['hlj/hegang', { status: 'suspended' }, ['m-ds-2', 'm-xs-1']],
    ['hlj/hegang', { status: 'producing' }, ['m-ds-1', 'm-ds-3', 'm-hg-0']],
    ['hlj/hegang', { status: 'closed' }, []],
    ['hlj/hegang', { status: 'suspended', jurisdiction: 'hlj/hegang/dongshan' }, ['m-ds-2']],
    ['hlj/hegang/dongshan', { status: 'suspended', jurisdiction: 'hlj/hegang/xingshan' }, []],
  ])('status filter: scope %s, %o', async (scope, q, expected) => {
    expect(await idsOf(inspectorAt(scope), q)).toEqual([...expected].sort());
  });
});

describe('paging', () => {
  it('limit 2 over five mines: pages of 2, 2, 1, every mine once, no cursor after the last', async () => {
    const pages = await allPages(inspectorAt('hlj/paging'), { limit: 2 });
    expect(pages.map((p) => p.ids.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true]);
    expect(pages.flatMap((p) => p.ids).sort()).toEqual(PAGING);
  });

  const scopes: [string, Record<string, unknown>, string[]][] = [
    ['hlj/paging', {}, PAGING],
    ['hlj/paging', { status: 'producing' }, ['m-pg-1', 'm-pg-3', 'm-pg-5']],
    ['hlj/paging', { status: 'suspended' }, ['m-pg-2', 'm-pg-4']],
    ['hlj', {}, HLJ],
    ['hlj', { status: 'suspended' }, ['m-ds-2', 'm-xs-1', 'm-hx-2', 'm-pg-2', 'm-pg-4']],
  ];
  const cases = scopes.flatMap(([scope, q, expected]) =>
    [1, 2, 3, 4, 5, 7, 200].map((limit) => [scope, limit, q, expected] as const),
  );

  it.each(cases)(
    'scope %s, limit %i, %o: every mine exactly once, only full pages carry a cursor',
    async (scope, limit, q, expected) => {
      const pages = await allPages(inspectorAt(scope), { ...q, limit });
      const ids = pages.flatMap((p) => p.ids);
      expect(ids.length).toBe(new Set(ids).size);
      expect([...ids].sort()).toEqual([...expected].sort());
      for (const page of pages.slice(0, -1)) {
        expect(page.ids).toHaveLength(limit);
        expect(page.nextCursor).not.toBeNull();
      }
      expect(pages.at(-1)!.nextCursor).toBeNull();
      expect(pages.length).toBeLessThanOrEqual(Math.ceil(expected.length / limit) + 1);
    },
  );

  it('a cursor a client made up is a 400 on query.cursor', async () => {
    const error = await listMines(as(inspectorAt('hlj')), query({ cursor: 'bm90LWEtY3Vyc29y' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
  });

  it('a forged cursor pointing into another province reveals none of its mines', async () => {
    const forged = encodeCursor({
      PK: 'MINE#m-jl-1',
      SK: 'PROFILE',
      GSI1PK: 'MINES#jl',
      GSI1SK: 'jl/hegang/dongshan/#m-jl-1',
    })!;
    const outcome = await listMines(as(inspectorAt('hlj/hegang')), query({ cursor: forged })).then(
      (page) => page.items.map((m) => m.jurisdiction),
      (error: unknown) => error,
    );
    if (Array.isArray(outcome))
      for (const j of outcome) expect(j === 'hlj/hegang' || j.startsWith('hlj/hegang/')).toBe(true);
    else expect(outcome).toBeInstanceOf(ValidationError);
  });
});

describe('what others see', () => {
  it.each([
    ['no filter', {}, ['m-ds-2']],
    ['its own status', { status: 'suspended' }, ['m-ds-2']],
    ['another status', { status: 'producing' }, []],
    ['a jurisdiction covering it', { jurisdiction: 'hlj/hegang' }, ['m-ds-2']],
    ['another jurisdiction', { jurisdiction: 'hlj/hegang/xingshan' }, []],
  ])('a mine user lists only its own mine (%s)', async (_, q, expected) => {
    const pages = await allPages(mineUser('m-ds-2'), q);
    expect(pages).toEqual([{ ids: expected, nextCursor: null }]);
  });

  it('a mine user whose mine does not exist lists nothing', async () => {
    expect(await allPages(mineUser('m-gone'))).toEqual([{ ids: [], nextCursor: null }]);
  });

  it('a partner department may not list mines', async () => {
    await expect(listMines(as(partner()), query())).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('moving a mine between districts', () => {
  // A moved mine must take its index keys along: otherwise the old district keeps listing a mine it can no
  // longer open, and the new district never sees it.
  it('after a move the new district lists the mine and the old one does not', async () => {
    const cityAdmin = admin('hlj/hegang');
    await createMine(as(cityAdmin), mineInput('m-mover', { jurisdiction: 'hlj/hegang/dongshan' }));
    await patchMine(as(cityAdmin), 'm-mover', patchMineBody.parse({ version: 1, jurisdiction: 'hlj/hegang/xingshan' }));
    expect(await idsOf(inspectorAt('hlj/hegang/xingshan'))).toContain('m-mover');
    expect(await idsOf(inspectorAt('hlj/hegang/dongshan'))).not.toContain('m-mover');
  });
});
