import { describe, expect, it, vi } from 'vitest';
import { signDevToken, verifyDevToken } from '#local/dev-tokens.ts';
import { rememberVerifiedTokens, type TokenVerifier } from '#local/token-cache.ts';

const SECRET = 'a-local-secret-of-enough-length-for-hs256';
const EXP = 1_900_000_000; // seconds

/** A verifier that answers from a table and counts its calls. */
const fake = (answers: Record<string, Record<string, unknown> | undefined>) =>
  vi.fn<TokenVerifier>(async (token) => answers[token]);

describe('verified tokens are remembered until they expire', () => {
  it('verifies a token once and hands out the same claims while it is valid', async () => {
    const verify = fake({ a: { sub: 'u1', role: 'inspector', exp: EXP } });
    const cached = rememberVerifiedTokens(verify, { now: () => EXP * 1000 - 1 });
    expect(await cached('a')).toMatchObject({ sub: 'u1' });
    expect(await cached('a')).toMatchObject({ sub: 'u1' });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['one millisecond before exp', EXP * 1000 - 1, 1],
    ['at exp', EXP * 1000, 2],
    ['after exp', EXP * 1000 + 60_000, 2],
  ])('%s: verified %i time(s)', async (_, at, calls) => {
    const verify = fake({ a: { sub: 'u1', exp: EXP } });
    let now = 0;
    const cached = rememberVerifiedTokens(verify, { now: () => now });
    await cached('a');
    now = at;
    await cached('a');
    expect(verify).toHaveBeenCalledTimes(calls);
  });

  it('never keeps a refused token, nor one without exp', async () => {
    const verify = fake({ forged: undefined, forever: { sub: 'u2' } });
    const cached = rememberVerifiedTokens(verify, { now: () => 0 });
    expect(await cached('forged')).toBeUndefined();
    expect(await cached('forged')).toBeUndefined();
    await cached('forever');
    await cached('forever');
    expect(verify).toHaveBeenCalledTimes(4);
  });

  it('forgets the oldest token past max', async () => {
    const verify = fake({ a: { sub: 'a', exp: EXP }, b: { sub: 'b', exp: EXP }, c: { sub: 'c', exp: EXP } });
    const cached = rememberVerifiedTokens(verify, { max: 2, now: () => 0 });
    for (const t of ['a', 'b', 'c', 'b', 'c']) await cached(t);
    expect(verify.mock.calls.map(([t]) => t)).toEqual(['a', 'b', 'c']);
    await cached('a');
    expect(verify.mock.calls.map(([t]) => t)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps a frozen copy: a caller cannot change the claims the next request gets', async () => {
    const cached = rememberVerifiedTokens(fake({ a: { sub: 'u1', exp: EXP } }), { now: () => 0 });
    const first = await cached('a');
    expect(() => {
      (first as Record<string, unknown>).role = 'bureau_admin';
    }).toThrow();
    expect(await cached('a')).not.toHaveProperty('role');
  });

  it('with the dev tokens: a valid token is accepted from memory, a tampered one is still refused', async () => {
    const cached = rememberVerifiedTokens((t) => verifyDevToken(SECRET, t));
    const token = await signDevToken(SECRET, { role: 'inspector', sub: 'u1', jurisdiction: 'hlj/hegang/dongshan' });
    expect(await cached(token)).toMatchObject({ sub: 'u1', role: 'inspector' });
    expect(await cached(token)).toMatchObject({ sub: 'u1', role: 'inspector' });
    const [head, body, sig] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: 'bureau_admin' })).toString('base64url')}.${sig}`;
    expect(await cached(forged)).toBeUndefined();
    expect(
      await cached(await signDevToken('another-secret-of-enough-length-for-hs256', { role: 'partner_dept' })),
    ).toBeUndefined();
  });
});
