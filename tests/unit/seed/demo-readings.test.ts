// The demo readings must be internally consistent (totals, quarter-hours and circuits agree) and quiet on normal
// days, so that the nightly review finds exactly the planted incidents a newcomer is told about, and nothing else.
// Thresholds are recomputed here from DEMO_MINES and the default policy, not taken from the generator.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POWER_POLICY as P } from '#lib/power/policy.ts';
import type { DailyReading } from '#lib/power/types.ts';
import { CIRCUITS } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { DEMO_CITY_MINES } from '#local/seed/demo-city.ts';
import { DEMO_MINES } from '#local/seed/demo-district.ts';
import { DEMO_INCIDENTS, demoDeclarations, demoReadings, incidentDates } from '#local/seed/demo-readings.ts';

const TODAY = '2026-11-29';
const YESTERDAY = '2026-11-28';

const mineOf = (id: string) => {
  const m = DEMO_MINES.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no demo mine ${id}`);
  return m;
};
/** Σ must-run kW (as demo-district registers them) × 24 h × load factor. */
const maintenance = (id: string): number => {
  const scale = Math.max(0.6, mineOf(id).capacity / 300_000);
  return (Math.round(250 * scale) + Math.round(160 * scale) + Math.round(15 * scale)) * 24 * P.maintenanceLoadFactor;
};
const ceiling = (id: string): number =>
  (mineOf(id).capacity / P.productionDaysPerYear) * P.productionMargin * P.defaultKwhPerTonne;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const qh = (r: DailyReading): readonly number[] => r.quarterHours ?? [];
/** Share of the day between 22:00 and 06:00. */
const nightShare = (r: DailyReading): number => sum(qh(r).filter((_, i) => i < 24 || i >= 88)) / r.kwh;
const hoistShare = (r: DailyReading): number => (r.circuits?.hoist ?? 0) / r.kwh;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const all = demoReadings({ today: TODAY });
const series = (id: string): DailyReading[] => all.get(id) ?? [];
const byDate = (id: string, date: string): DailyReading | undefined => series(id).find((r) => r.date === date);

/** Dates touched by an incident, per mine, for a given today. */
const incidentDays = (today: string): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  for (const i of DEMO_INCIDENTS) {
    const set = out.get(i.mineId) ?? new Set<string>();
    for (const d of incidentDates(i, today)) set.add(d);
    out.set(i.mineId, set);
  }
  return out;
};

describe('demoReadings: shape', () => {
  it('covers every demo mine, 90 days ending yesterday, one main-meter reading a day, oldest first', () => {
    expect([...all.keys()]).toEqual(DEMO_MINES.map((m) => m.id));
    for (const m of DEMO_MINES) {
      const rs = series(m.id);
      const dates = rs.map((r) => r.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
      expect(rs.every((r) => r.meterId === 'main')).toBe(true);
      expect(dates[0]).toBe(addDays(TODAY, -90));
      expect(dates.at(-1)).toBe(m.id === 'm-demo09' ? addDays(TODAY, -4) : YESTERDAY);
      expect(rs.length).toBe(m.id === 'm-demo09' ? 87 : m.id === 'm-demo12' ? 89 : 90);
    }
  });

  it('honours days and throws on a bad window or date', () => {
    const short = demoReadings({ today: TODAY, days: 5 });
    expect(short.get('m-taiyuan')?.map((r) => r.date)).toEqual([-5, -4, -3, -2, -1].map((d) => addDays(TODAY, d)));
    expect(short.get('m-demo09')?.length).toBe(2);
    expect(() => demoReadings({ today: TODAY, days: 0 })).toThrow(RangeError);
    expect(() => demoReadings({ today: TODAY, days: 1.5 })).toThrow(RangeError);
    expect(() => demoReadings({ today: '2026-02-30' })).toThrow(RangeError);
  });

  it("reads another district's mines when given them: every day there, none planted, the same as in the demo district", () => {
    const city = demoReadings({ today: TODAY, mines: DEMO_CITY_MINES, incidents: [] });
    expect([...city.keys()]).toEqual(DEMO_CITY_MINES.map((m) => m.id));
    for (const rs of city.values()) {
      expect(rs.map((r) => r.date)).toEqual(Array.from({ length: 90 }, (_, k) => addDays(TODAY, k - 90)));
    }
    // A demo-district mine given without its incidents reads its ordinary days on the planted ones too.
    const quiet = demoReadings({ today: TODAY, mines: [mineOf('m-demo09')], incidents: [] });
    expect([...quiet.keys()]).toEqual(['m-demo09']);
    expect(quiet.get('m-demo09')).toHaveLength(90);
    expect(quiet.get('m-demo09')?.slice(0, 87)).toEqual(series('m-demo09'));
  });

  it('has 96 non-negative quarter-hours and a full circuit split, both adding up to the total', () => {
    for (const rs of all.values()) {
      for (const r of rs) {
        expect(r.kwh).toBeGreaterThan(0);
        expect(Math.abs(Math.round(r.kwh * 100) - r.kwh * 100)).toBeLessThan(1e-6);
        expect(qh(r)).toHaveLength(96);
        expect(qh(r).every((v) => v >= 0 && Math.abs(Math.round(v * 100) - v * 100) < 1e-6)).toBe(true);
        expect(Math.abs(sum(qh(r)) - r.kwh)).toBeLessThan(0.01);
        expect(Object.keys(r.circuits ?? {}).sort()).toEqual([...CIRCUITS].sort());
        const split = CIRCUITS.map((c) => r.circuits?.[c] ?? -1);
        expect(split.every((v) => v >= 0)).toBe(true);
        expect(Math.abs(sum(split) - r.kwh)).toBeLessThan(0.01);
      }
    }
  });

  it('is deterministic, and a normal day reads the same whichever day the seed runs', () => {
    expect(demoReadings({ today: TODAY })).toEqual(all);
    const later = demoReadings({ today: addDays(TODAY, 30), days: 120 });
    const planted = incidentDays(TODAY);
    for (const m of DEMO_MINES) {
      for (const r of series(m.id)) {
        if (planted.get(m.id)?.has(r.date)) continue;
        expect(later.get(m.id)?.find((x) => x.date === r.date)).toEqual(r);
      }
    }
  });
});

describe('DEMO_INCIDENTS', () => {
  it('names demo mines, with rules and a Chinese description, ending no later than yesterday', () => {
    expect(DEMO_INCIDENTS.map((i) => [i.mineId, i.kind])).toEqual([
      ['m-demo11', 'night_production'],
      ['m-demo05', 'over_capacity'],
      ['m-demo08', 'flatline'],
      ['m-demo09', 'missing'],
      ['m-demo12', 'missing'],
      ['m-demo04', 'under_declared'],
    ]);
    for (const i of DEMO_INCIDENTS) {
      mineOf(i.mineId);
      expect(i.fromDay).toBeLessThanOrEqual(i.toDay);
      expect(i.toDay).toBeLessThanOrEqual(-1);
      expect(i.rules.length).toBeGreaterThan(0);
      expect(i.description).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(incidentDates(DEMO_INCIDENTS[0]!, TODAY)).toEqual(
      [-7, -6, -5, -4, -3, -2, -1].map((d) => addDays(TODAY, d)),
    );
  });

  // A few todays: an ordinary one, across a month and a year end, around 29 February.
  describe.each(['2026-11-29', '2027-01-03', '2028-03-02'])('today %s', (today) => {
    const r = demoReadings({ today });
    const get = (id: string, d: number): DailyReading | undefined =>
      r.get(id)?.find((x) => x.date === addDays(today, d));

    it('m-demo11 (suspended) produces at night for the last 7 days: over maintenance, night share, hoist share', () => {
      expect(mineOf('m-demo11').status).toBe('suspended');
      const m = maintenance('m-demo11');
      for (let d = -7; d <= -1; d++) {
        const x = get('m-demo11', d);
        expect(x).toBeDefined();
        if (x === undefined) continue;
        expect(x.kwh).toBeGreaterThan(m * P.maintenanceMultiplier);
        expect(x.kwh / m).toBeGreaterThanOrEqual(1.6);
        expect(x.kwh / m).toBeLessThanOrEqual(1.9);
        expect(nightShare(x)).toBeGreaterThan((1 / 3) * P.nightShareFactor);
        expect(nightShare(x)).toBeGreaterThanOrEqual(0.55);
        expect(nightShare(x)).toBeLessThanOrEqual(0.65);
        expect(hoistShare(x)).toBeGreaterThanOrEqual(0.13);
        expect(hoistShare(x)).toBeLessThanOrEqual(0.15);
        // Production happens at night: the night's quarter-hours are well above the day's.
        expect(median(qh(x).slice(4, 20))).toBeGreaterThan(2 * median(qh(x).slice(40, 80)));
      }
      // Against baselines learned from the 28 days before each day, which fill up with the week's earlier days: the
      // median total, the mean night share and the median hoist share.
      const rs = r.get('m-demo11') ?? [];
      for (let d = -7; d <= -1; d++) {
        const i = rs.findIndex((x) => x.date === addDays(today, d));
        const x = rs[i]!;
        const window = rs.slice(i - 28, i);
        expect(window).toHaveLength(28);
        expect(x.kwh).toBeGreaterThan(median(window.map((w) => w.kwh)) * P.maintenanceMultiplier);
        expect(nightShare(x)).toBeGreaterThan((sum(window.map(nightShare)) / 28) * P.nightShareFactor);
        const hoist = median(window.map(hoistShare));
        expect(hoistShare(x)).toBeGreaterThan(Math.max(hoist * P.hoistShareFactor, hoist + P.hoistShareMinIncrease));
      }
      const before = get('m-demo11', -8);
      expect(before).toBeDefined();
      expect(before!.kwh).toBeLessThanOrEqual(m);
      expect(Math.abs(nightShare(before!) - 1 / 3)).toBeLessThanOrEqual(0.02);
      expect(hoistShare(before!)).toBeGreaterThanOrEqual(0.02);
      expect(hoistShare(before!)).toBeLessThanOrEqual(0.04);
      // Against the hoist share of its stopped days, the week's share clears both the factor and the minimum rise.
      expect(hoistShare(get('m-demo11', -1)!)).toBeGreaterThan(
        Math.max(0.04 * P.hoistShareFactor, 0.04 + P.hoistShareMinIncrease),
      );
    });

    it('m-demo05 (producing) runs at 1.25–1.35 × its production ceiling for the last 10 days', () => {
      expect(mineOf('m-demo05').status).toBe('producing');
      const c = ceiling('m-demo05');
      for (let d = -10; d <= -1; d++) {
        const x = get('m-demo05', d);
        expect(x).toBeDefined();
        expect(x!.kwh / c).toBeGreaterThanOrEqual(1.25);
        expect(x!.kwh / c).toBeLessThanOrEqual(1.35);
      }
      expect(get('m-demo05', -11)!.kwh).toBeLessThan(0.75 * c);
    });

    it('m-demo08 (producing) repeats the same reading for the last 4 days, not before', () => {
      const frozen = get('m-demo08', -4);
      for (let d = -3; d <= -1; d++) expect(get('m-demo08', d)).toEqual({ ...frozen, date: addDays(today, d) });
      expect(get('m-demo08', -5)!.kwh).not.toBe(frozen!.kwh);
      expect(frozen!.kwh).toBeGreaterThan(P.nearZeroFraction * ceiling('m-demo08'));
    });

    it('m-demo04 (producing) drew an ordinary day yesterday and declared 40 % of it; no other mine declared', () => {
      const y = get('m-demo04', -1)!;
      expect(y.kwh).toBeGreaterThanOrEqual(0.55 * ceiling('m-demo04'));
      expect(y.kwh).toBeLessThanOrEqual(0.75 * ceiling('m-demo04'));
      const declared = demoDeclarations({ today });
      expect([...declared.keys()]).toEqual(['m-demo04']);
      expect(declared.get('m-demo04')).toEqual([
        { meterId: 'main', date: addDays(today, -1), kwh: expect.any(Number) },
      ]);
      expect(declared.get('m-demo04')![0]!.kwh).toBeCloseTo(y.kwh * 0.4, 2);
      // Far past the review's tolerance: under-declared by 60 %.
      expect(1 - declared.get('m-demo04')![0]!.kwh / y.kwh).toBeGreaterThan(P.declarationTolerance);
    });

    it('m-demo09 has no reading for the last 3 days, m-demo12 none on today − 20 only', () => {
      for (let d = -3; d <= -1; d++) expect(get('m-demo09', d)).toBeUndefined();
      expect(get('m-demo09', -4)).toBeDefined();
      expect(get('m-demo12', -20)).toBeUndefined();
      expect(r.get('m-demo12')).toHaveLength(89);
      for (const m of DEMO_MINES) if (m.id !== 'm-demo09') expect(get(m.id, -1)).toBeDefined();
    });
  });
});

describe('normal days stay inside every threshold', () => {
  // Two years of history, so every day has a full 28-day window behind it.
  const today = '2027-06-15';
  const long = demoReadings({ today, days: 730 });
  const planted = incidentDays(today);
  const normal = (id: string): DailyReading[] => (long.get(id) ?? []).filter((r) => !planted.get(id)?.has(r.date));

  it.each(DEMO_MINES.map((m) => [m.id, m.status] as const))(
    '%s (%s): level, night share and hoist share',
    (id, status) => {
      const m = maintenance(id);
      const c = ceiling(id);
      for (const r of normal(id)) {
        if (status === 'suspended') {
          expect(r.kwh).toBeGreaterThanOrEqual(0.85 * m);
          expect(r.kwh).toBeLessThanOrEqual(1.0 * m);
          expect(Math.abs(nightShare(r) - 1 / 3)).toBeLessThanOrEqual(0.02);
          expect(hoistShare(r)).toBeGreaterThanOrEqual(0.02);
          expect(hoistShare(r)).toBeLessThanOrEqual(0.04);
        } else {
          expect(r.kwh).toBeGreaterThanOrEqual(0.55 * c);
          expect(r.kwh).toBeLessThanOrEqual(0.75 * c);
          expect(r.kwh).toBeGreaterThan(P.nearZeroFraction * c);
          expect(nightShare(r)).toBeGreaterThanOrEqual(0.25);
          expect(nightShare(r)).toBeLessThanOrEqual(0.3);
          expect(hoistShare(r)).toBeGreaterThanOrEqual(0.12);
          expect(hoistShare(r)).toBeLessThanOrEqual(0.18);
          // 08:00–24:00 is the production shifts, heavier than the 00:00–08:00 maintenance shift.
          expect(sum(qh(r).slice(32)) / 64).toBeGreaterThan(sum(qh(r).slice(0, 32)) / 32);
        }
      }
    },
  );

  it.each(DEMO_MINES.map((m) => [m.id] as const))('%s: no spike, drift or flatline against its own 28 days', (id) => {
    const rs = normal(id);
    const suspended = mineOf(id).status === 'suspended';
    for (let i = 28; i < rs.length; i++) {
      const x = rs[i]!;
      const window = rs.slice(i - 28, i);
      const totals = window.map((w) => w.kwh);
      const med = median(totals);
      const mad = median(totals.map((t) => Math.abs(t - med)));
      // The strictest reading of a robust z (no 1.4826 or 0.6745 scaling) stays at or under 3.
      expect(Math.abs(x.kwh - med) / mad).toBeLessThanOrEqual(3);
      if (suspended) {
        // Learned baselines would not flag a normal stopped day either.
        expect(x.kwh).toBeLessThanOrEqual(med * P.maintenanceMultiplier);
        expect(nightShare(x)).toBeLessThanOrEqual((sum(window.map(nightShare)) / 28) * P.nightShareFactor);
        const hoist = median(window.map(hoistShare));
        expect(hoistShare(x) > hoist * P.hoistShareFactor && hoistShare(x) - hoist >= P.hoistShareMinIncrease).toBe(
          false,
        );
      }
      // No run of identical totals.
      expect(x.kwh === rs[i - 1]!.kwh && x.kwh === rs[i - 2]!.kwh).toBe(false);
    }
  });

  it('the day before each incident is normal, and so is every mine without an incident yesterday', () => {
    const quiet = DEMO_MINES.filter((m) => !DEMO_INCIDENTS.some((i) => i.mineId === m.id && i.toDay === -1));
    expect(quiet.map((m) => m.id)).toEqual([
      'm-taiyuan',
      'm-shuyuan1',
      'm-demo03',
      'm-demo06',
      'm-demo07',
      'm-demo10',
      'm-demo12',
      'm-demo13',
    ]);
    for (const m of quiet) {
      const y = byDate(m.id, YESTERDAY)!;
      if (m.status === 'suspended') expect(y.kwh).toBeLessThanOrEqual(maintenance(m.id));
      else expect(y.kwh).toBeLessThan(ceiling(m.id));
    }
  });
});
