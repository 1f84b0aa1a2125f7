import type { DispatchMessage } from '#lib/queue/queues.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import { putItem, updateItem } from '#lib/store/item.ts';
import { gsi2, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { channels } from './channels.ts';
import { type Contact, contactOfUser, contactsOfLeaders, contactsOfMine } from './contacts.ts';
import type { UnremindedKind } from './dated-kind.ts';
import { type NotificationItem, notificationKey } from './notification.ts';
import { smsSendAt } from './quiet-hours.ts';

/**
 * The dispatcher: a queued notification to each of its recipients, in the app (an inbox item per recipient
 * group), by email and by SMS (to each registered contact who asked for it). Every delivery is recorded under the
 * notification (`DELIVERY#<id>#<channel>#<addressee>`): one already sent (or held for the morning) is never sent
 * again, whatever is retried, so a redelivered message or a re-run sends nothing twice. A failed delivery is
 * recorded and the message fails, so the queue retries it (and after its retries parks it in the dead-letter
 * queue, which raises an alarm). A non-critical SMS produced at night is held until 08:00 Asia/Shanghai.
 */
export type Channel = 'in_app' | 'email' | 'sms';
export type DeliveryStatus = 'sent' | 'held' | 'failed';

export interface Delivery {
  readonly notificationId: string;
  readonly channel: Channel;
  /** Whom: `mine:<id>`, `leaders:<path>`, `user:<sub>`, `partner:<code>`. */
  readonly addressee: string;
  /** Masked address for the log; none for in-app. */
  readonly toMasked?: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastError?: string;
  readonly sentAt?: string;
  readonly holdUntil?: string;
  readonly updatedAt: string;
}

interface Target {
  readonly channel: Channel;
  readonly addressee: string;
  /** The inbox (`mine#<id>`, `leaders#<path>`, `user#<sub>`), the email address or the mobile number. */
  readonly to: string;
}

const INBOX_DAYS = 180;
export const HELD_SMS_KIND = 'SMSHELD';
/** An SMS held overnight is on the due-date index for the morning's release, not for a reminder. */
export const heldSmsDue: UnremindedKind = {
  indexKind: HELD_SMS_KIND,
  notReminded: 'an SMS held for quiet hours is sent by the morning release of held messages',
};
export const inboxKey = (addressee: string, notificationId: string) => ({
  PK: `INBOX#${addressee}`,
  SK: `N#${notificationId}`,
});
const deliverySk = (notificationId: string, t: Pick<Target, 'channel' | 'addressee'>) =>
  `DELIVERY#${notificationId}#${t.channel}#${t.addressee}`;
export const deliveryPrefix = (notificationId: string) => `DELIVERY#${notificationId}#`;

const maskEmail = (email: string) => email.replace(/^(.).*(@.*)$/, '$1***$2');
const maskMobile = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;

/** Who gets it and how: an inbox per group, then each registered person's email and SMS, each person once. */
async function targetsOf(db: Db, n: NotificationItem): Promise<Target[]> {
  const targets = new Map<string, Target>();
  const add = (t: Target) => targets.set(`${t.channel}#${t.addressee}`, t);
  const personal = (c: Contact) => {
    if (c.channels.email && c.email) add({ channel: 'email', addressee: `user:${c.sub}`, to: c.email });
    if (c.channels.sms && c.mobile) add({ channel: 'sms', addressee: `user:${c.sub}`, to: c.mobile });
  };
  for (const r of n.recipients) {
    if (r.type === 'mine') {
      add({ channel: 'in_app', addressee: `mine:${r.mineId}`, to: `mine#${r.mineId}` });
      (await contactsOfMine(db, r.mineId)).forEach(personal);
    } else if (r.type === 'leaders') {
      add({ channel: 'in_app', addressee: `leaders:${r.jurisdiction}`, to: `leaders#${r.jurisdiction}` });
      (await contactsOfLeaders(db, r.jurisdiction)).forEach(personal);
    } else if (r.type === 'user') {
      add({ channel: 'in_app', addressee: `user:${r.userId}`, to: `user#${r.userId}` });
      const contact = await contactOfUser(db, r.userId);
      if (contact) personal(contact);
    } else if (r.email) {
      add({ channel: 'email', addressee: `partner:${r.code}`, to: r.email });
    }
  }
  return [...targets.values()];
}

export interface DispatchResult {
  readonly notificationId: string;
  readonly sent: number;
  readonly held: number;
  readonly failed: number;
  readonly skipped: number;
}

export async function dispatchNotification(db: Db, message: DispatchMessage): Promise<DispatchResult> {
  const key = notificationKey(message);
  const n = await getItem<NotificationItem>(db, key);
  if (!n) return { notificationId: message.notificationId, sent: 0, held: 0, failed: 0, skipped: 0 };
  const targets = await targetsOf(db, n);
  const recorded = new Map(
    (
      await batchGet<Delivery & { SK: string }>(
        db,
        targets.map((t) => ({ PK: key.PK, SK: deliverySk(n.notificationId, t) })),
      )
    ).map((d) => [d.SK, d]),
  );
  const now = db.now();
  const port = await channels();
  let sent = 0;
  let held = 0;
  let skipped = 0;
  const failures: string[] = [];
  const log: Record<string, Omit<Delivery, 'notificationId'>> = {};
  const record = async (item: Record<string, unknown> & Omit<Delivery, 'notificationId'>) => {
    await put(db, item);
    log[`${item.channel}#${item.addressee}`] = logEntry(item);
  };
  for (const t of targets) {
    const sk = deliverySk(n.notificationId, t);
    const before = recorded.get(sk);
    if (before && before.status !== 'failed') {
      log[`${t.channel}#${t.addressee}`] = logEntry(before as unknown as Delivery & Record<string, unknown>);
      skipped++;
      continue;
    }
    const base = {
      PK: key.PK,
      SK: sk,
      entity: 'delivery',
      notificationId: n.notificationId,
      channel: t.channel,
      addressee: t.addressee,
      ...(t.channel === 'email'
        ? { toMasked: maskEmail(t.to) }
        : t.channel === 'sms'
          ? { toMasked: maskMobile(t.to) }
          : {}),
      attempts: (before?.attempts ?? 0) + 1,
      updatedAt: now.toISOString(),
    };
    try {
      if (t.channel === 'sms') {
        const at = smsSendAt(now, n.severity === 'critical');
        if (at > now) {
          // Held for the morning: the release job finds it on the due-date index of its day.
          await record({
            ...base,
            status: 'held',
            holdUntil: at.toISOString(),
            to: t.to,
            text: n.sms,
            GSI2PK: gsi2.due(n.jurisdiction),
            GSI2SK: gsi2.dueItem(
              todayInShanghai(at),
              HELD_SMS_KIND,
              n.mineId ?? '-',
              `${n.notificationId}#${t.addressee}`,
            ),
          });
          held++;
          continue;
        }
        await port.sendSms({ to: t.to, text: n.sms });
      } else if (t.channel === 'email') {
        await port.sendEmail({
          to: t.to,
          subject: n.title,
          text: `${n.body}\n\n（本邮件由煤矿安全监管系统发送，请勿直接回复。）`,
        });
      } else {
        await put(db, {
          ...inboxKey(t.to, n.notificationId),
          entity: 'inbox',
          notificationId: n.notificationId,
          kind: n.kind,
          severity: n.severity,
          title: n.title,
          body: n.body,
          ref: n.ref,
          ...(n.mineId ? { mineId: n.mineId } : {}),
          createdAt: n.createdAt,
          expiresAt: Math.floor(now.getTime() / 1000) + INBOX_DAYS * 86_400,
        });
      }
      await record({ ...base, status: 'sent', sentAt: now.toISOString() });
      sent++;
    } catch (error) {
      const name = (error as Error).name || 'Error';
      await record({ ...base, status: 'failed', lastError: `${name}: ${(error as Error).message}`.slice(0, 300) });
      failures.push(`${t.channel} ${t.addressee}: ${name}`);
    }
  }
  await setStatus(db, key, failures.length ? 'failed' : 'sent', now.toISOString(), log);
  if (failures.length)
    throw new Error(
      `Notification ${n.notificationId}: ${failures.length} deliveries failed (${failures.join('; ')}); retried`,
    );
  return { notificationId: n.notificationId, sent, held, failed: 0, skipped };
}

/** The morning's release of the SMS held overnight (and any a missed morning left). */
export async function releaseHeldSms(db: Db, date: string): Promise<{ sent: number; failed: number }> {
  const now = db.now();
  const port = await channels();
  let sent = 0;
  let failed = 0;
  for (const path of await dueIndexPaths(db)) {
    const due = await queryDue<Delivery & { PK: string; SK: string; to: string; text: string }>(db, {
      jurisdiction: path,
      from: addDays(date, -1),
      to: date,
      kind: HELD_SMS_KIND,
    });
    for (const { item: d } of due) {
      if (d.status !== 'held' || (d.holdUntil && new Date(d.holdUntil) > now)) continue;
      // Once sent, the delivery keeps no more than a sent one does: off the index, and no full number or text.
      const {
        GSI2PK: _pk,
        GSI2SK: _sk,
        to: _to,
        text: _text,
        ...rest
      } = d as typeof d & { GSI2PK?: string; GSI2SK?: string };
      try {
        await port.sendSms({ to: d.to, text: d.text });
        const done = {
          ...rest,
          status: 'sent' as const,
          sentAt: now.toISOString(),
          attempts: d.attempts + 1,
          updatedAt: now.toISOString(),
        };
        await put(db, done);
        await updateItem(db, { PK: d.PK, SK: sk.notification(d.notificationId) }, 'SET deliveries.#k = :v', {
          condition: 'attribute_exists(deliveries)',
          names: { '#k': `sms#${d.addressee}` },
          values: { ':v': logEntry(done) },
        }).catch(() => undefined);
        sent++;
      } catch (error) {
        await put(db, {
          ...d,
          lastError: String((error as Error).name),
          attempts: d.attempts + 1,
          updatedAt: now.toISOString(),
        });
        failed++;
      }
    }
  }
  return { sent, failed };
}

const put = (db: Db, item: Record<string, unknown>): Promise<void> => putItem(db, item);

/** What the bureau's delivery log shows of a delivery: never the full address. */
const logEntry = (d: Omit<Delivery, 'notificationId'> & Record<string, unknown>): Omit<Delivery, 'notificationId'> => ({
  channel: d.channel,
  addressee: d.addressee,
  ...(d.toMasked ? { toMasked: d.toMasked } : {}),
  status: d.status,
  attempts: d.attempts,
  ...(d.lastError ? { lastError: d.lastError } : {}),
  ...(d.sentAt ? { sentAt: d.sentAt } : {}),
  ...(d.holdUntil ? { holdUntil: d.holdUntil } : {}),
  updatedAt: d.updatedAt,
});

/** The notification's status and its delivery log, one entry per recipient and channel. */
async function setStatus(
  db: Db,
  key: { PK: string; SK: string },
  status: 'sent' | 'failed',
  at: string,
  log: Record<string, unknown>,
): Promise<void> {
  await updateItem(db, key, 'SET #s = :s, dispatchedAt = :at, deliveries = :log', {
    condition: 'attribute_exists(PK)',
    names: { '#s': 'status' },
    values: { ':s': status, ':at': at, ':log': log },
  });
}
