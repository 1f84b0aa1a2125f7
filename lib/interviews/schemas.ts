import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { businessDateSchema, describe, idSchema, pageQuery, text } from '#lib/schemas/primitives.ts';
import { actorSchema, dateWindow, fromNotAfterTo } from '#lib/schemas/records.ts';

/** Request and response shapes of interviews (约谈). */
export const interviewParams = z.object({ mineId: idSchema, interviewId: idSchema });

const summonedPerson = z.strictObject({
  name: describe(text(50), { description: '姓名' }),
  position: describe(text(50), { description: '职务: 董事长, 总经理, 矿长, 实际控制人, 总工程师, 安全副矿长, …' }),
});
const host = z.strictObject({
  userId: describe(text(100), {
    description: 'A bureau_admin or inspector of the user directory whose jurisdiction covers the mine.',
  }),
});

export const recordInterviewBody = z
  .strictObject({
    date: describe(businessDateSchema, { description: 'Business day it was held; not in the future.' }),
    summoned: describe(z.array(summonedPerson).check(z.minLength(1), z.maxLength(20)), {
      description: '约谈对象: the mine’s people summoned, by name and position (at least one).',
    }),
    heldBy: describe(
      z.array(host).check(
        z.minLength(1),
        z.maxLength(10),
        z.refine((hs) => new Set(hs.map((h) => h.userId)).size === hs.length, { message: '约谈人不能重复' }),
      ),
      { description: '约谈人: the bureau users who held it (at least one); recorded with the directory’s names.' },
    ),
    subject: describe(text(500), { description: '约谈事由' }),
    content: describe(z.optional(text(4000)), { description: '约谈记录: what was said.' }),
    followUp: describe(
      z.optional(
        z.strictObject({
          requirements: describe(text(2000), { description: '整改要求: what the mine must do.' }),
          dueOn: describe(z.optional(businessDateSchema), { description: 'By when; not before the interview.' }),
        }),
      ),
      { description: 'What must follow the interview.' },
    ),
  })
  .check(
    z.refine((b) => !b.followUp?.dueOn || b.followUp.dueOn >= b.date, {
      message: '落实期限不能早于约谈日期',
      path: ['followUp', 'dueOn'],
    }),
  );

export const listInterviewsQuery = z.extend(pageQuery, { ...dateWindow }).check(fromNotAfterTo);

export const interviewSchema = z.object({
  interviewId: z.string(),
  mineId: z.string(),
  mineName: z.optional(z.string()),
  jurisdiction: z.string(),
  date: z.string(),
  summoned: z.array(z.object({ name: z.string(), position: z.string() })),
  heldBy: z.array(z.object({ userId: z.string(), name: z.string() })),
  subject: z.string(),
  content: z.optional(z.string()),
  followUp: z.optional(z.object({ requirements: z.string(), dueOn: z.optional(z.string()) })),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
