/**
 * The incidents planted in the demo readings for the nightly review to find (明停暗开, 超能力, a frozen meter,
 * missing days, a mine declaring far less than the grid company measured), and the days each covers.
 */
import type { RuleId } from '#lib/findings/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';

/**
 * An incident planted in the demo readings. Offsets are days relative to `today` (−1 is yesterday, the day the
 * nightly review checks); the incident covers every day from `fromDay` to `toDay`, both included.
 */
export interface DemoIncident {
  readonly mineId: string;
  readonly kind: 'night_production' | 'over_capacity' | 'flatline' | 'missing' | 'under_declared';
  readonly fromDay: number;
  readonly toDay: number;
  /** Rules the review of the incident's last day is expected to report. */
  readonly rules: readonly RuleId[];
  /**
   * Rules that may also fire as a side effect: a week of production on a stopped mine, or ten days at 130 % of the
   * ceiling, are also far outside the mine's own 28-day profile.
   */
  readonly incidentalRules: readonly RuleId[];
  /** What happened, as a bureau officer would put it. */
  readonly description: string;
}

export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    // Stopped mine producing at night: total ≈ 1.65–1.8 × maintenance, night share ≈ 0.62–0.645 (flat ≈ 1/3),
    // hoist share ≈ 13.5–14.5 % (≈ 3 % when idle).
    mineId: 'm-demo11',
    kind: 'night_production',
    fromDay: -7,
    toDay: -1,
    rules: ['SUSPENDED_OVER_MAINTENANCE', 'NIGHT_PRODUCTION', 'HOIST_SHARE'],
    incidentalRules: ['SPIKE'],
    description:
      '停产矿井近7天夜间（22:00–06:00）用电激增，日用电量约为维护负荷的1.7倍，提升回路占比由约3%升至约14%，疑似明停暗开、夜间组织生产。',
  },
  {
    // Producing mine at ≈ 1.27–1.33 × its production ceiling, running the maintenance shift as a production shift.
    mineId: 'm-demo05',
    kind: 'over_capacity',
    fromDay: -10,
    toDay: -1,
    rules: ['OVER_CAPACITY'],
    incidentalRules: ['SPIKE'],
    description: '生产矿井近10天日用电量约为核定生产能力对应上限的1.3倍，且检修班时段持续高负荷，疑似超能力组织生产。',
  },
  {
    // The main meter repeats the same total, quarter-hours and circuit split for four days.
    mineId: 'm-demo08',
    kind: 'flatline',
    fromDay: -4,
    toDay: -1,
    rules: ['FLATLINE_OR_DROP'],
    incidentalRules: [],
    description: '生产矿井总进线电表连续4天读数完全相同，疑似电表故障或数据被人为篡改。',
  },
  {
    // No reading at all for the last three days: MISSING is low on the first two and high on the third.
    mineId: 'm-demo09',
    kind: 'missing',
    fromDay: -3,
    toDay: -1,
    rules: ['MISSING'],
    incidentalRules: [],
    description: '生产矿井连续3天未报送用电数据。',
  },
  {
    // One scattered missing day earlier in the window (MISSING, low); the mine is normal otherwise.
    mineId: 'm-demo12',
    kind: 'missing',
    fromDay: -20,
    toDay: -20,
    rules: ['MISSING'],
    incidentalRules: [],
    description: '停产矿井有1天未报送用电数据。',
  },
  {
    // The grid company's reading is an ordinary day's; the mine's own report of it is 40 % of that (see
    // demoDeclarations), kept beside the grid's value as its declaration.
    mineId: 'm-demo04',
    kind: 'under_declared',
    fromDay: -1,
    toDay: -1,
    rules: ['DECLARATION_MISMATCH'],
    incidentalRules: [],
    description: '生产矿井自报的昨日用电量仅为供电公司数据的四成，少报用电，疑似隐瞒实际生产。',
  },
];

/** What an under-declaring demo mine reports of the grid company's reading. */
export const DEMO_DECLARED_SHARE = 0.4;

/** The dates an incident covers, oldest first, for a given `today`. */
export const incidentDates = (incident: DemoIncident, today: string): string[] => {
  const dates: string[] = [];
  for (let d = incident.fromDay; d <= incident.toDay; d++) dates.push(addDays(today, d));
  return dates;
};
