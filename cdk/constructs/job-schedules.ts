/**
 * Nightly jobs, built from the shared job list: one function per job module and one EventBridge Scheduler schedule
 * per job, cron in Asia/Shanghai time, invoking the function with `{ job, scheduledTime }` (a JobEvent).
 */
import { Aws, type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CronOptions } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { type JobEvent, type JobSpec, SCHEDULE_TIME_ZONE } from '#lib/jobs/job-spec.ts';
import { mergeNeeds } from '#lib/store/access-needs.ts';
import type { EntryResolver } from '../project-paths.ts';
import { CoalsafeFunction } from './coalsafe-function.ts';
import type { DataTable } from './data-table.ts';
import { InlineRole } from './inline-role.ts';

export interface JobSchedulesProps {
  readonly jobs: readonly JobSpec[];
  readonly entryFor: EntryResolver;
  readonly table: DataTable;
}

/**
 * JobSpec cron fields to CDK cron options. AWS cron wants exactly one of day-of-month and day-of-week to be '?';
 * a JobSpec may write '*' or '?' for "any day of the week", so those are dropped and CDK fills in the '?'.
 */
export const cronOptions = (cron: JobSpec['cron']): CronOptions => ({
  minute: cron.minute,
  hour: cron.hour,
  day: cron.day === '?' ? undefined : cron.day,
  month: cron.month,
  weekDay: cron.weekDay === '?' || cron.weekDay === '*' ? undefined : cron.weekDay,
});

/** The event Scheduler sends; Scheduler substitutes the run's time for the placeholder. */
export const jobInput = (job: JobSpec): JobEvent => ({ job: job.name, scheduledTime: ContextAttribute.scheduledTime });

export class JobSchedules extends Construct {
  readonly functions: CoalsafeFunction[] = [];
  readonly schedules = new Map<string, Schedule>();

  constructor(scope: Construct, id: string, props: JobSchedulesProps) {
    super(scope, id);
    const timeZone = TimeZone.of(SCHEDULE_TIME_ZONE);
    const functionsScope = new Construct(this, 'Functions');
    const byModule = new Map<string, { fn: CoalsafeFunction; role: iam.Role }>();

    for (const job of props.jobs) {
      let target = byModule.get(job.module);
      if (!target) {
        const sharing = props.jobs.filter((j) => j.module === job.module);
        const timeouts = sharing.flatMap((j) => (j.timeoutSeconds === undefined ? [] : [j.timeoutSeconds]));
        const fn = new CoalsafeFunction(functionsScope, job.module, {
          entry: props.entryFor('scheduled', job.module),
          description: `Scheduled job ${sharing.map((j) => `${j.name}: ${j.description}`).join('; ')}`,
          table: props.table,
          needs: mergeNeeds(sharing.map((j) => j.needs)),
          timeout: timeouts.length > 0 ? Duration.seconds(Math.max(...timeouts)) : undefined,
        });
        target = { fn, role: this.invokeRole(fn) };
        byModule.set(job.module, target);
        this.functions.push(fn);
      }

      const schedule = new Schedule(this, job.name, {
        description: `${job.name}: ${job.description}`.slice(0, 512),
        schedule: ScheduleExpression.cron({ ...cronOptions(job.cron), timeZone }),
        target: new LambdaInvoke(target.fn.function, {
          role: target.role,
          input: ScheduleTargetInput.fromObject(jobInput(job)),
        }),
      });
      this.schedules.set(job.name, schedule);
    }
  }

  /** The role Scheduler assumes to invoke one job function; only schedules of this account may assume it. */
  private invokeRole(fn: CoalsafeFunction): iam.Role {
    const stack = Stack.of(this);
    const role = new InlineRole(fn, 'SchedulerRole', {
      description: `EventBridge Scheduler invokes ${fn.node.path}`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: {
          'aws:SourceAccount': Aws.ACCOUNT_ID,
          'aws:SourceArn': stack.formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: 'default',
          }),
        },
      }),
    });
    // LambdaInvoke grants lambda:InvokeFunction on the function and on its qualified ARNs (versions, aliases).
    const functionId = stack.getLogicalId(fn.function.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'The wildcard only covers versions and aliases of this one job function (function:name:*); no other resource.',
    });
    return role;
  }
}
