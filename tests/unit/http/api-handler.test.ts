// The HTTP stack every API function shares: who may call, what input is accepted, and how every failure reads to
// the client (RFC 9457 problem+json, the failing fields named, nothing internal leaked). Driven with hand-built
// HTTP API v2 events against a tiny route table; the table is mocked, so no network.
import {
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ANY_BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import { TooManyRequestsError } from '#lib/errors.ts';
import { type ApiEvent, apiHandler } from '#lib/http/api-handler.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { mineIdParams } from '#lib/schemas/primitives.ts';
import { createDb } from '#lib/store/db.ts';
import { put, transact } from '#lib/store/transact.ts';
import '#lib/schemas/zod.ts';
import { type ApiEventInput, apiEvent, claims, lambdaContext } from '../../support/api-event.ts';

const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
const ddb = mockClient(doc);
const db = createDb({ doc, tableName: 'coalsafe-test' });

const SECRET = 'password=hunter2 at db.internal.example:5432';

const routes = [
  defineRoute({
    operationId: 'createThing',
    method: 'POST',
    path: '/v1/things',
    roles: ['bureau_admin'],
    tag: 'things',
    summary: 'create',
    status: 201,
    body: z.strictObject({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
      count: z.optional(z.number().check(z.int(), z.minimum(0))),
      tags: z.optional(z.array(z.string().check(z.maxLength(5))).check(z.maxLength(3))),
    }),
  }),
  defineRoute({
    operationId: 'listThings',
    method: 'GET',
    path: '/v1/things',
    roles: ANY_BUREAU,
    tag: 'things',
    summary: 'list',
    query: z.strictObject({ limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10))) }),
  }),
  defineRoute({
    operationId: 'getMine',
    method: 'GET',
    path: '/v1/mines/{mineId}',
    roles: MINE_READERS,
    tag: 'mines',
    summary: 'one mine',
    params: mineIdParams,
  }),
  defineRoute({
    operationId: 'explode',
    method: 'POST',
    path: '/v1/explode',
    roles: ANY_BUREAU,
    tag: 'things',
    summary: 'fails',
  }),
  defineRoute({
    operationId: 'recordThing',
    method: 'POST',
    path: '/v1/records',
    roles: ANY_BUREAU,
    tag: 'things',
    summary: 'one transaction',
  }),
  defineRoute({
    operationId: 'askOften',
    method: 'GET',
    path: '/v1/quota',
    roles: ['partner_dept'],
    tag: 'things',
    summary: 'limited per hour',
  }),
  defineRoute({
    operationId: 'health',
    method: 'GET',
    path: '/v1/health',
    roles: 'public',
    tag: 'meta',
    summary: 'public',
  }),
] as const;

let invoked: string[] = [];

const handler = apiHandler(
  routes,
  {
    createThing: async ({ body, principal, store }) => {
      invoked.push('createThing');
      return {
        body: {
          received: body,
          by: principal.sub,
          injectedDb: store.shared.tableName === db.tableName,
        },
      };
    },
    listThings: async ({ query }) => {
      invoked.push('listThings');
      return { body: { limit: query.limit ?? null } };
    },
    getMine: async ({ store, params }) => {
      invoked.push('getMine');
      const { profile } = await store.mine(params.mineId);
      return { body: { mineId: profile.mineId, jurisdiction: profile.jurisdiction } };
    },
    explode: async () => {
      invoked.push('explode');
      throw new Error(`connection refused: ${SECRET}`);
    },
    recordThing: async ({ store }) => {
      invoked.push('recordThing');
      const { db: mineDb } = await store.mine('m-1');
      await transact(mineDb, [
        put(mineDb, { PK: 'MINE#m-1', SK: 'THING#1' }),
        put(mineDb, { PK: 'MINE#m-1', SK: 'AUDIT#t#ev' }),
      ]);
      return { status: 201 };
    },
    askOften: async () => {
      invoked.push('askOften');
      // A quota message that happens to repeat an ID-shaped number: the problem masks it like any other.
      throw new TooManyRequestsError('每小时最多查询 60 次（110105194912310026 已用完）', 1234);
    },
    health: async ({ principal }) => {
      invoked.push('health');
      return { body: { ok: true, authenticated: principal !== undefined } };
    },
  },
  // Fair use has its own tests (rate-limit.test.ts); here the table mock sees only what the operations ask.
  { db: () => db, rateLimit: false },
);

const ADMIN = claims.bureau('bureau_admin', 'hlj/hegang');
const INSPECTOR = claims.bureau('inspector', 'hlj/hegang');

const call = async (input: ApiEventInput | ApiEvent): Promise<APIGatewayProxyStructuredResultV2> => {
  const event = 'routeKey' in input ? input : apiEvent(input);
  return (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
};
const create = (body: unknown, extra: Partial<ApiEventInput> = {}) =>
  call({ method: 'POST', route: '/v1/things', claims: ADMIN, body, ...extra });

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Asserts a problem+json response of the given status and returns its body. */
function problemOf(res: APIGatewayProxyStructuredResultV2, status: number): ProblemBody {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers?.['content-type'])).toMatch(/^application\/problem\+json(;|$)/);
  const body = JSON.parse(res.body ?? '') as ProblemBody;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:coalsafe:problem:/),
    title: expect.any(String),
    status,
  });
  return body;
}

const fieldsOf = (p: ProblemBody) => (p.errors ?? []).map((e) => e.field);

beforeEach(() => {
  ddb.reset();
  invoked = [];
});

describe('apiHandler: success', () => {
  it('runs the operation with the parsed body, the caller and a store on the injected table', async () => {
    const res = await create({ name: '  泰源  ', count: 0 }, { headers: { 'x-correlation-id': 'corr-42' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    expect(res.headers?.['x-correlation-id']).toBe('corr-42');
    expect(JSON.parse(res.body!)).toEqual({ received: { name: '泰源', count: 0 }, by: ADMIN.sub, injectedDb: true });
  });

  it('serves a public route without a token', async () => {
    const res = await call({ method: 'GET', route: '/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ ok: true, authenticated: false });
  });

  it.each([
    ['application/json; charset=utf-8'],
    ['Application/JSON'],
    ['application/merge-patch+json'],
    ['application/vnd.coalsafe+json; charset=utf-8'],
  ])('accepts a JSON body sent as %s', async (contentType) => {
    const res = await create('{"name":"ok"}', { headers: { 'content-type': contentType } });
    expect(res.statusCode).toBe(201);
  });

  it('reads a body without content-type as JSON', async () => {
    const res = await create('{"name":"ok"}', { headers: {} });
    expect(res.statusCode).toBe(201);
  });

  it('decodes a base64-encoded body', async () => {
    const res = await create(Buffer.from('{"name":"煤矿"}').toString('base64'), {
      isBase64Encoded: true,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body!).received).toEqual({ name: '煤矿' });
  });
});

describe('apiHandler: 401 without a usable identity', () => {
  it.each([
    ['no authorizer context', null],
    ['empty claims', {}],
    ['no sub', { role: 'bureau_admin', jurisdiction: 'hlj' }],
    ['an unknown role', { sub: 'u', role: 'superuser', jurisdiction: 'hlj' }],
    ['a bureau role without jurisdiction', { sub: 'u', role: 'bureau_admin' }],
    ['a malformed jurisdiction', { sub: 'u', role: 'bureau_admin', jurisdiction: 'hlj/' }],
    ['a mine user without mineId', { sub: 'u', role: 'mine_user' }],
  ])('%s', async (_, tokenClaims) => {
    const p = problemOf(await create({ name: 'ok' }, { claims: tokenClaims }), 401);
    expect(p).toMatchObject({ type: 'urn:coalsafe:problem:unauthorized', instance: '/v1/things' });
    expect(invoked).toEqual([]);
  });

  it('refuses the identity before looking at the input', async () => {
    const p = problemOf(await create('{"name":', { claims: null }), 401);
    expect(p.errors).toBeUndefined();
  });
});

describe('apiHandler: 403 for a role the route does not allow', () => {
  it.each([
    ['an inspector', claims.bureau('inspector', 'hlj/hegang')],
    ['a legal reviewer', claims.bureau('legal_reviewer', 'hlj')],
    ['a mine user', claims.mineUser('m-1')],
    ['a partner department', claims.partner()],
  ])('%s may not create', async (_, tokenClaims) => {
    const p = problemOf(await create({ name: 'ok' }, { claims: tokenClaims }), 403);
    expect(p.type).toBe('urn:coalsafe:problem:forbidden');
    expect(invoked).toEqual([]);
  });

  it('a partner department may not read a mine, and nothing is read from the table', async () => {
    problemOf(
      await call({
        method: 'GET',
        route: '/v1/mines/{mineId}',
        pathParameters: { mineId: 'm-1' },
        claims: claims.partner(),
      }),
      403,
    );
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses the role before validating, so a caller without the right learns nothing about the input', async () => {
    const p = problemOf(await create({ name: '' }, { claims: INSPECTOR }), 403);
    expect(p.errors).toBeUndefined();
  });
});

describe('apiHandler: 400 naming each failing field', () => {
  it.each([
    ['name missing', {}, ['body.name']],
    ['name empty after trimming', { name: '   ' }, ['body.name']],
    ['name one over the maximum', { name: 'x'.repeat(21) }, ['body.name']],
    ['name not a string', { name: 7 }, ['body.name']],
    ['count not an integer', { name: 'a', count: 1.5 }, ['body.count']],
    ['count below zero', { name: 'a', count: -1 }, ['body.count']],
    ['count a numeric string', { name: 'a', count: '1' }, ['body.count']],
    ['an array element too long', { name: 'a', tags: ['ok', 'toolong'] }, ['body.tags.1']],
    ['two fields wrong at once', { name: '', count: -1 }, ['body.name', 'body.count']],
    ['an unknown field, named', { name: 'a', owner: 'x' }, ['body.owner']],
    ['an array instead of an object', [], ['body']],
    ['JSON null', null, ['body']],
  ])('%s', async (_, body, fields) => {
    const p = problemOf(await create(body === null ? 'null' : body), 400);
    expect(p.type).toBe('urn:coalsafe:problem:validation');
    expect(fieldsOf(p).sort()).toEqual([...fields].sort());
    expect(invoked).toEqual([]);
  });

  it('accepts the boundary values on the valid side', async () => {
    const res = await create({ name: 'x'.repeat(20), count: 0, tags: ['abcde', '', 'x'] });
    expect(res.statusCode).toBe(201);
  });

  it('a missing body is a 400 on body', async () => {
    const p = problemOf(await call({ method: 'POST', route: '/v1/things', claims: ADMIN }), 400);
    expect(fieldsOf(p)).toEqual(['body']);
  });

  it.each([
    ['{"name":', 'truncated'],
    ["{'name':'a'}", 'single quotes'],
    ['{"name":"a",}', 'trailing comma'],
    ['name=a', 'form encoding'],
  ])('malformed JSON %j (%s) is a 400 on body', async (raw) => {
    const p = problemOf(await create(raw, { headers: { 'content-type': 'application/json' } }), 400);
    expect(p.errors).toEqual([{ field: 'body', message: 'malformed JSON' }]);
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/jsonp',
    'text/json',
  ])('a body sent as %s is a 400 on the content type', async (contentType) => {
    const p = problemOf(await create('{"name":"ok"}', { headers: { 'content-type': contentType } }), 400);
    expect(fieldsOf(p)).toEqual(['header.content-type']);
    expect(invoked).toEqual([]);
  });

  it.each([
    ['0', false],
    ['1', true],
    ['10', true],
    ['11', false],
    ['abc', false],
    ['2.5', false],
  ])('query limit=%s accepted: %s', async (limit, ok) => {
    const res = await call({ method: 'GET', route: '/v1/things', claims: INSPECTOR, query: { limit } });
    if (ok) {
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body!)).toEqual({ limit: Number(limit) });
    } else {
      expect(fieldsOf(problemOf(res, 400))).toEqual(['query.limit']);
    }
  });

  it('an unknown query parameter is a 400 naming it', async () => {
    const p = problemOf(
      await call({ method: 'GET', route: '/v1/things', claims: INSPECTOR, query: { limt: '5' } }),
      400,
    );
    expect(fieldsOf(p)).toEqual(['query.limt']);
  });

  it.each(['M-Upper', 'a', 'm_1', '-m1', 'x'.repeat(65)])(
    'path parameter mineId=%j is a 400 on path.mineId, before any read',
    async (mineId) => {
      const p = problemOf(
        await call({ method: 'GET', route: '/v1/mines/{mineId}', pathParameters: { mineId }, claims: INSPECTOR }),
        400,
      );
      expect(fieldsOf(p)).toEqual(['path.mineId']);
      expect(ddb.calls()).toHaveLength(0);
    },
  );
});

const profile = (mineId: string, jurisdiction: string) => ({
  PK: `MINE#${mineId}`,
  SK: 'PROFILE',
  mineId,
  jurisdiction,
});

describe('apiHandler: tenancy through the store', () => {
  it('a bureau reads a mine inside its jurisdiction', async () => {
    ddb.on(GetCommand).resolves({ Item: profile('m-1', 'hlj/hegang/dongshan') });
    const res = await call({
      method: 'GET',
      route: '/v1/mines/{mineId}',
      pathParameters: { mineId: 'm-1' },
      claims: INSPECTOR,
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ mineId: 'm-1', jurisdiction: 'hlj/hegang/dongshan' });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'coalsafe-test',
      Key: { PK: 'MINE#m-1', SK: 'PROFILE' },
    });
  });

  it('a mine outside the jurisdiction answers exactly like a mine that does not exist', async () => {
    ddb
      .on(GetCommand, { Key: { PK: 'MINE#m-far', SK: 'PROFILE' } })
      .resolves({ Item: profile('m-far', 'hlj/hegangx/dongshan') });
    ddb.on(GetCommand, { Key: { PK: 'MINE#m-none', SK: 'PROFILE' } }).resolves({});
    const far = problemOf(
      await call({
        method: 'GET',
        route: '/v1/mines/{mineId}',
        pathParameters: { mineId: 'm-far' },
        claims: INSPECTOR,
      }),
      404,
    );
    const none = problemOf(
      await call({
        method: 'GET',
        route: '/v1/mines/{mineId}',
        pathParameters: { mineId: 'm-none' },
        claims: INSPECTOR,
      }),
      404,
    );
    expect({ ...far, detail: far.detail?.replace('m-far', 'ID'), instance: undefined }).toEqual({
      ...none,
      detail: none.detail?.replace('m-none', 'ID'),
      instance: undefined,
    });
  });

  it('a mine user asking for another mine gets 404 without a read', async () => {
    const p = problemOf(
      await call({
        method: 'GET',
        route: '/v1/mines/{mineId}',
        pathParameters: { mineId: 'm-2' },
        claims: claims.mineUser('m-1'),
      }),
      404,
    );
    expect(p.type).toBe('urn:coalsafe:problem:not-found');
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('apiHandler: 429 for a used-up quota', () => {
  it('is problem+json with Retry-After in whole seconds and the message, IDs masked', async () => {
    const res = await call({ method: 'GET', route: '/v1/quota', claims: claims.partner() });
    expect(invoked).toEqual(['askOften']);
    const p = problemOf(res, 429);
    expect(p).toEqual({
      type: 'urn:coalsafe:problem:too-many-requests',
      title: '请求过于频繁',
      status: 429,
      detail: '每小时最多查询 60 次（110105********0026 已用完）',
      instance: '/v1/quota',
    });
    expect(res.headers?.['retry-after']).toBe('1234');
    expect(res.body).not.toContain('19491231');
  });

  it('other refusals carry no Retry-After', async () => {
    const res = await call({ method: 'GET', route: '/v1/quota', claims: INSPECTOR });
    problemOf(res, 403);
    expect(res.headers?.['retry-after']).toBeUndefined();
  });
});

describe('apiHandler: failures that are not the client’s', () => {
  it('an unexpected error is a 500 problem that leaks no message, stack or source path', async () => {
    const res = await call({ method: 'POST', route: '/v1/explode', claims: INSPECTOR });
    const p = problemOf(res, 500);
    expect(invoked).toEqual(['explode']);
    expect(p).toEqual({
      type: 'urn:coalsafe:problem:internal',
      title: expect.any(String),
      status: 500,
      detail: expect.any(String),
      instance: '/v1/explode',
    });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('connection refused');
    expect(res.body).not.toMatch(/\bat .*\(|\.ts\b|node_modules|stack/i);
  });

  it('a route the function does not serve is a 404 problem', async () => {
    const p = problemOf(await call({ method: 'DELETE', route: '/v1/things', claims: ADMIN }), 404);
    expect(p.type).toBe('urn:coalsafe:problem:not-found');
  });

  const sdkError = {
    ProvisionedThroughputExceededException: () =>
      new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded',
        $metadata: { httpStatusCode: 400 },
      }),
    ThrottlingException: () =>
      new ThrottlingException({
        message: 'Rate of requests exceeds the allowed throughput',
        $metadata: { httpStatusCode: 400 },
      }),
    RequestLimitExceeded: () =>
      new RequestLimitExceeded({
        message: 'Throughput exceeds the current throughput limit for your account',
        $metadata: { httpStatusCode: 400 },
      }),
    'an error the SDK marks as throttling': () =>
      Object.assign(new Error('Slow down, throughput exceeded'), {
        name: 'SlowDown',
        $retryable: { throttling: true },
      }),
  };

  it.each(Object.entries(sdkError))('store throttling (%s) is a 503 with Retry-After, not a 500', async (_, make) => {
    ddb.on(GetCommand).rejects(make());
    const res = await call({
      method: 'GET',
      route: '/v1/mines/{mineId}',
      pathParameters: { mineId: 'm-1' },
      claims: INSPECTOR,
    });
    const p = problemOf(res, 503);
    expect(p).toMatchObject({ type: 'urn:coalsafe:problem:busy', instance: '/v1/mines/m-1' });
    expect(Number(res.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/throughput|slow down/i);
  });

  it('a store failure that is not throttling stays a 500 without Retry-After', async () => {
    ddb
      .on(GetCommand)
      .rejects(new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } }));
    const res = await call({
      method: 'GET',
      route: '/v1/mines/{mineId}',
      pathParameters: { mineId: 'm-1' },
      claims: INSPECTOR,
    });
    expect(problemOf(res, 500).type).toBe('urn:coalsafe:problem:internal');
    expect(res.headers?.['retry-after']).toBeUndefined();
  });

  // DynamoDB throttling inside TransactWriteItems arrives as a cancellation with reason `ThrottlingError`; every
  // registry write is a transaction, so it must read as throttling too.
  it('a write transaction cancelled for throttling is a 503 with Retry-After', async () => {
    ddb.on(GetCommand).resolves({ Item: profile('m-1', 'hlj/hegang/dongshan') });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError, None]',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [
          {
            Code: 'ThrottlingError',
            Message: 'Throughput exceeds the current capacity for one or more global secondary indexes',
          },
          { Code: 'None' },
        ],
      }),
    );
    const res = await call({ method: 'POST', route: '/v1/records', claims: INSPECTOR });
    expect(invoked).toEqual(['recordThing']);
    problemOf(res, 503);
    expect(res.headers?.['retry-after']).toBeDefined();
  });
});
