import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LoadUser } from '#bench/api-load/serve.ts';
import { asks, READS, readChooser } from '#bench/api-load.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { mulberry32 } from '#local/seed/prng.ts';

const DISTRICT = { jurisdiction: 'bench/p01/d01' };
const CITY = { jurisdiction: 'bench/p01' };
const PROVINCE = { jurisdiction: 'bench' };
const DRAWS = 20_000;

/** Each read's share of `DRAWS` draws for one user. */
function shares(user: { jurisdiction: string }): Map<string, number> {
  const next = readChooser(mulberry32(7));
  const counts = new Map<string, number>();
  for (let i = 0; i < DRAWS; i++) {
    const name = next(user).name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...counts].map(([name, n]) => [name, n / DRAWS]));
}

const weightShare = (names: (r: (typeof READS)[number]) => boolean) => {
  const reads = READS.filter(names);
  const total = reads.reduce((s, r) => s + r.weight, 0);
  return new Map(reads.map((r) => [r.name, r.weight / total]));
};

describe('the load bench asks what each user’s dashboard asks', () => {
  it('a district’s overview page reads its deadlines; a city’s or a province’s page (figures and ranking) does not', () => {
    const deadlines = READS.find((r) => r.name === 'deadlines')!;
    expect(asks(DISTRICT, deadlines)).toBe(true);
    expect(asks(CITY, deadlines)).toBe(false);
    expect(asks(PROVINCE, deadlines)).toBe(false);
    for (const read of READS.filter((r) => r.name !== 'deadlines')) expect(asks(CITY, read)).toBe(true);
  });

  it('a district user draws every read by its weight', () => {
    const got = shares(DISTRICT);
    for (const [name, share] of weightShare(() => true))
      expect(Math.abs((got.get(name) ?? 0) - share)).toBeLessThan(0.01);
    expect(got.get('deadlines')).toBeGreaterThan(0.05);
  });

  it('a city user never draws the deadlines, and its other reads keep their weights among themselves', () => {
    const got = shares(CITY);
    expect(got.has('deadlines')).toBe(false);
    for (const [name, share] of weightShare((r) => asks(CITY, r)))
      expect(Math.abs((got.get(name) ?? 0) - share)).toBeLessThan(0.01);
  });

  it('a mine’s file asks every read the web page makes when it opens, each at one weight', () => {
    const page = readFileSync(new URL('../../../web/src/pages/mine/mine-file.ts', import.meta.url), 'utf8');
    const loaded = page.slice(page.indexOf('export async function loadMineFile'));
    const asked = new Set([
      ...[...loaded.matchAll(/\$\{base\}\/([a-z-]+)/g)].map((m) => m[1]!),
      ...[...loaded.matchAll(/list<\w+>\('([a-z-]+)'\)/g)].map((m) => m[1]!),
    ]);
    expect(asked.size).toBeGreaterThanOrEqual(10);
    const user: LoadUser = { ...DISTRICT, sub: 'u', role: 'inspector', token: 't', mineIds: ['m-1'] };
    const fileReads = READS.filter((r) => r.path(user, () => 0, '2026-11-28').startsWith('/v1/mines/m-1/'));
    const benched = new Set(
      fileReads.map(
        (r) =>
          r
            .path(user, () => 0, '2026-11-28')
            .split('/')[4]!
            .split('?')[0]!,
      ),
    );
    expect(benched).toEqual(asked);
    expect(new Set(fileReads.map((r) => r.weight)).size).toBe(1);
    // Its charts' window: the page's days up to the reviewed day (yesterday).
    const chartDays = Number(/CHART_DAYS = (\d+)/.exec(page)?.[1]);
    const windowed = fileReads.map((r) => r.path(user, () => 0, '2026-11-28')).filter((path) => path.includes('from='));
    expect(windowed).toHaveLength(3);
    for (const path of windowed) expect(path).toContain(`from=${addDays('2026-11-28', 1 - chartDays)}&to=2026-11-28`);
  });
});
