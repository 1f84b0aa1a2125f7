import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { waitingOutFairUse } from '../support/fair-use.ts';
import { badRequests, type FuzzRequest } from '../support/fuzz-requests.ts';
import { client, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Every route of /openapi.json, as the running local runtime publishes it, gets generated bad requests (see
 * tests/support/fuzz-requests.ts) with a token of a role allowed on it. Nothing a client sends produces a 5xx;
 * every refusal is problem+json with a title and a detail; and nothing stored changes. Seeded: set FUZZ_SEED to
 * replay a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CONCURRENCY = 4;
/** The runtime's body limit (10 MB, as API Gateway's): a few routes get one byte more. */
const OVER_LIMIT = 10 * 1024 * 1024 + 1;

let rt: LocalRuntime;
let http: ReturnType<typeof client>;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  // One token sends thousands of requests: the district's admin raises its fair-use limits first.
  const admin = rt.tokens.bureau_admin!;
  const inForce = ok(await http('GET', '/v1/policies/rate-limits', { token: admin }));
  ok(
    await http('PUT', '/v1/policies/rate-limits', {
      token: admin,
      body: {
        version: inForce.ownVersion,
        limits: { caller: { perSecond: 1000, burst: 1000 }, jurisdiction: { perSecond: 1000, burst: 1000 } },
        reason: '接口健壮性测试',
      },
    }),
  );
});
afterAll(async () => rt?.stop());

/** What a fuzz run must leave as it was: the district's stored state, read the way its users read it. */
async function storedState(): Promise<unknown> {
  const admin = rt.tokens.bureau_admin!;
  const reads = [
    '/v1/mines?limit=200',
    '/v1/mines/m-taiyuan',
    '/v1/mines/m-taiyuan/audit?limit=200',
    '/v1/mines/m-taiyuan/persons',
    '/v1/mines/m-taiyuan/equipment',
    '/v1/hazards?limit=200',
    '/v1/penalties?limit=200',
    '/v1/violations?limit=200',
    '/v1/blacklist?limit=200',
    '/v1/users?limit=200',
    '/v1/jurisdiction',
    '/v1/policies/penalty',
    '/v1/policies/credit',
    '/v1/policies/blacklist',
    '/v1/policies/reminders',
    '/v1/policies/power-review',
    '/v1/me/contact',
  ];
  const out: Record<string, unknown> = {};
  for (const path of reads) out[path] = ok(await http('GET', path, { token: admin }));
  return out;
}

const ROLE_PREFERENCE = ['bureau_admin', 'inspector', 'legal_reviewer', 'partner_dept', 'mine_user'];

describe('fuzz', () => {
  it('no generated bad request gets a 5xx, every refusal is problem+json, and nothing stored changes', async () => {
    const doc = ok(await http('GET', '/openapi.json'));
    const before = await storedState();

    const work: { req: FuzzRequest; token: string | undefined }[] = [];
    let routes = 0;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const roles: string[] | undefined = op['x-roles'];
        const role = roles ? ROLE_PREFERENCE.find((r) => roles.includes(r)) : undefined;
        const token = role ? rt.tokens[role] : undefined;
        if (roles) expect(token, `${op.operationId}: a token for ${roles}`).toBeDefined();
        // A body over the limit costs 10 MB a request: every tenth route gets one.
        const overLimit = routes % 10 === 0 ? OVER_LIMIT : undefined;
        for (const req of badRequests(doc, path, method, op, {
          seed: SEED + routes,
          ...(overLimit ? { overLimitBytes: overLimit } : {}),
        }))
          work.push({ req, token });
        routes++;
      }
    }

    // Interleaved in a seeded order, so no route's requests come in one burst.
    const order = fc.sample(fc.integer(), { seed: SEED, numRuns: work.length });
    const shuffled = work
      .map((w, i) => ({ w, k: order[i]! }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.w);

    const byClass: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    const failures: string[] = [];
    /** Operations one of whose refusals named a body field: their path was good enough to reach the body. */
    const bodyReached = new Set<string>();
    let tooLarge = 0;
    const send = async ({ req, token }: (typeof work)[number]) => {
      // A mine user's fair-use limits are the default ones: where the seeded order bunches its routes past the
      // burst, the request is sent again after Retry-After, so it is still tested.
      const { status, headers, text } = await waitingOutFairUse(async () => {
        const res = await fetch(`${rt.url}${req.path}`, {
          method: req.method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...req.headers },
          ...(req.body !== undefined ? { body: req.body } : {}),
        });
        return { status: res.status, headers: res.headers, text: await res.text() };
      });
      const cls = `${Math.floor(status / 100)}xx`;
      byClass[cls] = (byClass[cls] ?? 0) + 1;
      byRoute[req.operation] = (byRoute[req.operation] ?? 0) + 1;
      const where = `${req.method} ${req.path.slice(0, 120)} (${req.why}) → ${status}`;
      if (status >= 500) return void failures.push(`${where}: ${text.slice(0, 300)}`);
      if (status === 429) return void failures.push(`${where}: rate limited`);
      if (status >= 200 && status < 300 && req.method !== 'GET')
        return void failures.push(`${where}: a bad write was accepted`);
      if (status >= 400) {
        const type = headers.get('content-type') ?? '';
        if (!/^application\/problem\+json/.test(type)) return void failures.push(`${where}: content-type ${type}`);
        let problem: { title?: unknown; detail?: unknown; status?: unknown };
        try {
          problem = JSON.parse(text);
        } catch {
          return void failures.push(`${where}: not JSON: ${text.slice(0, 200)}`);
        }
        if (typeof problem.title !== 'string' || !/[\u4e00-\u9fff]|[A-Za-z]/.test(problem.title))
          failures.push(`${where}: no title`);
        if (typeof problem.detail !== 'string' || problem.detail.trim() === '') failures.push(`${where}: no detail`);
        if (problem.status !== status) failures.push(`${where}: problem status ${String(problem.status)}`);
        const fields = ((problem as { errors?: { field?: string }[] }).errors ?? []).map((e) => e.field ?? '');
        if (fields.some((f) => f.startsWith('body.'))) bodyReached.add(req.operation);
        if (status === 413) tooLarge++;
      }
    };
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < shuffled.length) await send(shuffled[next++]!);
      }),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    console.log(
      `[fuzz] seed ${SEED}: ${work.length} bad requests over ${routes} routes in ${seconds} s; by status class ${JSON.stringify(byClass)}`,
    );
    console.log(
      `[fuzz] per route: ${Object.entries(byRoute)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ')}`,
    );
    expect(failures.slice(0, 30), `${failures.length} failures`).toEqual([]);
    // The generator reached what it meant to: every JSON body was validated, every body over the limit refused.
    const withBody = Object.values(doc.paths).flatMap((ops: any) =>
      Object.values(ops)
        .filter((op: any) => op.requestBody?.content?.['application/json']?.schema?.properties)
        .map((op: any) => op.operationId as string),
    );
    expect(withBody.filter((id) => !bodyReached.has(id))).toEqual([]);
    expect(tooLarge).toBe(work.filter((w) => w.req.why === 'body over the limit').length);
    expect(tooLarge).toBeGreaterThan(0);
    expect(routes).toBe(Object.values(doc.paths).reduce((n: number, ops: any) => n + Object.keys(ops).length, 0));
    expect(Object.keys(byRoute).length).toBe(routes);
    expect(await storedState()).toEqual(before);
  }, 240_000);
});
