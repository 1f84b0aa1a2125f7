/** The registry's vocabularies in Chinese (as lib/registry/vocabulary.ts names them) and small display rules. */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  producing: '生产',
  suspended: '停产',
  rectifying: '停产整顿',
  construction: '建设/技改',
  closed: '关闭',
};
export const GAS_GRADE_LABELS: Readonly<Record<string, string>> = { low: '低瓦斯', high: '高瓦斯', outburst: '煤与瓦斯突出' };
export const HYDROGEOLOGY_LABELS: Readonly<Record<string, string>> = { simple: '简单', medium: '中等', complex: '复杂', very_complex: '极复杂' };
export const STANDARDISATION_LABELS: Readonly<Record<string, string>> = { grade1: '一级', grade2: '二级', grade3: '三级', none: '未达标' };
export const CIRCUIT_LABELS: Readonly<Record<string, string>> = { hoist: '提升', ventilation: '通风', drainage: '排水', monitoring: '监控', other: '其他' };

export const label = (labels: Readonly<Record<string, string>>, key: string | undefined): string => (key === undefined ? '—' : (labels[key] ?? key));

export type Tone = 'ok' | 'warn' | 'bad';

/** A licence's days left, in words, and how loudly to show it. */
export function licenceNote(state: 'valid' | 'expiring' | 'expired', daysToExpiry: number): { text: string; tone: Tone } {
  if (state === 'expired' || daysToExpiry < 0) return { text: `已过期 ${Math.max(1, -daysToExpiry)} 天`, tone: 'bad' };
  if (state === 'expiring' || daysToExpiry === 0) return { text: daysToExpiry === 0 ? '今日到期' : `即将到期，剩 ${daysToExpiry} 天`, tone: 'warn' };
  return { text: `剩 ${daysToExpiry} 天`, tone: 'ok' };
}

/** How a periodic duty stands: overdue, due within 30 days, or done for now. */
export function dutyNote(state: 'done' | 'due_soon' | 'overdue', daysToDue: number): { text: string; tone: Tone } {
  if (state === 'overdue') return { text: `已逾期 ${-daysToDue} 天`, tone: 'bad' };
  if (state === 'due_soon') return { text: daysToDue === 0 ? '今日到期' : `即将到期，剩 ${daysToDue} 天`, tone: 'warn' };
  return { text: `剩 ${daysToDue} 天`, tone: 'ok' };
}

/** Credit points with their sign: +3, −10. */
export const formatPoints = (points: number): string => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0');

export const formatTonnes = (t: number): string => `${new Intl.NumberFormat('zh-CN').format(t)} 吨/年`;

export const formatYuan = (yuan: number | undefined): string => (yuan === undefined ? '' : `${new Intl.NumberFormat('zh-CN').format(yuan)} 元`);

/** The first ten characters of an ISO timestamp or date: the day. */
export const dayOf = (at: string | null | undefined): string => (at ? at.slice(0, 10) : '—');
