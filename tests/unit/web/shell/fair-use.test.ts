// The dashboard waits out a fair-use refusal (429) with a short Retry-After and sends the request again, a few
// times; a long wait (the hourly person-check quota) and every other status go to the page as they are.
import { describe, expect, it } from 'vitest';
import { FAIR_USE_WAIT_MAX_SECONDS, fairUseWait } from '#web/src/fair-use.ts';

describe('fairUseWait', () => {
  it.each([
    [429, '1', 1, 1000],
    [429, '0', 1, 200],
    [429, String(FAIR_USE_WAIT_MAX_SECONDS), 2, FAIR_USE_WAIT_MAX_SECONDS * 1000],
    [429, String(FAIR_USE_WAIT_MAX_SECONDS + 1), 1, undefined],
    [429, '1800', 1, undefined],
    [429, '1', 3, undefined],
    [429, null, 1, undefined],
    [429, 'soon', 1, undefined],
    [429, '-1', 1, undefined],
    [503, '1', 1, undefined],
    [200, '1', 1, undefined],
  ])('status %i, Retry-After %s, attempt %i → %s ms', (status, retryAfter, attempt, expected) => {
    expect(fairUseWait(status, retryAfter, attempt)).toBe(expected);
  });
});
