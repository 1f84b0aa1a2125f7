import type * as z from 'zod/mini';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError } from '#lib/errors.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { Page } from '#lib/store/pagination.ts';
import { getItem, queryPage } from '#lib/store/query.ts';
import type { MineScope, TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import { enforce } from '#lib/workflow/engine.ts';
import type { MineItem } from './mine-item.ts';
import type { RegisterFields } from './register.ts';
import { applyRegisterChange, type RegisterChange, readRegisterItem } from './register-changes.ts';
import type {
  approveRegisterRequestBody,
  listRegisterRequestsQuery,
  pendingRegisterRequestsQuery,
  rejectRegisterRequestBody,
} from './schemas.ts';
import {
  REGISTER_CHANGE_LABELS,
  REGISTER_KIND_LABELS,
  REGISTER_REQUEST_STATUS_LABELS,
  REGISTER_REQUEST_WORKFLOW,
  type RegisterChangeKind,
  type RegisterKind,
  type RegisterRequestDecision,
  type RegisterRequestStatus,
} from './vocabulary.ts';

/**
 * Requests to change the register (台账变更申请). A mine's (or an inspector's) change of its equipment or meters is
 * kept as a request and counts for nothing until a bureau user approves it (the flow is REGISTER_REQUEST_WORKFLOW);
 * the approver may keep the day asked for or set a later one, and the change goes in force as a new version of the
 * record in the same transaction as the decision. A pending request sits on GSI1 under its province, so a bureau
 * lists what waits for it with one query; a decided one leaves the index.
 */
export interface RegisterRequest {
  readonly requestId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly kind: RegisterKind;
  readonly itemId: string;
  readonly change: RegisterChangeKind;
  readonly fields?: RegisterFields[RegisterKind];
  readonly baseVersion: number | null;
  readonly effectiveFrom: string;
  readonly reason?: string;
  readonly status: RegisterRequestStatus;
  readonly requestedBy: Actor;
  readonly requestedAt: string;
  readonly decidedBy?: Actor;
  readonly decidedAt?: string;
  readonly decisionNote?: string;
  readonly version: number;
  readonly updatedAt: string;
}

const requestKey = (mineId: string, requestId: string) => ({ PK: pk.mine(mineId), SK: sk.registerRequest(requestId) });
const stored = (r: RegisterRequest) => ({
  ...requestKey(r.mineId, r.requestId),
  entity: 'registerRequest',
  ...(r.status === 'pending'
    ? {
        GSI1PK: gsi1.registerRequestsOfProvince(r.jurisdiction),
        GSI1SK: gsi1.registerRequestInJurisdiction(r.jurisdiction, r.mineId, r.requestId),
      }
    : {}),
  ...r,
});

export const registerRequestView = (r: RegisterRequest) => ({
  ...r,
  kindLabel: REGISTER_KIND_LABELS[r.kind],
  changeLabel: REGISTER_CHANGE_LABELS[r.change],
  statusLabel: REGISTER_REQUEST_STATUS_LABELS[r.status],
});
export type RegisterRequestView = ReturnType<typeof registerRequestView>;

const staleRequest = (requestId: string) =>
  new ConflictError(`台账变更申请 ${requestId} 已被他人处理，请刷新后重试`, [
    { field: 'body.version', message: '申请已被他人处理，请刷新后重试' },
  ]);

/** Records the request (already checked against the record as it stands), audited in the same transaction. */
export async function fileRegisterRequest(
  store: TenantStore,
  { profile: mine, db }: MineScope<MineItem>,
  change: RegisterChange,
): Promise<RegisterRequestView> {
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const request: RegisterRequest = {
    requestId: db.newId('rr'),
    mineId: mine.mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    kind: change.kind,
    itemId: change.itemId,
    change: change.change,
    ...(change.fields ? { fields: change.fields } : {}),
    baseVersion: change.baseVersion,
    effectiveFrom: change.effectiveFrom,
    ...(change.reason ? { reason: change.reason } : {}),
    status: 'pending',
    requestedBy: actor,
    requestedAt: at,
    version: 1,
    updatedAt: at,
  };
  await transact(db, [
    putNew(db, stored(request), new ConflictError(`台账变更申请 ${request.requestId} 已存在`)),
    auditWrite(
      db,
      actor,
      {
        mineId: mine.mineId,
        jurisdiction: mine.jurisdiction,
        action: 'register_request.created',
        entityType: 'registerRequest',
        entityId: request.requestId,
        before: null,
        after: {
          kind: request.kind,
          itemId: request.itemId,
          change: request.change,
          effectiveFrom: request.effectiveFrom,
          ...(request.fields ? { fields: request.fields } : {}),
        },
        reason: change.reason,
      },
      at,
    ),
  ]);
  return registerRequestView(request);
}

export async function getRegisterRequest(
  store: TenantStore,
  mineId: string,
  requestId: string,
): Promise<RegisterRequestView> {
  const { db } = await store.mine(mineId);
  return registerRequestView(await readRequest(db, mineId, requestId));
}

async function readRequest(db: Db, mineId: string, requestId: string): Promise<RegisterRequest> {
  const item = await getItem<RegisterRequest>(db, requestKey(mineId, requestId));
  if (!item) throw new NotFoundError(`台账变更申请 ${requestId} 不存在`);
  return stripKeys(item) as RegisterRequest;
}

/** A mine's requests, newest first, optionally of one status. */
export async function listMineRegisterRequests(
  store: TenantStore,
  mineId: string,
  query: z.infer<typeof listRegisterRequestsQuery>,
): Promise<Page<RegisterRequestView>> {
  const { db } = await store.mine(mineId);
  const page = await queryPage<RegisterRequest>(
    db,
    {
      partition: pk.mine(mineId),
      beginsWith: sk.registerRequestPrefix,
      newestFirst: true,
      ...(query.status
        ? {
            filter: {
              expression: '#status = :status',
              names: { '#status': 'status' },
              values: { ':status': query.status },
            },
          }
        : {}),
    },
    query,
  );
  return {
    items: page.items.map((r) => registerRequestView(stripKeys(r) as RegisterRequest)),
    nextCursor: page.nextCursor,
  };
}

/** The requests waiting for a decision in the caller's jurisdiction (or a part of it, or one mine of it). */
export async function listPendingRegisterRequests(
  store: TenantStore,
  query: z.infer<typeof pendingRegisterRequestsQuery>,
): Promise<Page<RegisterRequestView>> {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  let prefix = gsi1.jurisdictionPrefix(under);
  if (query.mineId) {
    const { profile: mine } = await store.mine<MineItem>(query.mineId);
    if (!jurisdictionCovers(under, mine.jurisdiction)) return { items: [], nextCursor: null };
    prefix = gsi1.registerRequestInJurisdiction(mine.jurisdiction, mine.mineId, '');
  }
  const page = await queryPage<RegisterRequest>(
    store.shared,
    { index: 'GSI1', partition: gsi1.registerRequestsOfProvince(under), beginsWith: prefix },
    query,
  );
  return {
    items: page.items.map((r) => registerRequestView(stripKeys(r) as RegisterRequest)),
    nextCursor: page.nextCursor,
  };
}

/**
 * Approves or rejects a pending request. The workflow decides who (a bureau user; never the one who asked) and from
 * which state; an approval puts the change in force from the day asked for, or the later day the approver sets, in
 * the same transaction as the decision; a rejection needs a reason (the schema asks for it) and changes nothing else.
 */
export async function decideRegisterRequest(
  store: TenantStore,
  mineId: string,
  requestId: string,
  decision: RegisterRequestDecision,
  body: z.infer<typeof approveRegisterRequestBody> | z.infer<typeof rejectRegisterRequestBody>,
): Promise<RegisterRequestView> {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const request = await readRequest(db, mineId, requestId);
  const actor = actorOf(store.principal);
  const status = enforce(REGISTER_REQUEST_WORKFLOW, {
    state: request.status,
    action: decision,
    actor,
    history: [{ action: 'request', by: request.requestedBy }],
  });
  if (request.version !== body.version) throw staleRequest(requestId);

  const at = db.now().toISOString();
  const note = 'reason' in body ? body.reason : body.note;
  const effectiveFrom = ('effectiveFrom' in body ? body.effectiveFrom : undefined) ?? request.effectiveFrom;
  if (decision === 'approve' && effectiveFrom < request.effectiveFrom)
    throw new RuleError(`生效日期不能早于申请的生效日期 ${request.effectiveFrom}`, [
      { field: 'body.effectiveFrom', message: `须为 ${request.effectiveFrom} 或之后` },
    ]);
  const decided: RegisterRequest = {
    ...request,
    status,
    effectiveFrom,
    decidedBy: actor,
    decidedAt: at,
    ...(note ? { decisionNote: note } : {}),
    version: request.version + 1,
    updatedAt: at,
  };
  const decisionWrites = [
    putVersioned(db, stored(decided), request.version, staleRequest(requestId)),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: `register_request.${status}`,
        entityType: 'registerRequest',
        entityId: requestId,
        before: { status: request.status, effectiveFrom: request.effectiveFrom },
        after: { status, effectiveFrom },
        reason: note,
      },
      at,
    ),
  ];
  if (decision === 'reject') {
    await transact(db, decisionWrites);
    return registerRequestView(decided);
  }

  // The record moved on since the request was made: approving it would undo what came in between.
  const record = await readRegisterItem(db, request.kind, mineId, request.itemId);
  if (request.baseVersion !== null && record?.version !== request.baseVersion)
    throw new ConflictError('申请提出后该记录已有新的版本，不能再按此申请变更；请驳回，由申请人按现有台账重新申请', [
      { field: 'path.requestId', message: '提出申请后该台账已有变化，请重新提出申请' },
    ]);
  await applyRegisterChange(
    {
      kind: request.kind,
      itemId: request.itemId,
      change: request.change,
      fields: request.fields,
      baseVersion: request.baseVersion,
      effectiveFrom,
      reason: request.reason,
    },
    {
      db,
      mine,
      actor,
      at,
      fields: { version: 'path.requestId', effectiveFrom: 'body.effectiveFrom', gridAccountNo: 'path.requestId' },
      request: { requestId, requestedBy: request.requestedBy },
      writes: decisionWrites,
      keepGridAccount: request.requestedBy.role === 'mine_user',
    },
  );
  return registerRequestView(decided);
}
