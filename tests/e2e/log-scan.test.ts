import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import type { client as Client } from '../support/local-runtime.ts';

/**
 * No personal data in the logs. The local runtime runs a real flow with the demo's personal data at the most
 * talkative log level, every line it and its handlers write captured (the Powertools logger's JSON lines on
 * stdout/stderr, and the runtime's own logger): a key person added with a resident ID, contacts with mobiles and
 * emails, the morning's reminders delivered by email and SMS, a blacklist check of a person by ID, requests refused
 * with an ID in the wrong field, a conflict, and an unhandled error while storing a person. None of those mobiles,
 * emails or resident IDs (nor an ID's digits unmasked) may appear in any line; the capture holds lines of those
 * very requests, so the scan looked where they would be.
 */
const lines: string[] = [];
const writes = { out: process.stdout.write, err: process.stderr.write };
const capture = () =>
  ((chunk: unknown, ...rest: unknown[]) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    // Kept off the terminal (the lines are the most talkative level), but a write still completes.
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;

const MINE = 'm-taiyuan';
/** Fictional personal data this test brings (valid check characters: the schemas accept them). */
const PERSON_ID = '23040619780315123';
let personId = '';
const MINE_USER = { email: 'anquan.taiyuan@example.cn', mobile: '13812345678', name: '安全科长（演示）' };
const ADMIN = { email: 'juzhang.dongshan@example.cn', mobile: '13987654321', name: '局长（演示）' };
const SAFETY_MANAGER = { name: '安全副矿长（演示）', mobile: '13711112222', email: 'fu.kuangzhang@example.cn' };
const NOTIFY_EMAIL = 'diaodu.taiyuan@example.cn';
const PERSON_MOBILE = '13655556666';

let rt: LocalRuntime;
let http: ReturnType<typeof Client>;
let today = '';
/** Every resident ID and mobile of the demo district, from its seed. */
let demoIds: string[] = [];
const demoMobiles: string[] = [];
let levelBefore: string | undefined;

beforeAll(async () => {
  // The most talkative level, set before the handlers' logger is built.
  levelBefore = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.stdout.write = capture();
  process.stderr.write = capture();
  const { residentIdCheckChar } = await import('#lib/validators/resident-id.ts');
  personId = PERSON_ID + residentIdCheckChar(PERSON_ID);
  const { logger } = await import('#lib/observability/powertools.ts');
  logger.setLogLevel('DEBUG');
  const { startLocalRuntime } = await import('#local/runtime.ts');
  const { freshTable } = await import('../support/test-db.ts');
  const { client } = await import('../support/local-runtime.ts');
  const { demoResidentId } = await import('#local/seed/demo-district.ts');
  const { todayInShanghai } = await import('#lib/validators/business-date.ts');
  const { endpoint, tableName } = await freshTable('e2e');
  const log =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push(`[${level}] ${format(message, ...details)}`);
  rt = await startLocalRuntime({
    dataDir: mkdtempSync(join(tmpdir(), 'coalsafe-e2e-')),
    port: 0,
    dynamoEndpoint: endpoint,
    tableName,
    seed: true,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  });
  http = client(rt.url);
  today = todayInShanghai();
  for (let i = 0; i < 20; i++) for (let j = 0; j < 40; j++) demoIds.push(demoResidentId(i, j));
  demoIds = [...new Set(demoIds)];
  for (let i = 0; i < 20; i++) demoMobiles.push(`1390000${String(1000 + i).padStart(4, '0')}`);
}, 180_000);
afterAll(async () => {
  await rt?.stop();
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
  vi.restoreAllMocks();
  if (levelBefore === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = levelBefore;
  const { logger } = await import('#lib/observability/powertools.ts');
  logger.setLogLevel((levelBefore ?? 'INFO') as 'INFO');
});

/** A request with its own correlation id, so its log lines can be found. */
let n = 0;
const call = (
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) => {
  const correlation = `logscan-${++n}`;
  return http(method, path, { ...options, headers: { ...options.headers, 'x-correlation-id': correlation } }).then(
    (r) => ({ ...r, correlation }),
  );
};

describe('log scan', () => {
  it('no mobile, email or resident ID of a real flow appears in any log line of the runtime', async () => {
    const admin = rt.tokens.bureau_admin!;
    const mineUser = rt.tokens.mine_user!;
    const partner = rt.tokens.partner_dept!;
    const expectStatus = (r: { status: number; body: unknown; correlation: string }, status: number) => {
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      return r.body as any;
    };

    // Contacts: the mine user's and the leader's own, with both channels; the mine's safety manager and duty room.
    expectStatus(
      await call('PUT', '/v1/me/contact', {
        token: mineUser,
        body: { version: 0, ...MINE_USER, channels: { email: true, sms: true } },
      }),
      200,
    );
    expectStatus(
      await call('PUT', '/v1/me/contact', {
        token: admin,
        body: { version: 0, ...ADMIN, channels: { email: true, sms: true } },
      }),
      200,
    );
    const mine = expectStatus(await call('GET', `/v1/mines/${MINE}`, { token: admin }), 200);
    expectStatus(
      await call('PUT', `/v1/mines/${MINE}/contacts`, {
        token: admin,
        body: { version: mine.version, safetyManager: SAFETY_MANAGER, notifyEmails: [NOTIFY_EMAIL] },
      }),
      200,
    );

    // A key person with a resident ID and a mobile; the same person again is a conflict (logged as refused).
    expectStatus(
      await call('POST', `/v1/mines/${MINE}/persons`, {
        token: admin,
        body: { role: 'mine_manager', name: '测试人员（演示）', residentId: personId, mobile: PERSON_MOBILE },
      }),
      201,
    );
    const again = await call('POST', `/v1/mines/${MINE}/persons`, {
      token: admin,
      body: { role: 'mine_manager', name: '测试人员（演示）', residentId: personId, mobile: PERSON_MOBILE },
    });
    expect(again.status, JSON.stringify(again.body)).toBeGreaterThanOrEqual(400);

    // The same person's special-operations certificate, asked for by the mine; and one refused for its dates.
    expectStatus(
      await call('POST', `/v1/mines/${MINE}/certificates`, {
        token: mineUser,
        body: {
          kind: 'special_operation',
          operation: 'coal_gas_inspection',
          holderName: '测试人员（演示）',
          residentId: personId,
          certificateNo: 'T-LOGSCAN-1',
          issuedOn: '2024-01-01',
          expiresOn: '2030-01-01',
        },
      }),
      201,
    );
    expectStatus(
      await call('POST', `/v1/mines/${MINE}/certificates`, {
        token: admin,
        body: {
          kind: 'special_operation',
          operation: 'coal_gas_inspection',
          holderName: '测试人员（演示）',
          residentId: personId,
          certificateNo: 'T-LOGSCAN-2',
          issuedOn: '2024-01-01',
          expiresOn: '2023-01-01',
        },
      }),
      400,
    );

    // A blacklist check of a person by ID (one listed by the demo, one not), by a partner department.
    const check = (residentId: string, name: string) =>
      call(
        'GET',
        `/v1/blacklist/check?subjectType=person&scope=safety_licence&residentId=${residentId}&name=${encodeURIComponent(name)}`,
        { token: partner },
      );
    expectStatus(await check(personId, '测试人员'), 200);
    expectStatus(await check(demoIds[0]!, '演示人员'), 200);

    // Refused requests with an ID in the wrong field: in a name, in an email, in the mobile, in a path.
    expectStatus(await check(personId, personId), 400);
    expectStatus(
      await call('PUT', '/v1/me/contact', {
        token: mineUser,
        body: { version: 1, ...MINE_USER, email: personId, channels: { email: true, sms: true } },
      }),
      400,
    );
    expectStatus(
      await call('POST', `/v1/mines/${MINE}/persons`, {
        token: admin,
        body: { role: 'mine_manager', name: personId, residentId: PERSON_MOBILE, mobile: personId },
      }),
      400,
    );
    const inPath = await call('GET', `/v1/mines/${MINE}/persons/${personId}`, { token: admin });
    expect(inPath.status).toBeGreaterThanOrEqual(400);

    // The morning's reminders, delivered by email and SMS: a licence of the mine expires 30 days from today.
    const { addDays } = await import('#lib/validators/business-date.ts');
    const rescue = (await call('GET', `/v1/mines/${MINE}/licences`, { token: admin })).body.items.find(
      (l: { type: string }) => l.type === 'rescue_agreement',
    );
    expectStatus(
      await call('PUT', `/v1/mines/${MINE}/licences/rescue_agreement`, {
        token: admin,
        body: {
          version: rescue?.version ?? 0,
          number: '黑RE-2026-0099',
          issuedOn: addDays(today, -335),
          expiresOn: addDays(today, 30),
          issuer: '演示发证机关',
        },
      }),
      200,
    );
    await rt.runJob('reminder-scan', today);
    const outbox: { channel: string; to: string }[] = (await http('GET', '/local/outbox?limit=100000')).body.items;
    const to = new Set(outbox.map((m) => m.to));
    expect(to, JSON.stringify(outbox.map((m) => `${m.channel}:${m.to}`))).toContain(MINE_USER.email);
    expect(to).toContain(ADMIN.email);

    // An unhandled error while storing a person: the store fails with an error that quotes what it was sent.
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    const send = DynamoDBDocumentClient.prototype.send;
    const spy = vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (
      this: unknown,
      command: { input?: unknown; constructor: { name: string } },
      ...rest: unknown[]
    ) {
      if (/Transact|Put/.test(command.constructor.name) && JSON.stringify(command.input).includes('另一测试人员'))
        // As code that quotes what it was asked would: the item, and the ID the request carried.
        return Promise.reject(new Error(`Store failure for ${demoIds[1]} on ${JSON.stringify(command.input)}`));
      return (send as (...a: unknown[]) => unknown).call(this, command, ...rest) as never;
    } as never);
    const failed = await call('POST', `/v1/mines/${MINE}/persons`, {
      token: admin,
      body: { role: 'chief_engineer', name: '另一测试人员（演示）', residentId: demoIds[1], mobile: PERSON_MOBILE },
    });
    spy.mockRestore();
    expect(failed.status, JSON.stringify(failed.body)).toBe(500);

    await rt.queue.drain();
    const text = lines.join('\n');

    // The scan looked where the data would be: lines of these requests, the unhandled error among them.
    expect(lines.length).toBeGreaterThan(0);
    const unhandled = lines.find((l) => l.includes(failed.correlation) && /Unhandled error/.test(l));
    expect(unhandled, 'the unhandled error is logged with its correlation id').toBeDefined();
    expect(lines.some((l) => l.includes(again.correlation))).toBe(true);
    expect(lines.some((l) => /reminder|notification/i.test(l))).toBe(true);

    // And found none of it.
    const secrets = [
      ...Object.values(MINE_USER).filter((v) => /\d|@/.test(v)),
      ...Object.values(ADMIN).filter((v) => /\d|@/.test(v)),
      SAFETY_MANAGER.mobile,
      SAFETY_MANAGER.email,
      NOTIFY_EMAIL,
      PERSON_MOBILE,
      ...demoMobiles,
    ];
    const ids = [personId, ...demoIds];
    const leaks: string[] = [];
    for (const s of secrets) if (text.includes(s)) leaks.push(s);
    for (const id of ids) {
      // The whole ID, or its digits past the region code unmasked (birth date and sequence).
      if (text.toUpperCase().includes(id.toUpperCase()) || text.includes(id.slice(6, 14) + id.slice(14, 17)))
        leaks.push(id);
    }
    const where = leaks.map((s) => lines.find((l) => l.includes(s) || l.includes(s.slice(6, 17)))?.slice(0, 400));
    expect(leaks, where.join('\n')).toEqual([]);
  }, 180_000);
});
