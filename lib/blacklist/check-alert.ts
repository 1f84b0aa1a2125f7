import { notify } from '#lib/notifications/notification.ts';
import { countUp } from '#lib/store/counters.ts';
import type { Db } from '#lib/store/db.ts';
import { addDays } from '#lib/validators/business-date.ts';
import type { CheckRecord } from './check-log.ts';
import { SCOPE_LABELS } from './grounds.ts';

/**
 * Tells a bureau's leaders when one caller, in one day, has had this many person checks answered "not restricted"
 * while naming a person their jurisdiction listed (the same ID under another name, or the digits the public list
 * shows with another birth date). A partner checking a namesake or an expired listing now and then stays far below
 * it; someone walking the birth dates of a listed person reaches it within the hour the quota allows, and the
 * leaders hear of it once a day per caller.
 */
export const MISSES_BEFORE_ALERT = 10;

/** Counts a miss against each jurisdiction it touched, and alerts those where the caller reached the threshold. */
export async function countMisses(db: Db, record: CheckRecord, jurisdictions: readonly string[]): Promise<void> {
  const { caller, checkedOn } = record;
  // Kept two days, so a day's count outlives the day in every time zone.
  const keepUntil = new Date(`${addDays(checkedOn, 2)}T00:00:00+08:00`);
  for (const jurisdiction of jurisdictions) {
    const misses = await countUp(db, `blacklist-check-miss#${caller.sub}#${jurisdiction}#${checkedOn}`, keepUntil);
    if (misses < MISSES_BEFORE_ALERT) continue;
    const who = [caller.name, caller.jurisdiction, `账号 ${caller.sub}`].filter(Boolean).join('，');
    // The event key makes it once per caller, jurisdiction and day, however many misses follow.
    await notify(db, {
      kind: 'blacklist.check_alert',
      eventKey: `blacklist.check_alert:${caller.sub}:${jurisdiction}:${checkedOn}`,
      jurisdiction,
      severity: 'warning',
      title: '联合惩戒查询异常：疑似逐一试探身份证号',
      body: `${who}于 ${checkedOn} 已有 ${misses} 次个人查询未命中，所查对象与本辖区名单人员的身份证号或公示号段（如 ${record.residentIdMasked}）相同，疑似逐一试探出生日期以还原完整身份证号（最近一次：${SCOPE_LABELS[record.scope]}）。请在名单查询记录中核实该账号的查询。`,
      sms: `联合惩戒查询异常：${caller.name ?? caller.sub}今日多次试探本辖区名单人员身份证号，请核实查询记录。`,
      recipients: [{ type: 'leaders', jurisdiction }],
      ref: { entityType: 'blacklistCheck', entityId: record.checkId },
    });
  }
}
