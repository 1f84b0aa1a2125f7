import * as z from 'zod/mini';
import { ANY_BUREAU } from '../../lib/auth/role-groups.ts';
import { BLACKLIST_STATUSES } from '../../lib/blacklist/entry.ts';
import { defineRoute } from '../../lib/http/route-spec.ts';
import { jurisdictionSchema, pageOf, pageQuery } from '../../lib/registry/schemas.ts';

const tag = 'blacklist';
const entrySchema = z.object({
  entryId: z.string(),
  subjectType: z.string(),
  subjectName: z.string(),
  creditCode: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  grounds: z.array(z.object({ code: z.string(), name: z.string(), basis: z.string() })),
  status: z.enum(BLACKLIST_STATUSES),
  statusLabel: z.string(),
  source: z.record(z.string(), z.unknown()),
  proposedAt: z.string(),
  steps: z.array(z.record(z.string(), z.unknown())),
  version: z.number(),
});
const listQuery = z.extend(pageQuery, { status: z.optional(z.enum(BLACKLIST_STATUSES)), subjectType: z.optional(z.enum(['enterprise', 'person'])), jurisdiction: z.optional(jurisdictionSchema) });

export const blacklistRoutes = [
  defineRoute({ operationId: 'listBlacklistEntries', method: 'GET', path: '/v1/blacklist', roles: ANY_BUREAU, tag, summary: '严重失信主体名单（含拟列入） (entries of your jurisdiction; filter status, subjectType)', query: listQuery, response: pageOf(entrySchema) }),
  defineRoute({ operationId: 'getBlacklistEntry', method: 'GET', path: '/v1/blacklist/{entryId}', roles: ANY_BUREAU, tag, summary: '一条名单记录及其过程 (one entry with its history)', params: z.object({ entryId: z.string().check(z.minLength(1), z.maxLength(100)) }), response: entrySchema }),
] as const;
