import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { BLACKLIST_STATUSES } from '#lib/blacklist/vocabulary.ts';
import { PERSON_FILE_KINDS, PERSON_ROLES } from '#lib/registry/vocabulary.ts';
import { describe } from '#lib/schemas/primitives.ts';

/** The answer of a person's file (个人档案): masked ID only, items of the mines the caller may see. */
export const personFileSchema = z.object({
  personKey: describe(z.string(), { description: 'The same for this person at every mine and in every role.' }),
  personId: z.string(),
  name: z.string(),
  residentIdMasked: z.string(),
  posts: z.array(
    z.object({
      personId: z.string(),
      mineId: z.string(),
      mineName: z.string(),
      role: z.enum(PERSON_ROLES),
      roleLabel: z.string(),
    }),
  ),
  named: z.array(
    z.object({
      kind: z.enum(PERSON_FILE_KINDS),
      kindLabel: z.string(),
      recordId: z.string(),
      mineId: z.string(),
      mineName: z.string(),
      date: z.string(),
      title: z.string(),
      roles: z.array(z.string()),
    }),
  ),
  blacklist: z.array(
    z.object({
      entryId: z.string(),
      mineId: z.string(),
      mineName: z.string(),
      status: z.enum(BLACKLIST_STATUSES),
      statusLabel: z.string(),
      roleLabel: z.optional(z.string()),
      proposedAt: z.string(),
      listedOn: z.optional(z.string()),
      endsOn: z.optional(z.string()),
    }),
  ),
});
