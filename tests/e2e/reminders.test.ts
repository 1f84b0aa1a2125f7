import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationIdOf } from '#lib/notifications/notification.ts';
import { addDays, addMonths, daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Reminders and notifications over HTTP on the local runtime with the demo district: contacts and channels, the
 * morning's reminder scan (run as `npm run job -- reminder-scan --date …` against the running runtime) for the
 * licences 30 days from expiry and the overdue hazards, the delivery log and the outbox, a re-run that sends
 * nothing new, the in-app inbox, the bureau's calendar, and the demo's own event notifications dispatched at
 * start-up.
 *
 * The tests run in order on one runtime: the contacts of the first are the addresses the scan's messages go to.
 * The clock is the real one: a non-critical SMS produced between 21:00 and 08:00 Asia/Shanghai is held (asserted
 * from the dispatch time), a critical one never is; the 23:00 → 08:00 hand-over itself is covered by the unit tests.
 */
const DEMO = 'hlj/hegang/dongshan';
const OWN_MINE = 'm-taiyuan';
const today = todayInShanghai();
/** The scan date D: the demo's 救护协议 of 泰源煤矿 expires exactly 30 days after it (see the licence lookup). */
let D = today;
const SIGNATURE = '【煤安监管】';
const SMS_MAX = 70;
const HOUR = 3_600_000;
const SH = 8 * HOUR;

const MINE_CONTACT = { email: 'taiyuan.safety@example.cn', mobile: '13800001111', name: '泰源煤矿安全科长（演示）' };
const ADMIN_CONTACT = { email: 'leader.ds@example.cn', mobile: '13900002222', name: '东山区局长（演示）' };
const MINE_SUB = 'dev-mine_user-m-taiyuan';
const ADMIN_SUB = 'dev-bureau_admin';

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let mineUser: string;
let partner: string;

const chars = (s: string) => [...s].length;
const chinese = /[\u4e00-\u9fff]/;

/** Every page of a list. */
async function all(path: string, token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = ok(
      await http('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
const notifications = (query = '') => all(`/v1/notifications${query}`, admin);
const inbox = (token: string, query = '') => all(`/v1/me/notifications${query}`, token);
const outbox = async (): Promise<
  { channel: 'email' | 'sms'; to: string; subject?: string; body: string; sentAt: string }[]
> => ok(await http('GET', '/local/outbox?limit=100000')).items;
const runScanOverHttp = async (date: string) => ok(await http('POST', `/local/jobs/reminder-scan?date=${date}`)).result;

/** When an SMS produced at `iso` is sent: null (at once) between 08:00 and 21:00 Asia/Shanghai, else the next 08:00. */
function smsHeldUntil(iso: string): string | null {
  const local = new Date(Date.parse(iso) + SH);
  const hour = local.getUTCHours();
  if (hour >= 8 && hour < 21) return null;
  const dayStart =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + (hour >= 21 ? 24 * HOUR : 0);
  return new Date(dayStart + 8 * HOUR - SH).toISOString();
}

/** The SMS delivery of a notification, checked against the quiet hours: held until 08:00 unless critical. */
function expectSmsDelivery(n: any, addressee: string, maskedMobile: string) {
  const d = n.deliveries[`sms#${addressee}`];
  expect(d, `${n.title}: ${JSON.stringify(n.deliveries)}`).toMatchObject({
    channel: 'sms',
    addressee,
    toMasked: maskedMobile,
    attempts: 1,
  });
  const heldUntil = n.severity === 'critical' ? null : smsHeldUntil(n.dispatchedAt);
  if (heldUntil === null) {
    expect(d.status).toBe('sent');
    expect(d.holdUntil).toBeUndefined();
  } else {
    expect(d.status).toBe('held');
    expect(d.holdUntil).toBe(heldUntil);
    // 08:00 in Asia/Shanghai is 00:00 UTC.
    expect(d.holdUntil).toMatch(/T00:00:00\.000Z$/);
  }
  return d;
}

/** The scan's state after its first run, for the later tests. */
const scan = {
  result: undefined as any,
  licence: undefined as any,
  licenceNote: undefined as any,
  hazardNotes: [] as any[],
  otherMineNote: undefined as any,
  notificationIds: [] as string[],
  outboxCount: 0,
};

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  mineUser = rt.tokens.mine_user!;
  partner = rt.tokens.partner_dept!;
});
afterAll(async () => rt?.stop());

describe('the demo’s event notifications (tier change, blacklist publication, case opened, major hazard listed)', () => {
  it('go through the dispatcher at start-up: none is left queued or failed, each has its in-app deliveries', async () => {
    await rt.queue.drain();
    expect(await notifications('?status=queued')).toEqual([]);
    expect(await notifications('?status=failed')).toEqual([]);
    expect(rt.queue.deadLetters('notifications')).toEqual([]);

    const log = await notifications();
    const kinds = new Set(log.map((n) => n.kind));
    for (const kind of ['credit.tier_changed', 'blacklist.published', 'case.opened', 'hazard.major_listed'])
      expect(kinds, kind).toContain(kind);
    for (const n of log) {
      expect(n, n.title).toMatchObject({ status: 'sent', dispatchedAt: expect.any(String) });
      // One in-app delivery per mine / leaders / user recipient, all sent (nobody has registered an address yet).
      const inApp = Object.values(n.deliveries as Record<string, any>).filter((d) => d.channel === 'in_app');
      const groups = (n.recipients as any[]).filter((r) => r.type !== 'partner');
      expect(inApp.length, JSON.stringify(n.deliveries)).toBe(
        new Set(groups.map((r) => `${r.type}:${r.mineId ?? r.jurisdiction ?? r.userId}`)).size,
      );
      expect(inApp.every((d) => d.status === 'sent')).toBe(true);
      expect(chars(n.sms)).toBeLessThanOrEqual(SMS_MAX);
      expect(n.sms.startsWith(SIGNATURE)).toBe(true);
    }
    // The D-tier drop and the blacklist publication reached the leaders’ inbox.
    const leaders = await inbox(admin);
    const ids = new Set(leaders.map((i) => i.notificationId));
    for (const n of log.filter((x) =>
      (x.recipients as any[]).some((r) => r.type === 'leaders' && r.jurisdiction === DEMO),
    ))
      expect(ids, n.title).toContain(n.notificationId);
  });
});

describe('contacts and channels (GET/PUT /v1/me/contact)', () => {
  it('a mine user registers email and mobile with both channels; bad input is refused naming the field; a stale version is 409', async () => {
    const before = ok(await http('GET', '/v1/me/contact', { token: mineUser }));
    expect(before).toMatchObject({
      sub: MINE_SUB,
      role: 'mine_user',
      channels: { email: false, sms: false },
      version: 0,
    });
    expect(before.email).toBeUndefined();

    const put = (body: Record<string, unknown>, token = mineUser) =>
      http('PUT', '/v1/me/contact', {
        token,
        body: { version: 0, ...MINE_CONTACT, channels: { email: true, sms: true }, ...body },
      });
    expectProblem(await put({ mobile: '12345' }), 400, ['body.mobile']);
    expectProblem(await put({ mobile: '1380000111a' }), 400, ['body.mobile']);
    expectProblem(await put({ email: 'not-an-email' }), 400, ['body.email']);
    expectProblem(await put({ mobile: undefined }), 400, ['body.mobile']);
    expectProblem(await put({ email: undefined }), 400, ['body.email']);
    expectProblem(await put({ channels: { email: true } }), 400, ['body.channels.sms']);
    expectProblem(await put({ version: -1 }), 400, ['body.version']);
    expectProblem(await put({ extra: 1 }), 400);
    expectProblem(await put({ version: 3 }), 409, ['body.version']);
    // Nothing of the refused ones was stored.
    expect(ok(await http('GET', '/v1/me/contact', { token: mineUser }))).toEqual(before);

    const saved = ok(await put({}));
    expect(saved).toMatchObject({
      sub: MINE_SUB,
      role: 'mine_user',
      ...MINE_CONTACT,
      channels: { email: true, sms: true },
      version: 1,
    });
    expect(ok(await http('GET', '/v1/me/contact', { token: mineUser }))).toMatchObject({
      sub: MINE_SUB,
      ...MINE_CONTACT,
      channels: { email: true, sms: true },
      version: 1,
    });
    // Saved once: version 0 again is stale.
    expectProblem(await put({}), 409, ['body.version']);
    // Only email is fine without a mobile number once SMS is off.
    const emailOnly = ok(await put({ version: 1, mobile: undefined, channels: { email: true, sms: false } }));
    expect(emailOnly).toMatchObject({ version: 2, channels: { email: true, sms: false } });
    expect(emailOnly.mobile).toBeUndefined();
    ok(await put({ version: 2 }));
    expect(ok(await http('GET', '/v1/me/contact', { token: mineUser }))).toMatchObject({
      ...MINE_CONTACT,
      channels: { email: true, sms: true },
      version: 3,
    });
  });

  it('the bureau admin registers too; a partner department has no contact here', async () => {
    const saved = ok(
      await http('PUT', '/v1/me/contact', {
        token: admin,
        body: { version: 0, ...ADMIN_CONTACT, channels: { email: true, sms: true } },
      }),
    );
    expect(saved).toMatchObject({
      sub: ADMIN_SUB,
      role: 'bureau_admin',
      ...ADMIN_CONTACT,
      channels: { email: true, sms: true },
      version: 1,
    });
    expect(ok(await http('GET', '/v1/me/contact', { token: admin }))).toMatchObject({
      sub: ADMIN_SUB,
      ...ADMIN_CONTACT,
      version: 1,
    });
    // A mobile number typed with the country code and spaces is stored as its 11 digits.
    const other = await rt.token({
      role: 'bureau_admin',
      jurisdiction: DEMO,
      sub: 'dev-admin-2',
      name: '副局长（演示）',
    });
    const r = ok(
      await http('PUT', '/v1/me/contact', {
        token: other,
        body: { version: 0, mobile: '+86 139 0000 3333', channels: { email: false, sms: false } },
      }),
    );
    expect(r).toMatchObject({ sub: 'dev-admin-2', mobile: '13900003333', version: 1 });

    expectProblem(await http('GET', '/v1/me/contact', { token: partner }), 403);
    expectProblem(
      await http('PUT', '/v1/me/contact', {
        token: partner,
        body: { version: 0, ...ADMIN_CONTACT, channels: { email: true, sms: true } },
      }),
      403,
    );
    expectProblem(await http('GET', '/v1/me/notifications', { token: partner }), 403);
    expectProblem(await http('GET', '/v1/me/contact'), 401);
  });
});

describe('the morning’s reminder scan (`npm run job -- reminder-scan --date D`)', () => {
  it('reminds of the licence 30 days from expiry and of every overdue hazard, and delivers them in-app, by email and by SMS', async () => {
    // A demo licence that expires exactly 30 days after D: 泰源煤矿’s (the mine user’s) if it has one.
    const mines = (await all(`/v1/mines?jurisdiction=${DEMO}`, admin)).map((m) => ({
      mineId: m.mineId as string,
      name: m.name as string,
      status: m.status as string,
    }));
    expect(mines.length).toBeGreaterThanOrEqual(13);
    const licences: any[] = [];
    for (const m of mines) {
      for (const l of ok(await http('GET', `/v1/mines/${m.mineId}/licences`, { token: admin })).items)
        licences.push({ ...l, mineId: m.mineId, mineName: m.name, mineStatus: m.status });
    }
    let licence =
      licences.find((l) => l.mineId === OWN_MINE && l.daysToExpiry === 30) ??
      licences.find((l) => l.daysToExpiry === 30);
    if (!licence) {
      const current = licences.find((l) => l.mineId === OWN_MINE && l.type === 'rescue_agreement');
      const put = ok(
        await http('PUT', `/v1/mines/${OWN_MINE}/licences/rescue_agreement`, {
          token: admin,
          body: {
            version: current?.version ?? 0,
            number: '黑RE-2026-0001',
            issuedOn: addDays(today, -335),
            expiresOn: addDays(today, 30),
            issuer: '演示发证机关',
          },
        }),
      );
      licence = { ...put, mineId: OWN_MINE, mineName: mines.find((m) => m.mineId === OWN_MINE)!.name };
      licences.splice(
        licences.findIndex((l) => l.mineId === OWN_MINE && l.type === 'rescue_agreement'),
        1,
        licence,
      );
    }
    D = addDays(licence.expiresOn, -30);
    expect(D).toBe(today);
    scan.licence = licence;

    // The job's refusal of a date that is not one, then the run itself, both through the running runtime.
    const cli = (...args: string[]) =>
      promisify(execFile)('npm', ['run', '--silent', 'job', '--', 'reminder-scan', ...args], {
        cwd: resolve(import.meta.dirname, '../..'),
        env: { ...process.env, PORT: String(rt.port) },
      });
    await expect(cli('--date', '2026-02-30')).rejects.toMatchObject({ code: 2 });
    const { stdout } = await cli('--date', D);
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ job: 'reminder-scan', result: { date: D } });
    scan.result = printed.result;
    expect(scan.result.created).toBeGreaterThan(0);
    expect(scan.result.due).toBeGreaterThanOrEqual(scan.result.created - scan.result.missingReadings);

    const log = await notifications();
    const reminders = log.filter((n) => n.kind === 'reminder');
    expect(reminders.length).toBeGreaterThan(0);

    // Licences: exactly those at a lead day (安全生产许可证 90/30/7, the others 60/30/7) or on their expiry day, and
    // every day after it while the mine produces (the demo's m-demo06, its 安全生产许可证 expired two days ago).
    const leadDays = (type: string) => (type === 'safety_production' ? [90, 30, 7, 0] : [60, 30, 7, 0]);
    const due = (l: any) => {
      const days = daysBetween(D, l.expiresOn);
      return leadDays(l.type).includes(days) || (days < 0 && days >= -366 && l.mineStatus === 'producing');
    };
    expect(licences.filter((l) => daysBetween(D, l.expiresOn) < 0 && l.mineStatus === 'producing')).not.toEqual([]);
    const expectedLicences = licences
      .filter(due)
      .map((l) => `${l.mineId}/${l.type}`)
      .sort();
    const licenceNotes = reminders.filter((n) => n.ref.entityType === 'licence');
    expect(licenceNotes.map((n) => n.ref.entityId).sort()).toEqual(expectedLicences);
    const note = licenceNotes.find((n) => n.ref.entityId === `${licence.mineId}/${licence.type}`);
    expect(note).toMatchObject({
      kind: 'reminder',
      mineId: licence.mineId,
      jurisdiction: DEMO,
      severity: 'info',
      status: 'sent',
    });
    expect(note.title).toContain(licence.mineName);
    expect(note.title).toContain(licence.label);
    expect(note.body).toContain('30 天');
    expect(note.body).toContain(licence.expiresOn);
    expect(note.body).toContain(licence.number);
    expect(note.recipients).toContainEqual({ type: 'mine', mineId: licence.mineId });
    expect(note.recipients.some((r: any) => r.type === 'leaders')).toBe(false);
    scan.licenceNote = note;

    // Hazards: every open hazard past its deadline on D (within the scan’s window; see the test below for the rest).
    const overdue = (await all('/v1/hazards?overdue=true', admin)).filter((h) => daysBetween(h.deadline, D) <= 30);
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    const hazardNotes = reminders.filter((n) => n.ref.entityType === 'hazard');
    for (const h of overdue) {
      const daysOver = daysBetween(h.deadline, D);
      const n = hazardNotes.find((x) => x.ref.entityId === h.hazardId);
      expect(n, `${h.mineName} ${h.hazardId} overdue ${daysOver} days`).toBeDefined();
      expect(n).toMatchObject({ kind: 'reminder', mineId: h.mineId, jurisdiction: DEMO, status: 'sent' });
      expect(n.title).toBe(`隐患整改期限：${h.mineName}`);
      expect(n.body).toContain(`已逾期 ${daysOver} 天`);
      expect(n.recipients).toContainEqual({ type: 'mine', mineId: h.mineId });
      // Three days overdue and more: the leaders are told, critical.
      if (daysOver >= 3) {
        expect(n.recipients).toContainEqual({ type: 'leaders', jurisdiction: DEMO });
        expect(n.severity).toBe('critical');
        expect(n.body).toContain('已报局领导督办');
      } else {
        expect(n.recipients.some((r: any) => r.type === 'leaders')).toBe(false);
        expect(n.severity).toBe('warning');
      }
    }
    scan.hazardNotes = overdue.map((h) => hazardNotes.find((x) => x.ref.entityId === h.hazardId));
    // A hazard that is not overdue, nor 3 days from its deadline nor due on D, is not reminded.
    for (const h of await all('/v1/hazards?overdue=false', admin)) {
      if (h.status === 'verified' || [3, 0].includes(daysBetween(D, h.deadline))) continue;
      expect(
        hazardNotes.map((n) => n.ref.entityId),
        h.hazardId,
      ).not.toContain(h.hazardId);
    }

    // Every reminder was dispatched: each in-app delivery sent, each SMS one message long with the signature.
    for (const n of reminders) {
      expect(n.status, n.title).toBe('sent');
      expect(
        Object.values(n.deliveries as Record<string, any>)
          .filter((d) => d.channel === 'in_app')
          .every((d) => d.status === 'sent'),
      ).toBe(true);
      expect(chars(n.sms)).toBeLessThanOrEqual(SMS_MAX);
      expect(n.sms.startsWith(SIGNATURE)).toBe(true);
    }

    // The delivery log of the licence reminder: the mine’s inbox, its official’s, and the mine user’s email and SMS.
    expect(note.deliveries[`in_app#mine:${licence.mineId}`]).toMatchObject({
      channel: 'in_app',
      status: 'sent',
      attempts: 1,
      sentAt: expect.any(String),
    });
    expect(note.deliveries[`in_app#mine:${licence.mineId}`].toMasked).toBeUndefined();
    expect(note.deliveries[`email#user:${MINE_SUB}`]).toMatchObject({
      channel: 'email',
      status: 'sent',
      toMasked: 't***@example.cn',
      attempts: 1,
    });
    const licenceSms = expectSmsDelivery(note, `user:${MINE_SUB}`, '138****1111');
    // Addresses are masked everywhere in the log.
    expect(JSON.stringify(log)).not.toContain(MINE_CONTACT.email);
    expect(JSON.stringify(log)).not.toContain(MINE_CONTACT.mobile);
    expect(JSON.stringify(log)).not.toContain(ADMIN_CONTACT.email);
    expect(JSON.stringify(log)).not.toContain(ADMIN_CONTACT.mobile);

    // The escalated hazard reminders: the leaders’ inbox and the admin’s email and SMS (critical: never held).
    const escalated = scan.hazardNotes.filter((n) => n.recipients.some((r: any) => r.type === 'leaders'));
    expect(escalated.length).toBeGreaterThan(0);
    for (const n of escalated) {
      expect(n.deliveries[`in_app#leaders:${DEMO}`]).toMatchObject({ status: 'sent' });
      expect(n.deliveries[`email#user:${ADMIN_SUB}`]).toMatchObject({
        channel: 'email',
        status: 'sent',
        toMasked: 'l***@example.cn',
      });
      expect(expectSmsDelivery(n, `user:${ADMIN_SUB}`, '139****2222').status).toBe('sent');
    }

    // The outbox: the emails and the SMS not held, to the registered addresses, in Chinese, each SMS ≤ 70 characters.
    const box = await outbox();
    const toMine = box.filter((m) => m.to === MINE_CONTACT.email || m.to === MINE_CONTACT.mobile);
    const toAdmin = box.filter((m) => m.to === ADMIN_CONTACT.email || m.to === ADMIN_CONTACT.mobile);
    const licenceEmail = toMine.filter((m) => m.channel === 'email' && m.subject === note.title);
    expect(licenceEmail).toHaveLength(1);
    expect(licenceEmail[0]!.body).toContain(note.body);
    expect(licenceEmail[0]!.body).toContain('30 天');
    const licenceTexts = toMine.filter((m) => m.channel === 'sms' && m.body === note.sms);
    expect(licenceTexts).toHaveLength(licenceSms.status === 'held' ? 0 : 1);
    for (const n of escalated) {
      expect(
        toAdmin.filter((m) => m.channel === 'email' && m.subject === n.title && m.body.includes(n.body)),
        n.title,
      ).toHaveLength(1);
      expect(
        toAdmin.filter((m) => m.channel === 'sms' && m.body === n.sms),
        n.sms,
      ).toHaveLength(1);
    }
    for (const m of [...toMine, ...toAdmin]) {
      expect(m.body).toMatch(chinese);
      if (m.channel === 'email') expect(m.subject).toMatch(chinese);
      else {
        expect(chars(m.body), m.body).toBeLessThanOrEqual(SMS_MAX);
        expect(m.body.startsWith(SIGNATURE)).toBe(true);
      }
    }
    // The outbox holds exactly what the log says was sent to these addresses, no more.
    const sentInLog = (sub: string) =>
      log
        .flatMap((n) => Object.values(n.deliveries as Record<string, any>))
        .filter((d) => d.addressee === `user:${sub}` && d.channel !== 'in_app' && d.status === 'sent').length;
    expect(toMine).toHaveLength(sentInLog(MINE_SUB));
    expect(toAdmin).toHaveLength(sentInLog(ADMIN_SUB));

    // A held SMS stays held until its 08:00: the release job run now does not send it.
    if (licenceSms.status === 'held') {
      const release = ok(
        await http('POST', `/local/jobs/sms-release?date=${todayInShanghai(new Date(licenceSms.holdUntil))}`),
      ).result;
      expect(release).toMatchObject({ sent: 0, failed: 0 });
      expect((await outbox()).filter((m) => m.to === MINE_CONTACT.mobile && m.body === note.sms)).toEqual([]);
      const after = (await notifications(`?mineId=${licence.mineId}`)).find(
        (n) => n.notificationId === note.notificationId,
      );
      expect(after.deliveries[`sms#user:${MINE_SUB}`]).toMatchObject({
        status: 'held',
        holdUntil: licenceSms.holdUntil,
      });
    }

    scan.otherMineNote = scan.hazardNotes.find((n) => n.mineId !== OWN_MINE);
    scan.notificationIds = log.map((n) => n.notificationId).sort();
    scan.outboxCount = (await outbox()).length;
  }, 120_000);

  it('reminds daily of a hazard overdue for more than 30 days too (and tells the leaders)', async () => {
    // The rule for hazards is daily while overdue; the demo’s m-demo12 water hazard (挂牌督办) is 40 days past its deadline.
    const longOverdue = (await all('/v1/hazards?overdue=true', admin)).filter((h) => daysBetween(h.deadline, D) > 30);
    expect(longOverdue.length).toBeGreaterThan(0);
    const hazardNotes = (await notifications()).filter((n) => n.kind === 'reminder' && n.ref.entityType === 'hazard');
    for (const h of longOverdue) {
      const n = hazardNotes.find((x) => x.ref.entityId === h.hazardId);
      expect(
        n,
        `${h.mineName} ${h.hazardId}: deadline ${h.deadline}, ${daysBetween(h.deadline, D)} days overdue on ${D}, not reminded`,
      ).toBeDefined();
      expect(n.recipients).toContainEqual({ type: 'leaders', jurisdiction: DEMO });
      expect(n.body).toContain(`已逾期 ${daysBetween(h.deadline, D)} 天`);
    }
  });

  it('reminds of the gas-grade appraisals and the drills at their lead days, and not daily once overdue', async () => {
    const mines = (await all(`/v1/mines?jurisdiction=${DEMO}`, admin)).map((m) => m.mineId as string);
    const duties: any[] = [];
    for (const m of mines)
      for (const d of ok(await http('GET', `/v1/mines/${m}/periodic-duties`, { token: admin })).items)
        duties.push({ ...d, mineId: m });
    expect(duties.length).toBe(mines.length * 3);
    // 瓦斯等级鉴定 60/30/7 days ahead and on the day; the drills 30/7 and on the day; nothing while overdue.
    const leadDays = (duty: string) => (duty === 'gas_grade_appraisal' ? [60, 30, 7, 0] : [30, 7, 0]);
    const expected = duties
      .filter((d) => leadDays(d.duty).includes(daysBetween(D, d.nextDueOn)))
      .map((d) => `${d.mineId}/${d.duty}`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(duties.some((d) => d.state === 'overdue')).toBe(true);
    const notes = (await notifications()).filter((n) => n.kind === 'reminder' && n.ref.entityType === 'periodicDuty');
    expect(notes.map((n) => n.ref.entityId).sort()).toEqual(expected);
    for (const n of notes) {
      const d = duties.find((x) => `${x.mineId}/${x.duty}` === n.ref.entityId);
      expect(n.title).toContain(d.label);
      expect(n.body).toContain(`上次于 ${d.lastDoneOn} 完成`);
      expect(n.body).toContain(d.nextDueOn);
      expect(n.recipients).toContainEqual({ type: 'mine', mineId: d.mineId });
      expect(chars(n.sms)).toBeLessThanOrEqual(SMS_MAX - chars(SIGNATURE));
    }
  });

  it('run again for the same day records and sends nothing new', async () => {
    const again = await runScanOverHttp(D);
    expect(again).toMatchObject({ date: D, created: 0, resent: 0 });
    expect(again.due).toBe(scan.result.due);
    expect((await notifications()).map((n) => n.notificationId).sort()).toEqual(scan.notificationIds);
    expect(await notifications('?status=queued')).toEqual([]);
    expect((await outbox()).length).toBe(scan.outboxCount);
    // The delivery log is as it was: nothing delivered a second time.
    const note = (await notifications(`?mineId=${scan.licence.mineId}`)).find(
      (n) => n.notificationId === scan.licenceNote.notificationId,
    );
    expect(Object.values(note.deliveries as Record<string, any>).every((d) => d.attempts === 1)).toBe(true);
    expect(note.deliveries).toEqual(scan.licenceNote.deliveries);
  });
});

describe('the in-app inbox (GET /v1/me/notifications)', () => {
  it('a mine user sees its mine’s reminders unread and marks one read; another mine’s notification is 404', async () => {
    const items = await inbox(mineUser);
    const page = ok(await http('GET', '/v1/me/notifications?limit=200', { token: mineUser }));
    expect(page.unread).toBe(items.filter((i) => !i.read).length);
    // Only what went to the user or to its mine.
    for (const i of items) {
      expect([`user#${MINE_SUB}`, `mine#${OWN_MINE}`]).toContain(i.inbox);
      if (i.mineId !== undefined) expect(i.mineId).toBe(OWN_MINE);
    }
    expect(items.map((i) => i.createdAt)).toEqual(
      items
        .map((i) => i.createdAt)
        .sort()
        .reverse(),
    );
    const mine = (await notifications(`?mineId=${OWN_MINE}`)).filter(
      (n) => n.kind === 'reminder' && n.recipients.some((r: any) => r.type === 'mine' && r.mineId === OWN_MINE),
    );
    expect(mine.length).toBeGreaterThan(0);
    for (const n of mine) {
      const i = items.find((x) => x.notificationId === n.notificationId);
      expect(i, n.title).toMatchObject({
        kind: 'reminder',
        title: n.title,
        body: n.body,
        severity: n.severity,
        inbox: `mine#${OWN_MINE}`,
        read: false,
      });
    }
    expect(items.map((i) => i.notificationId)).toContain(scan.licenceNote.notificationId);
    expect(items.map((i) => i.notificationId)).not.toContain(scan.otherMineNote.notificationId);

    const read = ok(
      await http('POST', `/v1/me/notifications/${scan.licenceNote.notificationId}/read`, { token: mineUser }),
    );
    expect(read).toMatchObject({
      notificationId: scan.licenceNote.notificationId,
      read: true,
      inbox: `mine#${OWN_MINE}`,
      title: scan.licenceNote.title,
    });
    const after = ok(await http('GET', '/v1/me/notifications?limit=200', { token: mineUser }));
    expect(after.unread).toBe(page.unread - 1);
    expect(after.items.find((i: any) => i.notificationId === scan.licenceNote.notificationId).read).toBe(true);
    const unread = await inbox(mineUser, '?unread=true');
    expect(unread.map((i) => i.notificationId)).not.toContain(scan.licenceNote.notificationId);
    expect(unread).toHaveLength(after.unread);
    // Marking it again changes nothing.
    ok(await http('POST', `/v1/me/notifications/${scan.licenceNote.notificationId}/read`, { token: mineUser }));
    expect(ok(await http('GET', '/v1/me/notifications', { token: mineUser })).unread).toBe(after.unread);

    // Read marks are per person: the assigned official (the inspector) still has it unread in his own inbox.
    const officialItem = (await inbox(inspector)).find((i) => i.notificationId === scan.licenceNote.notificationId);
    expect(officialItem).toMatchObject({ inbox: 'user#dev-inspector', read: false });

    expectProblem(
      await http('POST', `/v1/me/notifications/${scan.otherMineNote.notificationId}/read`, { token: mineUser }),
      404,
    );
    expectProblem(
      await http('POST', `/v1/me/notifications/${notificationIdOf('no such event')}/read`, { token: mineUser }),
      404,
    );
    expectProblem(await http('POST', '/v1/me/notifications/not-an-id/read', { token: mineUser }), 400, [
      'path.notificationId',
    ]);
    expectProblem(await http('GET', '/v1/me/notifications?unread=yes', { token: mineUser }), 400, ['query.unread']);
    // The menu's badge: the unread count alone.
    const badge = ok(await http('GET', '/v1/me/notifications?unread=true&limit=0', { token: mineUser }));
    expect(badge).toEqual({ items: [], unread: after.unread, nextCursor: null });
    for (const limit of ['-1', '201', '1.5'])
      expectProblem(await http('GET', `/v1/me/notifications?limit=${limit}`, { token: mineUser }), 400, [
        'query.limit',
      ]);
  });

  it('the bureau admin sees the leaders’ escalations, not the mine’s own licence reminder', async () => {
    const items = await inbox(admin);
    const ids = items.map((i) => i.notificationId);
    const escalated = scan.hazardNotes.filter((n) => n.recipients.some((r: any) => r.type === 'leaders'));
    // Listed once, from the admin's own inbox when it is also addressed in person (the 督办人 of a listed hazard).
    for (const n of escalated)
      expect(
        items.find((i) => i.notificationId === n.notificationId),
        n.title,
      ).toMatchObject({
        inbox: expect.stringMatching(new RegExp(`^(leaders#${DEMO}|user#dev-bureau_admin)$`)),
        read: false,
        severity: 'critical',
      });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(scan.licenceNote.notificationId);
    // Another admin of the same district shares the leaders’ inbox, with read marks of its own.
    const deputy = await rt.token({
      role: 'bureau_admin',
      jurisdiction: DEMO,
      sub: 'dev-admin-3',
      name: '副局长（演示）',
    });
    ok(await http('POST', `/v1/me/notifications/${escalated[0].notificationId}/read`, { token: admin }));
    expect((await inbox(deputy)).find((i) => i.notificationId === escalated[0].notificationId)).toMatchObject({
      read: false,
    });
    expect((await inbox(admin)).find((i) => i.notificationId === escalated[0].notificationId)).toMatchObject({
      read: true,
    });
    // Another district’s admin sees none of them.
    const elsewhere = await rt.token({
      role: 'bureau_admin',
      jurisdiction: 'hlj/hegang/xingshan',
      sub: 'dev-admin-xingshan',
      name: '兴山区煤管局（演示）',
    });
    const theirs = (await inbox(elsewhere)).map((i) => i.notificationId);
    for (const n of escalated) expect(theirs).not.toContain(n.notificationId);
    expectProblem(
      await http('POST', `/v1/me/notifications/${escalated[0].notificationId}/read`, { token: elsewhere }),
      404,
    );
  });
});

describe('the bureau’s calendar (工作日程)', () => {
  const title = '向市局报送季度安全生产形势分析（演示）';
  const dueOn = addDays(today, 7);
  let entry: any;

  it('an admin adds a deadline; an inspector may not; a past or impossible date is refused; everyone of the bureau lists it', async () => {
    const post = (body: Record<string, unknown>, token = admin) =>
      http('POST', '/v1/calendar', { token, body: { title, dueOn, ...body } });
    expectProblem(await post({}, inspector), 403);
    expectProblem(await post({}, mineUser), 403);
    expectProblem(await post({}, partner), 403);
    expectProblem(await post({ dueOn: addDays(today, -1) }), 400, ['body.dueOn']);
    expectProblem(await post({ dueOn: '2026-02-30' }), 400, ['body.dueOn']);
    expectProblem(await post({ title: '' }), 400, ['body.title']);
    expectProblem(await post({ mineId: 'm-xingshan-none' }), 404);

    entry = ok(await post({ description: '含隐患排查治理情况' }), 201);
    expect(entry).toMatchObject({
      calendarId: expect.any(String),
      jurisdiction: DEMO,
      title,
      dueOn,
      description: '含隐患排查治理情况',
      createdAt: expect.any(String),
    });
    for (const token of [admin, inspector, rt.tokens.legal_reviewer!]) {
      const list = ok(await http('GET', '/v1/calendar', { token })).items as any[];
      expect(
        list.find((e) => e.calendarId === entry.calendarId),
        token,
      ).toMatchObject({ title, dueOn });
    }
    expect(
      ok(await http('GET', `/v1/calendar?from=${addDays(dueOn, 1)}`, { token: admin })).items.map(
        (e: any) => e.calendarId,
      ),
    ).not.toContain(entry.calendarId);
    expectProblem(await http('GET', '/v1/calendar', { token: mineUser }), 403);
    expect(ok(await http('GET', '/v1/calendar', { token: rt.tokens.inspector_other_district! })).items).toEqual([]);
  });

  it('the scan for today reminds the leaders of it, seven days ahead, once', async () => {
    const outboxBefore = (await outbox()).length;
    const result = await runScanOverHttp(today);
    expect(result).toMatchObject({ date: today, created: 1 });
    const n = (await notifications()).find(
      (x) => x.ref.entityType === 'calendar' && x.ref.entityId === entry.calendarId,
    );
    expect(n).toMatchObject({
      notificationId: notificationIdOf(`reminder:CALENDAR#-#${entry.calendarId}:${dueOn}:T-7`),
      kind: 'reminder',
      jurisdiction: DEMO,
      severity: 'info',
      title: `工作日程：${title}`,
      recipients: [{ type: 'leaders', jurisdiction: DEMO }],
      status: 'sent',
    });
    expect(n.mineId).toBeUndefined();
    expect(n.body).toContain('还有 7 天');
    expect(n.deliveries[`in_app#leaders:${DEMO}`]).toMatchObject({ status: 'sent' });
    expect(n.deliveries[`email#user:${ADMIN_SUB}`]).toMatchObject({ status: 'sent', toMasked: 'l***@example.cn' });
    const sms = expectSmsDelivery(n, `user:${ADMIN_SUB}`, '139****2222');
    const box = await outbox();
    expect(box.length).toBe(outboxBefore + (sms.status === 'sent' ? 2 : 1));
    expect(box.filter((m) => m.to === ADMIN_CONTACT.email && m.subject === n.title)).toHaveLength(1);
    expect((await inbox(admin)).find((i) => i.notificationId === n.notificationId)).toMatchObject({
      inbox: `leaders#${DEMO}`,
      read: false,
    });

    // Once: the same day again creates nothing.
    expect(await runScanOverHttp(today)).toMatchObject({ created: 0 });
    expect((await outbox()).length).toBe(box.length);
  });
});

describe('the reminder rules (policy)', () => {
  it('are the defaults at version 0; an admin sets a kind’s rule as a new version, the others kept; stale or bad ones are refused', async () => {
    const before = ok(await http('GET', '/v1/policies/reminders', { token: inspector }));
    expect(before).toMatchObject({
      definedAt: null,
      version: 0,
      rules: { licence_safety_production: { leadDays: [90, 30, 7] }, hazard: { leadDays: [3], escalateAfterDays: 3 } },
    });
    const hazard = { leadDays: [5, 3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 2 };
    const saved = ok(
      await http('PUT', '/v1/policies/reminders', {
        token: admin,
        body: { version: 0, rules: { hazard }, reason: '重大隐患多，提前提醒' },
      }),
    );
    expect(saved).toMatchObject({
      definedAt: DEMO,
      version: 1,
      rules: { hazard, licence_safety_production: before.rules.licence_safety_production },
    });
    expectProblem(
      await http('PUT', '/v1/policies/reminders', {
        token: admin,
        body: { version: 0, rules: { hazard }, reason: '重复' },
      }),
      409,
    );
    expectProblem(
      await http('PUT', '/v1/policies/reminders', {
        token: admin,
        body: { version: 1, rules: { hazard: { ...hazard, leadDays: [0] } }, reason: '错误' },
      }),
      400,
      ['body.rules.hazard.leadDays.0'],
    );
    expectProblem(
      await http('PUT', '/v1/policies/reminders', {
        token: admin,
        body: { version: 1, rules: { unknown_kind: hazard }, reason: '错误' },
      }),
      400,
    );
    expectProblem(
      await http('PUT', '/v1/policies/reminders', {
        token: inspector,
        body: { version: 1, rules: { hazard }, reason: '越权' },
      }),
      403,
    );
    expect(ok(await http('GET', '/v1/policies/reminders', { token: inspector })).rules.hazard).toEqual(hazard);
  });
});

describe('periodic duties (GET/PUT /v1/mines/{mineId}/periodic-duties/{duty})', () => {
  const path = `/v1/mines/${OWN_MINE}/periodic-duties`;
  it('the mine records its drill and the next due date follows; bad input is refused naming the field, nothing changed', async () => {
    const before = ok(await http('GET', `${path}/onsite_response_drill`, { token: mineUser }));
    expect(before).toMatchObject({ duty: 'onsite_response_drill', label: '现场处置方案演练', intervalMonths: 6 });
    await expectProblem(
      await http('PUT', `${path}/onsite_response_drill`, {
        token: mineUser,
        body: { version: before.version, lastDoneOn: addDays(today, 1) },
      }),
      400,
      ['body.lastDoneOn'],
    );
    await expectProblem(
      await http('PUT', `${path}/onsite_response_drill`, {
        token: mineUser,
        body: { version: before.version, lastDoneOn: addDays(today, -1), resultGrade: 'low' },
      }),
      400,
      ['body.resultGrade'],
    );
    await expectProblem(
      await http('PUT', `${path}/onsite_response_drill`, {
        token: mineUser,
        body: { version: before.version, lastDoneOn: addDays(today, -1), nextDueOn: today },
      }),
      400,
    );
    await expectProblem(
      await http('PUT', `${path}/onsite_response_drill`, { token: mineUser, body: { lastDoneOn: addDays(today, -1) } }),
      409,
      ['body.version'],
    );
    await expectProblem(
      await http('PUT', `${path}/fire_drill`, { token: mineUser, body: { lastDoneOn: addDays(today, -1) } }),
      400,
      ['path.duty'],
    );
    expect(ok(await http('GET', `${path}/onsite_response_drill`, { token: mineUser }))).toEqual(before);

    const done = ok(
      await http('PUT', `${path}/onsite_response_drill`, {
        token: mineUser,
        body: { version: before.version, lastDoneOn: today, reference: '演练记录-2026-11' },
      }),
    );
    expect(done).toMatchObject({
      version: before.version + 1,
      lastDoneOn: today,
      nextDueOn: addMonths(today, 6),
      state: 'done',
      reference: '演练记录-2026-11',
    });
    await expectProblem(
      await http('PUT', `${path}/onsite_response_drill`, {
        token: mineUser,
        body: { version: before.version, lastDoneOn: today },
      }),
      409,
    );
  });

  it('an appraisal needs the grade it found, which sets its cycle; the audit keeps the change', async () => {
    const current = ok(await http('GET', `${path}/gas_grade_appraisal`, { token: admin }));
    await expectProblem(
      await http('PUT', `${path}/gas_grade_appraisal`, {
        token: admin,
        body: { version: current.version, lastDoneOn: today },
      }),
      400,
      ['body.resultGrade'],
    );
    const low = ok(
      await http('PUT', `${path}/gas_grade_appraisal`, {
        token: admin,
        body: { version: current.version, lastDoneOn: today, resultGrade: 'low', reference: '鉴定报告-001' },
      }),
    );
    expect(low).toMatchObject({
      resultGrade: 'low',
      resultGradeLabel: '低瓦斯',
      intervalMonths: 24,
      nextDueOn: addMonths(today, 24),
    });
    const audit = ok(await http('GET', `/v1/mines/${OWN_MINE}/audit?limit=20`, { token: admin })).items;
    expect(audit.some((a: any) => a.action === 'periodicDuty.updated' && a.entityId === 'gas_grade_appraisal')).toBe(
      true,
    );
  });
});
