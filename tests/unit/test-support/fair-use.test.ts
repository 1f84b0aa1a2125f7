import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitingClient, waitingOutFairUse } from '../../support/fair-use.ts';

/** A reply of the local API as the e2e client sees it: a status and its headers. */
const reply = (status: number, retryAfter?: string) => ({
  status,
  headers: new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
});

/** A sender answering the given replies in turn, counting the requests it was asked to send. */
const sender = (...replies: ReturnType<typeof reply>[]) => {
  const send = vi.fn(async () => replies[Math.min(send.mock.calls.length - 1, replies.length - 1)]!);
  return send;
};

describe('waiting out a fair-use refusal in tests', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('an answer that is not a 429 is returned at once, sent once', async () => {
    const send = sender(reply(404));
    await expect(waitingOutFairUse(send)).resolves.toMatchObject({ status: 404 });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a 429 is sent again only after its Retry-After, and the answer after it is returned', async () => {
    const send = sender(reply(429, '2'), reply(200));
    const answer = waitingOutFairUse(send);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toMatchObject({ status: 200 });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('without a Retry-After it waits a second', async () => {
    const send = sender(reply(429), reply(201));
    const answer = waitingOutFairUse(send);
    await vi.advanceTimersByTimeAsync(999);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toMatchObject({ status: 201 });
  });

  it('a refusal that outlasts the retries is returned as it is, for the test to fail on', async () => {
    const send = sender(reply(429, '1'));
    const answer = waitingOutFairUse(send, 3);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(answer).resolves.toMatchObject({ status: 429 });
    // The first request and three more, no fifth.
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('a waiting client sends each request with its own arguments, again after a 429', async () => {
    const send = vi.fn(async (_path: string) => (send.mock.calls.length === 1 ? reply(429, '1') : reply(200)));
    const http = waitingClient(send);
    const answer = http('/v1/mines');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(answer).resolves.toMatchObject({ status: 200 });
    expect(send.mock.calls).toEqual([['/v1/mines'], ['/v1/mines']]);
  });
});
