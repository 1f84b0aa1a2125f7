/**
 * The local scheduler: runs the same job list EventBridge Scheduler runs in AWS, at the same Asia/Shanghai times.
 *
 * A job that fails is logged and runs again at its next time; a job still running when its next time comes is
 * skipped for that time (never two runs of one job at once). Timers are re-armed at most an hour ahead, so a
 * monthly job never overflows setTimeout's 24.8-day limit and a machine that slept catches up with one run,
 * not a burst of missed ones.
 */
import type { JobEvent, JobSpec } from '#lib/jobs/job-spec.ts';
import { type Clock, systemClock } from './clock.ts';
import { type CompiledCron, nextRun, parseCron } from './cron.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';

export interface SchedulerOptions {
  readonly jobs: readonly JobSpec[];
  readonly runJob: (job: JobSpec, event: JobEvent) => Promise<void>;
  readonly clock?: Clock;
  readonly logger?: LocalLogger;
}

export interface Scheduler {
  start(): void;
  /** Stops scheduling and resolves when runs already started have finished. */
  stop(): Promise<void>;
  /** Next due time per job, for the startup banner. */
  nextRuns(): { job: string; at: Date }[];
}

const MAX_TIMER_MS = 60 * 60 * 1000;

interface JobState {
  readonly spec: JobSpec;
  readonly cron: CompiledCron;
  due: Date;
  timer: unknown;
  running: Promise<void> | null;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  // Parse every cron up front: a bad expression fails at startup, naming the job.
  const states: JobState[] = options.jobs.map((spec) => {
    try {
      const cron = parseCron(spec.cron);
      return { spec, cron, due: nextRun(cron, clock.now()), timer: undefined, running: null };
    } catch (error) {
      throw new Error(`Job "${spec.name}": ${(error as Error).message}`);
    }
  });
  let started = false;

  const arm = (state: JobState): void => {
    const wait = Math.min(Math.max(0, state.due.getTime() - clock.now().getTime()), MAX_TIMER_MS);
    state.timer = clock.setTimeout(() => wake(state), wait);
  };

  const wake = (state: JobState): void => {
    if (!started) return;
    const now = clock.now();
    if (now < state.due) {
      arm(state);
      return;
    }
    const scheduledTime = state.due;
    // Next time strictly after both the one being run and now: after a sleep, missed times collapse into this run.
    // biome-ignore lint/complexity/useMathMinMax: these are Dates, and nextRun takes a Date
    state.due = nextRun(state.cron, now > scheduledTime ? now : scheduledTime);
    arm(state);
    fire(state, scheduledTime);
  };

  const fire = (state: JobState, scheduledTime: Date): void => {
    const name = state.spec.name;
    if (state.running) {
      logger.warn(`[scheduler] ${name}: still running, skipping the run due at ${scheduledTime.toISOString()}`);
      return;
    }
    const event: JobEvent = { job: name, scheduledTime: scheduledTime.toISOString() };
    logger.info(`[scheduler] ${name}: starting (scheduled ${event.scheduledTime})`);
    const startedAt = clock.now().getTime();
    state.running = Promise.resolve()
      .then(() => options.runJob(state.spec, event))
      .then(
        () => logger.info(`[scheduler] ${name}: done in ${clock.now().getTime() - startedAt} ms`),
        (error: unknown) => logger.error(`[scheduler] ${name}: failed`, error),
      )
      .finally(() => {
        state.running = null;
      });
  };

  return {
    start() {
      if (started) return;
      started = true;
      for (const state of states) {
        state.due = nextRun(state.cron, clock.now());
        arm(state);
      }
    },
    async stop() {
      started = false;
      for (const state of states) clock.clearTimeout(state.timer);
      await Promise.all(states.map((state) => state.running));
    },
    nextRuns: () => states.map((state) => ({ job: state.spec.name, at: state.due })),
  };
}
