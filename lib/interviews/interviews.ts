import type * as z from 'zod/mini';
import { ConflictError, NotFoundError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import { createWrites, INTERVIEW_KIND, latestOfMine, loadDated, mineRecordsPage } from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { assertOfficialInScope } from '#lib/users/official-check.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import type { InterviewHost, InterviewRecord } from './interview-item.ts';
import type { listInterviewsQuery, recordInterviewBody } from './schemas.ts';

/**
 * Interviews (约谈) of a mine: recorded by the bureau with who was summoned, who held it, the subject and what must
 * follow; read by the bureau and by the mine's own users. Each record is written with its audit event in one
 * transaction and never changed afterwards.
 */
export async function recordInterview(
  store: TenantStore,
  mineId: string,
  body: z.infer<typeof recordInterviewBody>,
): Promise<InterviewRecord> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const now = db.now();
  refuseFutureDates(now, { field: 'body.date', label: '约谈日期', date: body.date });
  // Each host must be a bureau user of the directory who supervises this mine (422 naming the entry otherwise),
  // recorded by the directory's name: the record says who held it, not who the request said held it.
  const heldBy: InterviewHost[] = [];
  for (const [i, h] of body.heldBy.entries()) {
    const user = await assertOfficialInScope(db, h.userId, mine, { field: `body.heldBy.${i}.userId`, label: '约谈人' });
    heldBy.push({ userId: user.userId, name: user.name });
  }
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const interviewId = db.newId('itv');
  const record: InterviewRecord = {
    interviewId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    date: body.date,
    summoned: body.summoned,
    heldBy,
    subject: body.subject,
    ...(body.content ? { content: body.content } : {}),
    ...(body.followUp
      ? {
          followUp: {
            requirements: body.followUp.requirements,
            ...(body.followUp.dueOn ? { dueOn: body.followUp.dueOn } : {}),
          },
        }
      : {}),
    recordedBy: actor,
    recordedAt: at,
    version: 1,
    updatedAt: at,
  };
  await transact(db, [
    ...createWrites(db, INTERVIEW_KIND, record, new ConflictError(`约谈记录 ${interviewId} 已存在`)),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'interview.recorded',
        entityType: 'interview',
        entityId: interviewId,
        after: { ...record },
      },
      at,
    ),
  ]);
  return record;
}

/** One interview of the mine the path names: another mine's, or one out of the caller's reach, is a 404. */
export async function getInterview(store: TenantStore, mineId: string, interviewId: string): Promise<InterviewRecord> {
  await store.mine(mineId);
  const record = await loadDated<InterviewRecord>(store, INTERVIEW_KIND, interviewId);
  if (record.mineId !== mineId) throw new NotFoundError(`${INTERVIEW_KIND.label} ${interviewId} 不存在`);
  return record;
}

/** The mine's interviews, newest first, over an optional date window. */
export async function listInterviews(store: TenantStore, mineId: string, query: z.infer<typeof listInterviewsQuery>) {
  return mineRecordsPage<InterviewRecord>(store, INTERVIEW_KIND, mineId, query);
}

/** A mine's latest interviews by date, for the mine's file page (the caller has checked the mine). */
export async function recentInterviews(db: Db, mineId: string, limit: number): Promise<InterviewRecord[]> {
  return latestOfMine<InterviewRecord>(db, INTERVIEW_KIND, mineId, limit);
}
