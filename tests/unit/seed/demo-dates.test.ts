// The demo district's licences and periodic duties, whatever day the demo is seeded on: nothing issued or done after
// that day, every licence issued before it expires, and the stories a newcomer is told (licences expiring soon, one
// expired, one drill overdue) still there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextDueOn } from '#lib/registry/periodic-duties.ts';
import { LICENCE_TYPES } from '#lib/registry/vocabulary.ts';
import { daysBetween } from '#lib/validators/business-date.ts';
import { DEMO_LICENCE_TERM_YEARS, DEMO_MINES, demoDuties, demoLicences } from '#local/seed/demo-district.ts';

/** Any day from 2000 to 2099, leap days and year ends included. */
const anyDay = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const DAYS = ['2026-12-02', '2024-02-29', '2025-01-01', '2027-12-31', '2028-03-01'];

describe('the demo licences', () => {
  it('are issued on or before the seeding day and expire after they are issued, one term later', () => {
    fc.assert(
      fc.property(anyDay, (today) => {
        for (const [i, m] of DEMO_MINES.entries()) {
          const licences = demoLicences(today, m, i);
          expect(licences.map((l) => l.type).sort()).toEqual([...LICENCE_TYPES].sort());
          for (const l of licences) {
            expect(l.issuedOn <= today, `${m.id} ${l.type} issued ${l.issuedOn}, today ${today}`).toBe(true);
            expect(l.issuedOn < l.expiresOn).toBe(true);
            const years = DEMO_LICENCE_TERM_YEARS[l.type];
            expect(daysBetween(l.issuedOn, l.expiresOn)).toBeGreaterThanOrEqual(365 * years);
            expect(daysBetween(l.issuedOn, l.expiresOn)).toBeLessThanOrEqual(366 * years);
            expect(l.number).toContain(`-${l.issuedOn.slice(0, 4)}-`);
          }
        }
      }),
    );
  });

  it.each(DAYS)('keep each mine’s 安全生产许可证 expiring as its story says (seeded on %s)', (today) => {
    for (const [i, m] of DEMO_MINES.entries()) {
      const safety = demoLicences(today, m, i).find((l) => l.type === 'safety_production')!;
      expect(daysBetween(today, safety.expiresOn)).toBe(m.safetyLicenceDays);
    }
  });

  it('seeded on 2026-12-02, give 泰源煤矿 a 营业执照 issued in 2015 for 20 years, not one issued in 2032', () => {
    const business = demoLicences('2026-12-02', DEMO_MINES[0]!, 0).find((l) => l.type === 'business');
    expect(business).toEqual({
      type: 'business',
      number: '黑BU-2015-0001',
      issuedOn: '2015-02-18',
      expiresOn: '2035-02-18',
    });
  });
});

describe('the demo appraisals and drills', () => {
  it('were done on or before the seeding day', () => {
    fc.assert(
      fc.property(anyDay, (today) => {
        for (const [i, m] of DEMO_MINES.entries()) {
          const duties = demoDuties(today, m, i);
          expect(duties).toHaveLength(3);
          for (const d of duties) expect(d.lastDoneOn <= today, `${m.id} ${d.duty} ${d.lastDoneOn}`).toBe(true);
        }
      }),
    );
  });

  it.each(DAYS)('leave exactly one drill overdue, m-demo04’s on-site drill (seeded on %s)', (today) => {
    const overdue = DEMO_MINES.flatMap((m, i) =>
      demoDuties(today, m, i)
        .filter((d) => nextDueOn(d.duty, d.lastDoneOn, d.resultGrade) < today)
        .map((d) => `${m.id} ${d.duty}`),
    );
    expect(overdue).toEqual(['m-demo04 onsite_response_drill']);
  });

  it('record the appraisal with the mine’s gas grade, and the drills without one', () => {
    for (const [i, m] of DEMO_MINES.entries()) {
      const byDuty = new Map(demoDuties(DAYS[0]!, m, i).map((d) => [d.duty, d]));
      expect(byDuty.get('gas_grade_appraisal')?.resultGrade).toBe(m.gas);
      expect(byDuty.get('emergency_plan_drill')).not.toHaveProperty('resultGrade');
      expect(byDuty.get('onsite_response_drill')).not.toHaveProperty('resultGrade');
    }
  });
});
