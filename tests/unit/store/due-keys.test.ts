import { describe, expect, it } from 'vitest';
import { parseDueSk } from '#lib/store/due-index.ts';
import { gsi2 } from '#lib/store/keys.ts';

// The due-date index's keys: one partition per jurisdiction path, sorted by date, so a range of days is one Query.
describe('the due-date index keys', () => {
  it.each([
    ['hlj/hegang/dongshan', 'DUE#hlj/hegang/dongshan'],
    ['hlj/hegang', 'DUE#hlj/hegang'],
    ['hlj', 'DUE#hlj'],
  ])('files %s under %s', (path, key) => {
    expect(gsi2.due(path)).toBe(key);
  });

  it.each([['2026-05-01'], ['']])('refuses %j as a partition: the key is a path, no longer a date', (wrong) => {
    expect(() => gsi2.due(wrong)).toThrow(/keyed by a path/);
  });

  it('leads the sort key with the date, then kind, mine and ref', () => {
    expect(gsi2.dueItem('2026-05-01', 'HAZARD', 'm-1', 'hz-1')).toBe('2026-05-01#HAZARD#m-1#hz-1');
  });

  it.each([
    // [sort key, inside [from, to] = [2026-05-01, 2026-05-03]]
    ['2026-04-30#HAZARD#m-1#x', false],
    ['2026-05-01#HAZARD#m-1#x', true],
    ['2026-05-02#~', true],
    ['2026-05-03#TIPOFFDUE#-#t', true],
    ['2026-05-04#ACCEPTANCE#m-1#a', false],
  ])('the range of 2026-05-01..03 holds %s: %s', (key, inside) => {
    const [from, to] = [gsi2.dueFrom('2026-05-01'), gsi2.dueTo('2026-05-03')];
    expect(key >= from && key <= to).toBe(inside);
  });

  it.each([
    ['2026-05-01#HAZARD#m-1#hz-1', { date: '2026-05-01', kind: 'HAZARD', mineId: 'm-1', ref: 'hz-1' }],
    ['2026-05-01#TIPOFFDUE#-#tip-1', { date: '2026-05-01', kind: 'TIPOFFDUE', mineId: undefined, ref: 'tip-1' }],
    ['2026-05-01#SMSHELD#m-1#n-1#user:u', { date: '2026-05-01', kind: 'SMSHELD', mineId: 'm-1', ref: 'n-1#user:u' }],
  ])('reads %s back into its parts', (key, parts) => {
    expect(parseDueSk(key)).toEqual(parts);
  });
});
