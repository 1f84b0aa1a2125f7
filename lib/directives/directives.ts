import type * as z from 'zod/mini';
import { documentYear, issueNumbered, issuingBureau } from '#lib/documents/numbers.ts';
import { bureauNames } from '#lib/documents/vocabulary.ts';
import { ConflictError, NotFoundError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import {
  createWrites,
  latestOfMine,
  loadDatedIn,
  mineRecordsPage,
  reachableRecordsPage,
  replaceWrites,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DIRECTIVE_KIND, type DirectiveRecord, directiveDue, type ReplyFile } from './directive-item.ts';
import { applyReply, applyReview, checkDeadline, directiveView } from './rules.ts';
import type {
  issueDirectiveBody,
  listDirectivesQuery,
  listMineDirectivesQuery,
  replyBody,
  reviewBody,
} from './schemas.ts';
import { DIRECTIVE_KIND_LABELS } from './vocabulary.ts';

/**
 * 督办函 and 监管监察意见书 of a mine: issued by the bureau with the bureau's next number of the kind, answered by the
 * mine item by item, each answer accepted or returned by the bureau. Every write carries its audit event in the same
 * transaction and the record's version (a stale one is a 409). Routes decide who may do what (the bureau issues and
 * reviews, the mine answers); the rules of the record are in rules.ts.
 */

/** The stored item's extra keys: on the due-date index while open. */
const extraOf = (d: DirectiveRecord) =>
  d.status === 'open' ? directiveDue(d.jurisdiction, d.deadline, d.mineId, d.directiveId) : {};

const stale = (id: string) => new ConflictError(`督办文书 ${id} 已被他人修改，请刷新后重试`);

export async function issueDirective(store: TenantStore, mineId: string, body: z.infer<typeof issueDirectiveBody>) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const now = db.now();
  const today = todayInShanghai(now);
  checkDeadline(today, body.deadline);
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const directiveId = db.newId('dir');
  const bureau = issuingBureau(store.principal, mine.jurisdiction);
  const scope = { kind: body.kind, jurisdiction: bureau, year: documentYear(now) };
  const record = await issueNumbered(db, scope, async (no, counter) => {
    const r: DirectiveRecord = {
      directiveId,
      mineId,
      mineName: mine.name,
      jurisdiction: mine.jurisdiction,
      kind: body.kind,
      documentNo: no.text,
      date: today,
      subject: body.subject,
      deadline: body.deadline,
      items: body.items.map((text, i) => ({ no: i + 1, text, replies: [] })),
      issuer: { jurisdiction: bureau, name: bureauNames(bureau).name },
      issuedBy: actor,
      issuedAt: at,
      status: 'open',
      version: 1,
      updatedAt: at,
    };
    await transact(db, [
      ...createWrites(db, DIRECTIVE_KIND, r, new ConflictError(`督办文书 ${directiveId} 已存在`), extraOf(r)),
      counter,
      auditWrite(
        db,
        actor,
        {
          mineId,
          jurisdiction: mine.jurisdiction,
          action: 'directive.issued',
          entityType: 'directive',
          entityId: directiveId,
          after: { ...r },
        },
        at,
      ),
    ]);
    return r;
  });
  return directiveView(record, today);
}

/** One directive of the mine the path names: another mine's, or one out of the caller's reach, is a 404. */
async function loadOfMine(store: TenantStore, mineId: string, directiveId: string) {
  await store.mine(mineId);
  const found = await loadDatedIn<DirectiveRecord>(store, DIRECTIVE_KIND, directiveId);
  if (found.record.mineId !== mineId) throw new NotFoundError(`${DIRECTIVE_KIND.label} ${directiveId} 不存在`);
  return found;
}

export async function getDirective(store: TenantStore, mineId: string, directiveId: string) {
  const { record, scope } = await loadOfMine(store, mineId, directiveId);
  return directiveView(record, todayInShanghai(scope.db.now()));
}

async function saveChange(
  store: TenantStore,
  mineId: string,
  directiveId: string,
  expectedVersion: number,
  change: (d: DirectiveRecord, at: string, today: string) => DirectiveRecord,
  action: string,
  details: (after: DirectiveRecord) => Record<string, unknown>,
) {
  const { record: before, scope } = await loadOfMine(store, mineId, directiveId);
  const db = scope.db;
  if (before.version !== expectedVersion) throw stale(directiveId);
  const now = db.now();
  const at = now.toISOString();
  const today = todayInShanghai(now);
  const after = change(before, at, today);
  await transact(db, [
    ...replaceWrites(db, DIRECTIVE_KIND, before, after, expectedVersion, stale(directiveId), extraOf(after)),
    auditWrite(
      db,
      actorOf(store.principal),
      {
        mineId,
        jurisdiction: after.jurisdiction,
        action,
        entityType: 'directive',
        entityId: directiveId,
        ...details(after),
      },
      at,
    ),
  ]);
  return directiveView(after, today);
}

/**
 * The mine's answer to one item, with the evidence files it names (already resolved against the document's
 * attachments by the caller: lib/evidence sits above this module). Appends a round to the item; nothing the bureau
 * issued changes.
 */
export async function replyToItem(
  store: TenantStore,
  mineId: string,
  directiveId: string,
  itemNo: number,
  body: z.infer<typeof replyBody>,
  files: readonly ReplyFile[],
) {
  const by = actorOf(store.principal);
  return saveChange(
    store,
    mineId,
    directiveId,
    body.version,
    (d, at, today) => applyReply(d, itemNo, { text: body.text, files }, by, at, today),
    'directive.replied',
    (after) => ({ after: { itemNo, reply: after.items.find((i) => i.no === itemNo)?.replies.at(-1) } }),
  );
}

/** The bureau accepts an item's answer or returns it with a reason; the last acceptance closes the document. */
export async function reviewItem(
  store: TenantStore,
  mineId: string,
  directiveId: string,
  itemNo: number,
  body: z.infer<typeof reviewBody>,
) {
  const by = actorOf(store.principal);
  return saveChange(
    store,
    mineId,
    directiveId,
    body.version,
    (d, at) => applyReview(d, itemNo, { outcome: body.outcome, reason: body.reason }, by, at),
    body.outcome === 'accept' ? 'directive.reply_accepted' : 'directive.reply_returned',
    (after) => ({
      after: { itemNo, status: after.status, review: after.items.find((i) => i.no === itemNo)?.replies.at(-1)?.review },
      ...(body.reason ? { reason: body.reason } : {}),
    }),
  );
}

export async function listMineDirectives(
  store: TenantStore,
  mineId: string,
  query: z.infer<typeof listMineDirectivesQuery>,
) {
  const page = await mineRecordsPage<DirectiveRecord>(store, DIRECTIVE_KIND, mineId, query);
  const today = todayInShanghai(store.shared.now());
  return { items: page.items.map((d) => directiveView(d, today)), nextCursor: page.nextCursor };
}

/** Directives across the caller's reach (a bureau's jurisdiction, a mine user's own mine), newest first. */
export async function listDirectives(store: TenantStore, query: z.infer<typeof listDirectivesQuery>) {
  const page = await reachableRecordsPage<DirectiveRecord>(store, DIRECTIVE_KIND, query, { status: query.status });
  const today = todayInShanghai(store.shared.now());
  return { items: page.items.map((d) => directiveView(d, today)), nextCursor: page.nextCursor };
}

/** A mine's latest directives, for the mine's file (the caller has checked the mine). */
export async function recentDirectives(db: Db, mineId: string, limit: number) {
  const today = todayInShanghai(db.now());
  return (await latestOfMine<DirectiveRecord>(db, DIRECTIVE_KIND, mineId, limit)).map((d) => directiveView(d, today));
}

export const directiveTitle = (d: Pick<DirectiveRecord, 'kind' | 'documentNo'>) =>
  `${DIRECTIVE_KIND_LABELS[d.kind]}（${d.documentNo}）`;
