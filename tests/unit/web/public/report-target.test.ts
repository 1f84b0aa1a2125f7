// 我要举报's 受理辖区: which jurisdiction a report goes to, from what the visitor picked and the levels' lists.
import { describe, expect, it } from 'vitest';
import { type Place, pickOf, reportTarget } from '#web/src/pages/public/report-target.ts';

const place = (jurisdiction: string, takesReports: boolean, more: boolean): Place => ({
  jurisdiction,
  name: jurisdiction,
  fullName: jurisdiction,
  takesReports,
  more,
});
/** A province; a city with mines of its own and districts; one of its districts; a city of districts only. */
const LEVELS: Place[][] = [
  [place('p', false, true)],
  [place('p/c', true, true), place('p/e', false, true)],
  [place('p/c/d', true, false)],
];

describe('reportTarget', () => {
  it.each([
    ['a district picked', { path: 'p/c/d', final: true }, LEVELS, 'p/c/d'],
    ['a city picked on the way to its districts', { path: 'p/c', final: false }, LEVELS, ''],
    ["a city's 本级 picked", { path: 'p/c', final: true }, LEVELS, 'p/c'],
    ['a province picked', { path: 'p', final: false }, LEVELS, ''],
    ["a link's district, the lists not in yet", { path: 'p/c/d' }, undefined, 'p/c/d'],
    ["a link's district, listed", { path: 'p/c/d' }, LEVELS, 'p/c/d'],
    ["a link's city with districts: its 本级 not chosen", { path: 'p/c' }, LEVELS, ''],
    ["a link's city without mines of its own", { path: 'p/e' }, LEVELS, ''],
    ["a link's path no list has", { path: 'x/y' }, LEVELS, ''],
  ] as const)('%s', (_, picked, levels, want) => {
    expect(reportTarget(picked, levels)).toBe(want);
  });
});

describe('pickOf', () => {
  it('is final for a level that takes reports with nothing below it, else a step on the way', () => {
    expect(pickOf(place('p/c/d', true, false), 'p/c/d')).toEqual({ path: 'p/c/d', final: true });
    expect(pickOf(place('p/c', true, true), 'p/c')).toEqual({ path: 'p/c', final: false });
    expect(pickOf(place('p', false, true), 'p')).toEqual({ path: 'p', final: false });
    expect(pickOf(undefined, 'x')).toEqual({ path: 'x', final: false });
  });
});
