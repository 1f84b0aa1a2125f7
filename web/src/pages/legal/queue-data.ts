import type * as z from 'zod/mini';
import type { overrideSchema } from '#lib/credit/schemas.ts';
import type { Actor, BlacklistEntry, Step } from '../../types.ts';

/**
 * 法制审核待办: everything of the caller's jurisdiction waiting for a legal reviewer, one list, oldest first. Pure:
 * the page reads GET /v1/legal-review/queue and hands the answer here, so the queue's rows are tested without a
 * browser.
 */
/** A penalty as GET /v1/penalties answers (its schema's module reaches the store, so the fields used are spelt out). */
export interface Penalty {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly amountYuan?: number;
  readonly scope?: string;
  readonly from?: string;
  readonly to?: string;
  readonly licenceType?: string;
  readonly licenceAction?: 'suspend' | 'revoke';
  readonly decisionNo?: string;
  readonly basis: string;
  readonly description: string;
  readonly majorReason: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly submittedBy?: Actor;
  readonly steps: readonly Step[];
  readonly version: number;
}
export interface PenaltyDetail extends Penalty {
  readonly violations: readonly {
    readonly violationId: string;
    readonly categoryName: string;
    readonly date: string;
    readonly description: string;
  }[];
}
export type Override = z.infer<typeof overrideSchema>;
/** A change of a policy's guarded settings waiting for a legal reviewer (its schema is built per policy, so spelt out). */
export interface PolicyChange {
  readonly changeId: string;
  readonly policy: string;
  readonly guarded: readonly {
    readonly path: string;
    readonly label: string;
    readonly from: unknown;
    readonly to: unknown;
  }[];
  readonly reason: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly version: number;
}

export const QUEUE_KINDS = ['penalty', 'blacklist', 'override', 'policy'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
export const QUEUE_KIND_LABELS: Record<QueueKind, string> = {
  penalty: '重大行政处罚',
  blacklist: '失信名单',
  override: '信用等级调整',
  policy: '策略变更',
};

/** The step of a blacklist entry the review is for. */
export type BlacklistStep = 'listing' | 'removal' | 'revocation';
export const BLACKLIST_STEP_TEXT: Record<BlacklistStep, string> = {
  listing: '拟列入名单',
  removal: '申请提前移出',
  revocation: '提请撤销提前移出',
};

interface Common {
  /** `<kind>:<id>[:<step>]`, the row's test id. */
  readonly key: string;
  readonly kind: QueueKind;
  readonly mineId?: string;
  readonly mineName?: string;
  readonly what: string;
  readonly proposedBy: Actor;
  /** When it started waiting for the review (ISO time). */
  readonly since: string;
  readonly daysWaiting: number;
}
export type QueueItem =
  | (Common & { readonly kind: 'penalty'; readonly penalty: Penalty })
  | (Common & { readonly kind: 'blacklist'; readonly entry: BlacklistEntry; readonly step: BlacklistStep })
  | (Common & { readonly kind: 'override'; readonly override: Override })
  | (Common & { readonly kind: 'policy'; readonly change: PolicyChange; readonly policyLabel: string });

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The answer of GET /v1/legal-review/queue (legalQueueSchema in lib/legal-review/schemas.ts). */
export interface QueueSources {
  readonly penalties: readonly Penalty[];
  /** Entries at a step for the legal reviewer (the queue keeps only those, whatever else it is given). */
  readonly blacklist: readonly BlacklistEntry[];
  readonly overrides: readonly Override[];
  readonly policyChanges: readonly {
    readonly policy: string;
    readonly label: string;
    readonly changes: readonly PolicyChange[];
  }[];
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
/** Whole days from the Shanghai day of `since` to `today` (YYYY-MM-DD), never negative. */
export function daysWaiting(since: string, today: string): number {
  const t = Date.parse(since);
  if (Number.isNaN(t)) return 0;
  const from = shanghaiDay.format(new Date(t));
  return Math.max(0, Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000));
}

const lastStep = (steps: readonly { action: string; at: string }[], action: string): string | undefined =>
  [...steps].reverse().find((s) => s.action === action)?.at;

const yuan = new Intl.NumberFormat('zh-CN');
export function penaltyWhat(p: Penalty): string {
  const amount = p.amountYuan !== undefined ? ` ${yuan.format(p.amountYuan)} 元` : '';
  return `${p.kindLabel}${amount}：${p.description}`;
}

export function buildQueue(sources: QueueSources, today: string): QueueItem[] {
  const items: QueueItem[] = [];
  const add = (item: DistributiveOmit<QueueItem, 'daysWaiting'>) =>
    items.push({ ...item, daysWaiting: daysWaiting(item.since, today) } as QueueItem);

  for (const p of sources.penalties) {
    if (p.status !== 'under_review') continue;
    add({
      key: `penalty:${p.penaltyId}`,
      kind: 'penalty',
      mineId: p.mineId,
      mineName: p.mineName,
      what: penaltyWhat(p),
      proposedBy: p.proposedBy,
      since: lastStep(p.steps, 'submit_for_review') ?? p.proposedAt,
      penalty: p,
    });
  }
  for (const e of sources.blacklist) {
    const base = { kind: 'blacklist' as const, mineId: e.mineId, mineName: e.mineName, entry: e };
    const subject = `${e.subjectName}（${e.person ? `个人 · ${e.person.roleLabel}` : '企业'}）`;
    if (e.status === 'under_review')
      add({
        ...base,
        key: `blacklist:${e.entryId}:listing`,
        step: 'listing',
        what: `${BLACKLIST_STEP_TEXT.listing}：${subject}`,
        proposedBy: e.proposedBy ?? e.steps[0]!.by,
        since: lastStep(e.steps, 'submit_review') ?? e.proposedAt ?? e.steps[0]!.at,
      });
    if (e.status === 'published' && e.removalRequest)
      add({
        ...base,
        key: `blacklist:${e.entryId}:removal`,
        step: 'removal',
        what: `${BLACKLIST_STEP_TEXT.removal}：${subject}`,
        proposedBy: e.removalRequest.requestedBy,
        since: e.removalRequest.requestedAt,
      });
    if (e.status === 'removed' && e.revocationRequest)
      add({
        ...base,
        key: `blacklist:${e.entryId}:revocation`,
        step: 'revocation',
        what: `${BLACKLIST_STEP_TEXT.revocation}：${subject}`,
        proposedBy: e.revocationRequest.requestedBy,
        since: e.revocationRequest.requestedAt,
      });
  }
  for (const o of sources.overrides) {
    if (o.status !== 'proposed') continue;
    add({
      key: `override:${o.overrideId}`,
      kind: 'override',
      mineId: o.mineId,
      mineName: o.mineName,
      what: `调整为 ${o.tier} 级，至 ${o.endsOn}：${o.reason}`,
      proposedBy: o.proposedBy,
      since: o.proposedAt,
      override: o,
    });
  }
  for (const { label, changes } of sources.policyChanges)
    for (const c of changes) {
      if (c.status !== 'pending') continue;
      add({
        key: `policy:${c.changeId}`,
        kind: 'policy',
        what: `${label}：${c.guarded.map((g) => g.label).join('、') || '变更'}`,
        proposedBy: c.proposedBy,
        since: c.proposedAt,
        change: c,
        policyLabel: label,
      });
    }
  // The longest waiting first.
  return items.sort((a, b) => a.since.localeCompare(b.since) || a.key.localeCompare(b.key));
}

export function countByKind(items: readonly QueueItem[]): Record<QueueKind, number> {
  const counts = { penalty: 0, blacklist: 0, override: 0, policy: 0 };
  for (const i of items) counts[i.kind] += 1;
  return counts;
}
