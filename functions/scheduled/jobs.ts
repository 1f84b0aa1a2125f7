import type { JobSpec } from '../../lib/jobs/job-spec.ts';

/** Every scheduled job of the product, in Asia/Shanghai time. */
export const JOBS: readonly JobSpec[] = [
  {
    name: 'mine-status-effective',
    module: 'mine-status-effective',
    cron: { minute: '5', hour: '0' },
    description: '把生效日期已到的煤矿状态变更（如责令停产整顿自某日起）写入煤矿档案。',
    timeoutSeconds: 300,
  },
];
