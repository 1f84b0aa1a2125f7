/** Fair use: a 429 asking to wait this long or less is waited out and the request sent again, a few times. */
export const FAIR_USE_WAIT_MAX_SECONDS = 10;
const FAIR_USE_TRIES = 3;

/**
 * How long to wait before sending a request the API refused for fair use (429), or undefined when not to: the
 * limiter refuses before anything runs, so a refused request changed nothing and any method may be sent again; a
 * quota that frees only in minutes (the hourly person check) is the caller's to see, not to wait for.
 */
export function fairUseWait(status: number, retryAfter: string | null, attempt: number): number | undefined {
  if (status !== 429 || attempt >= FAIR_USE_TRIES) return undefined;
  if (retryAfter === null) return undefined;
  const seconds = Number(retryAfter);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > FAIR_USE_WAIT_MAX_SECONDS) return undefined;
  return Math.max(seconds, 0.2) * 1000;
}
