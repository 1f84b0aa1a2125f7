import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_KEYS } from '#lib/overview/vocabulary.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, startTestRuntime } from '../support/local-runtime.ts';

/**
 * 辖区总览 over HTTP on the demo: the city of Hegang's bureau reads its three districts in one request, each row's
 * figures equal to that district's own overview; it drills down into a district and sees its mines; a district's
 * bureau reads its own and not the city's; a jurisdiction outside the caller's is 404.
 */
const CITY = 'hlj/hegang';
const DISTRICTS = ['hlj/hegang/dongshan', 'hlj/hegang/gongnong', 'hlj/hegang/xiangyang'];

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let city: string;
let district: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  city = rt.tokens.city_admin!;
  district = rt.tokens.bureau_admin!;
}, 240_000);

afterAll(async () => {
  await rt?.stop();
});

describe('GET /v1/overview', () => {
  it('the city user: three district rows whose figures are each district’s own, and whose sums are the city’s', async () => {
    const own = await http('GET', '/v1/overview', { token: city });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ path: CITY, level: 'city', name: '鹤岗市' });
    expect(own.body.children.map((c: any) => [c.kind, c.key])).toEqual(DISTRICTS.map((d) => ['jurisdiction', d]));
    expect(own.body.children.map((c: any) => c.name)).toEqual(['东山区', '工农区', '向阳区']);
    expect(Date.parse(own.body.asOf)).not.toBeNaN();
    for (const row of own.body.children) {
      const opened = await http('GET', `/v1/overview?jurisdiction=${encodeURIComponent(row.key)}`, { token: city });
      expect(opened.status).toBe(200);
      expect(opened.body.figures, row.key).toEqual(row.figures);
      expect(opened.body.parents).toEqual([{ path: CITY, name: '鹤岗市' }]);
    }
    for (const k of FIGURE_KEYS)
      expect(own.body.figures[k], k).toBe(own.body.children.reduce((n: number, c: any) => n + c.figures[k], 0));
    expect(own.body.figures.mines).toBeGreaterThanOrEqual(13);
  });

  it('drills down into 东山区: its mines are its rows, with names, and its figures their sums', async () => {
    const ds = await http('GET', `/v1/overview?jurisdiction=${encodeURIComponent(DISTRICTS[0]!)}`, { token: city });
    expect(ds.body).toMatchObject({ name: '东山区', level: 'district' });
    const mines = ds.body.children;
    expect(mines.every((m: any) => m.kind === 'mine')).toBe(true);
    expect(mines.map((m: any) => m.name)).toContain('泰源煤矿');
    expect(ds.body.figures.mines).toBe(mines.length);
    expect(ds.body.figures.reviewed).toBeGreaterThan(0);
  });

  it('the district user reads its own overview (the default) and not the city’s', async () => {
    const own = await http('GET', '/v1/overview', { token: district });
    expect(own.status).toBe(200);
    expect(own.body.path).toBe(DISTRICTS[0]);
    // The city is above its jurisdiction: not its to open, so not in its breadcrumb either.
    expect(own.body.parents).toEqual([]);
    const up = await http('GET', `/v1/overview?jurisdiction=${encodeURIComponent(CITY)}`, { token: district });
    expect(up.status).toBe(404);
  });

  it('a jurisdiction outside the caller’s reads exactly like one that does not exist: 404', async () => {
    const sibling = await http('GET', `/v1/overview?jurisdiction=${encodeURIComponent(DISTRICTS[2]!)}`, {
      token: district,
    });
    const none = await http('GET', `/v1/overview?jurisdiction=${encodeURIComponent(`${DISTRICTS[0]}/none`)}`, {
      token: district,
    });
    expect([sibling.status, none.status]).toEqual([404, 404]);
    expect(sibling.body.title).toBe(none.body.title);
    expect(sibling.body.detail).toBe(none.body.detail);
  });

  it('a mine user may not read it: 403', async () => {
    expect((await http('GET', '/v1/overview', { token: rt.tokens.mine_user })).status).toBe(403);
  });
});

describe('GET /v1/deadlines (the district page’s list of what falls due)', () => {
  const range = () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const shift = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
    return `from=${shift(-335)}&to=${shift(30)}`;
  };

  it('answers the district’s items worded as their reminders, with the mines’ names, in date order', async () => {
    const res = await http('GET', `/v1/deadlines?${range()}`, { token: district });
    expect(res.status).toBe(200);
    const items = res.body.items as { date: string; kind: string; title: string; mineId?: string; mineName?: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      // A reminder's words (Chinese), not the index's code.
      expect(i.title, i.kind).toMatch(/[\u4e00-\u9fff]/);
      if (i.mineId) expect(i.mineName, i.mineId).toBeTruthy();
    }
    expect(items.map((i) => i.date)).toEqual(items.map((i) => i.date).sort());
    expect(items.some((i) => i.kind === 'HAZARD')).toBe(true);
  });

  it('the city’s reading holds its districts’ items, the district’s only its own', async () => {
    const cityItems = (await http('GET', `/v1/deadlines?${range()}`, { token: city })).body.items as {
      jurisdiction: string;
    }[];
    const own = (await http('GET', `/v1/deadlines?${range()}`, { token: district })).body.items as {
      jurisdiction: string;
    }[];
    expect(new Set(own.map((i) => i.jurisdiction))).toEqual(new Set([DISTRICTS[0]]));
    expect(cityItems.filter((i) => i.jurisdiction === DISTRICTS[0]).length).toBe(own.length);
  });
});
