// Demo electricity readings for the 13 demo mines, so a newcomer running `npm start` sees a realistic district and
// the nightly review has a handful of planted incidents to find (明停暗开, 超能力, a frozen meter, missing days, a
// mine declaring far less than the grid company measured) and nothing else. Pure and deterministic: the same inputs always give the same readings, with no clock and no
// Math.random, and a normal day's reading depends only on the mine and the date, not on the day the seed ran.

import type { DailyReading } from '#lib/power/types.ts';
import { addDays, daysBetween } from '#lib/validators/business-date.ts';
import { EPOCH, nightProductionReading, normalReading, producingReading, profileOf } from './demo-day-readings.ts';
import { DEMO_DECLARED_SHARE, DEMO_INCIDENTS, type DemoIncident, incidentDates } from './demo-incidents.ts';
import { DEMO_MINES, type DemoMine } from './demo-mines.ts';

export { DEMO_READING_METER, demoMaintenanceKwh, demoProductionCeilingKwh } from './demo-day-readings.ts';
export { DEMO_DECLARED_SHARE, DEMO_INCIDENTS, type DemoIncident, incidentDates } from './demo-incidents.ts';

export const DEFAULT_DEMO_DAYS = 90;

/**
 * `days` days of readings ending yesterday (today − 1), keyed by mine id in the order of `mines` (the demo
 * district's by default), oldest first, one reading of meter `main` per mine and day (none on planted missing days).
 * `incidents` are the planted ones (the demo district's by default); another district's mines pass none and read as
 * ordinary days throughout.
 *
 * A suspended demo mine looks stopped over the whole window: the registry holds only its current status span, so
 * readings that match that status keep the review quiet whatever it assumes before the span's start.
 */
export function demoReadings(options: {
  today: string;
  days?: number;
  mines?: readonly DemoMine[];
  incidents?: readonly DemoIncident[];
}): Map<string, DailyReading[]> {
  const { today } = options;
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const mines = options.mines ?? DEMO_MINES;
  const planted = options.incidents ?? DEMO_INCIDENTS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const first = addDays(today, -days);
  const firstDay = daysBetween(EPOCH, first);
  const dates = Array.from({ length: days }, (_, k) => addDays(first, k));
  const result = new Map<string, DailyReading[]>();
  for (const mine of mines) {
    const p = profileOf(mine);
    const incidents = planted.filter((i) => i.mineId === mine.id);
    const readings: DailyReading[] = [];
    for (let k = 0; k < days; k++) {
      const date = dates[k] ?? '';
      const day = firstDay + k;
      const offset = k - days; // days relative to today
      const incident = incidents.find((i) => offset >= i.fromDay && offset <= i.toDay);
      if (incident === undefined) {
        readings.push(normalReading(p, date, day));
        continue;
      }
      switch (incident.kind) {
        case 'missing':
          break;
        case 'under_declared':
          // The meter drew an ordinary day; only the mine's report of it is short (demoDeclarations).
          readings.push(normalReading(p, date, day));
          break;
        case 'flatline': {
          // The meter froze on the incident's first day and keeps sending that day's values.
          const frozen = day - offset + incident.fromDay;
          readings.push({ ...normalReading(p, addDays(today, incident.fromDay), frozen), date });
          break;
        }
        case 'night_production':
          readings.push(nightProductionReading(p, date));
          break;
        case 'over_capacity':
          readings.push(producingReading(p, date, day, true));
          break;
      }
    }
    result.set(mine.id, readings);
  }
  return result;
}

/**
 * The mines' own reports on the days they under-declared, keyed by mine id: the day's total only, at
 * DEMO_DECLARED_SHARE of the grid company's reading, to the cent.
 */
export function demoDeclarations(options: { today: string }): Map<string, DailyReading[]> {
  const grid = demoReadings({ today: options.today, days: 1 - Math.min(...DEMO_INCIDENTS.map((i) => i.fromDay)) });
  const result = new Map<string, DailyReading[]>();
  for (const incident of DEMO_INCIDENTS.filter((i) => i.kind === 'under_declared')) {
    const days = new Set(incidentDates(incident, options.today));
    const own = (grid.get(incident.mineId) ?? [])
      .filter((r) => days.has(r.date))
      .map((r) => ({ meterId: r.meterId, date: r.date, kwh: Math.round(r.kwh * DEMO_DECLARED_SHARE * 100) / 100 }));
    result.set(incident.mineId, [...(result.get(incident.mineId) ?? []), ...own]);
  }
  return result;
}
