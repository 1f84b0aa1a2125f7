// The restriction check on DynamoDB Local (lib/blacklist/check.ts, check-log.ts, check-alert.ts, the quota counter in
// lib/store/counters.ts): a person is restricted only when name and ID both match; the record of every check, filed
// with each bureau whose listed person it named (by ID, or by the digits the public list shows) and with no other;
// the alert to the leaders when a caller keeps missing a listed person; the masked-ID pointer written and deleted
// with the public list; and the quota, atomic on the real table and shared by two separately loaded handler
// modules (two Lambda instances) on one table.
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { expireDueEntries } from '#lib/blacklist/blacklist-service.ts';
import { checkRestriction } from '#lib/blacklist/check.ts';
import { MISSES_BEFORE_ALERT } from '#lib/blacklist/check-alert.ts';
import { listChecks } from '#lib/blacklist/check-log.ts';
import { proposeEntry } from '#lib/blacklist/proposals.ts';
import { listedWithMask } from '#lib/blacklist/public-list.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import { TooManyRequestsError } from '#lib/errors.ts';
import { listNotifications } from '#lib/notifications/notification-queries.ts';
import { createMine } from '#lib/registry/mines.ts';
import { addPerson } from '#lib/registry/persons.ts';
import { residentIdHash } from '#lib/registry/pii.ts';
import { consumeQuota } from '#lib/store/counters.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, addMonths } from '#lib/validators/business-date.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import { apiEvent, claims, lambdaContext } from '../../support/api-event.ts';
import { admin, bureau, mineInput, partner, scanAll } from '../../support/registry-fixtures.ts';
import { ADMIN, act, type BlacklistDb, blacklistDb, DS, INSPECTOR, morningOf, REVIEWER } from './fixtures.ts';

process.env.PII_HASH_KEY ??= 'check-integration-test-key';

const TODAY = '2026-05-11';
const XS = 'hlj/hegang/xingshan';
const XS_ADMIN = admin(XS, 'admin-xs');
const XS_INSPECTOR = bureau('inspector', XS, 'insp-xs');
const XS_REVIEWER = bureau('legal_reviewer', XS, 'legal-xs');
const CITY_ADMIN = admin('hlj/hegang', 'admin-city');

/** An ID born on `birth` (YYYYMMDD) in 230406 with sequence 731, if its check character is `check` (else undefined). */
const idBorn = (birth: string, check?: string): string | undefined => {
  const first17 = `230406${birth}731`;
  const c = residentIdCheckChar(first17);
  return check === undefined || c === check ? first17 + c : undefined;
};
const ID = idBorn('19650809')!;
const MASKED = `${ID.slice(0, 6)}********${ID.slice(14)}`;
const NAME = '赵某某';
/** Every other birth date from 1960 on giving the same check character: the IDs the public list cannot tell apart. */
const LOOKALIKES = (() => {
  const out: string[] = [];
  for (let d = new Date('1960-01-01T00:00:00Z'); out.length < 200; d.setUTCDate(d.getUTCDate() + 1)) {
    const id = idBorn(d.toISOString().slice(0, 10).replaceAll('-', ''), ID.slice(17));
    if (id && id !== ID) out.push(id);
  }
  return out;
})();
/** A person listed in another district whose ID reads the same on the public list. */
const XS_ID = LOOKALIKES[0]!;
const XS_NAME = '钱某某';
/** Someone listed nowhere, with nothing in common with the listed IDs. */
const STRANGER = (() => {
  const first17 = '11010519800101123';
  return first17 + residentIdCheckChar(first17);
})();

let ctx: BlacklistDb;
let dsEntry: string;
let xsEntry: string;

async function listPerson(by: { proposer: Principal; reviewer: Principal }, mineId: string, name: string, id: string) {
  const { personId } = await addPerson(ctx.as(by.proposer), mineId, { role: 'mine_manager', name, residentId: id });
  const { entryId } = await proposeEntry(ctx.as(by.proposer), {
    subjectType: 'person',
    mineId,
    personId,
    grounds: ['ACCIDENT_CONCEALED'],
    scopes: ['qualification', 'safety_licence'],
    note: '组织瞒报事故',
  });
  ctx.on(addDays(TODAY, -30));
  await act(ctx, by.proposer, entryId, { action: 'serve_notice', servedOn: addDays(TODAY, -30) });
  ctx.on(addDays(TODAY, -20));
  await act(ctx, by.proposer, entryId, { action: 'submit_review' });
  await act(ctx, by.reviewer, entryId, { action: 'approve', decisionNo: `失信〔${mineId}〕` });
  return entryId;
}

beforeAll(async () => {
  ctx = await blacklistDb(addDays(TODAY, -30), ['m-chk-ds']);
  await createMine(
    new TenantStore(ctx.db, admin('hlj', 'province-admin')),
    mineInput('m-chk-xs', { jurisdiction: XS, statusEffectiveDate: '2020-01-01' }),
  );
  ctx.on(addDays(TODAY, -30));
  dsEntry = await listPerson({ proposer: INSPECTOR, reviewer: REVIEWER }, 'm-chk-ds', NAME, ID);
  ctx.on(addDays(TODAY, -30));
  xsEntry = await listPerson({ proposer: XS_INSPECTOR, reviewer: XS_REVIEWER }, 'm-chk-xs', XS_NAME, XS_ID);
  ctx.on(TODAY);
});

const asPartner = (sub: string) => new TenantStore(ctx.db, { ...partner(sub), name: '自然资源局' });
const askPerson = (sub: string, name: string, residentId: string, scope: 'qualification' | 'project_approval') =>
  checkRestriction(asPartner(sub), { subjectType: 'person', name, residentId, scope });
const withoutId = <T extends { checkId: string }>({ checkId: _, ...rest }: T) => rest;

describe('a person is restricted only when name and ID both match', () => {
  it('the right name and ID: restricted, with the published entry', async () => {
    const answer = await askPerson('partner-a', NAME, ID, 'qualification');
    expect(answer).toMatchObject({ restricted: true, checkedOn: TODAY });
    expect(answer.entries.map((e) => [e.entryId, e.name, e.residentIdMasked])).toEqual([[dsEntry, NAME, MASKED]]);
  });

  it('the name typed with spaces, or an ideographic space, is the same name', async () => {
    expect((await askPerson('partner-a', '  赵 某某', ID, 'qualification')).restricted).toBe(true);
    expect((await askPerson('partner-a', '赵某某\u3000', ID, 'qualification')).restricted).toBe(true);
  });

  it('the right ID with a wrong name answers exactly as a person never listed', async () => {
    const wrongName = await askPerson('partner-a', '赵某', ID, 'qualification');
    const stranger = await askPerson('partner-a', NAME, STRANGER, 'qualification');
    const lookalike = await askPerson('partner-a', NAME, LOOKALIKES[1]!, 'qualification');
    expect(withoutId(wrongName)).toEqual({
      restricted: false,
      subjectType: 'person',
      scope: 'qualification',
      checkedOn: TODAY,
      entries: [],
    });
    expect(withoutId(stranger)).toEqual(withoutId(wrongName));
    expect(withoutId(lookalike)).toEqual(withoutId(wrongName));
  });

  it('a scope the listing does not restrict: not restricted', async () => {
    expect((await askPerson('partner-a', NAME, ID, 'project_approval')).restricted).toBe(false);
  });
});

describe('the record of every check', () => {
  const sub = 'partner-rec';
  let hit: string;
  let wrongName: string;
  let lookalike: string;
  let stranger: string;

  beforeAll(async () => {
    hit = (await askPerson(sub, NAME, ID, 'qualification')).checkId;
    wrongName = (await askPerson(sub, '赵某', ID, 'qualification')).checkId;
    lookalike = (await askPerson(sub, NAME, LOOKALIKES[5]!, 'qualification')).checkId;
    stranger = (await askPerson(sub, NAME, STRANGER, 'qualification')).checkId;
  });

  const listAs = async (p: Principal, query: Parameters<typeof listChecks>[1] = {}) =>
    (await listChecks(new TenantStore(ctx.db, p), { caller: sub, limit: 200, ...query })).items;

  it('the listing bureau sees each check about its listed person, newest first, the ID masked, the caller named', async () => {
    const seen = await listAs(ADMIN);
    expect(seen.map((c) => c.checkId)).toEqual([lookalike, wrongName, hit]);
    expect(seen[2]).toEqual({
      checkId: hit,
      at: expect.stringMatching(new RegExp(`^${morningOf(TODAY).slice(0, 16)}`)),
      checkedOn: TODAY,
      caller: { sub, role: 'partner_dept', name: '自然资源局' },
      subjectType: 'person',
      scope: 'qualification',
      subjectName: NAME,
      residentIdMasked: MASKED,
      restricted: true,
      entryIds: [dsEntry],
      jurisdiction: DS,
    });
    expect(seen[1]).toMatchObject({ subjectName: '赵某', residentIdMasked: MASKED, restricted: false, entryIds: [] });
    expect(seen[0]).toMatchObject({ residentIdMasked: MASKED, restricted: false, entryIds: [] });
  });

  it('the other district sees the same checks (its listed person reads alike) with none of this district’s entries', async () => {
    const seen = await listAs(XS_ADMIN);
    expect(seen.map((c) => [c.checkId, c.jurisdiction, c.entryIds])).toEqual([
      [lookalike, XS, []],
      [wrongName, XS, []],
      [hit, XS, []],
    ]);
    expect(JSON.stringify(seen)).not.toContain(dsEntry);
    expect(JSON.stringify(await listAs(ADMIN))).not.toContain(xsEntry);
  });

  it('a check about no listed person is kept, but shown to no bureau', async () => {
    const all = await scanAll(ctx.db);
    const record = all.find((i) => i.PK === `BLACKLISTCHECK#${stranger}` && i.SK === 'RECORD');
    expect(record).toMatchObject({ residentIdMasked: `110105********${STRANGER.slice(14)}`, touched: [] });
    expect(all.filter((i) => i.PK === `BLACKLISTCHECK#${stranger}`)).toHaveLength(1);
    expect((await listAs(CITY_ADMIN)).map((c) => c.checkId)).not.toContain(stranger);
  });

  it('a city bureau sees both districts’ copies; a jurisdiction narrows it', async () => {
    const city = await listAs(CITY_ADMIN);
    expect(
      city
        .filter((c) => c.checkId === hit)
        .map((c) => c.jurisdiction)
        .sort(),
    ).toEqual([DS, XS]);
    expect((await listAs(CITY_ADMIN, { jurisdiction: XS })).every((c) => c.jurisdiction === XS)).toBe(true);
    // Another district asked for: nothing, as if there were no such checks.
    expect(await listAs(XS_ADMIN, { jurisdiction: DS })).toEqual([]);
  });

  it('filters by day and by caller', async () => {
    expect(await listAs(ADMIN, { from: addDays(TODAY, 1) })).toEqual([]);
    expect(await listAs(ADMIN, { to: addDays(TODAY, -1) })).toEqual([]);
    expect(await listAs(ADMIN, { from: TODAY, to: TODAY })).toHaveLength(3);
    expect(await listAs(ADMIN, { caller: 'partner-nobody' })).toEqual([]);
  });

  it('no record holds the ID, its birth-date digits or its hash', async () => {
    const hash = await residentIdHash(ID);
    const records = JSON.stringify((await scanAll(ctx.db)).filter((i) => String(i.PK).startsWith('BLACKLISTCHECK#')));
    expect(records.length).toBeGreaterThan(1000);
    for (const secret of [ID, ID.slice(6, 14), LOOKALIKES[5]!.slice(6, 14), STRANGER, hash])
      expect(records).not.toContain(secret);
  });
});

describe('a caller that keeps missing a listed person', () => {
  const sub = 'partner-walker';
  const alerts = async (p: Principal) =>
    (await listNotifications(new TenantStore(ctx.db, p), { limit: 200 })).items.filter(
      (n) => n.kind === 'blacklist.check_alert',
    );

  it(`is reported to the leaders of each bureau concerned at the ${MISSES_BEFORE_ALERT}th miss of the day, once`, async () => {
    for (let i = 0; i < MISSES_BEFORE_ALERT - 1; i++) await askPerson(sub, NAME, LOOKALIKES[10 + i]!, 'qualification');
    expect(await alerts(ADMIN)).toEqual([]);
    await askPerson(sub, NAME, LOOKALIKES[30]!, 'qualification');
    await askPerson(sub, NAME, LOOKALIKES[31]!, 'qualification');
    const told = await alerts(ADMIN);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      jurisdiction: DS,
      severity: 'warning',
      recipients: [{ type: 'leaders', jurisdiction: DS }],
      ref: { entityType: 'blacklistCheck' },
    });
    expect(told[0]!.body).toContain(sub);
    expect(told[0]!.body).toContain(MASKED);
    expect((await alerts(XS_ADMIN)).map((n) => n.jurisdiction)).toEqual([XS]);
  });

  it('a stranger’s misses, and a hit, count for nothing', async () => {
    const other = 'partner-clerk';
    for (let i = 0; i < MISSES_BEFORE_ALERT + 2; i++) await askPerson(other, NAME, STRANGER, 'qualification');
    for (let i = 0; i < MISSES_BEFORE_ALERT + 2; i++) await askPerson(other, NAME, ID, 'qualification');
    expect((await alerts(ADMIN)).filter((n) => n.body.includes(other))).toEqual([]);
  });
});

describe('the person-check quota', () => {
  it('gives exactly the limit to callers racing for it on the real table, per window and per key', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, () => consumeQuota(ctx.db, 'race#caller-1', 20, 3600)),
    );
    expect(outcomes.filter((o) => o.granted)).toHaveLength(20);
    expect(outcomes.filter((o) => !o.granted)).toHaveLength(5);
    expect(new Set(outcomes.flatMap((o) => (o.granted ? [o.used] : []))).size).toBe(20);
    expect((await consumeQuota(ctx.db, 'race#caller-2', 20, 3600)).granted).toBe(true);
    ctx.clock.set(`${TODAY}T02:00:00.000Z`);
    expect(await consumeQuota(ctx.db, 'race#caller-1', 20, 3600)).toEqual({
      granted: true,
      used: 1,
      remaining: 19,
      resetsInSeconds: 3600,
    });
    ctx.on(TODAY);
  });

  it('refuses the 61st person check of the hour with a 429 error; the caller’s enterprise checks go on', async () => {
    const sub = 'partner-quota';
    for (let i = 0; i < 60; i++) await askPerson(sub, NAME, STRANGER, 'qualification');
    const refused = await askPerson(sub, NAME, ID, 'qualification').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBe(3600);
    expect(
      await checkRestriction(asPartner(sub), {
        subjectType: 'enterprise',
        creditCode: '91230407000000000X',
        scope: 'safety_licence',
      }),
    ).toMatchObject({ restricted: false });
  });
});

// The per-caller rate limit (tested on its own) would refuse the 61st call of a frozen second before the quota does.
vi.mock('#lib/http/rate-limit.ts', () => ({ enforceRateLimit: async () => undefined }));

describe('two handler instances on one table', () => {
  afterEach(() => vi.useRealTimers());

  it('share one counter: 60 person checks between them, then 429 from either', async () => {
    process.env.TABLE_NAME = ctx.db.tableName;
    process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${TODAY}T01:30:00.000Z`)); // 09:30 in Asia/Shanghai
    const load = async () => {
      vi.resetModules();
      return (await import('#functions/api/blacklist.ts')).handler;
    };
    const first = await load();
    const second = await load();
    expect(second).not.toBe(first);
    const ask = async (handler: typeof first, residentId: string) =>
      (await handler(
        apiEvent({
          method: 'GET',
          route: '/v1/blacklist/check',
          query: { subjectType: 'person', name: NAME, residentId, scope: 'qualification' },
          claims: claims.partner('partner-two-instances'),
        }),
        lambdaContext(),
      )) as { statusCode: number; headers?: Record<string, string>; body: string };
    for (let i = 0; i < 60; i++) {
      const res = await ask(i % 2 ? second : first, LOOKALIKES[40 + i]!);
      expect(res.statusCode, res.body).toBe(200);
    }
    for (const handler of [first, second]) {
      const res = await ask(handler, ID);
      expect(res.statusCode).toBe(429);
      expect(res.headers?.['retry-after']).toBe('1800');
      expect(res.body).not.toContain(ID.slice(6, 14));
    }
  });
});

describe('the masked-ID pointer follows the public list', () => {
  it('is there while the person is listed and gone when the listing ends', async () => {
    expect(await listedWithMask(ctx.db, MASKED)).toEqual(
      expect.arrayContaining([
        { entryId: dsEntry, jurisdiction: DS },
        { entryId: xsEntry, jurisdiction: XS },
      ]),
    );
    const endsOn = addMonths(addDays(TODAY, -20), 36);
    ctx.on(endsOn);
    expect((await expireDueEntries(ctx.db, endsOn, creditOnListing)).expired.sort()).toEqual([dsEntry, xsEntry].sort());
    expect(await listedWithMask(ctx.db, MASKED)).toEqual([]);
  });
});
