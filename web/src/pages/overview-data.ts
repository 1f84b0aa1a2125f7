import { addDays, daysBetween } from '../format.ts';
import { CASE_PENDING_STATUSES, HAZARD_OPEN_STATUSES } from '../labels.ts';
import type { BlacklistEntry, CalendarEntry, Case, Credit, Hazard, Licence, Mine, PeriodicDuty } from '../types.ts';

/**
 * The overview's figures, worked out from the lists the API returns: counts by a field, and every date falling due
 * within the horizon (or already past it) across licences, hazards, cases, the blacklist, inspections and the
 * bureau's calendar.
 */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export interface Deadline {
  readonly key: string;
  /** What kind of date: 证照到期, 隐患整改期限… */
  readonly kind: string;
  readonly what: string;
  readonly mineId?: string;
  readonly mineName?: string;
  readonly dueOn: string;
  /** Days from today; negative when past. */
  readonly days: number;
  /** The page that deals with it. */
  readonly href?: string;
}

export interface DeadlineSources {
  readonly today: string;
  readonly horizonDays: number;
  readonly licences: readonly { readonly mine: Pick<Mine, 'mineId' | 'name'>; readonly licence: Licence }[];
  /** The gas-grade appraisal and the drills of each mine (none when not given). */
  readonly duties?: readonly { readonly mine: Pick<Mine, 'mineId' | 'name'>; readonly duty: PeriodicDuty }[];
  readonly hazards: readonly Hazard[];
  readonly cases: readonly Case[];
  readonly blacklist: readonly BlacklistEntry[];
  readonly calendar: readonly CalendarEntry[];
  readonly credit: readonly Credit[];
  readonly mineNames?: ReadonlyMap<string, string>;
}

const OPEN_HAZARD = new Set<string>(HAZARD_OPEN_STATUSES);
const PENDING_CASE = new Set<string>(CASE_PENDING_STATUSES);

/** Everything due by today + horizon, soonest (most overdue) first. Past-due items stay in until dealt with. */
export function collectDeadlines(s: DeadlineSources): Deadline[] {
  const until = addDays(s.today, s.horizonDays);
  const out: Deadline[] = [];
  const add = (d: Omit<Deadline, 'days'>, pastToo = true) => {
    if (d.dueOn > until) return;
    const days = daysBetween(s.today, d.dueOn);
    if (days < 0 && !pastToo) return;
    out.push({ ...d, days });
  };
  for (const { mine, licence } of s.licences) {
    add({
      key: `lic:${mine.mineId}:${licence.type}`,
      kind: '证照到期',
      what: `${licence.label}（${licence.number}）`,
      mineId: mine.mineId,
      mineName: mine.name,
      dueOn: licence.expiresOn,
      href: `#/mines/${encodeURIComponent(mine.mineId)}`,
    });
  }
  for (const { mine, duty } of s.duties ?? []) {
    add({
      key: `duty:${mine.mineId}:${duty.duty}`,
      kind: '定期工作到期',
      what: duty.label,
      mineId: mine.mineId,
      mineName: mine.name,
      dueOn: duty.nextDueOn,
      href: `#/mines/${encodeURIComponent(mine.mineId)}`,
    });
  }
  for (const h of s.hazards) {
    if (!OPEN_HAZARD.has(h.status)) continue;
    add({
      key: `hz:${h.hazardId}`,
      kind: h.level === 'major' ? '重大隐患整改期限' : '隐患整改期限',
      what: h.description,
      mineId: h.mineId,
      mineName: h.mineName,
      dueOn: h.deadline,
      href: '#/hazards',
    });
  }
  for (const c of s.cases) {
    if (!PENDING_CASE.has(c.status)) continue;
    add({
      key: `case:${c.caseId}`,
      kind: '案件办理期限',
      what: c.ruleLabel,
      mineId: c.mineId,
      mineName: c.mineName,
      dueOn: c.deadline,
      href: `#/cases/${encodeURIComponent(c.caseId)}`,
    });
  }
  for (const e of s.blacklist) {
    const link = `#/blacklist/${encodeURIComponent(e.entryId)}`;
    if (e.status === 'notice_served' && e.notice)
      add(
        {
          key: `obj:${e.entryId}`,
          kind: '陈述申辩期届满',
          what: e.subjectName,
          mineId: e.mineId,
          mineName: e.mineName,
          dueOn: e.notice.objectionDeadline,
          href: link,
        },
        false,
      );
    if (e.status === 'published' && e.endsOn)
      add({
        key: `end:${e.entryId}`,
        kind: '名单期满',
        what: e.subjectName,
        mineId: e.mineId,
        mineName: e.mineName,
        dueOn: e.endsOn,
        href: link,
      });
  }
  for (const c of s.credit) {
    if (c.tier !== 'C' && c.tier !== 'D') continue;
    add({
      key: `insp:${c.mineId}`,
      kind: `应检查（${c.tier}级）`,
      what: `每年 ${c.inspectionsPerYear} 次${c.lastInspectionOn ? `，上次 ${c.lastInspectionOn}` : '，尚无检查记录'}`,
      mineId: c.mineId,
      mineName: c.mineName,
      dueOn: c.nextInspectionDue,
      href: `#/mines/${encodeURIComponent(c.mineId)}`,
    });
  }
  for (const e of s.calendar) {
    const mineName = e.mineId ? s.mineNames?.get(e.mineId) : undefined;
    add(
      {
        key: `cal:${e.calendarId}`,
        kind: '工作日程',
        what: e.title,
        ...(e.mineId ? { mineId: e.mineId } : {}),
        ...(mineName ? { mineName } : {}),
        dueOn: e.dueOn,
      },
      false,
    );
  }
  return out.sort(
    (a, b) => a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
  );
}
