/**
 * A finding's measured value and threshold in its own unit, as a bureau officer reads them: the electricity's kWh,
 * shares and days, and the monitoring feeds' people underground, CH4 concentration, hours offline and alarms.
 */
import type { Finding } from './types.ts';

const oneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

export function findingValue(unit: Finding['unit'] | string, value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'share':
      return `${oneDecimal.format(value * 100)}%`;
    case 'percent':
      // A concentration as the monitoring system prints it: two decimals (1.62 %).
      return `${twoDecimals.format(value)}%`;
    case 'z':
      return oneDecimal.format(value);
    case 'days':
      return `${oneDecimal.format(value)} 天`;
    case 'people':
      return `${oneDecimal.format(value)} 人`;
    case 'hours':
      return `${oneDecimal.format(value)} 小时`;
    case 'count':
      return `${oneDecimal.format(value)} 次`;
    case 'kWh':
      return `${oneDecimal.format(value)} kWh`;
    default:
      return `${oneDecimal.format(value)} ${unit}`.trim();
  }
}
