import type { Principal } from '#lib/auth/principal.ts';
import type { Db } from './db.ts';
import { pk, sk } from './keys.ts';
import { stableJson } from './stable-json.ts';
import { put, type Write } from './transact.ts';

/**
 * The plan's 全过程记录: every state change leaves who, role, when, what, before/after and why. It is written
 * in the same transaction as the change, so neither exists without the other.
 */
export interface AuditEvent {
  readonly eventId: string;
  readonly at: string;
  /** The mine it concerns; absent for bureau-wide changes (policies), which are kept under the jurisdiction. */
  readonly mineId?: string;
  readonly jurisdiction: string;
  readonly actor: Actor;
  /** `mine.created`, `mine.status_changed`, `licence.updated`, … */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly reason?: string;
}

export interface AuditInput {
  readonly mineId?: string;
  readonly jurisdiction: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly reason?: string | undefined;
}

/** Only the fields that changed, on both sides, so an event reads as a diff. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version' || key === 'updatedAt' || key === 'updatedBy') continue;
    if (stableJson(before[key]) !== stableJson(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

export interface Actor {
  readonly sub: string;
  readonly role: string;
  readonly name?: string;
}

export const actorOf = (p: Principal): Actor => ({ sub: p.sub, role: p.role, ...(p.name ? { name: p.name } : {}) });

/** The actor of changes a scheduled job makes on its own. */
export const systemActor = (job: string): Actor => ({ sub: `system:${job}`, role: 'system' });

export function auditWrite(db: Db, actor: Actor, input: AuditInput, at: string = db.now().toISOString()): Write {
  const eventId = db.newId('ev');
  const event: AuditEvent = {
    eventId,
    at,
    ...(input.mineId ? { mineId: input.mineId } : {}),
    jurisdiction: input.jurisdiction,
    actor,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: input.before ?? null,
    after: input.after ?? null,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  const partition = input.mineId ? pk.mine(input.mineId) : pk.jurisdiction(input.jurisdiction);
  return put(db, { PK: partition, SK: sk.audit(at, eventId), entity: 'audit', ...event });
}
