import type { FunctionNeeds } from '#lib/store/access-needs.ts';

/**
 * A nightly (or periodic) job. The job list built from these feeds EventBridge Scheduler in CDK and the local
 * scheduler, and `npm run job -- <name>` runs one by hand.
 */
export interface JobSpec {
  /** kebab-case, unique: `npm run job -- <name>`. */
  readonly name: string;
  /** File name under functions/scheduled without extension; also the Lambda function's logical name. */
  readonly module: string;
  /** Cron fields in Asia/Shanghai time: minute hour day-of-month month day-of-week (day-of-week '*' or '?'). */
  readonly cron: {
    readonly minute: string;
    readonly hour: string;
    readonly day?: string;
    readonly month?: string;
    readonly weekDay?: string;
  };
  readonly description: string;
  readonly timeoutSeconds?: number;
  /** What its function may do in AWS (table access, queues, secrets); jobs sharing a module get the union. */
  readonly needs?: FunctionNeeds;
}

/** The event a scheduled function receives, from EventBridge Scheduler or from the local scheduler / CLI. */
export interface JobEvent {
  readonly job: string;
  /** ISO timestamp of the scheduled run (Scheduler fills `<aws.scheduler.scheduled-time>`). */
  readonly scheduledTime?: string;
  /** Business date (Asia/Shanghai) to run for; overrides the one derived from scheduledTime. */
  readonly date?: string;
}

export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';
