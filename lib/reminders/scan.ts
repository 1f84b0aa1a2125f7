import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import {
  enqueueNotifications,
  type NotificationInput,
  type NotificationItem,
  notify,
  type Recipient,
} from '#lib/notifications/notification.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { LICENCE_LABELS, type LicenceType, PERIODIC_DUTY_LABELS, type PeriodicDuty } from '#lib/registry/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, gsi2, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { reminderPolicy } from './reminder-policy.ts';
import { LOOK_AHEAD_DAYS, type ReminderKind, reminderStage, type Stage } from './schedule.ts';

export { LOOK_AHEAD_DAYS };

/**
 * The morning's reminder scan (07:30 Asia/Shanghai). It reads the due-date index (GSI2 `DUE#<date>`) for every day
 * from a year back to four months ahead (an item on the index is open: closing it takes it off), asks each dated item's rule for its stage today, and records a reminder
 * per item and stage: the stage is part of the reminder's key, so a re-run (or a retry) records and sends nothing
 * new. Then yesterday's missing daily readings, and a sweep that sends again any notification still queued.
 */
/** Back far enough that an item overdue for a year is still reminded (and escalated) daily. */
export const LOOK_BACK_DAYS = 366;
/** Due dates queried at once: enough to hide the round trips, few enough not to be throttled by a cold index. */
const DATES_READ_AT_ONCE = 16;

type DueItem = Record<string, unknown> & { GSI2SK: string; mineId?: string; jurisdiction?: string };

interface Found {
  readonly kind: ReminderKind;
  readonly mineId: string | undefined;
  readonly jurisdiction: string | undefined;
  readonly item: DueItem;
}

/** Which rule a due item follows, from the kind its index entry names; null for items that are not reminded of. */
function classifyDue(item: DueItem): Found | null {
  const [kind, mineId] = item.GSI2SK.split('#');
  const mine = mineId && mineId !== '-' ? mineId : undefined;
  const jurisdiction = typeof item.jurisdiction === 'string' ? item.jurisdiction : undefined;
  const as = (k: ReminderKind): Found => ({ kind: k, mineId: mine, jurisdiction, item });
  switch (kind) {
    case 'LICENCE':
      return as(item.type === 'safety_production' ? 'licence_safety_production' : 'licence_other');
    case 'DUTY':
      return as(item.duty === 'gas_grade_appraisal' ? 'gas_grade_appraisal' : 'emergency_drill');
    case 'HAZARD':
      return as('hazard');
    case 'CASE':
      return as('case');
    case 'BLACKLISTOBJECTION':
      return as('blacklist_objection');
    case 'BLACKLISTEND':
      return as('blacklist_end');
    case 'INSPECTIONDUE':
      // Differential supervision: only the dishonest tiers are chased for their inspections.
      return item.tier === 'C' || item.tier === 'D' ? as('inspection') : null;
    case 'CALENDAR':
      return as('calendar');
    default:
      return null;
  }
}

const when = (s: Stage, due: string): string =>
  s.daysLeft > 0
    ? `还有 ${s.daysLeft} 天（${due}）`
    : s.daysLeft === 0
      ? `今天（${due}）到期`
      : `已逾期 ${-s.daysLeft} 天（${due} 到期）`;

/** The reminder of a due item at a stage: what it says and to whom. */
function reminderOf(
  f: Found,
  mine: MineItem | undefined,
  due: string,
  s: Stage,
): Omit<NotificationInput, 'eventKey'> | null {
  const i = f.item;
  const jurisdiction = mine?.jurisdiction ?? f.jurisdiction;
  if (!jurisdiction) return null;
  const name = mine?.name ?? '';
  const official: Recipient[] = mine?.assignedOfficial
    ? [{ type: 'user', userId: mine.assignedOfficial.userId, name: mine.assignedOfficial.name }]
    : [];
  const leaders: Recipient[] = [{ type: 'leaders', jurisdiction }];
  const theMine: Recipient[] = f.mineId ? [{ type: 'mine', mineId: f.mineId }] : [];
  const escalation = s.escalate ? leaders : [];
  const severity = s.daysLeft < 0 ? (s.escalate ? 'critical' : 'warning') : 'info';
  const base = { ...(f.mineId ? { mineId: f.mineId } : {}), jurisdiction, severity } as const;
  switch (f.kind) {
    case 'licence_safety_production':
    case 'licence_other': {
      // Overdue, a licence is chased only while the mine produces on it: a stopped mine needs none to stay stopped.
      if (s.daysLeft < 0 && mine?.status !== 'producing') return null;
      const label = LICENCE_LABELS[i.type as LicenceType] ?? String(i.type);
      const extension =
        f.kind === 'licence_safety_production' && s.daysLeft >= 90 ? '。安全生产许可证须于有效期满前3个月申请延期' : '';
      return {
        ...base,
        kind: 'reminder',
        title: `证照到期提醒：${name}${label}`,
        body: `${name}${label}（${String(i.number ?? '')}）${when(s, due)}${extension}。`,
        sms: `${name}${label}${s.daysLeft >= 0 ? `${s.daysLeft}天后到期` : '已过期'}，请及时办理`,
        recipients: [...theMine, ...official, ...escalation],
        ref: { entityType: 'licence', entityId: `${f.mineId}/${String(i.type)}` },
      };
    }
    case 'gas_grade_appraisal':
    case 'emergency_drill': {
      const label = PERIODIC_DUTY_LABELS[i.duty as PeriodicDuty] ?? String(i.duty);
      return {
        ...base,
        kind: 'reminder',
        title: `定期工作提醒：${name}${label}`,
        body: `${name}${label}上次于 ${String(i.lastDoneOn)} 完成，每 ${String(i.intervalMonths)} 个月一次，下次${when(s, due)}。`,
        sms: `${name}${label}${s.daysLeft > 0 ? `${s.daysLeft}天后到期` : s.daysLeft === 0 ? '今天到期' : '已逾期'}，请按期完成`,
        recipients: [...theMine, ...official],
        ref: { entityType: 'periodicDuty', entityId: `${f.mineId}/${String(i.duty)}` },
      };
    }
    case 'hazard': {
      const supervisor: Recipient[] = i.supervision
        ? [
            {
              type: 'user',
              userId: (i.supervision as { official: { userId: string; name: string } }).official.userId,
              name: (i.supervision as { official: { userId: string; name: string } }).official.name,
            },
          ]
        : [];
      if (i.status === 'submitted') {
        // The mine has reported the fix: the bureau owes the check (验收), not the mine.
        return {
          ...base,
          kind: 'reminder',
          title: `隐患待验收：${name}`,
          body: `${name}已提交隐患“${String(i.description ?? '')}”的整改材料，整改期限${when(s, due)}，请及时验收销号。`,
          sms: `${name}隐患整改已提交，待验收`,
          recipients: [
            ...(official.length || supervisor.length ? [...official, ...supervisor] : leaders),
            ...escalation,
          ],
          ref: { entityType: 'hazard', entityId: String(i.hazardId) },
        };
      }
      return {
        ...base,
        kind: 'reminder',
        title: `隐患整改期限：${name}`,
        body: `${name}${i.level === 'major' ? '重大事故隐患' : '事故隐患'}“${String(i.description ?? '')}”整改期限${when(s, due)}${s.escalate ? '，已报局领导督办' : ''}。`,
        sms: `${name}隐患整改${s.daysLeft >= 0 ? `期限${s.daysLeft === 0 ? '为今天' : `还有${s.daysLeft}天`}` : `已逾期${-s.daysLeft}天`}`,
        recipients: [...theMine, ...official, ...supervisor, ...escalation],
        ref: { entityType: 'hazard', entityId: String(i.hazardId) },
      };
    }
    case 'case': {
      const assignee = i.assignee as { userId: string; name: string } | undefined;
      const handlers: Recipient[] = assignee
        ? [{ type: 'user', userId: assignee.userId, name: assignee.name }]
        : official;
      return {
        ...base,
        kind: 'reminder',
        title: `调查核实案件办理期限：${name}`,
        body: `${name}“${String(i.ruleLabel ?? '')}”调查核实案件办理期限${when(s, due)}。`,
        sms: `${name}用电异常案件${s.daysLeft >= 0 ? '即将到期' : `逾期${-s.daysLeft}天`}，请办理`,
        recipients: [...(handlers.length ? handlers : leaders), ...escalation],
        ref: { entityType: 'case', entityId: String(i.caseId) },
      };
    }
    case 'blacklist_objection':
      return {
        ...base,
        kind: 'reminder',
        title: `陈述申辩期：${String(i.subjectName ?? name)}`,
        body: `拟列入严重失信主体名单的${String(i.subjectName ?? name)}陈述申辩期${when(s, due)}，届满后请答复申辩并提交法制审核。`,
        recipients: leaders,
        ref: { entityType: 'blacklistEntry', entityId: String(i.entryId) },
      };
    case 'blacklist_end':
      return {
        ...base,
        kind: 'reminder',
        title: `名单期满：${String(i.subjectName ?? name)}`,
        body: `${String(i.subjectName ?? name)}严重失信主体名单管理期限${when(s, due)}，期满当日自动移出。`,
        recipients: leaders,
        ref: { entityType: 'blacklistEntry', entityId: String(i.entryId) },
      };
    case 'inspection':
      return {
        ...base,
        kind: 'reminder',
        title: `差异化监管检查：${name}`,
        body: `${name}安全信用为${String(i.tier)}级，按计划应于 ${due} 前检查，${when(s, due)}。`,
        recipients: [...(official.length ? official : leaders), ...escalation],
        ref: { entityType: 'credit', entityId: String(f.mineId) },
      };
    case 'calendar':
      return {
        ...base,
        kind: 'reminder',
        title: `工作日程：${String(i.title)}`,
        body: `${String(i.title)}${when(s, due)}。${String(i.description ?? '')}`,
        recipients: [...leaders, ...theMine],
        ref: { entityType: 'calendar', entityId: String(i.calendarId) },
      };
  }
}

export interface ScanResult {
  readonly date: string;
  /** Items with a stage today. */
  readonly due: number;
  /** Reminders recorded by this run (a re-run records none). */
  readonly created: number;
  readonly missingReadings: number;
  /** Notifications still queued from before, sent again. */
  readonly resent: number;
}

export async function runReminderScan(db: Db, today: string): Promise<ScanResult> {
  const rulesOf = reminderPolicy.cache(db);
  const mines = new Map<string, Promise<MineItem | undefined>>();
  const mineOf = (mineId: string | undefined) => {
    if (!mineId) return Promise.resolve(undefined);
    if (!mines.has(mineId)) mines.set(mineId, getItem<MineItem>(db, { PK: pk.mine(mineId), SK: sk.profile }));
    return mines.get(mineId)!;
  };
  let due = 0;
  let created = 0;
  const dates = Array.from({ length: LOOK_BACK_DAYS + LOOK_AHEAD_DAYS + 1 }, (_, i) =>
    addDays(today, i - LOOK_BACK_DAYS),
  );
  const dueOn = (date: string) => queryAll<DueItem>(db, { index: 'GSI2', partition: gsi2.due(date) });
  // The ~490 days are read a window at a time in parallel (each is one small query); items are handled in date order.
  for (let w = 0; w < dates.length; w += DATES_READ_AT_ONCE) {
    const window = dates.slice(w, w + DATES_READ_AT_ONCE);
    const itemsOn = await Promise.all(window.map(dueOn));
    for (const [k, date] of window.entries()) {
      for (const item of itemsOn[k]!) {
        const found = classifyDue(item);
        if (!found) continue;
        const mine = await mineOf(found.mineId);
        const jurisdiction = mine?.jurisdiction ?? found.jurisdiction;
        if (!jurisdiction) continue;
        const stage = reminderStage((await rulesOf(jurisdiction)).values[found.kind], date, today);
        if (!stage) continue;
        const reminder = reminderOf(found, mine, date, stage);
        if (!reminder) continue;
        due++;
        if (await notify(db, { ...reminder, eventKey: `reminder:${item.GSI2SK}:${date}:${stage.stage}` })) created++;
      }
    }
  }
  const missing = await remindMissingReadings(db, today, mineOf);
  const resent = await resendQueued(db);
  return { date: today, due, created: created + missing.created, missingReadings: missing.mines, resent };
}

/** Yesterday's missing daily readings: the mine is told; after three days in a row, its official and the leaders too. */
async function remindMissingReadings(db: Db, today: string, mineOf: (id: string) => Promise<MineItem | undefined>) {
  const yesterday = addDays(today, -1);
  let mines = 0;
  let created = 0;
  for (const path of await jurisdictionsWithMines(db)) {
    const missing = await queryAll<{ mineId: string }>(db, {
      index: 'GSI1',
      partition: gsi1.reviewsOfProvince(path, yesterday),
      beginsWith: `${path}/#`,
      filter: { expression: '#v = :nd', names: { '#v': 'verdict' }, values: { ':nd': 'no_data' } },
    });
    for (const { mineId } of missing) {
      mines++;
      const recent = await queryAll<{ verdict: string; date: string }>(db, {
        partition: pk.mine(mineId),
        between: [sk.review(addDays(today, -7)), sk.review(yesterday)],
      });
      let run = 0;
      for (const r of recent.sort((a, b) => b.date.localeCompare(a.date))) {
        if (r.verdict !== 'no_data') break;
        run++;
      }
      const mine = await mineOf(mineId);
      if (!mine) continue;
      const escalate = run >= 3;
      const recipients: Recipient[] = [
        { type: 'mine', mineId },
        ...(escalate && mine.assignedOfficial
          ? [{ type: 'user' as const, userId: mine.assignedOfficial.userId, name: mine.assignedOfficial.name }]
          : []),
        ...(escalate ? [{ type: 'leaders' as const, jurisdiction: mine.jurisdiction }] : []),
      ];
      const item = await notify(db, {
        kind: 'reminder',
        eventKey: `reminder:MISSING#${mineId}:${yesterday}`,
        mineId,
        jurisdiction: mine.jurisdiction,
        severity: escalate ? 'critical' : 'warning',
        title: `用电量未报送：${mine.name}`,
        body: `${mine.name}${yesterday} 的日用电量未按时报送${run > 1 ? `（已连续 ${run} 天）` : ''}，请于今日 10:00 前补报${escalate ? '；已报局领导' : ''}。`,
        sms: `${mine.name}${yesterday}用电量未报送${run > 1 ? `（连续${run}天）` : ''}，请10点前补报`,
        recipients,
        ref: { entityType: 'review', entityId: `${mineId}@${yesterday}` },
      });
      if (item) created++;
    }
  }
  return { mines, created };
}

/** Notifications recorded but never picked up by the dispatcher (its queue was unreachable): sent again. */
async function resendQueued(db: Db): Promise<number> {
  const cutoff = new Date(db.now().getTime() - 15 * 60_000).toISOString();
  const provinces = [...new Set((await jurisdictionsWithMines(db)).map((p) => p.split('/')[0]!))];
  let resent = 0;
  for (const province of provinces) {
    const stale = await queryAll<NotificationItem>(db, {
      index: 'GSI1',
      partition: gsi1.notificationsOfProvince(province),
      filter: {
        expression: '#s = :q AND createdAt < :cutoff',
        names: { '#s': 'status' },
        values: { ':q': 'queued', ':cutoff': cutoff },
      },
    });
    await enqueueNotifications(stale);
    resent += stale.length;
  }
  return resent;
}
