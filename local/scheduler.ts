/**
 * The local scheduler: runs the same job list EventBridge Scheduler runs in AWS, at the same Asia/Shanghai times.
 *
 * A job that fails is logged and runs again at its next time; a job still running when its next time comes is
 * skipped for that time (never two runs of one job at once). Timers are re-armed at most an hour ahead, so a
 * monthly job never overflows setTimeout's 24.8-day limit and a machine that slept catches up with one run,
 * not a burst of missed ones.
 *
 * With a run log (the runtime keeps it in `<dataDir>/scheduler.json`), a time that passed while the runtime was
 * down is caught up on start: each job whose latest scheduled time since its last run has passed runs once, with
 * that latest time in its event (the night's review of yesterday, not one review per missed night), the caught-up
 * jobs one after the other in the order of their times. A run is recorded when it succeeds, so one that failed or
 * was cut short by a crash is tried again on the next start. A job with no record (a fresh clone, or a job new in
 * this version) is not run on start: its record begins at that start, so a fresh clone does not run every job at
 * once on its first `npm start`.
 */
import type { JobEvent, JobSpec } from '#lib/jobs/job-spec.ts';
import { type Clock, systemClock } from './clock.ts';
import { type CompiledCron, nextRun, parseCron } from './cron.ts';
import type { JobRunLog } from './job-run-log.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';

export interface SchedulerOptions {
  readonly jobs: readonly JobSpec[];
  readonly runJob: (job: JobSpec, event: JobEvent) => Promise<void>;
  readonly clock?: Clock;
  readonly logger?: LocalLogger;
  /** When each job last ran; with it, times missed while the runtime was down are caught up on start. */
  readonly runLog?: JobRunLog;
}

export interface Scheduler {
  start(): void;
  /** Stops scheduling and resolves when runs already started have finished. */
  stop(): Promise<void>;
  /** Next due time per job, for the startup banner. */
  nextRuns(): { job: string; at: Date }[];
  /** Resolves when the runs caught up at start have finished (at once without a run log). */
  caughtUp(): Promise<void>;
}

/** A bound on the walk through missed times (an every-minute cron over a month away is 43,200). */
const MAX_MISSED_WALK = 1_000_000;

/**
 * The latest time the cron fired in (lastRun, now], or undefined if it did not fire since lastRun. Pure, for the
 * scheduler's catch-up at start.
 */
export function latestMissedRun(cron: CompiledCron, lastRun: Date, now: Date): Date | undefined {
  let latest: Date | undefined;
  let at = nextRun(cron, lastRun);
  for (let steps = 0; at <= now && steps < MAX_MISSED_WALK; steps++) {
    latest = at;
    at = nextRun(cron, at);
  }
  return latest;
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
    void fire(state, scheduledTime);
  };

  const fire = (state: JobState, scheduledTime: Date): Promise<void> => {
    const name = state.spec.name;
    if (state.running) {
      logger.warn(`[scheduler] ${name}: still running, skipping the run due at ${scheduledTime.toISOString()}`);
      return Promise.resolve();
    }
    const event: JobEvent = { job: name, scheduledTime: scheduledTime.toISOString() };
    logger.info(`[scheduler] ${name}: starting (scheduled ${event.scheduledTime})`);
    const startedAt = clock.now().getTime();
    state.running = Promise.resolve()
      .then(() => options.runJob(state.spec, event))
      .then(
        () => {
          logger.info(`[scheduler] ${name}: done in ${clock.now().getTime() - startedAt} ms`);
          record(name, scheduledTime);
        },
        (error: unknown) => logger.error(`[scheduler] ${name}: failed`, error),
      )
      .finally(() => {
        state.running = null;
      });
    return state.running;
  };

  const record = (name: string, scheduledTime: Date): void => {
    if (!options.runLog) return;
    const last = options.runLog.lastRun(name);
    if (last && last >= scheduledTime) return;
    try {
      options.runLog.recordRun(name, scheduledTime);
    } catch (error) {
      logger.error(`[scheduler] ${name}: could not record the run`, error);
    }
  };

  /** The jobs whose time passed while the runtime was down, each once at its latest missed time, in time order. */
  const catchUp = async (): Promise<void> => {
    const runLog = options.runLog;
    if (!runLog) return;
    const now = clock.now();
    const missed: { state: JobState; at: Date }[] = [];
    for (const state of states) {
      const last = runLog.lastRun(state.spec.name);
      if (!last) {
        // First start with this job: count from now, run nothing.
        record(state.spec.name, now);
        continue;
      }
      const at = latestMissedRun(state.cron, last, now);
      if (at) missed.push({ state, at });
    }
    missed.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const { state, at } of missed) {
      if (!started) return;
      logger.info(
        `[scheduler] ${state.spec.name}: catching up the run due at ${at.toISOString()}, missed while stopped`,
      );
      await fire(state, at);
    }
  };
  let caughtUp: Promise<void> = Promise.resolve();

  return {
    start() {
      if (started) return;
      started = true;
      for (const state of states) {
        state.due = nextRun(state.cron, clock.now());
        arm(state);
      }
      caughtUp = catchUp().catch((error: unknown) => logger.error('[scheduler] catching up missed runs failed', error));
    },
    async stop() {
      started = false;
      for (const state of states) clock.clearTimeout(state.timer);
      await Promise.all(states.map((state) => state.running));
      await caughtUp;
    },
    nextRuns: () => states.map((state) => ({ job: state.spec.name, at: state.due })),
    caughtUp: () => caughtUp,
  };
}
