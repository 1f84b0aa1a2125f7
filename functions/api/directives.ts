import type { ReplyFile } from '#lib/directives/directive-item.ts';
import {
  getDirective,
  issueDirective,
  listDirectives,
  listMineDirectives,
  replyToItem,
  reviewItem,
} from '#lib/directives/directives.ts';
import { RuleError } from '#lib/errors.ts';
import { listAttachments } from '#lib/evidence/evidence.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { directiveRoutes } from './directives.routes.ts';

/**
 * The files an answer names, each an attachment of the document's `reply` step (evidence sits above directives, so
 * the answer's files are looked up here and handed to the reply): an id that is not one is the caller's mistake.
 */
async function replyFiles(
  store: TenantStore,
  mineId: string,
  directiveId: string,
  ids: readonly string[] | undefined,
): Promise<ReplyFile[]> {
  if (!ids?.length) return [];
  const { items } = await listAttachments(store, { mineId, recordKind: 'directive', recordId: directiveId });
  const byId = new Map(items.filter((a) => a.step === 'reply').map((a) => [a.attachmentId, a]));
  const problems = ids.flatMap((id, i) =>
    byId.has(id) ? [] : [{ field: `body.attachmentIds.${i}`, message: '不是本文书已上传的答复材料' }],
  );
  if (problems.length) throw new RuleError('答复材料不存在', problems);
  return [...new Set(ids)].map((id) => ({ attachmentId: id, fileName: byId.get(id)!.fileName }));
}

/** 督办函 and 监管监察意见书: issued by the bureau, answered item by item by the mine, each answer accepted or returned. */
export const handler = apiHandler(directiveRoutes, {
  issueDirective: async ({ store, params, body }) => ({
    status: 201,
    body: await issueDirective(store, params.mineId, body),
  }),
  listMineDirectives: async ({ store, params, query }) => ({
    body: await listMineDirectives(store, params.mineId, query),
  }),
  getDirective: async ({ store, params }) => ({
    body: await getDirective(store, params.mineId, params.directiveId),
  }),
  replyToDirectiveItem: async ({ store, params, body }) => ({
    body: await replyToItem(
      store,
      params.mineId,
      params.directiveId,
      params.itemNo,
      body,
      await replyFiles(store, params.mineId, params.directiveId, body.attachmentIds),
    ),
  }),
  reviewDirectiveItem: async ({ store, params, body }) => ({
    body: await reviewItem(store, params.mineId, params.directiveId, params.itemNo, body),
  }),
  listDirectives: async ({ store, query }) => ({ body: await listDirectives(store, query) }),
});
