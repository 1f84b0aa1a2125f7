import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { ROLES } from '#lib/auth/roles.ts';
import {
  describe,
  emailSchema,
  idSchema,
  jurisdictionSchema,
  pageQuery,
  text,
  versionSchema,
} from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';

/** Request and response shapes of the user directory (`/v1/users`). */

/** A token subject: a Cognito sub (a UUID) in AWS, a dev token's subject locally (`dev-inspector`). */
export const userIdSchema = describe(
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/, '用户编号只能包含字母、数字和 _ . : @ -')),
  { description: 'The user’s token subject (`sub`).' },
);
export const userIdParams = z.object({ userId: userIdSchema });

const booleanFlag = z.optional(z.enum(['true', 'false']));
export const listUsersQuery = z.extend(pageQuery, {
  role: z.optional(z.enum(ROLES)),
  active: describe(booleanFlag, { description: 'true: active users only; false: deactivated ones only.' }),
});

export const createUserBody = z.strictObject({
  role: z.enum(ROLES),
  name: describe(text(50), { description: '姓名或部门名称, as it shows on records and notices.' }),
  email: describe(emailSchema, {
    description:
      'The sign-in address; the temporary password is mailed there. Not kept in the directory (answers show it masked); notices go to the contact the user sets (/v1/me/contact).',
  }),
  jurisdiction: describe(z.optional(jurisdictionSchema), {
    description:
      'Bureau roles and partner departments: yours or one below it (yours when omitted). Not for a mine user, which takes its mine’s.',
  }),
  mineId: describe(z.optional(idSchema), {
    description: 'mine_user only, required: one of your jurisdiction’s mines.',
  }),
});

export const patchUserBody = z
  .strictObject({
    version: versionSchema,
    name: z.optional(text(50)),
    active: describe(z.optional(z.boolean()), {
      description: 'false deactivates (no sign-in, never named to receive a notice); true activates again.',
    }),
  })
  .check(z.refine((b) => Object.keys(b).length > 1, { message: '除 version 外至少要修改一个字段' }));

/* Responses */
export const userSchema = z.object({
  userId: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  name: z.string(),
  jurisdiction: describe(z.string(), {
    description: 'A bureau user’s own; a mine user’s mine’s; the bureau that manages a partner department.',
  }),
  mineId: z.optional(z.string()),
  active: z.boolean(),
  emailMasked: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: actorSchema,
  updatedAt: z.string(),
  version: z.number(),
});
