/**
 * Numbers as a bureau officer reads them in a finding, formatted by hand so the sentence is the same on every runtime
 * (no locale data): kWh with thousands separators and at most one decimal, shares as percentages with one decimal.
 * The rounding helpers are what findings report; rules always compare the unrounded values.
 */

const roundTo = (value: number, places: number): number => {
  const f = 10 ** places;
  const r = Math.round(Math.abs(value) * f) / f;
  return value < 0 && r !== 0 ? -r : r;
};

export const roundKwh = (kwh: number): number => roundTo(kwh, 1);
export const roundShare = (share: number): number => roundTo(share, 3);
export const roundZ = (z: number): number => roundTo(z, 2);

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A number rounded to `places` decimals, trailing zeros dropped, thousands grouped with commas: 2,808 or 1,234.5. */
export const formatNumber = (value: number, places = 1): string => {
  const r = roundTo(value, places);
  const [int = '0', frac] = Math.abs(r).toFixed(places).split('.');
  const trimmed = frac?.replace(/0+$/, '') ?? '';
  return `${r < 0 ? '-' : ''}${group(int)}${trimmed.length > 0 ? `.${trimmed}` : ''}`;
};

/** kWh as `4,820 kWh`. */
export const formatKwh = (kwh: number): string => `${formatNumber(kwh, 1)} kWh`;

/** A share (0–1) as a percentage with one decimal: 0.097 → `9.7%`. */
export const formatPercent = (share: number): string => `${roundTo(share * 100, 1).toFixed(1)}%`;

/** A share difference in percentage points with one decimal: 0.033 → `3.3`. */
export const formatPoints = (delta: number): string => roundTo(delta * 100, 1).toFixed(1);

/** A policy factor as written in the policy: 1.3, 1.25, 4. */
export const formatFactor = (factor: number): string => formatNumber(factor, 2);
