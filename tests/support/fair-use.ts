/**
 * A request sent again after the Retry-After of a fair-use refusal (429), up to `times` more, as a polite client
 * does. For tests whose many requests are not about the rate limit: a mine user's and a partner's limits are the
 * default ones (no jurisdiction's policy raises them), so a fast machine can run such a test past their burst.
 * A refusal that outlasts the retries is returned as it is, for the test to fail on.
 */
export async function waitingOutFairUse<R extends { readonly status: number; readonly headers: Headers }>(
  send: () => Promise<R>,
  times = 3,
): Promise<R> {
  let reply = await send();
  for (let retry = 0; reply.status === 429 && retry < times; retry++) {
    await new Promise((done) => setTimeout(done, Number(reply.headers.get('retry-after') ?? 1) * 1000));
    reply = await send();
  }
  return reply;
}

/** A test client whose every request waits out fair-use refusals as `waitingOutFairUse` does. */
export const waitingClient =
  <A extends unknown[], R extends { readonly status: number; readonly headers: Headers }>(
    send: (...args: A) => Promise<R>,
  ) =>
  (...args: A): Promise<R> =>
    waitingOutFairUse(() => send(...args));
