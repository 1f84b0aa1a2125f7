// The dispatcher on DynamoDB Local: a notification to a mine, its official and the leaders becomes an inbox item
// per group and an email and an SMS per registered contact who asked; every delivery is logged (masked) under the
// notification and never sent twice. Then the AWS channels behind aws-sdk-client-mock: SES throttling retried, a
// permanent SNS failure retried through the real consumer until the dead-letter list, a partial batch failure
// reported for the failing message only. Then quiet hours (an SMS held overnight and released at 08:00) and the
// in-app inbox. The tests of a describe run in order and build on each other.
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { InvalidParameterException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/queue/notification-dispatch.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { NotFoundError } from '#lib/errors.ts';
import { awsChannels } from '#lib/notifications/aws-channels.ts';
import type { Channels, EmailMessage, SmsMessage } from '#lib/notifications/channel-port.ts';
import { installChannels } from '#lib/notifications/channels.ts';
import { putContact } from '#lib/notifications/contacts.ts';
import {
  type Delivery,
  deliveryPrefix,
  dispatchNotification,
  inboxKey,
  releaseHeldSms,
} from '#lib/notifications/dispatch.ts';
import { markRead, myNotifications } from '#lib/notifications/inbox.ts';
import {
  type NotificationInput,
  type NotificationItem,
  notificationKey,
  notify,
  type Recipient,
} from '#lib/notifications/notification.ts';
import type { OutgoingMessage } from '#lib/queue/queue-spec.ts';
import { type DispatchMessage, notificationsQueue } from '#lib/queue/queues.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { createMine } from '#lib/registry/mines.ts';
import { createDb, createDocumentClient, type Db } from '#lib/store/db.ts';
import { queryDue } from '#lib/store/due-index.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { createLambdaContext } from '#local/lambda-context.ts';
import { silentLogger } from '#local/logger.ts';
import { createLocalQueue, type QueueConsumer } from '#local/queue.ts';
import { newStoredMessage, toSqsRecord } from '#local/sqs-record.ts';
import { DS } from '../../support/district-db.ts';
import { admin, bureau, mineInput, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { freshTable } from '../../support/test-db.ts';

// Class-level mocks: every SESv2Client and SNSClient of this file answers from here, never from AWS.
const ses = mockClient(SESv2Client);
const sns = mockClient(SNSClient);

/** 10:00 in Asia/Shanghai: no quiet hours. */
const MORNING = '2026-03-10T02:00:00.000Z';
const clock = testClock(MORNING);

const MINE_USER = mineUser('m-1', 'mu-1');
const OTHER_MINE_USER = mineUser('m-1', 'mu-2');
const STRANGER = mineUser('m-2', 'mu-9');
const LEADER = admin(DS, 'lead-1');
const OFFICIAL = bureau('inspector', DS, 'off-1');
const OTHER_INSPECTOR = bureau('inspector', DS, 'insp-x');
/** An official whose mobile number SNS refuses every time. */
const BAD_NUMBER_OFFICIAL = bureau('inspector', DS, 'off-bad');

const ADDRESSES = {
  mineUserEmail: 'wang.kuangzhang@m1.example.cn',
  mineUserMobile: '13800138001',
  leaderEmail: 'li.juzhang@ds.example.cn',
  leaderMobile: '13800138002',
  officialEmail: 'zhang.baobao@ds.example.cn',
  officialMobile: '13800138003',
  badMobile: '19900000000',
};

let db: Db;
let as: (p: Principal) => TenantStore;
let tableName: string;
let endpoint: string;

const queued: (OutgoingMessage & { queue: string })[] = [];
const captureQueue = {
  send: async (queue: string, messages: readonly OutgoingMessage[]) =>
    void queued.push(...messages.map((m) => ({ queue, ...m }))),
};

/** The recording fake of the channels port: what would have gone to SES and SNS. */
const outbox = { emails: [] as EmailMessage[], sms: [] as SmsMessage[] };
const recording: Channels = {
  sendEmail: async (m) => void outbox.emails.push(m),
  sendSms: async (m) => void outbox.sms.push(m),
};

beforeAll(async () => {
  ({ endpoint, tableName } = await freshTable('ntf'));
  db = createDb({ doc: createDocumentClient(endpoint), tableName, now: clock.now });
  as = (p) => new TenantStore(db, p);
  const root = as(admin('hlj', 'province-admin'));
  for (const mineId of ['m-1', 'm-2'])
    await createMine(root, mineInput(mineId, { jurisdiction: DS, statusEffectiveDate: '2020-01-01' }));
  await putContact(as(MINE_USER), {
    version: 0,
    name: '王矿长',
    email: ADDRESSES.mineUserEmail,
    mobile: ADDRESSES.mineUserMobile,
    channels: { email: true, sms: true },
  });
  // The leader gave a mobile number but asked for email only.
  await putContact(as(LEADER), {
    version: 0,
    name: '李局长',
    email: ADDRESSES.leaderEmail,
    mobile: ADDRESSES.leaderMobile,
    channels: { email: true, sms: false },
  });
  await putContact(as(OFFICIAL), {
    version: 0,
    name: '张包保',
    email: ADDRESSES.officialEmail,
    mobile: ADDRESSES.officialMobile,
    channels: { email: true, sms: true },
  });
  await putContact(as(BAD_NUMBER_OFFICIAL), {
    version: 0,
    name: '赵某',
    mobile: ADDRESSES.badMobile,
    channels: { email: false, sms: true },
  });
  installQueueSender(captureQueue);
});

afterAll(() => {
  installChannels(undefined);
  installQueueSender(undefined);
});

const TO_MINE: Recipient = { type: 'mine', mineId: 'm-1' };
const TO_OFFICIAL: Recipient = { type: 'user', userId: OFFICIAL.sub, name: '张包保' };
const TO_LEADERS: Recipient = { type: 'leaders', jurisdiction: DS };

function input(eventKey: string, overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    kind: 'case.opened',
    eventKey,
    mineId: 'm-1',
    jurisdiction: DS,
    severity: 'warning',
    title: '调查核实案件：m-1 煤矿',
    body: 'm-1 煤矿 2026-03-09 用电量异常，已立调查核实案件，请于 3 日内办理。',
    sms: 'm-1 煤矿用电异常，已立案，请于3日内办理',
    recipients: [TO_MINE, TO_OFFICIAL, TO_LEADERS],
    ref: { entityType: 'case', entityId: 'case-1' },
    ...overrides,
  };
}

async function notified(eventKey: string, overrides: Partial<NotificationInput> = {}): Promise<NotificationItem> {
  const n = await notify(db, input(eventKey, overrides));
  if (!n) throw new Error(`${eventKey} was recorded before`);
  return n;
}

const messageOf = (n: NotificationItem): DispatchMessage => ({
  notificationId: n.notificationId,
  ...(n.mineId ? { mineId: n.mineId } : {}),
  jurisdiction: n.jurisdiction,
});
const stored = async (n: NotificationItem) =>
  (await getItem<
    NotificationItem & { deliveries: Record<string, Omit<Delivery, 'notificationId'>>; dispatchedAt?: string }
  >(db, notificationKey(n)))!;
const deliveries = async (n: NotificationItem) => {
  const items = await queryAll<Delivery & Record<string, unknown>>(db, {
    partition: notificationKey(n).PK,
    beginsWith: deliveryPrefix(n.notificationId),
  });
  return new Map(items.map((d) => [`${d.channel}#${d.addressee}`, d]));
};

describe('delivery to the mine, its official and the leaders', () => {
  let n: NotificationItem;
  let logAfterFirst: Record<string, unknown>;

  beforeAll(() => installChannels(recording));

  it('notify records the notification queued and sends it to the dispatcher', async () => {
    n = await notified('case.opened:m-1:case-1');
    expect(n.status).toBe('queued');
    expect(n.sms).toBe('【煤安监管】m-1 煤矿用电异常，已立案，请于3日内办理');
    expect(queued.map((m) => [m.queue, JSON.parse(m.body)])).toEqual([
      [notificationsQueue.name, { notificationId: n.notificationId, mineId: 'm-1', jurisdiction: DS }],
    ]);
    // The same event again: nothing recorded, nothing sent.
    expect(await notify(db, input('case.opened:m-1:case-1'))).toBeUndefined();
    expect(queued).toHaveLength(1);
  });

  it('delivers an inbox item per group, an email and an SMS per contact who asked, and logs each, masked', async () => {
    const result = await dispatchNotification(db, messageOf(n));
    expect(result).toEqual({ notificationId: n.notificationId, sent: 8, held: 0, failed: 0, skipped: 0 });

    for (const inbox of ['mine#m-1', `user#${OFFICIAL.sub}`, `leaders#${DS}`]) {
      expect(await getItem(db, inboxKey(inbox, n.notificationId)), inbox).toMatchObject({
        entity: 'inbox',
        notificationId: n.notificationId,
        kind: 'case.opened',
        severity: 'warning',
        title: n.title,
        body: n.body,
        mineId: 'm-1',
        ref: { entityType: 'case', entityId: 'case-1' },
      });
    }
    expect(outbox.emails.map((e) => e.to).sort()).toEqual([
      ADDRESSES.leaderEmail,
      ADDRESSES.mineUserEmail,
      ADDRESSES.officialEmail,
    ]);
    for (const e of outbox.emails) {
      expect(e.subject).toBe(n.title);
      expect(e.text.startsWith(n.body)).toBe(true);
    }
    // The leader asked for email only.
    expect(outbox.sms.sort((a, b) => a.to.localeCompare(b.to))).toEqual([
      { to: ADDRESSES.mineUserMobile, text: n.sms },
      { to: ADDRESSES.officialMobile, text: n.sms },
    ]);

    const item = await stored(n);
    expect(item.status).toBe('sent');
    expect(item.dispatchedAt).toEqual(expect.any(String));
    expect(Object.keys(item.deliveries).sort()).toEqual([
      'email#user:lead-1',
      'email#user:mu-1',
      'email#user:off-1',
      `in_app#leaders:${DS}`,
      'in_app#mine:m-1',
      'in_app#user:off-1',
      'sms#user:mu-1',
      'sms#user:off-1',
    ]);
    for (const [k, d] of Object.entries(item.deliveries))
      expect(d, k).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(String) });
    expect(item.deliveries['email#user:mu-1']!.toMasked).toBe('w***@m1.example.cn');
    expect(item.deliveries['email#user:lead-1']!.toMasked).toBe('l***@ds.example.cn');
    expect(item.deliveries['sms#user:mu-1']!.toMasked).toBe('138****8001');
    expect(item.deliveries['sms#user:off-1']!.toMasked).toBe('138****8003');
    expect(item.deliveries['in_app#mine:m-1']!.toMasked).toBeUndefined();
    // No full address anywhere in the notification item (the bureau's log).
    const json = JSON.stringify(item);
    for (const address of Object.values(ADDRESSES)) expect(json).not.toContain(address);
    logAfterFirst = item.deliveries;

    const records = await deliveries(n);
    expect(records.size).toBe(8);
    // Sent deliveries keep no address either (only a held SMS keeps its number, to send it in the morning).
    for (const d of records.values())
      for (const address of Object.values(ADDRESSES)) expect(JSON.stringify(d)).not.toContain(address);
  });

  it('dispatched again (a redelivered message) sends nothing and keeps the log', async () => {
    const emails = outbox.emails.length;
    const sms = outbox.sms.length;
    const result = await dispatchNotification(db, messageOf(n));
    expect(result).toEqual({ notificationId: n.notificationId, sent: 0, held: 0, failed: 0, skipped: 8 });
    expect(outbox.emails).toHaveLength(emails);
    expect(outbox.sms).toHaveLength(sms);
    const item = await stored(n);
    expect(item.status).toBe('sent');
    expect(item.deliveries).toEqual(logAfterFirst);
  });

  it('a notification that is not in the table delivers nothing', async () => {
    expect(await dispatchNotification(db, { notificationId: 'ntf-missing', mineId: 'm-1', jurisdiction: DS })).toEqual({
      notificationId: 'ntf-missing',
      sent: 0,
      held: 0,
      failed: 0,
      skipped: 0,
    });
  });

  describe('the in-app inbox', () => {
    it('a mine user sees the mine’s item, unread', async () => {
      const mine = await myNotifications(as(MINE_USER), {});
      expect(mine.items).toEqual([
        expect.objectContaining({ notificationId: n.notificationId, inbox: 'mine#m-1', read: false, title: n.title }),
      ]);
      expect(mine.unread).toBe(1);
      expect(mine.nextCursor).toBeNull();
      expect(mine.items[0]).not.toHaveProperty('readBy');
      expect(mine.items[0]).not.toHaveProperty('PK');
    });

    it('marking it read marks it for that user only', async () => {
      expect(await markRead(as(MINE_USER), n.notificationId)).toMatchObject({
        notificationId: n.notificationId,
        inbox: 'mine#m-1',
        read: true,
      });
      expect(await myNotifications(as(MINE_USER), {})).toMatchObject({
        items: [{ notificationId: n.notificationId, read: true }],
        unread: 0,
      });
      expect((await myNotifications(as(MINE_USER), { unread: 'true' })).items).toEqual([]);
      // Another user of the same mine shares the inbox but not the read mark.
      expect(await myNotifications(as(OTHER_MINE_USER), {})).toMatchObject({
        items: [{ notificationId: n.notificationId, inbox: 'mine#m-1', read: false }],
        unread: 1,
      });
      // Marking it twice changes nothing.
      expect(await markRead(as(MINE_USER), n.notificationId)).toMatchObject({ read: true });
      expect(await myNotifications(as(OTHER_MINE_USER), { unread: 'true' })).toMatchObject({ unread: 1 });
    });

    it('a bureau admin of the jurisdiction sees the leaders’ item; the official sees his own', async () => {
      expect(await myNotifications(as(LEADER), {})).toMatchObject({
        items: [{ notificationId: n.notificationId, inbox: `leaders#${DS}`, read: false }],
        unread: 1,
      });
      expect(await myNotifications(as(OFFICIAL), {})).toMatchObject({
        items: [{ notificationId: n.notificationId, inbox: `user#${OFFICIAL.sub}`, read: false }],
        unread: 1,
      });
      expect(await myNotifications(as(OTHER_INSPECTOR), {})).toMatchObject({ items: [], unread: 0 });
    });

    it('a user of another mine sees nothing and cannot mark it', async () => {
      expect(await myNotifications(as(STRANGER), {})).toEqual({ items: [], unread: 0, nextCursor: null });
      await expect(markRead(as(STRANGER), n.notificationId)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});

describe('AWS channels (SES v2 and SNS mocked)', () => {
  const context = () => createLambdaContext({ functionName: 'coalsafe-notification-dispatch', timeoutMs: 120_000 });
  const sesCalls = () => ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0]);
  const snsCalls = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);

  beforeAll(() => {
    clock.set(MORNING);
    // The consumer's own Db (dbFromEnv) reaches the same table; it is built on its first message.
    process.env.TABLE_NAME = tableName;
    process.env.DYNAMODB_ENDPOINT = endpoint;
  });

  beforeEach(() => {
    ses.reset();
    sns.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    sns.on(PublishCommand, { PhoneNumber: `+86${ADDRESSES.badMobile}` }).rejects(
      new InvalidParameterException({
        $metadata: { httpStatusCode: 400 },
        message: 'Invalid parameter: PhoneNumber Reason: +8619900000000 is not valid to publish to',
      }),
    );
    installChannels(
      awsChannels({
        ses: new SESv2Client({ region: 'cn-north-1' }),
        sns: new SNSClient({ region: 'cn-north-1' }),
        fromAddress: 'noreply@coalsafe.example.cn',
      }),
    );
  });

  afterAll(() => {
    delete process.env.TABLE_NAME;
    delete process.env.DYNAMODB_ENDPOINT;
  });

  it('SES throttling: the message fails and is retried; the retry sends only the email', async () => {
    const n = await notified('case.opened:m-1:case-throttled', { recipients: [TO_MINE] });
    ses
      .on(SendEmailCommand)
      .rejectsOnce(
        new TooManyRequestsException({ $metadata: { httpStatusCode: 429 }, message: 'Maximum sending rate exceeded.' }),
      )
      .resolves({ MessageId: 'ses-2' });

    await expect(dispatchNotification(db, messageOf(n))).rejects.toThrow(
      /1 deliveries failed \(email user:mu-1: TooManyRequestsException\); retried/,
    );
    expect(sesCalls()).toEqual([ADDRESSES.mineUserEmail]);
    expect(snsCalls()).toEqual([`+86${ADDRESSES.mineUserMobile}`]);
    let item = await stored(n);
    expect(item.status).toBe('failed');
    expect(item.deliveries['email#user:mu-1']).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'TooManyRequestsException: Maximum sending rate exceeded.',
    });
    expect(item.deliveries['email#user:mu-1']!.sentAt).toBeUndefined();
    expect(item.deliveries['in_app#mine:m-1']).toMatchObject({ status: 'sent', attempts: 1 });
    expect(item.deliveries['sms#user:mu-1']).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await deliveries(n)).get('email#user:mu-1')).toMatchObject({ status: 'failed', attempts: 1 });

    const retry = await dispatchNotification(db, messageOf(n));
    expect(retry).toEqual({ notificationId: n.notificationId, sent: 1, held: 0, failed: 0, skipped: 2 });
    expect(sesCalls()).toEqual([ADDRESSES.mineUserEmail, ADDRESSES.mineUserEmail]);
    expect(snsCalls()).toHaveLength(1);
    item = await stored(n);
    expect(item.status).toBe('sent');
    expect(item.deliveries['email#user:mu-1']).toMatchObject({
      status: 'sent',
      attempts: 2,
      sentAt: expect.any(String),
    });
    expect(item.deliveries['email#user:mu-1']!.lastError).toBeUndefined();
    expect(item.deliveries['sms#user:mu-1']).toMatchObject({ status: 'sent', attempts: 1 });

    // And once more: nothing at all.
    await dispatchNotification(db, messageOf(n));
    expect(sesCalls()).toHaveLength(2);
    expect(snsCalls()).toHaveLength(1);
  });

  it('a batch with one good and one failing notification reports only the failing message', async () => {
    // Critical, so the consumer's own (real) clock never holds the SMS for the night.
    const good = await notified('hazard.major_listed:good', { severity: 'critical', recipients: [TO_OFFICIAL] });
    const bad = await notified('hazard.major_listed:bad', {
      severity: 'critical',
      recipients: [{ type: 'user', userId: BAD_NUMBER_OFFICIAL.sub }],
    });
    const records = [good, bad].map((n) =>
      toSqsRecord(notificationsQueue.name, {
        ...newStoredMessage(JSON.stringify(messageOf(n)), Date.now()),
        receiveCount: 1,
      }),
    );

    const response = await handler({ Records: records }, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]!.messageId }] });

    expect(sesCalls()).toEqual([ADDRESSES.officialEmail]);
    expect(snsCalls().sort()).toEqual([`+86${ADDRESSES.officialMobile}`, `+86${ADDRESSES.badMobile}`].sort());
    expect(await stored(good)).toMatchObject({ status: 'sent' });
    const failed = await stored(bad);
    expect(failed.status).toBe('failed');
    expect(failed.deliveries[`in_app#user:${BAD_NUMBER_OFFICIAL.sub}`]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(failed.deliveries[`sms#user:${BAD_NUMBER_OFFICIAL.sub}`]).toMatchObject({
      status: 'failed',
      attempts: 1,
      toMasked: '199****0000',
    });
    expect(failed.deliveries[`sms#user:${BAD_NUMBER_OFFICIAL.sub}`]!.lastError).toMatch(/^InvalidParameterException: /);
  });

  it('a permanent SNS failure is retried by the queue and lands in the dead-letter list after 5 receives', async () => {
    expect(notificationsQueue.maxReceiveCount).toBe(5);
    const queue = createLocalQueue({
      queues: [notificationsQueue],
      loadConsumer: async () => handler as QueueConsumer,
      logger: silentLogger,
      retryDelayMs: 1,
    });
    installQueueSender(queue);
    try {
      const n = await notified('hazard.major_listed:bad-again', {
        severity: 'critical',
        recipients: [{ type: 'user', userId: BAD_NUMBER_OFFICIAL.sub }],
      });
      await queue.drain({ timeoutMs: 20_000 });

      const dead = queue.deadLetters(notificationsQueue.name);
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ receiveCount: 5, lastError: 'reported in batchItemFailures' });
      expect(JSON.parse(dead[0]!.body)).toEqual({ notificationId: n.notificationId, mineId: 'm-1', jurisdiction: DS });
      expect(queue.stats()[notificationsQueue.name]).toMatchObject({
        pending: 0,
        inFlight: 0,
        delivered: 5,
        succeeded: 0,
        failed: 5,
        deadLettered: 1,
      });

      // Five attempts at the SMS, one in-app delivery: what was sent is not sent again on a retry.
      expect(snsCalls()).toEqual(Array(5).fill(`+86${ADDRESSES.badMobile}`));
      const item = await stored(n);
      expect(item.status).toBe('failed');
      expect(item.deliveries[`sms#user:${BAD_NUMBER_OFFICIAL.sub}`]).toMatchObject({ status: 'failed', attempts: 5 });
      expect(item.deliveries[`in_app#user:${BAD_NUMBER_OFFICIAL.sub}`]).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      queue.close();
      installQueueSender(captureQueue);
    }
  });
});

describe('quiet hours', () => {
  /** 23:00 in Asia/Shanghai on 2026-03-10. */
  const NIGHT = '2026-03-10T15:00:00.000Z';
  const NEXT_DAY = '2026-03-11';
  const EIGHT = '2026-03-11T00:00:00.000Z';
  let held: NotificationItem;

  beforeAll(() => installChannels(recording));

  it('at 23:00 a non-critical SMS is held for 08:00 the next day; email and in-app go out', async () => {
    clock.set(NIGHT);
    held = await notified('case.opened:m-1:case-night', { recipients: [TO_MINE] });
    const emails = outbox.emails.length;
    const sms = outbox.sms.length;
    expect(await dispatchNotification(db, messageOf(held))).toEqual({
      notificationId: held.notificationId,
      sent: 2,
      held: 1,
      failed: 0,
      skipped: 0,
    });
    expect(outbox.emails.slice(emails).map((e) => e.to)).toEqual([ADDRESSES.mineUserEmail]);
    expect(outbox.sms).toHaveLength(sms);
    expect(await getItem(db, inboxKey('mine#m-1', held.notificationId))).toBeDefined();

    const d = (await deliveries(held)).get('sms#user:mu-1')!;
    expect(d).toMatchObject({
      status: 'held',
      holdUntil: EIGHT,
      attempts: 1,
      GSI2PK: `DUE#${held.jurisdiction}`,
      GSI2SK: `${NEXT_DAY}#SMSHELD#m-1#${held.notificationId}#user:mu-1`,
    });
    const onIndex = (
      await queryDue<{ notificationId: string }>(db, {
        jurisdiction: held.jurisdiction,
        from: NEXT_DAY,
        to: NEXT_DAY,
        kind: 'SMSHELD',
      })
    ).map((e) => e.item);
    expect(onIndex.map((i) => i.notificationId)).toEqual([held.notificationId]);

    const item = await stored(held);
    expect(item.status).toBe('sent');
    expect(item.deliveries['sms#user:mu-1']).toMatchObject({
      status: 'held',
      holdUntil: EIGHT,
      toMasked: '138****8001',
    });
    expect(item.deliveries['email#user:mu-1']).toMatchObject({ status: 'sent' });
    expect(JSON.stringify(item)).not.toContain(ADDRESSES.mineUserMobile);
  });

  it('a critical SMS at 23:00 goes out at once', async () => {
    clock.set(NIGHT);
    const critical = await notified('hazard.major_listed:night', { severity: 'critical', recipients: [TO_MINE] });
    const sms = outbox.sms.length;
    expect(await dispatchNotification(db, messageOf(critical))).toMatchObject({ sent: 3, held: 0 });
    expect(outbox.sms.slice(sms)).toEqual([{ to: ADDRESSES.mineUserMobile, text: critical.sms }]);
    expect((await stored(critical)).deliveries['sms#user:mu-1']).toMatchObject({ status: 'sent' });
  });

  it('the release before 08:00 sends nothing', async () => {
    const sms = outbox.sms.length;
    clock.set('2026-03-10T23:59:59.000Z');
    expect(await releaseHeldSms(db, NEXT_DAY)).toEqual({ sent: 0, failed: 0 });
    expect(outbox.sms).toHaveLength(sms);
    expect((await deliveries(held)).get('sms#user:mu-1')).toMatchObject({ status: 'held' });
  });

  it('the release at 08:00 sends the held SMS once and logs it sent', async () => {
    const sms = outbox.sms.length;
    clock.set(EIGHT);
    expect(await releaseHeldSms(db, NEXT_DAY)).toEqual({ sent: 1, failed: 0 });
    expect(outbox.sms.slice(sms)).toEqual([{ to: ADDRESSES.mineUserMobile, text: held.sms }]);

    const d = (await deliveries(held)).get('sms#user:mu-1')!;
    expect(d).toMatchObject({ status: 'sent', sentAt: expect.stringMatching(/^2026-03-11T00:00:00/) });
    expect(d).not.toHaveProperty('GSI2PK');
    // Sent, it keeps no more than any sent delivery: the masked number only.
    expect(d).toMatchObject({ toMasked: '138****8001' });
    expect(JSON.stringify(d)).not.toContain(ADDRESSES.mineUserMobile);
    const item = await stored(held);
    expect(item.deliveries['sms#user:mu-1']).toMatchObject({
      status: 'sent',
      sentAt: d.sentAt,
      toMasked: '138****8001',
    });
    expect(JSON.stringify(item)).not.toContain(ADDRESSES.mineUserMobile);

    // A second release, and a redelivered message, send nothing.
    expect(await releaseHeldSms(db, NEXT_DAY)).toEqual({ sent: 0, failed: 0 });
    expect(await dispatchNotification(db, messageOf(held))).toMatchObject({ sent: 0, held: 0, skipped: 3 });
    expect(outbox.sms).toHaveLength(sms + 1);
  });
});
