// Who reported a hazard reaches the credit model: a hazard the mine reported itself (source self_report, a mine
// user's submission) is a self-reported record; one an inspection or a case found is not.
import { describe, expect, it } from 'vitest';
import { CREDIT_RECORD_ATTRIBUTES, fromStoredItem } from '#lib/credit/records.ts';

const stored = (source: string) => ({
  entity: 'hazard',
  hazardId: 'h-1',
  foundOn: '2026-01-10',
  level: 'general',
  deadline: '2026-02-10',
  status: 'rectifying',
  source,
});

describe('a stored hazard as a credit record', () => {
  it.each([
    ['self_report', true],
    ['inspection', false],
    ['case', false],
  ])('source %s → selfReported %s', (source, selfReported) => {
    const r = fromStoredItem(stored(source));
    expect(r).toMatchObject({ kind: 'hazard', id: 'h-1', date: '2026-01-10' });
    expect(r && 'selfReported' in r && r.selfReported === true).toBe(selfReported);
  });
});

// What names the act a record belongs to: the case a violation was confirmed from; the case a hazard was recorded from
// (a caseId on an inspection's hazard is ignored); a case confirmed as a major hazard, and nothing else of a case.
describe('the case a record belongs to', () => {
  const violation = (source: object) => ({
    entity: 'violation',
    violationId: 'v',
    date: '2026-01-10',
    category: 'over_capacity',
    source,
  });
  const hazard = (source: string) => ({
    entity: 'hazard',
    hazardId: 'h',
    foundOn: '2026-01-10',
    level: 'major',
    category: 'GAS_OVERLIMIT',
    deadline: '2026-02-10',
    status: 'reported',
    source,
    caseId: 'c-1',
  });
  const confirmed = (outcome: object | undefined) => ({
    entity: 'case',
    caseId: 'c-1',
    openedOn: '2026-01-10',
    rule: 'OVER_HEADCOUNT',
    status: 'confirmed',
    ...(outcome ? { outcome } : {}),
  });
  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined]>([
    ['violation from a case', violation({ kind: 'case', id: 'c-1' }), { kind: 'violation', caseId: 'c-1' }],
    [
      'violation of an inspection',
      violation({ kind: 'inspection', id: 'i-1' }),
      { kind: 'violation', caseId: undefined },
    ],
    ['major hazard from a case', hazard('case'), { kind: 'hazard', caseId: 'c-1', category: 'GAS_OVERLIMIT' }],
    [
      'major hazard of an inspection',
      hazard('inspection'),
      { kind: 'hazard', caseId: undefined, category: 'GAS_OVERLIMIT' },
    ],
    [
      'case confirmed as a major hazard',
      confirmed({ category: 'over_capacity', majorHazard: 'OVER_CAPACITY' }),
      { kind: 'case', id: 'c-1', date: '2026-01-10', majorHazard: 'OVER_CAPACITY' },
    ],
    ['case confirmed as a violation only', confirmed({ category: 'stopped_mine_producing' }), undefined],
    ['case not confirmed', confirmed(undefined), undefined],
  ])('%s', (_name, item, expected) => {
    const r = fromStoredItem(item) as Record<string, unknown> | undefined;
    if (expected === undefined) return expect(r).toBeUndefined();
    expect(r).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)));
    expect(r!.caseId).toBe(expected.caseId);
  });
});

// The credit index's query asks only for CREDIT_RECORD_ATTRIBUTES: an attribute the model reads but the list lacks
// would silently read as missing, so the list is held to the function's own text.
describe('the attributes the credit index query asks for', () => {
  it('name every attribute fromStoredItem reads, and nothing it does not', () => {
    const source = fromStoredItem.toString();
    const read = new Set([...source.matchAll(/\bitem\.(\w+)/g)].map((m) => m[1]!));
    expect(read.size).toBeGreaterThan(20);
    expect([...CREDIT_RECORD_ATTRIBUTES].sort()).toEqual([...read].sort());
  });

  it.each([
    ['violation', { violationId: 'v-1', date: '2026-01-10', category: 'general', description: '未按规定' }],
    ['hazard', { hazardId: 'h-1', foundOn: '2026-01-10', level: 'major', deadline: '2026-02-10', status: 'verified' }],
    [
      'violation',
      { violationId: 'v-2', date: '2026-01-10', category: 'over_capacity', source: { kind: 'case', id: 'case-1' } },
    ],
    [
      'case',
      // Confirmed as a major hazard (超定员): the act its violation and the hazards recorded from it are.
      {
        caseId: 'case-1',
        openedOn: '2026-01-10',
        rule: 'OVER_HEADCOUNT',
        status: 'confirmed',
        outcome: { statusOnDay: 'producing', category: 'over_capacity', majorHazard: 'OVER_CAPACITY', label: '认定' },
      },
    ],
    [
      'hazard',
      // Recorded from that case: the same act.
      {
        hazardId: 'h-2',
        foundOn: '2026-01-11',
        level: 'major',
        category: 'OVER_CAPACITY',
        deadline: '2026-02-10',
        status: 'rectifying',
        source: 'case',
        caseId: 'case-1',
      },
    ],
    [
      'review',
      { date: '2026-01-10', verdict: 'no_data', totalKwh: null, findings: [{ rule: 'MISSING' }], mineName: '某矿' },
    ],
    [
      'review',
      // A monitoring feed's finding makes the day an anomaly; no electricity reading is still a missed report.
      {
        date: '2026-01-11',
        verdict: 'anomaly',
        totalKwh: null,
        findings: [{ rule: 'OVER_HEADCOUNT' }],
        mineName: '某矿',
      },
    ],
    [
      'penalty',
      { penaltyId: 'p-1', executionDue: '2026-02-01', status: 'executed', executedOn: '2026-01-20', kind: 'fine' },
    ],
  ])('a %s reads the same from the projected item as from the whole one', (entity, rest) => {
    const whole: Record<string, unknown> = { entity, PK: 'MINE#m', SK: 'X', extra: { big: 'x'.repeat(100) }, ...rest };
    whole.verifiedAt = '2026-01-15T02:00:00.000Z';
    const projected = Object.fromEntries(
      Object.entries(whole).filter(([k]) => (CREDIT_RECORD_ATTRIBUTES as readonly string[]).includes(k)),
    );
    expect(fromStoredItem(whole)).toBeDefined();
    expect(fromStoredItem(projected)).toEqual(fromStoredItem(whole));
  });
});
