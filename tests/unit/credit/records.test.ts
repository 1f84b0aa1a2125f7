// Who reported a hazard reaches the credit model: a hazard the mine reported itself (source self_report, a mine
// user's submission) is a self-reported record; one an inspection or a case found is not.
import { describe, expect, it } from 'vitest';
import { fromStoredItem } from '#lib/credit/records.ts';

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
