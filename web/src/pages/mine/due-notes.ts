/** How loudly the mine's file shows a date coming due. */
export type DueTone = 'ok' | 'warn' | 'bad';

/** A licence's days left (or its suspension or revocation), in words, and how loudly to show it. */
export function licenceNote(
  state: 'valid' | 'expiring' | 'expired' | 'suspended' | 'revoked',
  daysToExpiry: number,
): { text: string; tone: DueTone } {
  if (state === 'suspended') return { text: '已暂扣', tone: 'bad' };
  if (state === 'revoked') return { text: '已吊销', tone: 'bad' };
  if (state === 'expired' || daysToExpiry < 0) return { text: `已过期 ${Math.max(1, -daysToExpiry)} 天`, tone: 'bad' };
  if (state === 'expiring' || daysToExpiry === 0)
    return { text: daysToExpiry === 0 ? '今日到期' : `即将到期，剩 ${daysToExpiry} 天`, tone: 'warn' };
  return { text: `剩 ${daysToExpiry} 天`, tone: 'ok' };
}

/** How a periodic duty stands: overdue, due within 30 days, or done for now. */
export function dutyNote(state: 'done' | 'due_soon' | 'overdue', daysToDue: number): { text: string; tone: DueTone } {
  if (state === 'overdue') return { text: `已逾期 ${-daysToDue} 天`, tone: 'bad' };
  if (state === 'due_soon')
    return { text: daysToDue === 0 ? '今日到期' : `即将到期，剩 ${daysToDue} 天`, tone: 'warn' };
  return { text: `剩 ${daysToDue} 天`, tone: 'ok' };
}
