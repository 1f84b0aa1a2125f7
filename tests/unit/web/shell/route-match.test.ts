// Hash routes: `#/cases/case-1?x=y` to a pattern with its parameters, and links back.
import { describe, expect, it } from 'vitest';
import { href, matchRoute, parseHash, recordHref } from '#web/src/route-match.ts';

const PATTERNS = ['/', '/review', '/review/:date', '/mines', '/mines/:mineId', '/cases/:caseId', '/blacklist/:entryId'];
const match = (hash: string) => {
  const { path, query } = parseHash(hash);
  return matchRoute(PATTERNS, path, query);
};

describe('parseHash', () => {
  it.each([
    ['', '/', ''],
    ['#', '/', ''],
    ['#/', '/', ''],
    ['#/cases?status=open&overdue=true', '/cases', 'status=open&overdue=true'],
    ['#cases', '/cases', ''],
    ['#/sign-in?next=%2Fcases%3Fstatus%3Dopen', '/sign-in', 'next=%2Fcases%3Fstatus%3Dopen'],
  ])('%s → %s ? %s', (hash, path, qs) => {
    const parsed = parseHash(hash);
    expect(parsed.path).toBe(path);
    expect(parsed.query.toString()).toBe(qs);
  });
  it('keeps a ? inside the query', () =>
    expect(parseHash('#/sign-in?next=%2Fcases%3Fstatus%3Dopen').query.get('next')).toBe('/cases?status=open'));
});

describe('matchRoute', () => {
  it('matches fixed paths and names parameters', () => {
    expect(match('#/')?.pattern).toBe('/');
    expect(match('#/review')?.pattern).toBe('/review');
    expect(match('#/review/2026-11-29')).toMatchObject({ pattern: '/review/:date', params: { date: '2026-11-29' } });
    expect(match('#/mines/m-taiyuan?day=2026-11-29')).toMatchObject({
      pattern: '/mines/:mineId',
      params: { mineId: 'm-taiyuan' },
    });
    expect(match('#/mines/m-taiyuan?day=2026-11-29')?.query.get('day')).toBe('2026-11-29');
  });
  it('decodes parameters', () => expect(match('#/cases/case%2D1')?.params).toEqual({ caseId: 'case-1' }));
  it('ignores a trailing slash', () => expect(match('#/mines/')?.pattern).toBe('/mines'));
  it.each(['#/nope', '#/mines/m-1/extra', '#/cases', '#/cases/%E0%A4%A'])('%s matches nothing', (hash) =>
    expect(match(hash)).toBeUndefined(),
  );
});

describe('links', () => {
  it('writes the query, leaving empty values out', () => {
    expect(href('/cases', { status: 'open', overdue: undefined, mineId: '' })).toBe('#/cases?status=open');
    expect(href('/')).toBe('#/');
  });
  it('encodes record ids', () => expect(recordHref('/blacklist', 'bl 1/2')).toBe('#/blacklist/bl%201%2F2'));
});
