import { SHANGHAI_OFFSET_MS } from '#lib/validators/business-date.ts';

/**
 * No SMS at night: between 21:00 and 08:00 Asia/Shanghai a text that is not critical is held and sent at 08:00.
 * Email and in-app messages are never held (nobody's phone rings for them).
 */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** When an SMS produced at `now` may go out: now, or the next 08:00 in Asia/Shanghai. */
export function smsSendAt(now: Date, critical: boolean): Date {
  if (critical) return now;
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const hour = Math.floor((local % DAY_MS) / HOUR_MS);
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return now;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const release =
    hour >= QUIET_FROM_HOUR ? dayStart + DAY_MS + QUIET_UNTIL_HOUR * HOUR_MS : dayStart + QUIET_UNTIL_HOUR * HOUR_MS;
  return new Date(release - SHANGHAI_OFFSET_MS);
}
