/** Numbers as the bureau reads them: kWh with thousands separators, shares as percentages. */
const kwhFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const axisFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export const formatKwh = (kwh: number | null | undefined): string =>
  typeof kwh === 'number' && Number.isFinite(kwh) ? `${kwhFormat.format(kwh)} kWh` : '—';

export const formatAxisKwh = (kwh: number): string => axisFormat.format(kwh);

export const formatShare = (share: number | null | undefined): string =>
  typeof share === 'number' && Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '—';
