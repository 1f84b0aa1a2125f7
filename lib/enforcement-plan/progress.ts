import { monthEnd, type PlanDone, type PlanItem } from './plan-item.ts';
import type { PlanItemState } from './vocabulary.ts';

/**
 * Progress of a plan on a day: a planned inspection is done once an inspection recorded against it is done; until
 * then it is due while its month lasts (or is still ahead) and overdue from the first day of the next month.
 */
export function itemState(
  item: Pick<PlanItem, 'itemId' | 'month'>,
  year: number,
  done: Readonly<Record<string, PlanDone>>,
  today: string,
): PlanItemState {
  if (done[item.itemId]) return 'done';
  return monthEnd(year, item.month) < today ? 'overdue' : 'due';
}

export interface Tally {
  total: number;
  done: number;
  due: number;
  overdue: number;
}

const empty = (): Tally => ({ total: 0, done: 0, due: 0, overdue: 0 });

export function planProgress(
  items: readonly PlanItem[],
  year: number,
  done: Readonly<Record<string, PlanDone>>,
  today: string,
) {
  const all = empty();
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...empty() }));
  const teams = new Map<string, { leader: PlanItem['leader'] } & Tally>();
  for (const item of items) {
    const state = itemState(item, year, done, today);
    const team = teams.get(item.leader.userId) ?? { leader: item.leader, ...empty() };
    teams.set(item.leader.userId, team);
    for (const t of [all, byMonth[item.month - 1]!, team]) {
      t.total++;
      t[state]++;
    }
  }
  return {
    ...all,
    byMonth,
    byTeam: [...teams.values()].sort((a, b) => a.leader.userId.localeCompare(b.leader.userId)),
  };
}
