import { createHash } from 'node:crypto';
import { ConflictError } from '#lib/errors.ts';
import { logger } from '#lib/observability/powertools.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { sendMessages } from '#lib/queue/sender.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { putNew, transact, type Write } from '#lib/store/transact.ts';

/**
 * The notification port: a capability that has something to tell people (a tier changed, a blacklist entry
 * published, a case opened) records a notification here, status `queued`, in the same transaction as the change
 * that caused it. Delivery (in-app, email, SMS) reads the queued ones; the capability never knows the channels.
 *
 * The id is derived from the event's key (what happened, to which mine, on which day), so a job run twice records
 * it once: the second write fails its condition and is dropped.
 */
export const NOTIFICATION_KINDS = [
  'credit.tier_changed',
  'blacklist.published',
  /** A caller keeps asking, without a hit, about persons a jurisdiction listed: perhaps trying birth dates. */
  'blacklist.check_alert',
  'case.opened',
  'hazard.major_listed',
  /** A bureau tried to create a mine with the id or credit code of a mine it cannot see: the bureau above both is told. */
  'mine.identity_clash',
  'reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** queued: recorded, not yet delivered; sent: every delivery done (or held for the morning); failed: one failed, retried. */
export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type Recipient =
  /** Every user of the mine. */
  | { readonly type: 'mine'; readonly mineId: string }
  /** One bureau user, e.g. the mine's assigned official (包保责任人). */
  | { readonly type: 'user'; readonly userId: string; readonly name?: string }
  /** The leaders (bureau_admin) of a jurisdiction. */
  | { readonly type: 'leaders'; readonly jurisdiction: string }
  /** A partner department (自然资源、市场监管、发改…) named in the blacklist policy. */
  | { readonly type: 'partner'; readonly code: string; readonly name: string; readonly email?: string };

export interface NotificationInput {
  readonly kind: NotificationKind;
  /** What makes it the same event twice, e.g. `credit.tier_changed:m-1:2026-11-30`. */
  readonly eventKey: string;
  readonly mineId?: string;
  readonly jurisdiction: string;
  readonly severity: 'info' | 'warning' | 'critical';
  /** Chinese. Email carries title and body; in-app too. */
  readonly title: string;
  readonly body: string;
  /** The text of an SMS, one message long (≤ 70 characters); derived from the title when not given. */
  readonly sms?: string;
  readonly recipients: readonly Recipient[];
  readonly ref: { readonly entityType: string; readonly entityId: string };
}

export interface NotificationItem extends NotificationInput {
  readonly notificationId: string;
  readonly sms: string;
  readonly status: NotificationStatus;
  readonly createdAt: string;
}

/** One SMS holds 70 Chinese characters; the product's signature counts. */
export const SMS_MAX_CHARS = 70;
const SMS_SIGNATURE = '【煤安监管】';

export function smsText(text: string): string {
  const room = SMS_MAX_CHARS - SMS_SIGNATURE.length;
  // Counted in UTF-16 code units, as a Chinese SMS is encoded: a character outside the BMP (a rare 生僻字) takes two.
  if (text.length <= room) return SMS_SIGNATURE + text;
  let cut = '';
  for (const c of text) {
    if (cut.length + c.length > room - 1) break;
    cut += c;
  }
  return `${SMS_SIGNATURE}${cut}…`;
}

export const notificationIdOf = (eventKey: string): string =>
  `ntf-${createHash('sha256').update(eventKey).digest('hex').slice(0, 24)}`;

export function notificationKey(n: Pick<NotificationItem, 'mineId' | 'jurisdiction' | 'notificationId'>) {
  return { PK: n.mineId ? pk.mine(n.mineId) : pk.jurisdiction(n.jurisdiction), SK: sk.notification(n.notificationId) };
}

/** The write that queues a notification; it fails with `duplicate` when the same event was recorded before. */
export function notificationWrite(
  db: Db,
  input: NotificationInput,
): { write: Write; item: NotificationItem; duplicate: ConflictError } {
  const item: NotificationItem = {
    ...input,
    notificationId: notificationIdOf(input.eventKey),
    sms: smsText(input.sms ?? input.title),
    status: 'queued',
    createdAt: db.now().toISOString(),
  };
  const stored = {
    ...notificationKey(item),
    entity: 'notification',
    GSI1PK: gsi1.notificationsOfProvince(item.jurisdiction),
    GSI1SK: gsi1.notificationInJurisdiction(item.jurisdiction, item.notificationId),
    ...item,
  };
  const duplicate = new ConflictError(`通知 ${item.notificationId} 已记录`);
  return { item, duplicate, write: putNew(db, stored, duplicate) };
}

/**
 * Records a notification (with the caller's other writes, e.g. its audit event, in one transaction) and sends it
 * to the dispatcher. The same event recorded before writes nothing and sends nothing: undefined. Should the send
 * fail after the commit, the notification stays queued and the morning's reminder scan sends it again.
 */
export async function notify(
  db: Db,
  input: NotificationInput,
  alongside: readonly Write[] = [],
): Promise<NotificationItem | undefined> {
  const { write, item, duplicate } = notificationWrite(db, input);
  try {
    await transact(db, [write, ...alongside]);
  } catch (error) {
    if (error === duplicate) return undefined;
    throw error;
  }
  try {
    await enqueueNotifications([item]);
  } catch (error) {
    // Recorded and queued in the table; the dispatcher gets it from the next sweep (the reminder scan).
    logger.warn('Notification recorded but not sent to the dispatcher yet', {
      notificationId: item.notificationId,
      error: error as Error,
    });
  }
  return item;
}

export async function enqueueNotifications(
  items: readonly Pick<NotificationItem, 'notificationId' | 'mineId' | 'jurisdiction'>[],
): Promise<void> {
  if (items.length === 0) return;
  await sendMessages(
    notificationsQueue,
    items.map((n, i) => ({
      id: `n${i}`,
      body: {
        notificationId: n.notificationId,
        ...(n.mineId ? { mineId: n.mineId } : {}),
        jurisdiction: n.jurisdiction,
      },
    })),
  );
}
