import { entryIdParams, publicEntrySchema } from '#lib/blacklist/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { pageOf, pageQuery } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'public';

/** The published blacklist (公示), open to anyone: rate-limited at the API, and reading only the public projection. */
export const publicBlacklistRoutes = [
  defineRoute({
    operationId: 'listPublicBlacklist',
    method: 'GET',
    path: '/v1/public/blacklist',
    roles: 'public',
    tag,
    summary: '严重失信主体名单公示 (published entries, newest first; persons’ IDs masked)',
    query: pageQuery,
    response: pageOf(publicEntrySchema),
  }),
  defineRoute({
    operationId: 'getPublicBlacklistEntry',
    method: 'GET',
    path: '/v1/public/blacklist/{entryId}',
    roles: 'public',
    tag,
    summary: '一条公示的名单记录 (one published entry)',
    params: entryIdParams,
    response: publicEntrySchema,
  }),
] as const;

/**
 * What this module's function may do in AWS: read the public projection and nothing else (no write action, no
 * queue, no secret). Its partitions: `PUBLICENTRY#<entryId>` (one entry) and, on GSI1, `PUBLICBLACKLIST` (the list).
 */
export const publicBlacklistNeeds: FunctionNeeds = {
  table: { access: 'read', indexes: ['GSI1'], leadingKeys: ['PUBLICENTRY#', 'PUBLICBLACKLIST'] },
};
