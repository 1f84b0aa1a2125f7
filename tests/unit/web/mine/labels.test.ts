// How the mine's file words a licence's days left, credit points and kWh.
import { describe, expect, it } from 'vitest';
import { formatKwh, formatShare } from '#web/src/charts/format.ts';
import { formatPoints } from '#web/src/format.ts';
import { label, MINE_STATUS_LABELS } from '#web/src/labels.ts';
import { licenceNote } from '#web/src/pages/mine/due-notes.ts';

describe('licenceNote', () => {
  it.each([
    ['valid', 200, '剩 200 天', 'ok'],
    ['expiring', 25, '即将到期，剩 25 天', 'warn'],
    ['expiring', 0, '今日到期', 'warn'],
    ['expired', -3, '已过期 3 天', 'bad'],
    ['suspended', 200, '已暂扣', 'bad'],
    ['revoked', -3, '已吊销', 'bad'],
  ] as const)('%s with %d days', (state, days, text, tone) => expect(licenceNote(state, days)).toEqual({ text, tone }));
});

describe('formats', () => {
  it.each([
    [-30, '−30'],
    [3, '+3'],
    [0, '0'],
  ])('points %d → %s', (points, text) => expect(formatPoints(points)).toBe(text));

  it('kWh and shares, with a dash for nothing', () => {
    expect(formatKwh(6333.58)).toBe('6,333.6 kWh');
    expect(formatKwh(null)).toBe('—');
    expect(formatShare(0.6258)).toBe('62.6%');
    expect(formatShare(null)).toBe('—');
  });

  it('a status in Chinese, an unknown code as given', () => {
    expect(label(MINE_STATUS_LABELS, 'rectifying')).toBe('停产整顿');
    expect(label(MINE_STATUS_LABELS, 'mothballed')).toBe('mothballed');
  });
});
