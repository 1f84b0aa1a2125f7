import type { JobSpec } from '#lib/jobs/job-spec.ts';
import { creditClassificationQueue, mineMoveQueue, notificationsQueue, powerReviewQueue } from '#lib/queue/queues.ts';

/** Every scheduled job of the product, in Asia/Shanghai time. */
export const JOBS: readonly JobSpec[] = [
  {
    name: 'mine-status-effective',
    module: 'mine-status-effective',
    needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] }, sendsTo: [mineMoveQueue.name] },
    cron: { minute: '5', hour: '0' },
    description:
      '把生效日期已到的煤矿状态变更（如责令停产整顿自某日起）写入煤矿档案；变更辖区后记录尚未全部迁移的煤矿，重新发送迁移任务。',
    timeoutSeconds: 300,
  },
  {
    name: 'blacklist-expiry',
    module: 'blacklist-expiry',
    needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] }, sendsTo: [notificationsQueue.name] },
    cron: { minute: '15', hour: '0' },
    description: '严重失信主体名单期满（到期日当天）移出：停止公示，解除联合惩戒限制，重新评定煤矿信用。',
    timeoutSeconds: 300,
  },
  {
    name: 'disclosure',
    module: 'disclosure',
    needs: { table: { access: 'read-write', indexes: ['GSI1'] } },
    cron: { minute: '40', hour: '0' },
    description:
      '执法公示：生效的行政处罚在规定工作日内公示（个人信息隐去），公示期满撤下；重新统计各辖区本年度执法数据并公开。',
    timeoutSeconds: 300,
  },
  {
    name: 'monthly-reports',
    module: 'monthly-reports',
    needs: { table: { access: 'read-write', indexes: ['GSI1'] } },
    cron: { minute: '50', hour: '0' },
    description: '为各区县开出上月执法统计月报（按市局规定的次月报送日列入到期提醒），已开出或已报送的不重复开出。',
    timeoutSeconds: 300,
  },
  {
    name: 'power-review',
    module: 'power-review',
    needs: {
      table: { access: 'read-write', indexes: ['GSI1'] },
      sendsTo: [notificationsQueue.name, powerReviewQueue.name],
    },
    cron: { minute: '30', hour: '1' },
    description: '审查前一日各煤矿用电量：按辖区分批经队列审查，生成每日报告，高危发现立案调查核实。',
    timeoutSeconds: 300,
  },
  {
    name: 'credit-classification',
    module: 'credit-classification',
    needs: {
      table: { access: 'read-write', indexes: ['GSI1', 'GSI3'] },
      sendsTo: [notificationsQueue.name, creditClassificationQueue.name],
    },
    cron: { minute: '30', hour: '2' },
    description:
      '按本局信用分类监管策略为各煤矿评分定级，保存当日快照；等级变化通知煤矿和包保责任人，降为D级的提出列入黑名单建议。',
    timeoutSeconds: 300,
  },
  {
    name: 'reminder-scan',
    module: 'reminder-scan',
    needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] }, sendsTo: [notificationsQueue.name] },
    cron: { minute: '30', hour: '7' },
    description:
      '扫描到期与逾期事项（证照、隐患、案件、名单、检查、日程、未报电量），按阶段各提醒一次，逾期升级报局领导。',
    timeoutSeconds: 600,
  },
  {
    name: 'overview-refresh',
    module: 'overview-refresh',
    needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] } },
    cron: { minute: '*/5', hour: '*' },
    description:
      '每 5 分钟重新统计辖区总览：各区县的数字由本辖区的煤矿、信用、案件、隐患、处罚名单和昨夜审查报告重新计算，市、省为下级之和。',
    timeoutSeconds: 300,
  },
  {
    name: 'sms-release',
    module: 'sms-release',
    needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] }, sendsTo: [notificationsQueue.name] },
    cron: { minute: '0', hour: '8' },
    description: '发送夜间（21:00–08:00）暂缓的非紧急短信。',
    timeoutSeconds: 300,
  },
];
