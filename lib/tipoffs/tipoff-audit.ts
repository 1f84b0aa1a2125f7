import { type Actor, type AuditEvent, changedFields } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { put, type Write } from '#lib/store/transact.ts';
import { type Tipoff, tipoffAuditPrefix, tipoffKey } from './tipoff-item.ts';

/**
 * A tip-off's history, kept in its own partition (never a mine's, never the jurisdiction's log a wider audience
 * reads): who did what when, the fields before and after. The reporter's contact never enters it; a handler's
 * reading of the contact is an event of its own (who, when), without the contact.
 */
export function tipoffAudit(
  db: Db,
  actor: Actor,
  input: {
    readonly tipoff: Pick<Tipoff, 'tipoffId' | 'jurisdiction'>;
    readonly action: string;
    readonly before?: Partial<Tipoff> | null;
    readonly after?: Partial<Tipoff> | null;
    readonly reason?: string | undefined;
  },
  at: string,
): Write {
  const eventId = db.newId('ev');
  const diff =
    input.before && input.after
      ? changedFields({ ...input.before }, { ...input.after })
      : { before: input.before ?? null, after: input.after ?? null };
  const event: AuditEvent = {
    eventId,
    at,
    jurisdiction: input.tipoff.jurisdiction,
    actor,
    action: input.action,
    entityType: 'tipoff',
    entityId: input.tipoff.tipoffId,
    before: diff.before as Record<string, unknown> | null,
    after: diff.after as Record<string, unknown> | null,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  return put(db, {
    PK: tipoffKey(input.tipoff.tipoffId).PK,
    SK: `${tipoffAuditPrefix}${at}#${eventId}`,
    entity: 'audit',
    ...event,
  });
}

/** The actor of what a visitor does: no account, no address. */
export const PUBLIC_ACTOR: Actor = { sub: 'public', role: 'public' };
