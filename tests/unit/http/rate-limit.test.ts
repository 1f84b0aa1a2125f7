// Fair use: the window arithmetic (exactly at a limit refused, one below admitted; burst and sustained rate), the one
// conditional write a request costs, and what the API answers when a limit is reached or the counter cannot be
// reached. The table is mocked; the shared-table behaviour is in tests/integration/rate-limit.test.ts.
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ANY_BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { forgetRateLimits, RATE_LEASE_MAX, rateCallerKey, rateScopeOf } from '#lib/http/rate-limit.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { DEFAULT_RATE_LIMITS, ratePolicy } from '#lib/policies/rate-policy.ts';
import { consumeRate, RATE_WINDOW_SECONDS, rateAdmits, rateWindow } from '#lib/store/counters.ts';
import { createDb } from '#lib/store/db.ts';
import { type ApiEventInput, apiEvent, claims, lambdaContext } from '../../support/api-event.ts';

const T0 = Date.parse('2026-03-10T02:00:00.000Z'); // a window start (aligned on 10 s)

describe('rateWindow', () => {
  it.each([
    { at: 0, startMs: T0, second: 0, untilEnd: 10 },
    { at: 999, startMs: T0, second: 0, untilEnd: 10 },
    { at: 1000, startMs: T0, second: 1, untilEnd: 9 },
    { at: 9001, startMs: T0, second: 9, untilEnd: 1 },
    { at: 9999, startMs: T0, second: 9, untilEnd: 1 },
    { at: 10_000, startMs: T0 + 10_000, second: 0, untilEnd: 10 },
  ])('$at ms into the window: second $second, $untilEnd s left', ({ at, ...expected }) => {
    expect(rateWindow(T0 + at)).toEqual(expected);
  });
});

describe('rateAdmits', () => {
  const limit = { perSecond: 5, burst: 8 }; // 50 per 10-second window, 8 in one second
  const w = rateWindow(T0 + 3_500); // 7 s left
  it.each([
    { window: 0, second: 0, admitted: true },
    { window: 49, second: 0, admitted: true },
    { window: 50, second: 0, admitted: false, retryAfterSeconds: 7 },
    { window: 20, second: 7, admitted: true },
    { window: 20, second: 8, admitted: false, retryAfterSeconds: 1 },
    // Both used up: the window decides the wait, a second more would not help.
    { window: 50, second: 8, admitted: false, retryAfterSeconds: 7 },
  ])('window $window, second $second: admitted $admitted', ({ window, second, ...expected }) => {
    expect(rateAdmits({ window, second }, limit, w)).toEqual(expected);
  });
  it('a window holds perSecond × 10', () => expect(RATE_WINDOW_SECONDS).toBe(10));
});

describe('the rate-limits policy', () => {
  it.each([
    { rate: { perSecond: 10, burst: 10 }, ok: true },
    { rate: { perSecond: 10, burst: 100 }, ok: true },
    { rate: { perSecond: 10, burst: 9 }, ok: false },
    { rate: { perSecond: 10, burst: 101 }, ok: false },
    { rate: { perSecond: 0, burst: 1 }, ok: false },
    { rate: { perSecond: 1000, burst: 1000 }, ok: true },
    { rate: { perSecond: 1001, burst: 1001 }, ok: false },
  ])('caller $rate: valid $ok', ({ rate, ok }) => {
    const r = ratePolicy.schema['~standard'].validate({ ...DEFAULT_RATE_LIMITS, caller: rate });
    expect(!('issues' in r) || r.issues === undefined).toBe(ok);
  });
});

describe('rate scopes', () => {
  it.each([
    { who: claims.bureau('inspector', 'hlj/hegang/dongshan'), scope: 'j:hlj/hegang/dongshan', reads: true },
    { who: claims.mineUser('m-1'), scope: 'm:m-1', reads: false },
    { who: claims.partner('partner-7'), scope: 'p:partner-7', reads: false },
  ])('$scope', async ({ who, scope, reads }) => {
    const { principalFromClaims } = await import('#lib/auth/principal.ts');
    const s = rateScopeOf(principalFromClaims(who));
    expect(s.scope).toBe(scope);
    expect(s.jurisdiction !== undefined).toBe(reads);
  });
  it('the caller key is short and not the subject', () => {
    expect(rateCallerKey('inspector-1')).toHaveLength(12);
    expect(rateCallerKey('inspector-1')).not.toContain('inspector');
    expect(rateCallerKey('inspector-1')).not.toBe(rateCallerKey('inspector-2'));
  });
});

const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
const ddb = mockClient(doc);
let nowMs = T0 + 3_500;
const db = createDb({ doc, tableName: 'coalsafe-rate-unit', now: () => new Date(nowMs) });

const refusal = (item: Record<string, number>) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, { N: String(v) }])),
  });

beforeEach(() => {
  ddb.reset();
  forgetRateLimits();
  nowMs = T0 + 3_500;
});

describe('consumeRate', () => {
  const request = {
    scope: 'j:hlj/hegang',
    caller: 'abc',
    scopeLimit: { perSecond: 100, burst: 300 },
    callerLimit: { perSecond: 5, burst: 8 },
  };

  it('is one conditional UpdateItem on the scope’s item of this window', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await consumeRate(db, request)).toEqual({ granted: true });
    const calls = ddb.calls();
    expect(calls).toHaveLength(1);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ PK: 'QUOTA#rate:j:hlj/hegang#2026-03-10T02:00:00.000Z', SK: 'COUNT' });
    expect(input.ExpressionAttributeNames).toMatchObject({ '#n': 'n', '#ns': 'n3', '#c': 'c:abc', '#cs': 'c:abc:3' });
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':scopeWindow': 1000,
      ':scopeBurst': 300,
      ':callerWindow': 50,
      ':callerBurst': 8,
    });
    expect(input.ConditionExpression).toBe(
      '(attribute_not_exists(#n) OR #n < :scopeWindow) AND (attribute_not_exists(#ns) OR #ns < :scopeBurst) AND (attribute_not_exists(#c) OR #c < :callerWindow) AND (attribute_not_exists(#cs) OR #cs < :callerBurst)',
    );
  });

  it('taking several at once adds them all and asks that every count stay within its limit with them added', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await consumeRate(db, { ...request, take: 3 })).toEqual({ granted: true });
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toMatch(/^ADD #n :take, #ns :take, #c :take, #cs :take /);
    // count < limit - take + 1, i.e. count + take <= limit.
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':take': 3,
      ':scopeWindow': 998,
      ':scopeBurst': 298,
      ':callerWindow': 48,
      ':callerBurst': 6,
    });
  });

  it.each([
    { item: { n: 10, n3: 8, 'c:abc': 8, 'c:abc:3': 8 }, by: 'caller', retryAfterSeconds: 1 },
    { item: { n: 60, n3: 8, 'c:abc': 50, 'c:abc:3': 8 }, by: 'caller', retryAfterSeconds: 7 },
    { item: { n: 1000, n3: 8, 'c:abc': 3, 'c:abc:3': 1 }, by: 'scope', retryAfterSeconds: 7 },
    { item: { n: 400, n3: 300, 'c:abc': 3, 'c:abc:3': 1 }, by: 'scope', retryAfterSeconds: 1 },
  ])('refused by the $by: Retry-After $retryAfterSeconds', async ({ item, by, retryAfterSeconds }) => {
    ddb.on(UpdateCommand).rejects(refusal(item));
    expect(await consumeRate(db, request)).toEqual({ granted: false, by, retryAfterSeconds });
  });
});

const routes = [
  defineRoute({
    operationId: 'listThings',
    method: 'GET',
    path: '/v1/things',
    roles: ANY_BUREAU,
    tag: 'things',
    summary: 'list',
  }),
  defineRoute({
    operationId: 'mineThings',
    method: 'GET',
    path: '/v1/mine-things',
    roles: MINE_READERS,
    tag: 'things',
    summary: 'list',
  }),
  defineRoute({
    operationId: 'health',
    method: 'GET',
    path: '/v1/health',
    roles: 'public',
    tag: 'meta',
    summary: 'ok',
  }),
] as const;

let invoked = 0;
const handler = apiHandler(
  routes,
  {
    listThings: async () => {
      invoked++;
      return { body: { ok: true } };
    },
    mineThings: async () => {
      invoked++;
      return { body: { ok: true } };
    },
    health: async () => ({ body: { ok: true } }),
  },
  { db: () => db },
);
const call = async (input: Omit<ApiEventInput, 'method'>) =>
  (await handler(apiEvent({ method: 'GET', ...input }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
const INSPECTOR = claims.bureau('inspector', 'hlj/hegang');

describe('apiHandler: fair use', () => {
  beforeEach(() => {
    invoked = 0;
    ddb.on(BatchGetCommand).resolves({ Responses: { [db.tableName]: [] } });
  });

  it('an admitted request of a caller new to the instance costs one write; the policy is read once a minute', async () => {
    ddb.on(UpdateCommand).resolves({});
    for (let i = 0; i < 3; i++) expect((await call({ route: '/v1/things', claims: INSPECTOR })).statusCode).toBe(200);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(3);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(1);
    expect(invoked).toBe(3);
  });

  it('a caller’s steady requests cost one write a second: the second before says how many to take', async () => {
    ddb.on(UpdateCommand).resolves({});
    const takes = () =>
      ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':take']);
    const at = async (...offsets: number[]) => {
      for (const ms of offsets) {
        nowMs = T0 + ms;
        expect((await call({ route: '/v1/things', claims: INSPECTOR })).statusCode).toBe(200);
      }
    };
    // First second on this instance: nothing known of the caller, one; then its pace so far (one in 0.35 s, so
    // about two more before the second ends) takes two; the fourth, late in the second, one.
    await at(3_100, 3_350, 3_600, 3_850);
    expect(takes()).toEqual([1, 2, 1]);
    // The next second: one write takes the four the caller asked for, and serves all four.
    await at(4_100, 4_350, 4_600, 4_850);
    expect(takes()).toEqual([1, 2, 1, 4]);
    // A fifth at the end of that second is a write of its own for one (the allowance is spent; little is left).
    await at(4_950);
    expect(takes()).toEqual([1, 2, 1, 4, 1]);
    // An allowance dies with its second: after a quiet second the caller starts from one again.
    await at(6_100);
    expect(takes()).toEqual([1, 2, 1, 4, 1, 1]);
    expect(invoked).toBe(10);
  });

  it('a second that outruns the one before takes by the pace so far, not one at a time', async () => {
    ddb.on(UpdateCommand).resolves({});
    const takes = () =>
      ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':take']);
    // Two requests in the second before; then six in the first half of this one (the load bunched them up).
    for (const ms of [3_200, 3_700]) {
      nowMs = T0 + ms;
      await call({ route: '/v1/things', claims: INSPECTOR });
    }
    for (const ms of [4_050, 4_100, 4_200, 4_300, 4_400, 4_500]) {
      nowMs = T0 + ms;
      expect((await call({ route: '/v1/things', claims: INSPECTOR })).statusCode).toBe(200);
    }
    // The second before's two, then, with two served by 0.2 s (six more at that pace), the most one write takes:
    // two writes for the six, where one at a time past the second before's two would have been five.
    expect(takes()).toEqual([1, 1, 2, RATE_LEASE_MAX]);
    expect(invoked).toBe(8);
  });

  it('never takes more than RATE_LEASE_MAX at once, and a refused larger take falls back to one', async () => {
    ddb.on(UpdateCommand).resolves({});
    nowMs = T0 + 3_100;
    for (let i = 0; i < 12; i++) await call({ route: '/v1/things', claims: INSPECTOR });
    ddb.reset();
    ddb.on(BatchGetCommand).resolves({ Responses: { [db.tableName]: [] } });
    // The larger take no longer fits the limit; one still does.
    ddb
      .on(UpdateCommand)
      .rejectsOnce(refusal({ n: 20, n4: 20, [`c:${rateCallerKey(INSPECTOR.sub)}`]: 47 }))
      .resolves({});
    nowMs = T0 + 4_100;
    expect((await call({ route: '/v1/things', claims: INSPECTOR })).statusCode).toBe(200);
    const takes = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':take']);
    expect(takes).toEqual([RATE_LEASE_MAX, 1]);
    // Nothing was left over: the next request writes again.
    await call({ route: '/v1/things', claims: INSPECTOR });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(3);
  });

  it('requests arriving together while the second’s write is in flight are served from it', async () => {
    ddb.on(UpdateCommand).resolves({});
    nowMs = T0 + 3_100;
    for (let i = 0; i < 3; i++) await call({ route: '/v1/things', claims: INSPECTOR });
    const before = ddb.commandCalls(UpdateCommand).length;
    nowMs = T0 + 4_100;
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => call({ route: '/v1/things', claims: INSPECTOR })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(ddb.commandCalls(UpdateCommand).length - before).toBe(1);
  });

  it('a mine user is counted against its mine with the product’s limits, without reading a policy', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect((await call({ route: '/v1/mine-things', claims: claims.mineUser('m-9') })).statusCode).toBe(200);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(String(input.Key?.PK)).toMatch(/^QUOTA#rate:m:m-9#/);
    expect(input.ExpressionAttributeValues?.[':callerBurst']).toBe(DEFAULT_RATE_LIMITS.caller.burst);
  });

  it('a public route is not counted', async () => {
    expect((await call({ route: '/v1/health' })).statusCode).toBe(200);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('past the limit: 429 problem+json with Retry-After, the operation not run', async () => {
    ddb.on(UpdateCommand).rejects(refusal({ n: 5, n3: 5, 'c:x': 200, [`c:${rateCallerKey(INSPECTOR.sub)}`]: 200 }));
    const res = await call({ route: '/v1/things', claims: INSPECTOR });
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers?.['retry-after']).toBe('7');
    const body = JSON.parse(res.body!);
    expect(body).toMatchObject({ type: 'urn:coalsafe:problem:too-many-requests', title: '请求过于频繁', status: 429 });
    expect(body.detail).toMatch(/您的请求过于频繁.*7 秒后重试/);
    expect(invoked).toBe(0);
  });

  it('a throttled counter is a 503 busy with Retry-After, never a 500, and the operation is not run', async () => {
    ddb.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const res = await call({ route: '/v1/things', claims: INSPECTOR });
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(res.body!).type).toBe('urn:coalsafe:problem:busy');
    expect(invoked).toBe(0);
  });

  it('a throttled policy read is a 503 as well', async () => {
    ddb.on(BatchGetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }));
    const res = await call({ route: '/v1/things', claims: INSPECTOR });
    expect(res.statusCode).toBe(503);
    expect(invoked).toBe(0);
  });

  it('any other failure of the limiter lets the request through (fail open)', async () => {
    ddb.on(UpdateCommand).rejects(new InternalServerError({ message: 'boom', $metadata: {} }));
    const res = await call({ route: '/v1/things', claims: INSPECTOR });
    expect(res.statusCode).toBe(200);
    expect(invoked).toBe(1);
  });

  it('a failed policy read is not kept: the next request reads again', async () => {
    ddb
      .on(BatchGetCommand)
      .rejectsOnce(new InternalServerError({ message: 'boom', $metadata: {} }))
      .resolves({ Responses: { [db.tableName]: [] } });
    ddb.on(UpdateCommand).resolves({});
    expect((await call({ route: '/v1/things', claims: INSPECTOR })).statusCode).toBe(200);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect((await call({ route: '/v1/things', claims: INSPECTOR })).statusCode).toBe(200);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(2);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });
});

describe('/openapi.json', () => {
  it('every authenticated route answers 429 with Retry-After; a public route only for a quota of its own', async () => {
    const { ALL_ROUTES } = await import('#functions/api/routes.ts');
    const { buildOpenApi } = await import('#lib/http/openapi.ts');
    const doc = buildOpenApi(ALL_ROUTES, { version: 'test' }) as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    let authenticated = 0;
    for (const r of ALL_ROUTES) {
      const responses = doc.paths[r.path]![r.method.toLowerCase()]!.responses;
      if (r.roles === 'public' && !r.quota) {
        expect(responses['429'], r.operationId).toBeUndefined();
        continue;
      }
      authenticated++;
      expect(responses['429']?.headers?.['Retry-After'], r.operationId).toBeDefined();
    }
    expect(authenticated).toBeGreaterThan(50);
  });
});
