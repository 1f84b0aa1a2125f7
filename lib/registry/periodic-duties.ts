import type * as z from 'zod/mini';
import { RuleError, ValidationError } from '#lib/errors.ts';
import { gsi2, sk } from '#lib/store/keys.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addMonths, daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { futureDateProblems } from '#lib/validators/past-dates.ts';
import type { MineItem } from './mine-item.ts';
import { mineRecords, type StoredRecord } from './mine-records.ts';
import type { periodicDutyBody } from './schemas.ts';
import { GAS_GRADE_LABELS, GAS_GRADES, PERIODIC_DUTY_LABELS, type PeriodicDuty } from './vocabulary.ts';

/**
 * Periodic duties (定期工作): each is recorded with the day it was last done and carries the day it is next due,
 * which goes on the due-date index so the morning reminder scan finds it with the licences.
 */
export const DUTY_DUE_KIND = 'DUTY';
/** Warn this many days before a duty falls due (the mine's file shows it as due soon). */
export const DUE_SOON_DAYS = 30;

type GasGrade = keyof typeof GAS_GRADE_LABELS;
type DutyBody = z.infer<typeof periodicDutyBody>;

/** Months until a duty is due again; the appraisal's cycle follows the grade it found. */
export function dutyIntervalMonths(duty: PeriodicDuty, grade?: GasGrade): number {
  switch (duty) {
    case 'gas_grade_appraisal':
      return grade === 'low' ? 24 : 12;
    case 'emergency_plan_drill':
      return 12;
    case 'onsite_response_drill':
      return 6;
  }
}

export function nextDueOn(duty: PeriodicDuty, lastDoneOn: string, grade?: GasGrade): string {
  return addMonths(lastDoneOn, dutyIntervalMonths(duty, grade));
}

/** What a record of the duty must and must not say, beyond its schema; checked before anything is written. */
export function checkDutyBody(duty: PeriodicDuty, body: DutyBody, now: Date): void {
  const fields = futureDateProblems(todayInShanghai(now), {
    field: 'body.lastDoneOn',
    label: '完成日期',
    date: body.lastDoneOn,
  });
  if (duty === 'gas_grade_appraisal' && !body.resultGrade)
    fields.push({ field: 'body.resultGrade', message: '瓦斯等级鉴定须填写鉴定结果（low/high/outburst）' });
  if (duty !== 'gas_grade_appraisal' && body.resultGrade)
    fields.push({ field: 'body.resultGrade', message: '只有瓦斯等级鉴定有鉴定结果' });
  if (fields.length) throw new ValidationError(fields.map((f) => f.message).join('；'), fields);
}

export const periodicDuties = mineRecords<DutyBody, { nextDueOn: string; intervalMonths: number }>({
  entityType: 'periodicDuty',
  label: '定期工作',
  idField: 'duty',
  sortKey: sk.duty,
  prefix: sk.dutyPrefix,
  derive: (_mine: MineItem, id, body) => ({
    nextDueOn: nextDueOn(id as PeriodicDuty, body.lastDoneOn, body.resultGrade),
    intervalMonths: dutyIntervalMonths(id as PeriodicDuty, body.resultGrade),
  }),
  indexKeys: (mine, duty, record) => ({
    GSI2PK: gsi2.due(mine.jurisdiction),
    GSI2SK: gsi2.dueItem(record.nextDueOn, DUTY_DUE_KIND, mine.mineId, duty),
  }),
  // The appraisal's result is the mine's gas grade from now on: the profile changes with the record.
  profileChanges: (mine, duty, record) =>
    duty === 'gas_grade_appraisal' && record.resultGrade && record.resultGrade !== mine.gasGrade
      ? { changes: { gasGrade: record.resultGrade as GasGrade }, action: 'mine.gas_grade_appraised' }
      : null,
});

const gasRank = (grade: string): number => GAS_GRADES.indexOf(grade as GasGrade);

/**
 * Records or replaces the day a duty was last done, once its body passes checkDutyBody. A gas-grade appraisal's
 * result becomes the mine's gas grade in the same transaction; a mine's own user may record a result that keeps or
 * raises its grade, while one that lowers it (and so halves how often it is appraised) is the bureau's to record.
 */
export async function putPeriodicDuty(store: TenantStore, mineId: string, duty: PeriodicDuty, body: DutyBody) {
  checkDutyBody(duty, body, store.now());
  if (duty === 'gas_grade_appraisal' && store.principal.kind === 'mine') {
    const { profile: mine } = await store.mine<MineItem>(mineId);
    if (gasRank(body.resultGrade!) < gasRank(mine.gasGrade))
      throw new RuleError(
        `鉴定结果（${GAS_GRADE_LABELS[body.resultGrade!]}）低于矿井现瓦斯等级（${GAS_GRADE_LABELS[mine.gasGrade as GasGrade] ?? mine.gasGrade}），须由煤管局登记`,
        [{ field: 'body.resultGrade', message: '降低瓦斯等级的鉴定结果由监管部门登记' }],
      );
  }
  return periodicDuties.put(store, mineId, duty, body);
}

export function periodicDutyView(record: StoredRecord, now: Date) {
  const duty = record.duty as PeriodicDuty;
  const daysToDue = daysBetween(todayInShanghai(now), record.nextDueOn as string);
  const state = daysToDue < 0 ? 'overdue' : daysToDue <= DUE_SOON_DAYS ? 'due_soon' : 'done';
  return {
    ...record,
    label: PERIODIC_DUTY_LABELS[duty],
    ...(record.resultGrade ? { resultGradeLabel: GAS_GRADE_LABELS[record.resultGrade as GasGrade] } : {}),
    daysToDue,
    state,
  };
}
