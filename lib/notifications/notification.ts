import { createHash } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { gsi1, pk, sk } from '../store/keys.ts';
import { putNew, type Write } from '../store/transact.ts';
import { ConflictError } from '../errors.ts';

/**
 * The notification port: a capability that has something to tell people (a tier changed, a blacklist entry
 * published, a case opened) records a notification here, status `queued`, in the same transaction as the change
 * that caused it. Delivery (in-app, email, SMS) reads the queued ones; the capability never knows the channels.
 *
 * The id is derived from the event's key (what happened, to which mine, on which day), so a job run twice records
 * it once: the second write fails its condition and is dropped.
 */
export const NOTIFICATION_KINDS = ['credit.tier_changed', 'blacklist.published'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
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
  /** Chinese, short: an SMS carries `title：body`. */
  readonly title: string;
  readonly body: string;
  readonly recipients: readonly Recipient[];
  readonly ref: { readonly entityType: string; readonly entityId: string };
}

export interface NotificationItem extends NotificationInput {
  readonly notificationId: string;
  readonly status: NotificationStatus;
  readonly createdAt: string;
}

export const notificationIdOf = (eventKey: string): string => `ntf-${createHash('sha256').update(eventKey).digest('hex').slice(0, 24)}`;

export function notificationKey(n: Pick<NotificationItem, 'mineId' | 'jurisdiction' | 'notificationId'>) {
  return { PK: n.mineId ? pk.mine(n.mineId) : pk.jurisdiction(n.jurisdiction), SK: sk.notification(n.notificationId) };
}

/** The write that queues a notification; it fails with ConflictError when the same event was recorded before. */
export function notificationWrite(db: Db, input: NotificationInput): { write: Write; item: NotificationItem } {
  const item: NotificationItem = { ...input, notificationId: notificationIdOf(input.eventKey), status: 'queued', createdAt: db.now().toISOString() };
  const stored = {
    ...notificationKey(item),
    entity: 'notification',
    GSI1PK: gsi1.notificationsOfProvince(item.jurisdiction),
    GSI1SK: gsi1.notificationInJurisdiction(item.jurisdiction, item.notificationId),
    ...item,
  };
  return { item, write: putNew(db, stored, new ConflictError(`通知 ${item.notificationId} 已记录`)) };
}
