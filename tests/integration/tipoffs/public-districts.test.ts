// The public page's choice of district (GET /v1/public/tipoffs/districts) on DynamoDB Local, over a country of
// three provinces, four cities each and five districts each: every level is two reads, the list's key range under
// it and one batch of names of that level and the levels above, however many jurisdictions the country has.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { nameJurisdiction } from '#lib/registry/jurisdictions.ts';
import { jurisdictionWrite } from '#lib/registry/profile-write.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { publicDistricts } from '#lib/tipoffs/public.ts';
import { admin } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const PROVINCES = ['pa', 'pb', 'pc'];
const CITIES = ['c1', 'c2', 'c3', 'c4'];
const DISTRICTS = ['d1', 'd2', 'd3', 'd4', 'd5'];
const NUMBERS = '一二三四五';

let db: Db;
/** Per call of the list: the requests sent and the names asked for in batches. */
let requests: string[] = [];
let namesAsked = 0;

beforeAll(async () => {
  const base = await testDb();
  const listed: string[] = [];
  for (const p of PROVINCES) for (const c of CITIES) for (const d of DISTRICTS) listed.push(`${p}/${c}/${d}`);
  // A city whose bureau has mines of its own besides its districts', and a city whose path begins like another's.
  listed.push('pa/c1', 'pa/c10/d1');
  for (const path of listed) await transact(base, [jurisdictionWrite(base, path)]);
  const name = (path: string, name: string) =>
    nameJurisdiction(new TenantStore(base, admin(path)), { version: 0, name });
  for (const [i, p] of PROVINCES.entries()) await name(p, `第${NUMBERS[i]}省`);
  for (const [i, c] of CITIES.entries()) await name(`pa/${c}`, `${NUMBERS[i]}号市`);
  for (const [i, d] of DISTRICTS.entries()) await name(`pa/c1/${d}`, `${NUMBERS[i]}区`);
  db = watchedDb(base, {
    sent: (command) => {
      requests.push(command.constructor.name);
      if (command instanceof BatchGetCommand)
        namesAsked += Object.values(command.input.RequestItems ?? {}).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
    },
  });
}, 60_000);

/** One level's list (in the order of the names' pinyin, 一 after 二), here by path. */
const level = async (under?: string) => {
  requests = [];
  namesAsked = 0;
  const { items } = await publicDistricts(db, under);
  const names = items.map((i) => i.name);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  return items.sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction));
};

describe('the jurisdictions a visitor may report to, a level at a time', () => {
  it('the top level: the provinces with mines, by name, none taking reports itself', async () => {
    const items = await level();
    expect(items).toEqual(
      PROVINCES.map((p, i) => ({
        jurisdiction: p,
        name: `第${NUMBERS[i]}省`,
        fullName: `第${NUMBERS[i]}省`,
        takesReports: false,
        more: true,
      })),
    );
    expect(requests).toEqual(['QueryCommand', 'BatchGetCommand']);
    expect(namesAsked).toBe(PROVINCES.length);
  });

  it("a province's cities: one with mines of its own and districts, one only prefixed like it", async () => {
    const items = await level('pa');
    expect(items.map((i) => i.jurisdiction)).toEqual(['pa/c1', 'pa/c10', 'pa/c2', 'pa/c3', 'pa/c4']);
    expect(items.find((i) => i.jurisdiction === 'pa/c1')).toEqual({
      jurisdiction: 'pa/c1',
      name: '一号市',
      fullName: '第一省一号市',
      takesReports: true,
      more: true,
    });
    // Not named yet: shown by its path.
    expect(items.find((i) => i.jurisdiction === 'pa/c10')).toMatchObject({ name: 'pa/c10', fullName: 'pa/c10' });
    expect(requests).toEqual(['QueryCommand', 'BatchGetCommand']);
    // This level's five and the province above it: not the country's seventy-odd.
    expect(namesAsked).toBe(5 + 1);
  });

  it("a city's districts, each taking reports, by their full names; nothing of the city prefixed like it", async () => {
    const items = await level('pa/c1');
    expect(items.map((i) => [i.jurisdiction, i.fullName, i.takesReports, i.more])).toEqual(
      DISTRICTS.map((d, i) => [`pa/c1/${d}`, `第一省一号市${NUMBERS[i]}区`, true, false]),
    );
    expect(requests).toEqual(['QueryCommand', 'BatchGetCommand']);
    expect(namesAsked).toBe(DISTRICTS.length + 2);
  });

  it('a district, a path with no mines and a path that only begins like one: nothing below', async () => {
    for (const under of ['pa/c1/d1', 'pz', 'pa/c']) expect(await level(under)).toEqual([]);
  });
});
