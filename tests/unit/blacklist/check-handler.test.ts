// The restriction check's handler (functions/api/blacklist.ts) with the table mocked: the person-check quota is
// taken before anything is looked up, so a counter write the store throttles is a 503 (try again) and never a check
// let through unmetered; a used-up quota is a 429 with Retry-After to the next hour and nothing read or recorded;
// an enterprise check takes no quota; and no answer goes out without its record.
import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/api/blacklist.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import { apiEvent, claims, lambdaContext } from '../../support/api-event.ts';

process.env.TABLE_NAME ??= 'coalsafe-test';
process.env.PII_HASH_KEY ??= 'check-handler-test-key';

// The per-caller rate limit is tested on its own (tests/unit/http/rate-limit.test.ts); here its counter write would
// only sit before the quota's in the mocked table's calls.
vi.mock('#lib/http/rate-limit.ts', () => ({ enforceRateLimit: async () => undefined }));

// Every document client the handler builds is this mock.
const ddb = mockClient(DynamoDBDocumentClient);

const ID17 = '23040619580317123';
const RESIDENT_ID = ID17 + residentIdCheckChar(ID17);

const check = async (query: Record<string, string>, who = claims.partner('partner-7')) =>
  (await handler(
    apiEvent({ method: 'GET', route: '/v1/blacklist/check', query, claims: who }),
    lambdaContext(),
  )) as APIGatewayProxyStructuredResultV2;
const person = (more: Record<string, string> = {}) =>
  check({ subjectType: 'person', name: '张某', residentId: RESIDENT_ID, scope: 'qualification', ...more });

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded',
    $metadata: { httpStatusCode: 400 },
  });

beforeEach(() => {
  ddb.reset();
  ddb.on(UpdateCommand).resolves({ Attributes: { used: 1 } });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-10T02:59:30.000Z')); // 10:59:30 in Asia/Shanghai
});
afterEach(() => vi.useRealTimers());

const looksAndWrites = () => ({
  queries: ddb.commandCalls(QueryCommand).length,
  records: ddb.commandCalls(TransactWriteCommand).length,
});

describe('the person-check quota', () => {
  it('is taken first, on the caller’s counter for this hour, with a condition on the limit (60 by default)', async () => {
    const res = await person();
    expect(res.statusCode).toBe(200);
    const [take] = ddb.commandCalls(UpdateCommand);
    expect(take!.args[0].input).toMatchObject({
      Key: { PK: 'QUOTA#blacklist-person-check#partner-7#2025-03-10T02:00:00.000Z', SK: 'COUNT' },
      ConditionExpression: 'attribute_not_exists(#used) OR #used < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': 60, ':expiresAt': Date.parse('2025-03-10T04:00:00Z') / 1000 },
    });
    expect(ddb.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'UpdateCommand',
      'QueryCommand',
      'QueryCommand',
      'TransactWriteCommand',
    ]);
  });

  it('a throttled counter write is a 503 with Retry-After, and the check is not made', async () => {
    ddb.on(UpdateCommand).rejects(throttled());
    const res = await person();
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body!)).toMatchObject({ type: 'urn:coalsafe:problem:busy', status: 503 });
    expect(Number(res.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(looksAndWrites()).toEqual({ queries: 0, records: 0 });
  });

  it('a counter write failing otherwise is a 500, and the check is not made either', async () => {
    ddb
      .on(UpdateCommand)
      .rejects(new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } }));
    expect((await person()).statusCode).toBe(500);
    expect(looksAndWrites()).toEqual({ queries: 0, records: 0 });
  });

  it('used up: 429 problem+json, Retry-After to the next full hour, nothing looked up or recorded', async () => {
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const res = await person();
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers?.['retry-after']).toBe('30');
    const body = JSON.parse(res.body!);
    expect(body).toMatchObject({
      type: 'urn:coalsafe:problem:too-many-requests',
      status: 429,
      detail: expect.stringContaining('60'),
    });
    expect(res.body).not.toContain(RESIDENT_ID.slice(6, 14));
    expect(looksAndWrites()).toEqual({ queries: 0, records: 0 });
  });

  it('on the hour, the wait is the whole next hour', async () => {
    vi.setSystemTime(new Date('2025-03-10T03:00:00.000Z'));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    expect((await person()).headers?.['retry-after']).toBe('3600');
  });

  it('a bureau caller’s limit is the policy in force for its jurisdiction', async () => {
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        'coalsafe-test': [
          {
            jurisdiction: 'hlj/hegang',
            version: 2,
            thresholds: { personChecksPerHour: 12 },
          },
        ],
      },
    });
    expect((await person()).statusCode).toBe(200);
    const asked = { subjectType: 'person', name: '张某', residentId: RESIDENT_ID, scope: 'qualification' };
    expect((await check(asked, claims.bureau('inspector', 'hlj/hegang/dongshan', 'insp-9'))).statusCode).toBe(200);
    const takes = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(takes.map((t) => [t.Key?.PK, t.ExpressionAttributeValues?.[':limit']])).toEqual([
      ['QUOTA#blacklist-person-check#partner-7#2025-03-10T02:00:00.000Z', 60],
      ['QUOTA#blacklist-person-check#insp-9#2025-03-10T02:00:00.000Z', 12],
    ]);
  });

  it('an enterprise check takes no quota: its subject is public', async () => {
    const res = await check({ subjectType: 'enterprise', creditCode: '91230407000000000X', scope: 'safety_licence' });
    expect(res.statusCode).toBe(200);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(looksAndWrites()).toEqual({ queries: 1, records: 1 });
  });
});

describe('the record', () => {
  it('is written before the answer; a throttled record write is a 503 and no answer', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled [ThrottlingError]',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: 'ThrottlingError' }],
      }),
    );
    const res = await person();
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('restricted');
  });

  it('keeps the masked ID and the name asked about, never the ID or its hash', async () => {
    const res = await person();
    expect(res.statusCode).toBe(200);
    const answer = JSON.parse(res.body!);
    expect(answer).toEqual({
      checkId: expect.stringMatching(/^chk-/),
      restricted: false,
      subjectType: 'person',
      scope: 'qualification',
      checkedOn: '2025-03-10',
      entries: [],
    });
    const written = JSON.stringify(ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input);
    expect(written).toContain('230406********');
    expect(written).toContain('张某');
    expect(written).toContain('partner-7');
    expect(written).not.toContain(RESIDENT_ID);
    expect(written).not.toContain(RESIDENT_ID.slice(6, 14));
    const hashed = JSON.stringify(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input));
    const hash = /SUBJECT#person#([0-9a-f]{64})/.exec(hashed)![1]!;
    expect(written).not.toContain(hash);
  });
});
