// The witnesses of one act, through the engine: a suspended mine's day found by the electricity (its night share, its
// maintenance bar, its production level) and by the personnel feed gives findings that open one case, named for the
// strongest witness, the others its evidence (SAME_ACT, as lib/cases/record-findings.ts groups them).
import { describe, expect, it } from 'vitest';
import { actLeadOf, opensCase } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReview } from '#lib/power/types.ts';
import { DATE, mine, qhReading, reading, since } from '../builders.ts';
import { personnel } from './monitoring-builders.ts';

/** The rules of the cases a review opens: the case-opening findings that join no other of the day. */
const casesOpened = (review: MineReview) => {
  const rules = review.findings.filter((f) => opensCase(f.severity)).map((f) => f.rule);
  return rules.filter((r) => actLeadOf(r, rules) === undefined);
};

describe('a stopped day found by the electricity and by the people opens one case', () => {
  it('over the maintenance bar with a crew underground: one case, named for the people', () => {
    const r = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [reading(DATE, 4000)],
        monitoring: { personnel: personnel(40, 3, 3) },
      }),
    );
    expect(r.findings.map((f) => f.rule).sort()).toEqual(['PEOPLE_WHEN_STOPPED', 'SUSPENDED_OVER_MAINTENANCE']);
    expect(casesOpened(r)).toEqual(['PEOPLE_WHEN_STOPPED']);
  });

  it('within the bar but a night profile and a night crew: one case, the electricity’s night finding its evidence', () => {
    // 2,400 kWh (under the 2,808 kWh bar) nearly all of it at night.
    const r = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [qhReading(DATE, 70, 2.5)],
        monitoring: { personnel: personnel(40, 3, 3) },
      }),
    );
    expect(r.findings.map((f) => f.rule).sort()).toEqual([
      'NIGHT_PRODUCTION',
      'PEOPLE_WHEN_STOPPED',
      'POWER_PEOPLE_DISAGREE',
    ]);
    expect(casesOpened(r)).toEqual(['PEOPLE_WHEN_STOPPED']);
  });

  it('at production level with a crew underground: one case, named 未经验收擅自生产', () => {
    const r = reviewMineDay(
      mine({
        statusTimeline: since('rectifying'),
        readings: [reading(DATE, 12_000)],
        monitoring: { personnel: personnel(60, 80, 3) },
      }),
    );
    expect(r.findings.map((f) => f.rule).sort()).toEqual([
      'PEOPLE_WHEN_STOPPED',
      'SUSPENDED_OVER_MAINTENANCE',
      'UNACCEPTED_PRODUCTION',
    ]);
    expect(casesOpened(r)).toEqual(['UNACCEPTED_PRODUCTION']);
  });

  it('at production level with nobody underground: the disagreement joins 未经验收擅自生产', () => {
    const r = reviewMineDay(
      mine({
        statusTimeline: since('rectifying'),
        readings: [reading(DATE, 12_000)],
        monitoring: { personnel: personnel(0, 0, 0) },
      }),
    );
    expect(r.findings.map((f) => f.rule)).toContain('POWER_PEOPLE_DISAGREE');
    expect(casesOpened(r)).toEqual(['UNACCEPTED_PRODUCTION']);
  });
});
