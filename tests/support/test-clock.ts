/**
 * A clock for tests that need to choose "today": it starts where it is set and moves forward one millisecond on
 * every read, so timestamps taken in one operation stay distinct and ordered, as they would be in real time.
 */
export interface TestClock {
  /** The Db's `now`: returns the current instant, then ticks. */
  readonly now: () => Date;
  /** Jumps to an instant (ISO 8601). */
  set(iso: string): void;
  /** The current instant without ticking. */
  peek(): Date;
}

export function testClock(startIso: string): TestClock {
  let t = Date.parse(startIso);
  if (!Number.isFinite(t)) throw new RangeError(`Not an instant: ${startIso}`);
  return {
    now: () => new Date(t++),
    set(iso) {
      const next = Date.parse(iso);
      if (!Number.isFinite(next)) throw new RangeError(`Not an instant: ${iso}`);
      t = next;
    },
    peek: () => new Date(t),
  };
}
