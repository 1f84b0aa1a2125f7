import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, type Reply, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Fair use over HTTP on the local runtime, as in AWS: the demo district's admin sets a low rate for its callers
 * through the policy API; one token hammering the API gets 429 problem+json with Retry-After, while another
 * bureau's token, at the same time, is served; a mine user is counted against its own mine; public routes are not
 * counted per caller.
 */
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let hammer: string;
let otherBureau: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  hammer = rt.tokens.inspector!;
  otherBureau = await rt.token({ role: 'inspector', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-rate-inspector' });
});
afterAll(async () => rt?.stop());

const burst = (token: string, n: number, path = '/v1/policies/rate-limits'): Promise<Reply[]> =>
  Promise.all(Array.from({ length: n }, () => http('GET', path, { token })));

describe('fair use', () => {
  it('one token hammering gets 429 with Retry-After while another bureau’s token is served', async () => {
    const inForce = ok(await http('GET', '/v1/policies/rate-limits', { token: admin }));
    expect(inForce.definedAt).toBeNull();
    // A burst below the rate could never be reached: refused, naming the setting.
    const refusedChange = await http('PUT', '/v1/policies/rate-limits', {
      token: admin,
      body: { version: inForce.ownVersion, limits: { caller: { perSecond: 10, burst: 5 } }, reason: '演练限流' },
    });
    expectProblem(refusedChange, 400);
    expect(refusedChange.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.limits.caller']);
    const set = ok(
      await http('PUT', '/v1/policies/rate-limits', {
        token: admin,
        body: { version: inForce.ownVersion, limits: { caller: { perSecond: 1, burst: 3 } }, reason: '演练限流' },
      }),
    );
    expect(set.limits.caller).toEqual({ perSecond: 1, burst: 3 });

    const [mine, theirs] = await Promise.all([burst(hammer, 12), burst(otherBureau, 12)]);
    const refused = mine.filter((r) => r.status === 429);
    // At most the burst in one second (two when the requests straddle a second), never more than the window's 10.
    expect(mine.filter((r) => r.status === 200).length).toBeLessThanOrEqual(6);
    expect(refused.length).toBeGreaterThanOrEqual(6);
    for (const r of refused) {
      expectProblem(r, 429);
      expect(r.body.type).toBe('urn:coalsafe:problem:too-many-requests');
      expect(r.body.title).toBe('请求过于频繁');
      expect(r.body.detail).toMatch(/您的请求过于频繁/);
      const retryAfter = r.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(10);
    }
    // Another jurisdiction keeps the defaults: all served.
    expect(theirs.map((r) => r.status)).toEqual(Array(12).fill(200));
  });

  it('a mine user is held to the product’s limits, not the district’s; public routes are not counted', async () => {
    const mineUser = rt.tokens.mine_user!;
    const replies = await burst(mineUser, 5, '/v1/mines/m-taiyuan');
    expect(replies.map((r) => r.status)).toEqual(Array(5).fill(200));
    const open = await Promise.all(Array.from({ length: 10 }, () => http('GET', '/openapi.json')));
    expect(open.map((r) => r.status)).toEqual(Array(10).fill(200));
  });
});
