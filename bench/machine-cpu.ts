/**
 * What else the machine did while a bench measured: its whole CPU time from Linux's /proc/stat, taken before and
 * after, less what the bench's own processes used, and the time the host took from this machine's cores (steal).
 * A bench's figures are this code's only when both are small. The 1-minute load average the benches printed
 * before could not tell: it still held the bench's own seeding when the measure began.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Seconds of CPU of the whole machine since boot: busy (user, nice, system, irq, softirq) and stolen by the host. */
export interface MachineCpuMark {
  readonly busy: number;
  readonly steal: number;
  /** performance.now() when read, for the wall time between two marks. */
  readonly at: number;
}

/** Linux counts /proc/stat in USER_HZ ticks, 100 a second on every platform Node runs on. */
const TICKS_PER_SECOND = 100;

/** The first line of /proc/stat (`cpu  user nice system idle iowait irq softirq steal …`), in seconds. */
export function parseProcStat(text: string, at = 0): MachineCpuMark | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const fields = [user, nice, system, irq, softirq, steal];
  if (fields.some((f) => f === undefined || !Number.isFinite(f))) return null;
  return {
    busy: (user! + nice! + system! + irq! + softirq!) / TICKS_PER_SECOND,
    steal: steal! / TICKS_PER_SECOND,
    at,
  };
}

/** The machine's CPU time now; null where /proc/stat cannot be read (not Linux). */
export function machineCpuMark(): MachineCpuMark | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'), performance.now());
  } catch {
    return null;
  }
}

export interface MachineShare {
  readonly cores: number;
  /** Wall seconds between the marks. */
  readonly seconds: number;
  /** CPU seconds the whole machine was busy. */
  readonly busy: number;
  /** Of those, what the bench's own processes did not use (never below 0: the clocks tick apart). */
  readonly others: number;
  /** CPU seconds the host took from this machine's cores. */
  readonly steal: number;
}

/** Between two marks, given the CPU seconds the bench's own processes used in the same span. */
export function machineShare(
  before: MachineCpuMark | null,
  after: MachineCpuMark | null,
  ownSeconds: number,
  cores = availableParallelism(),
): MachineShare | null {
  if (!before || !after) return null;
  const busy = after.busy - before.busy;
  return {
    cores,
    seconds: (after.at - before.at) / 1000,
    busy,
    others: Math.max(0, busy - ownSeconds),
    steal: after.steal - before.steal,
  };
}

/** `the machine 41.0 of 60.0 CPU-seconds busy (2 cores), 0.4 s of them other processes', 0.0 s taken by the host`. */
export function machineText(m: MachineShare): string {
  return (
    `the machine ${m.busy.toFixed(1)} of ${(m.cores * m.seconds).toFixed(1)} CPU-seconds busy (${m.cores} cores), ` +
    `${m.others.toFixed(1)} s of them other processes', ${m.steal.toFixed(1)} s taken by the host`
  );
}

/** Past this share of the cores' time, other work or the host may have slowed what was measured. */
export const CONTENTION_SHARE = 0.05;

/** A warning when other processes or the host took more than CONTENTION_SHARE of the cores' time, else undefined. */
export function contentionNote(m: MachineShare | null): string | undefined {
  if (!m || m.seconds <= 0) return undefined;
  const capacity = m.cores * m.seconds;
  const taken = m.others + m.steal;
  if (taken <= CONTENTION_SHARE * capacity) return undefined;
  return (
    `note: other processes and the host took ${taken.toFixed(1)} of the cores' ${capacity.toFixed(1)} CPU-seconds ` +
    `(${((100 * taken) / capacity).toFixed(0)}%) while this was measured: the figures are slower than this code on a quiet machine`
  );
}
