import type * as z from 'zod/mini';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { BUREAU_ROLES } from '#lib/auth/roles.ts';
import { loadCase } from '#lib/cases/case-actions.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import type { ObjectStore } from '#lib/files/object-store.ts';
import { getInspection } from '#lib/inspections/inspections.ts';
import { loadPenalty } from '#lib/penalties/penalties.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { type AuditEvent, actorOf } from '#lib/store/audit.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { findUser } from '#lib/users/directory.ts';
import { isFutureBusinessDate, todayInShanghai } from '#lib/validators/business-date.ts';
import { getViolation } from '#lib/violations/violation-records.ts';
import { rewardYuan } from './reward.ts';
import type {
  assignBody,
  concludeBody,
  linkBody,
  listTipoffsQuery,
  payRewardBody,
  proposeRewardBody,
  triageBody,
} from './schemas.ts';
import { tipoffAudit } from './tipoff-audit.ts';
import {
  contactKey,
  isOpen,
  type Reward,
  type Tipoff,
  tipoffAuditPrefix,
  tipoffItem,
  tipoffKey,
  tipoffsOfProvince,
} from './tipoff-item.ts';
import { tipoffPolicy } from './tipoff-policy.ts';
import {
  REWARD_STATUS_LABELS,
  TIPOFF_FINDING_LABELS,
  TIPOFF_STATUS_LABELS,
  TIPOFF_SUBJECT_LABELS,
  type TipoffStatus,
} from './vocabulary.ts';

/**
 * The bureau's side of a tip-off: triage, assignment, investigation (links to the mine's records), conclusion
 * within the policy's days, and the reward (proposed by a handler, approved by a different legal reviewer, recorded
 * as paid by the admin). Only bureau users of the report's jurisdiction reach it (404 otherwise); the reporter's
 * contact only an assigned handler, each reading audited.
 */

/** The bureau's view: everything but the reporter's contact (which is never on the record) and the file keys. */
export function tipoffView(t: Tipoff, now: Date) {
  const { files, reward, ...rest } = t;
  return {
    ...rest,
    subjectLabel: TIPOFF_SUBJECT_LABELS[t.subject],
    statusLabel: TIPOFF_STATUS_LABELS[t.status],
    overdue: isOpen(t) && t.dueOn < todayInShanghai(now),
    files: files.map((f) => ({
      index: f.index,
      fileName: f.fileName,
      contentType: f.contentType,
      size: f.size,
      received: f.receivedAt !== undefined,
      ...(f.receivedAt ? { receivedAt: f.receivedAt } : {}),
    })),
    ...(t.finding ? { findingLabel: TIPOFF_FINDING_LABELS[t.finding] } : {}),
    ...(reward ? { reward: { ...reward, statusLabel: REWARD_STATUS_LABELS[reward.status] } } : {}),
  };
}

const notFound = (id: string) => new NotFoundError(`举报 ${id} 不存在`);
const stale = (id: string) => new ConflictError(`举报 ${id} 已被他人处理，请刷新后重试`);

export async function loadTipoff(store: TenantStore, tipoffId: string): Promise<Tipoff> {
  const p = store.principal;
  if (p.kind !== 'bureau') throw notFound(tipoffId);
  const item = await getItem<Tipoff>(store.shared, tipoffKey(tipoffId));
  if (!item || !jurisdictionCovers(p.jurisdiction, item.jurisdiction)) throw notFound(tipoffId);
  return stripKeys(item) as unknown as Tipoff;
}

export async function listTipoffs(store: TenantStore, query: z.infer<typeof listTipoffsQuery>) {
  const scope = store.bureauScope();
  const page = await queryPage<Tipoff>(
    store.shared,
    {
      index: 'GSI1',
      partition: tipoffsOfProvince(scope),
      beginsWith: `${scope}/`,
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
  const now = store.now();
  return {
    items: page.items.map((i) => tipoffView(stripKeys(i) as unknown as Tipoff, now)),
    nextCursor: page.nextCursor,
  };
}

const isHandler = (store: TenantStore, t: Tipoff): boolean => t.handlers.some((h) => h.userId === store.principal.sub);

export async function tipoffDetail(store: TenantStore, tipoffId: string) {
  const t = await loadTipoff(store, tipoffId);
  const history = await queryAll<AuditEvent>(store.shared, {
    partition: tipoffKey(tipoffId).PK,
    beginsWith: tipoffAuditPrefix,
  });
  return {
    ...tipoffView(t, store.now()),
    history: history.map((e) => stripKeys(e) as unknown as AuditEvent),
    mayRevealContact: t.hasContact && isHandler(store, t),
  };
}

/** Saves a new version of the tip-off with its audit event, in one transaction. */
async function save(
  store: TenantStore,
  before: Tipoff,
  version: number,
  change: Partial<Tipoff>,
  action: string,
  extra: Write[] = [],
) {
  if (version !== before.version) throw stale(before.tipoffId);
  const db = store.shared;
  const at = db.now().toISOString();
  const after: Tipoff = { ...before, ...change, version: before.version + 1, updatedAt: at };
  await transact(db, [
    putVersioned(db, tipoffItem(after), version, stale(before.tipoffId)),
    tipoffAudit(db, actorOf(store.principal), { tipoff: before, action, before, after }, at),
    ...extra,
  ]);
  return tipoffView(after, db.now());
}

const mustBe = (t: Tipoff, statuses: readonly TipoffStatus[], what: string) => {
  if (!statuses.includes(t.status)) throw new RuleError(`举报当前为「${TIPOFF_STATUS_LABELS[t.status]}」，不能${what}`);
};

/** Who may work on an accepted report: its assigned handlers, and the bureau's admin. */
function assertHandlerOrAdmin(store: TenantStore, t: Tipoff) {
  if (store.principal.role !== 'bureau_admin' && !isHandler(store, t))
    throw new ForbiddenError('只有承办人或局领导可以办理该举报');
}

export async function triageTipoff(store: TenantStore, tipoffId: string, body: z.infer<typeof triageBody>) {
  const t = await loadTipoff(store, tipoffId);
  mustBe(t, ['received'], '受理');
  const change: { -readonly [K in keyof Tipoff]?: Tipoff[K] } = {};
  if (body.note) change.triageNote = body.note;
  if (body.mineId) {
    const { profile } = await store.mine<MineItem>(body.mineId);
    if (profile.jurisdiction !== t.jurisdiction && !jurisdictionCovers(t.jurisdiction, profile.jurisdiction))
      throw new ValidationError('煤矿不在举报所属辖区', [{ field: 'body.mineId', message: '不在本辖区' }]);
    change.mineId = profile.mineId;
    change.mineName = profile.name;
  }
  if (body.decision === 'accept') {
    change.status = 'accepted';
    change.publicAnswer = body.publicAnswer ?? '举报已受理，正在核查。';
  } else if (body.decision === 'not_in_scope') {
    change.status = 'not_in_scope';
    change.publicAnswer = body.publicAnswer ?? '经审查，该举报不属于本局受理范围，请向有关部门反映。';
  } else {
    if (!body.duplicateOf || body.duplicateOf === tipoffId)
      throw new ValidationError('请指明与哪一件举报重复', [
        { field: 'body.duplicateOf', message: '必填，且不能是本件' },
      ]);
    await loadTipoff(store, body.duplicateOf);
    change.status = 'duplicate';
    change.duplicateOf = body.duplicateOf;
    change.publicAnswer = body.publicAnswer ?? '该举报与已受理的举报内容相同，已并入办理。';
  }
  return save(store, t, body.version, change, `tipoff.${body.decision === 'accept' ? 'accepted' : body.decision}`);
}

export async function assignTipoff(store: TenantStore, tipoffId: string, body: z.infer<typeof assignBody>) {
  const t = await loadTipoff(store, tipoffId);
  mustBe(t, ['accepted'], '指派承办人');
  const scope = store.bureauScope();
  const handlers = [];
  for (const [i, userId] of [...new Set(body.handlers)].entries()) {
    const u = await findUser(store.shared, userId);
    if (
      !u?.active ||
      !(BUREAU_ROLES as readonly string[]).includes(u.role) ||
      !jurisdictionCovers(scope, u.jurisdiction)
    )
      throw new ValidationError('承办人须为本辖区在岗的监管人员', [
        { field: `body.handlers.${i}`, message: `${userId} 不是本辖区在岗的监管人员` },
      ]);
    handlers.push({ userId: u.userId, name: u.name });
  }
  return save(store, t, body.version, { handlers }, 'tipoff.assigned');
}

/** The record's mine, through the caller's own tenancy check (404 outside its scope). */
async function linkedMine(store: TenantStore, kind: z.infer<typeof linkBody>['kind'], id: string): Promise<string> {
  switch (kind) {
    case 'inspections':
      return (await getInspection(store, id)).mineId;
    case 'cases':
      return (await loadCase(store, id)).c.mineId;
    case 'violations':
      return (await getViolation(store, id)).mineId;
    case 'penalties':
      return (await loadPenalty(store, id)).penalty.mineId;
  }
}

export async function linkRecord(store: TenantStore, tipoffId: string, body: z.infer<typeof linkBody>) {
  const t = await loadTipoff(store, tipoffId);
  assertHandlerOrAdmin(store, t);
  mustBe(t, ['accepted', 'concluded'], '关联记录');
  if (!t.mineId)
    throw new RuleError('请先在受理时确定被举报的煤矿', [{ field: 'body.id', message: '举报尚未对应到煤矿' }]);
  const mineId = await linkedMine(store, body.kind, body.id);
  if (mineId !== t.mineId)
    throw new ValidationError('关联的记录不属于被举报的煤矿', [{ field: 'body.id', message: `属于煤矿 ${mineId}` }]);
  if (t.links[body.kind].includes(body.id)) return tipoffView(t, store.now());
  return save(
    store,
    t,
    body.version,
    { links: { ...t.links, [body.kind]: [...t.links[body.kind], body.id] } },
    'tipoff.linked',
  );
}

export async function concludeTipoff(store: TenantStore, tipoffId: string, body: z.infer<typeof concludeBody>) {
  const t = await loadTipoff(store, tipoffId);
  assertHandlerOrAdmin(store, t);
  mustBe(t, ['accepted'], '办结');
  if (t.handlers.length === 0) throw new RuleError('请先指派承办人');
  return save(
    store,
    t,
    body.version,
    {
      status: 'concluded',
      finding: body.finding,
      publicAnswer: body.publicAnswer,
      concludedAt: store.now().toISOString(),
    },
    'tipoff.concluded',
  );
}

export async function proposeReward(store: TenantStore, tipoffId: string, body: z.infer<typeof proposeRewardBody>) {
  const t = await loadTipoff(store, tipoffId);
  assertHandlerOrAdmin(store, t);
  mustBe(t, ['concluded'], '提出奖励');
  if (t.finding !== 'founded' && t.finding !== 'partly_founded')
    throw new RuleError('只有属实或部分属实的举报才能奖励');
  if (t.staffOrRelative) throw new RuleError('举报人声明为负有监管职责的人员或其近亲属，不予奖励');
  if (t.reward) throw new RuleError('该举报已提出奖励');
  const { scale } = (await tipoffPolicy.inForce(store.shared, t.jurisdiction)).values;
  let basis: Pick<Reward, 'subject' | 'penaltyId' | 'fineYuan' | 'level' | 'deaths'>;
  let amountYuan: number;
  const links = { ...t.links };
  if (body.subject === 'accident_concealment') {
    basis = { subject: body.subject, level: body.level, deaths: body.deaths };
    amountYuan = rewardYuan(basis as Parameters<typeof rewardYuan>[0], scale);
  } else {
    const { penalty } = await loadPenalty(store, body.penaltyId);
    if (penalty.mineId !== t.mineId)
      throw new ValidationError('罚款不属于被举报的煤矿', [{ field: 'body.penaltyId', message: '不属于被举报的煤矿' }]);
    if (penalty.kind !== 'fine' || !penalty.amountYuan)
      throw new ValidationError('奖励按罚款金额计算，请选择罚款决定', [
        { field: 'body.penaltyId', message: '不是罚款' },
      ]);
    basis = { subject: body.subject, penaltyId: body.penaltyId, fineYuan: penalty.amountYuan };
    amountYuan = rewardYuan({ subject: body.subject, fineYuan: penalty.amountYuan }, scale);
    if (!links.penalties.includes(body.penaltyId)) links.penalties = [...links.penalties, body.penaltyId];
  }
  const reward: Reward = {
    status: 'proposed',
    ...basis,
    amountYuan,
    proposedBy: actorOf(store.principal),
    proposedAt: store.now().toISOString(),
  };
  return save(store, t, body.version, { reward, links }, 'tipoff.reward_proposed');
}

/** Four-eyes: a legal reviewer who did not propose it (an admin is not exempt: the route admits reviewers only). */
export async function approveReward(store: TenantStore, tipoffId: string, version: number) {
  const t = await loadTipoff(store, tipoffId);
  if (t.reward?.status !== 'proposed') throw new RuleError('没有待审核的奖励');
  if (t.reward.proposedBy.sub === store.principal.sub) throw new ForbiddenError('奖励须由提出人以外的法制审核人员审核');
  const reward: Reward = {
    ...t.reward,
    status: 'approved',
    approvedBy: actorOf(store.principal),
    approvedAt: store.now().toISOString(),
  };
  return save(store, t, version, { reward }, 'tipoff.reward_approved');
}

export async function payReward(store: TenantStore, tipoffId: string, body: z.infer<typeof payRewardBody>) {
  const t = await loadTipoff(store, tipoffId);
  if (t.reward?.status !== 'approved') throw new RuleError('奖励尚未审核通过，不能登记发放');
  if (isFutureBusinessDate(body.paidOn, store.now()))
    throw new ValidationError('发放日期不能晚于今天', [{ field: 'body.paidOn', message: '不能晚于今天' }]);
  const reward: Reward = {
    ...t.reward,
    status: 'paid',
    paidOn: body.paidOn,
    paidAmountYuan: body.amountYuan,
    paidBy: actorOf(store.principal),
  };
  return save(store, t, body.version, { reward }, 'tipoff.reward_paid');
}

/** The reporter's contact, to an assigned handler only; the reading is audited (who, when), the contact is not. */
export async function revealContact(store: TenantStore, tipoffId: string) {
  const t = await loadTipoff(store, tipoffId);
  if (!isHandler(store, t)) throw new ForbiddenError('只有该举报的承办人可以查看举报人联系方式');
  const contact = await getItem<{ name?: string; mobile: string }>(store.shared, contactKey(tipoffId));
  if (!contact) throw new NotFoundError('举报人未留联系方式');
  const db = store.shared;
  const at = db.now().toISOString();
  await transact(db, [tipoffAudit(db, actorOf(store.principal), { tipoff: t, action: 'tipoff.contact_read' }, at)]);
  return { ...(contact.name ? { name: contact.name } : {}), mobile: contact.mobile };
}

const DOWNLOAD_SECONDS = 5 * 60;

/**
 * A 5-minute link to a received file, to the version that was checked at confirmation; for the report's assigned
 * handlers and the bureau's admin (others of the jurisdiction 403, outside it 404). Each link given is audited.
 */
export async function tipoffFileLink(store: TenantStore, files: () => ObjectStore, tipoffId: string, index: number) {
  const t = await loadTipoff(store, tipoffId);
  assertHandlerOrAdmin(store, t);
  const file = t.files.find((f) => f.index === index);
  if (!file) throw new NotFoundError(`举报 ${tipoffId} 没有第 ${index + 1} 个附件`);
  if (!file.receivedAt) throw new RuleError('举报人未上传该附件或上传未确认，文件未收到');
  const db = store.shared;
  const at = db.now().toISOString();
  await transact(db, [
    tipoffAudit(
      db,
      actorOf(store.principal),
      { tipoff: t, action: 'tipoff.file_downloaded', reason: file.fileName },
      at,
    ),
  ]);
  const url = await files().downloadUrl({
    key: file.key,
    versionId: file.versionId,
    fileName: file.fileName,
    contentType: file.contentType,
    expiresInSeconds: DOWNLOAD_SECONDS,
  });
  return {
    url,
    expiresAt: new Date(db.now().getTime() + DOWNLOAD_SECONDS * 1000).toISOString(),
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
  };
}
