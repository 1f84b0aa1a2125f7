// Numbers in the Chinese sentences: grouped with commas, at most one decimal for kWh, percentages with one decimal,
// the same on every runtime.
import { describe, expect, it } from 'vitest';
import {
  formatFactor,
  formatKwh,
  formatNumber,
  formatPercent,
  formatPoints,
  roundKwh,
  roundShare,
} from '#lib/power/engine/format.ts';

describe('format', () => {
  it.each([
    [0, '0'],
    [4820, '4,820'],
    [2808.0000000000005, '2,808'],
    [999.95, '1,000'],
    [1234567.25, '1,234,567.3'],
    [12.04, '12'],
    [-1500.5, '-1,500.5'],
    [-0.01, '0'],
  ])('formatNumber(%d) = %s', (n, s) => expect(formatNumber(n)).toBe(s));

  it('formats kWh, percentages, points and factors', () => {
    expect(formatKwh(2160)).toBe('2,160 kWh');
    expect(formatPercent(0.097)).toBe('9.7%');
    expect(formatPercent(0.13)).toBe('13.0%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPoints(0.13 - 0.097)).toBe('3.3');
    expect(formatFactor(1.3)).toBe('1.3');
    expect(formatFactor(1.25)).toBe('1.25');
    expect(formatFactor(4)).toBe('4');
  });

  it('rounds reported numbers: kWh to 0.1, shares to 0.001', () => {
    expect(roundKwh(2808.0000000000005)).toBe(2808);
    expect(roundKwh(1189.7728)).toBe(1189.8);
    expect(roundShare(0.12125)).toBe(0.121);
    expect(roundShare(1 / 3)).toBe(0.333);
  });
});
