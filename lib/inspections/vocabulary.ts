/**
 * The words of an on-site inspection (现场检查) a reader sees: plain data, so the schemas and the dashboard's print
 * pages name them without pulling in the store.
 */

export const INSPECTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  planned: '计划',
  in_progress: '检查中',
  done: '已检查',
  cancelled: '已取消',
};

/** The campaign topics (专项整治重点) an inspection checks: a fixed checklist. */
export const INSPECTION_TOPICS = [
  'ventilation_gas_dust',
  'water_control',
  'roof',
  'electromechanical_transport',
  'rock_burst',
  'emergency',
] as const;
export type InspectionTopic = (typeof INSPECTION_TOPICS)[number];
export const INSPECTION_TOPIC_LABELS: Record<InspectionTopic, string> = {
  ventilation_gas_dust: '一通三防',
  water_control: '防治水',
  roof: '顶板',
  electromechanical_transport: '机电运输',
  rock_burst: '冲击地压',
  emergency: '应急',
};

/** What an on-site decision (现场处理决定) orders. */
export const ONSITE_MEASURES = ['stop_work', 'rectify_by_deadline', 'withdraw_personnel', 'other'] as const;
export type OnsiteMeasure = (typeof ONSITE_MEASURES)[number];
export const ONSITE_MEASURE_LABELS: Record<OnsiteMeasure, string> = {
  stop_work: '责令立即停止作业',
  rectify_by_deadline: '责令限期整改',
  withdraw_personnel: '责令从危险区域撤出作业人员',
  other: '其他',
};
