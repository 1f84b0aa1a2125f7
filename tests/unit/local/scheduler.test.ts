// The local scheduler runs the nightly jobs at their Asia/Shanghai times; a fake clock moves time in these tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEvent, JobSpec } from '#lib/jobs/job-spec.ts';
import type { Clock } from '#local/clock.ts';
import { parseCron } from '#local/cron.ts';
import { fileJobRunLog, memoryJobRunLog } from '#local/job-run-log.ts';
import type { LocalLogger } from '#local/logger.ts';
import { createScheduler, latestMissedRun } from '#local/scheduler.ts';

/** A clock whose timers fire only when the test advances time. */
class FakeClock implements Clock {
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  readonly delays: number[] = [];
  constructor(private current: number) {}
  now = (): Date => new Date(this.current);
  setTimeout = (callback: () => void, ms: number): unknown => {
    this.delays.push(ms);
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  async advanceTo(iso: string): Promise<void> {
    const target = new Date(iso).getTime();
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = target;
  }
}

const job = (name: string, cron: JobSpec['cron']): JobSpec => ({ name, module: name, cron, description: name });

function capture(): LocalLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

describe('local scheduler', () => {
  it('runs a job at its Asia/Shanghai time with the scheduled time in the event', async () => {
    const clock = new FakeClock(Date.parse('2024-03-10T01:00:00+08:00'));
    const runs: JobEvent[] = [];
    const scheduler = createScheduler({
      jobs: [job('electricity-review', { minute: '0', hour: '2' })],
      runJob: async (_job, event) => void runs.push(event),
      clock,
      logger: capture(),
    });
    scheduler.start();
    expect(scheduler.nextRuns()).toEqual([{ job: 'electricity-review', at: new Date('2024-03-10T02:00:00+08:00') }]);
    await clock.advanceTo('2024-03-10T01:59:59+08:00');
    expect(runs).toEqual([]);
    await clock.advanceTo('2024-03-11T02:30:00+08:00');
    expect(runs).toEqual([
      { job: 'electricity-review', scheduledTime: '2024-03-09T18:00:00.000Z' },
      { job: 'electricity-review', scheduledTime: '2024-03-10T18:00:00.000Z' },
    ]);
    await scheduler.stop();
  });

  it('logs a failing job and keeps running it and the other jobs', async () => {
    const clock = new FakeClock(Date.parse('2024-03-10T00:00:00+08:00'));
    const runs: string[] = [];
    const logger = capture();
    const scheduler = createScheduler({
      jobs: [job('credit', { minute: '0', hour: '1' }), job('reminders', { minute: '0', hour: '3' })],
      runJob: async ({ name }) => {
        runs.push(name);
        if (name === 'credit') throw new Error('table throttled');
      },
      clock,
      logger,
    });
    scheduler.start();
    await clock.advanceTo('2024-03-11T04:00:00+08:00');
    expect(runs).toEqual(['credit', 'reminders', 'credit', 'reminders']);
    expect(logger.lines.filter((l) => l.includes('credit: failed'))).toHaveLength(2);
    await scheduler.stop();
  });

  it('never runs the same job twice at once: a run due while the last is still going is skipped', async () => {
    const clock = new FakeClock(Date.parse('2024-03-10T00:00:30+08:00'));
    let started = 0;
    let finish: () => void = () => {};
    const logger = capture();
    const scheduler = createScheduler({
      jobs: [job('scan', { minute: '*', hour: '*' })],
      runJob: () => {
        started += 1;
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      clock,
      logger,
    });
    scheduler.start();
    await clock.advanceTo('2024-03-10T00:03:30+08:00');
    expect(started).toBe(1);
    expect(logger.lines.filter((l) => l.includes('still running'))).toHaveLength(2);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advanceTo('2024-03-10T00:04:30+08:00');
    expect(started).toBe(2);
    finish();
    await scheduler.stop();
  });

  it('runs a monthly job on time without arming timers beyond an hour', async () => {
    const clock = new FakeClock(Date.parse('2024-01-02T00:00:00+08:00'));
    const runs: string[] = [];
    const scheduler = createScheduler({
      jobs: [job('blacklist-expiry', { minute: '0', hour: '4', day: '1' })],
      runJob: async (_job, event) => void runs.push(event.scheduledTime ?? ''),
      clock,
      logger: capture(),
    });
    scheduler.start();
    await clock.advanceTo('2024-03-01T05:00:00+08:00');
    expect(runs).toEqual([
      new Date('2024-02-01T04:00:00+08:00').toISOString(),
      new Date('2024-03-01T04:00:00+08:00').toISOString(),
    ]);
    expect(Math.max(...clock.delays)).toBeLessThanOrEqual(60 * 60 * 1000);
    await scheduler.stop();
  });

  it('stop() cancels future runs and waits for the one in progress', async () => {
    const clock = new FakeClock(Date.parse('2024-03-10T00:59:00+08:00'));
    let finished = false;
    let started = 0;
    const scheduler = createScheduler({
      jobs: [job('review', { minute: '0', hour: '*' })],
      runJob: async () => {
        started += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
      clock,
      logger: capture(),
    });
    scheduler.start();
    await clock.advanceTo('2024-03-10T01:00:00+08:00');
    await scheduler.stop();
    expect(finished).toBe(true);
    await clock.advanceTo('2024-03-10T05:00:00+08:00');
    expect(started).toBe(1);
  });

  it('refuses a job with an invalid cron at creation, naming the job', () => {
    expect(() =>
      createScheduler({
        jobs: [job('broken', { minute: '61', hour: '0' })],
        runJob: async () => {},
        logger: capture(),
      }),
    ).toThrow(/Job "broken": Invalid cron/);
  });
});

describe('local scheduler catching up times missed while stopped', () => {
  // power-review runs at 01:30 Asia/Shanghai every day.
  const review = job('power-review', { minute: '30', hour: '1' });
  const at = (iso: string) => new Date(iso).toISOString();

  async function startAt(now: string, log: ReturnType<typeof memoryJobRunLog>, jobs: JobSpec[] = [review]) {
    const clock = new FakeClock(Date.parse(now));
    const runs: JobEvent[] = [];
    const scheduler = createScheduler({
      jobs,
      runJob: async (_job, event) => void runs.push(event),
      clock,
      logger: capture(),
      runLog: log,
    });
    scheduler.start();
    await scheduler.caughtUp();
    return { clock, runs, scheduler };
  }

  it.each([
    // [case, last run, now, expected catch-up run or null]
    [
      'missed once: runs once, for the missed time',
      '2024-03-09T01:30:00+08:00',
      '2024-03-10T09:00:00+08:00',
      '2024-03-10T01:30:00+08:00',
    ],
    [
      'not missed (last run is the latest time): does not run',
      '2024-03-10T01:30:00+08:00',
      '2024-03-10T09:00:00+08:00',
      null,
    ],
    [
      'two missed: runs once, for the latest',
      '2024-03-08T01:30:00+08:00',
      '2024-03-10T09:00:00+08:00',
      '2024-03-10T01:30:00+08:00',
    ],
    [
      'a week missed: runs once, for the latest',
      '2024-03-01T01:30:00+08:00',
      '2024-03-10T09:00:00+08:00',
      '2024-03-10T01:30:00+08:00',
    ],
    [
      'started exactly at the due minute: runs',
      '2024-03-09T01:30:00+08:00',
      '2024-03-10T01:30:00+08:00',
      '2024-03-10T01:30:00+08:00',
    ],
    [
      'started a millisecond before the due minute: does not run',
      '2024-03-09T01:30:00+08:00',
      '2024-03-10T01:29:59.999+08:00',
      null,
    ],
  ])('%s', async (_case, last, now, expected) => {
    const log = memoryJobRunLog({ 'power-review': at(last) });
    const { runs, scheduler } = await startAt(now, log);
    expect(runs).toEqual(expected ? [{ job: 'power-review', scheduledTime: at(expected) }] : []);
    expect(log.entries()['power-review']).toBe(at(expected ?? last));
    await scheduler.stop();
  });

  it('on a first start (no record) runs nothing, counts from that start, and catches up after a later restart', async () => {
    const log = memoryJobRunLog();
    const first = await startAt('2024-03-10T09:00:00+08:00', log);
    expect(first.runs).toEqual([]);
    expect(log.entries()['power-review']).toBe(at('2024-03-10T09:00:00+08:00'));
    await first.scheduler.stop();

    const second = await startAt('2024-03-11T08:00:00+08:00', log);
    expect(second.runs).toEqual([{ job: 'power-review', scheduledTime: at('2024-03-11T01:30:00+08:00') }]);
    await second.scheduler.stop();
  });

  it('records a run when it succeeds, so a restart after it runs nothing; the regular time runs as before', async () => {
    const log = memoryJobRunLog({ 'power-review': at('2024-03-10T01:30:00+08:00') });
    const first = await startAt('2024-03-11T01:00:00+08:00', log);
    await first.clock.advanceTo('2024-03-11T02:00:00+08:00');
    expect(first.runs).toEqual([{ job: 'power-review', scheduledTime: at('2024-03-11T01:30:00+08:00') }]);
    expect(log.entries()['power-review']).toBe(at('2024-03-11T01:30:00+08:00'));
    await first.scheduler.stop();

    const second = await startAt('2024-03-11T09:00:00+08:00', log);
    expect(second.runs).toEqual([]);
    await second.scheduler.stop();
  });

  it('does not record a failed run, so the next start tries it again', async () => {
    const log = memoryJobRunLog({ 'power-review': at('2024-03-09T01:30:00+08:00') });
    const clock = new FakeClock(Date.parse('2024-03-10T09:00:00+08:00'));
    let calls = 0;
    const scheduler = createScheduler({
      jobs: [review],
      runJob: async () => {
        calls += 1;
        throw new Error('table throttled');
      },
      clock,
      logger: capture(),
      runLog: log,
    });
    scheduler.start();
    await scheduler.caughtUp();
    await scheduler.stop();
    expect(calls).toBe(1);
    expect(log.entries()['power-review']).toBe(at('2024-03-09T01:30:00+08:00'));

    const again = await startAt('2024-03-10T10:00:00+08:00', log);
    expect(again.runs).toEqual([{ job: 'power-review', scheduledTime: at('2024-03-10T01:30:00+08:00') }]);
    await again.scheduler.stop();
  });

  it('catches up several jobs one after the other, in the order of their missed times', async () => {
    const scan = job('reminder-scan', { minute: '30', hour: '7' });
    const log = memoryJobRunLog({
      'reminder-scan': at('2024-03-09T07:30:00+08:00'),
      'power-review': at('2024-03-09T01:30:00+08:00'),
      'sms-release': at('2024-03-10T08:00:00+08:00'),
    });
    const { runs, scheduler } = await startAt('2024-03-10T09:00:00+08:00', log, [
      scan,
      review,
      job('sms-release', { minute: '0', hour: '8' }),
    ]);
    expect(runs.map((r) => r.job)).toEqual(['power-review', 'reminder-scan']);
    await scheduler.stop();
  });

  it('without a run log, a start runs nothing that was missed (as before)', async () => {
    const clock = new FakeClock(Date.parse('2024-03-10T09:00:00+08:00'));
    const runs: JobEvent[] = [];
    const scheduler = createScheduler({
      jobs: [review],
      runJob: async (_j, e) => void runs.push(e),
      clock,
      logger: capture(),
    });
    scheduler.start();
    await scheduler.caughtUp();
    expect(runs).toEqual([]);
    await scheduler.stop();
  });
});

describe('latestMissedRun', () => {
  const cron = parseCron({ minute: '30', hour: '1' });
  it.each([
    ['2024-03-10T01:30:00+08:00', '2024-03-10T01:29:00+08:00', undefined],
    ['2024-03-09T01:30:00+08:00', '2024-03-10T01:30:00+08:00', '2024-03-10T01:30:00+08:00'],
    ['2024-03-09T01:30:00+08:00', '2024-03-10T01:29:59+08:00', undefined],
    ['2024-02-28T01:30:00+08:00', '2024-03-01T05:00:00+08:00', '2024-03-01T01:30:00+08:00'],
  ])('last %s, now %s → %s', (last, now, expected) => {
    expect(latestMissedRun(cron, new Date(last), new Date(now))?.toISOString()).toBe(
      expected && new Date(expected).toISOString(),
    );
  });
});

describe('fileJobRunLog', () => {
  it('keeps the records across instances, and reads a damaged file as no records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalsafe-runlog-'));
    try {
      const path = join(dir, 'scheduler.json');
      fileJobRunLog(path).recordRun('power-review', new Date('2024-03-10T01:30:00+08:00'));
      expect(fileJobRunLog(path).lastRun('power-review')?.toISOString()).toBe('2024-03-09T17:30:00.000Z');
      expect(fileJobRunLog(path).lastRun('reminder-scan')).toBeUndefined();
      writeFileSync(path, '{"power-review": "2024-03-');
      expect(fileJobRunLog(path).lastRun('power-review')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
