/**
 * The demo district's monitoring feeds beside its electricity (people underground per shift, the gas monitoring
 * system's alarms and sensor outages) for the last 30 days, and each mine's approved headcount, so the nightly review
 * hears three witnesses and the mine's file draws three series. Ordinary days are quiet to every rule: a producing
 * mine works its shifts under the approved headcount, a stopped one keeps a duty crew, alarms cut power and sensors
 * come back within the hour or so the policy allows. Planted in them: the stopped mine producing at night
 * (demo-incidents.ts) sends a crew down the night shift; one producing mine runs a shift over its approved headcount
 * (超定员); one outburst mine's methane alarm did not cut power (瓦斯超限未断电). Pure and deterministic, like the
 * readings: a day's feed depends only on the mine and the date.
 */
import type { RuleId } from '#lib/findings/vocabulary.ts';
import type { GasDay, PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import type { HeadcountLimits } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { DEMO_MINES, type DemoMine } from './demo-mines.ts';
import { fnv1a, mulberry32 } from './prng.ts';

export const DEMO_FEED_DAYS = 30;

/** A planted monitoring incident: offsets are days relative to today, both ends included. */
export interface DemoFeedIncident {
  readonly mineId: string;
  readonly kind: 'night_crew' | 'over_headcount' | 'gas_uncut';
  readonly fromDay: number;
  readonly toDay: number;
  /** Rules the review of the incident's last day is expected to report. */
  readonly rules: readonly RuleId[];
  readonly description: string;
}

export const DEMO_FEED_INCIDENTS: readonly DemoFeedIncident[] = [
  {
    // The same days as the electricity's night production of m-demo11: one act, two witnesses.
    mineId: 'm-demo11',
    kind: 'night_crew',
    fromDay: -7,
    toDay: -1,
    rules: ['PEOPLE_WHEN_STOPPED'],
    description: '停产矿井近7天夜班井下人数达24–31人，远超核定值班人员6人，与夜间用电激增相互印证，疑似夜间组织生产。',
  },
  {
    mineId: 'm-demo03',
    kind: 'over_headcount',
    fromDay: -1,
    toDay: -1,
    rules: ['OVER_HEADCOUNT'],
    description: '生产矿井昨日早班井下87人，超过核定下井人数70人，超定员组织生产。',
  },
  {
    mineId: 'm-demo07',
    kind: 'gas_uncut',
    fromDay: -1,
    toDay: -1,
    rules: ['GAS_NO_POWER_CUT'],
    description: '突出矿井昨日凌晨3105回风巷甲烷浓度达1.46%，持续22分钟，安全监控系统未断电。',
  },
];

/** The duty crew a stopped demo mine may keep underground per shift. */
export const DEMO_DUTY_CREW = { night: 6, morning: 8, afternoon: 8 } as const;

/** A demo mine's approved headcount: about one person per 3,000 t/a of capacity on a day shift, fewer at night. */
export function demoHeadcount(mine: DemoMine, from: string): HeadcountLimits {
  const day = Math.max(30, Math.round(mine.capacity / 3000));
  return { from, shifts: { night: Math.round(day * 0.6), morning: day, afternoon: day }, dutyCrew: DEMO_DUTY_CREW };
}

export interface DemoFeedDay {
  readonly date: string;
  readonly personnel: PersonnelDay;
  readonly gas: GasDay;
}

const personnelDay = (night: number, morning: number, afternoon: number): PersonnelDay => ({
  shifts: { night, morning, afternoon },
  peak: Math.max(night, morning, afternoon),
});

/** `count` people at `low`–`high` of `limit`, rounded down, at least one. */
const share = (rand: () => number, limit: number, low: number, high: number): number =>
  Math.max(1, Math.floor(limit * (low + rand() * (high - low))));

/** One mine's ordinary day: shifts under the limit (or a duty crew), an occasional alarm that cut power. */
function ordinaryDay(mine: DemoMine, limits: HeadcountLimits, date: string): DemoFeedDay {
  const rand = mulberry32(fnv1a(`${mine.id}|${date}|feeds`));
  const personnel =
    mine.status === 'producing'
      ? personnelDay(
          share(rand, limits.shifts.night, 0.6, 0.9),
          share(rand, limits.shifts.morning, 0.75, 0.95),
          share(rand, limits.shifts.afternoon, 0.7, 0.92),
        )
      : personnelDay(2 + Math.floor(rand() * 5), 3 + Math.floor(rand() * 6), 3 + Math.floor(rand() * 6));
  const gassy = mine.gas !== 'low' && mine.status === 'producing';
  const events =
    gassy && rand() < 0.15
      ? [
          {
            sensorId: 'T0201',
            location: '2201 工作面回风隅角',
            peakPercent: Math.round((1.02 + rand() * 0.25) * 100) / 100,
            startedAt: `${String(8 + Math.floor(rand() * 12)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`,
            minutes: 3 + Math.floor(rand() * 10),
            powerCut: true,
          },
        ]
      : [];
  const outages =
    rand() < 0.1
      ? [{ sensorId: 'T0105', location: '主要进风巷', hoursOffline: Math.round((0.5 + rand()) * 10) / 10 }]
      : [];
  return { date, personnel, gas: { events, outages } };
}

/** The planted incident's day: the ordinary day with the incident on top. */
function plantedDay(day: DemoFeedDay, incident: DemoFeedIncident, limits: HeadcountLimits): DemoFeedDay {
  const { night, morning, afternoon } = day.personnel.shifts;
  switch (incident.kind) {
    case 'night_crew': {
      const crew = 24 + (fnv1a(`${incident.mineId}|${day.date}|crew`) % 8);
      return { ...day, personnel: personnelDay(crew, morning, afternoon) };
    }
    case 'over_headcount':
      return { ...day, personnel: personnelDay(night, limits.shifts.morning + 17, afternoon) };
    case 'gas_uncut':
      return {
        ...day,
        gas: {
          events: [
            ...day.gas.events,
            {
              sensorId: 'T3105-2',
              location: '3105 回风巷',
              peakPercent: 1.46,
              startedAt: '03:20',
              minutes: 22,
              powerCut: false,
            },
          ],
          outages: day.gas.outages,
        },
      };
  }
}

/** `days` days of both feeds ending yesterday, per demo mine (oldest first), with the planted incidents. */
export function demoFeeds(options: {
  today: string;
  days?: number;
  mines?: readonly DemoMine[];
  incidents?: readonly DemoFeedIncident[];
}): Map<string, DemoFeedDay[]> {
  const days = options.days ?? DEMO_FEED_DAYS;
  const planted = options.incidents ?? DEMO_FEED_INCIDENTS;
  const out = new Map<string, DemoFeedDay[]>();
  for (const mine of options.mines ?? DEMO_MINES) {
    const limits = demoHeadcount(mine, addDays(options.today, -400));
    const list: DemoFeedDay[] = [];
    for (let offset = -days; offset <= -1; offset++) {
      const day = ordinaryDay(mine, limits, addDays(options.today, offset));
      const incident = planted.find((i) => i.mineId === mine.id && offset >= i.fromDay && offset <= i.toDay);
      list.push(incident ? plantedDay(day, incident, limits) : day);
    }
    out.set(mine.id, list);
  }
  return out;
}
